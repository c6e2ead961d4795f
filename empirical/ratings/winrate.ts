/**
 * Winrates from judgements (ties as half a win): each model's overall share of judgements won, and its
 * share against each opponent, with Wilson score intervals. Given the fitted Bradley-Terry ratings, the
 * overall interval is Wilson's with the design effect of the opponents met: a model's judgements are
 * against opponents of different strength, so its win count varies as a sum of binomials with different
 * `p_j`, `Var = sum_j n_j p_j (1 - p_j)`, less than one binomial of the mean rate (by Jensen's
 * inequality: at the maximum-likelihood ratings `sum_j n_j p_j` is the observed win count). The
 * interval is Wilson's at the effective size `n_eff = p (1 - p) n^2 / Var`, at least `n`. Chosen by
 * measured coverage (docs/pairwise.md): plain Wilson covered up to 97.1% of nominal 95%, this one 94.7
 * to 95.1.
 */
import type { Comparisons } from "./comparisons.js";

/** The 97.5% standard normal quantile (two-sided 95% intervals). */
export const Z95 = 1.959963984540054;

/** A proportion with its 95% interval. */
export interface Proportion {
  value: number;
  lower: number;
  upper: number;
  /** Judgement weight behind it. */
  n: number;
}

/**
 * Wilson's score interval for `successes / n` (ties counted as half a success, so `successes` may be
 * fractional); `n = 0` gives NaNs.
 *
 * Source: E. B. Wilson, "Probable inference...", JASA 22 (1927); Agresti & Coull (1998).
 *
 * @throws nothing (`n = 0` gives NaNs).
 * @example
 * wilson(8, 10); // { value: 0.8, lower: 0.49..., upper: 0.94..., n: 10 }
 */
export function wilson(successes: number, n: number, z = Z95): Proportion {
  if (!(n > 0)) return { value: Number.NaN, lower: Number.NaN, upper: Number.NaN, n };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), n };
}

/** Winrates of every model of a comparison set. */
export interface Winrates {
  models: string[];
  /** Share of all its judgements each model won (ties half). */
  overall: Proportion[];
  /**
   * Pairwise winrate: the mean over the opponents it met of its winrate against each (every opponent
   * counts equally, however many judgements; the arena's "average win rate"). No interval (a mean of
   * proportions of different precision); the bootstrap gives one.
   */
  pairwise: number[];
  /**
   * `versus[i][j]`: model `i`'s winrate against `j`, or `null` when they never met. Empty above
   * `VERSUS_MODEL_LIMIT` models (an `n x n` table of 20,000 models would not fit in memory).
   */
  versus: Array<Array<Proportion | null>>;
}

/** Above this many models `Winrates.versus` is left empty. */
export const VERSUS_MODEL_LIMIT = 2000;

/**
 * Winrates (ties half a win) from aggregated comparisons; with `fitted` (Bradley-Terry ratings of the
 * same comparisons, logits) the overall intervals carry the design effect (see the module comment).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * winrates(comparisonsFrom(pairwise, { overall: true })).overall[0]!.value; // 0.736 (the first model's overall win rate)
 */
export function winrates(comp: Comparisons, fitted?: readonly number[]): Winrates {
  const n = comp.models.length;
  const won = new Float64Array(n);
  const total = new Float64Array(n);
  const dense = n <= VERSUS_MODEL_LIMIT;
  const versus: Array<Array<Proportion | null>> = dense
    ? Array.from({ length: n }, () => new Array(n).fill(null))
    : [];
  const sum = new Float64Array(n);
  const met = new Float64Array(n);
  // the model's win count variance under the fit: sum over pairs of n p (1 - p)
  const variance = new Float64Array(n);
  for (let k = 0; k < comp.i.length; k++) {
    const i = comp.i[k]!;
    const j = comp.j[k]!;
    const t = comp.ties[k]!;
    const wi = comp.winsI[k]! + 0.5 * t;
    const wj = comp.winsJ[k]! + 0.5 * t;
    // the pair's judgement weight as counted, not the float sum of its (soft) outcomes
    const nk = comp.weight?.[k] ?? wi + wj;
    won[i]! += wi;
    won[j]! += wj;
    total[i]! += nk;
    total[j]! += nk;
    if (fitted !== undefined) {
      const p = 1 / (1 + Math.exp(-(fitted[i]! - fitted[j]!)));
      variance[i]! += (wi + wj) * p * (1 - p);
      variance[j]! += (wi + wj) * p * (1 - p);
    }
    if (wi + wj > 0) {
      sum[i]! += wi / (wi + wj);
      sum[j]! += wj / (wi + wj);
      met[i]!++;
      met[j]!++;
    }
    if (dense) {
      versus[i]![j] = wilson(Math.min(wi, nk), nk);
      versus[j]![i] = wilson(Math.min(wj, nk), nk);
    }
  }
  return {
    models: comp.models.slice(),
    overall: comp.models.map((_, i) => {
      // the outcome sum can exceed the count by rounding
      const plain = wilson(Math.min(won[i]!, total[i]!), total[i]!);
      const N = total[i]!;
      const p = plain.value;
      if (fitted === undefined || !(p > 0 && p < 1) || !(variance[i]! > 0)) return plain;
      // Wilson at the effective size; never wider than plain Wilson (n_eff >= n at the MLE)
      const nEff = Math.max(N, (p * (1 - p) * N * N) / variance[i]!);
      return { ...wilson(p * nEff, nEff), value: p, n: N };
    }),
    pairwise: comp.models.map((_, i) => (met[i]! > 0 ? sum[i]! / met[i]! : Number.NaN)),
    versus,
  };
}
