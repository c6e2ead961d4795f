/**
 * The rank-interval table of docs/pairwise.md ("Rank intervals, measured"): on the simulation designs
 * of `empirical/ratings/coverage.ts`, with the battle bootstrap, the printed rank interval (percentile
 * of the replicates' ranks) split into one-rank and wider intervals, and the alternatives of
 * `empirical/ratings/rank-alternatives.ts` on the same logs and replicates, with their mean widths.
 *
 *   node --import tsx bench/rank-coverage-study.ts [REPLICATIONS=500] [BOOTSTRAP=200] [SEED=1]
 *
 * Seeded: the same arguments print the same table.
 */
import { COVERAGE_DESIGNS, type CoverageDesign, coverageStudy } from "../empirical/ratings/coverage.js";

const replications = Number(process.argv[2] ?? 500);
const bootstrap = Number(process.argv[3] ?? 200);
const seed = process.argv[4] ?? "1";
const start = process.cpuUsage();
const lines = [
  "| design | rank interval | cases | coverage (%) | mean width (ranks) |",
  "|---|---|---|---|---|",
];
for (const design of Object.keys(COVERAGE_DESIGNS) as CoverageDesign[]) {
  const rows = coverageStudy(design, {
    replications,
    bootstrap,
    seed,
    schemes: [{ kind: "battles" }],
    rankAlternatives: true,
  });
  for (const r of rows
    .filter((x) => x.meanWidth !== undefined)
    .sort((a, b) => order(a.interval) - order(b.interval))) {
    lines.push(
      `| ${design} | ${r.interval.replace(/^rank \((.*), resample battles(.*)\)$/, "$1$2")} | ${r.cases} | ${(100 * r.coverage).toFixed(1)} | ${r.meanWidth!.toFixed(2)} |`,
    );
  }
}
/** Printed rows first, then each alternative, then the alternatives where the printed interval is wider. */
function order(name: string): number {
  if (name.includes("printed wider")) return 3;
  if (name.includes("percentile") || name.includes("printed")) return name.includes("percentile") ? 0 : 1;
  return 2;
}
const cpu = process.cpuUsage(start);
process.stdout.write(
  `${lines.join("\n")}\n\n${replications} replications per design, ${bootstrap} bootstrap replicates each (resample battles), seed ${seed}; nominal 95%; ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU\n`,
);
