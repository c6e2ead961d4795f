/**
 * Runs one benchmark of a `bench/*.bench.ts` file (`runOne.ts FILE NAME`) and prints its result as one
 * JSON line on stdout; `runOne.ts FILE --list` prints the file's benchmark names. `bench/run.ts` starts
 * one process per benchmark so that benchmarks share no JIT or heap state: code optimised for one
 * selection rule or market size can otherwise run another benchmark a third slower, or not, from run
 * to run.
 */
import { join } from "node:path";
import type { Benchmark } from "./harness.js";

const [file, name] = process.argv.slice(2);
if (file === undefined || name === undefined) throw new Error("usage: runOne.ts FILE (NAME | --list)");
const mod = (await import(join(process.cwd(), file))) as { benchmarks: Benchmark[] };
if (name === "--list") {
  process.stdout.write(`${JSON.stringify(mod.benchmarks.map((b) => b.name))}\n`);
} else {
  const b = mod.benchmarks.find((x) => x.name === name);
  if (b === undefined) throw new Error(`no benchmark ${name} in ${file}`);
  process.stderr.write(`running ${b.name} ...\n`);
  const m = await b.run();
  process.stdout.write(`${JSON.stringify({ name: b.name, description: b.description, ...m })}\n`);
}
// worker pools or wasm modules a benchmark left open must not keep the process alive
process.exit(0);
