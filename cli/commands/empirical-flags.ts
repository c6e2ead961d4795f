/**
 * The flag table of `modelmarket empirical`: what `empirical --help` shows and the parser reads. The run is in
 * `empirical.ts`, imported only to run, so that help and flag errors load no solver code.
 */
import { DEFAULT_MAX_REPLACEMENT_WORK } from "../../src/limits.js";
import type { CommandSpec } from "../command.js";
import { SHARD_FLAGS } from "../shardFlags.js";
import { bootstrapFlagSpecs, PAIRWISE_FLAGS } from "./pairwise-flag-table.js";

/** The selection rule of the main analysis when neither --selection nor a fit is given. */
export const DEFAULT_EMPIRICAL_SELECTION = "logit:beta=20";

export const spec: CommandSpec = {
  name: "empirical",
  summary:
    "Winrate against weighted winrate on a real model x task score table (leaderboards, entry, replacement, noise sweep).",
  usage:
    "modelmarket empirical SCORES.csv [--weights W] [--normalize N] [--selection RULE] [--pairwise FILE [--skip-self]] [--bootstrap N [--resample battles|clusters:COLUMN|cells] [--seed S] [--workers W] [--max-replicates N] [--max-bootstrap-work N]] [--space SPEC] [--sweep eps|beta] [--replace all|N|none [--max-replacement-work N]] [--rules LIST] [--report out.html] [--json | --csv] [--shard k/N --out DIR [--skip-existing]]",
  examples: [
    "modelmarket empirical data/mtbench101_task_scores.csv --normalize scale:max=10 --weights 80,149,153,83,147,136,74,77,73,108,71,150,87 --space top-k:k=3 --replace all --report mtbench.html",
    "modelmarket empirical data/wildbench_v2_task_scores.csv --normalize minmax --space budget --sweep beta --json",
    "modelmarket empirical data/livebench_2026_01_08_task_scores.csv --normalize scale:max=100 --space top-k:k=6 --sweep beta:min=1,max=1000,points=50",
    "modelmarket empirical data/mtbench101_task_scores.csv --normalize scale:max=10 --selection epsilon:eps=0.2 --sweep eps:points=21 --replace none",
    "modelmarket empirical data/wildbench_v2_task_scores.csv --normalize minmax --pairwise data/wildbench_v2_pairwise_by_category.csv --space top-k:k=2 --bootstrap 200 --workers 2 --report wildbench.html",
  ],
  flags: [
    {
      name: "selection",
      kind: "string",
      placeholder: "RULE",
      help: `selection rule of the main analysis (default ${DEFAULT_EMPIRICAL_SELECTION}, or logit:beta=fit with --pairwise): perfect | epsilon:eps=E | logit:beta=B | probit:sigma=S | logit:beta=fit | probit:sigma=fit`,
    },
    {
      name: "pairwise",
      kind: "string",
      input: true,
      placeholder: "FILE",
      help: "pairwise judgements of the same models and tasks (a battle log as CSV, JSON Lines or a JSON array, AlpacaEval annotations, or WildBench counts): the noise is fitted to them and the whole analysis runs at the fit",
    },
    ...bootstrapFlagSpecs(
      "(each resamples the judgements with --pairwise and refits the noise, else draws the tasks) for intervals of the payoffs and ranks, the rank correlations, the top model, the entrant's best response and the fitted noise",
    ),
    ...PAIRWISE_FLAGS,
    {
      name: "weights",
      kind: "string",
      placeholder: "W",
      help: "task weights: 2,1,1 (task order) or code=2,law=1 (default uniform)",
    },
    {
      name: "normalize",
      kind: "string",
      placeholder: "N",
      help: "none | minmax | scale[:max=M] (default scale by the table's maximum); negative scores need minmax",
    },
    {
      name: "space",
      kind: "string",
      placeholder: "SPEC",
      help: "entrant's strategy space for best responses: top-k:k=K | budget[:budget=B,production=...] | grid:step=H[,budget=B] (budget defaults to the best model's total quality)",
    },
    {
      name: "sweep",
      kind: "string",
      placeholder: "SPEC",
      help: "noise sweep: beta[:min=1,max=1000,points=50] (logit) | eps[:min=0,max=1,points=50] (epsilon) | none (default: eps for an epsilon selection, else beta)",
    },
    {
      name: "replace",
      kind: "string",
      placeholder: "WHICH",
      help: "model replacement: all | N (the N best by average score) | none (default all; under probit each replaced model costs about 1 s on LiveBench, 126 models about 2 min, so give N there)",
    },
    {
      name: "rules",
      kind: "string",
      repeatable: true,
      placeholder: "LIST",
      help: "payoff rules compared (default all six built-ins; winrate, weighted-winrate, average-score always)",
    },
    {
      name: "max-replacement-work",
      kind: "integer",
      placeholder: "N",
      help: `refuse --replace past N work units: replaced models x rules x models x tasks (default ${DEFAULT_MAX_REPLACEMENT_WORK.toLocaleString("en-US")})`,
    },
    {
      name: "report",
      kind: "string",
      output: true,
      placeholder: "FILE",
      help: "write a self-contained HTML report (atomically, through symbolic links; - = standard output, in place of the tables)",
    },
    { name: "json", kind: "boolean", help: "print the full report as JSON instead of tables" },
    {
      name: "csv",
      kind: "boolean",
      help: "print tidy CSV instead of tables: model, task, statistic, value, lower, upper (payoffs, ranks `ranks.RULE`, welfare, the fitted noise; lower and upper: the intervals of the fit and of --bootstrap)",
    },
    ...SHARD_FLAGS,
  ],
  renderFlags: ["report", "json", "csv"],
};
