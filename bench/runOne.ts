/**
 * Runs the benchmarks of one `bench/*.bench.ts` file and prints their results as one JSON line on
 * stdout. `bench/run.ts` starts one process per file so that benchmarks do not share a JIT or heap
 * state (a large earlier benchmark can otherwise slow a later one by a third).
 */
import { join } from "node:path";
import type { Benchmark, Measurement } from "./harness.js";

const [file, filter] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: runOne.ts FILE [FILTER]");
const mod = (await import(join(process.cwd(), file))) as { benchmarks: Benchmark[] };
const rows: Array<{ name: string; description: string } & Measurement> = [];
for (const b of mod.benchmarks) {
  if (filter !== undefined && filter !== "" && !b.name.includes(filter)) continue;
  process.stderr.write(`running ${b.name} ...\n`);
  const m = await b.run();
  rows.push({ name: b.name, description: b.description, ...m });
}
process.stdout.write(`${JSON.stringify(rows)}\n`);
// worker pools or wasm modules a benchmark left open must not keep the process alive
process.exit(0);
