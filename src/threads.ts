/**
 * Worker threads, started the same way by every parallel runner (the theorem checker, sweeps, the
 * bootstrap). Compiled (dist/), a worker runs its `.js` module directly. From the TypeScript sources
 * (vitest, tsx), Node 20 cannot load `.ts` in a worker thread even with `--import tsx` in `execArgv`,
 * so the worker starts from `worker-boot.mjs`, which registers tsx's loader in that thread and then
 * imports the module named by `workerData.entry`.
 */
import { Worker } from "node:worker_threads";

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
): Worker {
  const fromSource = isTypeScriptModule(fromModule);
  const entry = new URL(`./${name}.${fromSource ? "ts" : "js"}`, fromModule);
  const script = fromSource || needsTypeScript ? new URL("./worker-boot.mjs", import.meta.url) : entry;
  return new Worker(script, { workerData: { ...workerData, entry: entry.href } });
}
