/**
 * `modelmarket entry FILE --entrant SPEC`: the best response(s) of a new producer under each payoff
 * rule, with the welfare each leads to, distance to the nearest incumbent and specialisation, beside
 * the welfare-optimal entrant and the welfare without entry.
 */

import type { TidyTable } from "../../solvers/compare/tidy.js";
import { analyseEntry, type RuleResponse } from "../../solvers/entry.js";
import { InputError } from "../../src/errors.js";
import { writeFileAtomic } from "../../src/io/output.js";
import { parseSpaceSpec } from "../../src/io/specs.js";
import { BUILTIN_PAYOFF_RULES } from "../../src/model/payoffs.js";
import { formatSelection } from "../../src/model/selection/index.js";
import { describeSpace } from "../../src/model/strategies.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { inputName } from "../../src/textFile.js";
import { WorkLimitError } from "../../src/work.js";
import {
  flagBoolean,
  flagNonEmpty,
  flagNumber,
  flagString,
  type ParsedArgs,
  requirePositional,
} from "../args.js";
import type { Command } from "../command.js";
import { responseTable } from "../csvTables.js";
import { limitProblem } from "../fields.js";
import { loadMarket } from "../marketInput.js";
import { STDOUT_PATH } from "../output.js";
import { terminalProgress } from "../progress.js";
import { fmt, table, toJson } from "../render.js";
import { rulesFromFlags, solveLimits } from "../solverFlags.js";
import { tidyTableCsv } from "../tidyCsv.js";
import { spec } from "./entry-flags.js";

/** Readable form of a strategy: chosen tasks, effort, or the quality vector. */
export function strategyText(
  m: { quality: number[]; effort?: number[]; tasks?: number[]; option?: number },
  market: Market,
): string {
  if (m.tasks !== undefined) return `{${m.tasks.map((t) => market.tasks[t]!.name).join(",")}}`;
  if (m.option !== undefined) return `option ${m.option} (${m.quality.map((x) => fmt(x, 3)).join(", ")})`;
  if (m.effort !== undefined) return `e=(${m.effort.map((x) => fmt(x, 3)).join(", ")})`;
  return `q=(${m.quality.map((x) => fmt(x, 3)).join(", ")})`;
}

/** Table rows of one rule's response (one row per listed maximiser). */
export function responseRows(res: RuleResponse, market: Market, label = res.rule): string[][] {
  const br = res.bestResponse;
  const cert = br.exact
    ? "exact"
    : `gap <= ${Number.isFinite(br.gapBound) ? br.gapBound.toExponential(2) : "unknown"}`;
  return res.maximisers.map((m, k) => [
    k === 0 ? label : "",
    strategyText(m, market),
    fmt(m.payoff),
    fmt(m.welfare),
    fmt(m.nearestDistance),
    fmt(m.specialisation, 3),
    k === 0 ? `${cert}${br.truncated ? ", list truncated" : ""}` : "",
  ]);
}

/**
 * Writes the JSON report to `--output` when given, and returns the text to print: the JSON with
 * `--json` or `--output -` (the report then goes to standard output once, in place of the tables),
 * the CSV of `csv()` with `--csv`, else the tables.
 */
export function emit(args: ParsedArgs, report: unknown, text: () => string, csv: () => TidyTable): string {
  const json = toJson(report);
  const out = flagString(args, "output");
  if (flagBoolean(args, "json") && flagBoolean(args, "csv"))
    throw new InputError(undefined, "--csv", "give --json or --csv, not both");
  if (out === STDOUT_PATH) {
    if (flagBoolean(args, "csv"))
      throw new InputError(undefined, "--output", "- and --csv would both print to standard output");
    return json;
  }
  if (out !== undefined) writeFileAtomic(out, json);
  if (flagBoolean(args, "csv")) return tidyTableCsv(csv());
  return flagBoolean(args, "json") ? json : text();
}

/** The columns of a best-response table, each number under its JSON field (docs/reference.md, "Names"). */
export const RESPONSE_HEADERS = [
  "rule",
  "best response",
  "payoff",
  "welfare",
  "nearestDistance",
  "specialisation",
  "certificate",
];

export const command: Command = {
  ...spec,
  async run(args, io) {
    const [file] = requirePositional(args, ["FILE"]);
    const spec = flagString(args, "entrant");
    if (spec === undefined)
      throw new InputError(undefined, "--entrant", "missing required flag (e.g. --entrant top-k:k=1)");
    const market = await loadMarket(file!, args);
    const space: StrategySpace = parseSpaceSpec(spec, market.tasks, "--entrant");
    if (space.kind === "fixed")
      throw new InputError(undefined, "--entrant", "a fixed entrant has nothing to choose");
    const rules = rulesFromFlags(
      args,
      BUILTIN_PAYOFF_RULES.map((r) => r.name),
    );
    const name = flagNonEmpty(args, "name") ?? "Entrant";
    const progress = terminalProgress(io, flagBoolean(args, "json"));
    const gridWork = flagNumber(args, "max-grid-work");
    const gridCells = flagNumber(args, "max-grid-cells");
    for (const [flag, v] of [
      ["max-grid-work", gridWork],
      ["max-grid-cells", gridCells],
    ] as const) {
      if (v !== undefined && !(v >= 1))
        throw new InputError(undefined, `--${flag}`, `must be >= 1, got ${v}`);
    }
    let a: ReturnType<typeof analyseEntry>;
    try {
      a = analyseEntry(market, { name, space }, rules, {
        ...solveLimits(args),
        ...(gridWork === undefined ? {} : { maxGridWork: gridWork }),
        ...(gridCells === undefined ? {} : { maxGridCells: gridCells }),
        ...(progress.sink === undefined ? {} : { progress: progress.sink }),
      });
    } catch (err) {
      // the library names its option; the command line names the flag that raises the limit
      if (err instanceof WorkLimitError && err.limitName.startsWith("maxGrid")) {
        const flag = err.limitName === "maxGridWork" ? "max-grid-work" : "max-grid-cells";
        throw new InputError(
          file,
          "--entrant",
          `${limitProblem(err)}; use a coarser step or raise --${flag}`,
        );
      }
      throw err;
    } finally {
      progress.done();
    }
    const text = () => {
      const rows = [
        ...a.rules.flatMap((r) => responseRows(r, market)),
        ...responseRows(a.welfareOptimal, market, "(welfare optimum)"),
      ];
      return [
        `${inputName(file!)}: entrant ${name}, ${describeSpace(space)}, selection ${formatSelection(market.selection)}`,
        `welfareWithoutEntry ${fmt(a.welfareWithoutEntry)}`,
        "",
        table(RESPONSE_HEADERS, rows),
        "",
        "nearestDistance: L1 distance of q/v to the nearest incumbent; specialisation: index 1 - H(q/sum q)/log T.",
        "",
      ].join("\n");
    };
    io.stdout(emit(args, { file, ...a }, text, () => responseTable(a)));
    return 0;
  },
};
