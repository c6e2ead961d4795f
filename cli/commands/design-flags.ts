/**
 * The flag table of `modelmarket design`: what `design --help` shows and the parser reads. The run is in
 * `design.ts`, imported only to run, so that help and flag errors load no solver code.
 */

import {
  DEFAULT_DESIGN_ROWS,
  DEFAULT_MAX_LP_ROWS,
  DEFAULT_MAX_LPS,
  DEFAULT_MAX_SOLVES,
  DEFAULT_MAX_STRATEGIES,
} from "../../src/limits.js";
import type { CommandSpec } from "../command.js";
import { MARKET_FLAGS } from "../marketFlags.js";
import { spec as compareSpec } from "./compare-flags.js";

/** The flags of `compare` that pose the question whose rule design chooses. */
export const QUESTION_FLAGS = [
  "entry",
  "name",
  "replace",
  "equilibrium",
  "sequential",
  "space",
  "tie-break",
  "max-branches",
];

export const spec: CommandSpec = {
  name: "design",
  summary:
    "Benchmark design: the rule-family parameter (power-winrate alpha, threshold-winrate tau, mix lambda) or the benchmark weights b that make the producers' response best for consumers, exact where the game is finite, with the welfare of winrate and weighted winrate beside it (the price of the benchmark).",
  usage:
    "modelmarket design FILE (--entry SPEC | --replace NAME | --equilibrium | --sequential N --space SPEC) (--family NAME --range P=FROM:TO [--range Q=FROM:TO] [--param K=V] | --benchmark-weights [--within F] [--rule R]) [--objective worst|best] [--json | --csv] [--report FILE.html]",
  examples: [
    "modelmarket design examples/c2-entry.json --entry top-k:k=1 --family mix --range lambda=0:1 --param rules=winrate+weighted-winrate",
    "modelmarket design examples/three-producers.json --replace Copycat --space top-k:k=2 --family power-winrate --range alpha=0:4",
    "modelmarket design examples/c2-entry.json --entry top-k:k=1 --benchmark-weights --rule winrate --within 2",
    "modelmarket design examples/design-menu.json --replace Lab --family mix --range lambda=0:1 --range alpha=0:6 --param rules=winrate+power-winrate:alpha=1 --rows 7",
    "modelmarket design examples/c2-two-producers.json --equilibrium --family threshold-winrate --range tau=0:1 --objective best",
    "modelmarket design examples/c2-two-producers.json --equilibrium --benchmark-weights --rule winrate --within 2",
    "modelmarket design data/mtbench101_task_scores.csv --normalize scale:max=10 --selection logit:beta=20 --entry top-k:k=3 --benchmark-weights --within 2 --csv",
  ],
  flags: [
    ...MARKET_FLAGS.filter((f) => f.name !== "benchmark-weights"),
    ...compareSpec.flags.filter((f) => QUESTION_FLAGS.includes(f.name)),
    {
      name: "family",
      kind: "string",
      placeholder: "NAME",
      help: "design a rule family's parameter: power-winrate | threshold-winrate | mix | a registered family",
    },
    {
      name: "range",
      kind: "string",
      placeholder: "P=FROM:TO",
      help: "--family: the parameter and its interval, e.g. alpha=0:4; give it twice for a two-parameter design (the second in rows)",
      repeatable: true,
    },
    {
      name: "param",
      kind: "string",
      placeholder: "K=V",
      help: "--family: the family's other parameters, e.g. rules=winrate+weighted-winrate for mix",
    },
    {
      name: "benchmark-weights",
      kind: "boolean",
      help: "design the benchmark weights b (welfare stays under the task weights): one LP per class of strategies (entry, replacement) or per pure profile (--equilibrium)",
    },
    {
      name: "within",
      kind: "number",
      placeholder: "F",
      help: "--benchmark-weights: bounds w_t/F <= b_t <= F w_t (default: the whole simplex)",
    },
    {
      name: "rule",
      kind: "string",
      placeholder: "R",
      help: "--benchmark-weights: the rule producers are paid under (default weighted-winrate)",
    },
    {
      name: "objective",
      kind: "string",
      placeholder: "O",
      help: "worst (default: the designer cannot pick among ties or equilibria) | best",
    },
    {
      name: "samples",
      kind: "integer",
      placeholder: "N",
      help: "sampled partitions: N equally spaced values before bisection (default 101)",
    },
    {
      name: "rows",
      kind: "integer",
      placeholder: "N",
      help: `two ranges: N equally spaced rows of the second parameter, bisected where their partitions differ (default ${DEFAULT_DESIGN_ROWS})`,
    },
    {
      name: "parameter-tolerance",
      kind: "number",
      placeholder: "X",
      help: "locate boundaries to width X (default 1e-9 x max(1, |FROM|, |TO|))",
    },
    {
      name: "max-strategies",
      kind: "integer",
      placeholder: "N",
      help: `exact designs: at most N strategies of the responder (default ${DEFAULT_MAX_STRATEGIES})`,
    },
    {
      name: "max-solves",
      kind: "integer",
      placeholder: "N",
      help: `sampled partitions: at most N solves of the question (default ${DEFAULT_MAX_SOLVES})`,
    },
    {
      name: "max-lps",
      kind: "integer",
      placeholder: "N",
      help: `--benchmark-weights: at most N linear programs, two per class of strategies (default ${DEFAULT_MAX_LPS})`,
    },
    {
      name: "max-lp-rows",
      kind: "integer",
      placeholder: "N",
      help: `--equilibrium --benchmark-weights: at most N LP rows, profiles x (one per deviation + 1) (default ${DEFAULT_MAX_LP_ROWS})`,
    },
    ...compareSpec.flags.filter((f) => ["max-profiles", "units", "max-maximisers"].includes(f.name)),
    { name: "json", kind: "boolean", help: "print JSON" },
    { name: "csv", kind: "boolean", help: "print tidy CSV: one row per region (or class) x statistic" },
    { name: "output", kind: "string", placeholder: "PATH", help: "also write the JSON report to PATH" },
    {
      name: "report",
      kind: "string",
      placeholder: "FILE.html",
      help: "write an HTML report: welfare against the parameter, regions shaded",
    },
  ],
};
