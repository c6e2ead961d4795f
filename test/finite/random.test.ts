/**
 * Seeded random games: enummixed against an independent support-enumeration oracle, lcp against
 * enummixed, degenerate games and the hard-game generators.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { enumMixed, isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { enumPure } from "../../solvers/finite/enumpure.js";
import {
  type ExactProfile,
  type NormalFormGame,
  regretExact,
  toBimatrix,
} from "../../solvers/finite/game.js";
import {
  coordinationGame,
  randomDegenerateGame,
  randomGame,
  sgcGame,
  unitVectorGame,
} from "../../solvers/finite/generators.js";
import { lemkeHowson } from "../../solvers/finite/lcp/index.js";
import { Rational } from "../../solvers/finite/rational.js";

const key = (p: ExactProfile) => p.map((x) => x.join(",")).join(" | ");

/** Solves the square system M z = b exactly (Gauss-Jordan on Rationals); undefined when singular. */
function solve(M: Rational[][], b: Rational[]): Rational[] | undefined {
  const n = M.length;
  const a = M.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    const p = a.findIndex((row, i) => i >= c && !row[c]!.isZero());
    if (p < 0) return undefined;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const piv = a[c]![c]!;
    a[c] = a[c]!.map((v) => v.div(piv));
    for (let i = 0; i < n; i++) {
      if (i === c || a[i]![c]!.isZero()) continue;
      const f = a[i]![c]!;
      a[i] = a[i]!.map((v, j) => v.sub(f.mul(a[c]![j]!)));
    }
  }
  return a.map((row) => row[n]!);
}

function subsets(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (start: number, cur: number[]) => {
    if (cur.length === k) {
      out.push(cur.slice());
      return;
    }
    for (let i = start; i < n; i++) {
      cur.push(i);
      rec(i + 1, cur);
      cur.pop();
    }
  };
  rec(0, []);
  return out;
}

/**
 * Support enumeration (non-degenerate games only: equal support sizes): for supports I, J of size k,
 * the column mix y on J makes every row in I indifferent, the row mix x on I every column in J; keep
 * solutions with y, x >= 0 and zero regret (Nashpy's `support_enumeration`, the textbook oracle).
 */
function supportEnumeration(game: NormalFormGame): Set<string> {
  const [m, n] = game.shape as [number, number];
  const { A, B } = toBimatrix(game);
  const found = new Set<string>();
  for (let k = 1; k <= Math.min(m, n); k++) {
    for (const I of subsets(m, k)) {
      for (const J of subsets(n, k)) {
        // unknowns y_J and value v: A[i] . y - v = 0 (i in I), sum y = 1
        const My = [
          ...I.map((i) => [...J.map((j) => A[i]![j]!), Rational.fromInt(-1)]),
          [...J.map(() => Rational.ONE), Rational.ZERO],
        ];
        const Mx = [
          ...J.map((j) => [...I.map((i) => B[i]![j]!), Rational.fromInt(-1)]),
          [...I.map(() => Rational.ONE), Rational.ZERO],
        ];
        const rhs = [...I.map(() => Rational.ZERO), Rational.ONE];
        const ys = solve(My, rhs);
        const xs = solve(Mx, rhs);
        if (ys === undefined || xs === undefined) continue;
        if (ys.slice(0, k).some((v) => v.sign() < 0) || xs.slice(0, k).some((v) => v.sign() < 0)) continue;
        const x = Array.from({ length: m }, () => Rational.ZERO);
        const y = Array.from({ length: n }, () => Rational.ZERO);
        I.forEach((i, t) => {
          x[i] = xs[t]!;
        });
        J.forEach((j, t) => {
          y[j] = ys[t]!;
        });
        if (regretExact(game, [x, y]).every((r) => r.isZero())) found.add(key([x, y]));
      }
    }
  }
  return found;
}

describe("enummixed against support enumeration on seeded non-degenerate games", () => {
  const rng = seedrandom.alea("enummixed-oracle");
  for (let t = 0; t < 12; t++) {
    const m = 2 + (t % 4);
    const n = 2 + ((t * 3) % 4);
    it(`random ${m}x${n} #${t}`, () => {
      // payoffs 0..999999 make ties (degeneracy) unlikely; the oracle needs non-degeneracy
      const game = randomGame([m, n], rng, 0, 999999);
      expect(isNondegenerate(game)).toBe(true);
      const r = enumMixed(game);
      const got = new Set(r.equilibria.map(key));
      expect(got).toEqual(supportEnumeration(game));
      // non-degenerate games have an odd number of equilibria (Shapley 1974)
      expect(r.equilibria.length % 2).toBe(1);
    });
  }
});

