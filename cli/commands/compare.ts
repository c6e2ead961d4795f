/**
 * `modelmarket compare FILE QUESTION [--rules R1,R2] [--sweep NAME=FROM:TO:POINTS]`: one question
 * (market entry, replacement, equilibria, sequential entry) answered under several payoff rules side
 * by side, optionally swept over one or two parameters, with change points, tidy CSV and an HTML
 * report. The logic is in solvers/compare/; this file parses flags and renders.
 */
import {
  type CompareOptions,
  type CompareQuestion,
  type Comparison,
  compareRules,
} from "../../solvers/compare/question.js";
import { type SweepReport, sweepRules, sweepWorkEstimate } from "../../solvers/compare/sweep.js";
import { parseCompareSweepSpec, sweepGrid } from "../../solvers/compare/sweep-axis.js";
import { comparisonRows, sweepRows, type TidyTable } from "../../solvers/compare/tidy.js";
import { sweepWorkText } from "../../solvers/compare/words.js";
import { marketProfileCount } from "../../solvers/marketGame.js";
import { DEFAULT_MAX_BRANCHES, parseTieBreak } from "../../solvers/sequential.js";
import { InputError } from "../../src/errors.js";
import { parseSpaceSpec } from "../../src/io/specs.js";
import { DEFAULT_MAX_SWEEP_WORK } from "../../src/limits.js";
import type { Market } from "../../src/model/types.js";
import { inputName } from "../../src/textFile.js";
import { checkWorkLimit } from "../../src/work.js";
import {
  flagBoolean,
  flagList,
  flagNumber,
  flagString,
  type ParsedArgs,
  requirePositional,
} from "../args.js";
import type { Command, CommandIO } from "../command.js";
import { comparisonText, sweepText } from "../compareText.js";
import { loadMarket } from "../marketInput.js";
import { STDOUT_PATH, writeOutput } from "../output.js";
import { terminalProgress } from "../progress.js";
import { toJson } from "../render.js";
import {
  finishShard,
  jobCommand,
  type MergeContext,
  shardAlreadyDone,
  shardJob,
  shardRequest,
  sweepPointsOfShards,
} from "../shard.js";
import { maxProfilesFlag, positiveInt, rulesFromFlags, solveLimits } from "../solverFlags.js";
import { tidyTableCsv } from "../tidyCsv.js";
import { COMPARE_RENDER_FLAGS, DEFAULT_COMPARE_RULES, spec } from "./compare-flags.js";

export { DEFAULT_COMPARE_RULES };

/** The question of the flags `--entry`, `--replace`, `--equilibrium`, `--sequential` (design reuses it). */
export function questionOf(args: ParsedArgs, market: Market): CompareQuestion {
  const entry = flagString(args, "entry");
  const replace = flagString(args, "replace");
  const eq = flagBoolean(args, "equilibrium");
  const seq = args.flags.has("sequential");
  const given = [entry !== undefined, replace !== undefined, eq, seq].filter(Boolean).length;
  if (given !== 1) {
    throw new InputError(
      undefined,
      "--entry",
      `give exactly one question: --entry SPEC, --replace NAME, --equilibrium or --sequential N (got ${given})`,
    );
  }
  const spaceText = flagString(args, "space");
  const tieText = flagString(args, "tie-break");
  if (tieText !== undefined && !seq)
    throw new InputError(undefined, "--tie-break", "only applies to --sequential");
  if (args.flags.has("max-branches") && !seq)
    throw new InputError(undefined, "--max-branches", "only applies to --sequential");
  if (args.flags.has("name") && entry === undefined)
    throw new InputError(undefined, "--name", "only applies to --entry");
  if (entry !== undefined) {
    if (spaceText !== undefined)
      throw new InputError(undefined, "--space", "--entry takes its space as its value");
    const space = parseSpaceSpec(entry, market.tasks, "--entry");
    if (space.kind === "fixed")
      throw new InputError(undefined, "--entry", "a fixed entrant has nothing to choose");
    return { kind: "entry", entrant: { name: flagString(args, "name") ?? "Entrant", space } };
  }
  if (replace !== undefined) {
    const p = market.producers.find((x) => x.name === replace);
    if (p === undefined) {
      throw new InputError(
        undefined,
        "--replace",
        `unknown producer "${replace}" (known: ${market.producers.map((x) => x.name).join(", ")})`,
      );
    }
    const space = spaceText === undefined ? undefined : parseSpaceSpec(spaceText, market.tasks, "--space");
    if ((space ?? p.space).kind === "fixed")
      throw new InputError(undefined, "--space", `producer "${replace}" has a fixed strategy: give --space`);
    return { kind: "replace", producer: replace, ...(space ? { space } : {}) };
  }
  if (eq) {
    if (spaceText !== undefined)
      throw new InputError(undefined, "--space", "--equilibrium uses the producers' spaces from the file");
    if (market.producers.every((p) => p.space.kind === "fixed"))
      throw new InputError(
        undefined,
        "--equilibrium",
        "no strategic producer in the file (every space is fixed)",
      );
    return { kind: "equilibrium" };
  }
  const n = positiveInt(args, "sequential", 1, 1000);
  if (spaceText === undefined)
    throw new InputError(undefined, "--space", "--sequential needs --space SPEC (e.g. top-k:k=1)");
  const space = parseSpaceSpec(spaceText, market.tasks, "--space");
  if (space.kind === "fixed")
    throw new InputError(undefined, "--space", "entrants need a strategy space to choose from");
  const tieBreak = parseTieBreak(tieText ?? "first", "--tie-break");
  return { kind: "sequential", entrants: n, space, tieBreak };
}

