/**
 * The BCa acceleration's cost on an arena log (docs/pairwise.md, "Arena scale"): reads FILE, fits the
 * overall Bradley-Terry ratings, then times `ratingAccelerations` alone (CPU of this thread, user +
 * system) under the battles scheme, and prints the accelerations' checksum so two versions can be
 * compared for their bits:
 *
 *   node --import tsx bench/bca-acceleration.ts FILE   # FILE: `arena-scale.ts generate FILE`
 */
import { ratingAccelerations } from "../empirical/ratings/bca.js";
import { fitBradleyTerry } from "../empirical/ratings/bradley-terry.js";
import { comparisonsFrom } from "../empirical/ratings/comparisons.js";
import { readPairwise } from "../src/io/pairwise.js";

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write("usage: bca-acceleration.ts FILE\n");
  process.exit(2);
}
const data = readPairwise(file);
const fit = fitBradleyTerry(comparisonsFrom(data, { overall: true }));
const ratings = data.models.map((m) => fit.ratings[fit.models.indexOf(m)]!);
const groups = data.models.map(() => 0);
const before = process.cpuUsage();
const a = ratingAccelerations(
  data,
  { overall: true },
  ratings,
  groups,
  { kind: "mean" },
  { kind: "battles" },
);
const used = process.cpuUsage(before);
process.stdout.write(
  `${JSON.stringify({ cells: data.cells.length, models: a.length, accelerationCpuSeconds: (used.user + used.system) / 1e6, sum: a.reduce((s, x) => s + x, 0), first: a[0] })}\n`,
);
