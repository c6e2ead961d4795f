/**
 * Davidson's tie model: `P(i wins) = pi_i / D`, `P(tie) = nu sqrt(pi_i pi_j) / D`,
 * `D = pi_i + pi_j + nu sqrt(pi_i pi_j)`, `pi = exp(r)`; fitted by Newton's method in `(r, log nu)`.
 *
 * Per pair with `d = r_i - r_j`, `c = cosh(d/2)`, `s = sinh(d/2)`, `D' = 2c + nu`:
 * `l = (w - l) d / 2 + t log nu - n log D'`; `dl/dd = (w - l)/2 - n s / D'`, `dl/dlog nu = t - n nu / D'`;
 * `d2l/dd2 = -n (c D'/2 - s^2) / D'^2`, `d2l/dd dlog nu = n s nu / D'^2`, `d2l/dlog nu^2 = -2 n c nu / D'^2`.
 * The log-likelihood is concave (a negative log-sum-exp of linear functions plus linear terms).
 *
 * Source: R. R. Davidson, "On extending the Bradley-Terry model to accommodate ties in paired
 * comparison experiments", JASA 65 (1970).
 */
import { InputError } from "../../src/errors.js";
import { PRIOR_TIES, totalWeight } from "./bradley-terry.js";
import type { Comparisons } from "./comparisons.js";
import { anchorComponents, freeParameters, hunterReason, priorPlan } from "./components.js";
import { newtonAscent, type Objective } from "./newton.js";
import { DENSE_MODEL_LIMIT } from "./sparse.js";
import { type MleReason, type RatingFit, type RatingOptions, ratingFitFields } from "./types.js";

/**
 * Whether Davidson's likelihood has a finite maximum, with ties counted as ties (not half wins).
 *
 * Davidson's model is a multinomial logit over (win, tie, loss) with linear predictors `r_i`,
 * `log nu + (r_i + r_j) / 2`, `r_j`, so the maximum is finite exactly when no direction
 * `(delta, mu)` (other than a common shift) keeps every observed outcome at least as likely as each
 * alternative (Albert and Anderson 1984). Such a direction needs `mu >= 0` when there are ties;
 * `mu = 0` is Hunter's condition with ties both ways; and `mu > 0` (ratings and `nu` growing
 * together) is possible exactly when the difference constraints `delta_i - delta_j >= 1` for every
 * win of `i` over `j` and `|delta_i - delta_j| <= 1` for every tied pair have a solution, i.e. the
 * constraint graph has no negative cycle (Bellman-Ford, `O(n pairs)`). Example: A beats B 3 times and
 * they tie twice: `delta_A - delta_B = 1` satisfies both, so the likelihood grows without bound as
 * `r_A - r_B` and `log nu` grow together; one win of B makes the cycle negative and the maximum finite.
 *
 * Source: A. Albert and J. A. Anderson, "On the existence of maximum likelihood estimates in logistic
 * regression models", Biometrika 71 (1984); Cormen et al., Introduction to Algorithms, Sec. 24.4
 * (difference constraints).
 *
 * @throws nothing for valid inputs of the declared types.
 * @returns `null` when the maximum is finite, else the reason (`mleReasonText` words it).
 * @example
 * davidsonReason({ models: ["A", "B"], i: [0], j: [1], winsI: [3], winsJ: [0], ties: [2] }); // { code: "ties-unbounded" }
 */
export function davidsonReason(comp: Comparisons): MleReason | null {
  const hunter = hunterReason(comp);
  if (hunter !== null) return hunter;
  const n = comp.models.length;
  // edges u -> v with weight w encode delta_v <= delta_u + w
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const edge = (u: number, v: number, w: number) => {
    from.push(u);
    to.push(v);
    weight.push(w);
  };
  let ties = 0;
  for (let k = 0; k < comp.i.length; k++) {
    const i = comp.i[k]!;
    const j = comp.j[k]!;
    if (comp.winsI[k]! > 0) edge(i, j, -1); // delta_j <= delta_i - 1
    if (comp.winsJ[k]! > 0) edge(j, i, -1);
    if (comp.ties[k]! > 0) {
      ties += comp.ties[k]!;
      edge(i, j, 1);
      edge(j, i, 1);
    }
  }
  if (ties <= 0) return null; // nu -> 0 is refused separately (no ties)
  const dist = new Float64Array(n);
  for (let round = 0; round < n; round++) {
    let changed = false;
    for (let e = 0; e < from.length; e++) {
      const d = dist[from[e]!]! + weight[e]!;
      if (d < dist[to[e]!]!) {
        dist[to[e]!] = d;
        changed = true;
      }
    }
    if (!changed) return { code: "ties-unbounded" };
  }
  return null; // still relaxing after n rounds: a negative cycle, so the maximum is finite
}

