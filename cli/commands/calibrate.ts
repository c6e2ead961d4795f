/**
 * `modelmarket calibrate SCORES.csv --pairwise FILE`: the selection rule's noise fitted to pairwise
 * judgements of the same models and tasks (logit `beta`, probit `sigma`), pooled and per task, with
 * 95% profile-likelihood intervals and the fit against the constant model.
 */

import type { BootstrapSummary } from "../../empirical/bootstrap-summary.js";
import {
  type CalibrationReport,
  calibrateNoise,
  calibrationWarningText,
  describeNoiseValue,
  LOG_NORMAL_INTERVAL_WORDS,
  type NoiseFit,
  type NoiseIntervalReason,
  noiseIntervalReasonText,
} from "../../empirical/calibrate.js";
import type { TidyRow } from "../../empirical/ratings/leaderboard.js";
import { InputError, oneLine } from "../../src/errors.js";
import { readScoreTable } from "../../src/io/scoreTable.js";
import { parseNormalizationSpec, parseWeightsSpec } from "../../src/io/specs.js";
import { countText, fixed, plural } from "../../src/numeric/format.js";
import { inputName } from "../../src/textFile.js";
import { flagBoolean, flagString, requirePositional } from "../args.js";
import { bootstrapsForCommand, isShard, requireBootstrapForShard, SHARD_WRITTEN } from "../bootstrapShard.js";
import type { Command } from "../command.js";
import { terminalProgress } from "../progress.js";
import { finiteOrEmpty, tidyCsv } from "../tidyCsv.js";
import { spec } from "./calibrate-flags.js";
import { bootstrapFlags, readJudgements } from "./pairwise-flags.js";

/**
 * A bootstrap interval of the pooled fit, per noise model: normal on the log scale with the replicates'
 * standard deviation (`log-normal`), or the percentile interval when a replicate's fit is on a boundary.
 */
type BootInterval = {
  parameter: string;
  estimate: number;
  lower: number;
  upper: number;
  interval: "log-normal" | "percentile";
  /** Why the interval is the percentile one (a boundary fit), or `null`. */
  reason: NoiseIntervalReason | null;
  scheme: string | null;
} | null;

/** The noise interval of one bootstrap summary, with how it was formed and the scheme. */
function bootInterval(s: BootstrapSummary): BootInterval {
  return s.noise === null
    ? null
    : {
        ...s.noise,
        interval: s.noiseInterval ?? "percentile",
        reason: s.noiseIntervalReason ?? null,
        scheme: s.scheme,
      };
}

const f = (x: number | null, d = 4) => fixed(x, d);

/** A per-task fit's value and interval, `infinity` where the fit is on that boundary (`value`, `upper` are null in the JSON). */
function valueCells(t: NoiseFit): [string, string] {
  if (t.boundary === "infinite") return ["infinity", `${f(t.lower)}..infinity`];
  return [f(t.value), `${f(t.lower)}..${f(t.upper)}`];
}

/** One fit as a text line, each number after its JSON name (docs/reference.md, "Names"). */
export function describeFit(fit: NoiseFit): string {
  if (fit.boundary !== null) return describeNoiseValue(fit);
  if (fit.value === null)
    return `${describeNoiseValue(fit)}; gradient ${fit.gradient.toExponential(1)}, iterations ${fit.iterations} NOT CONVERGED`;
  return `${describeNoiseValue(fit)}; standardError ${f(fit.standardError)}, llPerJudgement ${f(fit.llPerJudgement)}, llConstantPerJudgement ${f(fit.llConstantPerJudgement)}, pseudoR2 ${f(fit.pseudoR2, 3)}, judgements ${countText(fit.judgements)}, cells ${fit.cells}, gradient ${fit.gradient.toExponential(1)}${fit.converged ? "" : " NOT CONVERGED"}`;
}

function renderText(
  file: string,
  pairwise: string,
  reports: CalibrationReport[],
  boots: BootInterval[],
  replicates: number,
): string {
  const out: string[] = [];
  for (const [k, r] of reports.entries()) {
    out.push(
      `${file} with ${pairwise}: ${r.model} noise, normalisation ${r.normalization}, ${plural(r.models.common.length, "model")}, ${plural(r.tasks.common.length, "task")}`,
    );
    out.push(`  pooled: ${describeFit(r.pooled)}`);
    const b = boots[k];
    if (b)
      out.push(
        `  pooled bootstrap: ${b.parameter} 95% ${b.interval === "log-normal" ? `interval (${LOG_NORMAL_INTERVAL_WORDS})` : "percentile interval"} ${f(b.lower)}..${f(b.upper)} (${plural(replicates, "replicate")}; ${b.scheme})${b.reason === null ? "" : `; ${noiseIntervalReasonText(b.reason, b.parameter === "sigma" ? "sigma" : "beta")}`}`,
      );
    const rows = [
      // each column under its JSON field of `perTask[]` (docs/reference.md, "Names")
      [
        "task",
        r.parameter,
        "lower..upper",
        "llPerJudgement",
        "llConstantPerJudgement",
        "pseudoR2",
        "judgements",
      ],
    ];
    for (const t of r.perTask)
      rows.push([
        t.task,
        ...valueCells(t),
        f(t.llPerJudgement),
        f(t.llConstantPerJudgement),
        f(t.pseudoR2, 3),
        countText(t.judgements),
      ]);
    const widths = rows[0]!.map((_, j) => Math.max(...rows.map((x) => x[j]!.length)));
    const line = (x: string[]) =>
      `  ${x.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join("  ")}`;
    // the header underlined with dashes, as every command's table (test/cli/names.test.ts finds it so)
    out.push(line(rows[0]!), `  ${widths.map((w) => "-".repeat(w)).join("  ")}`, ...rows.slice(1).map(line));
    out.push("");
  }
  return `${out.join("\n")}\n`;
}

