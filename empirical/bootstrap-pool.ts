/**
 * Bootstrap replicates on worker threads: the replicates are cut into chunks, handed out to whichever
 * worker is free, and put back in index order. Each replicate seeds its own stream from its index
 * (`bootstrap.ts`), so the results do not depend on the number of workers or the scheduling.
 */
import { Worker } from "node:worker_threads";
import type { ProgressSink } from "../src/work.js";
import type { BootstrapSpec, ReplicateResult } from "./bootstrap.js";

type Reply =
  | { ready: true }
  | { ok: true; start: number; results: ReplicateResult[] }
  | { ok: false; error: string };

/** Replicates per job: small enough to balance two workers, large enough to amortise messages. */
const CHUNK = 10;

/**
 * Runs replicates `0..spec.replicates-1` on `workers` threads and returns them in index order.
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
  const boot = new URL("./bootstrap-worker-boot.mjs", import.meta.url);
  const total = spec.replicates;
  const results: ReplicateResult[] = new Array(total);
  const jobs: Array<[number, number]> = [];
  for (let s = 0; s < total; s += CHUNK) jobs.push([s, Math.min(total, s + CHUNK)]);
  let next = 0;
  let done = 0;
  const pool = Array.from(
    { length: Math.min(workers, jobs.length) },
    () => new Worker(boot, { workerData: { spec } }),
  );
  try {
    await Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= jobs.length) {
                resolve();
                return;
              }
              const [start, end] = jobs[next++]!;
              w.postMessage({ start, end });
            };
            w.on("message", (msg: Reply) => {
              if ("ready" in msg) return send();
              if (!msg.ok) return reject(new Error(`bootstrap worker: ${msg.error}`));
              msg.results.forEach((r, k) => {
                results[msg.start + k] = r;
              });
              done += msg.results.length;
              progress?.({ done, total, unit: "replicates" });
              send();
            });
            w.on("error", reject);
            w.on("exit", (code) => {
              if (next < jobs.length || done < total)
                reject(new Error(`bootstrap worker exited with code ${code}`));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
