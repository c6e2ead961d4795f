/**
 * Benchmark-weight designs of pure equilibria against brute force: every pure equilibrium at every b
 * of a simplex grid, from the market game built with b set (`buildMarketGame`, `pureEquilibria`), not
 * from solvers/design.
 */
import { describe, expect, it } from "vitest";
import { absoluteTolerance } from "../../solvers/bestResponse/index.js";
import { equilibriumWeightsDesign } from "../../solvers/design/equilibriumWeights.js";
import { designBenchmark, type OutcomeWeightsDesign } from "../../solvers/design/index.js";
import { buildMarketGame, pureEquilibria } from "../../solvers/marketGame.js";
import { parseMarket } from "../../src/io/marketFile.js";
import type { Market } from "../../src/model/types.js";
import { rng } from "../helpers/random.js";
import { boundsWithin, simplexGrid as grid, withB } from "./simplex.js";

const question = { kind: "equilibrium" } as const;

function randomMarket(seed: number): Market {
  const r = rng(`eq-weights-${seed}`);
  const T = 3;
  const q = () => Array.from({ length: T }, () => Math.round(r() * 20) / 20);
  const menu = { kind: "menu", options: [q(), q(), q()] };
  return parseMarket({
    tasks: Array.from({ length: T }, (_, t) => ({ name: `t${t}`, weight: 1 + Math.floor(r() * 4) })),
    selection: { rule: "logit", beta: 2 + 8 * r() },
    producers: [
      { name: "A", quality: [1, 0, 0], space: { kind: "top-k", k: 1 } },
      { name: "B", quality: [0, 1, 0], space: seed % 2 === 0 ? menu : { kind: "top-k", k: 1 } },
      { name: "I", quality: q() },
    ],
  });
}

/** Welfare of every pure equilibrium at `b`, by the market game's exhaustive search. */
function bruteEquilibria(m: Market, rule: string, b: readonly number[]): number[] {
  const g = buildMarketGame(withB(m, b), rule);
  return pureEquilibria(g, absoluteTolerance(m)).map((e) => g.welfare[e.flat]!);
}

async function design(
  m: Market,
  rule: string,
  within: number | undefined,
  objective: "worst" | "best",
): Promise<OutcomeWeightsDesign> {
  const r = await designBenchmark(
    m,
    question,
    { kind: "benchmark-weights", rule, ...(within ? { within } : {}) },
    { objective },
  );
  if (r.result.kind !== "outcome-weights") throw new Error("not an equilibrium weight design");
  return r.result;
}

/** The design alone (no references, no verification), with the bounds `designBenchmark` sets. */
function raw(m: Market, rule: string, within: number | undefined, objective: "worst" | "best") {
  return equilibriumWeightsDesign(m, rule, {
    objective,
    tolerance: absoluteTolerance(m),
    ...boundsWithin(m, within),
  });
}

