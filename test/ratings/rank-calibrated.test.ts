/**
 * The calibrated rank interval (`empirical/ratings/rank-calibrated.ts`, `--rank-interval calibrated`):
 * on replicates written by hand, where the bootstrap world can be worked out; on normal replicates
 * with known gaps, where the calibrated level must fall as the neighbours move apart; and through
 * `runBootstrap`, deterministic for any number of workers. Its coverage is measured in
 * coverage-designs.slow.test.ts and docs/pairwise.md ("Rank intervals, measured").
 */
import { describe, expect, it } from "vitest";
import { runBootstrap } from "../../empirical/bootstrap-summary.js";
import { simulateDesign } from "../../empirical/ratings/coverage.js";
import { CALIBRATION_OUTER, calibratedRankIntervals } from "../../empirical/ratings/rank-calibrated.js";
import { alea } from "../../src/numeric/alea.js";

/** `B` replicates `estimate + se * z` with independent standard normal `z` (seeded). */
function normalReplicates(estimate: number[], se: number, B: number, seed: string): number[][] {
  const rng = alea(seed);
  const z = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Array.from({ length: B }, () => estimate.map((x) => x + se * z()));
}

describe("calibratedRankIntervals", () => {
  it("worked by hand: 4 of 100 replicates swap the first two models", () => {
    // bootstrap world: truth 2 > 1 > 0. The 96 outer replicates in the data's order see the swap in
    // 4 of their 99 inner replicates: model 0 first in 95 of 99 (depth 95/99). The 4 swapped outer
    // replicates, and every replicate shifted by a swap, put model 0 second in all 99 (depth -1,
    // never covered). The 5% lowest depth of 100 is the 6th smallest, 95/99 > 0.5: the tail share is
    // capped at 0.5 (level 0), the median rank.
    const reps = Array.from({ length: 100 }, (_, k) => (k < 4 ? [1, 2, 0] : [2, 1, 0]));
    const out = calibratedRankIntervals([2, 1, 0], reps);
    expect(out).toEqual([
      { lower: 1, upper: 1, level: 0 },
      { lower: 2, upper: 2, level: 0 },
      { lower: 3, upper: 3, level: 0 },
    ]);
  });

  it("with 6 swaps in 100 the world misses more often, and the level rises to the percentile's reach", () => {
    // 6 swapped outer replicates have depth -1: more than 5% of 100, so the tail share is the
    // smallest depth, -1, clipped to 0: the interval of all replicates' ranks, level 1
    const reps = Array.from({ length: 100 }, (_, k) => (k < 6 ? [1, 2, 0] : [2, 1, 0]));
    const out = calibratedRankIntervals([2, 1, 0], reps);
    expect(out[0]).toEqual({ lower: 1, upper: 2, level: 1 });
    expect(out[2]).toEqual({ lower: 3, upper: 3, level: 0 });
  });

  it("the calibrated level falls as neighbours move apart (normal replicates, SE 0.1)", () => {
    const levels = [0.05, 0.2, 0.5].map((gap) => {
      const estimate = Array.from({ length: 6 }, (_, k) => -gap * k);
      const out = calibratedRankIntervals(estimate, normalReplicates(estimate, 0.1, 200, `gap ${gap}`));
      return out.reduce((s, x) => s + x.level, 0) / out.length;
    });
    expect(levels[0]!).toBeGreaterThan(levels[1]!);
    expect(levels[1]!).toBeGreaterThan(levels[2]!);
    // gaps of 5 standard errors: every model's rank is certain, one-rank intervals
    const far = Array.from({ length: 6 }, (_, k) => -0.5 * k);
    for (const [k, x] of calibratedRankIntervals(far, normalReplicates(far, 0.1, 200, "far")).entries())
      expect([x.lower, x.upper]).toEqual([k + 1, k + 1]);
  });

  it("ranks within groups, skips NaN ratings, and falls back to the percentile interval below 2 replicates", () => {
    // two groups (0, 1 | 2, 3): each ranked on its own
    const est = [1, 0, 1, 0];
    const reps = normalReplicates(est, 0.01, 50, "groups");
    const out = calibratedRankIntervals(est, reps, [0, 0, 1, 1]);
    expect(out.map((x) => [x.lower, x.upper])).toEqual([
      [1, 1],
      [2, 2],
      [1, 1],
      [2, 2],
    ]);
    // a replicate that did not rate model 1 (NaN) leaves the others ranked
    const holes = reps.map((r, b) => (b % 10 === 0 ? [r[0]!, Number.NaN, r[2]!, r[3]!] : r));
    expect(calibratedRankIntervals(est, holes, [0, 0, 1, 1]).map((x) => x.lower)).toEqual([1, 2, 1, 2]);
    expect(calibratedRankIntervals([2, 1], [[1, 2]])).toEqual([
      { lower: 2, upper: 2, level: 0.95 },
      { lower: 1, upper: 1, level: 0.95 },
    ]);
  });

  it(`uses at most ${CALIBRATION_OUTER} outer replicates: more replicates change only the inner level`, () => {
    const est = [0.3, 0.15, 0];
    const reps = normalReplicates(est, 0.1, CALIBRATION_OUTER + 50, "outer");
    const out = calibratedRankIntervals(est, reps);
    for (const x of out) expect(x.lower <= x.upper && x.level >= 0 && x.level <= 1).toBe(true);
  });
});

describe("runBootstrap with rankInterval calibrated", () => {
  // one simulated arena-like log (12 models, 1,500 battles; `empirical/ratings/coverage.ts`)
  const pairwise = simulateDesign("arena", alea("rank-calibrated"));
  const spec = {
    pairwise,
    ratings: true,
    replicates: 40,
    seed: "3",
    rankInterval: "calibrated" as const,
  };

  it("same seed, same intervals on one core and on two workers; the summary says calibrated", async () => {
    const one = await runBootstrap(spec, { workers: 1 });
    const two = await runBootstrap(spec, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.rankInterval).toBe("calibrated");
    const pct = await runBootstrap({ ...spec, rankInterval: "percentile" }, { workers: 1 });
    expect(pct.rankInterval).toBe("percentile");
    // the same ratings' intervals; rank intervals that differ somewhere, narrower on the whole
    expect(JSON.stringify(one.ratings!.map((t) => t.models.map((m) => m.rating)))).toBe(
      JSON.stringify(pct.ratings!.map((t) => t.models.map((m) => m.rating))),
    );
    const width = (s: typeof one) =>
      s.ratings!.flatMap((t) => t.models.map((m) => m.rank.upper - m.rank.lower)).reduce((a, b) => a + b, 0);
    expect(width(one)).toBeLessThan(width(pct));
  }, 120_000);
});
