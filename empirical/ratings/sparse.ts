/**
 * Bradley-Terry above a few thousand models: the dense Newton fit needs the `m x m` information matrix
 * (20,000 models: 3.2 GB), so above `DENSE_MODEL_LIMIT` the Newton system is solved by conjugate
 * gradients with the information applied from the pair list (a weighted graph Laplacian, `O(pairs)`
 * per product, Jacobi-preconditioned), with the same step halving and gradient certificate. Memory
 * grows with models and pairs only. Standard errors need the inverse's diagonal, which this path does
 * not form: they are reported as not computed. Beyond `MAX_RATED_MODELS` the fit is refused with one line.
 *
 * Source: J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Sec. 7.1 (inexact Newton,
 * conjugate gradients) and Algorithm 5.3 (preconditioned CG).
 */
import { sigmoid } from "../../src/numeric/normal.js";
import type { Comparisons } from "./comparisons.js";
import { logSigmoid, type NewtonResult } from "./newton.js";

/** Above this many free parameters the Newton system is solved by conjugate gradients. */
export const DENSE_MODEL_LIMIT = 2000;

/** The most models a fit accepts (memory and time grow with models and pairs). */
export const MAX_RATED_MODELS = 1_000_000;

/**
 * Newton-CG ascent of the Bradley-Terry log-likelihood (ties half) over the free ratings `free` (the
 * other models held at 0), with the weak prior on the models
 * `prior[k]`. Returns the ratings' free part with `covariance: null`.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * // not run: needs more than DENSE_MODEL_LIMIT models to be chosen by fitBradleyTerry
 * newtonCgBradleyTerry(comp, free, prior, 1, { tolerance: 1e-9, maxIterations: 200 });
 */
