/**
 * The small seeded coverage study of the bootstrap intervals (docs/pairwise.md has the full table):
 * on the arena design, the rating (percentile and the printed BCa), rank and `calibrate`'s beta
 * intervals under `battles` and `cells`, and `cells` again on a fixed design (the coverage it claims),
 * each within 3 Monte Carlo standard errors of 95% (R = 60: 8.4 points; see coverage-designs.test.ts).
 * The percentile rank interval over-covers (integer end points; docs/pairwise.md says why), so for it
 * the test asserts only that it does not fall short; the calibrated rank interval is held to the band
 * like the others, and more tightly by the last test here.
 */
import { describe, expect, it } from "vitest";
import { bootstrapReplicate } from "../../empirical/bootstrap.js";
import { quantile } from "../../empirical/quantile.js";
import { type CoverageDesign, coverageStudy, simulateDesign } from "../../empirical/ratings/coverage.js";
import { groupRanks } from "../../empirical/ratings/leaderboard.js";
import { calibratedRankIntervals } from "../../empirical/ratings/rank-calibrated.js";
import { alea } from "../../src/numeric/alea.js";

const R = 60;
const TOLERANCE = 3 * Math.sqrt((0.95 * 0.05) / R);

describe("bootstrap coverage on the arena design (40 replicates per log)", () => {
  it.each([false, true])(
    `every interval within ${(100 * TOLERANCE).toFixed(1)} points of 95%, design fixed: %s`,
    (fixed) => {
      const rows = coverageStudy("arena", {
        replications: R,
        bootstrap: 40,
        seed: "test",
        schemes: fixed ? [{ kind: "cells" }] : [{ kind: "battles" }, { kind: "cells" }],
        fixedDesign: fixed,
      });
      const schemes = fixed ? ["cells"] : ["battles", "cells"];
      expect(rows.map((r) => r.interval)).toEqual([
        "rating (Wald, rating +- 1.96 SE)",
        "winrate (Wilson, design effect)",
        "beta (profile likelihood, calibrate)",
        ...schemes.flatMap((s) => [
          `rating (bootstrap percentile, resample ${s})`,
          `rating (bootstrap BCa, resample ${s})`,
          `rank (bootstrap percentile, resample ${s})`,
          `rank (bootstrap calibrated level, resample ${s})`,
          `beta (bootstrap log-normal, resample ${s}, calibrate)`,
        ]),
      ]);
      for (const r of rows)
        if (r.interval.startsWith("rank (bootstrap percentile"))
          expect(r.coverage, r.interval).toBeGreaterThan(0.95 - TOLERANCE);
        else expect(Math.abs(r.coverage - 0.95), `${r.interval}: ${r.coverage}`).toBeLessThan(TOLERANCE);
    },
  );
});

/**
 * The evidence docs/pairwise.md ("Rank intervals, measured") gives for keeping the percentile rank
 * interval as the default, in small: on the arena design the printed interval over-covers even where it spans two ranks
 * or more, and the centred interval, the one construction measured that is not conservative, falls
 * short of 95 by more than the 2-point target.
 */
describe("rank intervals on the arena design (40 replicates per log)", () => {
  it("the printed interval over-covers where it is wider than one rank; the centred one falls short", () => {
    const rows = coverageStudy("arena", {
      replications: R,
      bootstrap: 40,
      seed: "test",
      rankAlternatives: true,
    });
    const row = (name: string) => rows.find((r) => r.interval === `rank (${name}, resample battles)`)!;
    const wider = row("printed, wider intervals");
    const all = row("bootstrap percentile");
    expect(wider.cases).toBeGreaterThan(0.9 * all.cases);
    expect(wider.coverage).toBeGreaterThan(0.97);
    expect(row("centred (basic) bootstrap of ranks").coverage).toBeLessThan(0.93);
    expect(row("shortest consecutive ranks >= 95%").meanWidth!).toBeLessThan(all.meanWidth!);
  });
});

/**
 * `--rank-interval calibrated` at a Monte Carlo precision that separates it from the percentile
 * interval: on the arena and AlpacaEval designs (where ranks are uncertain), 300 seeded logs with 100
 * battle-bootstrap replicates each, the coverage within 3 standard errors (counting logs: 3.8 points)
 * of 95, where the percentile interval of the same replicates covers above 95 + 3.8 (measured 96.7 and
 * 94.7 against 99.6 and 99.2). The full study (docs/pairwise.md) measures it at 200 replicates.
 */
describe("the calibrated rank interval at 300 logs (100 replicates per log)", () => {
  const LOGS = 300;
  const BAND = 3 * Math.sqrt((0.95 * 0.05) / LOGS);
  it.each(["arena", "alpacaeval"] as CoverageDesign[])(
    `%s: within ${(100 * BAND).toFixed(1)} points of 95; the percentile interval above that`,
    (design) => {
      let calibrated = 0;
      let percentile = 0;
      let cases = 0;
      for (let r = 0; r < LOGS; r++) {
        const data = simulateDesign(design, alea(`calibrated/${r}`));
        const spec = { pairwise: data, ratings: true, replicates: 100, seed: `calibrated/${r}` };
        const reps = Array.from({ length: 100 }, (_, k) => bootstrapReplicate(spec, k).ratings![0]!);
        const estimate = bootstrapReplicate(spec, -1).ratings![0]!;
        const ranks = reps.map((x) =>
          groupRanks(
            x,
            x.map(() => 0),
          ),
        );
        // model k is the k-th strongest (coverage.ts): true rank k + 1
        calibratedRankIntervals(estimate, reps).forEach(({ lower, upper }, k) => {
          const mine = ranks.map((x) => x[k]!);
          cases++;
          if (lower <= k + 1 && k + 1 <= upper) calibrated++;
          if (quantile(mine, 0.025, true) <= k + 1 && k + 1 <= quantile(mine, 0.975, true)) percentile++;
        });
      }
      expect(Math.abs(calibrated / cases - 0.95), `calibrated ${calibrated / cases}`).toBeLessThan(BAND);
      expect(percentile / cases).toBeGreaterThan(0.95 + BAND);
    },
  );
});
