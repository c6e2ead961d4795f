/**
 * The probit (Thurstone) kernel, `src/model/selection/probit.ts`: its quadrature against closed forms, finer
 * rules and Monte Carlo, its removal (`welfareWithout`) paths, and the branches of its grid construction.
 */
import { describe, expect, it } from "vitest";
import { choiceProbabilities, probitKernel } from "../../../src/model/selection/index.js";
import { normalCdf } from "../../../src/numeric/normal.js";
import { rng } from "../../helpers/random.js";

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

/** `sum_i pi_i q_i` of a column, from a fresh kernel. */
function welfare(sigma: number, q: readonly number[]): number {
  const pi = choiceProbabilities({ rule: "probit", sigma }, q);
  return q.reduce((s, x, i) => s + x * pi[i]!, 0);
}

/** Welfare without each producer, by removing it and solving the smaller column afresh. */
function withoutByRemoval(sigma: number, q: readonly number[]): number[] {
  return q.map((_, k) =>
    q.length === 1
      ? 0
      : welfare(
          sigma,
          q.filter((_, i) => i !== k),
        ),
  );
}

describe("probit kernel: small columns and pairwise means", () => {
  it("one producer is always chosen; alone it has nobody to beat; removing it leaves nothing", () => {
    const k = probitKernel(0.3);
    const out = new Float64Array(1);
    k.choice([0.7], 1, 1, out);
    expect(out[0]).toBe(1);
    k.pairwiseMeans([0.7], 1, 1, out);
    expect(out[0]).toBe(1);
    k.welfareWithout([0.7], 1, 1, new Float64Array([1]), out);
    expect(out[0]).toBe(0);
  });

  it("removing one of two producers leaves the other's quality", () => {
    const out = new Float64Array(2);
    probitKernel(0.3).welfareWithout([0.7, 0.2], 2, 1, new Float64Array(2), out);
    expect([...out]).toEqual([0.2, 0.7]);
  });

  it("pairwise means are the averages of the closed-form beat probabilities", () => {
    const r = rng("probit-pairwise");
    for (const sigma of [0.05, 0.4, 2]) {
      const n = 5;
      const q = Array.from({ length: n }, () => r());
      const out = new Float64Array(n);
      probitKernel(sigma).pairwiseMeans(q, n, 1, out);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) if (j !== i) s += normalCdf((q[i]! - q[j]!) / (sigma * Math.SQRT2));
        expect(Math.abs(out[i]! - s / (n - 1))).toBeLessThan(1e-15);
      }
      const total = out.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - n / 2)).toBeLessThan(1e-13);
    }
  });

  it("beats is Phi(d / (sigma sqrt 2)), and a subnormal sigma does not overflow pairwise means", () => {
    expect(Math.abs(probitKernel(0.5).beats(1, 0, 1) - normalCdf(1 / (0.5 * Math.SQRT2)))).toBeLessThan(
      1e-16,
    );
    const out = new Float64Array(3);
    probitKernel(1e-310).pairwiseMeans([1, 0.5, 0.5], 3, 1, out);
    expect([...out]).toEqual([1, 0.25, 0.25]);
  });
});

describe("probit kernel: extreme columns", () => {
  it("a subnormal sigma (differences / sigma overflow) is perfect selection with the best chosen", () => {
    const k = probitKernel(1e-310);
    const pi = new Float64Array(3);
    k.choice([0.5, 1, 0], 3, 1, pi);
    expect([...pi]).toEqual([0, 1, 0]);
    const out = new Float64Array(3);
    k.welfareWithout([0.5, 1, 0], 3, 1, pi, out);
    for (const [i, v] of [1, 0.5, 1].entries()) expect(Math.abs(out[i]! - v)).toBeLessThan(1e-15);
  });

  it("producers spread far apart (many separate windows, many panels) keep every probability", () => {
    // 40 producers 30 sigma apart: each window is its own group, over 40 groups of panels
    const sigma = 0.001;
    const q = Array.from({ length: 40 }, (_, i) => 1 - 30 * sigma * i);
    const pi = choiceProbabilities({ rule: "probit", sigma }, q);
    expect(Math.abs(pi[0]! - 1)).toBeLessThan(1e-15);
    const out = new Float64Array(40);
    const k = probitKernel(sigma);
    const p = new Float64Array(40);
    k.choice(q, 40, 1, p);
    k.welfareWithout(q, 40, 1, p, out);
    const ref = withoutByRemoval(sigma, q);
    for (let i = 0; i < 40; i++) expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(1e-12);
  });

  it("the best producer far above the rest: its removal is integrated on its own grid", () => {
    // second best 70 sigma below the best (beyond the 40-sigma gap), third close to the second
    for (const q of [
      [1, 0.3, 0.29, 0.1],
      [0.3, 0.29, 1, 0.1],
    ]) {
      const sigma = 0.01;
      const k = probitKernel(sigma);
      const pi = new Float64Array(4);
      k.choice(q, 4, 1, pi);
      const out = new Float64Array(4);
      k.welfareWithout(q, 4, 1, pi, out);
      const fresh = new Float64Array(4);
      probitKernel(sigma).welfareWithout(q, 4, 1, pi, fresh);
      const ref = withoutByRemoval(sigma, q);
      for (let i = 0; i < 4; i++) {
        expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(1e-12);
        expect(Math.abs(fresh[i]! - ref[i]!)).toBeLessThan(1e-12);
      }
      // without the best, the two close ones share the task: between 0.29 and 0.3, above their mean
      const top = q.indexOf(1);
      expect(out[top]!).toBeGreaterThan(0.295);
      expect(out[top]!).toBeLessThan(0.3);
    }
  });
});

