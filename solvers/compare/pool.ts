import { InputError, InternalError } from "../../src/errors.js";
import { startWorker } from "../../src/threads.js";
import type { ProgressSink } from "../../src/work.js";
import type { SweepPoint, SweepTask } from "./sweep.js";

type Reply =
  | { ready: true }
  | { ok: true; points: SweepPoint[] }
  | { ok: false; input?: { file?: string; where?: string; problem: string }; error?: string };

/**
 * Computes `sweepPoint(task, grid[i])` for every `i` in `size` worker threads and returns the points in
 * grid order. A worker's `InputError` is rethrown as an `InputError`; anything else as an
 * `InternalError` with the worker's message.
 *
 * @throws InputError / InternalError from the workers.
 * @example
 * const points = await runSweepPoints(task, [[0.1], [0.2]], 2);
 */
export async function runSweepPoints(
  task: SweepTask,
  grid: readonly number[][],
  size: number,
  progress?: ProgressSink,
): Promise<SweepPoint[]> {
  const out: Array<SweepPoint | undefined> = new Array(grid.length);
  // chunks small enough to balance the load, large enough to keep messages few
  const chunk = Math.max(1, Math.min(16, Math.floor(grid.length / (size * 4))));
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: size }, () => startWorker(import.meta.url, "worker", { task }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let current: [number, number] | undefined;
            const send = () => {
              if (next >= grid.length) {
                current = undefined;
                resolve();
                return;
              }
              current = [next, Math.min(grid.length, next + chunk)];
              next = current[1];
              w.postMessage({ values: grid.slice(current[0], current[1]) });
            };
            w.on("message", (msg: Reply) => {
              if ("ready" in msg) {
                send();
                return;
              }
              if (!msg.ok) {
                reject(
                  msg.input
                    ? new InputError(msg.input.file, msg.input.where, msg.input.problem)
                    : new InternalError(`sweep worker: ${msg.error ?? "unknown failure"}`),
                );
                return;
              }
              const [a] = current!;
              msg.points.forEach((p, k) => {
                out[a + k] = p;
              });
              done += msg.points.length;
              progress?.({ done, total: grid.length, unit: "sweep points" });
              send();
            });
            w.on("error", (err) => reject(err));
            w.on("exit", (code) => {
              if (current !== undefined) reject(new InternalError(`sweep worker exited with code ${code}`));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out.map((p, i) => {
    if (p === undefined) throw new InternalError(`sweep point ${i} was not computed`);
    return p;
  });
}
