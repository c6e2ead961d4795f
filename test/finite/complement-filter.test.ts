/**
 * The certified floating filter of enummixed's reverse search (`ComplementFilter`): it may only reject
 * a complementary point that is exactly infeasible (checked here by an exact rational solve, also on
 * ill-conditioned systems with entries up to 2^40), it rejects most infeasible ones, and the reverse
 * search gives the same raw equilibria with and without it (the lock-step Q tableau as the oracle).
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { ComplementFilter } from "../../solvers/finite/enummixed/complement-filter.js";
import {
  newReverseSearchStats,
  type RawEquilibrium,
  reverseSearchEquilibria,
} from "../../solvers/finite/enummixed/reverse-search.js";
import { Rational } from "../../solvers/finite/rational.js";

/** Exact `y` with `M y = 1`, or null when `M` is singular. */
function exactSolve(M: bigint[][]): Rational[] | null {
  const k = M.length;
  const a = M.map((row) => [...row.map((v) => Rational.of(v)), Rational.ONE]);
  for (let c = 0; c < k; c++) {
    const p = a.findIndex((row, i) => i >= c && !row[c]!.isZero());
    if (p < 0) return null;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let i = 0; i < k; i++) {
      if (i === c) continue;
      const f = a[i]![c]!.div(a[c]![c]!);
      a[i] = a[i]!.map((v, j) => v.sub(f.mul(a[c]![j]!)));
    }
  }
  return a.map((row, i) => row[k]!.div(row[i]!));
}

/** Whether the complementary point of (S, T) is, exactly, nonsingular and outside Q. */
function exactlyInfeasible(A: bigint[][], S: number[], T: number[]): boolean | null {
  const y = exactSolve(S.map((i) => T.map((j) => A[i]![j]!)));
  if (y === null) return null;
  if (y.some((v) => v.sign() < 0)) return true;
  return A.some(
    (row, i) =>
      !S.includes(i) &&
      T.reduce((s, j, l) => s.add(Rational.of(row[j]!).mul(y[l]!)), Rational.ZERO).gt(Rational.ONE),
  );
}

function pick(rng: () => number, total: number, k: number): number[] {
  const all = [...Array(total).keys()];
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, k).sort((a, b) => a - b);
}

function rejects(f: ComplementFilter, m: number, S: number[], T: number[]): boolean {
  const inS = new Uint8Array(m);
  for (const i of S) inS[i] = 1;
  return f.rejects(Int32Array.from(S), Int32Array.from(T), S.length, inS);
}

describe("ComplementFilter", () => {
  it("rejects only exactly infeasible points, and most of them (random payoffs 1..99)", () => {
    const rng = seedrandom.alea("filter-random");
    let infeasible = 0;
    let rejected = 0;
    for (let t = 0; t < 400; t++) {
      const m = 2 + (t % 7);
      const n = 2 + ((t * 3) % 7);
      const A = Array.from({ length: m }, () =>
        Array.from({ length: n }, () => BigInt(1 + Math.floor(rng() * 99))),
      );
      const f = ComplementFilter.create(A)!;
      const k = 1 + Math.floor(rng() * Math.min(m, n));
      const S = pick(rng, m, k);
      const T = pick(rng, n, k);
      const truth = exactlyInfeasible(A, S, T);
      const r = rejects(f, m, S, T);
      if (r) expect(truth, `${JSON.stringify(A.map((x) => x.map(Number)))} S=${S} T=${T}`).toBe(true);
      if (truth === true) infeasible++;
      if (r) rejected++;
    }
    expect(infeasible).toBeGreaterThan(100);
    // the filter is only worth having if it proves nearly every infeasible case
    expect(rejected).toBeGreaterThan(0.95 * infeasible);
  });

  it("never wrong on ill-conditioned and singular systems (entries up to 2^40, near-dependent rows)", () => {
    const rng = seedrandom.alea("filter-ill");
    let singular = 0;
    for (let t = 0; t < 300; t++) {
      const k = 2 + (t % 4);
      const base = Array.from({ length: k }, () => BigInt(Math.floor(rng() * 2 ** 40)));
      // rows that differ from one base row by tiny perturbations (or not at all)
      const M = Array.from({ length: k }, () => base.map((v) => v + BigInt(Math.floor(rng() * 3) - 1)));
      const extra = base.map((v) => v + 1n);
      const A = [...M, extra];
      const f = ComplementFilter.create(A)!;
      const S = [...Array(k).keys()];
      const T = [...Array(k).keys()];
      const truth = exactlyInfeasible(A, S, T);
      if (truth === null) singular++;
      if (rejects(f, k + 1, S, T)) expect(truth).toBe(true);
    }
    expect(singular).toBeGreaterThan(0);
  });

  it("proves the simple cases and stays out of payoffs that are not exact doubles", () => {
    const f = ComplementFilter.create([
      [1n, 3n],
      [3n, 1n],
    ])!;
    expect(rejects(f, 2, [0], [0])).toBe(true); // y = 1, (A y)_1 = 3 > 1
    expect(rejects(f, 2, [0, 1], [0, 1])).toBe(false); // y = (1/4, 1/4): feasible
    const neg = ComplementFilter.create([
      [1n, 3n],
      [2n, 1n],
    ])!;
    expect(rejects(neg, 2, [0, 1], [0, 1])).toBe(false); // y = (2/5, 1/5): feasible
    const sing = ComplementFilter.create([
      [1n, 1n],
      [1n, 1n],
    ])!;
    expect(rejects(sing, 2, [0, 1], [0, 1])).toBe(false); // singular: not proved
    expect(ComplementFilter.create([[2n ** 53n + 1n]])).toBeNull();
    expect(ComplementFilter.create([[2n ** 53n]])).not.toBeNull();
  });
});

describe("reverse search with and without the filter", () => {
  it("the same raw equilibria, in the same order, on random and degenerate games", () => {
    const rng = seedrandom.alea("filter-vs-lockstep");
    let filtered = 0;
    for (let t = 0; t < 60; t++) {
      const m = 2 + (t % 6);
      const n = 2 + ((t * 5) % 6);
      const hi = t % 3 === 0 ? 2 : t % 3 === 1 ? 4 : 99;
      const draw = () =>
        Array.from({ length: m }, () => Array.from({ length: n }, () => BigInt(1 + Math.floor(rng() * hi))));
      const A = draw();
      const B = draw();
      const run = (filter: boolean) => {
        const raw: RawEquilibrium[] = [];
        const stats = newReverseSearchStats();
        reverseSearchEquilibria(A, B, (e) => raw.push(e), stats, { filter });
        // the same rational points: normalise each pair by its denominators
        const norm = raw.map((e) => {
          const x = e.x.map((v) => Rational.of(v, e.xDen).toString()).join(",");
          const y = e.y.map((v) => Rational.of(v, e.yDen).toString()).join(",");
          return `${x}|${y}`;
        });
        return { norm, stats };
      };
      const a = run(true);
      const b = run(false);
      expect(a.norm).toEqual(b.norm);
      expect(b.stats.filtered).toBe(0);
      expect(a.stats.vertices).toBe(b.stats.vertices);
      filtered += a.stats.filtered;
    }
    expect(filtered).toBeGreaterThan(100);
  });
});
