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
