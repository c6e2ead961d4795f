/**
 * The overall winrate's interval with the design effect of the opponents met (empirical/ratings/
 * winrate.ts): Wilson's interval at `n_eff = p (1 - p) n^2 / sum_j n_j p_j (1 - p_j)`, computed by hand
 * here; against one opponent it is plain Wilson (one binomial), and it is never wider than plain Wilson.
 */

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fitBradleyTerry } from "../../empirical/ratings/bradley-terry.js";
import { type Comparisons, comparisonsFrom } from "../../empirical/ratings/comparisons.js";
import { wilson, winrates } from "../../empirical/ratings/winrate.js";
import { readPairwise } from "../../src/io/pairwise.js";
import { REPO_ROOT } from "../helpers/paths.js";

const sig = (z: number) => 1 / (1 + Math.exp(-z));

describe("winrate interval with the design effect", () => {
  // A beats B 30 of 40, C 12 of 40; B beats C 15 of 40
  const comp: Comparisons = {
    models: ["A", "B", "C"],
    i: [0, 0, 1],
    j: [1, 2, 2],
    winsI: [30, 12, 15],
    winsJ: [10, 28, 25],
    ties: [0, 0, 0],
  };
  const fit = fitBradleyTerry(comp);
  const plain = winrates(comp);
  const deff = winrates(comp, fit.ratings);

  it("is Wilson at the effective size computed from the fitted probabilities", () => {
    const r = fit.ratings;
    const pAB = sig(r[0]! - r[1]!);
    const pAC = sig(r[0]! - r[2]!);
    const variance = 40 * pAB * (1 - pAB) + 40 * pAC * (1 - pAC);
    const p = 42 / 80;
    // at the maximum-likelihood ratings the expected wins are the observed ones
    expect(40 * pAB + 40 * pAC).toBeCloseTo(42, 9);
    const nEff = (p * (1 - p) * 80 * 80) / variance;
    expect(nEff).toBeGreaterThan(80);
    const hand = wilson(p * nEff, nEff);
    expect(deff.overall[0]!.value).toBeCloseTo(p, 12);
    expect(deff.overall[0]!.lower).toBeCloseTo(hand.lower, 12);
    expect(deff.overall[0]!.upper).toBeCloseTo(hand.upper, 12);
    expect(deff.overall[0]!.n).toBe(80);
  });

  it("is never wider than plain Wilson, and the head-to-head intervals stay plain Wilson", () => {
    for (let k = 0; k < 3; k++) {
      expect(deff.overall[k]!.lower).toBeGreaterThanOrEqual(plain.overall[k]!.lower - 1e-12);
      expect(deff.overall[k]!.upper).toBeLessThanOrEqual(plain.overall[k]!.upper + 1e-12);
    }
    expect(deff.versus).toEqual(plain.versus);
  });

  it("against a single opponent it is plain Wilson (one binomial)", () => {
    const one: Comparisons = { models: ["A", "B"], i: [0], j: [1], winsI: [7], winsJ: [3], ties: [0] };
    const f = fitBradleyTerry(one);
    const a = winrates(one, f.ratings).overall[0]!;
    const b = winrates(one).overall[0]!;
    expect(a.lower).toBeCloseTo(b.lower, 9);
    expect(a.upper).toBeCloseTo(b.upper, 9);
  });
});

describe("judgement counts are counted, not summed from soft outcomes", () => {
  it("AlpacaEval's soft preferences: every model's n is a whole number of judgements", () => {
    const comp = comparisonsFrom(readPairwise(join(REPO_ROOT, "data/alpacaeval2_annotations_partial.csv")), {
      overall: true,
    });
    // the float sums of the outcomes p and 1 - p miss the count for some models (804.9999999999999)
    const summed = comp.models.map(() => 0);
    comp.i.forEach((i, k) => {
      const s = comp.winsI[k]! + comp.winsJ[k]! + comp.ties[k]!;
      summed[i]! += s;
      summed[comp.j[k]!]! += s;
    });
    expect(summed.filter((x) => !Number.isInteger(x)).length).toBeGreaterThan(0);
    const n = winrates(comp).overall.map((o) => o.n);
    expect(n.filter((x) => !Number.isInteger(x))).toEqual([]);
    for (const [k, x] of n.entries()) expect(Math.abs(x - summed[k]!)).toBeLessThan(1e-9 * x);
  });
});