describe("probit kernel: buffers and the node cache", () => {
  it("one kernel reused on columns of growing and shrinking size gives a fresh kernel's numbers", () => {
    const r = rng("probit-reuse");
    const k = probitKernel(0.2);
    for (const n of [3, 9, 4, 17, 2, 40, 5]) {
      const q = Array.from({ length: n }, () => r());
      const a = new Float64Array(n);
      const b = new Float64Array(n);
      k.choice(q, n, 1, a);
      probitKernel(0.2).choice(q, n, 1, b);
      expect([...a]).toEqual([...b]);
      const wa = new Float64Array(n);
      const wb = new Float64Array(n);
      k.welfareWithout(q, n, 1, a, wa);
      probitKernel(0.2).welfareWithout(q, n, 1, b, wb);
      for (let i = 0; i < n; i++) expect(Math.abs(wa[i]! - wb[i]!)).toBeLessThan(1e-13);
    }
  });

  it("welfareWithout after choice on another column (same size, one entry or a prefix apart) is not stale", () => {
    const sigma = 0.1;
    const base = [0.9, 0.5, 0.45, 0.2, 0.7];
    for (const other of [
      [0.9, 0.5, 0.45, 0.2, 0.71], // last entry differs
      [0.1, 0.5, 0.45, 0.2, 0.7], // first entry differs
    ]) {
      const k = probitKernel(sigma);
      const pi = new Float64Array(5);
      k.choice(base, 5, 1, pi);
      const out = new Float64Array(5);
      k.welfareWithout(other, 5, 1, pi, out);
      const ref = withoutByRemoval(sigma, other);
      for (let i = 0; i < 5; i++) expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(1e-12);
    }
    // a shorter column whose entries are a prefix of the cached one
    const k = probitKernel(sigma);
    const pi = new Float64Array(5);
    k.choice(base, 5, 1, pi);
    const out = new Float64Array(4);
    k.welfareWithout(base.slice(0, 4), 4, 1, pi, out);
    const ref = withoutByRemoval(sigma, base.slice(0, 4));
    for (let i = 0; i < 4; i++) expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(1e-12);
  });

  it("a column too large for the node cache (8,000 producers within 2 sigma) takes the uncached path and agrees", () => {
    // 8,000 producers within one sigma of each other: the finest layout (more than 400 clustered), and
    // nodes x producers above the cache's 2^21 entries, so welfareWithout integrates afresh
    const r = rng("probit-large");
    const n = 8000;
    const sigma = 1;
    const q = Array.from({ length: n }, () => r());
    const k = probitKernel(sigma);
    const pi = new Float64Array(n);
    k.choice(q, n, 1, pi);
    expect(Math.abs(pi.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    const out = new Float64Array(n);
    k.welfareWithout(q, n, 1, pi, out);
    const order = [...q.keys()].sort((i, j) => q[j]! - q[i]!);
    for (const i of [order[0]!, order[1]!, order[500]!]) {
      const ref = welfare(
        sigma,
        q.filter((_, j) => j !== i),
      );
      expect(Math.abs(out[i]! - ref)).toBeLessThan(1e-11);
    }
  });
});

describe("probit kernel: quadrature options", () => {
  it("honours a fixed panel width and point count (a deliberately coarse rule is visibly less accurate)", () => {
    const q = [0.62, 0.6, 0.2, 0.58, 0.1];
    const sigma = 0.05;
    const exact = new Float64Array(5);
    probitKernel(sigma, { panel: 0.1, points: 20 }).choice(q, 5, 1, exact);
    const error = (quadrature: { panel?: number; points?: number }) => {
      const out = new Float64Array(5);
      probitKernel(sigma, quadrature).choice(q, 5, 1, out);
      return Math.max(...out.map((v, i) => Math.abs(v - exact[i]!)));
    };
    expect(error({})).toBeLessThan(1e-12);
    // a 2-point rule on 6-sigma panels, and 12 points (the default count) on 17-sigma panels
    expect(error({ panel: 6, points: 2 })).toBeGreaterThan(1e-4);
    expect(error({ panel: 17 })).toBeGreaterThan(1e-6);
    // the same panels with more points close the gap
    expect(error({ panel: 6, points: 26 })).toBeLessThan(1e-9);
  });

  it("a reused kernel's removal of a far-apart best uses only the current column (no stale entries)", () => {
    const k = probitKernel(0.01);
    const pi = new Float64Array(6);
    const out = new Float64Array(6);
    // a longer column first leaves values in the kernel's buffers
    const long = [1, 0.5, 0.45, 0.44, 0.43, 0.42];
    k.choice(long, 6, 1, pi);
    k.welfareWithout(long, 6, 1, pi, out);
    const short = [1, 0.3, 0.29];
    k.choice(short, 3, 1, pi);
    k.welfareWithout(short, 3, 1, pi, out);
    const ref = withoutByRemoval(0.01, short);
    for (let i = 0; i < 3; i++) expect(Math.abs(out[i]! - ref[i]!)).toBeLessThan(1e-12);
  });
});
