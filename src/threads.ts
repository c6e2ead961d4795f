/**
 * The one worker pool of modelmarket: every parallel job (the theorem checker, compare sweeps, the
 * bootstrap) starts its threads, queues its jobs and receives its errors here, so all of them follow
 * one error policy: a user error thrown in a worker (`InputError`, `WorkLimitError`) reaches the caller
 * as the same class with the same fields and the same one-line message, so the command line prints it
 * and exits 2 exactly as if it had been thrown on the main thread; anything else becomes an
 * `InternalError` carrying the worker's stack.
 *
 * Why not piscina or tinypool: both run a task by calling a module's exported function and pass errors
 * back as plain `Error`s (the class and the `file`/`where`/`problem` fields are lost), neither starts a
 * worker from TypeScript sources on Node 20 (see `worker-boot.mjs`), and the checker keeps per-worker
 * state (the claim modules it loaded) that a task-per-call pool would reload; the pool below is one
 * file with the queueing the three jobs share.
 *
 * Compiled (dist/), a worker runs its `.js` module directly. From the TypeScript sources (vitest, tsx),
 * Node 20 cannot load `.ts` in a worker thread even with `--import tsx` in `execArgv`, so the worker
 * starts from `worker-boot.mjs`, which registers tsx's loader in that thread and then imports the
 * module named by `workerData.entry`.
 */
import { parentPort, Worker } from "node:worker_threads";
import { InputError, InternalError } from "./errors.js";
import { WorkLimitError } from "./work.js";

/** True when `moduleUrl` is a TypeScript file (running from the sources rather than dist/). */
export function isTypeScriptModule(moduleUrl: string): boolean {
  return /\.[cm]?tsx?$/.test(new URL(moduleUrl).pathname);
}

/**
 * Starts a worker thread running module `name` (without extension) next to `fromModule` (the caller's
 * `import.meta.url`), with `workerData` (plus `entry`, the module's URL). `needsTypeScript` forces the
 * tsx boot even from compiled code (a user's claim module written in TypeScript).
 *
 * @throws Error from `new Worker` when the module cannot be found.
 * @example
 * // illustration: starts a thread
 * // const w = startWorker(import.meta.url, "worker", { spec });
 */
export function startWorker(
  fromModule: string,
  name: string,
  workerData: Record<string, unknown>,
  needsTypeScript = false,
): PoolWorker {
  const fromSource = isTypeScriptModule(fromModule);
  const entry = new URL(`./${name}.${fromSource ? "ts" : "js"}`, fromModule);
  const script = fromSource || needsTypeScript ? new URL("./worker-boot.mjs", import.meta.url) : entry;
  return new Worker(script, { workerData: { ...workerData, entry: entry.href } });
}

/** An error as it crosses from a worker thread to the main thread (plain data). */
export type WorkerFailure =
  | { kind: "input"; file?: string; where?: string; problem: string; option?: string }
  | {
      kind: "limit";
      file?: string;
      where?: string;
      problem: string;
      limitName: string;
      estimate: number;
      limit: number;
      what: string;
    }
  | { kind: "other"; message: string };

/**
 * The plain-data form of an error thrown in a worker (see `decodeWorkerError`).
 *
 * @example
 * encodeWorkerError(new InputError("m.json", "$.tasks", "must not be empty")).kind; // "input"
 */
