/** Quantiles of bootstrap replicates (shared by the summaries, the BCa interval and the coverage study). */

/**
 * The `p`-quantile (0..1) of finite values by linear interpolation between order statistics
 * (Hyndman-Fan type 7), or with `discrete` the order statistic `ceil(n p)` (type 1, for ranks); NaN when
 * there is no finite value.
 *
 * @throws nothing (no finite value gives NaN).
 * @example
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 */
export function quantile(values: readonly number[], p: number, discrete = false): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  // discrete (ranks): the order statistic itself, Hyndman-Fan type 1 (the inverse of the empirical CDF)
  if (discrete) return v[Math.max(0, Math.ceil(v.length * p) - 1)]!;
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(v.length - 1, lo + 1);
  return v[lo]! + (h - lo) * (v[hi]! - v[lo]!);
}

/**
 * The `p`-quantile (0..1) as `quantile` (Hyndman-Fan type 7), keeping infinite values and dropping only
 * NaN (no value): for a noise level whose refit can be infinite (a boundary fit), an interval whose end
 * falls on or interpolates towards an infinite replicate is infinite there. The interpolation
 * `v[lo] + h (v[hi] - v[lo])` is taken as its limit: `v[lo]` when `h` is 0 or the two are equal, the
 * infinite one when one of them is infinite. NaN when every value is NaN.
 *
 * Source: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages", The American
 * Statistician 50 (1996) 361-365 (type 7).
 *
 * @throws nothing (no value gives NaN).
 * @example
 * quantileWithInfinities([1, 2, 3, Infinity], 0.5); // 2.5
 * quantileWithInfinities([1, 2, 3, Infinity], 0.9); // Infinity (between 3 and Infinity)
 * quantileWithInfinities([1, 2, NaN, Infinity], 0); // 1 (the NaN is dropped)
 */
export function quantileWithInfinities(values: readonly number[], p: number): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (v.length === 0) return Number.NaN;
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(v.length - 1, lo + 1);
  const a = v[lo]!;
  const b = v[hi]!;
  const frac = h - lo;
  if (frac === 0 || a === b) return a;
  if (!Number.isFinite(a)) return a;
  if (!Number.isFinite(b)) return b;
  return a + frac * (b - a);
}
