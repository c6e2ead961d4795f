/**
 * Controlled ratings: Bradley-Terry with covariates of each judgement (style control as arenas define
 * it). It needs the judgements row by row (a continuous
 * covariate has no finite aggregate), so they read `PairwiseData.controls` (`readPairwise(file,
 * { controls })`).
 *
 * Style control (Chatbot Arena, "Does style matter?", lmsys.org blog, 29 Aug 2024; lm-sys/FastChat
 * fastchat/serve/monitor/rating_systems.py, `preprocess_for_style`): for each control `k` with values
 * `x_a`, `x_b` of the two answers, the feature is `(x_a - x_b) / (x_a + x_b + 1)`, standardised to mean
 * 0 and (population) standard deviation 1 over the rows fitted, and
 * `P(a beats b) = sigmoid(r_a - r_b + sum_k gamma_k f_k)`, ties and soft preferences as fractional
 * outcomes. FastChat adds an L2 penalty (0.5) to every parameter; this is the plain maximum-likelihood
 * fit (the penalty's effect vanishes as battles grow), by Newton's method with standard errors from the
 * observed information.
 *
 * AlpacaEval's length-controlled win rate is in `lc-glm.ts`.
 */
import { InputError } from "../../src/errors.js";
import type { ControlRows, PairwiseData } from "../../src/io/pairwise.js";
import { sigmoid } from "../../src/numeric/normal.js";
import { PRIOR_TIES } from "./bradley-terry.js";
import { type Comparisons, overallPicker } from "./comparisons.js";
import { anchorFreeFit, freeParameters, type PriorPlan, priorPlan } from "./components.js";
import { logSigmoid, newtonAscent, type Objective } from "./newton.js";
import { separatingDirection } from "./separation.js";
import {
  type MleReason,
  type PriorPolicy,
  type PriorReason,
  type RatingFit,
  type RatingOptions,
  ratingFitFields,
} from "./types.js";
import { noMleText } from "./words.js";

/** A fitted covariate coefficient (logit units per standard deviation of the feature). */
export interface Coefficient {
  name: string;
  estimate: number;
  standardError: number;
}

/** Bradley-Terry ratings with the style (or other) covariates held at 0. */
export interface ControlledFit extends RatingFit {
  coefficients: Coefficient[];
}

function controlRows(data: PairwiseData): ControlRows {
  if (data.controls === undefined)
    throw new InputError(
      data.file,
      "controls",
      "controlled ratings need the judgements read with control covariates (readPairwise(file, { controls }))",
    );
  return data.controls;
}

/** Rows of one task (`task` index), or overall (the rows `overallPicker` picks). */
function pickRows(data: PairwiseData, ctl: ControlRows, task: string | "overall"): number[] {
  const t = task === "overall" ? -1 : data.tasks.indexOf(task);
  if (task !== "overall" && t === -1)
    throw new InputError(
      data.file,
      "task",
      `unknown task "${task}" (known: overall, ${data.tasks.join(", ")})`,
    );
  const overall = overallPicker(data);
  return ctl.task.flatMap((x, r) => ((t !== -1 ? x === t : overall(x)) ? [r] : []));
}

/**
 * Style-controlled Bradley-Terry ratings (see the module comment), overall or for one task.
 *
 * @throws InputError when the data have no control rows, a feature is constant over the rows fitted
 *   (no information about its coefficient), or the task is unknown.
 * @example
 * const data = readPairwise("data/alpacaeval1_annotations.csv", { controls: ["length"] });
 * fitControlledBradleyTerry(data).coefficients[0]!.name; // "length"
 */