export function encodeWorkerError(err: unknown): WorkerFailure {
  if (err instanceof WorkLimitError) {
    return {
      kind: "limit",
      ...(err.file === undefined ? {} : { file: err.file }),
      ...(err.where === undefined ? {} : { where: err.where }),
      problem: err.problem,
      limitName: err.limitName,
      estimate: err.estimate,
      limit: err.limit,
      what: err.what,
    };
  }
  if (err instanceof InputError) {
    return {
      kind: "input",
      ...(err.file === undefined ? {} : { file: err.file }),
      ...(err.where === undefined ? {} : { where: err.where }),
      problem: err.problem,
      ...(err.option === undefined ? {} : { option: err.option }),
    };
  }
  return { kind: "other", message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}

/**
 * The error a worker threw, rebuilt on this thread: an `InputError` or `WorkLimitError` with the same
 * fields and message, or an `InternalError` naming the job (`label`) with the worker's stack.
 *
 * @example
 * decodeWorkerError({ kind: "input", where: "$.x", problem: "bad" }, "sweep").message; // "$.x: bad"
 */
export function decodeWorkerError(f: WorkerFailure, label: string): Error {
  switch (f.kind) {
    case "input":
      return new InputError(f.file, f.where, f.problem, f.option);
    case "limit":
      return new WorkLimitError(f.limitName, f.estimate, f.limit, f.what, f.file, f.where);
    case "other":
      return new InternalError(`${label} worker: ${f.message}`);
  }
}

type Reply<R> = { ready: true } | { ok: true; result: R } | { ok: false; failure: WorkerFailure };

/**
 * The worker side of the pool: answers every job the main thread sends with `handle(job)`, in order,
 * turning a thrown error into its plain-data form. Call it once, after the worker's set-up.
 *
 * @throws nothing (errors go back to the main thread).
 * @example
 * // in a worker module: serveJobs((job: { start: number; end: number }) => compute(job));
 */
export function serveJobs<J, R>(handle: (job: J) => R): void {
  const port = parentPort;
  if (port === null) throw new InternalError("serveJobs: not in a worker thread");
  port.postMessage({ ready: true });
  port.on("message", (job: J) => {
    let reply: Reply<R>;
    try {
      reply = { ok: true, result: handle(job) };
    } catch (err) {
      reply = { ok: false, failure: encodeWorkerError(err) };
    }
    port.postMessage(reply);
  });
}

interface Pending<R> {
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

/**
 * Worker threads running one module, each answering its jobs in the order sent. A worker may hold
 * several jobs at once (`inFlight` of `drain`): finishing one, it already has the next, so it never
 * waits for a round trip through a busy main thread. Results never depend on the number of threads:
 * callers store them by job, not by arrival.
 *
 * @example
 * const pool = new ThreadPool(import.meta.url, "worker", { task }, 2, "sweep");
 * const points = await pool.map(jobs); // in job order
 * await pool.close();
 */
/**
 * The part of a worker thread the pools use, stated structurally so that the package's public types
 * need no `@types/node` (a consumer compiles against them without it); Node's `Worker` satisfies it.
 */
export interface PoolWorker {
  // biome-ignore lint/suspicious/noExplicitAny: the message type is the pool's own protocol
  on(event: "message", listener: (msg: any) => void): unknown;
  on(event: "error", listener: (err: Error) => void): unknown;
  on(event: "exit", listener: (code: number) => void): unknown;
  postMessage(value: unknown): void;
  terminate(): Promise<number>;
}

export class ThreadPool<J, R> {
  readonly workers: PoolWorker[];
  /** Resolves when every worker has finished its set-up (rejects with its error otherwise). */
  readonly ready: Promise<void>;
  private readonly queues = new Map<PoolWorker, Array<Pending<R>>>();
  private readonly failed = new Map<PoolWorker, Error>();

  /**
   * Starts `size` threads of module `name` next to `fromModule` with `workerData`; `label` names the
   * job in internal errors.
   *
   * @throws Error from `new Worker` when the module cannot be found.
   */
  constructor(
    fromModule: string,
    name: string,
    workerData: Record<string, unknown>,
    size: number,
    private readonly label: string,
    needsTypeScript = false,
  ) {
    this.workers = Array.from({ length: Math.max(1, size) }, () =>
      startWorker(fromModule, name, workerData, needsTypeScript),
    );
    this.ready = Promise.all(this.workers.map((w) => this.watch(w))).then(() => undefined);
    // a failed start is reported by whoever awaits `ready` or a job, not as an unhandled rejection
    this.ready.catch(() => undefined);
  }

  private watch(w: PoolWorker): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue: Array<Pending<R>> = [];
      this.queues.set(w, queue);
      let started = false;
      w.on("message", (msg: Reply<R>) => {
        if ("ready" in msg) {
          started = true;
          resolve();
          return;
        }
        const p = queue.shift();
        if (p === undefined) return;
        if (msg.ok) p.resolve(msg.result);
        else p.reject(decodeWorkerError(msg.failure, this.label));
      });
      const fail = (err: Error) => {
        this.failed.set(w, err);
        if (!started) reject(err);
        for (const p of queue.splice(0)) p.reject(err);
      };
      // an error thrown while the worker loads (a claim module that throws) is a user error too
      w.on("error", (err) =>
        fail(
          err instanceof InputError ? err : new InternalError(`${this.label} worker: ${err.stack ?? err}`),
        ),
      );
      w.on("exit", (code) => {
        if (!this.failed.has(w)) fail(new InternalError(`${this.label} worker exited with code ${code}`));
      });
    });
  }

  /**
   * Sends `job` to worker `w`; resolves with its result (jobs on one worker run in the order sent).
   *
   * @throws the worker's error (see `decodeWorkerError`), or an `InternalError` when it died.
   */
  run(w: PoolWorker, job: J): Promise<R> {
    const queue = this.queues.get(w);
    if (queue === undefined)
      return Promise.reject(new InternalError(`${this.label}: not a worker of this pool`));
    const failure = this.failed.get(w);
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      queue.push({ resolve, reject });
      w.postMessage(job);
    });
  }

  /**
   * Runs jobs from `take` (which returns `undefined` when there are none left) on every worker, up to
   * `inFlight` at a time per worker, and gives each result to `accept` together with its job. When jobs
   * fail, no job after the first failed one is started, the jobs before it finish, and the error of the
   * earliest failed job (in the order `take` gave them) is thrown: the error one thread would meet
   * first, whatever the number of threads and their timing.
   *
   * @throws the error of the earliest failed job.
   */
  async drain<T extends { job: J }>(
    take: () => T | undefined,
    accept: (item: T, result: R) => void,
    inFlight = 2,
  ): Promise<void> {
    await this.ready;
    let taken = 0;
    let first: { order: number; err: Error } | undefined;
    await Promise.all(
      this.workers.map(async (w) => {
        const held: Array<{ item: T; order: number; result: Promise<R> }> = [];
        const send = () => {
          if (first !== undefined) return;
          const item = take();
          if (item === undefined) return;
          const result = this.run(w, item.job);
          // a later job's failure is reported when it is awaited, not as an unhandled rejection
          result.catch(() => undefined);
          held.push({ item, order: taken++, result });
        };
        for (let d = 0; d < inFlight; d++) send();
        for (let head = held.shift(); head !== undefined; head = held.shift()) {
          try {
            const r = await head.result;
            if (first === undefined || head.order < first.order) accept(head.item, r);
          } catch (err) {
            if (first === undefined || head.order < first.order)
              first = { order: head.order, err: err as Error };
          }
          send();
        }
      }),
    );
    if (first !== undefined) throw first.err;
  }

  /**
   * Runs every job and returns the results in job order.
   *
   * @throws the first worker error.
   */
  async map(jobs: readonly J[], onResult?: (index: number, result: R) => void): Promise<R[]> {
    const out: R[] = new Array(jobs.length);
    let next = 0;
    await this.drain(
      () => (next < jobs.length ? { job: jobs[next]!, index: next++ } : undefined),
      (item, r) => {
        out[item.index] = r;
        onResult?.(item.index, r);
      },
    );
    return out;
  }

  /** Stops every worker; jobs still queued are rejected. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map((w) => {
        // an exit we asked for is not a failure of any job still queued: they will never be answered
        const closed = new InternalError(`${this.label} worker pool closed`);
        this.failed.set(w, closed);
        for (const p of this.queues.get(w)?.splice(0) ?? []) p.reject(closed);
        return w.terminate();
      }),
    );
  }
}
