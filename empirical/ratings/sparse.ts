/**
 * Bradley-Terry above a few thousand models: the dense Newton fit needs the `m x m` information matrix
 * (20,000 models: 3.2 GB), so above `DENSE_MODEL_LIMIT` the Newton system is solved by conjugate
 * gradients with the information applied from the pair list (a weighted graph Laplacian, `O(pairs)`
 * per product, Jacobi-preconditioned), with the same step halving and gradient certificate. Memory
 * grows with models and pairs only. Standard errors: the variance of an anchored rating is `c^T J^-1 c`
 * for its contrast `c` (the model minus the anchor or its group's mean), one conjugate-gradient solve
 * per model; the total is estimated from the first solve and computed only within a work limit (past
 * it the standard errors are NaN with the reason in `standardErrorNote`). Beyond `MAX_RATED_MODELS`
 * the fit is refused with one line.
 *
 * Source: J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Sec. 7.1 (inexact Newton,
 * conjugate gradients) and Algorithm 5.3 (preconditioned CG); A. Agresti, Categorical Data Analysis,
 * 3rd ed., Sec. 11.6 (standard errors from the information).
 */

import { DEFAULT_MAX_SE_WORK } from "../../src/limits.js";
import { sigmoid } from "../../src/numeric/normal.js";
import type { Comparisons } from "./comparisons.js";
import type { Components } from "./components.js";
import { halvingLineSearch, logSigmoid, type NewtonResult } from "./newton.js";
import type { Anchor, StandardErrorNote } from "./types.js";

/** Above this many free parameters the Newton system is solved by conjugate gradients. */
export const DENSE_MODEL_LIMIT = 2000;

/** The most models a fit accepts (memory and time grow with models and pairs). */
export const MAX_RATED_MODELS = 1_000_000;

export { DEFAULT_MAX_SE_WORK };

/** A Newton-CG problem: the pairs' win weights (ties half) and the free-parameter map. */
interface SparseProblem {
  comp: Comparisons;
  free: readonly number[];
  prior: readonly boolean[];
  priorWeight: number;
  wi: Float64Array;
  wj: Float64Array;
}

/** The log-likelihood at a point, its gradient (free parameters) and the information's weights. */
interface SparseState {
  value: number;
  gradient: Float64Array;
  /** Per pair `n_ij p_ij (1 - p_ij)`; per model the prior's curvature. */
  curv: Float64Array;
  priorCurv: Float64Array;
}

function sparseProblem(
  comp: Comparisons,
  free: readonly number[],
  prior: readonly boolean[],
  priorWeight: number,
): SparseProblem {
  const P = comp.i.length;
  const wi = new Float64Array(P);
  const wj = new Float64Array(P);
  for (let k = 0; k < P; k++) {
    wi[k] = comp.winsI[k]! + 0.5 * comp.ties[k]!;
    wj[k] = comp.winsJ[k]! + 0.5 * comp.ties[k]!;
  }
  return { comp, free, prior, priorWeight, wi, wj };
}

function evaluate(pb: SparseProblem, x: Float64Array): SparseState {
  const { comp, free, prior, priorWeight, wi, wj } = pb;
  const n = comp.models.length;
  const P = comp.i.length;
  const theta = new Float64Array(n);
  for (let p = 0; p < free.length; p++) theta[free[p]!] = x[p]!;
  const curv = new Float64Array(P);
  const priorCurv = new Float64Array(n);
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
  const gradient = new Float64Array(free.length);
  for (let p = 0; p < free.length; p++) gradient[p] = g[free[p]!]!;
  return { value, gradient, curv, priorCurv };
}

