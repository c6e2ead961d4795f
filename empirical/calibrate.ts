/**
 * Calibrated noise: the selection rule's noise fitted to pairwise judgements. With `q` the
 * qualities of a score table (after the same normalisation as the study), the probability that model
 * `i` is preferred to `j` on task `t` is
 *
 * - logit: `sigmoid(beta (q_it - q_jt))` (the pairwise case of `logit:beta`'s softmax);
 * - probit: `Phi((q_it - q_jt) / (sigma sqrt 2))` (independent `N(0, sigma^2)` noise per model).
 *
 * Ties count as half a win for each side. `beta` (or `gamma = 1 / (sigma sqrt 2)`) is fitted by maximum
 * likelihood (a one-parameter logistic or probit regression through the origin: the log-likelihood is
 * concave, so Newton's method with step halving finds the maximum), with a 95% profile-likelihood
 * interval (`2 (l_max - l(beta)) <= 3.8415`, the chi-square(1) quantile; Wilks' theorem) and the
 * log-likelihood per judgement against the constant model (`P = mean winrate`).
 *
 * Source: Y. Pawitan, In All Likelihood (2001), Sec. 2.6 and 9.5 (profile likelihood intervals);
 * D. McFadden (1974) for the pseudo-R^2 `1 - l / l_constant`.
 */
import { InputError } from "../src/errors.js";
import {
  describeModelMatch,
  type ModelMatch,
  matchModels,
  type PairwiseData,
  quotedNames,
} from "../src/io/pairwise.js";
import { type Normalization, type ScoreTable, scoreTableMarket } from "../src/io/scoreTable.js";
import { normalCdf, sigmoid } from "../src/numeric/normal.js";
import { fitNoise, type NoiseFit, type NoiseModel, type NoiseObservations } from "./calibrate-fit.js";

export {
  CHI2_95,
  describeNoiseValue,
  fitNoise,
  type NoiseFit,
  type NoiseModel,
  type NoiseObservations,
} from "./calibrate-fit.js";

/**
 * How a `log-normal` bootstrap interval of the noise (`BootstrapSummary.noiseInterval`, formed in
 * `bootstrap-summary.ts`: `exp(log x +- 1.96 sd)`, Efron and Tibshirani, An Introduction to the
 * Bootstrap, 1993, Sec. 13.2) is worded wherever it is printed: the study's text and HTML reports and
 * `calibrate`'s pooled bootstrap line.
 */
export const LOG_NORMAL_INTERVAL_WORDS = "normal on the log scale, bootstrap SD";

/** Observed against predicted win probability in one bin of predicted probability. */
export interface CalibrationBin {
  predicted: number;
  observed: number;
  judgements: number;
}

/** Everything `calibrateNoise` reports. */
export interface CalibrationReport {
  model: NoiseModel;
  parameter: "beta" | "sigma";
  normalization: string;
  /** How the models of the two files line up (unmatched ones are left out, by name). */
  models: ModelMatch;
  /** Tasks: common, and in one file only. */
  tasks: { common: string[]; pairwiseOnly: string[]; tableOnly: string[] };
  pooled: NoiseFit;
  perTask: Array<NoiseFit & { task: string }>;
  /** Per task, observed vs predicted at the pooled fit, in 10 bins of predicted probability. */
  curves: Array<{ task: string; bins: CalibrationBin[] }>;
  /** Warnings (unmatched models and tasks), as codes with their names (`calibrationWarningText` words each). */
  warnings: CalibrationWarning[];
}

/**
 * What a calibration left out (`CalibrationReport.warnings`): `models-left-out`, the models in one
 * file only; `tasks-pairwise-only` / `tasks-table-only`, the tasks in one file only.
 */
export type CalibrationWarning =
  | { code: "models-left-out"; pairwiseOnly: string[]; tableOnly: string[] }
  | { code: "tasks-pairwise-only" | "tasks-table-only"; tasks: string[] };

/**
 * One of a calibration's warnings (`CalibrationReport.warnings`) in words, the names quoted (JSON
 * escaping, so that no name can split the line).
 *
 * Source: the models and tasks are matched by name, as `matchModels` does (the pairwise judgements of
 * W.-L. Chiang et al., "Chatbot Arena", ICML 2024, against a score table).
 *
 * @throws nothing
 * @example
 * import { calibrationWarningText } from "modelmarket/empirical";
 * calibrationWarningText({ code: "tasks-table-only", tasks: ["math"] }); // 'tasks in the score table, not the pairwise data: "math"'
 */
export function calibrationWarningText(w: CalibrationWarning): string {
  switch (w.code) {
    case "models-left-out":
      return `models left out: ${describeModelMatch({ common: [], pairwiseOnly: w.pairwiseOnly, tableOnly: w.tableOnly })}`;
    case "tasks-pairwise-only":
      return `tasks in the pairwise data, not the score table: ${quotedNames(w.tasks)}`;
    case "tasks-table-only":
      return `tasks in the score table, not the pairwise data: ${quotedNames(w.tasks)}`;
  }
}

