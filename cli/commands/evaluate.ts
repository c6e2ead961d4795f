/**
 * `modelmarket evaluate FILE`: welfare with its reference points, every producer's payoff under every
 * rule, and the diversity measures.
 */

import { InputError } from "../../src/errors.js";
import { evaluate } from "../../src/model/evaluate.js";
import { inputName } from "../../src/textFile.js";
import { flagBoolean, requirePositional } from "../args.js";
import type { Command } from "../command.js";
import { evaluationTable } from "../csvTables.js";
import { renderEvaluation } from "../evaluationReport.js";
import { loadMarket } from "../marketInput.js";
import { toJson } from "../render.js";
import { tidyTableCsv } from "../tidyCsv.js";
import { spec } from "./evaluate-flags.js";

export const command: Command = {
  ...spec,
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
          : renderEvaluation(inputName(file!), evaluation),
    );
    return 0;
  },
};
