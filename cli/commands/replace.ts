/**
 * `modelmarket replace FILE --producer NAME [--space SPEC]`: an incumbent re-chooses its strategy
 * under each payoff rule, with the others fixed.
 */

import { analyseReplacement } from "../../solvers/replace.js";
import { InputError } from "../../src/errors.js";
import { parseSpaceSpec } from "../../src/io/specs.js";
import { BUILTIN_PAYOFF_RULES } from "../../src/model/payoffs.js";
import { describeSpace, spaceProblemText } from "../../src/model/strategies.js";
import { flagString, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { responseTable } from "../csvTables.js";
import { loadMarket, MARKET_FLAGS } from "../marketInput.js";
import { fmt, table } from "../render.js";
import { rulesFlagSpecs, rulesFromFlags, SOLVER_FLAGS, solveLimits } from "../solverFlags.js";
import { emit, RESPONSE_HEADERS, responseRows } from "./entry.js";

export const command: Command = {
  name: "replace",
  summary: "Best response of an incumbent that re-chooses its strategy, under each payoff rule.",
  usage:
    "modelmarket replace FILE --producer NAME [--space SPEC] [--rules R1,R2] [--json | --csv] [--output PATH]",
  examples: [
    "modelmarket replace examples/three-producers.json --producer Copycat --space top-k:k=2",
    "modelmarket replace examples/three-producers.json --producer Specialist --space top-k:k=1",
    "modelmarket replace examples/three-producers.json --producer Specialist --space budget:budget=1.5,production=power,a=0.5 --rules winrate,weighted-winrate --json",
  ],
  flags: [
    ...MARKET_FLAGS,
    { name: "producer", kind: "string", placeholder: "NAME", help: "the incumbent that re-chooses" },
    {
      name: "space",
      kind: "string",
      placeholder: "SPEC",
      help: "its strategy space (default: its own from the file)",
    },
    ...rulesFlagSpecs("all built-ins"),
    ...SOLVER_FLAGS,
  ],
  async run(args, io) {
    const [file] = requirePositional(args, ["FILE"]);
    const name = flagString(args, "producer");
    if (name === undefined)
      throw new InputError(undefined, "--producer", "missing required flag (a producer name)");
    const market = await loadMarket(file!, args);
    const spec = flagString(args, "space");
    const space = spec === undefined ? undefined : parseSpaceSpec(spec, market.tasks, "--space");
    const rules = rulesFromFlags(
      args,
      BUILTIN_PAYOFF_RULES.map((r) => r.name),
    );
    const a = analyseReplacement(market, name, rules, {
      ...(space ? { space } : {}),
      ...solveLimits(args),
    });
    const text = () => {
      const rows = [
        ...a.rules.flatMap((r) => responseRows(r, market)),
        ...responseRows(a.welfareOptimal, market, "(welfare optimum)"),
      ];
      const current = table(
        ["rule", "currentPayoff", "bestResponse.value"],
        a.rules.map((r) => [r.rule, fmt(r.currentPayoff), fmt(r.bestResponse.value)]),
      );
      return [
        `${file}: ${a.producer} re-chooses in ${describeSpace(a.space)}; current q=(${a.currentQuality.map((x) => fmt(x, 3)).join(", ")})`,
        ...(a.currentInSpace.member
          ? []
          : [
              `  the current quality is not in ${describeSpace(a.space)} (${spaceProblemText(a.currentInSpace.problem)}): its payoff below is a reference, not a choice the producer can keep`,
            ]),
        `welfareNow ${fmt(a.welfareNow)}   welfareWithoutProducer ${fmt(a.welfareWithoutProducer)} (without ${a.producer})`,
        "",
        table(RESPONSE_HEADERS, rows),
        "",
        current,
        "",
      ].join("\n");
    };
    io.stdout(emit(args, { file, ...a }, text, () => responseTable(a)));
    return 0;
  },
};
