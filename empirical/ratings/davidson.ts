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
import { PRIOR_TIES, priorDecision, totalWeight } from "./bradley-terry.js";
import type { Comparisons } from "./comparisons.js";
import { newtonAscent } from "./newton.js";
import { applyAnchor, type RatingFit, type RatingOptions, ratingFitFields } from "./types.js";

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
  const prior = priorDecision(comp, opts.prior);
  let ties = 0;
  let wins = 0;
  for (let k = 0; k < comp.i.length; k++) {
    ties += comp.ties[k]!;
    wins += comp.winsI[k]! + comp.winsJ[k]!;
  }
  if (ties <= 0)
    throw new InputError(
      undefined,
      "ties",
      "Davidson's model needs ties (none in the data); use ties as half wins",
    );
  if (wins <= 0)
    throw new InputError(undefined, "ties", "Davidson's model needs some wins (every judgement is a tie)");
  const free = prior.applied
    ? Array.from({ length: n }, (_, k) => k)
    : Array.from({ length: n - 1 }, (_, k) => k + 1);
  const pos = new Int32Array(n).fill(-1);
  free.forEach((k, p) => {
    pos[k] = p;
  });
  const mr = free.length;
  const m = mr + 1; // last parameter: log nu
  const N = totalWeight(comp);
  const theta = new Float64Array(n);
  const pair = (
    d: number,
    w: number,
    l: number,
    t: number,
    lam: number,
  ): [number, number, number, number, number, number] => {
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
  };
  const objective = (x: Float64Array) => {
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
      const [v, gd, g2, hdd, hdl, hll] = pair(d, w, l, t, lam);
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
    if (prior.applied) for (let i = 0; i < n; i++) add(i, -1, 0.5 * PRIOR_TIES, 0.5 * PRIOR_TIES, 0);
    const gradient = new Float64Array(m);
    for (let p = 0; p < mr; p++) gradient[p] = g[free[p]!]!;
    gradient[mr] = gl;
    return { value, gradient, hessian: h };
  };
  const x0 = new Float64Array(m);
  const tau = Math.min(0.98, Math.max(0.02, ties / (N + (prior.applied ? n * PRIOR_TIES : 0))));
  x0[mr] = Math.log((2 * tau) / (1 - tau));
  const res = newtonAscent(objective, x0, {
    tolerance: (opts.tolerance ?? 1e-12) * Math.max(1, N),
    maxIterations: opts.maxIterations ?? 200,
  });
  const full = Array.from({ length: n }, (_, k) => (pos[k]! < 0 ? 0 : res.x[pos[k]!]!));
  const cov =
    res.covariance === null
      ? null
      : Array.from({ length: n }, (_, a) =>
          Array.from({ length: n }, (_, b) =>
            pos[a]! < 0 || pos[b]! < 0 ? 0 : res.covariance![pos[a]! * m + pos[b]!]!,
          ),
        );
  const anchored = applyAnchor(comp.models, full, cov, opts.anchor ?? { kind: "mean" });
  const nu = Math.exp(res.x[mr]!);
  const lamVar = res.covariance === null ? Number.NaN : res.covariance[mr * m + mr]!;
  return {
    ...ratingFitFields("davidson", comp.models, anchored, res, prior, N),
    // delta method: se(nu) = nu se(log nu)
    tieParameter: { nu, standardError: nu * Math.sqrt(Math.max(0, lamVar)) },
  };
}
