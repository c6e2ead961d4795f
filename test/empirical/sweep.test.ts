/** The noise sweep (empirical/sweep.ts): the grid, the crossover, the summary and the points. */
import { describe, expect, it } from "vitest";
import { syntheticEntry } from "../../empirical/entry.js";
import { leaderboards } from "../../empirical/leaderboards.js";
import type { SweepPoint } from "../../empirical/study-types.js";
import { crossover, runSweep, summariseSweep, sweepValues } from "../../empirical/sweep.js";
import { D, fakeSolver, handContext } from "./hand-context.js";

describe("sweepValues", () => {
  it("spaces beta geometrically and eps linearly, ending exactly at max", () => {
    expect(sweepValues("eps", 3)).toEqual([0, 0.5, 1]);
    const b = sweepValues("beta", 3, 1, 100);
    expect(b[0]).toBe(1);
    expect(b[1]).toBeCloseTo(10, 12);
    expect(b[2]).toBe(100);
    expect(sweepValues("beta", 2)).toEqual([1, 1000]);
    expect(sweepValues("eps", 1, 0.3, 0.9)).toEqual([0.3]);
  });
});

describe("crossover", () => {
  const pt = (value: number, welfare: number, single = 0.6) => ({ value, welfare, single });
  it("is the start of the final run with U >= U_single, from most to least noise", () => {
    // beta: most noise first (small beta); given out of order
    expect(crossover("beta", [pt(100, 0.7), pt(1, 0.5), pt(10, 0.65), pt(3, 0.55)])).toBe(10);
    // a dip in the middle: only the final run counts
    expect(crossover("beta", [pt(1, 0.7), pt(3, 0.5), pt(10, 0.65)])).toBe(10);
    // eps: most noise first is the largest eps
    expect(crossover("eps", [pt(0, 0.7), pt(0.5, 0.62), pt(1, 0.4)])).toBe(0.5);
  });
  it("counts U equal to U_single within the tolerance, and is null when the last point is below", () => {
    expect(crossover("beta", [pt(1, 0.5), pt(10, 0.6 - 1e-17)])).toBe(10);
    expect(crossover("beta", [pt(1, 0.7), pt(10, 0.5)])).toBeNull();
    expect(crossover("beta", [])).toBeNull();
  });
});

describe("summariseSweep", () => {
  const point = (value: number, p: Partial<SweepPoint>): SweepPoint => ({
    value,
    welfare: 0.7,
    perfect: 0.9,
    single: 0.6,
    kendallVsWinrate: { w: 1, v: 0.5 },
    top: { w: "A", v: "A" },
    topScore: { w: 0.5, v: 0.5 },
    entrantChoice: { w: "copy", v: "copy" },
    entrantTied: { w: ["copy"], v: ["copy"] },
    entrantWelfare: { w: 0.7, v: 0.7 },
    entrantWelfareOptimal: 0.8,
    bestResponseWelfare: null,
    bestResponseAgree: null,
    ...p,
  });

  it("counts disagreements between the two rules and finds the extremes", () => {
    const points = [
      point(1, { welfare: 0.5, top: { w: "A", v: "B" }, kendallVsWinrate: { w: 1, v: 0.2 } }),
      point(10, {
        entrantChoice: { w: "copy", v: "specialist" },
        entrantTied: { w: ["copy", "specialist"], v: ["specialist"] },
        entrantWelfare: { w: 0.7, v: 0.75 },
      }),
      point(100, {
        entrantChoice: { w: "copy", v: "mix" },
        entrantTied: { w: ["copy"], v: ["mix"] },
        entrantWelfare: { w: 0.7, v: 0.68 },
        kendallVsWinrate: { w: 1, v: null },
      }),
    ];
    const s = summariseSweep("beta", points, "w", "v");
    expect(s.topDisagreements).toBe(1);
    expect(s.entrantDisagreements).toBe(2);
    expect(s.entrantStrictDisagreements).toBe(1);
    expect(s.maxEntrantCost.at).toBe(10);
    expect(s.maxEntrantCost.value).toBeCloseTo(0.05, D);
    expect(s.minEntrantCost.at).toBe(100);
    expect(s.minEntrantCost.value).toBeCloseTo(-0.02, D);
    expect(s.minKendallWinrateWeighted).toEqual({ value: 0.2, at: 1 });
    expect(s.aggregationBeatsSingle).toBe(2);
    expect(s.crossover).toBe(10);
    expect(s.bestResponseDisagreements).toBeNull();
    expect(s.bestResponseCost).toBeNull();
  });

  it("summarises the best-response entrants when they were swept", () => {
    const points = [
      point(1, { bestResponseWelfare: { w: 0.7, v: 0.72 }, bestResponseAgree: false }),
      point(2, { bestResponseWelfare: { w: 0.7, v: 0.7 }, bestResponseAgree: true }),
      point(3, { bestResponseWelfare: { w: 0.7, v: 0.65 }, bestResponseAgree: false }),
    ];
    const s = summariseSweep("beta", points, "w", "v");
    expect(s.bestResponseDisagreements).toBe(2);
    expect(s.bestResponseCost!.min).toBeCloseTo(-0.05, D);
    expect(s.bestResponseCost!.max).toBeCloseTo(0.02, D);
    const agree = summariseSweep("beta", [points[1]!], "w", "v");
    expect(agree.bestResponseDisagreements).toBe(0);
  });
});

