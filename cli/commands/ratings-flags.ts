/**
 * The flag table of `modelmarket ratings`: what `ratings --help` shows and the parser reads. The run is in
 * `ratings.ts`, imported only to run, so that help and flag errors load no solver code.
 */
import { DEFAULT_MAX_RATING_MEMORY_MB, DEFAULT_MAX_SE_WORK } from "../../src/limits.js";
import type { FlagSpec } from "../args.js";
import type { CommandSpec } from "../command.js";
import { SHARD_FLAGS } from "../shardFlags.js";
import { BOOTSTRAP_FLAGS, PAIRWISE_FLAGS } from "./pairwise-flag-table.js";

/** The flags of the controlled ratings (`ratings-controlled.ts`). */
export const CONTROL_FLAGS: FlagSpec[] = [
  {
    name: "control",
    kind: "string",
    repeatable: true,
    placeholder: "NAME",
    help: "style-controlled ratings: a covariate per judgement (length, headers, lists, bold from FastChat's conv_metadata, style = all four, or NAME with columns NAME_a, NAME_b)",
  },
  {
    name: "length-controlled",
    kind: "string",
    placeholder: "BASELINE",
    help: "AlpacaEval's length-controlled win rate of every model against BASELINE (reads output lengths)",
  },
  {
    name: "instructions",
    kind: "string",
    placeholder: "COLUMN",
    help: "with --length-controlled: the column naming each judgement's instruction, for the GLM's difficulty term (default instruction_id, else AlpacaEval's instruction when the file has no instruction_id, or the --resample clusters column; none: no difficulty term)",
  },
  {
    name: "gamed",
    kind: "string",
    repeatable: true,
    placeholder: "MODEL",
    help: "with --length-controlled: a gamed version of the baseline in the log, named BASELINE_SUFFIX (AlpacaEval's BASELINE_verbose, BASELINE_concise), for AlpacaEval's regularisation; another model is refused",
  },
  {
    name: "difficulty",
    kind: "string",
    input: true,
    placeholder: "FILE",
    help: "with --length-controlled: the instruction difficulties from FILE (AlpacaEval's instruction_difficulty.csv layout, keyed by the --instructions column) instead of the joint fit",
  },
  {
    name: "gamed-judgements",
    kind: "string",
    input: true,
    placeholder: "FILE",
    help: "with --length-controlled: gamed baselines' judgements from FILE (AlpacaEval's df_gamed.csv layout), for AlpacaEval's regularisation",
  },
];

export const spec: CommandSpec = {
  name: "ratings",
  summary:
    "Bradley-Terry / Elo ratings, winrate and pairwise winrate from pairwise judgements, overall and per task, with 95% intervals.",
  usage:
    "modelmarket ratings FILE [--task NAME] [--ties half|davidson] [--control NAME] [--length-controlled BASELINE [--instructions COLUMN|none] [--gamed MODEL] [--difficulty FILE] [--gamed-judgements FILE]] [--anchor mean|MODEL] [--prior auto|always|none] [--skip-self] [--max-fit-memory MB] [--max-se-work N] [--bootstrap N [--interval bca|percentile] [--rank-interval percentile|calibrated] [--resample battles|clusters:COLUMN|cells] [--seed S] [--workers W] [--max-replicates N] [--max-bootstrap-work N]] [--json | --csv] [--shard k/N --out DIR [--skip-existing]]",
  examples: [
    "modelmarket ratings data/wildbench_v2_pairwise_by_category.csv --task overall",
    "modelmarket ratings data/wildbench_v2_pairwise_by_category.csv --anchor gpt-4-turbo-2024-04-09 --ties davidson --json",
    "modelmarket ratings data/wildbench_v2_pairwise_by_category.csv --task 'Coding & Debugging' --bootstrap 100 --workers 2",
    "modelmarket ratings data/wildbench_v2_pairwise_by_category.csv --csv > ratings.csv",
  ],
  flags: [
    {
      name: "task",
      kind: "string",
      repeatable: true,
      placeholder: "NAME",
      help: "tasks to rate: overall (WildBench ALL rows, or all judgements pooled) or a task name (default: overall and every task)",
    },
    {
      name: "ties",
      kind: "string",
      placeholder: "MODEL",
      help: "half (Bradley-Terry, a tie is half a win each; default) | davidson (Davidson's tie model)",
    },
    {
      name: "anchor",
      kind: "string",
      placeholder: "A",
      help: "mean (mean rating 0, Elo 1000; default) or a model name (that model at 0, Elo 1000)",
    },
    {
      name: "prior",
      kind: "string",
      placeholder: "P",
      help: "auto (one virtual tie per model against rating 0, only when a model never wins or never loses; default) | always | none (refuse such data)",
    },
    {
      name: "max-fit-memory",
      kind: "integer",
      placeholder: "MB",
      help: `refuse fits whose estimated memory exceeds MB megabytes (default ${DEFAULT_MAX_RATING_MEMORY_MB}); up to 2,000 models the fit is dense with standard errors, above it Newton-CG (standard errors by conjugate gradients, within a work limit)`,
    },
    {
      name: "max-se-work",
      kind: "integer",
      placeholder: "N",
      help: `above 2,000 models, skip the standard errors (printed -, with the reason) when their conjugate-gradient solves would take more than N pair products (default ${DEFAULT_MAX_SE_WORK.toExponential(0)}, about 40 s of CPU)`,
    },
    ...BOOTSTRAP_FLAGS,
    {
      name: "interval",
      kind: "string",
      placeholder: "KIND",
      help: "the ratings' bootstrap interval: bca (bias-corrected and accelerated; default, chosen by measured coverage) | percentile",
    },
    {
      name: "rank-interval",
      kind: "string",
      placeholder: "KIND",
      help: "the ranks' bootstrap interval: percentile (default; covers at least 95%, measured 99 to 100) | calibrated (each model's level calibrated to 95% by a second bootstrap level; narrower; measured 94 to 97 where no two models are equally strong, 83 where some are)",
    },
    ...PAIRWISE_FLAGS,
    ...CONTROL_FLAGS,
    { name: "json", kind: "boolean", help: "print JSON" },
    { name: "csv", kind: "boolean", help: "print tidy CSV: model, task, statistic, value, lower, upper" },
    ...SHARD_FLAGS,
  ],
  renderFlags: ["json", "csv"],
};
