/**
 * `modelmarket sequential FILE --entrants N --space SPEC --rule R`: producers enter one at a time,
 * each best-responding to those already in; welfare and diversity after each entry, per rule.
 */

import { sequentialEntry } from "../../solvers/index.js";
import { InputError } from "../../src/errors.js";
import { parseSpaceSpec } from "../../src/io/specs.js";
import { formatSelection } from "../../src/model/selection/index.js";
import { describeSpace } from "../../src/model/strategies.js";
import { flagString, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { loadMarket, MARKET_FLAGS } from "../marketInput.js";
import { fmt, table } from "../render.js";
import { emit, positiveInt, rulesFlag, SOLVER_FLAGS, strategyText } from "./entry.js";

export const command: Command = {
  name: "sequential",
  summary:
    "Producers enter one at a time, each best-responding to those already in; welfare and diversity after each entry.",
  usage: "modelmarket sequential FILE --entrants N --space SPEC [--rule R1,R2] [--json]",
  examples: [
    "modelmarket sequential examples/three-producers.json --entrants 3 --space top-k:k=1 --rule winrate,weighted-winrate",
    "modelmarket sequential examples/three-producers.json --entrants 5 --space grid:budget=1,step=0.1 --rule weighted-winrate --json",
  ],
  flags: [
    ...MARKET_FLAGS,
    {
      name: "entrants",
      kind: "integer",
      placeholder: "N",
      help: "number of producers entering, one at a time",
    },
    {
      name: "space",
      kind: "string",
      placeholder: "SPEC",
      help: "their strategy space, e.g. top-k:k=1 or grid:budget=1,step=0.05",
    },
    {
      name: "rule",
      kind: "string",
      placeholder: "R1,R2",
      help: "payoff rule(s) (default winrate,weighted-winrate)",
      repeatable: true,
    },
    ...SOLVER_FLAGS,
  ],
  run(args, io) {
    const [file] = requirePositional(args, ["FILE"]);
    if (!args.flags.has("entrants"))
      throw new InputError(undefined, "--entrants", "missing required flag (a count)");
    const spec = flagString(args, "space");
    if (spec === undefined)
      throw new InputError(undefined, "--space", "missing required flag (e.g. --space top-k:k=1)");
    const entrants = positiveInt(args, "entrants", 1, 1000);
    const market = loadMarket(file!, args);
    const space = parseSpaceSpec(spec, market.tasks, "--space");
    if (space.kind === "fixed")
      throw new InputError(undefined, "--space", "entrants need a strategy space to choose from");
    const rules = rulesFlag(args, "rule", ["winrate", "weighted-winrate"]);
    const opts = {
      units: positiveInt(args, "units", 256, 100000),
      maxMaximisers: positiveInt(args, "max-maximisers", 20),
    };
    const reports = rules.map((r) => sequentialEntry(market, entrants, space, r, opts));
    const text = () =>
      [
        `${file}: ${entrants} entrant(s) in ${describeSpace(space)}, selection ${formatSelection(market.selection)}`,
        "",
        ...reports.flatMap((rep) => [
          `rule ${rep.rule}: U before entry ${fmt(rep.welfareInitial)}`,
          table(
            ["entrant", "choice", "ties", "payoff", "U", "dist", "spec", "mean dist", "unique-best"],
            rep.steps.map((s) => [
              s.entrant,
              strategyText(s.chosen, market),
              // a count cut at --max-maximisers is a lower bound: marked with ">="
              s.tiesTruncated ? `>=${s.ties}` : String(s.ties),
              fmt(s.response.maximisers[0]!.payoff),
              fmt(s.welfare),
              fmt(s.response.maximisers[0]!.nearestDistance),
              fmt(s.response.maximisers[0]!.specialisation, 3),
              fmt(s.diversity.meanPairwiseDistance),
              String(s.diversity.uniqueBestTasks),
            ]),
          ),
          "",
        ]),
        ...(reports.some((rep) => rep.steps.some((st) => st.tiesTruncated))
          ? [">=N: the tie count stopped at --max-maximisers (raise it to count every tie).", ""]
          : []),
      ].join("\n");
    io.stdout(emit(args, { file, entrants, space, rules: reports }, text));
    return 0;
  },
};