describe("runSweep on the hand table", () => {
  const ctx = handContext();
  const { candidates } = syntheticEntry(ctx, leaderboards(ctx), "B", [0.5]);

  it("evaluates the market and the synthetic entrants at each eps", () => {
    const sw = runSweep(ctx, candidates, { parameter: "eps", values: [0, 0.3, 1] });
    expect(sw.parameter).toBe("eps");
    const [p0, p1, p2] = sw.points;
    // eps = 0: U = U_perfect = 0.7; eps = 0.3: the main analysis; eps = 1: the mean quality 2.8 / 6
    expect(p0!.welfare).toBeCloseTo(0.7, D);
    expect(p1!.welfare).toBeCloseTo(0.63, D);
    expect(p2!.welfare).toBeCloseTo(2.8 / 6, D);
    expect(p1!.perfect).toBeCloseTo(0.7, D);
    expect(p1!.single).toBeCloseTo(0.6, D);
    expect(p1!.entrantChoice["weighted-winrate"]).toBe("specialist");
    expect(p1!.entrantTied.winrate).toEqual(["mix-0.5", "specialist"]);
    expect(p1!.entrantWelfareOptimal).toBeCloseTo(0.78, D);
    // top under winrate is the first of A and B; its average score is A's 0.5
    expect(p1!.top.winrate).toBe("A");
    expect(p1!.topScore.winrate).toBeCloseTo(0.5, D);
    expect(p1!.top["average-score"]).toBe("B");
    expect(p1!.topScore["average-score"]).toBeCloseTo(0.6, D);
    expect(p1!.kendallVsWinrate["weighted-winrate"]).toBeCloseTo(2 / Math.sqrt(6), D);
    expect(p1!.bestResponseWelfare).toBeNull();
    expect(sw.summary.crossover).toBeCloseTo(0.3, D);
    expect(sw.summary.aggregationBeatsSingle).toBe(2);
  });

  it("asks the solver at each point's selection when best responses are swept", () => {
    const solver = fakeSolver((rule) => (rule.name === "winrate" ? [1, 0] : [0, 1]));
    const sw = runSweep(
      ctx,
      candidates,
      { parameter: "beta", values: [1, 10] },
      { kind: "top-k", k: 1 },
      solver,
    );
    expect(solver.calls).toHaveLength(2 * ctx.rules.length);
    expect(solver.calls.every((c) => c.endsWith("top-k logit"))).toBe(true);
    expect(sw.points[0]!.bestResponseWelfare!.winrate).toBe(0.5);
    expect(sw.points[0]!.bestResponseAgree).toBe(false);
    expect(sw.summary.bestResponseDisagreements).toBe(2);
    const same = runSweep(
      ctx,
      candidates,
      { parameter: "beta", values: [1] },
      { kind: "top-k", k: 1 },
      fakeSolver(() => [1, 0]),
    );
    expect(same.points[0]!.bestResponseAgree).toBe(true);
  });
});