/** A one-line estimate of the work, shown on a terminal before a run starts. */
function workEstimate(
  market: Market,
  q: CompareQuestion,
  rules: number,
  points: number,
  maxProfiles: number,
): string {
  const what = `${points.toLocaleString("en-US")} point(s) x ${rules + 1} choices (${rules} rule(s) + the welfare optimum)`;
  if (q.kind !== "equilibrium") return `estimate: ${what}`;
  const profiles = marketProfileCount(market);
  const search = Number.isFinite(profiles)
    ? profiles <= maxProfiles
      ? `, each an exhaustive search over ${profiles.toLocaleString("en-US")} joint profiles`
      : `; ${profiles.toLocaleString("en-US")} joint profiles exceed --max-profiles ${maxProfiles.toLocaleString("en-US")}: no exhaustive search`
    : "";
  return `estimate: ${what}${search}`;
}

/** What both kinds of run (one point, a sweep) need from the flags, checked before any work. */
interface CompareRun {
  file: string;
  market: Market;
  rules: string[];
  question: CompareQuestion;
  opts: CompareOptions;
  /** The incumbents family's seed (`--seed`, default 1). */
  seed: string;
  axes: ReturnType<typeof parseCompareSweepSpec>[];
  /** Whether the output is machine-readable (no estimate, no progress on the terminal). */
  quiet: boolean;
}

async function compareRun(args: ParsedArgs, io: CommandIO): Promise<CompareRun> {
  const [file] = requirePositional(args, ["FILE"]);
  const market = await loadMarket(file!, args);
  const rules = rulesFromFlags(args, DEFAULT_COMPARE_RULES);
  const question = questionOf(args, market);
  const json = flagBoolean(args, "json");
  const csv = flagBoolean(args, "csv");
  if (json && csv) throw new InputError(undefined, "--csv", "give --json or --csv, not both");
  const maxProfiles = maxProfilesFlag(args);
  const seed = flagString(args, "seed") ?? "1";
  if (seed === "") throw new InputError(undefined, "--seed", "must not be empty");
  const opts: CompareOptions = {
    ...solveLimits(args),
    maxProfiles,
    seed: flagString(args, "seed") ?? "equilibrium",
    maxBranches: positiveInt(args, "max-branches", DEFAULT_MAX_BRANCHES, 1e6),
  };
  const axes = sweepAxes(args);
  const reportPath = flagString(args, "report");
  if (reportPath !== undefined && reportPath !== STDOUT_PATH && !reportPath.toLowerCase().endsWith(".html"))
    throw new InputError(undefined, "--report", `must name an .html file or -, got "${reportPath}"`);
  // at most one thing on standard output
  const toStdout = [
    json ? "--json" : undefined,
    csv ? "--csv" : undefined,
    flagString(args, "output") === STDOUT_PATH ? "--output -" : undefined,
    reportPath === STDOUT_PATH ? "--report -" : undefined,
  ].filter((x) => x !== undefined);
  if (toStdout.length > 1)
    throw new InputError(
      undefined,
      "--report",
      `only one output can go to standard output, got ${toStdout.join(" and ")}`,
    );
  // estimated from the axes, before any grid is allocated; the library checks it against the limit
  const points = axes.length === 0 ? 1 : sweepWorkEstimate(market, question, rules.length, axes).points;
  if (io.isTTY && !json && !csv)
    io.stderr(`${workEstimate(market, question, rules.length, points, maxProfiles)}\n`);
  return { file: file!, market, rules, question, opts, seed, axes, quiet: toStdout.length > 0 };
}

/** The `--sweep` axes (at most two), and the flags that only make sense with them. */
function sweepAxes(args: ParsedArgs): ReturnType<typeof parseCompareSweepSpec>[] {
  const sweepTexts = flagList(args, "sweep");
  const sweepFlags = (args.flags.get("sweep") ?? []).map(String);
  if (sweepTexts.length !== sweepFlags.length)
    throw new InputError(undefined, "--sweep", "one NAME=FROM:TO:POINTS per --sweep (no commas)");
  if (sweepFlags.length > 2) throw new InputError(undefined, "--sweep", "at most two parameters");
  const axes = sweepFlags.map((t) => parseCompareSweepSpec(t, "--sweep"));
  for (const f of ["workers", "threshold-tolerance"]) {
    if (args.flags.has(f) && axes.length === 0)
      throw new InputError(undefined, `--${f}`, "only applies with --sweep");
  }
  return axes;
}

