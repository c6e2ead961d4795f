import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fitBradleyTerry, fitBradleyTerryMM } from "../../empirical/ratings/bradley-terry.js";
import { type Comparisons, existence } from "../../empirical/ratings/comparisons.js";
import { fitDavidson } from "../../empirical/ratings/davidson.js";
import { ELO_PER_LOGIT } from "../../empirical/ratings/types.js";
import { wilson, winrates } from "../../empirical/ratings/winrate.js";
import { anchorText, priorReasonText } from "../../empirical/ratings/words.js";
import { InputError } from "../../src/errors.js";

function comp(models: string[], rows: Array<[number, number, number, number, number?]>): Comparisons {
  return {
    models,
    i: rows.map((r) => r[0]),
    j: rows.map((r) => r[1]),
    winsI: rows.map((r) => r[2]),
    winsJ: rows.map((r) => r[3]),
    ties: rows.map((r) => r[4] ?? 0),
  };
}

/** Random battles among `n` models with ratings `theta` (and a share of ties), aggregated per pair. */
function synthetic(seed: string, theta: number[], perPair: number, tieShare = 0): Comparisons {
  const rng = seedrandom.alea(seed);
  const rows: Array<[number, number, number, number, number]> = [];
  for (let i = 0; i < theta.length; i++)
    for (let j = i + 1; j < theta.length; j++) {
      const p = 1 / (1 + Math.exp(-(theta[i]! - theta[j]!)));
      let w = 0;
      let l = 0;
      let t = 0;
      for (let k = 0; k < perPair; k++) {
        if (rng() < tieShare) t++;
        else if (rng() < p) w++;
        else l++;
      }
      rows.push([i, j, w, l, t]);
    }
  return comp(
    theta.map((_, k) => `m${k}`),
    rows,
  );
}

describe("Bradley-Terry by hand", () => {
  // A tree: A-B only (A wins 2, B wins 1) and B-C only (B wins 3, C wins 1). On a tree the likelihood
  // separates by edge, so each difference is the edge's log-odds: r_A - r_B = ln 2, r_B - r_C = ln 3.
  // Observed information per edge: n p (1 - p) = 3 (2/3)(1/3) = 2/3 (A-B) and 4 (3/4)(1/4) = 3/4 (B-C).
  // With B held at 0 the information matrix over (A, C) is diag(2/3, 3/4): Var r_A = 3/2, Var r_C = 4/3.
  const tree = comp(
    ["A", "B", "C"],
    [
      [0, 1, 2, 1],
      [1, 2, 3, 1],
    ],
  );

  it("anchored at B: ratings ln 2, 0, -ln 3 and standard errors sqrt(3/2), 0, sqrt(4/3)", () => {
    const fit = fitBradleyTerry(tree, { anchor: { kind: "model", model: "B" } });
    expect(fit.converged).toBe(true);
    expect(fit.prior.applied).toBe(false);
    expect(fit.gradientNorm).toBeLessThan(1e-10);
    expect(fit.ratings[0]).toBeCloseTo(Math.log(2), 12);
    expect(fit.ratings[1]).toBe(0);
    expect(fit.ratings[2]).toBeCloseTo(-Math.log(3), 12);
    expect(fit.standardErrors[0]).toBeCloseTo(Math.sqrt(3 / 2), 10);
    expect(fit.standardErrors[1]).toBeCloseTo(0, 12);
    expect(fit.standardErrors[2]).toBeCloseTo(Math.sqrt(4 / 3), 10);
    expect(fit.elo[0]! - fit.elo[1]!).toBeCloseTo((400 / Math.LN10) * Math.log(2), 9);
    expect(fit.anchor).toEqual({ kind: "model", model: "B", perGroup: false });
    expect(anchorText(fit.anchor)).toBe("B = 0");
  });

  it("mean anchor: r - mean(r), with Var((2 r_A - r_C)/3) = 22/27, Var(-(r_A + r_C)/3) = 17/54, Var((2 r_C - r_A)/3) = 41/54", () => {
    const fit = fitBradleyTerry(tree);
    const mean = (Math.log(2) - Math.log(3)) / 3;
    expect(fit.ratings[0]).toBeCloseTo(Math.log(2) - mean, 12);
    expect(fit.ratings[1]).toBeCloseTo(-mean, 12);
    expect(fit.ratings[2]).toBeCloseTo(-Math.log(3) - mean, 12);
    expect(fit.standardErrors[0]).toBeCloseTo(Math.sqrt(22 / 27), 10);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(17 / 54), 10);
    expect(fit.standardErrors[2]).toBeCloseTo(Math.sqrt(41 / 54), 10);
  });

  it("a symmetric cycle (A>B, B>C, C>A, each 2-1): ratings 0; information (3/4) x the triangle's Laplacian", () => {
    // Each pair: n = 3, p = 1/2 at the MLE, weight n p (1 - p) = 3/4. Laplacian K = 3I - J has
    // pseudo-inverse (1/3)(I - J/3), so under the mean anchor Var r_i = (4/3)(1/3)(2/3) = 8/27. With A
    // held at 0 the information over (B, C) is (3/4)[[2, -1], [-1, 2]], whose inverse has diagonal 8/9.
    const cyc = comp(
      ["A", "B", "C"],
      [
        [0, 1, 2, 1],
        [1, 2, 2, 1],
        [0, 2, 1, 2],
      ],
    );
    const mean = fitBradleyTerry(cyc);
    for (let k = 0; k < 3; k++) {
      expect(mean.ratings[k]).toBeCloseTo(0, 12);
      expect(mean.standardErrors[k]).toBeCloseTo(Math.sqrt(8 / 27), 10);
    }
    const atA = fitBradleyTerry(cyc, { anchor: { kind: "model", model: "A" } });
    expect(atA.standardErrors[1]).toBeCloseTo(Math.sqrt(8 / 9), 10);
    expect(atA.standardErrors[2]).toBeCloseTo(Math.sqrt(8 / 9), 10);
  });

  it("ties count half a win: one tie between two models is the same fit as one win each (halved)", () => {
    const tie = fitBradleyTerry(
      comp(
        ["A", "B", "C"],
        [
          [0, 1, 1, 0, 2],
          [1, 2, 1, 1],
        ],
      ),
    );
    const half = fitBradleyTerry(
      comp(
        ["A", "B", "C"],
        [
          [0, 1, 2, 1],
          [1, 2, 1, 1],
        ],
      ),
    );
    tie.ratings.forEach((r, k) => {
      expect(r).toBeCloseTo(half.ratings[k]!, 12);
    });
  });
});

