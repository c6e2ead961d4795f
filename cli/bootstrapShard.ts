/**
 * The bootstrap of `ratings`, `empirical` and `calibrate` under the shard contract: a whole run, one shard
 * (`--shard k/N --out DIR`: replicates `k-1, k-1+N, ...` written to the shard's file), or the merge of
 * all shards (`modelmarket merge DIR`: the replicates read back, checked, and summarised as one run).
 */
import type { BootstrapSpec, ReplicateResult } from "../empirical/bootstrap.js";
import { computeReplicates } from "../empirical/bootstrap-pool.js";
import { type BootstrapSummary, checkBootstrapWork, runBootstrap } from "../empirical/bootstrap-summary.js";
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

/** The options of a bootstrap run, as the command's flags give them. */
export interface BootstrapRunOptions {
  workers: number;
  maxReplicates: number;
  maxBootstrapWork?: number;
  progress?: ProgressSink;
}

/**
 * Runs the bootstrap as the flags ask: whole, one shard (returns `SHARD_WRITTEN` once its file is
 * written: the command then exits 0), or from the merged shards. The shard file holds the replicates
 * as `payload.replicates`.
 *
 * @throws InputError for bad shard flags, a shard of another job in the folder, or shards whose
 *   replicates are not the ones their index calls for; WorkLimitError (`maxReplicates`,
 *   `maxBootstrapWork`) before any replicate runs.
 */
export async function bootstrapForCommand(
  job: BootstrapJob,
  spec: BootstrapSpec,
  opts: BootstrapRunOptions,
): Promise<BootstrapSummary | typeof SHARD_WRITTEN> {
  const out = await bootstrapsForCommand(job, [{ field: "replicates", spec }], opts);
  return out === SHARD_WRITTEN ? out : out[0]!;
}

/** One of several bootstraps of a command, and the field of the shard payload that holds its replicates. */
export interface BootstrapPart {
  field: string;
  spec: BootstrapSpec;
}

/**
 * Several bootstraps of one command with the same replicate count (`calibrate --noise both`: one per
 * noise model), as `bootstrapForCommand` runs one: whole (one after the other), one shard (replicate
 * `k` of every part goes to shard `k mod N + 1`, each part's list in its `payload[field]`), or from
 * the merged shards. Returns the summaries in the order of `parts`.
 *
 * @throws InputError as `bootstrapForCommand`, or when the parts' replicate counts differ.
 */
export async function bootstrapsForCommand(
  job: BootstrapJob,
  parts: readonly BootstrapPart[],
  opts: BootstrapRunOptions,
): Promise<BootstrapSummary[] | typeof SHARD_WRITTEN> {
  const { command, args, io } = job;
  const render = command.renderFlags ?? [];
  const req = shardRequest(args, render);
  const units = parts[0]!.spec.replicates;
  if (parts.some((p) => p.spec.replicates !== units))
    throw new InputError(undefined, "replicates", "every bootstrap of one command has the same count");
  const base = {
    workers: opts.workers,
    maxReplicates: opts.maxReplicates,
    ...(opts.maxBootstrapWork === undefined ? {} : { maxBootstrapWork: opts.maxBootstrapWork }),
    ...(opts.progress === undefined ? {} : { progress: opts.progress }),
  };
  const summaries: BootstrapSummary[] = [];
  if (job.merged !== undefined) {
    for (const { field, spec } of parts) {
      const replicates = assembleUnits<ReplicateResult>(job.merged.shards, field, (r, k) =>
        r !== null && typeof r === "object" && (r as ReplicateResult).k === k
          ? undefined
          : `is not replicate ${k}`,
      );
      summaries.push(await runBootstrap(spec, { ...base, replicates }));
    }
    return summaries;
  }
  if (req === undefined) {
    for (const { spec } of parts) summaries.push(await runBootstrap(spec, base));
    return summaries;
  }
  // a shard is refused what the whole run would be refused, before any work
  for (const { spec } of parts) checkBootstrapWork(spec, base);
  const sj = shardJob("bootstrap", jobCommand(command.name, args, command.flags, render), job.inputs, units);
  if (shardAlreadyDone(io, req, sj)) return SHARD_WRITTEN;
  const payload: Record<string, ReplicateResult[]> = {};
  for (const { field, spec } of parts)
    payload[field] = await computeReplicates(spec, {
      workers: opts.workers,
      shard: req.spec,
      ...(opts.progress === undefined ? {} : { progress: opts.progress }),
    });
  finishShard(io, req, sj, payload);
  return SHARD_WRITTEN;
}

/**
 * Whether this process is one shard of a job (`--shard` given; a merge's recorded command line never
 * holds it): a command then skips what only its report needs and computes only the shard's part.
 *
 * @throws nothing
 */
export function isShard(args: ParsedArgs): boolean {
  return args.flags.has("shard");
}
