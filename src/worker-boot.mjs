// Entry of worker threads (the checker, sweeps, the bootstrap) that must load TypeScript (the sources under vitest or tsx, or
// a user's claim module written in TypeScript): registers tsx's loader in this thread, then loads the
// worker proper (`workerData.entry`). Passing `execArgv: ["--import", "tsx"]` to the Worker does not
// make `.ts` imports work in worker threads on Node 20, so the loader is registered here. The compiled
// package runs `worker.js` directly and never loads this file unless a claim module is TypeScript.
import { workerData } from "node:worker_threads";

let api;
try {
  api = await import("tsx/esm/api");
} catch {
  throw new Error(
    "modelmarket: a worker module written in TypeScript needs the tsx package to run on worker threads (npm install --save-dev tsx), or run it with workers: 1",
  );
}
api.register();
await import(workerData.entry);
