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
