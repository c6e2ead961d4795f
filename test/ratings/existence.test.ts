/**
 * Existence and boundaries: fits that have no finite maximum are refused or regularised with the
 * reason said, boundary estimates are reported as such, and the prior and the ranks respect the
 * components of models that met. The examples are the ones that used to print wrong answers.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fitNoise, type NoiseObservations } from "../../empirical/calibrate.js";
import { fitBradleyTerry } from "../../empirical/ratings/bradley-terry.js";
import { type Comparisons, comparisonsFrom } from "../../empirical/ratings/comparisons.js";
import { davidsonReason, fitDavidson } from "../../empirical/ratings/davidson.js";
import { groupRanks, ratingLeaderboards } from "../../empirical/ratings/leaderboard.js";
import { anchorText, mleReasonText, priorReasonText } from "../../empirical/ratings/words.js";
import { InputError } from "../../src/errors.js";
import { parsePairwise } from "../../src/io/pairwise.js";
import { runCli } from "../helpers/cli.js";

const pair = (winsI: number, ties: number, winsJ: number): Comparisons => ({
  models: ["A", "B"],
  i: [0],
  j: [1],
  winsI: [winsI],
  winsJ: [winsJ],
  ties: [ties],
});

describe("Davidson's tie model: a finite maximum, ties counted as ties", () => {
  it("A beats B 3 times with 2 ties: no maximum (ratings and nu grow together); refused under prior none", () => {
    const c = pair(3, 2, 0);
    expect(davidsonReason(c)).toEqual({ code: "ties-unbounded" });
    expect(mleReasonText(davidsonReason(c)!)).toMatch(/nu grow without bound/);
    expect(() => fitDavidson(c, { prior: "none" })).toThrow(InputError);
    expect(() => fitDavidson(c, { prior: "none" })).toThrow(/nu grow without bound/);
    // the old check counted ties as half wins, found B with a "win" and printed nu = 496185 +- 1.07e11
    const fit = fitDavidson(c);
    expect(fit.prior.applied).toBe(true);
    expect(priorReasonText(fit.prior.reason!)).toMatch(/nu grow without bound/);
    expect(fit.converged).toBe(true);
    expect(fit.tieParameter!.nu).toBeLessThan(10);
    expect(Number.isFinite(fit.tieParameter!.standardError)).toBe(true);
  });

  it("one win of B makes the maximum finite: no prior", () => {
    const c = pair(3, 2, 1);
    expect(davidsonReason(c)).toBeNull();
    const fit = fitDavidson(c, { prior: "none" });
    expect(fit.prior.applied).toBe(false);
    expect(fit.converged).toBe(true);
    // closed form for two models: P(win) : P(tie) : P(loss) = 3 : 2 : 1 at the maximum, so
    // pi_A / pi_B = 3 and nu = 2 / sqrt(3)
    expect(fit.ratings[0]! - fit.ratings[1]!).toBeCloseTo(Math.log(3), 8);
    expect(fit.tieParameter!.nu).toBeCloseTo(2 / Math.sqrt(3), 8);
  });

  it("a chain where every win is by a margin: A > B > C with ties only between neighbours of equal margin", () => {
    // A beats B, B beats C, A ties C: delta = (2, 1, 0) gives A-B = 1, B-C = 1 but |A-C| = 2 > 1, so
    // the constraints are infeasible and the maximum is finite
    const c: Comparisons = {
      models: ["A", "B", "C"],
      i: [0, 1, 0],
      j: [1, 2, 2],
      winsI: [1, 1, 0],
      winsJ: [0, 0, 0],
      ties: [0, 0, 1],
    };
    expect(davidsonReason(c)).toBeNull();
    // and without the A-C tie C never wins and A never loses: Hunter's condition fails
    const d: Comparisons = { ...c, ties: [0, 0, 0], i: [0, 1], j: [1, 2], winsI: [1, 1], winsJ: [0, 0] };
    expect(davidsonReason(d)).toEqual({
      code: "hunter-condition",
      unjudged: [],
      neverWin: ["C"],
      neverLose: ["A"],
    });
    expect(mleReasonText(davidsonReason(d)!)).toBe("never wins: C; never loses: A");
  });
});

/** Observations of one task with quality differences `d` and wins `s` of `n`. */
function obs(cells: Array<[number, number, number]>): NoiseObservations {
  return {
    tasks: ["t"],
    task: cells.map(() => 0),
    d: cells.map((c) => c[0]),
    s: cells.map((c) => c[1]),
    n: cells.map((c) => c[2]),
    a: cells.map((_, k) => `a${k}`),
    b: cells.map((_, k) => `b${k}`),
  };
}

