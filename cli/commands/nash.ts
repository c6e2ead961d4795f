/**
 * `modelmarket nash FILE [--method M] [--decimals k] [--json | --csv]`: Nash equilibria of a finite
 * normal-form game, printed as Gambit does (`NE,p1,p2,...`, one line per equilibrium), as JSON, or
 * as a tidy CSV (one row per equilibrium, player and strategy; `nashTable`).
 *
 * FILE is a Gambit `.nfg` file or a market JSON file whose strategic producers have finite spaces
 * (the producer game, `solvers/marketGame.ts`). Exact methods (`enumpure`, `enummixed`, `lcp`) print
 * fractions; floating methods (`lp`, `fp`, `replicator`, `regret`, `logit`) print decimals, and only a
 * profile that passed its regret check: an uncertified LP answer or a dynamic that did not converge
 * prints nothing on stdout, one line on stderr, and exits with code 1.
 */
import { extname } from "node:path";
import type { NormalFormGame } from "../../solvers/finite/game.js";
import { DYNAMICS_METHODS } from "../../solvers/finite/methods/catalog.js";
import { failureText } from "../../solvers/finite/methods/failure.js";
import type { NashReport, SolveFiniteOptions } from "../../solvers/finite/methods/types.js";
import { parseNfg, readNfgFile } from "../../solvers/finite/nfg.js";
import type { NPlayerCompleteness } from "../../solvers/finite/nplayer/types.js";
import { completenessText } from "../../solvers/finite/nplayer/words.js";
import type { Rational } from "../../solvers/finite/rational.js";
import { type RenderOptions, renderJson, renderText } from "../../solvers/finite/render.js";
import { NASH_METHODS, type NashMethod, SEEDED_METHODS, solveFinite } from "../../solvers/finite/solve.js";
import { InputError } from "../../src/errors.js";
import { WorkLimitError } from "../../src/work.js";
import { flagBoolean, flagNumber, flagString, type ParsedArgs, requirePositional } from "../args.js";
import type { Command, CommandIO } from "../command.js";
import { nashTable } from "../csvTables.js";
import { terminalProgress } from "../progress.js";
import { tidyTableCsv } from "../tidyCsv.js";
import { spec } from "./nash-flags.js";
import type { GameSource } from "./nash-many.js";

/** `InputError` on `--flag` unless the method is one of `allowed`. */
function onlyFor(
  flag: string,
  given: boolean,
  method: NashMethod,
  allowed: readonly NashMethod[],
  what: string,
): void {
  if (given && !allowed.includes(method)) {
    throw new InputError(undefined, `--${flag}`, `only applies to ${what}, not --method ${method}`);
  }
}

/** The flag of each work limit of `solveFinite`. */
const LIMIT_FLAGS: Record<string, string> = {
  maxVertices: "max-vertices",
  maxPaths: "max-paths",
  maxEvaluations: "max-evaluations",
  maxSupports: "max-supports",
  maxBoxesPerSupport: "max-boxes",
  maxWork: "max-work",
};

/** The market-file module (`nash-market.ts`), loaded only for market files. */
type MarketModule = typeof import("./nash-market.js");

/**
 * Reads FILE as a game: a `.nfg` file (or, in the many-games mode, a game from standard input), or a
 * market file's producer game under the market flags (the market model is loaded only then).
 */
async function loadGame(
  args: ParsedArgs,
  io: CommandIO,
  file: string,
  isNfg: boolean,
  source?: GameSource,
): Promise<{ game: NormalFormGame; market: MarketModule | undefined }> {
  for (const flag of ["rule", "selection", "weights", "snap"]) {
    if (isNfg && args.flags.has(flag)) {
      throw new InputError(undefined, `--${flag}`, "only applies to market files, not .nfg games");
    }
  }
  const market = isNfg ? undefined : await import("./nash-market.js");
  const marketFlags = market?.marketFlags(args);
  const maxProfiles = flagNumber(args, "max-profiles");
  if (maxProfiles !== undefined && (!Number.isInteger(maxProfiles) || maxProfiles < 1 || maxProfiles > 1e9)) {
    throw new InputError(undefined, "--max-profiles", `must be an integer from 1 to 1e9, got ${maxProfiles}`);
  }
  const json = flagBoolean(args, "json");
  const buildProgress = terminalProgress(io, json);
  const limits = maxProfiles !== undefined ? { maxProfiles } : {};
  try {
    let game: NormalFormGame;
    if (source !== undefined) game = parseNfg(source.text, source.name, limits);
    else if (market === undefined || marketFlags === undefined) game = readNfgFile(file, limits);
    else game = market.marketGame(file, marketFlags, io, json, maxProfiles, buildProgress.sink);
    return { game, market };
  } finally {
    buildProgress.done();
  }
}

