import { ThreadPool } from "../../src/threads.js";
import type { ProgressSink } from "../../src/work.js";
import type { SweepPoint, SweepTask } from "./sweep.js";

/**
 * Computes `sweepPoint(task, grid[i])` for every `i` in `size` worker threads (the project's one pool,
 * `ThreadPool`) and returns the points in grid order. A worker's `InputError` or `WorkLimitError` is
 * rethrown as the same error; anything else as an `InternalError` with the worker's stack.
 *
 * @throws InputError / WorkLimitError / InternalError from the workers.
 * @example
 * const points = await runSweepPoints(task, [[0.1], [0.2]], 2);
 */
export async function runSweepPoints(
  task: SweepTask,
  grid: readonly number[][],
  size: number,
  progress?: ProgressSink,
): Promise<SweepPoint[]> {
  // chunks small enough to balance the load, large enough to keep messages few
  const chunk = Math.max(1, Math.min(16, Math.floor(grid.length / (size * 4))));
  const jobs: Array<{ values: number[][] }> = [];
  for (let a = 0; a < grid.length; a += chunk) jobs.push({ values: grid.slice(a, a + chunk) });
  const pool = new ThreadPool<{ values: number[][] }, SweepPoint[]>(
    import.meta.url,
    "worker",
    { task },
    Math.min(size, jobs.length),
    "sweep",
  );
  let done = 0;
  try {
    const parts = await pool.map(jobs, (_, points) => {
      done += points.length;
      progress?.({ done, total: grid.length, unit: "sweep points" });
    });
    return parts.flat();
  } finally {
    await pool.close();
  }
}
