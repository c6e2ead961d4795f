/**
 * Rank intervals at a calibrated level (`ratings --bootstrap N --rank-interval calibrated`): the
 * percentile interval of the replicates' ranks, at the level `L` that covers 95% in the bootstrap
 * world, chosen for each model by a second level of bootstrap (the iterated bootstrap, or calibration
 * of the nominal level: P. Hall, "On the bootstrap and confidence intervals", Annals of Statistics 14
 * (1986) 1431-1452; R. Beran, "Prepivoting to reduce level error of confidence sets", Biometrika 74
 * (1987) 457-468; A. C. Davison and D. V. Hinkley, Bootstrap Methods and their Application (1997),
 * Sec. 3.9).
 *
 * The percentile interval of whole ranks at nominal 95% covers 99 to 100% (docs/pairwise.md, "Rank
 * intervals, measured"): its coverage depends on the gaps between neighbours, not on the nominal level
 * alone. The calibration measures that dependence where the truth is known: in the bootstrap world the
 * truth is the data's ratings `r`, the data are replicate `b` (`r*_b`), and the data's replicates are
 * `r*_b + (r*_c - r)` for every other replicate `c` (the outer replicates' deviations from the estimate
 * shifted onto `r*_b`: a location-shift approximation of the second-level bootstrap, with no refits).
 * For each model the level is the lowest at which at least 95% of the outer replicates' intervals hold
 * the model's rank in `r`; the printed interval is the percentile interval of the replicates' ranks at
 * that level. Measured (docs/pairwise.md): 95.2 to 96.8% where ranks are uncertain, but 83% for models
 * whose true ratings are equal (the bootstrap of ranks is not consistent at ties: P. Hall and H. Miller,
 * "Using the bootstrap to quantify the authority of an empirical ranking", Annals of Statistics 37
 * (2009)), so it is not the default.
 *
 * Cost: at most `CALIBRATION_OUTER` outer replicates, each ranking the `B - 1` others: `200 (B - 1)`
 * rankings of the models per task. Deterministic (no random numbers: the replicates in index order).
 */
import { quantile } from "../quantile.js";
import { groupRanks } from "./leaderboard.js";

/** The most replicates used as the outer level of the calibration (the first ones, in index order). */
export const CALIBRATION_OUTER = 200;

/** A rank interval at a calibrated level. */
export interface CalibratedRank {
  lower: number;
  upper: number;
  /** The calibrated level `L` (0..1): the interval is the `(1 - L) / 2` and `(1 + L) / 2` order statistics. */
  level: number;
}

/**
 * The depth of the world's rank `w` among the ranks counted in `counts` (`total` of them): the largest
 * tail share `p` at which the type-1 quantiles `q_p .. q_{1-p}` still hold `w`; -1 when no `p` does.
 */
function depth(counts: Int32Array, w: number, total: number): number {
  let below = 0;
  for (let r = 1; r < w; r++) below += counts[r]!;
  const at = below + counts[w]!;
  if (at === 0 || below === total) return -1;
  // q_p <= w iff p <= at / total; q_{1-p} >= w iff p < 1 - below / total
  return Math.min(at / total, 1 - below / total - 1e-12);
}

/**
 * The calibrated rank interval of every model: `estimate` are the data's ratings (`n` models), `reps`
 * the bootstrap replicates' ratings (same models; NaN where a replicate did not rate a model), `groups`
 * the data's groups (models in different groups are not ranked against each other; default one group),
 * `nominal` the target coverage (default 0.95). Ranks: 1 = best, ratings equal up to the project's
 * tolerance share a rank (`groupRanks`). With fewer than 2 replicates, or for a model with no finite
 * rank, the interval is the plain percentile interval at `nominal` (level `nominal`).
 *
 * @throws nothing for inputs of the declared types.
 * @example
 * // 96 of 100 replicates keep the order 2 > 1 > 0, 4 swap the first two models: at nominal 95% the
 * // percentile interval of model 0 is 1..2; calibrated, 1..1 (in the bootstrap world, where model 0
 * // is truly first, more than 95% of the outer replicates' replicates put it first)
 * const reps = Array.from({ length: 100 }, (_, k) => (k < 4 ? [1, 2, 0] : [2, 1, 0]));
 * calibratedRankIntervals([2, 1, 0], reps)[0]; // { lower: 1, upper: 1, level: 0 }
 */
export function calibratedRankIntervals(
  estimate: readonly number[],
  reps: readonly (readonly number[])[],
  groups: readonly number[] = estimate.map(() => 0),
  nominal = 0.95,
): CalibratedRank[] {
  const n = estimate.length;
  const B = reps.length;
  const repRanks = reps.map((r) => groupRanks(r, groups));
  const percentile = (k: number, p: number): CalibratedRank => {
    const ranks = repRanks.map((x) => x[k]!);
    return { lower: quantile(ranks, p, true), upper: quantile(ranks, 1 - p, true), level: 1 - 2 * p };
  };
  if (B < 2) return estimate.map((_, k) => percentile(k, (1 - nominal) / 2));
  const world = groupRanks(estimate, groups);
  const outer = Math.min(B, CALIBRATION_OUTER);
  const depths = Array.from({ length: n }, () => [] as number[]);
  const counts = Array.from({ length: n }, () => new Int32Array(n + 2));
  const totals = new Int32Array(n);
  const v = new Array<number>(n);
  for (let b = 0; b < outer; b++) {
    for (const c of counts) c.fill(0);
    totals.fill(0);
    const rb = reps[b]!;
    for (let c = 0; c < B; c++) {
      if (c === b) continue;
      const rc = reps[c]!;
      for (let j = 0; j < n; j++) v[j] = rb[j]! + rc[j]! - estimate[j]!;
      const rk = groupRanks(v, groups);
      for (let k = 0; k < n; k++)
        if (Number.isFinite(rk[k]!)) {
          counts[k]![rk[k]!]!++;
          totals[k]!++;
        }
    }
    for (let k = 0; k < n; k++)
      if (totals[k]! > 0 && Number.isFinite(world[k]!))
        depths[k]!.push(depth(counts[k]!, world[k]!, totals[k]!));
  }
  return estimate.map((_, k) => {
    const d = depths[k]!.sort((x, y) => x - y);
    if (d.length === 0) return percentile(k, (1 - nominal) / 2);
    // the largest tail share p with at least `nominal` of the outer depths >= p
    const p = Math.min(0.5, Math.max(0, d[Math.floor((1 - nominal) * d.length + 1e-9)]!));
    return percentile(k, p);
  });
}
