import { startWorker } from "../src/threads.js";
import type { ProgressSink } from "../src/work.js";
import { type BootstrapSpec, bootstrapRange, type ReplicateResult } from "./bootstrap.js";

type Reply =
  | { ready: true }
  | { ok: true; start: number; results: ReplicateResult[] }
  | { ok: false; error: string };

/** Replicates per job: small enough to balance two workers, large enough to amortise messages. */
const CHUNK = 10;

/**
 * Runs replicates `0..spec.replicates-1` on `workers` compute threads (the main thread and
 * `workers - 1` worker threads) and returns them in index order.
 *
 * @throws Error when a worker fails (the message carries its stack).
 * @example
 * const reps = await runBootstrapParallel(spec, 2);
 */
export async function runBootstrapParallel(
  spec: BootstrapSpec,
  workers: number,
  progress?: ProgressSink,
): Promise<ReplicateResult[]> {
  const total = spec.replicates;
  const results: ReplicateResult[] = new Array(total);
  const jobs: Array<[number, number]> = [];
  for (let s = 0; s < total; s += CHUNK) jobs.push([s, Math.min(total, s + CHUNK)]);
  let next = 0;
  let done = 0;
  const store = (start: number, rs: ReplicateResult[]) => {
    rs.forEach((r, k) => {
      results[start + k] = r;
    });
    done += rs.length;
    progress?.({ done, total, unit: "replicates" });
  };
  // the main thread is one of the `workers` compute threads: it takes jobs from the same queue, one
  // chunk per event-loop turn, so the threads' replies are handled in between
  const threads = Array.from({ length: Math.min(workers - 1, jobs.length) }, () =>
    startWorker(import.meta.url, "bootstrap-worker", { spec }),
  );
  let failure: Error | undefined;
  const local = new Promise<void>((resolve, reject) => {
    const step = () => {
      if (failure !== undefined) return resolve();
      if (next >= jobs.length) return resolve();
      const [start, end] = jobs[next++]!;
      try {
        store(start, bootstrapRange(spec, start, end));
      } catch (err) {
        return reject(err);
      }
      setImmediate(step);
    };
    setImmediate(step);
  });
  try {
    await Promise.all([
      local,
      ...threads.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const fail = (err: Error) => {
              failure = err;
              reject(err);
            };
            const send = () => {
              if (next >= jobs.length || failure !== undefined) {
                resolve();
                return;
              }
              const [start, end] = jobs[next++]!;
              w.postMessage({ start, end });
            };
            w.on("message", (msg: Reply) => {
              if ("ready" in msg) return send();
              if (!msg.ok) return fail(new Error(`bootstrap worker: ${msg.error}`));
              store(msg.start, msg.results);
              send();
            });
            w.on("error", fail);
            w.on("exit", (code) => fail(new Error(`bootstrap worker exited with code ${code}`)));
          }),
      ),
    ]);
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
  if (done !== total) throw new Error(`bootstrap: ${done} of ${total} replicates computed`);
  return results;
}
