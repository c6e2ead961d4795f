/**
 * Whether a logistic model's maximum-likelihood fit exists: A. Albert and J. A. Anderson, "On the
 * existence of maximum likelihood estimates in logistic regression models", Biometrika 71 (1984) 1-10.
 * The log-likelihood `sum_r w_r (y_r log sigmoid(x_r . v) + (1 - y_r) log sigmoid(-x_r . v))` has no
 * finite maximum iff the data are completely or quasi-completely separated: some direction `v` has
 * `x_r . v >= 0` on every row with `y_r > 0`, `x_r . v <= 0` on every row with `y_r < 1`, and
 * `x_r . v != 0` on some row (along `v` the likelihood rises without bound or to a supremum it never
 * reaches). A soft outcome in (0, 1) counts on both sides, so its row needs `x_r . v = 0`. Decided by
 * one linear programme (javascript-lp-solver): maximise `sum_{y=1} x_r . v - sum_{y=0} x_r . v` over
 * `v` in `[-1, 1]^P` under those sign constraints; the data are separated iff the maximum is positive.
 * When the soft outcomes' rows alone span every direction, `v = 0` is forced and no programme is solved.
 */
import { createJslpBackend } from "../../solvers/finite/lp/jslp.js";

/** Relative threshold of the separation programme's optimum (and of the check of its direction). */
export const SEPARATION_TOLERANCE = 1e-9;

/**
 * The direction along which the logistic log-likelihood of rows `x` (row-major, `P` columns), outcomes
 * `y` in [0, 1] and weights `w` rises without reaching a maximum (see the module comment), scaled so
 * that its largest entry is 1 in absolute value; `null` when the maximum-likelihood fit exists (rows of
 * weight 0 are left out; a rank-deficient `x` whose fit exists but is not unique also gives `null`).
 *
 * @throws Error when the linear programme fails or its direction does not check (a bug, not an input
 *   problem).
 * @example
 * // an intercept and x = 1..4: every win at a larger x than every loss, so completely separated
 * const x = new Float64Array([1, 1, 1, 2, 1, 3, 1, 4]);
 * logisticSeparation(x, 2, [0, 0, 1, 1], [1, 1, 1, 1]) !== null; // true
 * logisticSeparation(x, 2, [0, 1, 0, 1], [1, 1, 1, 1]); // null
 */
export function logisticSeparation(
  x: Float64Array,
  P: number,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
): Float64Array | null {
  const R = y.length;
  // the rows that constrain the direction, each signed so that the constraint reads a . v >= 0
  // (equal: a . v = 0)
  const rows: Array<{ r: number; sign: number; equal: boolean }> = [];
  let scale = 0;
  for (let r = 0; r < R; r++) {
    if (!(w[r]! > 0)) continue;
    const yr = y[r]!;
    rows.push({ r, sign: yr >= 1 ? 1 : yr <= 0 ? -1 : 1, equal: yr > 0 && yr < 1 });
    let norm = 0;
    for (let j = 0; j < P; j++) norm += Math.abs(x[r * P + j]!);
    scale = Math.max(scale, norm);
  }
  if (rows.length === 0 || scale === 0) return null;
  // soft outcomes whose rows span every direction leave only v = 0 (AlpacaEval's weighted preferences
  // mostly are soft): no programme needed
  const gram = new Float64Array(P * P);
  for (const { r, equal } of rows)
    if (equal)
      for (let u = 0; u < P; u++)
        for (let t = 0; t < P; t++) gram[u * P + t]! += x[r * P + u]! * x[r * P + t]!;
  if (positiveDefinite(gram, P)) return null;
  const n = rows.length;
  // columns: v+ (0..P-1) and v- (P..2P-1), each in [0, 1]; v = v+ - v-
  const numCols = 2 * P;
  const matrix = new Float64Array(n * numCols);
  const rowLower = new Float64Array(n);
  const rowUpper = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const cost = new Float64Array(numCols);
  rows.forEach(({ r, sign, equal }, i) => {
    for (let j = 0; j < P; j++) {
      // scaled to entries of order one (the backend mis-solves badly scaled coefficients)
      const a = (sign * x[r * P + j]!) / scale;
      matrix[i * numCols + j] = a;
      matrix[i * numCols + P + j] = -a;
      if (!equal) {
        cost[j]! += a;
        cost[P + j]! -= a;
      }
    }
    if (equal) rowUpper[i] = 0;
  });
  const res = createJslpBackend().solve({
    format: "dense",
    sense: "max",
    numRows: n,
    numCols,
    cost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower,
    rowUpper,
    matrix,
  });
  if (res.status !== "optimal") throw new Error(`logisticSeparation: the linear programme ${res.detail}`);
  if (!(res.objective > SEPARATION_TOLERANCE)) return null;
  const v = new Float64Array(P);
  let big = 0;
  for (let j = 0; j < P; j++) {
    v[j] = res.x[j]! - res.x[P + j]!;
    big = Math.max(big, Math.abs(v[j]!));
  }
  for (let j = 0; j < P; j++) v[j]! /= big;
  // check the direction: every constraint within the tolerance, some row strictly on its side
  let strict = false;
  for (const { r, sign, equal } of rows) {
    let z = 0;
    for (let j = 0; j < P; j++) z += (sign * x[r * P + j]! * v[j]!) / scale;
    if (z < -SEPARATION_TOLERANCE || (equal && z > SEPARATION_TOLERANCE))
      throw new Error(`logisticSeparation: the programme's direction violates row ${r} by ${z}`);
    if (!equal && z > SEPARATION_TOLERANCE) strict = true;
  }
  return strict ? v : null;
}

/**
 * Whether the symmetric `m x m` matrix `a` (row-major; not modified) is positive definite with every
 * Cholesky pivot above `relative` times its diagonal entry: `false` for a Gram matrix `X^T W X` whose
 * columns are linearly dependent to rounding (the parameters are not identified).
 *
 * @throws nothing
 * @example
 * positiveDefinite(Float64Array.from([1, 1, 1, 1]), 2); // false
 */
export function positiveDefinite(a: Float64Array, m: number, relative = 1e-10): boolean {
  const l = a.slice();
  for (let j = 0; j < m; j++) {
    let d = l[j * m + j]!;
    for (let k = 0; k < j; k++) d -= l[j * m + k]! * l[j * m + k]!;
    if (!(d > relative * a[j * m + j]!) || !(d > 0)) return false;
    const ljj = Math.sqrt(d);
    l[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = l[i * m + j]!;
      for (let k = 0; k < j; k++) s -= l[i * m + k]! * l[j * m + k]!;
      l[i * m + j] = s / ljj;
    }
  }
  return true;
}
