/**
 * The flag table of `modelmarket compare`: what `compare --help` shows and the parser reads. The run is in
 * `compare.ts`, imported only to run, so that help and flag errors load no solver code.
 */
import { DEFAULT_MAX_BRANCHES, DEFAULT_MAX_PROFILES, DEFAULT_MAX_SWEEP_WORK } from "../../src/limits.js";
import type { CommandSpec } from "../command.js";
import { MARKET_FLAGS } from "../marketFlags.js";
import { SHARD_FLAGS } from "../shardFlags.js";
import { MAX_MAXIMISERS_FLAG, rulesFlagSpecs, UNITS_FLAG } from "../solverFlags.js";

/** The rules compared when none are given. */
export const DEFAULT_COMPARE_RULES = [
  "winrate",
  "weighted-winrate",
  "pairwise-winrate",
  "marginal-contribution",
];

/** Flags of `compare` that only choose the output. */
export const COMPARE_RENDER_FLAGS = ["json", "csv", "output", "report"];

export const spec: CommandSpec = {
  name: "compare",
  summary:
    "One question (entry, replacement, equilibria, sequential entry) under several payoff rules side by side: chosen strategies, welfare and its ratio to the optimum, homogenisation; where the rules disagree and whose outcome is better; sweeps over noise, weights, budget, k or incumbents with change points.",
  usage:
    "modelmarket compare FILE (--entry SPEC | --replace NAME | --equilibrium | --sequential N --space SPEC) [--rules R1,R2] [--sweep NAME=FROM:TO:POINTS]... [--json | --csv] [--report FILE.html]",
  examples: [
    "modelmarket compare examples/c5-witness.json --entry top-k:k=1",
    "modelmarket compare examples/c5-witness.json --entry top-k:k=1 --sweep weight.t1=0.05:0.95:19",
    "modelmarket compare examples/c5-witness.json --entry top-k:k=1 --sweep eps=0:1:11 --csv",
    "modelmarket compare examples/three-producers.json --replace Copycat --space top-k:k=2 --rules winrate,weighted-winrate",
    "modelmarket compare examples/c2-two-producers.json --equilibrium --sweep eps=0:0.9:10 --sweep weight.t1=0.5:0.9:5 --json",
    "modelmarket compare examples/three-producers.json --sequential 3 --space top-k:k=1 --tie-break all",
    "modelmarket compare data/mtbench101_task_scores.csv --normalize scale:max=10 --selection logit:beta=5 --entry top-k:k=3 --sweep beta=1:50:50 --workers 2 --report compare.html",
  ],
  flags: [
    ...MARKET_FLAGS,
    {
      name: "entry",
      kind: "string",
      placeholder: "SPEC",
      help: "question: a new producer enters with this space (top-k:k=K | grid:budget=B,step=H | budget:budget=B)",
    },
    {
      name: "name",
      kind: "string",
      placeholder: "NAME",
      help: "--entry: the entrant's name (default Entrant)",
    },
    { name: "replace", kind: "string", placeholder: "NAME", help: "question: this producer re-chooses" },
    { name: "equilibrium", kind: "boolean", help: "question: equilibria of the simultaneous game" },
    {
      name: "sequential",
      kind: "integer",
      placeholder: "N",
      help: "question: N producers enter one at a time (with --space)",
    },
    {
      name: "space",
      kind: "string",
      placeholder: "SPEC",
      help: "--sequential: the entrants' space; --replace: the space (default the producer's own)",
    },
    {
      name: "tie-break",
      kind: "string",
      placeholder: "TB",
      help: "--sequential: first | welfare-best | welfare-worst | random[:SEED] | all (default first)",
    },
    {
      name: "max-branches",
      kind: "integer",
      placeholder: "N",
      help: `--tie-break all: explore at most N paths (default ${DEFAULT_MAX_BRANCHES})`,
    },
    ...rulesFlagSpecs(DEFAULT_COMPARE_RULES.join(",")),
    {
      name: "sweep",
      kind: "string",
      placeholder: "NAME=FROM:TO:POINTS",
      help: "sweep beta | sigma | eps | weight.TASK | budget | k | incumbents; give once or twice (2-D)",
      repeatable: true,
    },
    {
      name: "seed",
      kind: "string",
      placeholder: "S",
      help: "seed of the incumbents family (default 1) and of the equilibrium's random starts (default equilibrium)",
    },
    {
      name: "workers",
      kind: "integer",
      placeholder: "N",
      help: "sweep points in N worker threads (default 1; the output is the same for any N)",
    },
    {
      name: "max-sweep-work",
      kind: "integer",
      placeholder: "N",
      help: `refuse sweeps past N work units: points x (rules + 1) x units per choice (default ${DEFAULT_MAX_SWEEP_WORK.toLocaleString("en-US")})`,
    },
    {
      name: "threshold-tolerance",
      kind: "number",
      placeholder: "X",
      help: "bisect change points to width X (default 1e-12 x max(1, |FROM|, |TO|))",
    },
    {
      name: "max-profiles",
      kind: "integer",
      placeholder: "N",
      help: `--equilibrium: exhaustive search up to N joint profiles (default ${DEFAULT_MAX_PROFILES})`,
    },
    UNITS_FLAG,
    MAX_MAXIMISERS_FLAG,
    { name: "json", kind: "boolean", help: "print JSON (with changePoints for a 1-D sweep)" },
    {
      name: "csv",
      kind: "boolean",
      help: "print tidy CSV: one row per point x rule x statistic",
    },
    {
      name: "output",
      kind: "string",
      output: true,
      placeholder: "PATH",
      help: "also write the JSON report to PATH (atomically, through symbolic links; - = standard output)",
    },
    {
      name: "report",
      kind: "string",
      output: true,
      placeholder: "FILE.html",
      help: "write a self-contained HTML report with charts (- = standard output, in place of the tables)",
    },
    ...SHARD_FLAGS,
  ],
  renderFlags: COMPARE_RENDER_FLAGS,
};