/** `--method`, defaulting to enummixed for two players and enumpure otherwise. */
function methodOf(args: ParsedArgs, game: NormalFormGame): NashMethod {
  const methodText = flagString(args, "method") ?? (game.shape.length === 2 ? "enummixed" : "enumpure");
  if (!(NASH_METHODS as readonly string[]).includes(methodText)) {
    throw new InputError(
      undefined,
      "--method",
      `unknown method "${methodText}" (known: ${NASH_METHODS.join(", ")})`,
    );
  }
  return methodText as NashMethod;
}

/** The method flags read as `solveFinite` options, each refused for a method it does not apply to. */
function solveOptions(args: ParsedArgs, method: NashMethod): SolveFiniteOptions {
  const maxPivots = flagNumber(args, "max-pivots");
  if (maxPivots !== undefined && (!Number.isInteger(maxPivots) || maxPivots < 1)) {
    throw new InputError(undefined, "--max-pivots", `must be a positive integer, got ${maxPivots}`);
  }
  const iterations = flagNumber(args, "iterations");
  if (iterations !== undefined && (!Number.isInteger(iterations) || iterations < 1 || iterations > 1e9)) {
    throw new InputError(undefined, "--iterations", `must be an integer from 1 to 1e9, got ${iterations}`);
  }
  const tolerance = flagNumber(args, "tolerance");
  if (tolerance !== undefined && !(tolerance > 0 && tolerance < 1)) {
    throw new InputError(
      undefined,
      "--tolerance",
      `must be a number between 0 and 1 (relative to each player's payoff range), got ${tolerance}`,
    );
  }
  const seed = flagString(args, "seed");
  if (seed !== undefined && seed === "") throw new InputError(undefined, "--seed", "must not be empty");
  const convex = flagBoolean(args, "convex");
  const startOnly = flagBoolean(args, "start-only");
  const lcpVariant = flagString(args, "lcp-variant");
  if (lcpVariant !== undefined && lcpVariant !== "modelmarket" && lcpVariant !== "gambit") {
    throw new InputError(undefined, "--lcp-variant", `must be modelmarket or gambit, got "${lcpVariant}"`);
  }
  onlyFor("lcp-variant", lcpVariant !== undefined, method, ["lcp"], "--method lcp");
  onlyFor("convex", convex, method, ["enummixed"], "--method enummixed");
  onlyFor("max-pivots", maxPivots !== undefined, method, ["lcp", "simpdiv"], "--method lcp, simpdiv");
  onlyFor("start-only", startOnly, method, ["lcp"], "--method lcp");
  const dynamicsWhat = `the dynamics (--method ${DYNAMICS_METHODS.join(", ")})`;
  onlyFor("iterations", iterations !== undefined, method, DYNAMICS_METHODS, dynamicsWhat);
  const tolerant: NashMethod[] = [...DYNAMICS_METHODS, "simpdiv"];
  onlyFor("tolerance", tolerance !== undefined, method, tolerant, `${dynamicsWhat} and --method simpdiv`);
  const float = flagBoolean(args, "float");
  onlyFor("float", float, method, ["simpdiv"], "--method simpdiv");
  onlyFor(
    "seed",
    seed !== undefined,
    method,
    SEEDED_METHODS,
    `the methods that make random choices (--method ${SEEDED_METHODS.join(", ")})`,
  );

  const starts = flagNumber(args, "starts");
  if (starts !== undefined && (!Number.isInteger(starts) || starts < 1 || starts > 1e6)) {
    throw new InputError(undefined, "--starts", `must be an integer from 1 to 1e6, got ${starts}`);
  }
  onlyFor("starts", starts !== undefined, method, ["gnm", "simpdiv"], "--method gnm, simpdiv");
  const options: SolveFiniteOptions = { convex, startOnly };
  if (lcpVariant !== undefined) options.lcpVariant = lcpVariant;
  if (starts !== undefined) options.starts = starts;
  if (maxPivots !== undefined) options.maxPivots = maxPivots;
  if (iterations !== undefined) options.iterations = iterations;
  if (tolerance !== undefined) options.tolerance = tolerance;
  if (seed !== undefined) options.seed = seed;
  if (float) options.arithmetic = "float";
  for (const [flag, key, applies] of [
    ["max-vertices", "maxVertices", ["enummixed"]],
    ["max-paths", "maxPaths", ["lcp"]],
    ["max-evaluations", "maxEvaluations", DYNAMICS_METHODS],
    ["max-supports", "maxSupports", ["enumpoly"]],
    ["max-boxes", "maxBoxesPerSupport", ["enumpoly"]],
    ["max-work", "maxWork", ["gnm", "simpdiv"]],
  ] as const) {
    const limit = flagNumber(args, flag);
    if (limit === undefined) continue;
    if (!(limit >= 1)) throw new InputError(undefined, `--${flag}`, `must be a number >= 1, got ${limit}`);
    onlyFor(flag, true, method, applies, `--method ${applies.join(", ")}`);
    options[key] = limit;
  }
  return options;
}

