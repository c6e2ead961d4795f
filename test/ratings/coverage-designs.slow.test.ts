/**
 * The small seeded coverage study of the bootstrap intervals (docs/pairwise.md has the full table):
 * on the arena design, the rating (percentile and the printed BCa), rank and `calibrate`'s beta
 * intervals under `battles` and `cells`, and `cells` again on a fixed design (the coverage it claims),
 * each within 3 Monte Carlo standard errors of 95% (R = 60: 8.4 points; see coverage-designs.test.ts).
 * Rank intervals over-cover (integer end points; docs/pairwise.md says why), so for them the test
 * asserts only that they do not fall short.
 */
import { describe, expect, it } from "vitest";
import { coverageStudy } from "../../empirical/ratings/coverage.js";

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
          `beta (bootstrap log-normal, resample ${s}, calibrate)`,
        ]),
      ]);
      for (const r of rows)
        if (r.interval.startsWith("rank")) expect(r.coverage, r.interval).toBeGreaterThan(0.95 - TOLERANCE);
        else expect(Math.abs(r.coverage - 0.95), `${r.interval}: ${r.coverage}`).toBeLessThan(TOLERANCE);
    },
  );
});

/**
 * The evidence docs/pairwise.md ("Rank intervals, measured") gives for leaving the rank interval as
 * it is, in small: on the arena design the printed interval over-covers even where it spans two ranks
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
