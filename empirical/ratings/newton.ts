/**
 * Damped Newton ascent for the concave log-likelihoods of the rating models: full steps when they
 * increase the likelihood, step halving otherwise, a gradient-norm certificate and an iteration cap
 * (every iteration either increases the likelihood or halves the step, and both are bounded, so the
 * loop ends).
 */
import { cholesky, choleskyInverse, choleskySolve } from "./linalg.js";

/** The log-likelihood, its gradient and its Hessian (row-major, `m x m`) at `x`. */
export interface Objective {
  value: number;
  gradient: Float64Array;
  hessian: Float64Array;
}

/** What `newtonAscent` returns. */
export interface NewtonResult {
  x: Float64Array;
  value: number;
  /** Max-norm of the gradient at `x` (the convergence certificate). */
  gradientNorm: number;
  iterations: number;
  converged: boolean;
  /** Inverse of the observed information `-H(x)`: the asymptotic covariance of the MLE. */
  covariance: Float64Array | null;
}

/**
 * Maximises a smooth concave function by damped Newton steps. Converged when the gradient's max-norm
 * is at most `tolerance`. `covariance: false` skips the inverse information (the bootstrap's refits
 * need only the estimate).
 *
 * Source: Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 3.1 (backtracking) and 3.3 (Newton).
 *
 * @example
 * // maximise -(x - 1)^2
 * newtonAscent((x) => ({ value: -((x[0]! - 1) ** 2), gradient: Float64Array.of(-2 * (x[0]! - 1)), hessian: Float64Array.of(-2) }), new Float64Array(1), { tolerance: 1e-12, maxIterations: 50 }).x; // [1]
 */
export function newtonAscent(
  f: (x: Float64Array) => Objective,
  x0: Float64Array,
  opts: { tolerance: number; maxIterations: number; covariance?: boolean },
): NewtonResult {
  const m = x0.length;
  let x = x0.slice();
  let cur = f(x);
  let iterations = 0;
  const norm = (g: Float64Array) => {
    let s = 0;
    for (let k = 0; k < m; k++) s = Math.max(s, Math.abs(g[k]!));
    return s;
  };
  while (iterations < opts.maxIterations && norm(cur.gradient) > opts.tolerance) {
    iterations++;
    const info = new Float64Array(m * m);
    for (let k = 0; k < m * m; k++) info[k] = -cur.hessian[k]!;
    let step: Float64Array;
    if (cholesky(info, m)) step = choleskySolve(info, m, cur.gradient.slice());
    else {
      // not positive definite (should not happen for these concave models): a scaled gradient step
      step = cur.gradient.slice();
      const s = 1 / Math.max(1, norm(step));
      for (let k = 0; k < m; k++) step[k]! *= s;
    }
    const next = halvingLineSearch(x, step, cur, f);
    if (next === null) break;
    x = next.x;
    cur = next.at;
  }
  const gradientNorm = norm(cur.gradient);
  return {
    x,
    value: cur.value,
    gradientNorm,
    iterations,
    converged: gradientNorm <= opts.tolerance,
    covariance: opts.covariance === false ? null : inverseInformation(cur.hessian, m),
  };
}

/** The inverse of the information `-H` (`null` when it is not positive definite). */
function inverseInformation(hessian: Float64Array, m: number): Float64Array | null {
  if (m === 0) return new Float64Array(0);
  const info = new Float64Array(m * m);
  for (let k = 0; k < m * m; k++) info[k] = -hessian[k]!;
  return cholesky(info, m) ? choleskyInverse(info, m) : null;
}

/**
 * The step-halving line search of the Newton fits (dense and conjugate-gradient): the first of
 * `x + t step`, `t = 1, 1/2, 1/4, ...` (at most 60 halvings) whose value is finite and not below the
 * current one (a change at rounding level, `1e-13` relative, is accepted), or `null` when none is.
 *
 * Source: Nocedal & Wright, Numerical Optimization, 2nd ed., Sec. 3.1 (backtracking).
 *
 * @throws nothing (whatever `f` throws).
 * @example
 * halvingLineSearch(Float64Array.of(0), Float64Array.of(3), { value: -1 }, (y) => ({ value: -((y[0]! - 1) ** 2) }))!.x; // [1.5] (t = 1/2: t = 1 gives -4)
 */
export function halvingLineSearch<T extends { value: number }>(
  x: Float64Array,
  step: Float64Array,
  cur: T,
  f: (y: Float64Array) => T,
): { x: Float64Array<ArrayBuffer>; at: T } | null {
  const m = x.length;
  let t = 1;
  for (let halvings = 0; halvings < 60; halvings++) {
    const y = new Float64Array(m);
    for (let k = 0; k < m; k++) y[k] = x[k]! + t * step[k]!;
    const next = f(y);
    // accept an increase, or a change at rounding level
    if (Number.isFinite(next.value) && next.value >= cur.value - 1e-13 * Math.max(1, Math.abs(cur.value)))
      return { x: y, at: next };
    t /= 2;
  }
  return null;
}

/**
 * `log(sigmoid(x))` without overflow or cancellation.
 *
 * @example
 * logSigmoid(0); // -0.6931471805599453
 * logSigmoid(-800); // -800
 */
export function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}
