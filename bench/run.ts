/**
 * `npm run bench [-- --filter TEXT]`: runs every benchmark in `bench/*.bench.ts`, prints a table and
 * writes `bench/results/bench.json`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Measurement } from "./harness.js";

const here = dirname(fileURLToPath(import.meta.url));
const filterIdx = process.argv.indexOf("--filter");
const filter = filterIdx === -1 ? undefined : process.argv[filterIdx + 1];

const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
const rows: Array<{ name: string; description: string } & Measurement> = [];

/** Runs `bench/runOne.ts` with `args` in a new process and returns its last stdout line, parsed. */
function runOne(args: string[]): unknown {
  const child = spawnSync(process.execPath, ["--import", "tsx", join(here, "runOne.ts"), ...args], {
    cwd: join(here, ".."),
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (child.status !== 0) throw new Error(`benchmark ${args.join(" ")} failed (exit ${child.status})`);
  const lines = child.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]!);
}

for (const file of files) {
  const path = join("bench", file);
  // one process per benchmark: benchmarks must not share JIT or heap state
  for (const name of runOne([path, "--list"]) as string[]) {
    if (filter !== undefined && !name.includes(filter)) continue;
    rows.push(runOne([path, name]) as (typeof rows)[number]);
  }
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString("en-US");
  return x.toPrecision(3);
}
const header = ["benchmark", "value", "unit", "target", "meets target"];
const table = rows.map((r) => [
  r.name,
  fmt(r.value),
  r.unit,
  r.target === undefined ? "-" : `${r.better === "higher" ? ">=" : "<="} ${fmt(r.target)}`,
  r.target === undefined
    ? "-"
    : (r.better === "higher" ? r.value >= r.target : r.value <= r.target)
      ? "yes"
      : "NO",
]);
const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c]!.length)));
const line = (cells: string[]) => cells.map((s, c) => s.padEnd(widths[c]!)).join("  ");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const row of table) console.log(line(row));
const outDir = join(here, "results");
mkdirSync(outDir, { recursive: true });
const out = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  date: new Date().toISOString(),
  results: rows,
};
writeFileSync(join(outDir, "bench.json"), `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nwrote ${join("bench", "results", "bench.json")}`);
