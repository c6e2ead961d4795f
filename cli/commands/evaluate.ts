/**
 * `modelmarket evaluate FILE`: welfare with its reference points, every producer's payoff under every
 * rule, and the diversity measures.
 */

import { InputError } from "../../src/errors.js";
import { evaluate } from "../../src/model/evaluate.js";
import { flagBoolean, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { evaluationTable } from "../csvTables.js";
import { renderEvaluation } from "../evaluationReport.js";
import { loadMarket, MARKET_FLAGS } from "../marketInput.js";
import { toJson } from "../render.js";
import { tidyTableCsv } from "../tidyCsv.js";

export const command: Command = {
  name: "evaluate",
  summary: "Welfare, every producer's payoff under each payoff rule, and the diversity of a market.",
  usage: "modelmarket evaluate FILE [--selection RULE] [--weights W] [--normalize N] [--json | --csv]",
  examples: [
    "modelmarket evaluate examples/three-producers.json",
    "modelmarket evaluate examples/three-producers.json --selection epsilon:eps=0.3 --json",
    "modelmarket evaluate examples/three-producers.json --weights code=1,math=1,law=1,poetry=1",
    "modelmarket evaluate examples/three-producers.json --csv",
    "modelmarket evaluate data/mtbench101_task_scores.csv --selection logit:beta=20 --normalize scale:max=10",
  ],
  flags: [
    ...MARKET_FLAGS,
    { name: "json", kind: "boolean", help: "print JSON instead of tables" },
    { name: "csv", kind: "boolean", help: "print CSV: producer, task, statistic, value (JSON field names)" },
  ],
  async run(args, io) {
    const [file] = requirePositional(args, ["FILE"]);
    if (flagBoolean(args, "json") && flagBoolean(args, "csv"))
      throw new InputError(undefined, "--csv", "give --json or --csv, not both");
    const market = await loadMarket(file!, args);
    const evaluation = evaluate(market);
    io.stdout(
      flagBoolean(args, "json")
        ? toJson({ file, ...evaluation })
        : flagBoolean(args, "csv")
          ? tidyTableCsv(evaluationTable(evaluation))
          : renderEvaluation(file!, evaluation),
    );
    return 0;
  },
};
