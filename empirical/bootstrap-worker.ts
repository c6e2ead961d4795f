/**
 * A bootstrap worker thread: holds the spec from `workerData`, computes each list of replicates it is
 * sent and replies with their results (replicate seeds depend on the replicate index only).
 */
import { workerData } from "node:worker_threads";
import { serveJobs } from "../src/threads.js";
import { type BootstrapSpec, bootstrapReplicate } from "./bootstrap.js";

const spec = (workerData as { spec: BootstrapSpec }).spec;
serveJobs((job: { indices: number[] }) => job.indices.map((k) => bootstrapReplicate(spec, k)));
