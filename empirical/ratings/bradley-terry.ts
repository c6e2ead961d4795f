/**
 * Bradley-Terry ratings by maximum likelihood: `P(i beats j) = sigmoid(r_i - r_j)`, ties as half a win
 * for each side. Newton's method on the log-likelihood (the fit), and Hunter's MM algorithm (an
 * independent implementation the tests compare against).
 *
 * Sources: R. A. Bradley and M. E. Terry, "Rank analysis of incomplete block designs", Biometrika 39
 * (1952); D. R. Hunter, "MM algorithms for generalized Bradley-Terry models", Ann. Statist. 32 (2004);
 * A. Agresti, Categorical Data Analysis, 3rd ed., Sec. 11.6 (standard errors from the information).
 */
import { InputError } from "../../src/errors.js";
import { sigmoid } from "../../src/numeric/normal.js";
import { checkWorkLimit } from "../../src/work.js";
import type { Comparisons } from "./comparisons.js";
import { anchorComponents, anchorFreeFit, freeParameters, type PriorPlan, priorPlan } from "./components.js";
import { logSigmoid, newtonAscent } from "./newton.js";
import { DENSE_MODEL_LIMIT, MAX_RATED_MODELS, newtonCgBradleyTerry, sparseStandardErrors } from "./sparse.js";
import { type PriorReason, type RatingFit, type RatingOptions, ratingFitFields } from "./types.js";

/** Weight of the prior's virtual tie per model (half a win and half a loss against rating 0). */
export const PRIOR_TIES = 1;

/**
 * Decides whether the weak prior is used: per the policy and Hunter's existence condition, checked in
 * each component of models that met (`priorPlan`).
 *
 * @throws InputError under policy `none` when the MLE does not exist (names the models).
 * @example
 * priorDecision(comp, "auto"); // { applied: false, reason: null } for well-connected data
 */
export function priorDecision(
  comp: Comparisons,
  policy: RatingOptions["prior"] = "auto",
): { applied: boolean; reason: PriorReason | null } {
  const plan = priorPlan(comp, policy);
  return { applied: plan.applied, reason: plan.reason };
}

/**
 * Total judgement weight of `comp` (wins of either side plus ties).
 *
 * @example
 * totalWeight(comparisonsFrom(data, { overall: true })); // 145890 on WildBench's ALL rows
 */
export function totalWeight(comp: Comparisons): number {
  let s = 0;
  for (let k = 0; k < comp.i.length; k++)
    s += comp.weight?.[k] ?? comp.winsI[k]! + comp.winsJ[k]! + comp.ties[k]!;
  return s;
}

/**
 * Bradley-Terry maximum-likelihood ratings by Newton's method, ties as half a win each.
 *
 * Log-likelihood `l(r) = sum_pairs w_ij log sigmoid(r_i - r_j) + w_ji log sigmoid(r_j - r_i)` with
 * `w_ij` the wins of `i` over `j` plus half their ties; gradient `g_i = sum_j (w_ij - n_ij p_ij)`,
 * observed information the weighted Laplacian `n_ij p_ij (1 - p_ij)`. Standard errors: square roots of
 * the diagonal of the inverse information, moved to the anchor (`applyAnchor`). When the MLE does not
 * exist the weak prior of `PriorPolicy` is added (reported in `prior`). Converged when the gradient's
 * max-norm is at most `tolerance * max(1, total weight)`; at most `maxIterations` Newton steps.
 *
 * @throws InputError for fewer than two models, or (prior `none`) data without an MLE.
 * @example
 * const fit = fitBradleyTerry(comparisonsFrom(pairwise, { overall: true }));
 * fit.ratings; fit.standardErrors; fit.elo; fit.gradientNorm;
 */