/** Runs the method; a work limit reached names the flag that raises it. */
async function solve(
  file: string,
  game: NormalFormGame,
  method: NashMethod,
  options: SolveFiniteOptions,
): Promise<NashReport> {
  try {
    return await solveFinite(game, method, options);
  } catch (err) {
    // the library names its option; the command line names the flag that raises the limit
    if (err instanceof WorkLimitError) {
      const flag = LIMIT_FLAGS[err.limitName] ?? err.limitName;
      throw new InputError(
        file,
        `--${flag}`,
        `${(await import("../fields.js")).limitProblem(err)}; raise it with --${flag} N (work and memory grow with it)`,
      );
    }
    throw err;
  }
}

/** The warnings after a successful run: tiny probabilities of a market game, an incomplete list. */
function warn(io: CommandIO, report: NashReport, method: NashMethod, market: MarketModule | undefined): void {
  if (market !== undefined && report.exact) {
    // exact solvers on a market game's float payoffs: flag probabilities that are float artifacts
    const warning = market.tinyProbabilityWarning(report.equilibria.map((e) => e.profile as Rational[][]));
    if (warning !== undefined) io.stderr(`modelmarket nash: warning: ${warning}\n`);
  }
  if (!report.complete) {
    // the library reports why the list may be incomplete as data; the command line words it and
    // names the flag that raises the limit that cut the search
    const completeness = report.details?.completeness as NPlayerCompleteness | undefined;
    const why =
      completeness === undefined
        ? "stopped early (iteration cap); the list may be incomplete"
        : completenessText(completeness);
    const boxes =
      completeness?.code === "unresolved-regions" &&
      completeness.unresolved.some((u) => u.reason === "box-budget");
    io.stderr(
      `modelmarket nash: warning: ${method}: ${why}${boxes ? " (raise the boxes per support with --max-boxes)" : ""}\n`,
    );
  }
}

/** `--csv` is one game's table: refused with the other output forms and with what it cannot hold. */
function checkCsv(args: ParsedArgs): void {
  if (!flagBoolean(args, "csv")) return;
  if (flagBoolean(args, "json")) throw new InputError(undefined, "--csv", "give --json or --csv, not both");
  for (const flag of ["jsonl", "stdin"]) {
    if (flagBoolean(args, flag))
      throw new InputError(
        undefined,
        "--csv",
        `give --${flag} or --csv, not both (--${flag} prints JSON lines)`,
      );
  }
  if (args.positional.length > 1 || args.positional.includes("-")) {
    throw new InputError(
      undefined,
      "--csv",
      "prints one game's table: give one FILE (several FILEs print JSON lines)",
    );
  }
  if (flagBoolean(args, "convex")) {
    throw new InputError(undefined, "--csv", "has no column for --convex sets: use --json or the NE lines");
  }
}

async function run(args: ParsedArgs, io: CommandIO): Promise<number> {
  checkCsv(args);
  if (args.positional.length > 1 || flagBoolean(args, "jsonl") || flagBoolean(args, "stdin")) {
    const { runMany } = await import("./nash-many.js");
    return runMany(args, io, solveOne, command.flags);
  }
  return solveOne(args, io);
}

/** One game: the file of `args` or, in the many-games mode, a game read from standard input. */
async function solveOne(args: ParsedArgs, io: CommandIO, source?: GameSource): Promise<number> {
  const [file] = source === undefined ? requirePositional(args, ["FILE"]) : [source.name];
  const isNfg = source !== undefined || extname(file!).toLowerCase() === ".nfg";
  const { game, market } = await loadGame(args, io, file!, isNfg, source);
  const method = methodOf(args, game);
  const decimals = flagNumber(args, "decimals");
  if (decimals !== undefined && (!Number.isInteger(decimals) || decimals < 0 || decimals > 30)) {
    throw new InputError(undefined, "--decimals", `must be an integer from 0 to 30, got ${decimals}`);
  }
  const options = solveOptions(args, method);
  const json = flagBoolean(args, "json");
  const progress = terminalProgress(io, json);
  if (progress.sink !== undefined) options.progress = progress.sink;
  let report: NashReport;
  try {
    report = await solve(file!, game, method, options);
  } finally {
    progress.done();
  }
  const render: RenderOptions = decimals === undefined ? {} : { decimals };
  io.stdout(
    json
      ? renderJson(report, render)
      : flagBoolean(args, "csv")
        ? tidyTableCsv(nashTable(report, decimals))
        : renderText(report, render),
  );
  if (report.failure !== undefined) {
    io.stderr(`modelmarket nash: ${failureText(report.failure)}\n`);
    return 1;
  }
  warn(io, report, method, market);
  return 0;
}

/** The `nash` subcommand. */
export const command: Command = {
  ...spec,
  run,
};
