/**
 * A worker thread of a sweep: receives the sweep's inputs in `workerData`, then answers each job (a
 * list of points' parameter values) with those points, in order (`serveJobs`, src/threads.ts).
 */
import { workerData } from "node:worker_threads";
import { serveJobs } from "../../src/threads.js";
import { type SweepTask, sweepPoint } from "./sweep.js";

const { task } = workerData as { task: SweepTask };

serveJobs((job: { values: number[][] }) => job.values.map((v) => sweepPoint(task, v)));
