/**
 * Rank intervals other than the printed one, measured beside it by the coverage study
 * (`coverage.ts`, option `rankAlternatives`; docs/pairwise.md "Rank intervals, measured"). None is
 * printed: none covers within 2 points of 95% where ranks are uncertain (the table says why; the one
 * that does, the calibrated level of `--rank-interval calibrated`, is `rank-calibrated.ts`). Each
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
 *   is measured only to show how far a narrower construction goes);
 * - `marginal`: the marginal confidence set for a rank of D. Mogstad, J. P. Romano, A. M. Shaikh and
 *   D. Wilhelm, "Inference for ranks with applications to mobility across neighbourhoods and academic
 *   achievement across countries", Review of Economic Studies 91 (2024) 476-518: simultaneous 95%
 *   intervals for the `N - 1` differences `r_j - r_k` (bootstrap max-t: the 95% quantile of
 *   `max_j |d*_j - d_j| / se_j` over the replicates), `[1 + #surely above, N - #surely below]`;
 * - `EB posterior`: parametric empirical Bayes (C. N. Morris, "Parametric empirical Bayes inference:
 *   theory and applications", JASA 78 (1983) 47-55; B. Efron, Large-Scale Inference (2010)): the
 *   estimate `r ~ N(theta, S)` with `S` the replicates' covariance, the prior `theta_k ~ N(m, tau^2)`
 *   with `tau^2` by moments (the estimates' variance about their mean minus the mean variance, at
 *   least 0), so the posterior of the (mean-anchored) ratings is normal with mean
 *   `tau^2 (tau^2 P + S)^+ r` and covariance `tau^2 P - tau^4 (tau^2 P + S)^+` (`P` centres); 2,000
 *   seeded posterior draws are ranked, and the interval is the 2.5% and 97.5% order statistics of the
 *   draws' ranks (equal-tailed) or the shortest run of ranks holding 95% of them;
 * - `the data's rank alone`: not an interval to print, but a floor: every interval that holds the
 *   data's rank covers at least as often as it does.
 */
import { alea } from "../../src/numeric/alea.js";
import { quantile } from "../quantile.js";
import { groupRanks } from "./leaderboard.js";
import { cholesky, choleskyInverse } from "./linalg.js";

/** The constructions, by the name the coverage table prints. */
export const RANK_ALTERNATIVES = [
  "shortest consecutive ranks >= 95%",
  "centred (basic) bootstrap of ranks",
  "pairwise differences, 95% each",
  "pairwise differences, Bonferroni",
  "own replicate against the others' estimates",
  "marginal confidence set (Mogstad et al., max-t)",
  "EB posterior, equal-tailed",
  "EB posterior, shortest >= 95%",
  "the data's rank alone",
] as const;

/** Posterior draws of the empirical-Bayes rank intervals. */
const EB_DRAWS = 2000;

/** The marginal confidence set of model `k`'s rank (Mogstad et al. 2024): bootstrap max-t over its differences. */
function marginal(
  k: number,
  estimate: readonly number[],
  reps: readonly (readonly number[])[],
): [number, number] {
  const n = estimate.length;
  const se = estimate.map((_, j) => {
    if (j === k) return 1;
    const d = reps.map((x) => x[j]! - x[k]!);
    const m = d.reduce((s, x) => s + x, 0) / d.length;
    return Math.sqrt(Math.max(1e-300, d.reduce((s, x) => s + (x - m) ** 2, 0) / d.length));
  });
  const maxT = reps.map((x) => {
    let t = 0;
    for (let j = 0; j < n; j++)
      if (j !== k) t = Math.max(t, Math.abs(x[j]! - x[k]! - (estimate[j]! - estimate[k]!)) / se[j]!);
    return t;
  });
  const c = quantile(maxT, 0.95, true);
  let above = 0;
  let below = 0;
  for (let j = 0; j < n; j++) {
    if (j === k) continue;
    const d = estimate[j]! - estimate[k]!;
    if (d - c * se[j]! > 0) above++;
    else if (d + c * se[j]! < 0) below++;
  }
  return [1 + above, n - below];
}