/**
 * Davidson ratings with standard errors (observed information) and the tie parameter `nu`. The weak
 * prior (`PriorPolicy`) is, as for Bradley-Terry, one virtual judgement per model against a virtual
 * opponent at rating 0, counted as half a win and half a loss. (A virtual *tie* would not do: a tie's
 * probability `nu / (2 cosh(d/2) + nu)` stays bounded as a rating and `nu` grow together, so a model
 * that never wins or never loses could drift off; a half win and half loss has probability
 * `1 / (2 cosh(d/2) + nu)^2`, which vanishes as `|d|` grows.)
 *
 * @throws InputError for fewer than two models, data with no ties or no wins (then `nu` is 0 or
 *   infinite), or (prior `none`) data without an MLE.
 * @example
 * const fit = fitDavidson(comparisonsFrom(pairwise, { overall: true }));
 * fit.tieParameter!.nu; // 0.154
 */
export function fitDavidson(comp: Comparisons, opts: RatingOptions = {}): RatingFit {
  const n = comp.models.length;
  if (n < 2) throw new InputError(undefined, "models", `need at least two models to rate, got ${n}`);
  const plan = priorPlan(comp, opts.prior, davidsonReason);
  const prior = { applied: plan.applied, reason: plan.reason };
  const ties = checkDavidsonData(comp);
  const { free, pos } = freeParameters(plan);
  const mr = free.length;
  const m = mr + 1; // last parameter: log nu
  const N = totalWeight(comp);
  const x0 = new Float64Array(m);
  const priorModels = plan.perModel.filter((x) => x).length;
  const tau = Math.min(0.98, Math.max(0.02, ties / (N + priorModels * PRIOR_TIES)));
  x0[mr] = Math.log((2 * tau) / (1 - tau));
  const res = newtonAscent(davidsonObjective(comp, plan.perModel, free, pos), x0, {
    tolerance: (opts.tolerance ?? 1e-12) * Math.max(1, N),
    maxIterations: opts.maxIterations ?? 200,
  });
  const full = Array.from({ length: n }, (_, k) => (pos[k]! < 0 ? 0 : res.x[pos[k]!]!));
  const c = res.covariance;
  const anchored = anchorComponents(
    comp.models,
    full,
    c === null ? null : (a, b) => (pos[a]! < 0 || pos[b]! < 0 ? 0 : c[pos[a]! * m + pos[b]!]!),
    opts.anchor ?? { kind: "mean" },
    plan.components,
  );
  const nu = Math.exp(res.x[mr]!);
  const lamVar = res.covariance === null ? Number.NaN : res.covariance[mr * m + mr]!;
  return {
    ...ratingFitFields("davidson", comp.models, anchored, res, prior, N, plan.components.of),
    // delta method: se(nu) = nu se(log nu)
    tieParameter: { nu, standardError: nu * Math.sqrt(Math.max(0, lamVar)) },
  };
}

/** Refuses what Davidson's fit cannot take (see `fitDavidson`); returns the total tie weight. */
function checkDavidsonData(comp: Comparisons): number {
  const n = comp.models.length;
  let ties = 0;
  let wins = 0;
  for (let k = 0; k < comp.i.length; k++) {
    ties += comp.ties[k]!;
    wins += comp.winsI[k]! + comp.winsJ[k]!;
  }
  if (n > DENSE_MODEL_LIMIT)
    throw new InputError(
      undefined,
      "models",
      `Davidson's model is fitted with a dense information matrix, up to ${DENSE_MODEL_LIMIT} models; ${n} given: use ties as half wins (Bradley-Terry has a sparse solver)`,
    );
  if ((comp.soft ?? 0) > 0)
    throw new InputError(
      undefined,
      "ties",
      "Davidson's tie model needs hard outcomes (win, tie, loss); the data have soft preferences: use ties as half wins (Bradley-Terry)",
    );
  if (ties <= 0)
    throw new InputError(
      undefined,
      "ties",
      "Davidson's model needs ties (none in the data); use ties as half wins",
    );
  if (wins <= 0)
    throw new InputError(undefined, "ties", "Davidson's model needs some wins (every judgement is a tie)");
  return ties;
}

