/**
 * src/model/selection/logit.ts, every path: softmax choice (with the maximum subtracted), the
 * Bradley-Terry pair, pairwise means with the cached exponentials of `choice` and the underflow
 * fallback, and the welfare without each producer (the division and the direct recomputation).
 */
import { describe, expect, it } from "vitest";
import { logitKernel } from "../../../src/model/selection/logit.js";
import { sigmoid } from "../../../src/numeric/normal.js";
import { rng } from "../../helpers/random.js";

/** The definitions, computed the slow way (no max shift, no caches) for moderate `beta`. */
function softmax(q: readonly number[], beta: number): number[] {
  const e = q.map((x) => Math.exp(beta * x));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
function pairwiseMeansByDefinition(q: readonly number[], beta: number): number[] {
  if (q.length === 1) return [1];
  return q.map((qi, i) => {
    let s = 0;
    q.forEach((qj, j) => {
      if (j !== i) s += sigmoid(beta * (qi - qj));
    });
    return s / (q.length - 1);
  });
}
function welfareWithoutByDefinition(q: readonly number[], beta: number): number[] {
  if (q.length === 1) return [0];
  return q.map((_, k) => {
    const rest = q.filter((_, i) => i !== k);
    const pi = softmax(
      rest.map((x) => x - Math.max(...rest)),
      beta,
    );
    return rest.reduce((a, x, i) => a + pi[i]! * x, 0);
  });
}
function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-12): void {
  expect(actual.length).toBeGreaterThanOrEqual(expected.length);
  expected.forEach((e, i) => {
    expect(Math.abs(actual[i]! - e), `entry ${i}: ${actual[i]} vs ${e}`).toBeLessThanOrEqual(tol);
  });
}

describe("logitKernel.choice", () => {
  it("is the softmax of beta q, and uniform at beta = 0", () => {
    const out = new Float64Array(3);
    logitKernel(2).choice([0.5, 0.1, 0.9], 3, 1, out);
    expectClose(out, softmax([0.5, 0.1, 0.9], 2));
    logitKernel(0).choice([0.5, 0.1, 0.9], 3, 1, out);
    expectClose(out, [1 / 3, 1 / 3, 1 / 3]);
  });

  it("stays finite and exact at huge beta (the maximum is subtracted)", () => {
    const out = new Float64Array(3);
    logitKernel(1e4).choice([1, 0.5, 0.999], 3, 1, out);
    // exp(1e4 * 0.5) overflows without the shift; with it the leader gets 1/(1 + e^-10)
    expectClose(out, [1 / (1 + Math.exp(-10)), 0, Math.exp(-10) / (1 + Math.exp(-10))]);
  });

  it("matches the definition on 200 seeded random columns, growing its buffers past 8", () => {
    const r = rng("logit-choice");
    const k = logitKernel(3);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(r() * 20);
      const q = Array.from({ length: n }, () => r());
      const out = new Float64Array(n);
      k.choice(q, n, 1, out);
      expectClose(out, softmax(q, 3));
    }
  });
});

describe("logitKernel.beats", () => {
  it("is sigmoid(beta (a - b)), one half at a tie", () => {
    const k = logitKernel(5);
    expect(k.beats(0.7, 0.2, 1)).toBeCloseTo(sigmoid(2.5), 15);
    expect(k.beats(0.2, 0.7, 1)).toBeCloseTo(sigmoid(-2.5), 15);
    expect(k.beats(0.4, 0.4, 1)).toBe(0.5);
  });
});

describe("logitKernel.pairwiseMeans", () => {
  it("is 1 for a single producer", () => {
    const out = new Float64Array(1);
    logitKernel(3).pairwiseMeans([0.2], 1, 1, out);
    expect(out[0]).toBe(1);
  });

  it("uses the exponentials of choice on the same column, and not on a different one (no stale cache)", () => {
    const r = rng("logit-cache");
    for (let trial = 0; trial < 100; trial++) {
      const k = logitKernel(4);
      const n = 2 + Math.floor(r() * 6);
      const a = Array.from({ length: n }, () => r());
      const b = a.slice();
      b[Math.floor(r() * n)] = r(); // same length, one entry differs
      const pi = new Float64Array(n);
      const out = new Float64Array(n);
      k.choice(a, n, 1, pi);
      k.pairwiseMeans(a, n, 1, out); // cached path
      expectClose(out, pairwiseMeansByDefinition(a, 4));
      k.pairwiseMeans(b, n, 1, out); // cache must not be used
      expectClose(out, pairwiseMeansByDefinition(b, 4));
      k.pairwiseMeans(a, n, 1, out); // after a recompute for b, a must not read b's exponentials
      expectClose(out, pairwiseMeansByDefinition(a, 4));
      const c = a.slice(0, n - 1); // a prefix: same entries, fewer producers
      k.choice(a, n, 1, pi);
      k.pairwiseMeans(c, n - 1, 1, out);
      expectClose(out, pairwiseMeansByDefinition(c, 4));
    }
  });

  it("a kernel never given choice computes its own exponentials, growing its buffers", () => {
    const q = Array.from({ length: 12 }, (_, i) => i / 12);
    const out = new Float64Array(12);
    logitKernel(2).pairwiseMeans(q, 12, 1, out);
    expectClose(out, pairwiseMeansByDefinition(q, 2));
  });

  it("falls back to the sigmoid where both exponentials underflow, with the right sign", () => {
    // beta 1e4: exp(1e4 (0.01 - 1)) and exp(1e4 (0 - 1)) are both 0, so a_1 / (a_1 + a_2) is 0/0;
    // the fallback gives P(0.01 beats 0) = sigmoid(100) = 1 and P(0 beats 0.01) = 0.
    const q = [1, 0.01, 0];
    const out = new Float64Array(3);
    const k = logitKernel(1e4);
    k.pairwiseMeans(q, 3, 1, out);
    expect(Array.from(out)).toEqual([1, 0.5, 0]);
    k.choice(q, 3, 1, new Float64Array(3)); // the cached path takes the same fallback
    k.pairwiseMeans(q, 3, 1, out);
    expect(Array.from(out)).toEqual([1, 0.5, 0]);
    // two underflowed equal qualities tie at 1/2 each
    k.pairwiseMeans([1, 0, 0], 3, 1, out);
    expect(Array.from(out)).toEqual([1, 0.25, 0.25]);
  });

  it("matches the definition on seeded random columns for beta from 0 to 1e4", () => {
    const r = rng("logit-means");
    for (const beta of [0, 0.5, 8, 300, 1e4]) {
      const k = logitKernel(beta);
      for (let trial = 0; trial < 60; trial++) {
        const n = 1 + Math.floor(r() * 9);
        const q = Array.from({ length: n }, () => Math.round(r() * 100) / 100);
        const out = new Float64Array(n);
        if (r() < 0.5) k.choice(q, n, 1, new Float64Array(n));
        k.pairwiseMeans(q, n, 1, out);
        expectClose(out, pairwiseMeansByDefinition(q, beta), 1e-12);
      }
    }
  });
});