describe("Newton against Hunter's MM", () => {
  it("agree to 1e-8 on seeded synthetic battles (8 models)", () => {
    for (const seed of ["a", "b", "c"]) {
      const c = synthetic(seed, [1.2, 0.8, 0.5, 0.1, 0, -0.3, -0.9, -1.4], 25, 0.1);
      const nt = fitBradleyTerry(c);
      const mm = fitBradleyTerryMM(c);
      expect(nt.converged && mm.converged).toBe(true);
      for (let k = 0; k < 8; k++) expect(Math.abs(nt.ratings[k]! - mm.ratings[k]!)).toBeLessThan(1e-8);
    }
  });

  it("agree to 1e-8 with the weak prior (a model that never wins)", () => {
    const c = comp(
      ["A", "B", "C", "D"],
      [
        [0, 1, 3, 2],
        [1, 2, 4, 1],
        [0, 2, 5, 2],
        [0, 3, 4, 0],
        [1, 3, 2, 0],
      ],
    );
    const nt = fitBradleyTerry(c);
    const mm = fitBradleyTerryMM(c);
    expect(nt.prior.applied).toBe(true);
    for (let k = 0; k < 4; k++) expect(Math.abs(nt.ratings[k]! - mm.ratings[k]!)).toBeLessThan(1e-8);
  });
});

describe("ratings that do not exist", () => {
  const neverWins = comp(
    ["A", "B", "C"],
    [
      [0, 1, 3, 2],
      [0, 2, 4, 0],
      [1, 2, 5, 0],
    ],
  );

  it("existence names the model that never wins", () => {
    const ex = existence(neverWins);
    expect(ex.exists).toBe(false);
    expect(ex.neverWin).toEqual(["C"]);
  });

  it("auto adds one virtual tie per model: finite ratings and standard errors, the reason reported", () => {
    const fit = fitBradleyTerry(neverWins);
    expect(fit.prior.applied).toBe(true);
    expect(priorReasonText(fit.prior.reason!)).toContain("never wins: C");
    expect(fit.converged).toBe(true);
    for (const x of [...fit.ratings, ...fit.standardErrors]) expect(Number.isFinite(x)).toBe(true);
    expect(fit.ratings[2]).toBeLessThan(fit.ratings[1]!);
  });

  it("prior none refuses with an InputError naming the model", () => {
    expect(() => fitBradleyTerry(neverWins, { prior: "none" })).toThrow(InputError);
    expect(() => fitBradleyTerry(neverWins, { prior: "none" })).toThrow(/never wins: C/);
  });

  it("a model with no judgements at all is rated 0 by the prior, with the prior's standard error", () => {
    const fit = fitBradleyTerry(comp(["A", "B", "Z"], [[0, 1, 3, 2]]), {
      anchor: { kind: "model", model: "A" },
    });
    expect(priorReasonText(fit.prior.reason!)).toContain("no judgements: Z");
    expect(Number.isFinite(fit.ratings[2]!)).toBe(true);
  });

  it("iteration cap: a fit stopped early says it did not converge", () => {
    const c = synthetic("cap", [1, 0, -1], 30);
    const fit = fitBradleyTerry(c, { maxIterations: 1 });
    expect(fit.iterations).toBe(1);
    expect(fit.converged).toBe(false);
  });
});

