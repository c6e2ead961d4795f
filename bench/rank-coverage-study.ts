/**
 * The rank-interval table of docs/pairwise.md ("Rank intervals, measured"): on the simulation designs
 * of `empirical/ratings/coverage.ts`, with the battle bootstrap, the printed rank interval (percentile
 * of the replicates' ranks) split into one-rank and wider intervals, and the alternatives of
 * `empirical/ratings/rank-alternatives.ts` and the calibrated interval of `--rank-interval calibrated`
 * (`empirical/ratings/rank-calibrated.ts`) on the same logs and replicates, with their mean widths.
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
const designs = Object.keys(COVERAGE_DESIGNS) as CoverageDesign[];
/** Per interval name (resample suffix dropped), per design: "coverage (mean width)". */
const cells = new Map<string, string[]>();
const oneRank: string[] = [];
designs.forEach((design, d) => {
  const rows = coverageStudy(design, {
    replications,
    bootstrap,
    seed,
    schemes: [{ kind: "battles" }],
    rankAlternatives: true,
  });
  const ranked = rows.filter((x) => x.meanWidth !== undefined);
  const all = ranked.find((x) => x.interval.includes("percentile"))!.cases;
  const one = ranked.find((x) => x.interval.includes("one-rank"))?.cases ?? 0;
  oneRank[d] = `${((100 * one) / all).toFixed(1)}%`;
  for (const r of ranked) {
    const name = r.interval
      .replace(/^rank \((.*), resample battles(.*)\)$/, "$1$2")
      .replace("bootstrap percentile", "printed: percentile of the replicates' ranks")
      .replace("bootstrap calibrated level", "calibrated level (--rank-interval calibrated)");
    const row = cells.get(name) ?? designs.map(() => "-");
    row[d] = `${(100 * r.coverage).toFixed(1)} (${r.meanWidth!.toFixed(2)})`;
    cells.set(name, row);
  }
});
const names = [...cells.keys()].sort((a, b) => order(a) - order(b));
const lines = [
  `| rank interval | ${designs.join(" | ")} |`,
  `|---|${designs.map(() => "---|").join("")}`,
  `| share of one-rank printed intervals | ${oneRank.join(" | ")} |`,
  ...names.map((n) => `| ${n} | ${cells.get(n)!.join(" | ")} |`),
];
/** Printed rows first (all, wider, one-rank), then each alternative, then the same where the printed one is wider. */
function order(name: string): number {
  if (name.includes("percentile")) return 0;
  if (name.includes("printed, wider")) return 1;
  if (name.includes("one-rank")) return 2;
  return name.includes("printed wider") ? 4 : 3;
}
const cpu = process.cpuUsage(start);
process.stdout.write(
  `${lines.join("\n")}\n\n${replications} replications per design, ${bootstrap} bootstrap replicates each (resample battles), seed ${seed}; nominal 95%; cells: coverage (%) and, in brackets, mean width (ranks); ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU\n`,
);
