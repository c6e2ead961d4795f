/**
 * Rank intervals other than the printed one, measured beside it by the coverage study
 * (`coverage.ts`, option `rankAlternatives`; docs/pairwise.md "Rank intervals, measured"). None is
 * printed: none covers within 2 points of 95% where ranks are uncertain (the table says why). Each
 * takes the data's ratings and the bootstrap replicates' ratings (one connected group; rank 1 = best)
 * and gives `[lower, upper]` in whole ranks for model `k`:
 *
 * - `shortest`: the shortest run of consecutive ranks holding >= 95% of the replicates' ranks;
 * - `centred`: the basic bootstrap on ranks, `[2 R - q97.5, 2 R - q2.5]` (R the data's rank), clipped
 *   to `[1, N]` (Davison and Hinkley 1997, Sec. 5.2, applied to the rank);
 * - `pairwise`: `[1 + #surely above, N - #surely below]`, "surely above" when the percentile interval
 *   of the replicates' rating difference lies above 0, at 95% per pair or at `1 - 0.05 / (N - 1)` per
 *   pair (Bonferroni over the model's `N - 1` comparisons, the adjustment Klein, Wright and
 *   Wieczorek use for rank confidence sets: "A joint confidence region for an overall ranking of
 *   populations", JRSS C 69 (2020));
 * - `own`: percentiles of the rank of the model's replicate rating among the other models' estimates
 *   (only its own rating re-noised; it ignores the others' uncertainty, so it is not principled, and
 *   is measured only to show how far a narrower construction goes).
 */
import { quantile } from "../quantile.js";
import { groupRanks } from "./leaderboard.js";

/** The constructions, by the name the coverage table prints. */
export const RANK_ALTERNATIVES = [
  "shortest consecutive ranks >= 95%",
  "centred (basic) bootstrap of ranks",
  "pairwise differences, 95% each",
  "pairwise differences, Bonferroni",
  "own replicate against the others' estimates",
] as const;

/** The shortest run of consecutive ranks `1..n` holding >= `share` of `ranks` (the first on ties). */
function shortestRun(ranks: readonly number[], n: number, share: number): [number, number] {
  const counts = new Array<number>(n + 2).fill(0);
  for (const k of ranks) counts[k]!++;
  const need = share * ranks.length - 1e-9;
  let best: [number, number] = [1, n];
  for (let lo = 1; lo <= n; lo++) {
    let s = 0;
    for (let hi = lo; hi <= n && hi - lo < best[1] - best[0]; hi++) {
      s += counts[hi]!;
      if (s >= need) {
        best = [lo, hi];
        break;
      }
    }
  }
  return best;
}

/** `[1 + #surely above, N - #surely below]` from the replicates' rating differences at tail `p`. */
function pairwise(k: number, reps: readonly (readonly number[])[], p: number): [number, number] {
  const n = reps[0]!.length;
  let above = 0;
  let below = 0;
  for (let j = 0; j < n; j++) {
    if (j === k) continue;
    const d = reps.map((x) => x[j]! - x[k]!);
    if (quantile(d, p) > 0) above++;
    else if (quantile(d, 1 - p) < 0) below++;
  }
  return [1 + above, n - below];
}

/**
 * Every alternative rank interval of every model, in the order of `RANK_ALTERNATIVES`.
 * `estimate`: the data's ratings; `reps`: the replicates' ratings (same models, at least one).
 */
export function rankAlternatives(
  estimate: readonly number[],
  reps: readonly (readonly number[])[],
): Array<Array<[number, number]>> {
  const n = estimate.length;
  const one = new Array<number>(n).fill(0);
  const point = groupRanks(estimate, one);
  const repRanks = reps.map((r) => groupRanks(r, one));
  const bonferroni = 0.025 / (n - 1);
  return estimate.map((_, k) => {
    const rk = repRanks.map((r) => r[k]!);
    const own = reps.map((r) => 1 + estimate.filter((y, j) => j !== k && y > r[k]!).length);
    return [
      shortestRun(rk, n, 0.95),
      [
        Math.max(1, 2 * point[k]! - quantile(rk, 0.975, true)),
        Math.min(n, 2 * point[k]! - quantile(rk, 0.025, true)),
      ],
      pairwise(k, reps, 0.025),
      pairwise(k, reps, bonferroni),
      [quantile(own, 0.025, true), quantile(own, 0.975, true)],
    ];
  });
}
