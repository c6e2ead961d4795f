/**
 * A small pool of worker threads that run chunks of claim instances.
 *
 * Workers run the compiled `worker.js` when this module is itself compiled (the installed package,
 * `dist/`). When it runs from the TypeScript sources (vitest, `node --import tsx`), or when a claim
 * module is a `.ts` file, workers start from `src/worker-boot.mjs` instead, which registers tsx's loader
 * in the worker thread and then imports the worker; tsx is then needed (a development dependency).
 *
 * A worker may be given several jobs before the first is answered (`run` queues them): it handles its
 * messages in order, so replies come back in submission order, and a worker that already holds its
 * next job never waits for a round trip through the main thread between jobs.
 */
import { isTypeScriptModule, startWorker } from "../src/threads.js";

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

interface Pending {
  resolve: (r: ChunkResult) => void;
  reject: (e: Error) => void;
}

/**
 * The pool. `modules` are URLs of modules whose exports include the claims to run.
 *
 * @example
 * const pool = new WorkerPool(1, [claim.module!]);
 * await pool.ready;
 * const r = await pool.run(pool.workers[0]!, { claimId: claim.id, seed: "1", start: 0, end: 20, search: false });
 * await pool.close();
 */
/**
 * The part of a worker thread the pool uses, stated structurally so that the package's public types
 * need no `@types/node` (a consumer compiles against them without it); Node's `Worker` satisfies it.
 */
export interface PoolWorker {
  on(event: "message", listener: (msg: WorkerReply) => void): unknown;
  on(event: "error", listener: (err: Error) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
  postMessage(value: ChunkJob): void;
  terminate(): Promise<number>;
}

type Worker = PoolWorker;

export class WorkerPool {
  readonly workers: Worker[];
  /** The claim modules every worker loaded. */
  readonly modules: readonly string[];
  /** Resolves when every worker has loaded its claim modules. */
  readonly ready: Promise<void>;
  /** Per worker, the jobs sent and not yet answered, oldest first. */
  private readonly queues = new Map<Worker, Pending[]>();
  /** Per worker, why it can no longer run jobs (an error event or an exit). */
  private readonly failed = new Map<Worker, Error>();

  /**
   * @throws nothing for valid inputs of the declared types
   */
  constructor(size: number, modules: readonly string[]) {
    const needsTs = modules.some((m) => isTypeScriptModule(m));
    this.modules = [...modules];
    this.workers = Array.from({ length: size }, () =>
      startWorker(import.meta.url, "worker", { modules: [...modules] }, needsTs),
    );
    this.ready = Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const queue: Pending[] = [];
            this.queues.set(w, queue);
            let started = false;
            // one listener per worker for its whole life: the first message is `ready`, then one
            // reply per job, in the order the jobs were sent
            w.on("message", (msg: WorkerReply) => {
              if ("ready" in msg) {
                started = true;
                resolve();
                return;
              }
              const p = queue.shift();
              if (p === undefined) return;
              if (msg.ok) p.resolve(msg.result);
              else p.reject(new Error(msg.error));
            });
            const fail = (err: Error) => {
              this.failed.set(w, err);
              if (!started) reject(err);
              for (const p of queue.splice(0)) p.reject(err);
            };
            w.on("error", fail);
            w.on("exit", (code) => {
              if (!this.failed.has(w)) fail(new Error(`worker exited with code ${code}`));
            });
          }),
      ),
    ).then(() => undefined);
  }

  /**
   * Sends one job to worker `w` and resolves with its result. Several jobs may be outstanding on one
   * worker; they run one after the other, in the order sent.
   * @throws nothing for valid inputs of the declared types
   */
  run(w: Worker, job: ChunkJob): Promise<ChunkResult> {
    const queue = this.queues.get(w);
    if (queue === undefined) return Promise.reject(new Error("worker: not a worker of this pool"));
    const failure = this.failed.get(w);
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      queue.push({ resolve, reject });
      w.postMessage(job);
    });
  }

  /**
   * Stops every worker.
   *
   * @throws nothing for valid inputs of the declared types
   */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map((w) => {
        // an exit we asked for is not a failure; jobs still queued will never be answered
        const closed = new Error("worker pool closed");
        this.failed.set(w, closed);
        for (const p of this.queues.get(w)!.splice(0)) p.reject(closed);
        return w.terminate();
      }),
    );
  }
}
