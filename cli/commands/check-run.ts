/**
 * The run of `modelmarket check` and `check merge`, loaded by `check.ts` when a check runs: the claims,
 * the runner and the shard files stay unloaded for `check --help`.
 */
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_CLAIM_LOADERS } from "../../proofs-check/claims/catalog.js";
import { selectClaims } from "../../proofs-check/define.js";
import { compactMarketJson, formatReport } from "../../proofs-check/format.js";
import type { CheckReport, Timings } from "../../proofs-check/report.js";
import { runCheck } from "../../proofs-check/runner.js";
import {
  checkShardCounts,
  checkShardPayload,
  checkUnits,
  mergeCheckShards,
} from "../../proofs-check/shard.js";
import type { Claim } from "../../proofs-check/types.js";
import { InputError } from "../../src/errors.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { checkInputsUnchanged, readShardSet } from "../../src/io/shardSet.js";
import {
  flagBoolean,
  flagList,
  flagNonEmpty,
  flagNumber,
  flagString,
  type ParsedArgs,
  parseArgs,
} from "../args.js";
import type { Command, CommandIO } from "../command.js";
import { checkTable } from "../csvTables.js";
import { STDOUT_PATH, writeOutput } from "../output.js";
import { ProgressBar } from "../progress.js";
import type { MergeContext } from "../shard.js";
import { finishShard, jobCommand, shardAlreadyDone, shardJob, shardRequest } from "../shard.js";
import { tidyTableCsv } from "../tidyCsv.js";
import { CHECK_RENDER_FLAGS, MAX_CHECK_INSTANCES, maxCheckWorkers } from "./check-limits.js";

/**
 * Checks `--counterexamples DIR` before the run: a directory (created when missing), never an
 * existing file or standard output.
 */
