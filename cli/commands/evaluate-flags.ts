/**
 * The flag table of `modelmarket evaluate`: what `evaluate --help` shows and the parser reads. The run is in
 * `evaluate.ts`, imported only to run, so that help and flag errors load no solver code.
 */

import type { CommandSpec } from "../command.js";
import { MARKET_FLAGS } from "../marketFlags.js";

export const spec: CommandSpec = {
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
};