describe("Davidson's tie model", () => {
  it("a symmetric cycle with ties: ratings 0 and nu = 2 tau / (1 - tau) for tie share tau", () => {
    // At equal ratings P(tie) = nu / (2 + nu); the MLE matches the observed share tau = 3/9.
    const cyc = comp(
      ["A", "B", "C"],
      [
        [0, 1, 2, 1, 1],
        [1, 2, 2, 1, 1],
        [0, 2, 1, 2, 1],
      ],
    );
    const fit = fitDavidson(cyc);
    expect(fit.converged).toBe(true);
    for (const r of fit.ratings) expect(r).toBeCloseTo(0, 10);
    const tau = 3 / 12;
    expect(fit.tieParameter!.nu).toBeCloseTo((2 * tau) / (1 - tau), 10);
  });

  it("orders models like Bradley-Terry on synthetic data and refuses data without ties", () => {
    const c = synthetic("dv", [1, 0.3, -0.2, -1.1], 60, 0.2);
    const dv = fitDavidson(c);
    const bt = fitBradleyTerry(c);
    expect(dv.converged).toBe(true);
    const order = (r: number[]) => r.map((_, k) => k).sort((a, b) => r[b]! - r[a]!);
    expect(order(dv.ratings)).toEqual(order(bt.ratings));
    expect(() => fitDavidson(synthetic("nt", [1, 0, -1], 20))).toThrow(/needs ties/);
  });

  it("keeps a model that never loses at a finite rating (the prior is a half win and half loss)", () => {
    // A never loses (two wins over B); B beats C once and ties with C once. Without the prior A's
    // rating has no maximum; with a virtual tie as prior (the earlier rule) such a model drifted off
    // (rating about 56, standard error 1e6) while the fit reported convergence.
    const c = comp(
      ["A", "B", "C"],
      [
        [0, 1, 2, 0, 0],
        [1, 2, 1, 0, 1],
      ],
    );
    const fit = fitDavidson(c);
    expect(fit.converged).toBe(true);
    expect(fit.prior.applied).toBe(true);
    for (const r of fit.ratings) expect(Math.abs(r)).toBeLessThan(5);
    for (const se of fit.standardErrors) expect(se).toBeLessThan(5);
    expect(fit.ratings[0]).toBeGreaterThan(fit.ratings[1]!);
    expect(fit.ratings[1]).toBeGreaterThan(fit.ratings[2]!);
  });
});

describe("winrates", () => {
  it("overall and per-opponent winrates with Wilson intervals", () => {
    const w = winrates(
      comp(
        ["A", "B", "C"],
        [
          [0, 1, 3, 1],
          [0, 2, 1, 1, 2],
        ],
      ),
    );
    // A: 3 of 4 against B, 1 win + 2 ties (= 2) of 4 against C: 5 / 8 overall
    expect(w.overall[0]!.value).toBeCloseTo(5 / 8, 12);
    expect(w.versus[0]![1]!.value).toBeCloseTo(0.75, 12);
    expect(w.versus[1]![2]).toBeNull();
    expect(w.pairwise[0]).toBeCloseTo((0.75 + 0.5) / 2, 12);
    const ci = wilson(8, 10);
    expect(ci.lower).toBeCloseTo(0.4901624, 6);
    expect(ci.upper).toBeCloseTo(0.9433178, 6);
  });
});

describe("Elo scale", () => {
  it("400 / ln 10 Elo per logit", () => {
    expect(ELO_PER_LOGIT).toBeCloseTo(173.7177927613007, 10);
  });
});
