/**
 * The flag table of `modelmarket calibrate`: what `calibrate --help` shows and the parser reads. The run is in
 * `calibrate.ts`, imported only to run, so that help and flag errors load no solver code.
 */

import type { CommandSpec } from "../command.js";
import { SHARD_FLAGS } from "../shardFlags.js";
import { bootstrapFlagSpecs, PAIRWISE_FLAGS } from "./pairwise-flag-table.js";

export const spec: CommandSpec = {
  name: "calibrate",
  summary:
    "Fit the selection rule's noise (logit beta, probit sigma) to pairwise judgements of a score table's models: MLE, 95% interval, fit.",
  usage:
    "modelmarket calibrate SCORES.csv --pairwise FILE [--noise logit|probit|both] [--normalize N] [--weights W] [--skip-self] [--bootstrap N [--resample battles|clusters:COLUMN|cells] [--seed S] [--workers W] [--max-replicates N] [--max-bootstrap-work N]] [--json | --csv] [--shard k/N --out DIR [--skip-existing]]",
  examples: [
    "modelmarket calibrate data/wildbench_v2_task_scores.csv --pairwise data/wildbench_v2_pairwise_by_category.csv --normalize minmax",
    "modelmarket calibrate data/wildbench_v2_task_scores.csv --pairwise data/wildbench_v2_pairwise_by_category.csv --normalize minmax --noise both --json",
    "modelmarket calibrate data/wildbench_v2_task_scores.csv --pairwise data/wildbench_v2_pairwise_by_category.csv --normalize minmax --csv > fit.csv",
  ],
  flags: [
    {
      name: "pairwise",
      kind: "string",
      input: true,
      placeholder: "FILE",
      help: "pairwise judgements (required): a battle log as CSV, JSON Lines or a JSON array (FastChat's clean battles), AlpacaEval annotations (CSV or annotations.json), or WildBench counts",
    },
    {
      name: "noise",
      kind: "string",
      placeholder: "MODEL",
      help: "logit (beta; default) | probit (sigma) | both",
    },
    {
      name: "normalize",
      kind: "string",
      placeholder: "N",
      help: "none | minmax | scale[:max=M] (default scale by the table's maximum): the qualities the noise acts on, as in empirical",
    },
    {
      name: "weights",
      kind: "string",
      placeholder: "W",
      help: "task weights, checked as in the other table commands (the fit itself does not weight tasks)",
    },
    ...bootstrapFlagSpecs(
      "(each resamples the judgements and refits the noise) for the pooled interval of beta or sigma",
    ),
    ...PAIRWISE_FLAGS,
    { name: "json", kind: "boolean", help: "print JSON" },
    { name: "csv", kind: "boolean", help: "print tidy CSV: model, task, statistic, value, lower, upper" },
    ...SHARD_FLAGS,
  ],
  renderFlags: ["json", "csv"],
};