/**
 * Why a bootstrap interval of the noise is the percentile interval rather than normal on the log scale
 * (`BootstrapSummary.noiseIntervalReason`; `noiseIntervalReasonText` words it): `boundary-replicates`,
 * `boundary` of the `replicates` refits are on a boundary (0 or infinite), `infinite` of them infinite,
 * and a log needs a positive finite value; `leftOut` refits did not converge, have no value, and are
 * left out of the interval (the infinite ones are in it: its upper end is then infinite when they are
 * at least 2.5% of the replicates); `boundary-estimate`, the data's own fit has none.
 */
export type NoiseIntervalReason =
  | { code: "boundary-replicates"; boundary: number; infinite: number; leftOut: number; replicates: number }
  | { code: "boundary-estimate" };

/**
 * Why a noise interval is the percentile one (`NoiseIntervalReason`), in words, for `parameter`
 * (`beta` or `sigma`).
 *
 * Source: the log-normal interval is Efron and Tibshirani, An Introduction to the Bootstrap (1993),
 * Sec. 13.2 and 13.6 (the standard interval on a transformed scale); it needs every replicate's log.
 *
 * @throws nothing
 * @example
 * import { noiseIntervalReasonText } from "modelmarket/empirical";
 * noiseIntervalReasonText({ code: "boundary-replicates", boundary: 3, infinite: 2, leftOut: 0, replicates: 40 }, "beta"); // "percentile, not normal on the log scale: 3 of 40 replicates fit beta on a boundary (0 or infinite; 2 infinite), which has no log"
 */
export function noiseIntervalReasonText(reason: NoiseIntervalReason, parameter: "beta" | "sigma"): string {
  switch (reason.code) {
    case "boundary-replicates": {
      const parts: string[] = [];
      if (reason.boundary > 0)
        parts.push(
          `${reason.boundary} of ${reason.replicates} replicates fit ${parameter} on a boundary (0 or infinite; ${reason.infinite} infinite), which has no log`,
        );
      if (reason.leftOut > 0)
        parts.push(
          `${reason.leftOut} of ${reason.replicates} replicates' fits of ${parameter} did not converge: they have no value and are left out of the interval (their leaderboards, if any, use the data's fitted ${parameter})`,
        );
      return `percentile, not normal on the log scale: ${parts.join("; ")}`;
    }
    case "boundary-estimate":
      return `percentile, not normal on the log scale: the data's own fit of ${parameter} is on a boundary (0 or infinite), which has no log`;
  }
}

/** Options of `calibrateNoise`. */
export interface CalibrateOptions {
  model?: NoiseModel;
  normalization?: Normalization;
  /** Checked against the table's tasks as elsewhere; the fit itself does not weight tasks. */
  weights?: number[] | Record<string, number>;
  /** The score table's file, for messages. */
  file?: string;
}

/**
 * Pairs every judgement cell with the score table's quality difference on its task. Models or tasks in
 * only one file are left out (and listed by name in `match`).
 *
 * @throws InputError when no model or no task is common to both.
 * @example
 * const { obs } = noiseObservations(wildbenchTable, pairwise, { normalization: { kind: "minmax" } });
 */
export function noiseObservations(
  table: ScoreTable,
  data: PairwiseData,
  opts: CalibrateOptions = {},
): { obs: NoiseObservations; match: ModelMatch; tasks: CalibrationReport["tasks"] } {
  const market = scoreTableMarket(table, {
    selection: { rule: "perfect" },
    ...(opts.normalization === undefined ? {} : { normalization: opts.normalization }),
    ...(opts.weights === undefined ? {} : { weights: opts.weights }),
    ...(opts.file === undefined ? {} : { file: opts.file }),
  });
  const match = matchModels(data.models, table.models);
  if (match.common.length < 2)
    throw new InputError(
      data.file,
      undefined,
      `fewer than two models are in both the pairwise data and the score table (${describeModelMatch(match)})`,
    );
  const common = table.tasks.filter((t) => data.tasks.includes(t));
  const tasks = {
    common,
    pairwiseOnly: data.tasks.filter((t) => !table.tasks.includes(t)),
    tableOnly: table.tasks.filter((t) => !data.tasks.includes(t)),
  };
  if (common.length === 0)
    throw new InputError(
      data.file,
      undefined,
      `no task is in both the pairwise data (${data.tasks.join(", ") || "no tasks"}) and the score table (${table.tasks.join(", ")})`,
    );
  const qualityOf = new Map(market.producers.map((p) => [p.name, p.quality]));
  const tableTask = data.tasks.map((t) => table.tasks.indexOf(t));
  const commonTask = data.tasks.map((t) => common.indexOf(t));
  const obs: NoiseObservations = { tasks: common, task: [], d: [], s: [], n: [], a: [], b: [] };
  for (const c of data.cells) {
    if (c.task < 0) continue;
    const tt = tableTask[c.task]!;
    if (tt < 0) continue;
    const qa = qualityOf.get(data.models[c.a]!);
    const qb = qualityOf.get(data.models[c.b]!);
    if (qa === undefined || qb === undefined) continue;
    let softS = 0;
    let softN = 0;
    if (c.soft !== undefined)
      for (let q = 0; q < c.soft.p.length; q++) {
        softS += c.soft.p[q]! * c.soft.w[q]!;
        softN += c.soft.w[q]!;
      }
    const n = c.winsA + c.winsB + c.ties + softN;
    if (!(n > 0)) continue;
    obs.task.push(commonTask[c.task]!);
    obs.d.push(qa[tt]! - qb[tt]!);
    obs.s.push(c.winsA + 0.5 * c.ties + softS);
    obs.n.push(n);
    obs.a.push(data.models[c.a]!);
    obs.b.push(data.models[c.b]!);
  }
  if (obs.d.length === 0)
    throw new InputError(
      data.file,
      undefined,
      "no judgement is between two models of the score table on a common task",
    );
  return { obs, match, tasks };
}