describe("calibrate: beta >= 0 and sigma > 0, boundaries reported as such", () => {
  it("anti-correlated judgements: beta = 0 on the boundary (was beta = -1.51), interval 0..U", () => {
    const o = obs([
      [0.5, 10, 40],
      [0.3, 12, 40],
      [-0.4, 30, 40],
    ]);
    const fit = fitNoise(o, "logit");
    expect(fit.boundary).toBe("zero");
    expect(fit.value).toBe(0);
    expect(fit.lower).toBe(0);
    expect(fit.upper!).toBeGreaterThan(0);
    // U is where the log-likelihood has fallen 1.92 below its value at 0
    const ll = (b: number) =>
      o.d.reduce((s, d, k) => {
        const p = 1 / (1 + Math.exp(-b * d));
        return s + o.s[k]! * Math.log(p) + (o.n[k]! - o.s[k]!) * Math.log(1 - p);
      }, 0);
    expect(ll(0) - ll(fit.upper!)).toBeCloseTo(3.841458820694124 / 2, 6);
    const probit = fitNoise(o, "probit");
    expect(probit.boundary).toBe("infinite");
    expect(probit.value).toBeNull();
  });

  it("the better model always wins: beta = infinity with lower bound L (was beta = 28.2 with SE 7.7e5)", () => {
    const o = obs([
      [0.5, 20, 20],
      [0.2, 15, 15],
      [-0.3, 0, 10],
      [0, 3, 6],
    ]);
    const fit = fitNoise(o, "logit");
    expect(fit.boundary).toBe("infinite");
    expect(fit.value).toBeNull();
    expect(fit.upper).toBeNull();
    expect(fit.standardError).toBeNull();
    const sup = 6 * Math.log(0.5);
    const ll = (b: number) =>
      o.d.reduce((s, d, k) => {
        const p = 1 / (1 + Math.exp(-b * d));
        return s + o.s[k]! * Math.log(p) + (o.n[k]! - o.s[k]!) * Math.log1p(-p);
      }, 0);
    expect(sup - ll(fit.lower!)).toBeCloseTo(3.841458820694124 / 2, 6);
    const probit = fitNoise(o, "probit");
    expect(probit.boundary).toBe("zero");
    expect(probit.value).toBe(0);
    expect(probit.upper!).toBeGreaterThan(0);
  });

  it("a tie on a cell breaks separation: a finite beta", () => {
    const fit = fitNoise(
      obs([
        [0.5, 19.5, 20],
        [-0.3, 0, 10],
      ]),
      "logit",
    );
    expect(fit.boundary).toBeNull();
    expect(fit.value!).toBeGreaterThan(0);
  });
});

describe("components: the prior only where needed, ranks only within groups", () => {
  const base = [
    "model_a,model_b,winner",
    ...["a,b,model_a", "a,b,model_b", "a,b,model_a", "b,c,model_a", "b,c,model_b", "c,d,model_a"],
    ...["c,d,model_b", "d,a,model_a", "a,c,model_a", "c,a,model_a", "b,d,model_a", "d,b,model_a"],
  ].join("\n");
  const without = parsePairwise(`${base}\n`, "base.csv");
  const withEF = parsePairwise(`${base}\ne,f,model_a\n`, "ef.csv");

  it("one unrelated judgement e,f,model_a leaves a..d's ratings exactly as they were (it shrank them by 11%)", () => {
    const f0 = fitBradleyTerry(comparisonsFrom(without, { overall: true }));
    const f1 = fitBradleyTerry(comparisonsFrom(withEF, { overall: true }));
    expect(f0.prior.applied).toBe(false);
    expect(f1.prior.applied).toBe(true);
    expect(f1.prior.reason).toMatchObject({ code: "no-mle", everyModel: false });
    expect(priorReasonText(f1.prior.reason!)).toMatch(/among e, f: .*of those components only/);
    for (let k = 0; k < 4; k++) {
      expect(f1.ratings[k]!).toBeCloseTo(f0.ratings[k]!, 9);
      expect(f1.standardErrors[k]!).toBeCloseTo(f0.standardErrors[k]!, 9);
    }
    expect(f1.groups).toEqual([0, 0, 0, 0, 1, 1]);
    expect(f1.ratings[4]! + f1.ratings[5]!).toBeCloseTo(0, 12); // its own mean anchor
    expect(f1.anchor).toEqual({ kind: "mean", perGroup: true });
    expect(anchorText(f1.anchor)).toBe("mean rating 0 in each group");
  });

  it("ranks are within groups: e is first in its group, and a..d keep their ranks", () => {
    const [t0] = ratingLeaderboards(without);
    const [t1] = ratingLeaderboards(withEF);
    expect(t1!.rows.slice(0, 4).map((r) => r.rank)).toEqual(t0!.rows.map((r) => r.rank));
    expect(t1!.rows.slice(4).map((r) => [r.group, r.rank])).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(groupRanks([3, 1, 2, 5], [0, 0, 0, 1])).toEqual([1, 3, 2, 1]);
  });

  it("the text output marks the groups as not comparable", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "mm-ef-")), "ef.csv");
    writeFileSync(file, `${base}\ne,f,model_a\n`);
    const r = await runCli(["ratings", file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/not comparable/);
    expect(r.stdout).toMatch(/^\s+group\s+rank\s+model/m);
  });
});