export function fitControlledBradleyTerry(
  data: PairwiseData,
  task: string | "overall" = "overall",
  opts: RatingOptions = {},
): ControlledFit {
  const ctl = controlRows(data);
  const rows = pickRows(data, ctl, task);
  const K = ctl.names.length;
  const f = styleFeatures(data, ctl, rows);
  // the models and their comparisons (for the prior's existence check and the components)
  const comp: Comparisons = { models: data.models.slice(), i: [], j: [], winsI: [], winsJ: [], ties: [] };
  for (const r of rows) {
    comp.i.push(ctl.a[r]!);
    comp.j.push(ctl.b[r]!);
    comp.winsI.push(ctl.weight[r]! * ctl.outcome[r]!);
    comp.winsJ.push(ctl.weight[r]! * (1 - ctl.outcome[r]!));
    comp.ties.push(0);
  }
  const { plan, coefficientPrior } = controlledPriorPlan(data.models, ctl, rows, f, comp, opts.prior);
  const { free, pos } = freeParameters(plan);
  const mr = free.length;
  const m = mr + K;
  let N = 0;
  for (const r of rows) N += ctl.weight[r]!;
  const objective = controlledObjective(ctl, rows, f, plan.perModel, free, pos, coefficientPrior);
  const res = newtonAscent(objective, new Float64Array(m), {
    tolerance: (opts.tolerance ?? 1e-12) * Math.max(1, N),
    maxIterations: opts.maxIterations ?? 200,
  });
  const anchored = anchorFreeFit(data.models, pos, res, opts.anchor ?? { kind: "mean" }, plan.components);
  const cov = res.covariance;
  const prior = { applied: plan.applied, reason: plan.reason };
  return {
    ...ratingFitFields("bradley-terry", data.models, anchored, res, prior, N, plan.components.of),
    coefficients: ctl.names.map((name, k) => ({
      name,
      estimate: res.x[mr + k]!,
      standardError: cov === null ? Number.NaN : Math.sqrt(Math.max(0, cov[(mr + k) * m + mr + k]!)),
    })),
  };
}

/**
 * The prior of the controlled fit. Hunter's condition per component first (as the plain fit); then,
 * with those components' models held by their prior, whether the ratings and the covariates together
 * separate the outcomes (`separatingDirection`, an exact LP check). If they do, no maximum exists:
 * prior `none` refuses; otherwise every model and every coefficient gets the weak prior (one virtual
 * tie at 0 each), which makes the log-likelihood coercive, so its maximum exists.
 *
 * @throws InputError (field `prior`) under prior `none` when no maximum exists.
 */
function controlledPriorPlan(
  models: readonly string[],
  ctl: ControlRows,
  rows: readonly number[],
  f: Float64Array,
  comp: Comparisons,
  policy: PriorPolicy | undefined,
): { plan: PriorPlan; coefficientPrior: boolean } {
  const plan = priorPlan(comp, policy);
  const K = ctl.names.length;
  // columns: the models free without a prior (a model with one stays put along a recession direction), then the coefficients
  const { free } = freeParameters(plan);
  const col = new Int32Array(models.length).fill(-1);
  let mc = 0;
  for (const k of free) if (!plan.perModel[k]) col[k] = mc++;
  const direction = separatingDirection({
    rows: rows.length,
    columns: mc + K,
    row(q, out) {
      out.fill(0);
      const r = rows[q]!;
      if (col[ctl.a[r]!]! >= 0) out[col[ctl.a[r]!]!]! += 1;
      if (col[ctl.b[r]!]! >= 0) out[col[ctl.b[r]!]!]! -= 1;
      for (let k = 0; k < K; k++) out[mc + k] = f[q * K + k]!;
    },
    side(q) {
      const r = rows[q]!;
      if (!(ctl.weight[r]! > 0)) return null;
      const y = ctl.outcome[r]!;
      return y === 1 ? 1 : y === 0 ? -1 : 0;
    },
  });
  if (direction === null) return { plan, coefficientPrior: false };
  const why: MleReason = {
    code: "separated",
    coefficients: ctl.names.filter((_, k) => Math.abs(direction[mc + k]!) > 1e-9),
  };
  const earlier = plan.reason?.code === "no-mle" ? plan.reason.components : [];
  const reason: PriorReason = {
    code: "no-mle",
    components: [...earlier, { among: null, why }],
    everyModel: true,
  };
  if (policy === "none")
    throw new InputError(
      undefined,
      "prior",
      `${noMleText(reason)}; allow the weak prior (prior auto or always)`,
    );
  const perModel = plan.perModel.map(() => true);
  return { plan: { ...plan, applied: true, reason, perModel }, coefficientPrior: true };
}