describe("logitKernel.welfareWithout", () => {
  it("is 0 for a single producer", () => {
    const out = new Float64Array(1);
    logitKernel(3).welfareWithout([0.4], 1, 1, new Float64Array([1]), out);
    expect(out[0]).toBe(0);
  });

  it("matches the definition both by division (pi_k < 1/2) and recomputed (pi_k >= 1/2)", () => {
    const r = rng("logit-without");
    let direct = 0;
    let divided = 0;
    for (const beta of [0, 1, 10, 200]) {
      const k = logitKernel(beta);
      for (let trial = 0; trial < 60; trial++) {
        const n = 2 + Math.floor(r() * 7);
        const q = Array.from({ length: n }, () => r());
        const pi = new Float64Array(n);
        const out = new Float64Array(n);
        k.choice(q, n, 1, pi);
        for (let i = 0; i < n; i++) if (1 - pi[i]! < 0.5) direct++;
        divided += n;
        k.welfareWithout(q, n, 1, pi, out);
        expectClose(out, welfareWithoutByDefinition(q, beta), 1e-9);
      }
    }
    expect(direct).toBeGreaterThan(20); // both branches ran
    expect(divided - direct).toBeGreaterThan(20);
  });

  it("recomputes a dominant producer's column exactly where the division would lose it", () => {
    // pi_0 = 1 - 1e-17 rounds to 1: (U - pi_0 q_0) / (1 - pi_0) would be 0/0
    const q = [1, 0.2, 0.1];
    const pi = new Float64Array(3);
    const out = new Float64Array(3);
    const k = logitKernel(50);
    k.choice(q, 3, 1, pi);
    k.welfareWithout(q, 3, 1, pi, out);
    const e = Math.exp(-50 * 0.1);
    expect(out[0]).toBeCloseTo((0.2 + 0.1 * e) / (1 + e), 14);
  });
});

describe("logitKernel on buffers longer than the column (as ColumnState passes them)", () => {
  it("reads only q[0..n) and writes only out[0..n), whatever lies beyond", () => {
    const r = rng("logit-buffers");
    for (let trial = 0; trial < 50; trial++) {
      const n = 2 + Math.floor(r() * 5);
      const column = Array.from({ length: n }, () => r());
      // junk after the column: a huge quality (would win every max) and a NaN
      const q = new Float64Array([...column, 50, Number.NaN]);
      const beta = [0.5, 5, 40][trial % 3]!;
      const k = logitKernel(beta);
      const pi = new Float64Array(n + 2).fill(-7);
      k.choice(q, n, 1, pi);
      expectClose(pi, softmax(column, beta));
      expect(Array.from(pi.subarray(n))).toEqual([-7, -7]);
      const means = new Float64Array(n + 2).fill(-7);
      k.pairwiseMeans(q, n, 1, means);
      expectClose(means, pairwiseMeansByDefinition(column, beta));
      expect(Array.from(means.subarray(n))).toEqual([-7, -7]);
      const fresh = logitKernel(beta); // no cached exponentials
      fresh.pairwiseMeans(q, n, 1, means);
      expectClose(means, pairwiseMeansByDefinition(column, beta));
      expect(Array.from(means.subarray(n))).toEqual([-7, -7]);
      const without = new Float64Array(n + 2).fill(-7);
      k.welfareWithout(q, n, 1, pi, without);
      expectClose(without, welfareWithoutByDefinition(column, beta), 1e-9);
      expect(Array.from(without.subarray(n))).toEqual([-7, -7]);
    }
  });

  it("welfare without a dominant producer at huge beta shifts by the others' maximum (no overflow)", () => {
    const q = [1, 0.9, 0];
    const pi = new Float64Array(3);
    const out = new Float64Array(3);
    const k = logitKernel(1e4);
    k.choice(q, 3, 1, pi);
    k.welfareWithout(q, 3, 1, pi, out);
    expect(out[0]).toBeCloseTo(0.9, 12); // the 0 is exp(-9000) behind: U_{-0} = 0.9
    expect(out[1]).toBeCloseTo(1, 12);
    expect(out[2]).toBeCloseTo(1, 12);
  });
});