export function fitBradleyTerry(comp: Comparisons, opts: RatingOptions = {}): RatingFit {
  const n = comp.models.length;
  if (n < 2) throw new InputError(undefined, "models", `need at least two models to rate, got ${n}`);
  checkWorkLimit("maxModels", n, opts.maxModels ?? MAX_RATED_MODELS, "rated models");
  const plan = priorPlan(comp, opts.prior);
  const prior = { applied: plan.applied, reason: plan.reason };
  const { free, pos } = freeParameters(plan);
  const m = free.length;
  if (m > DENSE_MODEL_LIMIT) return fitSparse(comp, plan, opts);
  const N = totalWeight(comp);
  const P = comp.i.length;
  const theta = new Float64Array(n);
  const objective = (x: Float64Array) => {
    theta.fill(0);
    for (let p = 0; p < m; p++) theta[free[p]!] = x[p]!;
    let value = 0;
    const g = new Float64Array(n);
    const h = new Float64Array(m * m);
    for (let k = 0; k < P; k++) {
      const i = comp.i[k]!;
      const j = comp.j[k]!;
      const wi = comp.winsI[k]! + 0.5 * comp.ties[k]!;
      const wj = comp.winsJ[k]! + 0.5 * comp.ties[k]!;
      const d = theta[i]! - theta[j]!;
      const p = sigmoid(d);
      value += wi * logSigmoid(d) + wj * logSigmoid(-d);
      const r = wi - (wi + wj) * p;
      g[i]! += r;
      g[j]! -= r;
      const c = (wi + wj) * p * (1 - p);
      const a = pos[i]!;
      const b = pos[j]!;
      if (a >= 0) h[a * m + a]! -= c;
      if (b >= 0) h[b * m + b]! -= c;
      if (a >= 0 && b >= 0) {
        h[a * m + b]! += c;
        h[b * m + a]! += c;
      }
    }
    if (prior.applied) {
      for (let i = 0; i < n; i++) {
        if (!plan.perModel[i]) continue;
        const t = theta[i]!;
        const p = sigmoid(t);
        value += 0.5 * PRIOR_TIES * (logSigmoid(t) + logSigmoid(-t));
        g[i]! += PRIOR_TIES * (0.5 - p);
        h[pos[i]! * m + pos[i]!]! -= PRIOR_TIES * p * (1 - p);
      }
    }
    const gradient = new Float64Array(m);
    for (let p = 0; p < m; p++) gradient[p] = g[free[p]!]!;
    return { value, gradient, hessian: h };
  };
  const res = newtonAscent(objective, startVector(opts.start, plan, free), {
    tolerance: (opts.tolerance ?? 1e-12) * Math.max(1, N),
    maxIterations: opts.maxIterations ?? 200,
    covariance: opts.standardErrors !== false,
  });
  const anchored = anchorFreeFit(comp.models, pos, res, opts.anchor ?? { kind: "mean" }, plan.components);
  return ratingFitFields("bradley-terry", comp.models, anchored, res, prior, N, plan.components.of);
}

/**
 * Newton's starting point over the free parameters: 0, or the ratings `start` shifted so that each
 * component's held model (the first, without the prior) is at 0; non-finite entries start at 0.
 */
function startVector(
  start: readonly number[] | undefined,
  plan: PriorPlan,
  free: readonly number[],
): Float64Array {
  const x = new Float64Array(free.length);
  if (start === undefined) return x;
  const origin = new Map<number, number>();
  plan.perModel.forEach((withPrior, k) => {
    const c = plan.components.of[k]!;
    if (!withPrior && !origin.has(c)) origin.set(c, start[k] ?? 0);
  });
  free.forEach((k, p) => {
    const v = (start[k] ?? 0) - (origin.get(plan.components.of[k]!) ?? 0);
    x[p] = Number.isFinite(v) ? v : 0;
  });
  return x;
}

/**
 * The sparse path of `fitBradleyTerry` (more than `DENSE_MODEL_LIMIT` free ratings): Newton-CG, and
 * the anchored standard errors by one conjugate-gradient solve per model within the work limit
 * `opts.maxStandardErrorWork` (`sparse.ts`). The tests compare it with the dense path on a size where
 * both run.
 *
 * @throws InputError (field `anchor`) for an unknown anchor model.
 * @example
 * fitSparse(comp, priorPlan(comp, "auto"), {}).standardErrors; // as fitBradleyTerry(comp).standardErrors
 */