/**
 * The features of the rows fitted (`R x K`, row-major): FastChat's ratio `(x_a - x_b) / (x_a + x_b + 1)`
 * per control, standardised over those rows.
 *
 * @throws InputError when a feature is constant over the rows.
 */
function styleFeatures(data: PairwiseData, ctl: ControlRows, rows: readonly number[]): Float64Array {
  const K = ctl.names.length;
  const R = rows.length;
  const f = new Float64Array(R * K);
  for (let k = 0; k < K; k++) {
    let mean = 0;
    rows.forEach((r, q) => {
      const a = ctl.valuesA[r * K + k]!;
      const b = ctl.valuesB[r * K + k]!;
      f[q * K + k] = (a - b) / (a + b + 1);
      mean += f[q * K + k]! / R;
    });
    let v = 0;
    for (let q = 0; q < R; q++) v += (f[q * K + k]! - mean) ** 2 / R;
    const sd = Math.sqrt(v);
    if (!(sd > 0))
      throw new InputError(
        data.file,
        `controls.${ctl.names[k]}`,
        "the feature is the same in every judgement fitted: its effect cannot be estimated",
      );
    for (let q = 0; q < R; q++) f[q * K + k] = (f[q * K + k]! - mean) / sd;
  }
  return f;
}

/**
 * The controlled log-likelihood over the free ratings and the `K` coefficients (last): each row a
 * logistic term in `r_a - r_b + sum_k gamma_k f_k`, plus the weak prior on the models `perModel[k]`.
 */
function controlledObjective(
  ctl: ControlRows,
  rows: readonly number[],
  f: Float64Array,
  perModel: readonly boolean[],
  free: readonly number[],
  pos: Int32Array,
  coefficientPrior: boolean,
): (x: Float64Array) => Objective {
  const K = ctl.names.length;
  const mr = free.length;
  const m = mr + K;
  const theta = new Float64Array(perModel.length);
  return (x: Float64Array) => {
    theta.fill(0);
    for (let p = 0; p < mr; p++) theta[free[p]!] = x[p]!;
    let value = 0;
    const g = new Float64Array(m);
    const h = new Float64Array(m * m);
    const idx = new Int32Array(2 + K);
    const sgn = new Float64Array(2 + K);
    const add = (z: number, y: number, w: number, cols: number) => {
      value += w * (y * logSigmoid(z) + (1 - y) * logSigmoid(-z));
      const p = sigmoid(z);
      const res = w * (y - p);
      const c = w * p * (1 - p);
      for (let u = 0; u < cols; u++) {
        if (idx[u]! < 0) continue;
        g[idx[u]!]! += res * sgn[u]!;
        for (let v = 0; v < cols; v++) if (idx[v]! >= 0) h[idx[u]! * m + idx[v]!]! -= c * sgn[u]! * sgn[v]!;
      }
    };
    rows.forEach((r, q) => {
      const a = ctl.a[r]!;
      const b = ctl.b[r]!;
      let z = theta[a]! - theta[b]!;
      idx[0] = pos[a]!;
      sgn[0] = 1;
      idx[1] = pos[b]!;
      sgn[1] = -1;
      for (let k = 0; k < K; k++) {
        z += x[mr + k]! * f[q * K + k]!;
        idx[2 + k] = mr + k;
        sgn[2 + k] = f[q * K + k]!;
      }
      add(z, ctl.outcome[r]!, ctl.weight[r]!, 2 + K);
    });
    for (let i = 0; i < perModel.length; i++) {
      if (!perModel[i]) continue;
      idx[0] = pos[i]!;
      sgn[0] = 1;
      add(theta[i]!, 0.5, PRIOR_TIES, 1);
    }
    if (coefficientPrior)
      for (let k = 0; k < K; k++) {
        idx[0] = mr + k;
        sgn[0] = 1;
        add(x[mr + k]!, 0.5, PRIOR_TIES, 1);
      }
    return { value, gradient: g, hessian: h };
  };
}
