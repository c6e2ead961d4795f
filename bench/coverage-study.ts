/**
 * The coverage study of docs/pairwise.md: every interval the ratings commands print, on the three
 * simulation designs of `empirical/ratings/coverage.ts`, as a Markdown table; then `--resample cells`
 * again with the design held fixed (only the outcomes redrawn), the coverage it claims.
 *
 *   node --import tsx bench/coverage-study.ts [REPLICATIONS=500] [BOOTSTRAP=200] [SEED=1]
 *
 * Seeded: the same arguments print the same table.
 */
import { COVERAGE_DESIGNS, type CoverageDesign, coverageStudy } from "../empirical/ratings/coverage.js";

const replications = Number(process.argv[2] ?? 500);
const bootstrap = Number(process.argv[3] ?? 200);
const seed = process.argv[4] ?? "1";
const start = process.cpuUsage();
const lines = [`| design | interval | coverage (%) | Monte Carlo SE |`, `|---|---|---|---|`];
const designs = Object.keys(COVERAGE_DESIGNS) as CoverageDesign[];
const runs = [
  ...designs.map((design) => ({ design, fixed: false })),
  ...designs.map((design) => ({ design, fixed: true })),
];
for (const { design, fixed } of runs) {
  const rows = coverageStudy(design, {
    replications,
    bootstrap,
    seed,
    schemes: fixed ? [{ kind: "cells" }] : [{ kind: "battles" }, { kind: "cells" }],
    fixedDesign: fixed,
  });
  for (const r of rows)
    lines.push(
      `| ${design}${fixed ? " (design fixed)" : ""} | ${r.interval} | ${(100 * r.coverage).toFixed(1)} | ${(100 * r.standardError).toFixed(1)} |`,
    );
}
const cpu = process.cpuUsage(start);
process.stdout.write(
  `${lines.join("\n")}\n\n${replications} replications per design, ${bootstrap} bootstrap replicates each, seed ${seed}; nominal 95%; ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU\n`,
);
