/**
 * The long fuzzing run: `npm run fuzz [-- CASES [SEED]]` (default 2,000 cases, seed "fuzz"). Prints
 * every case that breaks an invariant and exits 1 when there is one.
 */
import { fuzzCase } from "./cli-fuzz.js";

const cases = Number(process.argv[2] ?? 2000);
const seed = process.argv[3] ?? "fuzz";
let bad = 0;
for (let k = 0; k < cases; k++) {
  const o = await fuzzCase(seed, k);
  if (o.problem !== undefined) {
    bad++;
    console.log(`case ${k}: ${JSON.stringify(o.argv)}: ${o.problem}`);
  }
  if (process.stderr.isTTY) process.stderr.write(`\r${k + 1}/${cases} cases, ${bad} broken`);
}
if (process.stderr.isTTY) process.stderr.write("\n");
console.log(`${cases} cases (seed ${seed}): ${bad} broke an invariant`);
process.exitCode = bad === 0 ? 0 : 1;
