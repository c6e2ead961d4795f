/**
 * `modelmarket design FILE QUESTION (--family NAME --range P=FROM:TO | --benchmark-weights [--within F])`:
 * benchmark design (docs/design.md). The question flags are compare's; the logic is in
 * solvers/design/; this file parses flags and renders.
 */

import { designBenchmark } from "../../solvers/design/index.js";
import { DEFAULT_MAX_LP_ROWS } from "../../solvers/design/outcomeWeights.js";
import { DEFAULT_MAX_SOLVES } from "../../solvers/design/sampled.js";
import { DEFAULT_MAX_STRATEGIES } from "../../solvers/design/table.js";
import { DEFAULT_DESIGN_ROWS } from "../../solvers/design/twoParameter.js";
import type { DesignOptions, DesignReport, DesignSearch } from "../../solvers/design/types.js";
import { DEFAULT_MAX_LPS } from "../../solvers/design/weights.js";
import { InputError } from "../../src/errors.js";
import { parseDecimal } from "../../src/io/decimal.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { ruleFamily } from "../../src/model/payoffs.js";
import { inputName } from "../../src/textFile.js";
import { flagBoolean, flagNumber, flagString, type ParsedArgs, requirePositional } from "../args.js";
import type { Command, CommandIO } from "../command.js";
import { designRows, designText } from "../designText.js";
import { loadMarket } from "../marketInput.js";
import { terminalProgress } from "../progress.js";
import { toJson } from "../render.js";
import { maxProfilesFlag, positiveInt, solveLimits } from "../solverFlags.js";
import { tidyTableCsv } from "../tidyCsv.js";
import { questionOf } from "./compare.js";
import { spec } from "./design-flags.js";

/** compare's question flags, reused as they are. */

