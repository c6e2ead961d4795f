/**
 * proofs-check throughput: C6 (top-k entrant, logit, T up to 8, n up to 6) instances per second on one
 * core and on two worker threads. Targets: >= 10,000 instances/s on one core and >= 1.8x that
 * on two workers. Reported, never asserted.
 *
 * Both figures are steady-state throughput of `runCheck` (what `modelmarket check` runs), measured the
 * same way: a warm-up run first (so the code is compiled: the one-core run in this thread, the
 * two-worker run in the same, already started, pool of workers), then a timed run of `INSTANCES`
 * instances whose wall time excludes shrinking the counterexample (serial work after the instances;
 * reported in details). Worker start-up (loading tsx and the claims, about 0.5 s) and the cold
 * first instances in fresh workers are reported separately, from a run on a new pool.
 */
import { BUILTIN_CLAIMS, type ReportFile, runCheck, runChunk } from "../proofs-check/index.js";
import { WorkerPool } from "../proofs-check/pool.js";
import type { Benchmark } from "./harness.js";

const c6 = BUILTIN_CLAIMS.find((c) => c.id === "C6")!;
const INSTANCES = 600_000;
const WARMUP = 100_000;

/** Instances per second of a run, its wall time less the shrinking of its counterexample. */
function rate(file: ReportFile, wallMs: number, instances: number): number {
  return instances / ((wallMs - file.timings.claims.C6!.shrinkMs) / 1000);
}

async function timedRun(opts: {
  workers?: number;
  pool?: WorkerPool;
}): Promise<{ rate: number; file: ReportFile; wall: number }> {
  const t0 = performance.now();
  const file = await runCheck([c6], { seed: "bench", instances: INSTANCES, ...opts });
  const wall = performance.now() - t0;
  return { rate: rate(file, wall, INSTANCES), file, wall };
}

async function oneCoreRate(): Promise<{ rate: number; shrinkMs: number }> {
  // Warm up with runChunk, not runCheck: runCheck ends by shrinking the counterexample in this thread,
  // and the shrinker's instances change the type feedback of the shared predicate code, so a run after
  // a shrink is about a third slower here (workers never shrink, so they are not affected).
  runChunk(c6, { claimId: "C6", seed: "warm", start: 0, end: WARMUP, search: false });
  const r = await timedRun({ workers: 1 });
  return { rate: r.rate, shrinkMs: r.file.timings.claims.C6!.shrinkMs };
}

let single: number | undefined;

export const benchmarks: Benchmark[] = [
  {
    name: "check/C6-one-core",
    description: `C6 instances per second in one thread: runCheck with workers 1, steady state (after a ${WARMUP}-instance warm-up), ${INSTANCES} instances, shrinking excluded`,
    run: async () => {
      const r = await oneCoreRate();
      single = r.rate;
      return {
        value: r.rate,
        unit: "instances/s",
        better: "higher",
        target: 10_000,
        details: { instances: INSTANCES, shrinkMs: r.shrinkMs },
      };
    },
  },
  {
    name: "check/C6-two-workers",
    description: `C6 instances per second with 2 worker threads: runCheck on a started pool, steady state (after a ${WARMUP}-instance warm-up on the same workers), ${INSTANCES} instances, shrinking excluded; start-up reported in details`,
    run: async () => {
      // cold: a new pool, as one `modelmarket check --workers 2` invocation sees it
      const cold = await timedRun({ workers: 2 });
      const pool = new WorkerPool(2, [c6.module!]);
      try {
        await pool.ready;
        await runCheck([c6], { seed: "warm", instances: WARMUP, pool });
        const warm = await timedRun({ pool });
        const base = single ?? (await oneCoreRate()).rate;
        const computeMs = warm.file.timings.claims.C6!.computeMs;
        return {
          value: warm.rate,
          unit: "instances/s",
          better: "higher",
          target: 1.8 * base,
          details: {
            instances: INSTANCES,
            oneCore: base,
            speedup: warm.rate / base,
            // summed per-job compute time of both workers over the wall time: 2 when both were always busy
            concurrency: computeMs / (warm.wall - warm.file.timings.claims.C6!.shrinkMs),
            shrinkMs: warm.file.timings.claims.C6!.shrinkMs,
            coldPool: {
              poolStartMs: cold.file.timings.poolStartMs,
              rateAfterStartup: INSTANCES / ((cold.wall - cold.file.timings.poolStartMs) / 1000),
              rateIncludingStartup: INSTANCES / (cold.wall / 1000),
            },
            violations: warm.file.claims[0]!.hits,
          },
        };
      } finally {
        await pool.close();
      }
    },
  },
];
