/**
 * `modelmarket sequential FILE --entrants N --space SPEC --rule R`: producers enter one at a time,
 * each best-responding to those already in; welfare and diversity after each entry, per rule.
 */

import {
  DEFAULT_MAX_BRANCHES,
  parseTieBreak,
  type SequentialBranches,
  type SequentialReport,
  type SequentialStep,
  sequentialBranches,
  sequentialEntry,
} from "../../solvers/sequential.js";
import { InputError } from "../../src/errors.js";
import { parseSpaceSpec } from "../../src/io/specs.js";
import { formatSelection } from "../../src/model/selection/index.js";
import { describeSpace } from "../../src/model/strategies.js";
import type { Market } from "../../src/model/types.js";
import { inputName } from "../../src/textFile.js";
import { flagString, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { sequentialTable } from "../csvTables.js";
import { loadMarket } from "../marketInput.js";
import { fmt, table } from "../render.js";
import { positiveInt, rulesFlag, solveLimits } from "../solverFlags.js";
import { emit, strategyText } from "./entry.js";
import { spec } from "./sequential-flags.js";

/** Tie count of a step: `20+` when the list was cut at --max-maximisers. */
function tiesText(s: SequentialStep): string {
  return `${s.ties}${s.tiesTruncated ? "+" : ""}`;
}

function stepRows(steps: readonly SequentialStep[], market: Market): string[][] {
  return steps.map((s) => {
    const m = s.response.maximisers[s.chosenIndex]!;
    return [
      s.entrant,
      strategyText(s.chosen, market),
      tiesText(s),
      fmt(m.payoff),
      fmt(s.welfare),
      fmt(m.nearestDistance),
      fmt(m.specialisation, 3),
      fmt(s.diversity.meanPairwiseDistance),
      String(s.diversity.uniqueBestTasks),
    ];
  });
}

/** Each number under its JSON field (docs/reference.md, "Names"). */
const STEP_HEADERS = [
  "entrant",
  "chosen",
  "ties",
  "payoff",
  "welfare",
  "nearestDistance",
  "specialisation",
  "meanPairwiseDistance",
  "uniqueBestTasks",
];
const TIES_NOTE = "ties: tied best responses met at the step (N+: the list was cut at --max-maximisers).";

function reportLines(rep: SequentialReport, market: Market): string[] {
  return [
    `rule ${rep.rule}: welfareInitial ${fmt(rep.welfareInitial)}`,
    table(STEP_HEADERS, stepRows(rep.steps, market)),
    TIES_NOTE,
    "",
  ];
}

function branchLines(a: SequentialBranches, market: Market): string[] {
  const range =
    a.welfareMin === a.welfareMax ? fmt(a.welfareMin) : `${fmt(a.welfareMin)} to ${fmt(a.welfareMax)}`;
  const status = a.complete
    ? "every branch explored"
    : `NOT every branch: ${[a.capped ? `cut at --max-branches ${a.maxBranches}` : "", a.tiesTruncated ? "some tie lists cut at --max-maximisers" : ""].filter(Boolean).join("; ")}`;
  return [
    `rule ${a.rule}: welfareInitial ${fmt(a.welfareInitial)}; ${a.branches.length} branch(es) (${status}); final welfare ${range}`,
    `ties per step (fewest-most over branches): ${a.tiesPerStep.map((t) => (t.min === t.max ? `${t.min}` : `${t.min}-${t.max}`)).join(", ")}`,
    table(
      ["branch", "chosen", "welfare", "meanPairwiseDistance", "uniqueBestTasks"],
      a.branches.map((b, k) => {
        const last = b.steps[b.steps.length - 1]!;
        return [
          String(k + 1),
          b.steps.map((s) => strategyText(s.chosen, market)).join(" "),
          fmt(b.welfare),
          fmt(last.diversity.meanPairwiseDistance),
          String(last.diversity.uniqueBestTasks),
        ];
      }),
    ),
    "",
  ];
}

export const command: Command = {
  ...spec,
  async run(args, io) {
    const [file] = requirePositional(args, ["FILE"]);
    if (!args.flags.has("entrants"))
      throw new InputError(undefined, "--entrants", "missing required flag (a count)");
    const spec = flagString(args, "space");
    if (spec === undefined)
      throw new InputError(undefined, "--space", "missing required flag (e.g. --space top-k:k=1)");
    const entrants = positiveInt(args, "entrants", 1, 1000);
    const market = await loadMarket(file!, args);
    const space = parseSpaceSpec(spec, market.tasks, "--space");
    if (space.kind === "fixed")
      throw new InputError(undefined, "--space", "entrants need a strategy space to choose from");
    const rules = rulesFlag(args, "rule", ["winrate", "weighted-winrate"]);
    const opts = {
      ...solveLimits(args),
    };
    const tieBreak = parseTieBreak(flagString(args, "tie-break") ?? "first", "--tie-break");
    if (args.flags.has("max-branches") && tieBreak.kind !== "all")
      throw new InputError(undefined, "--max-branches", "only applies to --tie-break all");
    const head = `${inputName(file!)}: ${entrants} entrant(s) in ${describeSpace(space)}, selection ${formatSelection(market.selection)}, tie-break ${flagString(args, "tie-break") ?? "first"}`;
    if (tieBreak.kind === "all") {
      const maxBranches = positiveInt(args, "max-branches", DEFAULT_MAX_BRANCHES, 1e6);
      const all = rules.map((r) => sequentialBranches(market, entrants, space, r, { ...opts, maxBranches }));
      const text = () => [head, "", ...all.flatMap((a) => branchLines(a, market))].join("\n");
      io.stdout(
        emit(args, { file, entrants, space, tieBreak: "all", rules: all }, text, () => sequentialTable(all)),
      );
      return 0;
    }
    const reports = rules.map((r) => sequentialEntry(market, entrants, space, r, { ...opts, tieBreak }));
    const text = () => [head, "", ...reports.flatMap((rep) => reportLines(rep, market))].join("\n");
    io.stdout(
      emit(args, { file, entrants, space, tieBreak: reports[0]!.tieBreak, rules: reports }, text, () =>
        sequentialTable(reports),
      ),
    );
    return 0;
  },
};
