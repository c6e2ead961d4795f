/**
 * Rank intervals where neighbours are close or equal (docs/pairwise.md, "Rank intervals, measured"):
 * the arena design's schedule (`simulateDesign("arena")`: 12 models, 1,500 battles, Zipf popularity)
 * with other true ratings, outcomes redrawn from Bradley-Terry, and the battle bootstrap. Designs:
 * `dense` (ratings evenly over 1 logit instead of 3: neighbours 0.09 apart) and `ties` (six pairs of
 * equal ratings, the pairs evenly over 3 logits). Truth: competition ranks (equal ratings share the
 * better rank). Measured: the printed percentile interval, the shortest run holding 95%, and the
 * calibrated level of `--rank-interval calibrated` (`empirical/ratings/rank-calibrated.ts`).
 *
 *   node --import tsx bench/rank-ties-study.ts [REPLICATIONS=300] [BOOTSTRAP=200] [SEED=1]
 *
 * Seeded: the same arguments print the same table.
 */
import { bootstrapReplicate } from "../empirical/bootstrap.js";
import { quantile } from "../empirical/quantile.js";
import { simulateDesign } from "../empirical/ratings/coverage.js";
import { groupRanks } from "../empirical/ratings/leaderboard.js";
import { RANK_ALTERNATIVES, rankAlternatives } from "../empirical/ratings/rank-alternatives.js";
import { calibratedRankIntervals } from "../empirical/ratings/rank-calibrated.js";
import { alea } from "../src/numeric/alea.js";
import { sigmoid } from "../src/numeric/normal.js";

const replications = Number(process.argv[2] ?? 300);
const bootstrap = Number(process.argv[3] ?? 200);
const seed = process.argv[4] ?? "1";
const start = process.cpuUsage();
const n = 12;
const DESIGNS: Record<string, number[]> = {
  dense: Array.from({ length: n }, (_, k) => 0.5 - k / (n - 1)),
  ties: Array.from({ length: n }, (_, k) => 1.5 - (3 * 2 * Math.floor(k / 2)) / (n - 2)),
};
const SHORTEST = RANK_ALTERNATIVES.indexOf("shortest consecutive ranks >= 95%");
const names = [
  "printed: percentile of the replicates' ranks",
  "shortest consecutive ranks >= 95%",
  "calibrated level (--rank-interval calibrated)",
];
const cells = names.map(() => [] as string[]);
for (const [design, theta] of Object.entries(DESIGNS)) {
  const truth = theta.map((x) => 1 + theta.filter((y) => y > x).length);
  const hits = names.map(() => 0);
  const widths = names.map(() => 0);
  const one = theta.map(() => 0);
  for (let r = 0; r < replications; r++) {
    const data = simulateDesign("arena", alea(`${seed}/ties/${design}/${r}`));
    const rng = alea(`${seed}/ties/${design}/${r}/outcomes`);
    for (const c of data.cells) {
      const m = c.winsA + c.winsB;
      c.winsA = 0;
      for (let i = 0; i < m; i++) if (rng() < sigmoid(theta[c.a]! - theta[c.b]!)) c.winsA++;
      c.winsB = m - c.winsA;
    }
    const spec = { pairwise: data, ratings: true, replicates: bootstrap, seed: `${seed}/${r}` };
    const reps = Array.from({ length: bootstrap }, (_, k) => bootstrapReplicate(spec, k).ratings![0]!);
    const estimate = bootstrapReplicate(spec, -1).ratings![0]!;
    const repRanks = reps.map((x) => groupRanks(x, one));
    const alt = rankAlternatives(estimate, reps, `${seed}/${r}`);
    const calibrated = calibratedRankIntervals(estimate, reps);
    for (let k = 0; k < n; k++) {
      const ranks = repRanks.map((x) => x[k]!);
      const intervals: Array<[number, number]> = [
        [quantile(ranks, 0.025, true), quantile(ranks, 0.975, true)],
        alt[k]![SHORTEST]!,
        [calibrated[k]!.lower, calibrated[k]!.upper],
      ];
      intervals.forEach(([lo, hi], m) => {
        if (lo <= truth[k]! && truth[k]! <= hi) hits[m]!++;
        widths[m]! += hi - lo + 1;
      });
    }
  }
  names.forEach((_, m) => {
    const count = replications * n;
    cells[m]!.push(`${((100 * hits[m]!) / count).toFixed(1)} (${(widths[m]! / count).toFixed(2)})`);
  });
}
const cpu = process.cpuUsage(start);
process.stdout.write(
  [
    `| rank interval | ${Object.keys(DESIGNS).join(" | ")} |`,
    `|---|${Object.keys(DESIGNS)
      .map(() => "---|")
      .join("")}`,
    ...names.map((name, m) => `| ${name} | ${cells[m]!.join(" | ")} |`),
  ].join("\n") +
    `\n\n${replications} replications per design, ${bootstrap} bootstrap replicates each (resample battles), seed ${seed}; nominal 95%; cells: coverage (%) and, in brackets, mean width (ranks); ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU\n`,
);
