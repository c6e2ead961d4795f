/**
 * Interval arithmetic with outward rounding on doubles, for the certified root finding of the
 * N-player methods.
 *
 * JavaScript has no directed rounding, so every computed bound is pushed outward by one unit in the
 * last place or more: a correctly rounded result `r = fl(a op b)` is within half an ulp of the exact
 * value, and `r - (|r| 2^-52 + 2^-1074)` lies at least one ulp below `r` (the ulp of `r` is at most
 * `|r| 2^-52`), so `[down(r), up(r)]` contains the exact value. The results are wider than with true
 * directed rounding by about one ulp per operation, which the certified widths absorb.
 *
 * Reference: R. E. Moore, R. B. Kearfott and M. J. Cloud, Introduction to Interval Analysis (SIAM,
 * 2009), ch. 2-3 (interval operations) and sec. 8.4 (the Krawczyk method).
 */

const ULP = 2 ** -52;

/** A double at or below `x` by at least one rounding error of the operation that produced `x`. */
export function down(x: number): number {
  return x - (Math.abs(x) * ULP + Number.MIN_VALUE);
}

/** A double at or above `x` by at least one rounding error of the operation that produced `x`. */
export function up(x: number): number {
  return x + (Math.abs(x) * ULP + Number.MIN_VALUE);
}

/** Scratch result of the interval operations below (no allocation in the inner loops). */
export const R = { lo: 0, hi: 0 };

/** `R = [alo, ahi] x [blo, bhi]`, outward rounded. */
export function imul(alo: number, ahi: number, blo: number, bhi: number): void {
  if (alo >= 0 && blo >= 0) {
    R.lo = alo === 0 || blo === 0 ? 0 : down(alo * blo);
    R.hi = up(ahi * bhi);
    return;
  }
  const p1 = alo * blo;
  const p2 = alo * bhi;
  const p3 = ahi * blo;
  const p4 = ahi * bhi;
  R.lo = down(Math.min(p1, p2, p3, p4));
  R.hi = up(Math.max(p1, p2, p3, p4));
}

/** An interval for an exactly known rational value given as its nearest double `x` (or `x` itself when exact). */
export function around(x: number, exact: boolean): [number, number] {
  return exact ? [x, x] : [down(down(x)), up(up(x))];
}