export function fitSparse(comp: Comparisons, plan: PriorPlan, opts: RatingOptions = {}): RatingFit {
  const { free, pos } = freeParameters(plan);
  const N = totalWeight(comp);
  const res = newtonCgBradleyTerry(comp, free, plan.perModel, PRIOR_TIES, {
    tolerance: (opts.tolerance ?? 1e-12) * Math.max(1, N),
    maxIterations: opts.maxIterations ?? 200,
    start: startVector(opts.start, plan, free),
  });
  const anchor = opts.anchor ?? { kind: "mean" as const };
  const anchored = anchorFreeFit(comp.models, pos, res, anchor, plan.components);
  const se =
    opts.standardErrors === false
      ? { standardErrors: anchored.standardErrors, note: null }
      : sparseStandardErrors(res.information, plan.components, anchor, opts.maxStandardErrorWork);
  const prior = { applied: plan.applied, reason: plan.reason };
  return {
    ...ratingFitFields(
      "bradley-terry",
      comp.models,
      { ...anchored, standardErrors: se.standardErrors },
      res,
      prior,
      N,
      plan.components.of,
    ),
    ...(se.note === null ? {} : { standardErrorNote: se.note }),
  };
}

/**
 * Bradley-Terry ratings by Hunter's minorise-maximise iteration (the same likelihood and prior as
 * `fitBradleyTerry`, a different algorithm): `gamma_i <- W_i / sum_j n_ij / (gamma_i + gamma_j)` with
 * `W_i` the wins of `i` (ties half), renormalised so that `gamma_0 = 1` without the prior. Monotone but
 * linearly convergent: stops when no log-rating moves by more than `tolerance` (default 1e-14) or after
 * `maxIterations` (default 100,000). Returns the ratings with the given anchor (no standard errors).
 *
 * Source: Hunter (2004), Sec. 3, eq. (3).
 *
 * @throws InputError as `fitBradleyTerry`.
 * @example
 * const mm = fitBradleyTerryMM(comp); // mm.ratings agree with fitBradleyTerry(comp).ratings
 */
export function fitBradleyTerryMM(
  comp: Comparisons,
  opts: RatingOptions = {},
): { ratings: number[]; iterations: number; converged: boolean } {
  const n = comp.models.length;
  if (n < 2) throw new InputError(undefined, "models", `need at least two models to rate, got ${n}`);
  const plan = priorPlan(comp, opts.prior);
  const W = new Float64Array(n);
  for (let k = 0; k < comp.i.length; k++) {
    W[comp.i[k]!]! += comp.winsI[k]! + 0.5 * comp.ties[k]!;
    W[comp.j[k]!]! += comp.winsJ[k]! + 0.5 * comp.ties[k]!;
  }
  for (let i = 0; i < n; i++) if (plan.perModel[i]) W[i]! += 0.5 * PRIOR_TIES;
  // each component without the prior is normalised on its first model
  const { pos } = freeParameters(plan);
  const held = plan.components.of.map(() => -1);
  for (let i = 0; i < n; i++) if (pos[i]! < 0) held[plan.components.of[i]!] = i;
  let gamma = new Float64Array(n).fill(1);
  const tol = opts.tolerance ?? 1e-14;
  const cap = opts.maxIterations ?? 100_000;
  let it = 0;
  let converged = false;
  while (it < cap) {
    it++;
    const denom = new Float64Array(n);
    for (let k = 0; k < comp.i.length; k++) {
      const i = comp.i[k]!;
      const j = comp.j[k]!;
      const nij = comp.winsI[k]! + comp.winsJ[k]! + comp.ties[k]!;
      const s = nij / (gamma[i]! + gamma[j]!);
      denom[i]! += s;
      denom[j]! += s;
    }
    for (let i = 0; i < n; i++) if (plan.perModel[i]) denom[i]! += PRIOR_TIES / (gamma[i]! + 1);
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = W[i]! / denom[i]!;
    const norm = held.map((h) => (h < 0 ? 1 : next[h]!));
    for (let i = 0; i < n; i++) if (!plan.perModel[i]) next[i]! /= norm[plan.components.of[i]!]!;
    let move = 0;
    for (let i = 0; i < n; i++) move = Math.max(move, Math.abs(Math.log(next[i]!) - Math.log(gamma[i]!)));
    gamma = next;
    if (move <= tol) {
      converged = true;
      break;
    }
  }
  const theta = Array.from(gamma, (g) => Math.log(g));
  return {
    ratings: anchorComponents(comp.models, theta, null, opts.anchor ?? { kind: "mean" }, plan.components)
      .ratings,
    iterations: it,
    converged,
  };
}