export function newtonCgBradleyTerry(
  comp: Comparisons,
  free: readonly number[],
  prior: readonly boolean[],
  priorWeight: number,
  opts: { tolerance: number; maxIterations: number },
): NewtonResult {
  // over 80 lines: the objective, the information product and the line search share the curvature arrays
  const n = comp.models.length;
  const m = free.length;
  const P = comp.i.length;
  const wi = new Float64Array(P);
  const wj = new Float64Array(P);
  for (let k = 0; k < P; k++) {
    wi[k] = comp.winsI[k]! + 0.5 * comp.ties[k]!;
    wj[k] = comp.winsJ[k]! + 0.5 * comp.ties[k]!;
  }
  const theta = new Float64Array(n);
  const curv = new Float64Array(P);
  const priorCurv = new Float64Array(n);
  const evaluate = (x: Float64Array) => {
    theta.fill(0);
    for (let p = 0; p < m; p++) theta[free[p]!] = x[p]!;
    let value = 0;
    const g = new Float64Array(n);
    for (let k = 0; k < P; k++) {
      const d = theta[comp.i[k]!]! - theta[comp.j[k]!]!;
      const p = sigmoid(d);
      value += wi[k]! * logSigmoid(d) + wj[k]! * logSigmoid(-d);
      const r = wi[k]! - (wi[k]! + wj[k]!) * p;
      g[comp.i[k]!]! += r;
      g[comp.j[k]!]! -= r;
      curv[k] = (wi[k]! + wj[k]!) * p * (1 - p);
    }
    for (let i = 0; i < n; i++) {
      if (!prior[i]) continue;
      const t = theta[i]!;
      const p = sigmoid(t);
      value += 0.5 * priorWeight * (logSigmoid(t) + logSigmoid(-t));
      g[i]! += priorWeight * (0.5 - p);
      priorCurv[i] = priorWeight * p * (1 - p);
    }
    const gradient = new Float64Array(m);
    for (let p = 0; p < m; p++) gradient[p] = g[free[p]!]!;
    return { value, gradient };
  };
  // information times v (v over the free parameters)
  const full = new Float64Array(n);
  const out = new Float64Array(n);
  const apply = (v: Float64Array, res: Float64Array) => {
    full.fill(0);
    for (let p = 0; p < m; p++) full[free[p]!] = v[p]!;
    out.fill(0);
    for (let k = 0; k < P; k++) {
      const i = comp.i[k]!;
      const j = comp.j[k]!;
      const t = curv[k]! * (full[i]! - full[j]!);
      out[i]! += t;
      out[j]! -= t;
    }
    for (let i = 0; i < n; i++) if (prior[i]) out[i]! += priorCurv[i]! * full[i]!;
    for (let p = 0; p < m; p++) res[p] = out[free[p]!]!;
  };
  const norm = (g: Float64Array) => {
    let s = 0;
    for (let k = 0; k < m; k++) s = Math.max(s, Math.abs(g[k]!));
    return s;
  };
  let x = new Float64Array(m);
  let cur = evaluate(x);
  let iterations = 0;
  while (iterations < opts.maxIterations && norm(cur.gradient) > opts.tolerance) {
    iterations++;
    // Jacobi preconditioner: the information's diagonal
    const diag = new Float64Array(n);
    for (let k = 0; k < P; k++) {
      diag[comp.i[k]!]! += curv[k]!;
      diag[comp.j[k]!]! += curv[k]!;
    }
    for (let i = 0; i < n; i++) if (prior[i]) diag[i]! += priorCurv[i]!;
    const dinv = new Float64Array(m);
    for (let p = 0; p < m; p++) dinv[p] = diag[free[p]!]! > 0 ? 1 / diag[free[p]!]! : 1;
    const step = conjugateGradient(apply, cur.gradient, dinv, 1e-10, 10 * m + 100);
    let t = 1;
    let accepted = false;
    for (let h = 0; h < 60; h++) {
      const y = new Float64Array(m);
      for (let k = 0; k < m; k++) y[k] = x[k]! + t * step[k]!;
      const next = evaluate(y);
      if (Number.isFinite(next.value) && next.value >= cur.value - 1e-13 * Math.max(1, Math.abs(cur.value))) {
        x = y;
        cur = next;
        accepted = true;
        break;
      }
      t /= 2;
      evaluate(x); // restore the curvature at x
    }
    if (!accepted) break;
  }
  const gradientNorm = norm(cur.gradient);
  return {
    x,
    value: cur.value,
    gradientNorm,
    iterations,
    converged: gradientNorm <= opts.tolerance,
    covariance: null,
  };
}

/** Preconditioned conjugate gradients for `A s = b` (A symmetric positive definite, given as a product). */
function conjugateGradient(
  apply: (v: Float64Array, res: Float64Array) => void,
  b: Float64Array,
  dinv: Float64Array,
  relTol: number,
  maxIter: number,
): Float64Array {
  const m = b.length;
  const s = new Float64Array(m);
  const r = b.slice();
  const z = new Float64Array(m);
  for (let k = 0; k < m; k++) z[k] = r[k]! * dinv[k]!;
  const p = z.slice();
  const ap = new Float64Array(m);
  let rz = 0;
  let bb = 0;
  for (let k = 0; k < m; k++) {
    rz += r[k]! * z[k]!;
    bb += b[k]! * b[k]!;
  }
  for (let it = 0; it < maxIter; it++) {
    apply(p, ap);
    let pap = 0;
    for (let k = 0; k < m; k++) pap += p[k]! * ap[k]!;
    if (!(pap > 0)) break;
    const alpha = rz / pap;
    let rr = 0;
    for (let k = 0; k < m; k++) {
      s[k]! += alpha * p[k]!;
      r[k]! -= alpha * ap[k]!;
      rr += r[k]! * r[k]!;
    }
    if (rr <= relTol * relTol * bb) break;
    let rzNew = 0;
    for (let k = 0; k < m; k++) {
      z[k] = r[k]! * dinv[k]!;
      rzNew += r[k]! * z[k]!;
    }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let k = 0; k < m; k++) p[k] = z[k]! + beta * p[k]!;
  }
  return s;
}
