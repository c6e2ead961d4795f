/**
 * Arena scale (docs/pairwise.md): a seeded 1.5 million battle CSV log of 120 models in 8 categories
 * with both kinds of tie, then one phase, measured from outside with `/usr/bin/time -v` (CPU and peak
 * memory of the whole process):
 *
 *   node --import tsx bench/arena-scale.ts generate FILE [BATTLES]  # writes the log (1.5e6 battles: about 47 MB)
 *   node --import tsx bench/arena-scale.ts fit FILE                 # stream, aggregate, fit overall and per category
 *   node --import tsx bench/arena-scale.ts fit-overall FILE         # stream, aggregate, fit overall only (as compute_bt)
 *   node --import tsx bench/arena-scale.ts bootstrap FILE N W       # N whole-log replicates on W workers
 *
 * Each phase ends with one JSON line: the process's CPU time (user + system, its worker threads
 * included) and peak resident memory, so `npm run bench` (bench/ratings-scale.bench.ts) can run a
 * small setting without `/usr/bin/time`.
 */
import { createWriteStream } from "node:fs";
import seedrandom from "seedrandom";
import { runBootstrap } from "../empirical/bootstrap-summary.js";
import { ratingLeaderboards } from "../empirical/ratings/leaderboard.js";
import { readPairwise } from "../src/io/pairwise.js";

const [phase, file, n, w] = process.argv.slice(2);
const MODELS = 120;
/** Battles of the generated log (`generate FILE [BATTLES]`). */
const BATTLES = Number(n ?? 1_500_000);
const CATEGORIES = ["coding", "math", "creative", "hard", "instruction", "multiturn", "longer", "english"];

async function generate(path: string): Promise<void> {
  const rng = seedrandom.alea("arena-scale");
  const theta = Array.from({ length: MODELS }, (_, k) => 2 - (4 * k) / (MODELS - 1));
  const out = createWriteStream(path);
  out.write("model_a,model_b,winner,category,question_id\n");
  let buf: string[] = [];
  for (let b = 0; b < BATTLES; b++) {
    // a few popular models meet most often (Zipf popularity), as in an arena
    const pick = () => Math.min(MODELS - 1, Math.floor(MODELS * rng() ** 2));
    const i = pick();
    let j = pick();
    if (j === i) j = (i + 1 + Math.floor(rng() * (MODELS - 1))) % MODELS;
    const p = 1 / (1 + Math.exp(-(theta[i]! - theta[j]!)));
    const u = rng();
    const winner = u < 0.08 ? "tie" : u < 0.12 ? "tie (bothbad)" : rng() < p ? "model_a" : "model_b";
    buf.push(`m${i},m${j},${winner},${CATEGORIES[Math.floor(rng() * 8)]},q${b}`);
    if (buf.length === 10_000) {
      if (!out.write(`${buf.join("\n")}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
      buf = [];
    }
  }
  out.write(`${buf.join("\n")}\n`);
  await new Promise<void>((r) => out.end(() => r()));
}

if (phase === "generate") await generate(file!);
else if (phase === "fit" || phase === "fit-overall") {
  const data = readPairwise(file!);
  const tables = ratingLeaderboards(data, phase === "fit" ? {} : { tasks: ["overall"] });
  process.stdout.write(
    `${data.models.length} models, ${data.tasks.length} categories, ${data.cells.length} cells; ${tables.length} fits, all converged: ${tables.every((t) => t.fit.converged)}\n`,
  );
} else if (phase === "bootstrap") {
  const data = readPairwise(file!);
  const s = await runBootstrap(
    { pairwise: data, ratings: true, replicates: Number(n ?? 100), seed: "1", resample: { kind: "battles" } },
    // 100 replicates of 113,800 cells pass the default work limit: the command line needs
    // --max-bootstrap-work too, and so does the measurement
    { workers: Number(w ?? 2), maxBootstrapWork: 1e9 },
  );
  process.stdout.write(`${s.replicates} replicates, ${s.ratings!.length} fits each\n`);
} else process.stderr.write("usage: arena-scale.ts generate|fit|fit-overall|bootstrap FILE [N W]\n");
const usage = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({ cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMB: usage.maxRSS / 1024 })}\n`,
);
