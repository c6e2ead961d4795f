/**
 * The L1-penalised fit of AlpacaEval's length-controlled GLM: AlpacaEval fits each model with
 * scikit-learn's `LogisticRegressionCV(penalty="l1", solver="liblinear", fit_intercept=False)`, which
 * for a given `C` minimises `||w||_1 - C * (weighted log-likelihood)` (R.-E. Fan et al., "LIBLINEAR: A
 * library for large linear classification", JMLR 9, 2008, its L1-regularised logistic regression; the
 * soft preferences enter as two weighted rows, which is the weighted log-likelihood with a fractional
 * outcome). Solved here by proximal Newton steps (the quadratic model's L1 subproblem by coordinate
 * descent, then step halving until the objective does not increase beyond its rounding), to the
 * minimum-norm subgradient.
 */
import type { NewtonResult, Objective } from "./newton.js";

/** Soft thresholding of the coordinate `j` of the quadratic model (one coordinate-descent step). */
function coordinateStep(w: number, g: number, h: number): number {
  if (g + 1 <= h * w) return -(g + 1) / h;
  if (g - 1 >= h * w) return -(g - 1) / h;
  return -w;
}

/** Max-norm of the minimum-norm subgradient of `||w||_1 - C value(w)` (0 at the minimum). */
function subgradientNorm(w: Float64Array, grad: Float64Array, C: number): number {
  let s = 0;
  for (let j = 0; j < w.length; j++) {
    const g = -C * grad[j]!;
    const r = w[j]! !== 0 ? Math.abs(g + Math.sign(w[j]!)) : Math.max(0, Math.abs(g) - 1);
    s = Math.max(s, r);
  }
  return s;
}

/**
 * Minimises `||w||_1 - C f(w)` for a concave log-likelihood `f` of `P` parameters (`f` returns its
 * value, gradient and Hessian, row-major `P x P`, as for `newtonAscent`), from `w = 0`. `value` in the
 * result is `f` at the minimum; `gradientNorm` the minimum-norm subgradient of the penalised objective;
 * `converged` when that is at most `tolerance`.
 *
 * @throws nothing (a step that cannot decrease the objective ends the iterations; `converged` says so)
 */
export function l1PenalisedFit(
  f: (w: Float64Array) => Objective,
  P: number,
  C: number,
  opts: { tolerance: number; maxIterations: number },
): NewtonResult {
  let w = new Float64Array(P);
  let cur = f(w);
  const penalised = (x: Float64Array, o: Objective) => x.reduce((s, v) => s + Math.abs(v), 0) - C * o.value;
  let F = penalised(w, cur);
  let iterations = 0;
  while (iterations < opts.maxIterations && subgradientNorm(w, cur.gradient, C) > opts.tolerance) {
    iterations++;
    const step = new Float64Array(P);
    // the L1 subproblem of the quadratic model, by cyclic coordinate descent
    for (let sweep = 0; sweep < 1000; sweep++) {
      let moved = 0;
      for (let j = 0; j < P; j++) {
        const h = Math.max(-C * cur.hessian[j * P + j]!, 1e-300);
        let g = -C * cur.gradient[j]!;
        for (let u = 0; u < P; u++) g += -C * cur.hessian[j * P + u]! * step[u]!;
        const z = coordinateStep(w[j]! + step[j]!, g, h);
        step[j]! += z;
        moved = Math.max(moved, Math.abs(z));
      }
      if (moved <= 1e-15 * Math.max(1, ...step.map(Math.abs))) break;
    }
    let improved = false;
    for (let halvings = 0, t = 1; halvings < 60; halvings++, t /= 2) {
      const x = w.map((v, j) => v + t * step[j]!);
      const o = f(x);
      const Fx = penalised(x, o);
      // near the minimum the decrease is below the rounding of F: a step that does not increase F
      // beyond that rounding is taken, and the subgradient decides convergence
      if (Number.isFinite(Fx) && Fx <= F + 1e-13 * Math.max(1, Math.abs(F))) {
        improved = x.some((v, j) => v !== w[j]);
        w = x;
        cur = o;
        F = Fx;
        break;
      }
    }
    if (!improved) break;
  }
  const gradientNorm = subgradientNorm(w, cur.gradient, C);
  return {
    x: w,
    value: cur.value,
    gradientNorm,
    iterations,
    converged: gradientNorm <= opts.tolerance,
    covariance: null,
  };
}