function prepareCounterexampleDir(dir: string): void {
  if (dir === "" || dir === STDOUT_PATH) {
    throw new InputError(undefined, "--counterexamples", `needs a folder name, got "${dir}"`);
  }
  let isDir: boolean | undefined;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = undefined;
  }
  if (isDir === false) throw new InputError(dir, "--counterexamples", "exists and is not a folder");
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputError(
      dir,
      "--counterexamples",
      `cannot create the folder (${(err as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
}

function writeCounterexamples(dir: string, report: CheckReport): string[] {
  const written: string[] = [];
  for (const c of report.claims) {
    if (c.counterexample?.market == null) continue;
    const path = join(dir, `${c.id}.json`);
    writeFileAtomic(path, `${compactMarketJson(c.counterexample.market)}\n`);
    written.push(path);
  }
  return written;
}

/** The claims `--claim` names (all when none), loading only their modules: one claim's run pays for no other's. */
async function loadClaims(ids: readonly string[]): Promise<Claim[]> {
  return Promise.all(selectClaims(BUILTIN_CLAIM_LOADERS, ids).map((c) => c.load()));
}

/** `command.run` of `check` (`cmd` is that command: its flags, and its run for a merge). */
export async function runCheckCommand(
  cmd: Command,
  args: ParsedArgs,
  io: CommandIO,
  merged: MergeContext | undefined,
): Promise<number> {
  if (args.positional[0] === "merge") return checkMerge(cmd, args, io);
  if (args.positional.length > 0) {
    throw new InputError(
      undefined,
      args.positional[0],
      flagBoolean(args, "json")
        ? "unexpected argument (--json prints to standard output; write the report to a file with --output FILE)"
        : "unexpected argument (did you mean `check merge`?)",
    );
  }
  const claims = await loadClaims(flagList(args, "claim"));
  if (flagBoolean(args, "list")) {
    for (const c of claims) io.stdout(`${c.id.padEnd(24)} ${c.expectation.padEnd(12)} ${c.title}\n`);
    return 0;
  }
  const form = outputForm(args);
  const cxDir = flagString(args, "counterexamples");
  const withTimings = flagBoolean(args, "timings");
  const findingsExit = findingsExitFlag(args);
  const shardReq = shardRequest(args, CHECK_RENDER_FLAGS);
  // checked before the run, so that a long run does not fail at its end
  if (cxDir !== undefined) prepareCounterexampleDir(cxDir);
  const instances = checkInstances(args);
  const workers = checkWorkers(args);
  const seed = flagNonEmpty(args, "seed") ?? "1";
  let report: CheckReport;
  let timings: Timings | undefined;
  if (merged !== undefined) {
    if (withTimings) throw new InputError(undefined, "--timings", "times are per process: not in a merge");
    const parts = merged.shards.map((s) => checkShardCounts(claims, instances, s.shard, s.payload, s.path));
    report = mergeCheckShards(claims, seed, instances, parts);
  } else {
    const job =
      shardReq === undefined
        ? undefined
        : shardJob(
            "check",
            jobCommand("check", args, cmd.flags, CHECK_RENDER_FLAGS),
            [],
            checkUnits(claims, instances),
          );
    if (shardReq !== undefined && job !== undefined && shardAlreadyDone(io, shardReq, job)) return 0;
    const bar = io.isTTY ? new ProgressBar(io.stderr) : undefined;
    const file = await runCheck(claims, {
      seed,
      instances,
      ...(workers === undefined ? {} : { workers }),
      ...(shardReq === undefined ? {} : { shard: shardReq.spec, counterexamples: false }),
      ...(bar === undefined
        ? {}
        : { onProgress: (d: number, t: number, id: string) => bar.update(d, t, id) }),
    });
    bar?.done();
    if (shardReq !== undefined && job !== undefined)
      return finishShard(io, shardReq, job, checkShardPayload(file));
    ({ timings, ...report } = file);
  }
  // timings only on request: without them the report is the same bytes for any --workers
  const shown = withTimings ? { ...report, timings } : report;
  const jsonText = `${JSON.stringify(shown, null, 2)}\n`;
  if (form.output !== undefined && form.output !== STDOUT_PATH)
    writeOutput(io, form.output, jsonText, "--output");
  if (cxDir !== undefined) writeCounterexamples(cxDir, report);
  io.stdout(
    form.json || form.output === STDOUT_PATH
      ? jsonText
      : form.csv
        ? tidyTableCsv(checkTable(report))
        : formatReport(report, withTimings ? timings : undefined),
  );
  return report.ok ? 0 : findingsExit;
}

/** `--json`, `--csv` and `--output`, checked together: only one of them may print. */
function outputForm(args: ParsedArgs): { json: boolean; csv: boolean; output: string | undefined } {
  const json = flagBoolean(args, "json");
  const csv = flagBoolean(args, "csv");
  const output = flagString(args, "output");
  if (json && csv) throw new InputError(undefined, "--csv", "give --json or --csv, not both");
  if (csv && output === STDOUT_PATH)
    throw new InputError(undefined, "--output", "- and --csv would both print to standard output");
  return { json, csv, output };
}

/** `--findings-exit`: 0 to 125, never 2 (bad input). */
function findingsExitFlag(args: ParsedArgs): number {
  const findingsExit = flagNumber(args, "findings-exit", 1);
  if (!(Number.isInteger(findingsExit) && findingsExit >= 0 && findingsExit <= 125 && findingsExit !== 2))
    throw new InputError(
      undefined,
      "--findings-exit",
      `must be an integer from 0 to 125 other than 2, got ${findingsExit}`,
    );
  return findingsExit;
}

/** `--instances`, checked against `--max-instances`. */
function checkInstances(args: ParsedArgs): number {
  const maxInstances = flagNumber(args, "max-instances", MAX_CHECK_INSTANCES);
  if (maxInstances < 1)
    throw new InputError(undefined, "--max-instances", `must be >= 1, got ${maxInstances}`);
  const instances = flagNumber(args, "instances", 200);
  if (instances < 1) throw new InputError(undefined, "--instances", `must be >= 1, got ${instances}`);
  if (instances > maxInstances) {
    throw new InputError(
      undefined,
      "--instances",
      `${instances} is more than the limit ${maxInstances} per claim (raise it with --max-instances)`,
    );
  }
  return instances;
}

/** `--workers`, within 1..`maxCheckWorkers()`. */
function checkWorkers(args: ParsedArgs): number | undefined {
  const workers = flagNumber(args, "workers");
  if (workers !== undefined && workers < 1)
    throw new InputError(undefined, "--workers", `must be >= 1, got ${workers}`);
  if (workers !== undefined && workers > maxCheckWorkers()) {
    throw new InputError(
      undefined,
      "--workers",
      `${workers} is more than ${maxCheckWorkers()} (at most 4 per available core, 64 in all)`,
    );
  }
  return workers;
}

/**
 * `check merge DIR...`: `modelmarket merge` for check jobs only, with check's output flags.
 *
 * @throws InputError from the merge (see `readShardSet`) or for shards of another command.
 */
async function checkMerge(cmd: Command, args: ParsedArgs, io: CommandIO): Promise<number> {
  const paths = args.positional.slice(1);
  if (paths.length === 0)
    throw new InputError(
      undefined,
      "merge",
      "give the folder(s) of the shard files (check --shard k/N --out DIR)",
    );
  for (const f of args.flags.keys())
    if (!CHECK_RENDER_FLAGS.includes(f))
      throw new InputError(undefined, `--${f}`, "not with `check merge`: the shards fix the run's flags");
  const shards = readShardSet(paths);
  const first = shards[0]!;
  if (first.job !== "check")
    throw new InputError(first.path, "$.job", `shards of ${first.job}, not of check (use modelmarket merge)`);
  checkInputsUnchanged(first);
  const recorded = parseArgs(first.command.slice(1), cmd.flags);
  for (const f of CHECK_RENDER_FLAGS) {
    const v = args.flags.get(f);
    if (v !== undefined) recorded.flags.set(f, v);
  }
  return cmd.run(recorded, io, { shards });
}
