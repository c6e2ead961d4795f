/**
 * A worker thread of the checker: loads the claim modules named in `workerData.modules`, then runs
 * each chunk job it receives and replies with the chunk's result (`serveJobs`, src/threads.ts).
 */

import { workerData } from "node:worker_threads";
import { InputError } from "../src/errors.js";
import { serveJobs } from "../src/threads.js";
import { collectClaims } from "./define.js";
import type { ChunkJob } from "./pool.js";
import { runChunk } from "./runner.js";
import type { Claim } from "./types.js";

const { modules } = workerData as { modules: string[] };
const claims = new Map<string, Claim>();
for (const url of modules) {
  for (const c of collectClaims(await import(url))) claims.set(c.id, c);
}

serveJobs((job: ChunkJob) => {
  const claim = claims.get(job.claimId);
  if (claim === undefined)
    throw new InputError(undefined, "claimId", `no claim ${job.claimId} in ${modules.join(", ")}`);
  return runChunk(claim, job);
});
