/**
 * Leaderboard arithmetic: competition ranks with a float tolerance, and Kendall's rank correlation.
 */
import { InputError } from "../src/errors.js";
import { approxEqual } from "../src/numeric/tolerance.js";

/** The one rank function (src/numeric/rank.ts), re-exported for the study's users. */
export { competitionRanks } from "../src/numeric/rank.js";

/**
 * Indices of the largest entries of `values` (every index within the tolerance of the maximum), in
 * increasing index order.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * argmaxAll([0.2, 0.7, 0.7]); // [1, 2]
 */
export function argmaxAll(values: readonly number[], scale?: number): number[] {
  const s = scale ?? Math.max(1e-300, ...values.map((v) => Math.abs(v)));
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  const out: number[] = [];
  values.forEach((v, i) => {
    if (approxEqual(v, max, s)) out.push(i);
  });
  return out;
}

/**
 * Kendall's tau-b between two score vectors over the same items (ties within the tolerance count as
 * ties): `(C - D) / sqrt((P - Tx)(P - Ty))` with `C`/`D` concordant/discordant pairs, `P` all pairs and
 * `Tx`/`Ty` the pairs tied in `x`/`y`. Returns `null` when either vector is constant or has fewer than
 * two items.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * kendallTau([1, 2, 3], [1, 2, 3]); // 1
 * kendallTau([1, 2, 3], [3, 2, 1]); // -1
 */
export function kendallTau(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n !== y.length) throw new InputError(undefined, "kendallTau", `lengths ${n} and ${y.length} differ`);
  const sx = Math.max(1e-300, ...x.map((v) => Math.abs(v)));
  const sy = Math.max(1e-300, ...y.map((v) => Math.abs(v)));
  let c = 0;
  let d = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = approxEqual(x[i]!, x[j]!, sx) ? 0 : Math.sign(x[i]! - x[j]!);
      const b = approxEqual(y[i]!, y[j]!, sy) ? 0 : Math.sign(y[i]! - y[j]!);
      if (a === 0) tx++;
      if (b === 0) ty++;
      if (a !== 0 && b !== 0) {
        if (a === b) c++;
        else d++;
      }
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const denom = Math.sqrt((pairs - tx) * (pairs - ty));
  if (!(denom > 0)) return null;
  return (c - d) / denom;
}

/**
 * The scale of payoff ties: the largest absolute payoff of a rule (1 when all are 0), so that ties are
 * judged relative to the rule's own magnitude.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * payoffScale([0.2, -0.7, 0.5]); // 0.7
 * payoffScale([0, 0]); // 1
 */
export function payoffScale(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s = Math.max(s, Math.abs(values[i]!));
  return s > 0 ? s : 1;
}
