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
import { describeModelMatch, type ModelMatch, matchModels, type PairwiseData } from "../src/io/pairwise.js";
import { type Normalization, type ScoreTable, scoreTableMarket } from "../src/io/scoreTable.js";
import { normalCdf, normalPdf, sigmoid } from "../src/numeric/normal.js";
import { logSigmoid } from "./ratings/newton.js";

/** Half the 95% chi-square(1) quantile: the profile interval is `l >= l_max - CHI2_95 / 2`. */
export const CHI2_95 = 3.841458820694124;

/** The noise models that can be fitted. */
export type NoiseModel = "logit" | "probit";

/** Judgements paired with quality differences, one entry per (model, opponent, task) cell. */
export interface NoiseObservations {
  /** Task names (common to the table and the judgements, in table order). */
  tasks: string[];
  task: number[];
  /** `q_a - q_b` on the cell's task. */
  d: number[];
  /** Wins of `a` plus half the ties. */
  s: number[];
  /** All judgements of the cell. */
  n: number[];
  a: string[];
  b: string[];
}

/** A fitted noise level. */
export interface NoiseFit {
  model: NoiseModel;
  /** `beta` (logit) or `sigma` (probit). */
  parameter: "beta" | "sigma";
  /** The MLE, or `null` when there is none (no finite maximiser, or probit with `gamma <= 0`). */
  value: number | null;
  /** 95% profile-likelihood interval (`Infinity` when the likelihood does not drop enough). */
  lower: number | null;
  upper: number | null;
  /** Standard error from the observed information (delta method for sigma). */
  standardError: number | null;
  logLikelihood: number;
  /** Total judgement weight. */
  judgements: number;
  cells: number;
  /** Log-likelihood per judgement of the fit, of the constant model `P = S / N`, and of a coin. */
  llPerJudgement: number;
  llConstantPerJudgement: number;
  llCoinPerJudgement: number;
  /** McFadden's pseudo-R^2 `1 - l / l_constant` (0: no better than the constant). */
  pseudoR2: number;
  /** |dl/dparameter| at the MLE (the convergence certificate). */
  gradient: number;
  iterations: number;
  converged: boolean;
}

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
  /** Warnings (unmatched models and tasks), one line each. */
  warnings: string[];
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
    const n = c.winsA + c.winsB + c.ties;
    if (!(n > 0)) continue;
    obs.task.push(commonTask[c.task]!);
    obs.d.push(qa[tt]! - qb[tt]!);
    obs.s.push(c.winsA + 0.5 * c.ties);
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

/** `log Phi(z)` (accurate in the lower tail: `normalCdf` has relative accuracy there). */
function logPhi(z: number): number {
  if (z < -37) return -0.5 * z * z - Math.log(-z) - 0.9189385332046727; // Mills-ratio asymptote
  return Math.log(normalCdf(z));
}

/** `phi(z) / Phi(z)`, the inverse Mills ratio. */
function millsInverse(z: number): number {
  if (z < -37) return -z; // asymptote
  return normalPdf(z) / normalCdf(z);
}

/** Log-likelihood and its first two derivatives in the slope `x` (beta for logit, gamma for probit). */
function likelihood(
  model: NoiseModel,
  obs: NoiseObservations,
  idx: readonly number[],
  x: number,
): [number, number, number] {
  let l = 0;
  let g = 0;
  let h = 0;
  for (const k of idx) {
    const d = obs.d[k]!;
    const s = obs.s[k]!;
    const n = obs.n[k]!;
    const z = x * d;
    if (model === "logit") {
      const p = sigmoid(z);
      l += s * logSigmoid(z) + (n - s) * logSigmoid(-z);
      g += d * (s - n * p);
      h -= n * d * d * p * (1 - p);
    } else {
      const l1 = millsInverse(z);
      const l2 = millsInverse(-z);
      l += s * logPhi(z) + (n - s) * logPhi(-z);
      g += d * (s * l1 - (n - s) * l2);
      h -= d * d * (s * l1 * (z + l1) + (n - s) * l2 * (-z + l2));
    }
  }
  return [l, g, h];
}

/** The slope's MLE by Newton with step halving (concave in the slope). */
function maximise(
  model: NoiseModel,
  obs: NoiseObservations,
  idx: readonly number[],
): { x: number; l: number; g: number; h: number; iterations: number; converged: boolean } {
  let scale = 0;
  for (const k of idx) scale += obs.n[k]! * Math.abs(obs.d[k]!);
  const tol = 1e-12 * Math.max(1, scale);
  let x = 0;
  let [l, g, h] = likelihood(model, obs, idx, x);
  let it = 0;
  while (Math.abs(g) > tol && it < 200) {
    it++;
    // Newton step when the curvature is informative, else a bounded gradient step
    let step = h < 0 ? -g / h : Math.sign(g);
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      const y = x + step;
      const [l2, g2, h2] = likelihood(model, obs, idx, y);
      if (Number.isFinite(l2) && l2 >= l - 1e-13 * Math.max(1, Math.abs(l))) {
        x = y;
        l = l2;
        g = g2;
        h = h2;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted || Math.abs(x) > 1e8) break;
  }
  return { x, l, g, h, iterations: it, converged: Math.abs(g) <= tol && Math.abs(x) <= 1e8 };
}

