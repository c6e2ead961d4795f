/**
 * A small seeded version of the coverage study (docs/pairwise.md has the full table): every interval
 * without a bootstrap on the three designs must cover the truth at 95% within the Monte Carlo error
 * (the bootstrap intervals are in coverage-designs.slow.test.ts). With R replications the coverage of
 * one interval has standard error at most sqrt(0.95 * 0.05 / R) (models of one replication are
 * correlated, so this counts replications, not intervals); R = 60 gives 2.8 points, and the tolerance
 * is 3 of those, 8.4 points. The run is seeded, so the test is deterministic; the tolerance says how
 * far a correct implementation may land from 95 on this seed. Standard errors off by a factor of 1.5
 * either way would move the Wald coverage to about 76 or 99.7 and fail.
 */
import { describe, expect, it } from "vitest";
import { COVERAGE_DESIGNS, type CoverageDesign, coverageStudy } from "../../empirical/ratings/coverage.js";

const R = 60;
const TOLERANCE = 3 * Math.sqrt((0.95 * 0.05) / R);

describe.each(Object.keys(COVERAGE_DESIGNS) as CoverageDesign[])("coverage on the %s design", (design) => {
  it(`every interval covers 95% within ${(100 * TOLERANCE).toFixed(1)} points (${R} seeded replications)`, () => {
    const rows = coverageStudy(design, { replications: R, bootstrap: 0, seed: "test" });
    expect(rows.map((r) => r.interval)).toEqual([
      "rating (Wald, rating +- 1.96 SE)",
      "winrate (Wilson, design effect)",
      "beta (profile likelihood, calibrate)",
    ]);
    for (const r of rows)
      expect(Math.abs(r.coverage - 0.95), `${r.interval}: ${r.coverage}`).toBeLessThan(TOLERANCE);
  });
});