function searchOf(args: ParsedArgs): DesignSearch {
  const family = flagString(args, "family");
  const weights = flagBoolean(args, "benchmark-weights");
  if ((family !== undefined) === weights)
    throw new InputError(
      undefined,
      "--family",
      "give --family NAME --range P=FROM:TO, or --benchmark-weights (one of them)",
    );
  if (weights) {
    for (const f of ["range", "param", "samples"])
      if (args.flags.has(f)) throw new InputError(undefined, `--${f}`, "only applies with --family");
    const within = flagNumber(args, "within");
    if (within !== undefined && !(within >= 1))
      throw new InputError(undefined, "--within", `must be a factor >= 1, got ${within}`);
    return {
      kind: "benchmark-weights",
      rule: flagString(args, "rule") ?? "weighted-winrate",
      ...(within === undefined ? {} : { within }),
    };
  }
  if (args.flags.has("within"))
    throw new InputError(undefined, "--within", "only applies with --benchmark-weights");
  if (args.flags.has("rule"))
    throw new InputError(undefined, "--rule", "only applies with --benchmark-weights");
  const f = ruleFamily(family!, "--family");
  const ranges = (args.flags.get("range") ?? []).map(String);
  if (ranges.length === 0) throw new InputError(undefined, "--range", "--family needs --range P=FROM:TO");
  if (ranges.length > 2) throw new InputError(undefined, "--range", "give one or two ranges, not more");
  const parsed = ranges.map((rangeText) => {
    const m = /^([A-Za-z][A-Za-z0-9_]*)=([^:]+):([^:]+)$/.exec(rangeText.trim());
    if (m === null) throw new InputError(undefined, "--range", `expected P=FROM:TO, got "${rangeText}"`);
    return {
      parameter: m[1]!,
      from: parseDecimal(m[2]!.trim(), undefined, "--range"),
      to: parseDecimal(m[3]!.trim(), undefined, "--range"),
    };
  });
  const { parameter, from, to } = parsed[0]!;
  const second = parsed[1];
  if (second === undefined && args.flags.has("rows"))
    throw new InputError(undefined, "--rows", "only applies with two ranges");
  // the family's other parameters: --param k=v,... (numbers) and text ones (mix: rules=R1+R2)
  const params: Record<string, number> = {};
  const text: Record<string, string> = {};
  const paramText = flagString(args, "param");
  for (const part of paramText === undefined ? [] : paramText.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new InputError(undefined, "--param", `expected NAME=VALUE, got "${part}"`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if ((f.textParameters ?? []).includes(key)) text[key] = value;
    else params[key] = parseDecimal(value, undefined, "--param");
  }
  return { kind: "family", family: f.name, parameter, from, to, params, text, ...(second ? { second } : {}) };
}

async function run(args: ParsedArgs, io: CommandIO): Promise<number> {
  const [file] = requirePositional(args, ["FILE"]);
  // here --benchmark-weights asks for the weight design, not for weights to read: the market keeps its own b
  const market = await loadMarket(file!, {
    ...args,
    flags: new Map([...args.flags].filter(([k]) => k !== "benchmark-weights")),
  });
  const question = questionOf(args, market);
  const search = searchOf(args);
  const json = flagBoolean(args, "json");
  const csv = flagBoolean(args, "csv");
  if (json && csv) throw new InputError(undefined, "--csv", "give --json or --csv, not both");
  const objective = flagString(args, "objective") ?? "worst";
  if (objective !== "worst" && objective !== "best")
    throw new InputError(undefined, "--objective", `must be worst or best, got "${objective}"`);
  const reportPath = flagString(args, "report");
  if (reportPath !== undefined && !reportPath.toLowerCase().endsWith(".html"))
    throw new InputError(undefined, "--report", `must name an .html file, got "${reportPath}"`);
  const opts: DesignOptions = {
    ...solveLimits(args),
    maxProfiles: maxProfilesFlag(args),
    objective,
    samples: positiveInt(args, "samples", 101, 100_000),
    rows: positiveInt(args, "rows", DEFAULT_DESIGN_ROWS, 10_000),
    maxStrategies: positiveInt(args, "max-strategies", DEFAULT_MAX_STRATEGIES, 1e8),
    maxSolves: positiveInt(args, "max-solves", DEFAULT_MAX_SOLVES, 1e8),
    maxLps: positiveInt(args, "max-lps", DEFAULT_MAX_LPS, 1e8),
    maxLpRows: positiveInt(args, "max-lp-rows", DEFAULT_MAX_LP_ROWS, 1e10),
  };
  const tolFlag = flagNumber(args, "parameter-tolerance");
  if (tolFlag !== undefined) {
    if (!(tolFlag > 0))
      throw new InputError(undefined, "--parameter-tolerance", `must be > 0, got ${tolFlag}`);
    opts.parameterTolerance = tolFlag;
  }
  if (io.isTTY && !json && !csv)
    io.stderr(
      `estimate: ${search.kind === "family" ? `a partition of ${search.parameter} in [${search.from}, ${search.to}] (exact for entry/replacement with a finite space, else ${opts.samples} samples plus bisection)${search.second ? `, in ${opts.rows} rows of ${search.second.parameter} plus bisection` : ""}` : question.kind === "equilibrium" ? "one LP per pure profile of the game, one row per unilateral deviation" : "two LPs per class of strategies"}\n`,
    );
  const progress = terminalProgress(io, json || csv);
  let rep: DesignReport;
  try {
    rep = await designBenchmark(market, question, search, {
      ...opts,
      ...(progress.sink ? { progress: progress.sink } : {}),
    });
  } finally {
    progress.done();
  }
  const report = { file, selection: market.selection, ...rep };
  const out = flagString(args, "output");
  if (out !== undefined) writeFileAtomic(out, toJson(report));
  if (reportPath !== undefined) {
    const { designHtml } = await import("../designReport.js");
    writeFileAtomic(reportPath, designHtml(inputName(file!), market, rep));
  }
  io.stdout(
    json ? toJson(report) : csv ? tidyTableCsv(designRows(rep)) : designText(inputName(file!), market, rep),
  );
  return 0;
}

export const command: Command = {
  ...spec,
  run,
};
