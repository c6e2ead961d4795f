/**
 * The cost of sharding a check (docs/scale-out.md): total CPU time of 4 shards of `modelmarket check
 * --instances 20000 --workers 1` plus their merge, divided by the CPU time of one process doing the same
 * run. Target at most 1.10. CPU is measured in each process (`cpu-at-exit.mjs`: user + system of all its
 * threads, V8's compiler threads included), so machine load affects it less than wall time. The
 * details split the overhead (the total minus one process) into: the start-up of the 4 extra
 * processes (3 shards and the merge; start-up is `check --claim C9 --instances 1`, of which `node -e 0`
 * is Node's own), the merge's work beyond its start-up (the shrink of each first hit, which one process
 * also does, but here in a cold process), and the rest: what each extra shard pays to compile the
 * claims' code again (V8's warm-up: the first thousand instances of a claim run several times slower
 * than the rest).
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

export const benchmarks: Benchmark[] = [
  {
    name: "check/shards-cpu",
    description: `total CPU of ${SHARDS} shards + merge of check --instances ${INSTANCES} --workers 1, divided by one process's`,
    run: () => {
      if (!existsSync(join(root, "dist", "cli", "main.js"))) throw new Error("run `npm run build` first");
      const run = ["check", "--instances", String(INSTANCES), "--workers", "1"];
      const dir = mkdtempSync(join(tmpdir(), "modelmarket-bench-shards-"));
      try {
        const node = cpuMs(["-e", "0"], true);
        const startup = cpuMs(["check", "--claim", "C9", "--instances", "1", "--workers", "1"]);
        const one = cpuMs([...run, "--findings-exit", "0"]);
        const shards = Array.from({ length: SHARDS }, (_, k) =>
          cpuMs([...run, "--shard", `${k + 1}/${SHARDS}`, "--out", join(dir, "s")]),
        );
        const merge = cpuMs(["merge", join(dir, "s"), "--findings-exit", "0"]);
        const total = shards.reduce((a, b) => a + b, 0) + merge;
        const overhead = total - one;
        const extraStartup = SHARDS * startup;
        const mergeWork = merge - startup;
        const warmup = overhead - extraStartup - mergeWork;
        return {
          value: total / one,
          unit: "x one process",
          better: "lower",
          target: 1.1,
          details: {
            oneCpuMs: one,
            shardCpuMs: shards,
            mergeCpuMs: merge,
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
