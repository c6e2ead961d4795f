/**
 * How bootstrap replicates are distributed: over worker threads (the project's one pool,
 * `ThreadPool`) and over shards (`--shard k/N`: replicates `k-1, k-1+N, ...`). Replicate `k` depends on
 * the seed and `k` only, so any distribution gives the same numbers.
 */
import { ThreadPool } from "../src/threads.js";
import type { ProgressSink } from "../src/work.js";
import { type BootstrapSpec, bootstrapReplicate, type ReplicateResult } from "./bootstrap.js";

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

/**
 * The replicates of a bootstrap, or of one shard of it (`shard`: replicates `i` with
 * `i mod count = index - 1`), in index order: on `workers` threads when more than 1, else here.
 *
 * @throws InputError / WorkLimitError from a replicate; InternalError when a worker fails otherwise.
 * @example
 * computeReplicates(spec, { workers: 1, shard: { index: 2, count: 4 } }).then((rs) => rs.map((r) => r.k)); // [1, 5, 9, ...]
 */
export async function computeReplicates(
  spec: BootstrapSpec,
  opts: { workers?: number; progress?: ProgressSink; shard?: { index: number; count: number } } = {},
): Promise<ReplicateResult[]> {
  const indices: number[] = [];
  const { index, count } = opts.shard ?? { index: 1, count: 1 };
  for (let k = index - 1; k < spec.replicates; k += count) indices.push(k);
  const workers = Math.max(1, Math.floor(opts.workers ?? 1));
  if (workers > 1 && indices.length > 1) return runBootstrapParallel(spec, workers, opts.progress, indices);
  return indices.map((k, j) => {
    const r = bootstrapReplicate(spec, k);
    opts.progress?.({ done: j + 1, total: indices.length, unit: "replicates" });
    return r;
  });
}
