/**
 * How numbers print in the text output of every command: a fixed number of decimals with no negative
 * zero (`-0.0001` to 3 decimals is `0.000`, not `-0.000`), one symbol for a missing or undefined value
 * (`MISSING`, `-`), infinities as words, counts with the noun in the singular for exactly 1, and weighted
 * counts (sums of weights such as `1.9999999999999998` judgements) rounded to the relative tolerance
 * of `tolerance.ts`. The text forms only: `--json` and `--csv` keep every number in full precision.
 */

import { RELATIVE_TOLERANCE } from "./tolerance.js";

/** The one printed symbol of a value that is missing or undefined (docs/reference.md, "Output forms"). */
export const MISSING = "-";

/**
 * `x` with `decimals` decimals, as `toFixed` but without a negative zero; `MISSING` for `null`,
 * `undefined` and NaN, and `infinity` / `-infinity` for infinite values.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * fixed(-0.0001, 3); // "0.000"
 */
export function fixed(x: number | null | undefined, decimals = 3): string {
  if (x === null || x === undefined || Number.isNaN(x)) return MISSING;
  if (x === Number.POSITIVE_INFINITY) return "infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-infinity";
  const text = x.toFixed(decimals);
  // a negative number that rounds to zero prints as zero
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * A count or a sum of weights as text: rounded to the nearest integer when within
 * `RELATIVE_TOLERANCE` of it (relative to the count, at least 1), else in JavaScript's shortest form
 * of the value rounded to 9 significant digits (a weighted count of 2.5 judgements stays `2.5`).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * countText(1.9999999999999998); // "2"
 */
export function countText(k: number): string {
  if (!Number.isFinite(k)) return fixed(k);
  const nearest = Math.round(k);
  if (Math.abs(k - nearest) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(k))) return String(nearest);
  return String(Number(k.toPrecision(9)));
}

/**
 * `k` and the noun: `one` when `k` is 1 (after `countText`'s rounding), else `many` (default `one`
 * with an `s`).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * plural(1, "judgement"); // "1 judgement"
 */
export function plural(k: number, one: string, many = `${one}s`): string {
  const text = countText(k);
  return `${text} ${text === "1" ? one : many}`;
}
