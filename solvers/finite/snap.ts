/**
 * Payoff snapping and the tiny-probability warning: what keeps payoffs computed in doubles (a market
 * game's) from producing equilibria whose probabilities are artifacts of their last bits.
 */
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";

/**
 * Snaps a player's float payoffs that are equal within `tolerance x` the player's payoff range: sorted,
 * each run of values within the tolerance of the run's first (smallest) value takes that value. Returns
 * how many payoffs changed. Runs are anchored at their first value, so snapping never chains across
 * more than one tolerance.
 *
 * @example
 * const t = Float64Array.of(0.5, 0.5 + 1e-15, 1); snapPayoffs(t, 1e-9); // 1; t = [0.5, 0.5, 1]
 */
export function snapPayoffs(table: Float64Array, tolerance = RELATIVE_TOLERANCE): number {
  const order = Array.from(table.keys()).sort((a, b) => table[a]! - table[b]!);
  if (order.length === 0) return 0;
  const range = table[order[order.length - 1]!]! - table[order[0]!]!;
  const eps = tolerance * (range > 0 ? range : Math.max(Math.abs(table[order[0]!]!), Number.MIN_VALUE));
  let changed = 0;
  let anchor = table[order[0]!]!;
  for (const k of order) {
    const v = table[k]!;
    if (v - anchor > eps) anchor = v;
    else if (v !== anchor) {
      table[k] = anchor;
      changed++;
    }
  }
  return changed;
}

/**
 * The smallest positive probability of an exact equilibrium, when below `threshold` (default 1e-9):
 * on a market game's float payoffs such probabilities are artifacts of payoffs that differ in their
 * last bits, not a mixed strategy anyone would play. `null` when there is none.
 *
 * @example
 * tinyProbability([[Rational.parse("1/1000000000000000"), Rational.parse("999999999999999/1000000000000000")]]); // 1e-15
 */
export function tinyProbability(
  profile: readonly (readonly { toNumber(): number; sign(): number }[])[],
  threshold = 1e-9,
): number | null {
  let smallest: number | null = null;
  for (const x of profile) {
    for (const v of x) {
      if (v.sign() <= 0) continue;
      const f = v.toNumber();
      if (f < threshold && (smallest === null || f < smallest)) smallest = f;
    }
  }
  return smallest;
}