/** The information at `st` as a product `v -> J v` over the free parameters, and its diagonal's inverse. */
function information(
  pb: SparseProblem,
  st: SparseState,
): { apply: (v: Float64Array, res: Float64Array) => void; dinv: Float64Array } {
  const { comp, free, prior } = pb;
  const n = comp.models.length;
  const m = free.length;
  const P = comp.i.length;
  const full = new Float64Array(n);
  const out = new Float64Array(n);
  const apply = (v: Float64Array, res: Float64Array) => {
    full.fill(0);
    for (let p = 0; p < m; p++) full[free[p]!] = v[p]!;
    out.fill(0);
    for (let k = 0; k < P; k++) {
      const i = comp.i[k]!;
      const j = comp.j[k]!;
      const t = st.curv[k]! * (full[i]! - full[j]!);
      out[i]! += t;
      out[j]! -= t;
    }
    for (let i = 0; i < n; i++) if (prior[i]) out[i]! += st.priorCurv[i]! * full[i]!;
    for (let p = 0; p < m; p++) res[p] = out[free[p]!]!;
  };
  // Jacobi preconditioner: the information's diagonal
  const diag = new Float64Array(n);
  for (let k = 0; k < P; k++) {
    diag[comp.i[k]!]! += st.curv[k]!;
    diag[comp.j[k]!]! += st.curv[k]!;
  }
  for (let i = 0; i < n; i++) if (prior[i]) diag[i]! += st.priorCurv[i]!;
  const dinv = new Float64Array(m);
  for (let p = 0; p < m; p++) dinv[p] = diag[free[p]!]! > 0 ? 1 / diag[free[p]!]! : 1;
  return { apply, dinv };
}

function maxNorm(g: Float64Array): number {
  let s = 0;
  for (let k = 0; k < g.length; k++) s = Math.max(s, Math.abs(g[k]!));
  return s;
}

/**
 * Newton-CG ascent of the Bradley-Terry log-likelihood (ties half) over the free ratings `free` (the
 * other models held at 0), with the weak prior on the models
 * `prior[k]`. Returns the ratings' free part with `covariance: null`, and the information at the
 * result (for `sparseStandardErrors`).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * // A beats B twice and loses once: r_A - r_B = log 2 (B held at 0)
 * newtonCgBradleyTerry({ models: ["A", "B"], i: [0], j: [1], winsI: [2], winsJ: [1], ties: [0] }, [0], [false, false], 1, { tolerance: 1e-12, maxIterations: 50 }).x[0]; // 0.6931...
 */
export function newtonCgBradleyTerry(
  comp: Comparisons,
  free: readonly number[],
  prior: readonly boolean[],
  priorWeight: number,
  opts: { tolerance: number; maxIterations: number; start?: Float64Array },
): NewtonResult & { information: SparseInformation } {
  const pb = sparseProblem(comp, free, prior, priorWeight);
  const m = free.length;
  let x = opts.start?.slice() ?? new Float64Array(m);
  let cur = evaluate(pb, x);
  let iterations = 0;
  while (iterations < opts.maxIterations && maxNorm(cur.gradient) > opts.tolerance) {
    iterations++;
    const { apply, dinv } = information(pb, cur);
    const step = conjugateGradient(apply, cur.gradient, dinv, 1e-10, 10 * m + 100).x;
    const next = halvingLineSearch(x, step, cur, (y) => evaluate(pb, y));
    if (next === null) break;
    x = next.x;
    cur = next.at;
  }
  const gradientNorm = maxNorm(cur.gradient);
  return {
    x,
    value: cur.value,
    gradientNorm,
    iterations,
    converged: gradientNorm <= opts.tolerance,
    covariance: null,
    information: { ...information(pb, cur), comp, free },
  };
}

/** The observed information of a Newton-CG fit, as a product over its free parameters. */
export interface SparseInformation {
  comp: Comparisons;
  free: readonly number[];
  apply: (v: Float64Array, res: Float64Array) => void;
  dinv: Float64Array;
}