/**
 * Win probability of `a` over `b` at quality difference `d = q_a - q_b` under the fitted noise
 * (NaN when the fit has no value).
 *
 * @example
 * predictedWinProbability(fitNoise(obs, "logit"), 0); // 0.5
 */
export function predictedWinProbability(fit: NoiseFit, d: number): number {
  if (fit.value === null) return Number.NaN;
  return fit.model === "logit" ? sigmoid(fit.value * d) : normalCdf(d / (fit.value * Math.SQRT2));
}

/**
 * Observed against predicted win probability of task `t`'s cells, in `bins` equal bins of predicted
 * probability (empty bins left out).
 *
 * @example
 * calibrationBins(obs, fit, 0); // [{ predicted: 0.12, observed: 0.1, judgements: 830 }, ...]
 */
export function calibrationBins(
  obs: NoiseObservations,
  fit: NoiseFit,
  t: number,
  bins = 10,
): CalibrationBin[] {
  const pw = new Float64Array(bins);
  const sw = new Float64Array(bins);
  const nw = new Float64Array(bins);
  obs.d.forEach((d, k) => {
    if (obs.task[k] !== t) return;
    const p = predictedWinProbability(fit, d);
    if (!Number.isFinite(p)) return;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    pw[b]! += obs.n[k]! * p;
    sw[b]! += obs.s[k]!;
    nw[b]! += obs.n[k]!;
  });
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++)
    if (nw[b]! > 0) out.push({ predicted: pw[b]! / nw[b]!, observed: sw[b]! / nw[b]!, judgements: nw[b]! });
  return out;
}

function normalizationText(n: Normalization | undefined): string {
  if (n === undefined || n.kind === "scale")
    return n?.max === undefined ? "scale (table maximum)" : `scale:max=${n.max}`;
  return n.kind;
}

/**
 * Fits the noise of `model` (default logit) to pairwise judgements, pooled over the common tasks and
 * per task, with the observed-vs-predicted bins at the pooled fit.
 *
 * @throws InputError when the files share fewer than two models or no task, or the table's
 *   normalisation or weights are invalid.
 * @example
 * const cal = calibrateNoise(readScoreTable("data/wildbench_v2_task_scores.csv"),
 *   readPairwise("data/wildbench_v2_pairwise_by_category.csv"), { normalization: { kind: "minmax" } });
 * cal.pooled.value; // the fitted beta
 */
export function calibrateNoise(
  table: ScoreTable,
  data: PairwiseData,
  opts: CalibrateOptions = {},
): CalibrationReport {
  const model = opts.model ?? "logit";
  const { obs, match, tasks } = noiseObservations(table, data, opts);
  const pooled = fitNoise(obs, model);
  const perTask = obs.tasks.map((task, t) => {
    const idx = obs.task.flatMap((x, k) => (x === t ? [k] : []));
    return { task, ...fitNoise(obs, model, idx) };
  });
  const warnings: CalibrationWarning[] = [];
  if (match.pairwiseOnly.length > 0 || match.tableOnly.length > 0)
    warnings.push({ code: "models-left-out", pairwiseOnly: match.pairwiseOnly, tableOnly: match.tableOnly });
  if (tasks.pairwiseOnly.length > 0)
    warnings.push({ code: "tasks-pairwise-only", tasks: tasks.pairwiseOnly });
  if (tasks.tableOnly.length > 0) warnings.push({ code: "tasks-table-only", tasks: tasks.tableOnly });
  return {
    model,
    parameter: pooled.parameter,
    normalization: normalizationText(opts.normalization),
    models: match,
    tasks,
    pooled,
    perTask,
    curves: obs.tasks.map((task, t) => ({ task, bins: calibrationBins(obs, pooled, t) })),
    warnings,
  };
}
