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