/**
 * Anchored standard errors of a Newton-CG fit: for model `k` the contrast `c = e_k - e_a` (anchor
 * model `a` in `k`'s group) or `e_k - 1/|G|` over `k`'s group `G` (mean anchor), restricted to the free
 * parameters (the held models are fixed at 0), and `SE_k = sqrt(c^T J^-1 c)` with `J^-1 c` solved by
 * preconditioned conjugate gradients (relative residual 1e-10). The work is estimated before the
 * other solves: models x (the first solve's CG steps) x (pairs + models); past `maxWork` (default
 * `DEFAULT_MAX_SE_WORK`) no further solve runs and every standard error is NaN, with the reason. The
 * first solve stops as soon as its steps alone put the estimate over the limit, so a refusal costs at
 * most `maxWork / models` pair products.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * const fit = newtonCgBradleyTerry(comp, [0], [false, false], 1, { tolerance: 1e-12, maxIterations: 50 });
 * sparseStandardErrors(fit.information, { of: [0, 0], count: 1 }, { kind: "mean" }).standardErrors; // [sqrt(3/8), sqrt(3/8)] for 2 wins and 1 loss
 */
export function sparseStandardErrors(
  info: SparseInformation,
  groups: Components,
  anchor: Anchor,
  maxWork: number = DEFAULT_MAX_SE_WORK,
): { standardErrors: number[]; note: StandardErrorNote | null } {
  const { comp, free } = info;
  const n = comp.models.length;
  const m = free.length;
  const pos = new Int32Array(n).fill(-1);
  free.forEach((k, p) => {
    pos[k] = p;
  });
  const members: number[][] = Array.from({ length: groups.count }, () => []);
  groups.of.forEach((g, k) => {
    members[g]!.push(k);
  });
  const a = anchor.kind === "model" ? comp.models.indexOf(anchor.model) : -1;
  const se = new Array<number>(n).fill(Number.NaN);
  const perStep = comp.i.length + n;
  let estimate = 0;
  for (let k = 0; k < n; k++) {
    const g = members[groups.of[k]!]!;
    const onModel = a !== -1 && groups.of[a] === groups.of[k];
    if (onModel && k === a) {
      se[k] = 0;
      continue;
    }
    const c = new Float64Array(m);
    if (pos[k]! >= 0) c[pos[k]!]! += 1;
    if (onModel) {
      if (pos[a]! >= 0) c[pos[a]!]! -= 1;
    } else for (const u of g) if (pos[u]! >= 0) c[pos[u]!]! -= 1 / g.length;
    const cap = 10 * m + 100;
    // the first solve is cut where its steps alone would put the estimate over the limit
    const first = estimate === 0 ? Math.min(cap, Math.floor(maxWork / (n * perStep)) + 1) : cap;
    const solved = conjugateGradient(info.apply, c, info.dinv, 1e-10, first);
    if (estimate === 0) {
      estimate = n * Math.max(1, solved.steps) * perStep;
      if (estimate > maxWork) {
        return {
          standardErrors: new Array<number>(n).fill(Number.NaN),
          note: {
            code: "over-work-limit",
            estimate,
            atLeast: solved.steps === first && first < cap,
            solves: n,
            steps: solved.steps,
            pairs: comp.i.length,
            limit: maxWork,
          },
        };
      }
    }
    let v = 0;
    for (let p = 0; p < m; p++) v += c[p]! * solved.x[p]!;
    se[k] = Math.sqrt(Math.max(0, v));
  }
  return { standardErrors: se, note: null };
}

/**
 * Preconditioned conjugate gradients for `A s = b` (A symmetric positive definite, given as a
 * product): the solution and the steps taken.
 */
function conjugateGradient(
  apply: (v: Float64Array, res: Float64Array) => void,
  b: Float64Array,
  dinv: Float64Array,
  relTol: number,
  maxIter: number,
): { x: Float64Array; steps: number } {
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
  let it = 0;
  while (it < maxIter && bb > 0) {
    it++;
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
  return { x: s, steps: it };
}
