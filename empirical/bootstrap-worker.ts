/**
 * A bootstrap worker thread: holds the spec from `workerData`, computes each range of replicates it is
 * sent and replies with their results (replicate seeds depend on the replicate index only).
 */
import { parentPort, workerData } from "node:worker_threads";
import { type BootstrapSpec, bootstrapRange } from "./bootstrap.js";

const spec = (workerData as { spec: BootstrapSpec }).spec;
parentPort!.postMessage({ ready: true });
parentPort!.on("message", (job: { start: number; end: number }) => {
  try {
    parentPort!.postMessage({
      ok: true,
      start: job.start,
      results: bootstrapRange(spec, job.start, job.end),
    });
  } catch (err) {
    parentPort!.postMessage({
      ok: false,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
});
