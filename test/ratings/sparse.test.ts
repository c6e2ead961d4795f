/**
 * The Newton-CG path (above DENSE_MODEL_LIMIT models) against the dense Newton path on a log small
 * enough for both: the same ratings, and the standard errors of the conjugate-gradient solves equal
 * to the dense inverse information's, under the mean anchor, a model anchor, two groups that never
 * met and the weak prior. Past the work limit the standard errors are NaN with the reason.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fitBradleyTerry, fitSparse } from "../../empirical/ratings/bradley-terry.js";
import type { Comparisons } from "../../empirical/ratings/comparisons.js";
import { priorPlan } from "../../empirical/ratings/components.js";
import { halvingLineSearch } from "../../empirical/ratings/newton.js";
import { newtonCgBradleyTerry, sparseStandardErrors } from "../../empirical/ratings/sparse.js";
import type { RatingOptions } from "../../empirical/ratings/types.js";
import { standardErrorNoteText } from "../../empirical/ratings/words.js";
import { runCli } from "../helpers/cli.js";

/** A seeded sparse log: `n` models, each meeting a few random others; `split` cuts it into two groups. */
function sparseLog(n: number, seed: string, split = false): Comparisons {
  const rng = seedrandom.alea(seed);
  const comp: Comparisons = { models: [], i: [], j: [], winsI: [], winsJ: [], ties: [] };
  for (let k = 0; k < n; k++) comp.models.push(`m${k}`);
  const strength = comp.models.map(() => 2 * rng() - 1);
  const half = Math.floor(n / 2);
  for (let i = 0; i < n; i++)
    for (let e = 0; e < 3; e++) {
      const lo = split && i >= half ? half : 0;
      const hi = split && i < half ? half : n;
      const j = lo + Math.floor(rng() * (hi - lo));
      if (j === i) continue;
      const games = 4 + Math.floor(rng() * 6);
      let w = 0;
      let t = 0;
      for (let g = 0; g < games; g++) {
        const u = rng();
        const p = 1 / (1 + Math.exp(strength[j]! - strength[i]!));
        if (u < 0.1) t++;
        else if (u < 0.1 + 0.9 * p) w++;
      }
      comp.i.push(i);
      comp.j.push(j);
      comp.winsI.push(w);
      comp.ties.push(t);
      comp.winsJ.push(games - w - t);
    }
  return comp;
}

const CASES: Array<[string, Comparisons, RatingOptions]> = [
  ["mean anchor", sparseLog(60, "a"), {}],
  ["model anchor", sparseLog(60, "b"), { anchor: { kind: "model", model: "m7" } }],
  ["two groups that never met", sparseLog(60, "c", true), { anchor: { kind: "model", model: "m40" } }],
  ["the weak prior", sparseLog(40, "d"), { prior: "always" }],
];

describe("Newton-CG against dense Newton", () => {
  it.each(CASES)("%s: the same ratings and standard errors", (_, comp, opts) => {
    const dense = fitBradleyTerry(comp, opts);
    const sparse = fitSparse(comp, priorPlan(comp, opts.prior), opts);
    expect(sparse.converged).toBe(true);
    expect(sparse.standardErrorNote).toBeUndefined();
    expect(sparse.groups).toEqual(dense.groups);
    for (let k = 0; k < comp.models.length; k++) {
      expect(sparse.ratings[k]!).toBeCloseTo(dense.ratings[k]!, 8);
      expect(sparse.standardErrors[k]!).toBeCloseTo(dense.standardErrors[k]!, 7);
    }
    expect(dense.standardErrors.filter((s) => s > 0.05).length).toBeGreaterThan(comp.models.length - 3);
  });

  it("past the work limit: NaN standard errors and the reason, before the second solve", () => {
    const comp = sparseLog(60, "a");
    const fit = fitSparse(comp, priorPlan(comp, "auto"), { maxStandardErrorWork: 1000 });
    expect(fit.standardErrors.every((s) => Number.isNaN(s))).toBe(true);
    expect(fit.standardErrorNote).toMatchObject({
      code: "over-work-limit",
      atLeast: true,
      solves: 60,
      steps: 1,
    });
    expect(standardErrorNoteText(fit.standardErrorNote!)).toMatch(
      /^standard errors not computed: at least \S+ pair products estimated \(60 conjugate-gradient solves of at least 1 step over \d+ pairs\) exceed the limit of 1\.00e\+3 \(maxStandardErrorWork\)/,
    );
  });

  it("two models: r_A - r_B = log 2 for 2 wins and 1 loss, SE sqrt(3/8) each under the mean anchor", () => {
    const comp: Comparisons = { models: ["A", "B"], i: [0], j: [1], winsI: [2], winsJ: [1], ties: [0] };
    const fit = newtonCgBradleyTerry(comp, [0], [false, false], 1, { tolerance: 1e-12, maxIterations: 50 });
    expect(fit.x[0]!).toBeCloseTo(Math.log(2), 12);
    // information n p (1 - p) = 3 (2/3)(1/3) = 2/3; Var(r_A - r_B) = 3/2, each half of it is 3/8
    const se = sparseStandardErrors(fit.information, { of: [0, 0], count: 1 }, { kind: "mean" });
    expect(se.standardErrors[0]!).toBeCloseTo(Math.sqrt(3 / 8), 10);
    expect(se.standardErrors[1]!).toBeCloseTo(Math.sqrt(3 / 8), 10);
  });
});

describe("the shared step-halving line search", () => {
  it("halves until the value does not drop, and gives up after 60 halvings", () => {
    const f = (y: Float64Array) => ({ value: -((y[0]! - 1) ** 2) });
    expect(
      Array.from(halvingLineSearch(Float64Array.of(0), Float64Array.of(3), { value: -1 }, f)!.x),
    ).toEqual([1.5]);
    expect(
      halvingLineSearch(Float64Array.of(0), Float64Array.of(1), { value: 0 }, () => ({ value: -1 })),
    ).toBeNull();
  });
});

describe("ratings above 2,000 models", () => {
  it("a ring of 4,000 models: the standard errors' work passes the limit within 157 CG steps, the fit line says so and SE is -", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mm-sparse-"));
    try {
      const log = join(dir, "ring.csv");
      const rows = ["model_a,model_b,winner"];
      // each model beats the next 3 times and loses once: the MLE exists (every rating 0), and a CG solve
      // on a ring needs far more than the 157 steps after which 4,000 solves would pass the limit
      for (let i = 0; i < 4000; i++)
        for (const w of ["model_a", "model_a", "model_a", "model_b"])
          rows.push(`m${i},m${(i + 1) % 4000},${w}`);
      writeFileSync(log, `${rows.join("\n")}\n`);
      const r = await runCli(["ratings", log, "--task", "overall"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\n +1 +m0 +0\.000 +- +1000 +-\.\.- /);
      expect(r.stdout).toContain(
        "standard errors not computed: at least 5.02e+9 pair products estimated (4000 conjugate-gradient solves of at least 157 steps over 4000 pairs) exceed the limit of 5.00e+9 (raise it with --max-se-work N); use the bootstrap for intervals",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
