/**
 * Benchmark-weight designs of sequential entry against brute force: every tie branch of sequential
 * entry at every b of a simplex grid, from `sequentialBranches` with b set, not from solvers/design.
 */
import { describe, expect, it } from "vitest";
import { absoluteTolerance } from "../../solvers/bestResponse/index.js";
import { designBenchmark } from "../../solvers/design/index.js";
import { sequentialWeightsDesign } from "../../solvers/design/sequentialWeights.js";
import { sequentialBranches } from "../../solvers/sequential.js";
import { parseMarket } from "../../src/io/marketFile.js";
import type { Market } from "../../src/model/types.js";
import { rng } from "../helpers/random.js";
import { boundsWithin as bounds, simplexGrid as grid, withB } from "./simplex.js";

const space = { kind: "top-k", k: 1 } as const;

function randomMarket(seed: number): Market {
  const r = rng(`seq-weights-${seed}`);
  const q = () => Array.from({ length: 3 }, () => Math.round(r() * 20) / 20);
  return parseMarket({
    tasks: Array.from({ length: 3 }, (_, t) => ({ name: `t${t}`, weight: 1 + Math.floor(r() * 4) })),
    selection: { rule: "logit", beta: 2 + 8 * r() },
    producers: [{ name: "I", quality: q() }],
  });
}

/** Final welfare of every tie branch of two entrants at `b`. */
function branches(m: Market, rule: string, b: readonly number[]): number[] {
  return sequentialBranches(withB(m, b), 2, space, rule).branches.map(
    (x) => x.steps[x.steps.length - 1]!.welfare,
  );
}

describe("benchmark-weight LPs for sequential entry", () => {
  it("agree with brute force over a simplex grid on random small markets", async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const m = randomMarket(seed);
      for (const [rule, within] of [
        ["weighted-winrate", 2],
        ["winrate", undefined],
      ] as const) {
        const o = { tolerance: absoluteTolerance(m), ...bounds(m, within) };
        const best = await sequentialWeightsDesign(m, 2, space, rule, { ...o, objective: "best" });
        const worst = await sequentialWeightsDesign(m, 2, space, rule, { ...o, objective: "worst" });
        let gridBest = Number.NEGATIVE_INFINITY;
        let gridWorst = Number.NEGATIVE_INFINITY;
        const seen = new Set<number>();
        for (const b of grid(12, o.lower, o.upper)) {
          const w = branches(m, rule, b);
          gridBest = Math.max(gridBest, ...w);
          gridWorst = Math.max(gridWorst, Math.min(...w));
          for (const x of w) seen.add(Math.round(x * 1e9));
        }
        expect(best.candidates.length).toBe(9);
        expect(best.exact).toBe(true);
        expect(best.optimum).toBeGreaterThanOrEqual(gridBest - 1e-9);
        expect(Math.max(...branches(m, rule, best.best!.weights))).toBeCloseTo(best.optimum, 9);
        // the worst design's value is the brute-force worst at its weights, and the grid stays below the bound
        expect(Math.min(...branches(m, rule, worst.best!.weights))).toBeCloseTo(worst.optimum, 9);
        expect(gridWorst).toBeLessThanOrEqual(worst.upperBound + 1e-9);
        expect(worst.optimum).toBeGreaterThanOrEqual(gridWorst - 1e-9);
        // a path the LPs call never implementable never ends a branch on the grid (by its welfare)
        const never = new Set(
          best.candidates.filter((c) => c.implementable === "never").map((c) => Math.round(c.welfare * 1e9)),
        );
        const possible = new Set(
          best.candidates.filter((c) => c.implementable !== "never").map((c) => Math.round(c.welfare * 1e9)),
        );
        for (const x of seen) expect(never.has(x) && !possible.has(x)).toBe(false);
      }
    }
  });

  it("designBenchmark verifies the weights with every tie branch of sequential entry", async () => {
    const m = parseMarket({
      tasks: [
        { name: "t1", weight: 0.6 },
        { name: "t2", weight: 0.4 },
      ],
      selection: { rule: "epsilon", eps: 0.1 },
      producers: [{ name: "I", quality: [1, 0] }],
    });
    const r = await designBenchmark(
      m,
      { kind: "sequential", entrants: 2, space },
      { kind: "benchmark-weights", rule: "winrate", within: 2 },
    );
    if (r.result.kind !== "outcome-weights") throw new Error("outcome weights");
    expect(r.result.outcomes).toBe("entry paths");
    expect(r.result.best!.verified).toBe(true);
    expect(r.result.best!.responses.map((x) => x.label)).toEqual(["{t1} {t2}"]);
    expect(r.result.exact).toBe(true);
    expect(r.result.optimum).toBeCloseTo(r.welfareOptimum, 9);
    await expect(
      designBenchmark(
        m,
        { kind: "sequential", entrants: 2, space },
        { kind: "benchmark-weights" },
        { maxLpRows: 11 },
      ),
    ).rejects.toMatchObject({ name: "WorkLimitError", limitName: "maxLpRows", estimate: 12 });
  });
});
