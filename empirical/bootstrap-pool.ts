import { ThreadPool } from "../src/threads.js";
import type { ProgressSink } from "../src/work.js";
import type { BootstrapSpec, ReplicateResult } from "./bootstrap.js";

/** Replicates per job: small enough to balance two workers, large enough to amortise messages. */
const CHUNK = 10;

/**
 * Runs the replicates `indices` (default `0..spec.replicates-1`) on `workers` worker threads (the
 * project's one pool, `ThreadPool`) and returns them in the order of `indices`. A worker's
 * `InputError` or `WorkLimitError` is rethrown as the same error.
 *
 * @throws InputError / WorkLimitError from a replicate; InternalError when a worker fails otherwise.
 * @example
 * const reps = await runBootstrapParallel(spec, 2);
 */
export async function runBootstrapParallel(
  spec: BootstrapSpec,
  workers: number,
  progress?: ProgressSink,
  indices: readonly number[] = Array.from({ length: spec.replicates }, (_, k) => k),
): Promise<ReplicateResult[]> {
  const jobs: Array<{ indices: number[] }> = [];
  for (let s = 0; s < indices.length; s += CHUNK) jobs.push({ indices: indices.slice(s, s + CHUNK) });
  const pool = new ThreadPool<{ indices: number[] }, ReplicateResult[]>(
    import.meta.url,
    "bootstrap-worker",
    { spec },
    Math.min(workers, jobs.length),
    "bootstrap",
  );
  let done = 0;
  try {
    const parts = await pool.map(jobs, (_, rs) => {
      done += rs.length;
      progress?.({ done, total: indices.length, unit: "replicates" });
    });
    return parts.flat();
  } finally {
    await pool.close();
  }
}
