/**
 * A worker thread of a sweep: receives the sweep's inputs in `workerData`, then answers each job (a
 * list of point indices with their parameter values) with those points, in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { InputError } from "../../src/errors.js";
import { type SweepPoint, type SweepTask, sweepPoint } from "./sweep.js";

const { task } = workerData as { task: SweepTask };

parentPort!.postMessage({ ready: true });

parentPort!.on("message", (job: { values: number[][] }) => {
  try {
    const points: SweepPoint[] = job.values.map((v) => sweepPoint(task, v));
    parentPort!.postMessage({ ok: true, points });
  } catch (err) {
    if (err instanceof InputError) {
      parentPort!.postMessage({
        ok: false,
        input: { file: err.file, where: err.where, problem: err.problem },
      });
      return;
    }
    parentPort!.postMessage({
      ok: false,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
});
