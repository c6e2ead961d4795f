/**
 * The bootstrap of `ratings` and `empirical` under the shard contract: a whole run, one shard
 * (`--shard k/N --out DIR`: replicates `k-1, k-1+N, ...` written to the shard's file), or the merge of
 * all shards (`modelmarket merge DIR`: the replicates read back, checked, and summarised as one run).
 */
import type { BootstrapSpec, ReplicateResult } from "../empirical/bootstrap.js";
import { computeReplicates } from "../empirical/bootstrap-pool.js";
import { type BootstrapSummary, runBootstrap } from "../empirical/bootstrap-summary.js";
import { InputError } from "../src/errors.js";
import type { ProgressSink } from "../src/work.js";
import type { ParsedArgs } from "./args.js";
import type { Command, CommandIO } from "./command.js";
import {
  assembleUnits,
  finishShard,
  jobCommand,
  type MergeContext,
  shardAlreadyDone,
  shardJob,
  shardRequest,
} from "./shard.js";

/** Returned instead of a summary when this process was one shard and wrote its file. */
export const SHARD_WRITTEN = Symbol("shard written");

/** What the command passes about itself. */
export interface BootstrapJob {
  command: Command;
  args: ParsedArgs;
  io: CommandIO;
  /** Files the job reads (hashed into its key; the merge checks they did not change). */
  inputs: string[];
  merged: MergeContext | undefined;
}

/**
 * Refuses the shard flags without `--bootstrap` (only the bootstrap is sharded).
 *
 * @throws InputError naming the flag.
 */
export function requireBootstrapForShard(args: ParsedArgs, replicates: number): void {
  if (replicates > 0) return;
  for (const f of ["shard", "out", "skip-existing"])
    if (args.flags.has(f)) throw new InputError(undefined, `--${f}`, "only applies with --bootstrap N");
}

/**
 * Runs the bootstrap as the flags ask: whole, one shard (returns `SHARD_WRITTEN` once its file is
 * written: the command then exits 0), or from the merged shards.
 *
 * @throws InputError for bad shard flags, a shard of another job in the folder, or shards whose
 *   replicates are not the ones their index calls for.
 */
export async function bootstrapForCommand(
  job: BootstrapJob,
  spec: BootstrapSpec,
  opts: { workers: number; maxReplicates: number; progress?: ProgressSink },
): Promise<BootstrapSummary | typeof SHARD_WRITTEN> {
  const { command, args, io } = job;
  const render = command.renderFlags ?? [];
  const req = shardRequest(args, render);
  const base = {
    workers: opts.workers,
    maxReplicates: opts.maxReplicates,
    ...(opts.progress === undefined ? {} : { progress: opts.progress }),
  };
  if (job.merged !== undefined) {
    const replicates = assembleUnits<ReplicateResult>(job.merged.shards, "replicates", (r, k) =>
      r !== null && typeof r === "object" && (r as ReplicateResult).k === k
        ? undefined
        : `is not replicate ${k}`,
    );
    return runBootstrap(spec, { ...base, replicates });
  }
  if (req === undefined) return runBootstrap(spec, base);
  const sj = shardJob(
    "bootstrap",
    jobCommand(command.name, args, command.flags, render),
    job.inputs,
    spec.replicates,
  );
  if (shardAlreadyDone(io, req, sj)) return SHARD_WRITTEN;
  const replicates = await computeReplicates(spec, {
    workers: opts.workers,
    shard: req.spec,
    ...(opts.progress === undefined ? {} : { progress: opts.progress }),
  });
  finishShard(io, req, sj, { replicates });
  return SHARD_WRITTEN;
}
