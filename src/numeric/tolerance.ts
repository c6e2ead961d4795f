/**
 * The one floating-point tolerance of modelmarket.
 *
 * Every floating comparison in the library (ties in the `perfect` rule, "all maximisers" of a best
 * response, regret checks of an equilibrium, claim predicates) uses `RELATIVE_TOLERANCE` times the
 * scale of the quantity compared: the task's value cap for qualities, the payoff range of the game for
 * payoffs. Exact (BigInt rational) paths compare exactly and do not use it.
 */
export const RELATIVE_TOLERANCE = 1e-9;

/**
 * `true` when `a` and `b` differ by at most `RELATIVE_TOLERANCE * scale`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * approxEqual(0.3, 0.1 + 0.2, 1); // true
 */
export function approxEqual(a: number, b: number, scale: number, tol = RELATIVE_TOLERANCE): boolean {
  return Math.abs(a - b) <= tol * Math.max(scale, Number.MIN_VALUE);
}

/**
 * `true` when `a` exceeds `b` by more than the tolerance (`a > b` robustly).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * definitelyGreater(1 + 1e-12, 1, 1); // false
 */
export function definitelyGreater(a: number, b: number, scale: number, tol = RELATIVE_TOLERANCE): boolean {
  return a - b > tol * Math.max(scale, Number.MIN_VALUE);
}

/**
 * The lowest quality tied with the best of a column, `max - RELATIVE_TOLERANCE * |max|`: ties of the
 * `perfect` (and `epsilon`) rule are judged relative to the column's own best quality, not to the task's
 * cap, so that qualities far below the cap (1e-10 on a cap of 1) are not all "tied" and welfare under
 * perfect selection equals `U_perfect = sum_t w_t max_i q_it`. One expression, so that every path
 * (the kernel, the incremental best response, the diversity count) draws the same line.
 *
 * @throws nothing.
 * @example
 * tieThreshold(1e-10) > 0.9e-10; // true
 */
export function tieThreshold(max: number): number {
  return max - RELATIVE_TOLERANCE * Math.abs(max);
}