/** The point where the log-likelihood falls to `target`, searching from `x0` in direction `dir`. */
function profileBound(
  model: NoiseModel,
  obs: NoiseObservations,
  idx: readonly number[],
  x0: number,
  target: number,
  dir: 1 | -1,
  width0: number,
): number {
  let inner = x0;
  let width = width0 > 0 && Number.isFinite(width0) ? width0 : 1;
  let outer = x0 + dir * width;
  let steps = 0;
  while (likelihood(model, obs, idx, outer)[0] > target) {
    inner = outer;
    width *= 2;
    outer = x0 + dir * width;
    if (++steps > 60 || Math.abs(outer) > 1e8) return dir * Number.POSITIVE_INFINITY;
  }
  // bisection: the likelihood is monotone on each side of the maximum
  for (let k = 0; k < 200 && Math.abs(outer - inner) > 1e-12 * Math.max(1, Math.abs(inner)); k++) {
    const mid = (inner + outer) / 2;
    if (likelihood(model, obs, idx, mid)[0] > target) inner = mid;
    else outer = mid;
  }
  return (inner + outer) / 2;
}

/**
 * Fits one noise level to the observations `idx` (default all): MLE, 95% profile interval (skipped,
 * `null` bounds, when `withInterval` is false: the bootstrap's replicates need only the MLE), standard
 * error, and goodness of fit against the constant model.
 *
 * @throws InputError when there are no observations.
 * @example
 * const { obs } = noiseObservations(wildbenchTable, pairwise, { normalization: { kind: "minmax" } });
 * const fit = fitNoise(obs, "logit"); // { parameter: "beta", value: 4.30, lower: 4.26, upper: 4.34, ... }
 */
export function fitNoise(
  obs: NoiseObservations,
  model: NoiseModel = "logit",
  idx: readonly number[] = obs.d.map((_, k) => k),
  withInterval = true,
): NoiseFit {
  if (idx.length === 0) throw new InputError(undefined, "pairwise", "no judgements to fit the noise to");
  let S = 0;
  let N = 0;
  for (const k of idx) {
    S += obs.s[k]!;
    N += obs.n[k]!;
  }
  const p0 = S / N;
  const l0 = (S > 0 ? S * Math.log(p0) : 0) + (N - S > 0 ? (N - S) * Math.log(1 - p0) : 0);
  const m = maximise(model, obs, idx);
  const target = m.l - CHI2_95 / 2;
  const se = m.h < 0 ? 1 / Math.sqrt(-m.h) : Number.POSITIVE_INFINITY;
  let lo = m.converged && withInterval ? profileBound(model, obs, idx, m.x, target, -1, 2 * se) : Number.NaN;
  let hi = m.converged && withInterval ? profileBound(model, obs, idx, m.x, target, 1, 2 * se) : Number.NaN;
  let value: number | null = m.converged ? m.x : null;
  let standardError: number | null = m.converged && Number.isFinite(se) ? se : null;
  if (model === "probit") {
    // sigma = 1 / (gamma sqrt 2), decreasing in gamma
    const toSigma = (gm: number) => (gm > 0 ? 1 / (gm * Math.SQRT2) : Number.POSITIVE_INFINITY);
    if (value !== null && value > 0) {
      const sLo = toSigma(hi);
      const sHi = toSigma(lo);
      standardError = standardError === null ? null : standardError / (value * value * Math.SQRT2);
      value = toSigma(value);
      if (withInterval) {
        lo = Number.isFinite(hi) ? sLo : 0;
        hi = sHi;
      }
    } else {
      value = null;
      standardError = null;
      lo = Number.NaN;
      hi = Number.NaN;
    }
  }
  return {
    model,
    parameter: model === "logit" ? "beta" : "sigma",
    value,
    lower: Number.isNaN(lo) ? null : lo,
    upper: Number.isNaN(hi) ? null : hi,
    standardError,
    logLikelihood: m.l,
    judgements: N,
    cells: idx.length,
    llPerJudgement: m.l / N,
    llConstantPerJudgement: l0 / N,
    llCoinPerJudgement: Math.log(0.5),
    pseudoR2: l0 < 0 ? 1 - m.l / l0 : 0,
    gradient: Math.abs(m.g),
    iterations: m.iterations,
    converged: m.converged,
  };
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
  const warnings: string[] = [];
  const m = describeModelMatch(match);
  if (m !== "") warnings.push(`models left out: ${m}`);
  if (tasks.pairwiseOnly.length > 0)
    warnings.push(`tasks in the pairwise data, not the score table: ${tasks.pairwiseOnly.join(", ")}`);
  if (tasks.tableOnly.length > 0)
    warnings.push(`tasks in the score table, not the pairwise data: ${tasks.tableOnly.join(", ")}`);
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