/**
 * `--csv`: each fit's rows named as its JSON fields (docs/reference.md, "Names"). The parameter row is
 * `beta` (or `sigma`) and its bootstrap `bootstrap.beta`: the name says which fit. The fit's other
 * statistics and its calibration bins start with the fit's `model` (`logit.pseudoR2`,
 * `logit.bins.predicted`), so `--noise both` gives no two rows the same model, task and statistic.
 */
function tidy(reports: CalibrationReport[], boots: readonly BootInterval[]): TidyRow[] {
  const rows: TidyRow[] = [];
  for (const r of reports) {
    for (const fit of [{ task: "pooled", ...r.pooled }, ...r.perTask]) {
      const row = (
        statistic: string,
        value: number | null,
        lower: number | null = null,
        upper: number | null = null,
      ) => rows.push({ model: "all", task: fit.task, statistic, value, lower, upper });
      row(fit.parameter, fit.value, fit.lower, fit.upper);
      row(`${r.model}.llPerJudgement`, fit.llPerJudgement);
      row(`${r.model}.llConstantPerJudgement`, fit.llConstantPerJudgement);
      row(`${r.model}.pseudoR2`, fit.pseudoR2);
      row(`${r.model}.judgements`, fit.judgements);
    }
    for (const c of r.curves)
      c.bins.forEach((b, k) => {
        for (const [field, value] of [
          ["predicted", b.predicted],
          ["observed", b.observed],
          ["judgements", b.judgements],
        ] as const)
          rows.push({
            model: `bin${k + 1}`,
            task: c.task,
            statistic: `${r.model}.bins.${field}`,
            value,
            lower: null,
            upper: null,
          });
      });
  }
  for (const b of boots)
    if (b)
      rows.push({
        model: "all",
        task: "pooled",
        statistic: `bootstrap.${b.parameter}`,
        // an infinite end is an empty cell, as the JSON's null (docs/reference.md, "Output forms")
        value: finiteOrEmpty(b.estimate),
        lower: finiteOrEmpty(b.lower),
        upper: finiteOrEmpty(b.upper),
      });
  return rows;
}

export const command: Command = {
  ...spec,
  async run(args, io, merged) {
    const [file] = requirePositional(args, ["SCORES.csv"]);
    const pairwisePath = flagString(args, "pairwise");
    if (pairwisePath === undefined)
      throw new InputError(undefined, "--pairwise", "required (the judgements to fit)");
    const json = flagBoolean(args, "json");
    const csv = flagBoolean(args, "csv");
    if (json && csv) throw new InputError(undefined, "--csv", "give --json or --csv, not both");
    const noise = flagString(args, "noise") ?? "logit";
    if (!["logit", "probit", "both"].includes(noise))
      throw new InputError(undefined, "--noise", `expected logit, probit or both, got "${noise}"`);
    const normalizeText = flagString(args, "normalize");
    const weightsText = flagString(args, "weights");
    // flags before files: a bad flag is reported without reading anything
    const bf = bootstrapFlags(args);
    const normalization = normalizeText === undefined ? undefined : parseNormalizationSpec(normalizeText);
    const weights = weightsText === undefined ? undefined : parseWeightsSpec(weightsText);
    requireBootstrapForShard(args, bf.replicates);
    const table = readScoreTable(file!);
    const data = readJudgements(args, io, "calibrate", pairwisePath, bf.resample);
    const models = noise === "both" ? (["logit", "probit"] as const) : [noise as "logit" | "probit"];
    // a shard computes only its replicates: the fits (and their warnings) are the merge's
    const reports = isShard(args)
      ? []
      : models.map((model) =>
          calibrateNoise(table, data, {
            model,
            file: inputName(file!),
            ...(normalization === undefined ? {} : { normalization }),
            ...(weights === undefined ? {} : { weights }),
          }),
        );
    if (reports.length > 0)
      for (const w of reports[0]!.warnings)
        io.stderr(`modelmarket calibrate: warning: ${oneLine(calibrationWarningText(w))}\n`);
    const boots: BootInterval[] = [];
    if (bf.replicates > 0) {
      const progress = terminalProgress(io, json || csv);
      try {
        const parts = models.map((model) => ({
          field: model,
          spec: {
            table,
            pairwise: data,
            selection: { fit: model },
            leaderboards: false,
            replicates: bf.replicates,
            seed: bf.seed,
            resample: bf.resample,
            ...(normalization === undefined ? {} : { normalization }),
            ...(weights === undefined ? {} : { weights }),
          },
        }));
        const summaries = await bootstrapsForCommand(
          { command, args, io, inputs: [file!, pairwisePath], merged },
          parts,
          {
            workers: bf.workers,
            maxReplicates: bf.maxReplicates,
            maxBootstrapWork: bf.maxBootstrapWork,
            ...(progress.sink === undefined ? {} : { progress: progress.sink }),
          },
        );
        if (summaries === SHARD_WRITTEN) return 0;
        for (const s of summaries) boots.push(bootInterval(s));
      } finally {
        progress.done();
      }
    }
    if (json)
      io.stdout(
        `${JSON.stringify({ file, pairwise: pairwisePath, fits: reports.map((r, k) => ({ ...r, bootstrap: boots[k] ?? null })) }, null, 2)}\n`,
      );
    else if (csv) io.stdout(tidyCsv(tidy(reports, boots)));
    else io.stdout(renderText(inputName(file!), inputName(pairwisePath), reports, boots, bf.replicates));
    return reports.every((r) => r.pooled.converged) ? 0 : 1;
  },
};