/** Writes `--output` (JSON) and `--report` (HTML), then prints JSON, tidy CSV or the text tables. */
async function emitCompare(
  args: ParsedArgs,
  io: CommandIO,
  report: object,
  html: () => Promise<string>,
  tidy: () => TidyTable,
  text: () => string,
): Promise<number> {
  const out = flagString(args, "output");
  if (out !== undefined) writeOutput(io, out, toJson(report), "--output");
  const reportPath = flagString(args, "report");
  if (reportPath !== undefined) writeOutput(io, reportPath, await html(), "--report");
  // `-` given to --output or --report prints that in place of the tables
  if (out === STDOUT_PATH || reportPath === STDOUT_PATH) return 0;
  io.stdout(
    flagBoolean(args, "json") ? toJson(report) : flagBoolean(args, "csv") ? tidyTableCsv(tidy()) : text(),
  );
  return 0;
}

async function answerOnce(args: ParsedArgs, io: CommandIO, r: CompareRun): Promise<number> {
  const progress = terminalProgress(io, r.quiet);
  let c: Comparison;
  try {
    c = compareRules(r.market, r.question, r.rules, {
      ...r.opts,
      ...(progress.sink ? { progress: progress.sink } : {}),
    });
  } finally {
    progress.done();
  }
  return emitCompare(
    args,
    io,
    { file: r.file, selection: r.market.selection, ...c },
    async () => (await import("../compareReport.js")).comparisonHtml(inputName(r.file), r.market, c),
    () => comparisonRows(c),
    () => comparisonText(inputName(r.file), r.market, c),
  );
}

/** Flags of `compare` that only choose the output: a shard refuses them, the merge takes them. */

async function answerSweep(
  args: ParsedArgs,
  io: CommandIO,
  r: CompareRun,
  merged: MergeContext | undefined,
): Promise<number> {
  const tolText = flagNumber(args, "threshold-tolerance");
  if (tolText !== undefined && !(tolText > 0))
    throw new InputError(undefined, "--threshold-tolerance", `must be > 0, got ${tolText}`);
  const shardReq = shardRequest(args, COMPARE_RENDER_FLAGS);
  // the work limit before the grid is allocated (the library checks it again for its own callers)
  const estimate = sweepWorkEstimate(r.market, r.question, r.rules.length, r.axes, r.opts.maxProfiles);
  checkWorkLimit(
    "maxSweepWork",
    estimate.units,
    positiveInt(args, "max-sweep-work", DEFAULT_MAX_SWEEP_WORK, 1e15),
    `sweep work units (${sweepWorkText(estimate)})`,
  );
  const grid = sweepGrid(r.axes);
  const job =
    shardReq === undefined
      ? undefined
      : shardJob(
          "compare-sweep",
          jobCommand("compare", args, command.flags, COMPARE_RENDER_FLAGS),
          [r.file],
          grid.length,
        );
  if (shardReq !== undefined && job !== undefined && shardAlreadyDone(io, shardReq, job)) return 0;
  const points = merged === undefined ? undefined : sweepPointsOfShards(merged, grid);
  const progress = terminalProgress(io, r.quiet);
  let rep: SweepReport;
  try {
    rep = await sweepRules(r.market, r.question, r.rules, r.axes, {
      ...r.opts,
      familySeed: r.seed,
      workers: positiveInt(args, "workers", 1, 64),
      maxSweepWork: positiveInt(args, "max-sweep-work", DEFAULT_MAX_SWEEP_WORK, 1e15),
      ...(tolText !== undefined ? { thresholdTolerance: tolText } : {}),
      ...(progress.sink ? { progress: progress.sink } : {}),
      ...(shardReq === undefined ? {} : { shard: shardReq.spec }),
      ...(points === undefined ? {} : { points }),
    });
  } catch (err) {
    // the library names the field `sweep NAME`; the command line names the flag
    if (err instanceof InputError && err.where?.startsWith("sweep"))
      throw new InputError(err.file, `--${err.where}`, err.problem);
    throw err;
  } finally {
    progress.done();
  }
  if (shardReq !== undefined && job !== undefined)
    return finishShard(io, shardReq, job, { points: rep.points });
  return emitCompare(
    args,
    io,
    { file: r.file, selection: r.market.selection, ...rep },
    async () => (await import("../compareReport.js")).sweepHtml(inputName(r.file), r.market, rep),
    () => sweepRows(rep),
    () => sweepText(inputName(r.file), rep),
  );
}

async function run(args: ParsedArgs, io: CommandIO, merged?: MergeContext): Promise<number> {
  const r = await compareRun(args, io);
  if (r.axes.length === 0) {
    for (const f of ["shard", "out", "skip-existing"])
      if (args.flags.has(f)) throw new InputError(undefined, `--${f}`, "only applies with --sweep");
    return answerOnce(args, io, r);
  }
  return answerSweep(args, io, r, merged);
}

export const command: Command = {
  ...spec,
  run,
};
