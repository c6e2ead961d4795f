/**
 * The command line's side of the shard contract (src/io/shard.ts): the `--shard k/N --out DIR
 * [--skip-existing]` flags every long job takes, the command line recorded in a shard file (flags in
 * a fixed order, so two spellings of one job share a key), and what a shard prints.
 *
 * A command that can be sharded lists its render flags (output files and formats): they do not
 * change the work, so they stay out of the job's key, a shard refuses them (it writes only its file)
 * and `modelmarket merge` takes them instead.
 */
import type { SweepPoint } from "../solvers/compare/sweep.js";
import { InputError } from "../src/errors.js";
import {
  hashFile,
  parseShardSpec,
  type ShardFile,
  type ShardJob,
  type ShardSpec,
  shardIndices,
  writeShardFile,
} from "../src/io/shard.js";
import { shardDone } from "../src/io/shardSet.js";
import { type FlagSpec, flagBoolean, flagString, type ParsedArgs } from "./args.js";
import type { CommandIO } from "./command.js";
import { SHARD_FLAGS } from "./shardFlags.js";

export { SHARD_FLAGS };

/** Flags that never change a job's results (left out of its key). */
const NOT_IN_KEY = new Set(["shard", "out", "skip-existing", "workers", "help"]);

/** What `--shard k/N --out DIR` asked for. */
export interface ShardRequest {
  spec: ShardSpec;
  out: string;
  skipExisting: boolean;
}

/** Passed to a command's `run` by `modelmarket merge`: the verified shards, by index. */
export interface MergeContext {
  shards: ShardFile[];
}

/**
 * The shard asked for, or `undefined` for a whole run; refuses the render flags (the merge takes them).
 *
 * @throws InputError naming the flag: `--out` without `--shard` or the reverse, a bad `k/N`, a render flag.
 */
export function shardRequest(args: ParsedArgs, renderFlags: readonly string[]): ShardRequest | undefined {
  const text = flagString(args, "shard");
  const out = flagString(args, "out");
  const skipExisting = flagBoolean(args, "skip-existing");
  if (text === undefined) {
    if (out !== undefined) throw new InputError(undefined, "--out", "only applies with --shard k/N");
    if (skipExisting) throw new InputError(undefined, "--skip-existing", "only applies with --shard k/N");
    return undefined;
  }
  const spec = parseShardSpec(text);
  if (out === undefined)
    throw new InputError(undefined, "--shard", "needs --out DIR (the folder the shard file is written to)");
  for (const f of renderFlags) {
    if (args.flags.has(f))
      throw new InputError(
        undefined,
        `--${f}`,
        "not with --shard: a shard writes only its file in --out; give it to `modelmarket merge DIR`",
      );
  }
  return { spec, out, skipExisting };
}

/**
 * The command line of a job as recorded in its shards: the command, its positional arguments, then
 * every flag that changes the work in the order of the command's flag list (values as parsed).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function jobCommand(
  name: string,
  args: ParsedArgs,
  flags: readonly FlagSpec[],
  renderFlags: readonly string[],
): string[] {
  const out = [name, ...args.positional];
  for (const spec of flags) {
    if (NOT_IN_KEY.has(spec.name) || renderFlags.includes(spec.name)) continue;
    for (const v of args.flags.get(spec.name) ?? []) {
      out.push(`--${spec.name}`);
      if (spec.kind !== "boolean") out.push(String(v));
    }
  }
  return out;
}

/**
 * A job's identity from its command line and input files (hashed now).
 *
 * @throws InputError naming an input file that cannot be read.
 */
export function shardJob(
  job: string,
  command: string[],
  inputFiles: readonly string[],
  units: number,
): ShardJob {
  const inputs: Record<string, string> = {};
  for (const f of inputFiles) inputs[f] = hashFile(f);
  return { job, command, inputs, units };
}

/**
 * Before a shard's work: with `--skip-existing`, whether its file is already there (then says so on
 * standard error: the caller exits 0 without work).
 *
 * @throws InputError when the file there belongs to another job.
 */
export function shardAlreadyDone(io: CommandIO, req: ShardRequest, job: ShardJob): boolean {
  if (!req.skipExisting || !shardDone(req.out, job, req.spec)) return false;
  io.stdout(`modelmarket: shard ${req.spec.index}/${req.spec.count} already in ${req.out}; skipped\n`);
  return true;
}

/**
 * Writes the shard's file and says where on standard error; the exit status is then 0 whatever the
 * shard found (findings are data, judged at the merge).
 *
 * @throws InputError naming the folder or file when it cannot be written.
 */
export function finishShard(io: CommandIO, req: ShardRequest, job: ShardJob, payload: unknown): number {
  const path = writeShardFile(req.out, job, req.spec, payload);
  io.stdout(`modelmarket: wrote ${path}; merge all ${req.spec.count} with: modelmarket merge ${req.out}\n`);
  return 0;
}

/**
 * The whole job's units from its shards' payloads: shard `k` of `N` holds, in `payload[field]`, the
 * results of units `k-1, k-1+N, k-1+2N, ...` (`shardIndices`); `check` vets each one against its
 * unit index (it throws an `InputError` naming the problem). Returns them in unit order.
 *
 * @throws InputError naming the shard file and the JSON path: a missing list, a wrong number of
 *   results for that shard (an impossible count), or what `check` refuses.
 */
export function assembleUnits<T>(
  shards: readonly ShardFile[],
  field: string,
  check: (item: unknown, unit: number) => string | undefined,
): T[] {
  const first = shards[0]!;
  const units = first.units;
  const out: T[] = new Array(units);
  for (const s of shards) {
    const list = (s.payload as Record<string, unknown> | null)?.[field];
    if (!Array.isArray(list)) throw new InputError(s.path, `$.payload.${field}`, "missing or not a list");
    const mine = shardIndices(units, s.shard);
    if (list.length !== mine.length)
      throw new InputError(
        s.path,
        `$.payload.${field}`,
        `${list.length.toLocaleString("en-US")} results, but shard ${s.shard.index}/${s.shard.count} of ${units.toLocaleString("en-US")} has exactly ${mine.length.toLocaleString("en-US")}`,
      );
    list.forEach((item, j) => {
      const problem = check(item, mine[j]!);
      if (problem !== undefined) throw new InputError(s.path, `$.payload.${field}[${j}]`, problem);
      out[mine[j]!] = item as T;
    });
  }
  return out;
}

/**
 * A merged sweep's points in grid order, each checked against the grid value of its index (a point
 * computed for another grid, or edited, is refused).
 *
 * @throws InputError naming the shard file and the point.
 */
export function sweepPointsOfShards(merged: MergeContext, grid: readonly number[][]): SweepPoint[] {
  return assembleUnits<SweepPoint>(merged.shards, "points", (p, i) => {
    const v = (p as SweepPoint | null)?.values;
    return Array.isArray(v) && v.length === grid[i]!.length && v.every((x, k) => Object.is(x, grid[i]![k]))
      ? undefined
      : `values ${JSON.stringify(v)} are not grid point ${i} (${JSON.stringify(grid[i])})`;
  });
}
