/**
 * The interface every selection rule implements, on one task's column of qualities.
 *
 * Kernels keep their scratch buffers between calls so that evaluating a market allocates nothing per
 * task; they are cheap to create but not safe to share between concurrent evaluations.
 */
export interface SelectionKernel {
  /**
   * Choice probabilities `pi_i` of the column `q[0..n)` written to `out[0..n)`. `cap` is the task's
   * value cap `v_t` (the scale of the tie tolerance).
   */
  choice(q: ArrayLike<number>, n: number, cap: number, out: Float64Array): void;
  /** `P(a beats b)`: the rule applied to the two-producer market `{a, b}`, ties counting one half. */
  beats(a: number, b: number, cap: number): number;
  /**
   * Welfare of the column with producer `k` removed, for every `k`, written to `out[0..n)`. `pi` holds
   * this column's choice probabilities (from `choice`). With one producer the result is 0.
   */
  welfareWithout(q: ArrayLike<number>, n: number, cap: number, pi: Float64Array, out: Float64Array): void;
  /**
   * `mean_{j != i} P(i beats j)` for every `i`, written to `out[0..n)` (1 when `n = 1`: nobody to beat).
   * Equal to averaging `beats` over pairs; kernels compute it in one pass without a call per pair.
   */
  pairwiseMeans(q: ArrayLike<number>, n: number, cap: number, out: Float64Array): void;
}

/**
 * `pairwiseMeans` for the threshold rules (`perfect`, `epsilon`): `P(i beats j)` is
 * `(1 - eps) [1, 1/2, 0] + eps/2` as `q_i` is above, tied with or below `q_j` (ties within the tolerance).
 */
export function thresholdPairwiseMeans(
  q: ArrayLike<number>,
  n: number,
  tol: number,
  eps: number,
  out: Float64Array,
): void {
  if (n === 1) {
    out[0] = 1;
    return;
  }
  for (let i = 0; i < n; i++) {
    const qi = q[i]!;
    let score = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = qi - q[j]!;
      score += d > tol ? 1 : d < -tol ? 0 : 0.5;
    }
    out[i] = ((1 - eps) * score) / (n - 1) + eps / 2;
  }
}

/** Largest and second-largest entries of `q[0..n)`, with the index of the largest. */
export function topTwo(q: ArrayLike<number>, n: number): { first: number; second: number; argFirst: number } {
  let first = Number.NEGATIVE_INFINITY;
  let second = Number.NEGATIVE_INFINITY;
  let argFirst = -1;
  for (let i = 0; i < n; i++) {
    const v = q[i]!;
    if (v > first) {
      second = first;
      first = v;
      argFirst = i;
    } else if (v > second) {
      second = v;
    }
  }
  return { first, second, argFirst };
}
