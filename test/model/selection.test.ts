import { describe, expect, it } from "vitest";
import { beatProbability, choiceProbabilities, probitKernel } from "../../src/model/selection/index.js";
import type { SelectionRule } from "../../src/model/types.js";
import { normalCdf, normalPdf, sigmoid } from "../../src/numeric/normal.js";
import { gaussLegendre } from "../../src/numeric/quadrature.js";
import { rng } from "../helpers/random.js";

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

describe("probit quadrature", () => {
  it("equals the two-producer closed form Phi(d / (sigma sqrt 2))", () => {
    for (const sigma of [0.01, 0.1, 0.25, 1, 5]) {
      for (const [a, b] of [
        [0.7, 0.3],
        [0.3, 0.7],
        [0.5, 0.5],
        [1, 0],
      ] as const) {
        const pi = choiceProbabilities({ rule: "probit", sigma }, [a, b]);
        const exact = normalCdf((a - b) / (sigma * Math.SQRT2));
        expect(Math.abs(pi[0]! - exact)).toBeLessThan(1e-9);
        expect(Math.abs(pi[1]! - (1 - exact))).toBeLessThan(1e-9);
      }
    }
  });

  it("agrees with a 4x finer, 20-point rule to 1e-12 (absolute error well under 1e-9)", () => {
    const r = rng("probit-accuracy");
    const fine = new Float64Array(8);
    const coarse = new Float64Array(8);
    for (let k = 0; k < 60; k++) {
      const n = 2 + Math.floor(r() * 7);
      const sigma = [0.02, 0.1, 0.3, 1, 3][k % 5]!;
      const q = Array.from({ length: n }, () => (r() < 0.2 ? 0.5 : r()));
      probitKernel(sigma).choice(q, n, 1, coarse);
      probitKernel(sigma, { panel: 0.25, points: 20 }).choice(q, n, 1, fine);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        expect(Math.abs(coarse[i]! - fine[i]!)).toBeLessThan(1e-12);
        sum += coarse[i]!;
      }
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
    }
  });

  it("is accurate at every panel layout (clusters of 3 to 21 nearby producers among 24)", () => {
    const r = rng("probit-clusters");
    const n = 24;
    for (const m of [3, 4, 5, 12, 13, 20, 21]) {
      for (const sigma of [0.02, 0.3, 3]) {
        const tie = r();
        const q = Array.from({ length: n }, (_, i) => (i < m ? tie : r()));
        const a = new Float64Array(n);
        const b = new Float64Array(n);
        probitKernel(sigma).choice(q, n, 1, a);
        probitKernel(sigma, { panel: 0.1, points: 20 }).choice(q, n, 1, b);
        let sum = 0;
        for (let i = 0; i < n; i++) {
          expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-11);
          sum += a[i]!;
        }
        expect(Math.abs(sum - 1)).toBeLessThan(1e-10);
      }
    }
  });

  it("stays accurate with many producers and heavy ties (up to 400)", () => {
    const r = rng("probit-ties");
    for (const n of [30, 126, 400]) {
      const tie = r();
      const q = Array.from({ length: n }, (_, i) => (i < 0.9 * n ? tie : r()));
      for (const sigma of [0.01, 0.05, 0.2]) {
        const a = new Float64Array(n);
        const b = new Float64Array(n);
        probitKernel(sigma).choice(q, n, 1, a);
        probitKernel(sigma, { panel: 0.1, points: 20 }).choice(q, n, 1, b);
        let sum = 0;
        for (let i = 0; i < n; i++) {
          expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-11);
          sum += a[i]!;
        }
        expect(Math.abs(sum - 1)).toBeLessThan(1e-10);
      }
    }
  });

  it("agrees with a seeded Monte-Carlo estimate within 5 standard errors", () => {
    const r = rng("probit-monte-carlo");
    const gauss = () => {
      // Box-Muller on the seeded stream
      const u = 1 - r();
      const v = r();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    };
    const q = [0.6, 0.5, 0.55, 0.2, 0.6];
    const sigma = 0.15;
    const N = 200_000;
    const wins = new Array<number>(q.length).fill(0);
    for (let s = 0; s < N; s++) {
      let best = -1;
      let bestV = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < q.length; i++) {
        const v = q[i]! + sigma * gauss();
        if (v > bestV) {
          bestV = v;
          best = i;
        }
      }
      wins[best]!++;
    }
    const pi = choiceProbabilities({ rule: "probit", sigma }, q);
    pi.forEach((p, i) => {
      const se = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(wins[i]! / N - p)).toBeLessThan(5 * se + 1e-12);
    });
  });

  it("welfare without each producer matches removing it", () => {
    const r = rng("probit-without");
    const out = new Float64Array(8);
    const pi = new Float64Array(8);
    for (let k = 0; k < 30; k++) {
      const n = 2 + Math.floor(r() * 6);
      const sigma = [0.01, 0.1, 0.5][k % 3]!;
      const q = Array.from({ length: n }, () => r());
      const kernel = probitKernel(sigma);
      kernel.choice(q, n, 1, pi);
      kernel.welfareWithout(q, n, 1, pi, out);
      // a fresh kernel has no cached nodes from `choice`: the direct path must agree
      const direct = new Float64Array(8);
      probitKernel(sigma).welfareWithout(q, n, 1, pi, direct);
      for (let j = 0; j < n; j++) expect(Math.abs(direct[j]! - out[j]!)).toBeLessThan(1e-13);
      for (let j = 0; j < n; j++) {
        const rest = q.filter((_, i) => i !== j);
        const p = choiceProbabilities({ rule: "probit", sigma }, rest);
        const u = rest.reduce((s, x, i) => s + x * p[i]!, 0);
        expect(Math.abs(out[j]! - u)).toBeLessThan(1e-10);
      }
    }
  });
});