/**
 * One pair's log-likelihood terms at rating difference `d` with `w` wins, `l` losses and `t` ties and
 * `lam = log nu`: `[value, dl/dd, dl/dlam, d2l/dd2, d2l/dd dlam, d2l/dlam2]` (module comment).
 */
function davidsonPair(
  d: number,
  w: number,
  l: number,
  t: number,
  lam: number,
): [number, number, number, number, number, number] {
  const nn = w + l + t;
  const c = Math.cosh(d / 2);
  const s = Math.sinh(d / 2);
  const nu = Math.exp(lam);
  const D = 2 * c + nu;
  // log D' with cosh possibly large: log(2c + nu) = |d|/2 + log(1 + e^{-|d|} + nu e^{-|d|/2})
  const logD = Math.abs(d) / 2 + Math.log1p(Math.exp(-Math.abs(d)) + nu * Math.exp(-Math.abs(d) / 2));
  const value = ((w - l) * d) / 2 + (t > 0 ? t * lam : 0) - nn * logD;
  const gd = (w - l) / 2 - (nn * s) / D;
  const gl = t - (nn * nu) / D;
  const hdd = (-nn * ((c * D) / 2 - s * s)) / (D * D);
  const hdl = (nn * s * nu) / (D * D);
  const hll = (-2 * nn * c * nu) / (D * D);
  return [value, gd, gl, hdd, hdl, hll];
}

/**
 * Davidson's log-likelihood over the free ratings and `log nu` (last), with the weak prior's half win
 * and half loss against rating 0 for the models `perModel[k]`.
 */
function davidsonObjective(
  comp: Comparisons,
  perModel: readonly boolean[],
  free: readonly number[],
  pos: Int32Array,
): (x: Float64Array) => Objective {
  const n = comp.models.length;
  const mr = free.length;
  const m = mr + 1;
  const theta = new Float64Array(n);
  return (x: Float64Array) => {
    theta.fill(0);
    for (let p = 0; p < mr; p++) theta[free[p]!] = x[p]!;
    const lam = x[mr]!;
    let value = 0;
    const g = new Float64Array(n);
    let gl = 0;
    const h = new Float64Array(m * m);
    const L = mr; // index of log nu
    const add = (i: number, j: number, w: number, l: number, t: number) => {
      const d = theta[i]! - (j < 0 ? 0 : theta[j]!);
      const [v, gd, g2, hdd, hdl, hll] = davidsonPair(d, w, l, t, lam);
      value += v;
      g[i]! += gd;
      if (j >= 0) g[j]! -= gd;
      gl += g2;
      const a = pos[i]!;
      const b = j < 0 ? -1 : pos[j]!;
      h[L * m + L]! += hll;
      if (a >= 0) {
        h[a * m + a]! += hdd;
        h[a * m + L]! += hdl;
        h[L * m + a]! += hdl;
      }
      if (b >= 0) {
        h[b * m + b]! += hdd;
        h[b * m + L]! -= hdl;
        h[L * m + b]! -= hdl;
      }
      if (a >= 0 && b >= 0) {
        h[a * m + b]! -= hdd;
        h[b * m + a]! -= hdd;
      }
    };
    for (let k = 0; k < comp.i.length; k++)
      add(comp.i[k]!, comp.j[k]!, comp.winsI[k]!, comp.winsJ[k]!, comp.ties[k]!);
    for (let i = 0; i < n; i++) if (perModel[i]) add(i, -1, 0.5 * PRIOR_TIES, 0.5 * PRIOR_TIES, 0);
    const gradient = new Float64Array(m);
    for (let p = 0; p < mr; p++) gradient[p] = g[free[p]!]!;
    gradient[mr] = gl;
    return { value, gradient, hessian: h };
  };
}
