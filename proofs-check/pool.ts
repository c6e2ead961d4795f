/**
 * A small pool of worker threads that run chunks of claim instances.
 *
 * Workers must load TypeScript: they start from `worker-boot.mjs`, which registers tsx's loader and
 * then imports `worker.ts`. This works under `node bin/modelmarket.js`, `node --import tsx` and vitest.
 */
import { Worker } from "node:worker_threads";

/** A unit of work: instances `[start, end)` of one claim, or several such ranges (`ranges`). */
export interface ChunkJob {
  claimId: string;
  seed: string;
  start: number;
  end: number;
  /** When given, the job is these ranges (in order) and `start`/`end` are their hull. */
  ranges?: Array<[number, number]>;
  /** Stop at the first hit (witness and falsifiable claims). */
  search: boolean;
}

/** What a chunk found. */
export interface ChunkResult {
  claimId: string;
  start: number;
  end: number;
  tried: number;
  vacuous: number;
  hits: number;
  firstHit: number | null;
  /** Compute time of the chunk in milliseconds (a timing, not part of the report). */
  ms: number;
}

/** Messages from a worker. */
type WorkerReply = { ok: true; result: ChunkResult } | { ok: false; error: string } | { ready: true };

/** The pool. `modules` are URLs of modules whose exports include the claims to run. */
export class WorkerPool {
  readonly workers: Worker[];
  /** Resolves when every worker has loaded its claim modules. */
  readonly ready: Promise<void>;

  constructor(size: number, modules: readonly string[]) {
    const boot = new URL("./worker-boot.mjs", import.meta.url);
    this.workers = Array.from(
      { length: size },
      () => new Worker(boot, { workerData: { modules: [...modules] } }),
    );
    this.ready = Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once("message", () => resolve());
            w.once("error", reject);
          }),
      ),
    ).then(() => undefined);
  }

  /** Runs one job on worker `w` (one job per worker at a time). */
  run(w: Worker, job: ChunkJob): Promise<ChunkResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (msg: WorkerReply) => {
        w.off("error", onError);
        if ("ready" in msg) reject(new Error("worker: unexpected ready message"));
        else if (msg.ok) resolve(msg.result);
        else reject(new Error(msg.error));
      };
      const onError = (err: Error) => {
        w.off("message", onMessage);
        reject(err);
      };
      w.once("message", onMessage);
      w.once("error", onError);
      w.postMessage(job);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
