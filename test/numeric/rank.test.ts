/** src/numeric/rank.ts: the one rank function, its tie rule, and both layers that rank use it. */
import { describe, expect, it } from "vitest";
import { competitionRanks as empiricalRanks } from "../../empirical/index.js";
import { competitionRanks } from "../../src/numeric/rank.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { rng } from "../helpers/random.js";

describe("competitionRanks", () => {
  it("is competition ranking (1224): ties share the best rank, the next rank skips", () => {
    expect(competitionRanks([0.5, 0.9, 0.5, 0.1])).toEqual([2, 1, 2, 4]);
    expect(competitionRanks([3, 3, 3])).toEqual([1, 1, 1]);
    expect(competitionRanks([])).toEqual([]);
    expect(competitionRanks([-1, -2])).toEqual([1, 2]);
  });

  it("treats values within the tolerance of the scale as tied, pair by pair (never chained)", () => {
    const d = 0.6 * RELATIVE_TOLERANCE; // d under the tolerance, 2d over it
    expect(competitionRanks([0.1 + 0.2, 0.3, 0.2])).toEqual([1, 1, 3]);
    expect(competitionRanks([1, 1 - d, 1 - 2 * d])).toEqual([1, 1, 2]);
    expect(competitionRanks([1 - 2 * d, 1, 1 - d])).toEqual([2, 1, 1]);
    // with a larger scale the same gaps are ties
    expect(competitionRanks([1, 1 - d, 1 - 2 * d], 10)).toEqual([1, 1, 1]);
  });

  it("is the function the empirical study exports, and the evaluate report ranks with it", () => {
    expect(empiricalRanks).toBe(competitionRanks);
  });

  it("gives the same rank to the same value whatever the order (200 seeded permutations)", () => {
    const r = rng("ranks");
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(r() * 8);
      const values = Array.from({ length: n }, () => Math.round(r() * 4) / 4);
      const ranks = competitionRanks(values);
      const order = values.map((_, i) => i).sort(() => r() - 0.5);
      const shuffled = competitionRanks(order.map((i) => values[i]!));
      order.forEach((i, k) => {
        expect(shuffled[k]).toBe(ranks[i]);
      });
      values.forEach((v, i) => {
        expect(ranks[i]).toBe(1 + values.filter((x) => x > v).length);
      });
    }
  });
});