describe("lcp and enummixed agree on seeded random games", () => {
  const rng = seedrandom.alea("lcp-vs-enummixed");
  for (let t = 0; t < 10; t++) {
    const n = 4 + (t % 5);
    it(`random ${n}x${n} #${t}`, () => {
      const game = randomGame([n, n], rng);
      const all = new Set(enumMixed(game).equilibria.map(key));
      const lh = lemkeHowson(game);
      expect(lh.complete).toBe(true);
      for (const e of lh.equilibria) expect(all.has(key(e.profile))).toBe(true);
      // each starting label's path ends at an equilibrium (never back at the artificial one)
      const starts = lh.paths.filter((p) => p.from === "artificial");
      expect(starts.length).toBe(2 * n);
      for (const p of starts) expect(typeof p.to).toBe("number");
      // without continuation the set can only shrink
      const fromStart = lemkeHowson(game, { accessible: false });
      for (const e of fromStart.equilibria)
        expect(lh.equilibria.map((f) => key(f.profile))).toContain(key(e.profile));
    });
  }
});

describe("degenerate games", () => {
  const rng = seedrandom.alea("degenerate");
  for (let t = 0; t < 10; t++) {
    const m = 2 + (t % 4);
    const n = 3 + (t % 3);
    it(`random degenerate ${m}x${n} #${t}: lcp within enummixed, convex sets are sets of equilibria`, () => {
      const game = randomDegenerateGame(m, n, rng, 2 + (t % 2));
      const r = enumMixed(game);
      const all = new Set(r.equilibria.map(key));
      const lh = lemkeHowson(game);
      expect(lh.complete).toBe(true);
      for (const e of lh.equilibria) expect(all.has(key(e.profile))).toBe(true);
      // pure equilibria are extreme equilibria
      for (const p of enumPure(game).equilibria) expect(all.has(key(p))).toBe(true);
      // every extreme equilibrium is in some maximal convex set; the barycentre of each set is an equilibrium
      const covered = new Set(r.convexSets.flatMap((s) => s.equilibria));
      expect(covered.size).toBe(r.equilibria.length);
      for (const s of r.convexSets) {
        const mean = (xs: Rational[][]) =>
          xs[0]!.map((_, k) =>
            xs.reduce((acc, x) => acc.add(x[k]!), Rational.ZERO).div(Rational.fromInt(xs.length)),
          );
        const centre: ExactProfile = [mean(s.rowStrategies), mean(s.colStrategies)];
        expect(regretExact(game, centre).every((v) => v.isZero())).toBe(true);
      }
    });
  }
});

describe("generators", () => {
  it("coordination games have 2^n - 1 equilibria, all found by both methods", () => {
    for (const n of [2, 3, 4, 5]) {
      const g = coordinationGame(n);
      expect(enumMixed(g).equilibria.length).toBe(2 ** n - 1);
      expect(lemkeHowson(g).equilibria.length).toBe(2 ** n - 1);
    }
  });

  it("SGC games have a unique equilibrium, uniform on the first 2k-1 actions", () => {
    for (const k of [1, 2, 3]) {
      const g = sgcGame(k);
      const r = enumMixed(g);
      expect(r.equilibria.length).toBe(1);
      const u = Rational.of(1n, BigInt(2 * k - 1));
      const expected = Array.from({ length: 4 * k - 1 }, (_, i) => (i < 2 * k - 1 ? u : Rational.ZERO));
      expect(key(r.equilibria[0]!)).toBe(key([expected, expected]));
      expect(lemkeHowson(g).equilibria.map((e) => key(e.profile))).toEqual([key(r.equilibria[0]!)]);
    }
  });

  it("unit-vector games: lcp within enummixed", () => {
    const rng = seedrandom.alea("unit-vector");
    for (let t = 0; t < 5; t++) {
      const g = unitVectorGame(5, 5, rng);
      const all = new Set(enumMixed(g).equilibria.map(key));
      for (const e of lemkeHowson(g).equilibria) expect(all.has(key(e.profile))).toBe(true);
    }
  });

  it("random games are reproducible from the seed", () => {
    const a = randomGame([3, 3], seedrandom.alea("same"));
    const b = randomGame([3, 3], seedrandom.alea("same"));
    expect(a.payoffs.map((t) => t.map(String))).toEqual(b.payoffs.map((t) => t.map(String)));
  });
});
