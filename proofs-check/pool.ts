/**
 * The checker's worker threads: the project's one pool (`ThreadPool`, src/threads.ts) running
 * `worker.ts`, which loads the claim modules once per thread and then runs chunks of instances.
 *
 * Workers run the compiled `worker.js` when this module is itself compiled (the installed package,
 * `dist/`). When it runs from the TypeScript sources (vitest, `node --import tsx`), or when a claim
 * module is a `.ts` file, workers start from `src/worker-boot.mjs` instead, which registers tsx's loader
 * in the worker thread and then imports the worker; tsx is then needed (a development dependency).
 */
import { isTypeScriptModule, ThreadPool } from "../src/threads.js";

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

/**
 * The pool. `modules` are URLs of modules whose exports include the claims to run. A user error
 * thrown by a claim in a worker reaches the caller as the same `InputError` (see `ThreadPool`).
 *
 * @example
 * const pool = new WorkerPool(1, [claim.module!]);
 * await pool.ready;
 * const r = await pool.run(pool.workers[0]!, { claimId: claim.id, seed: "1", start: 0, end: 20, search: false });
 * await pool.close();
 */
export class WorkerPool extends ThreadPool<ChunkJob, ChunkResult> {
  /** The claim modules every worker loaded. */
  readonly modules: readonly string[];

  /**
   * @throws Error from `new Worker` when the worker module cannot be found.
   */
  constructor(size: number, modules: readonly string[]) {
    super(
      import.meta.url,
      "worker",
      { modules: [...modules] },
      size,
      "check",
      modules.some((m) => isTypeScriptModule(m)),
    );
    this.modules = [...modules];
  }
}
