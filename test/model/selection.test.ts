import { describe, expect, it } from "vitest";
import { beatProbability, choiceProbabilities } from "../../src/model/selection/index.js";
import type { SelectionRule } from "../../src/model/types.js";
import { normalCdf, normalPdf, sigmoid } from "../../src/numeric/normal.js";
import { gaussLegendre } from "../../src/numeric/quadrature.js";

const COLUMNS: number[][] = [[0.9, 0.1, 0.5], [0.2, 0.2, 0.7, 0.7], [1, 0, 0, 0, 0.3], [0.5], [0.33, 0.34]];

function uniform(n: number): number[] {
  return new Array<number>(n).fill(1 / n);
}

describe("normal distribution", () => {
  it("matches reference values of Phi", () => {
    // Reference values from the error function (Abramowitz & Stegun table 26.1, to 16 digits).
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 15);
    expect(normalCdf(-2)).toBeCloseTo(0.022750131948179195, 15);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 15);
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 9);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it("agrees with a fine quadrature of the density", () => {
    const { nodes, weights } = gaussLegendre(20);
    for (const x of [-7, -3.3, -1, -0.2, 0.4, 2.5, 6]) {
      // integral of phi from -12 to x in 200 panels
      let sum = 0;
      const panels = 200;
      const h = (x + 12) / panels;
      for (let p = 0; p < panels; p++) {
        const mid = -12 + (p + 0.5) * h;
        for (let g = 0; g < nodes.length; g++)
          sum += (h / 2) * weights[g]! * normalPdf(mid + (h / 2) * nodes[g]!);
      }
      expect(Math.abs(normalCdf(x) - sum)).toBeLessThan(1e-14);
    }
  });

  it("sigmoid is stable at extreme arguments", () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2) + sigmoid(-2)).toBeCloseTo(1, 15);
  });
});

describe("selection rules: limits", () => {
  it("beta = 0 and eps = 1 give the uniform rule", () => {
    for (const col of COLUMNS) {
      const logit = choiceProbabilities({ rule: "logit", beta: 0 }, col);
      const eps = choiceProbabilities({ rule: "epsilon", eps: 1 }, col);
      uniform(col.length).forEach((u, i) => {
        expect(logit[i]).toBeCloseTo(u, 15);
        expect(eps[i]).toBeCloseTo(u, 15);
      });
    }
  });

  it("eps = 0, large beta and small sigma give perfect (ties split evenly)", () => {
    for (const col of COLUMNS) {
      const perfect = choiceProbabilities({ rule: "perfect" }, col);
      const rules: SelectionRule[] = [
        { rule: "epsilon", eps: 0 },
        { rule: "logit", beta: 1e4 },
        { rule: "probit", sigma: 1e-4 },
      ];
      for (const rule of rules) {
        const pi = choiceProbabilities(rule, col);
        perfect.forEach((p, i) => {
          expect(Math.abs(pi[i]! - p)).toBeLessThan(1e-9);
        });
      }
    }
    expect(choiceProbabilities({ rule: "perfect" }, [0.2, 0.7, 0.7])).toEqual([0, 0.5, 0.5]);
  });

  it("logit is stable for beta up to 1e4 (no NaN, sums to 1)", () => {
    for (const beta of [1e2, 1e3, 1e4]) {
      const pi = choiceProbabilities({ rule: "logit", beta }, [1, 0.999, 0.5, 0]);
      expect(pi.every(Number.isFinite)).toBe(true);
      expect(pi.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
      // pi_0 / pi_1 = exp(beta * 0.001)
      if (beta <= 1e3) expect(pi[0]! / pi[1]!).toBeCloseTo(Math.exp(beta * 0.001), 9);
    }
  });

  it("epsilon mixes perfect with uniform", () => {
    const two = choiceProbabilities({ rule: "epsilon", eps: 0.3 }, [1, 0]);
    expect(two[0]).toBeCloseTo(0.85, 15);
    expect(two[1]).toBeCloseTo(0.15, 15);
    const pi = choiceProbabilities({ rule: "epsilon", eps: 0.6 }, [0.4, 0.9, 0.9]);
    expect(pi[0]).toBeCloseTo(0.2, 15);
    expect(pi[1]).toBeCloseTo(0.4, 15);
  });
});

describe("pairwise comparisons", () => {
  it("are the rule on the two-producer market", () => {
    const rules: SelectionRule[] = [
      { rule: "perfect" },
      { rule: "epsilon", eps: 0.4 },
      { rule: "logit", beta: 3 },
      { rule: "probit", sigma: 0.3 },
    ];
    for (const rule of rules) {
      for (const [a, b] of [
        [0.8, 0.3],
        [0.3, 0.8],
        [0.5, 0.5],
      ] as const) {
        const pair = choiceProbabilities(rule, [a, b]);
        expect(Math.abs(beatProbability(rule, a, b) - pair[0]!)).toBeLessThan(1e-12);
      }
    }
    expect(beatProbability({ rule: "logit", beta: 2 }, 1, 0)).toBeCloseTo(sigmoid(2), 15);
    expect(beatProbability({ rule: "probit", sigma: 0.5 }, 1, 0)).toBeCloseTo(
      normalCdf(1 / (0.5 * Math.SQRT2)),
      15,
    );
    expect(beatProbability({ rule: "epsilon", eps: 0.2 }, 0.5, 0.5)).toBeCloseTo(0.5, 15);
    expect(beatProbability({ rule: "epsilon", eps: 0.2 }, 0.6, 0.5)).toBeCloseTo(0.9, 15);
  });
});
