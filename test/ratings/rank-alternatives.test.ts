/**
 * The rank intervals measured beside the printed one (`empirical/ratings/rank-alternatives.ts`), on
 * replicates written by hand: 96 of 100 keep the data's order (2, 1, 0), 4 swap the first two models.
 * The printed percentile interval of model 0's ranks is 1..2 (4 replicates at rank 2 reach the 97.5%
 * order statistic); the shortest run holding 95% and the centred interval are 1..1; the pairwise
 * construction cannot order models 0 and 1 (a difference of the wrong sign in 4% of the replicates).
 * Model 1's centred interval is 2..3: the basic interval reflects the replicates' straying to rank 1.
 */
import { describe, expect, it } from "vitest";
import { RANK_ALTERNATIVES, rankAlternatives } from "../../empirical/ratings/rank-alternatives.js";

const estimate = [2, 1, 0];
const reps = Array.from({ length: 100 }, (_, k) => (k < 4 ? [1, 2, 0] : [2, 1, 0]));

describe("rankAlternatives", () => {
  it("gives each construction's interval in RANK_ALTERNATIVES order", () => {
    const alt = rankAlternatives(estimate, reps);
    expect(RANK_ALTERNATIVES.length).toBe(9);
    // shortest, centred, pairwise 95%, pairwise Bonferroni, own, marginal (max-t), EB equal-tailed,
    // EB shortest, the data's rank. The marginal set's max-t quantile is 0 (96 replicates of 100
    // reproduce the data's differences exactly), so it orders models 0 and 1; so does the EB
    // posterior, which is normal about the data's ratings with the replicates' covariance, shrunk.
    expect(alt[0]).toEqual([
      [1, 1],
      [1, 1],
      [1, 2],
      [1, 2],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    // model 1 strays up to rank 1: the centred interval reflects that to 2..3; its own replicate
    // rating ties model 0's estimate (2) in the swapped replicates, rank 1 there
    expect(alt[1]).toEqual([
      [2, 2],
      [2, 3],
      [1, 2],
      [1, 2],
      [1, 2],
      [2, 2],
      [2, 2],
      [2, 2],
      [2, 2],
    ]);
    expect(alt[2]).toEqual(Array.from({ length: 9 }, () => [3, 3]));
  });

  it("the EB posterior spreads the ranks when the replicates are noisy about close ratings", () => {
    // ratings 0.1 apart, replicates with standard deviation about 0.2: the posterior cannot order them
    const close = [0.1, 0, -0.1];
    const noisy = Array.from({ length: 200 }, (_, k) =>
      close.map((x, j) => x + 0.2 * Math.sin(7 * k + 3 * j * j + j)),
    );
    const alt = rankAlternatives(close, noisy, "noisy");
    const eb = RANK_ALTERNATIVES.indexOf("EB posterior, equal-tailed");
    for (const m of alt) expect(m[eb]).toEqual([1, 3]);
  });

  it("the shortest run needs 95%: with 6 swapped replicates model 0 spans 1..2", () => {
    const six = Array.from({ length: 100 }, (_, k) => (k < 6 ? [1, 2, 0] : [2, 1, 0]));
    expect(rankAlternatives(estimate, six)[0]![0]).toEqual([1, 2]);
  });

  it("the centred interval reflects the replicates about the data's rank and clips to 1..N", () => {
    // model 1 (data rank 2) at rank 3 in 10 replicates: percentiles 2..3, centred 1..2
    const low = Array.from({ length: 100 }, (_, k) => (k < 10 ? [2, -1, 0] : [2, 1, 0]));
    expect(rankAlternatives(estimate, low)[1]![1]).toEqual([1, 2]);
  });
});
