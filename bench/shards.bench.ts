/**
 * The cost of sharding a check (docs/scale-out.md): total CPU time of 4 shards of `modelmarket check
 * --instances 20000 --workers 1` plus their merge, divided by the CPU time of one process doing the same
 * run; the median over `ROUNDS` paired rounds (each round runs the one process, then the shards and the
 * merge, so that both sides of a ratio see the same machine load). Target at most 1.10. CPU is
 * measured in each process (`cpu-at-exit.mjs`: user + system of all its threads, V8's compiler threads
 * included), so machine load affects it less than wall time, but on a shared machine single figures
 * still vary by about 15%, hence the rounds. The details split the median round's overhead (the
 * total minus one process) into: the start-up of the 4 extra processes (3 shards and the merge;
 * start-up is `check --claim C9 --instances 1`, of which `node -e 0` is Node's own), the merge's work
 * beyond its start-up (the shrink of each first hit, which one process also does, but here in a cold
 * process), and the rest: what each extra shard pays to compile its claims' code again (V8's
 * optimising compiler, whose work is per process; negative when shards, each running fewer claims,
 * compute more cheaply than one process).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark } from "./harness.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const preload = new URL("./cpu-at-exit.mjs", import.meta.url).href;
const bin = join(root, "bin", "modelmarket.js");
const INSTANCES = 20_000;
const SHARDS = 4;
/** Paired rounds (environment `BENCH_SHARD_ROUNDS`, default 3); the median round is reported. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_SHARD_ROUNDS ?? 3) || 3);

/** CPU milliseconds of one `modelmarket ...args` run (`node ...args` with `bare`). */
function cpuMs(args: string[], bare = false): number {
  const argv = ["--import", preload, ...(bare ? [] : [bin]), ...args];
  const r = spawnSync(process.execPath, argv, { cwd: root, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`modelmarket ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  const m = /cpu-us (\d+)/.exec(r.stderr);
  if (m === null) throw new Error(`no CPU figure from modelmarket ${args.join(" ")}`);
  return Number(m[1]) / 1000;
}

/** One paired round: the one process, then the shards and their merge, CPU milliseconds each. */
function round(dir: string): { one: number; shards: number[]; merge: number; ratio: number } {
  const run = ["check", "--instances", String(INSTANCES), "--workers", "1"];
  rmSync(dir, { recursive: true, force: true });
  const one = cpuMs([...run, "--findings-exit", "0"]);
  const shards = Array.from({ length: SHARDS }, (_, k) =>
    cpuMs([...run, "--shard", `${k + 1}/${SHARDS}`, "--out", dir]),
  );
  const merge = cpuMs(["merge", dir, "--findings-exit", "0"]);
  return { one, shards, merge, ratio: (shards.reduce((a, b) => a + b, 0) + merge) / one };
}

export const benchmarks: Benchmark[] = [
  {
    name: `check: ${SHARDS} shards / 1 process CPU`,
    description: `total CPU of ${SHARDS} shards + merge of check --instances ${INSTANCES} --workers 1, divided by one process's (median of ${ROUNDS} paired rounds)`,
    run: () => {
      if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first");
      const dir = mkdtempSync(join(tmpdir(), "modelmarket-bench-shards-"));
      try {
        const node = cpuMs(["-e", "0"], true);
        const startup = cpuMs(["check", "--claim", "C9", "--instances", "1", "--workers", "1"]);
        const rounds = Array.from({ length: ROUNDS }, () => round(join(dir, "s")));
        const sorted = [...rounds].sort((a, b) => a.ratio - b.ratio);
        const mid = sorted[Math.floor((sorted.length - 1) / 2)]!;
        const total = mid.shards.reduce((a, b) => a + b, 0) + mid.merge;
        const overhead = total - mid.one;
        const extraStartup = SHARDS * startup;
        const mergeWork = mid.merge - startup;
        const warmup = overhead - extraStartup - mergeWork;
        return {
          value: mid.ratio,
          unit: "x one process",
          better: "lower",
          target: 1.1,
          details: {
            ratios: rounds.map((r) => r.ratio),
            oneCpuMs: mid.one,
            shardCpuMs: mid.shards,
            mergeCpuMs: mid.merge,
            nodeCpuMs: node,
            startupCpuMs: startup,
            overheadMs: overhead,
            extraStartupMs: extraStartup,
            mergeBeyondStartupMs: mergeWork,
            warmupPerExtraShardMs: warmup / (SHARDS - 1),
            shares: {
              startup: extraStartup / overhead,
              merge: mergeWork / overhead,
              warmup: warmup / overhead,
            },
          },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
