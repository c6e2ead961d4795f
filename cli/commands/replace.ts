/**
 * `modelmarket replace FILE --producer NAME [--space SPEC]`: an incumbent re-chooses its strategy
 * under each payoff rule, with the others fixed.
 */

import { analyseReplacement } from "../../solvers/replace.js";
import { InputError } from "../../src/errors.js";
import { parseSpaceSpec } from "../../src/io/specs.js";
import { BUILTIN_PAYOFF_RULES } from "../../src/model/payoffs.js";
import { describeSpace, spaceProblemText } from "../../src/model/strategies.js";
import { inputName } from "../../src/textFile.js";
import { flagString, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { responseTable } from "../csvTables.js";
import { loadMarket } from "../marketInput.js";
import { fmt, table } from "../render.js";
import { rulesFromFlags, solveLimits } from "../solverFlags.js";
import { emit, RESPONSE_HEADERS, responseRows } from "./entry.js";
import { spec } from "./replace-flags.js";

export const command: Command = {
  ...spec,
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
        `${inputName(file!)}: ${a.producer} re-chooses in ${describeSpace(a.space)}; current q=(${a.currentQuality.map((x) => fmt(x, 3)).join(", ")})`,
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
