/**
 * Dense symmetric positive-definite algebra for the rating fits (a few hundred parameters at most):
 * Cholesky factorisation, solves and the inverse. Row-major `Float64Array`s of size `m * m`.
 */

/**
 * In-place Cholesky factorisation `A = L L^T` of a symmetric positive-definite `m x m` matrix (lower
 * triangle used and overwritten by `L`). Returns `false` when a pivot is not positive (not SPD), or
 * not above `relative` times its diagonal entry (`relative` > 0: positive definite beyond rounding).
 *
 * Source: Golub & Van Loan, Matrix Computations, 4th ed., Algorithm 4.2.1.
 *
 * @example
 * const a = Float64Array.from([4, 2, 2, 3]); cholesky(a, 2); // true; a = [2, 2, 1, 1.414...]
 */
export function cholesky(a: Float64Array, m: number, relative = 0): boolean {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j]!;
    const floor = relative > 0 ? relative * d : 0;
    for (let k = 0; k < j; k++) d -= a[j * m + k]! * a[j * m + k]!;
    if (!(d > floor) || !(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j]!;
      for (let k = 0; k < j; k++) s -= a[i * m + k]! * a[j * m + k]!;
      a[i * m + j] = s / ljj;
    }
  }
  return true;
}

/**
 * Solves `L L^T x = b` in place in `b` given the factor from `cholesky`.
 *
 * @example
 * choleskySolve(l, 2, Float64Array.from([1, 1]));
 */
export function choleskySolve(l: Float64Array, m: number, b: Float64Array): Float64Array {
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * m + k]! * b[k]!;
    b[i] = s / l[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < m; k++) s -= l[k * m + i]! * b[k]!;
    b[i] = s / l[i * m + i]!;
  }
  return b;
}

/**
 * The inverse of an SPD matrix from its Cholesky factor (column by column).
 *
 * @example
 * const inv = choleskyInverse(l, 2);
 */
export function choleskyInverse(l: Float64Array, m: number): Float64Array {
  const inv = new Float64Array(m * m);
  const col = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    col.fill(0);
    col[c] = 1;
    choleskySolve(l, m, col);
    for (let r = 0; r < m; r++) inv[r * m + c] = col[r]!;
  }
  return inv;
}
