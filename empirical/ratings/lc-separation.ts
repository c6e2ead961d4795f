/**
 * The existence check of AlpacaEval's length-controlled GLM (per model and the joint difficulty fit):
 * A. Albert and J. A. Anderson, "On the existence of maximum likelihood estimates in logistic
 * regression models", Biometrika 71 (1984) 1-10. The log-likelihood
 * `sum_r w_r (y_r log sigmoid(x_r . v) + (1 - y_r) log sigmoid(-x_r . v))` has no finite maximum iff
 * the data are completely or quasi-completely separated; a soft outcome in (0, 1) counts on both
 * sides. Decided by `separatingDirection` (`separation.ts`, K. Konis's linear programme, the one the
 * controlled Bradley-Terry fit uses), after a shortcut: when the soft outcomes' rows alone span every
 * direction, `v = 0` is forced and no programme is solved (AlpacaEval 2.0's weighted preferences).
 */
import { cholesky } from "./linalg.js";
import { separatingDirection } from "./separation.js";

/**
 * The direction along which the logistic log-likelihood of rows `x` (row-major, `P` columns), outcomes
 * `y` in [0, 1] and weights `w` rises without reaching a maximum (see the module comment; entries at
 * most 1 in absolute value), or `null` when the maximum-likelihood fit exists (rows of weight 0 are left
 * out; a rank-deficient `x` whose fit exists but is not unique also gives `null`).
 *
 * @throws Error when the linear programme fails (a bug, not an input problem).
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
  const side = (r: number): 1 | -1 | 0 | null => {
    if (!(w[r]! > 0)) return null;
    return y[r]! >= 1 ? 1 : y[r]! <= 0 ? -1 : 0;
  };
  const gram = new Float64Array(P * P);
  for (let r = 0; r < R; r++)
    if (side(r) === 0)
      for (let u = 0; u < P; u++)
        for (let t = 0; t < P; t++) gram[u * P + t]! += x[r * P + u]! * x[r * P + t]!;
  if (positiveDefinite(gram, P)) return null;
  return separatingDirection({
    rows: R,
    columns: P,
    row: (r, out) => {
      for (let j = 0; j < P; j++) out[j] = x[r * P + j]!;
    },
    side,
  });
}

/** Whether entry `j` of a separating direction is part of it (above the programme's rounding). */
export function inDirection(v: Float64Array, j: number): boolean {
  return Math.abs(v[j]!) > 1e-9;
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
  return cholesky(a.slice(), m, relative);
}