describe("benchmark-weight LPs for pure equilibria", () => {
  it("agree with brute force over a simplex grid on random small markets", async () => {
    let exactWorst = 0;
    let wide = 0;
    for (let seed = 1; seed <= 3; seed++) {
      const m = randomMarket(seed);
      for (const [rule, within] of [
        ["weighted-winrate", 2],
        ["winrate", undefined],
      ] as const) {
        const best = await raw(m, rule, within, "best");
        const worst = await raw(m, rule, within, "worst");
        let gridBest = Number.NEGATIVE_INFINITY;
        let gridWorst = Number.NEGATIVE_INFINITY;
        for (const b of grid(16, best.lower, best.upper)) {
          const w = bruteEquilibria(m, rule, b);
          if (w.length === 0) continue;
          gridBest = Math.max(gridBest, ...w);
          gridWorst = Math.max(gridWorst, Math.min(...w));
        }
        // best: exact, so never below the grid, and attained at the returned weights (checked twice)
        expect(best.exact).toBe(true);
        expect(best.optimum).toBeGreaterThanOrEqual(gridBest - 1e-9);
        expect(Math.max(...bruteEquilibria(m, rule, best.best!.weights))).toBeCloseTo(best.optimum, 9);
        // a profile with a wide margin has a grid point (L1 step <= 2/16) where it is an equilibrium
        const top = best.candidates.find((p) => p.label === best.best!.from)!;
        if (top.margin > 0.15) {
          wide++;
          expect(gridBest).toBeCloseTo(best.optimum, 9);
        }
        // worst: the certified value is the brute-force worst at its weights, and the grid lies within the bounds
        const ww = worst.best!;
        expect(Math.min(...bruteEquilibria(m, rule, ww.weights))).toBeCloseTo(worst.optimum, 9);
        expect(gridWorst).toBeLessThanOrEqual(worst.upperBound + 1e-9);
        expect(worst.upperBound).toBeCloseTo(best.optimum, 12);
        expect(worst.gap).toBeCloseTo(worst.upperBound - worst.optimum, 12);
        if (worst.exact) exactWorst++;
        // the weights are admissible
        for (const d of [best, worst]) {
          expect(d.best!.weights.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 9);
          d.best!.weights.forEach((x, t) => {
            expect(x).toBeGreaterThanOrEqual(d.lower[t]! - 1e-9);
            expect(x).toBeLessThanOrEqual(d.upper[t]! + 1e-9);
          });
        }
      }
    }
    // the bounds meet on some of these markets (the design is then exact), not on all of them
    expect(exactWorst).toBeGreaterThan(0);
    expect(wide).toBeGreaterThan(0);
  });

  it("states the gap on C2's game under winrate: the specialised profiles need a tie", async () => {
    // Under winrate with eps = 0.1 both specialising profiles are equilibria only at b = (1/2, 1/2),
    // where both copying profiles are equilibria too: the worst is 0.4 there, 0.6 wherever b_t2 < 1/2.
    const m = parseMarket({
      tasks: [
        { name: "t1", weight: 0.6 },
        { name: "t2", weight: 0.4 },
      ],
      selection: { rule: "epsilon", eps: 0.1 },
      producers: [
        { name: "A", quality: [1, 0], space: { kind: "top-k", k: 1 } },
        { name: "B", quality: [0, 1], space: { kind: "top-k", k: 1 } },
      ],
    });
    const worst = await design(m, "winrate", 2, "worst");
    const best = await design(m, "winrate", 2, "best");
    expect(worst.candidates.map((p) => [p.label, p.implementable])).toEqual([
      ["A={t1} B={t1}", "strict"],
      ["A={t2} B={t1}", "tie-only"],
      ["A={t1} B={t2}", "tie-only"],
      ["A={t2} B={t2}", "strict"],
    ]);
    expect(best.optimum).toBeCloseTo(0.95, 12);
    expect(best.best!.weights[0]).toBeCloseTo(0.5, 9);
    expect(worst.optimum).toBeCloseTo(0.6, 12);
    expect(worst.upperBound).toBeCloseTo(0.95, 12);
    expect(worst.exact).toBe(false);
    // weighted winrate: the specialised profiles are strict equilibria and the worst one is exact
    const ww = await design(m, "weighted-winrate", 2, "worst");
    expect(ww.exact).toBe(true);
    // the equilibrium search rerun at the returned weights lists the same pure equilibria
    for (const d of [worst, best, ww]) expect(d.best!.verified).toBe(true);
    expect(ww.best!.responses.map((r) => r.label).sort()).toEqual(["A={t1} B={t2}", "A={t2} B={t1}"]);
    expect(ww.optimum).toBeCloseTo(0.95, 12);
  });

  it("maxLpRows bounds the LPs before any is solved", async () => {
    const m = randomMarket(1);
    const search = { kind: "benchmark-weights", rule: "weighted-winrate", within: 2 } as const;
    // 3 x 3 profiles, each LP with (3 - 1) + (3 - 1) + 1 rows
    await expect(designBenchmark(m, question, search, { maxLpRows: 44 })).rejects.toMatchObject({
      name: "WorkLimitError",
      limitName: "maxLpRows",
      estimate: 45,
    });
    const at = await designBenchmark(m, question, search, { maxLpRows: 45 });
    expect(at.result.kind).toBe("outcome-weights");
  });
});