/**
 * Ranks of `EB_DRAWS` draws from the empirical-Bayes posterior of the ratings (see the header), as
 * per-model arrays of ranks.
 */
function posteriorRanks(
  estimate: readonly number[],
  reps: readonly (readonly number[])[],
  seed: string,
): number[][] {
  const n = estimate.length;
  const B = reps.length;
  const mean = estimate.map((_, k) => reps.reduce((s, r) => s + r[k]!, 0) / B);
  const S = new Float64Array(n * n);
  for (const r of reps)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) S[i * n + j]! += ((r[i]! - mean[i]!) * (r[j]! - mean[j]!)) / (B - 1);
  const em = estimate.reduce((s, x) => s + x, 0) / n;
  const c = estimate.map((x) => x - em);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += S[i * n + i]!;
  const tau2 = Math.max(0, (c.reduce((s, x) => s + x * x, 0) - trace) / (n - 1));
  // A = tau^2 P + S + J / n is invertible (J / n fills the direction of equal shifts), and P A^-1 P = (tau^2 P + S)^+
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) a[i * n + j] = tau2 * ((i === j ? 1 : 0) - 1 / n) + S[i * n + j]! + 1 / n;
  const inv = cholesky(a, n) ? choleskyInverse(a, n) : new Float64Array(n * n);
  const row = new Float64Array(n);
  const col = new Float64Array(n);
  let all = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      row[i]! += inv[i * n + j]! / n;
      col[j]! += inv[i * n + j]! / n;
      all += inv[i * n + j]! / (n * n);
    }
  const pip = (i: number, j: number) => inv[i * n + j]! - row[i]! - col[j]! + all;
  const mu = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) mu[i]! += tau2 * pip(i, j) * c[j]!;
  // posterior covariance + J / n (a common shift, which leaves ranks alone), factored for the draws
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      v[i * n + j] =
        tau2 * ((i === j ? 1 : 0) - 1 / n) - tau2 * tau2 * pip(i, j) + 1 / n + (i === j ? 1e-12 : 0);
  const ok = cholesky(v, n);
  const rng = alea(`${seed}/eb`);
  const z = new Array<number>(n);
  const theta = new Array<number>(n);
  const out = estimate.map(() => [] as number[]);
  const one = new Array<number>(n).fill(0);
  for (let d = 0; d < EB_DRAWS; d++) {
    for (let i = 0; i < n; i++) z[i] = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    for (let i = 0; i < n; i++) {
      let s = mu[i]!;
      if (ok) for (let k = 0; k <= i; k++) s += v[i * n + k]! * z[k]!;
      theta[i] = s;
    }
    const ranks = groupRanks(theta, one);
    for (let k = 0; k < n; k++) out[k]!.push(ranks[k]!);
  }
  return out;
}

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
 * `estimate`: the data's ratings; `reps`: the replicates' ratings (same models, at least two);
 * `seed`: the empirical-Bayes posterior draws' stream.
 */
export function rankAlternatives(
  estimate: readonly number[],
  reps: readonly (readonly number[])[],
  seed = "1",
): Array<Array<[number, number]>> {
  const n = estimate.length;
  const one = new Array<number>(n).fill(0);
  const point = groupRanks(estimate, one);
  const repRanks = reps.map((r) => groupRanks(r, one));
  const bonferroni = 0.025 / (n - 1);
  const posterior = posteriorRanks(estimate, reps, seed);
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
      marginal(k, estimate, reps),
      [quantile(posterior[k]!, 0.025, true), quantile(posterior[k]!, 0.975, true)],
      shortestRun(posterior[k]!, n, 0.95),
      [point[k]!, point[k]!],
    ];
  });
}
