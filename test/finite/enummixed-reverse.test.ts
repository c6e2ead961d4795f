/**
 * enummixed (reverse search, hybrid arithmetic) against the previous enumerator kept as the oracle
 * (test/helpers/enummixed-reference.ts): the same extreme equilibria and the same maximal convex sets
 * on the catalogue, seeded random, degenerate and structured games; exact results with the BigInt
 * fallback on games whose pivots leave the double range; the exact product comparison.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { enumMixed } from "../../solvers/finite/enummixed/index.js";
import {
  newReverseSearchStats,
  type RawEquilibrium,
  reverseSearchEquilibria,
} from "../../solvers/finite/enummixed/reverse-search.js";
import {
  type ExactProfile,
  fromBimatrix,
  makeGame,
  type NormalFormGame,
  regretExact,
} from "../../solvers/finite/game.js";
import {
  coordinationGame,
  randomDegenerateGame,
  randomGame,
  sgcGame,
  unitVectorGame,
} from "../../solvers/finite/generators.js";
import { Rational } from "../../solvers/finite/rational.js";
import { NUMBER_LIMIT, signMulSub } from "../../solvers/finite/tableau/exact-doubles.js";
import { enumerateVertices } from "../../solvers/finite/tableau/integer-tableau.js";
import type { ProgressEvent } from "../../src/work.js";
import { referenceEnumMixed } from "../helpers/enummixed-reference.js";
import { loadKnownGames } from "./known-games.js";

const key = (p: ExactProfile) => p.map((x) => x.join(",")).join(" | ");

/** Sorted equilibrium keys and sorted convex sets (each a sorted list of equilibrium keys). */
function summary(r: { equilibria: ExactProfile[]; convexSets: { equilibria: number[] }[] }) {
  return {
    equilibria: r.equilibria.map(key).sort(),
    sets: r.convexSets
      .map((s) =>
        s.equilibria
          .map((i) => key(r.equilibria[i]!))
          .sort()
          .join(" ; "),
      )
      .sort(),
  };
}

function expectSameAsOracle(game: NormalFormGame) {
  const got = enumMixed(game);
  expect(summary(got)).toEqual(summary(referenceEnumMixed(game)));
  for (const p of got.equilibria) expect(regretExact(game, p).every((v) => v.isZero())).toBe(true);
  return got;
}

/** The game with every payoff multiplied by `factor` (an exact integer). */
function scaled(game: NormalFormGame, factor: bigint): NormalFormGame {
  return makeGame(
    game.shape,
    game.payoffs.map((t) => t.map((x) => x.mul(Rational.of(factor)))),
    `${game.title} x ${factor}`,
  );
}

describe("enummixed equals the reference enumerator", () => {
  const known = loadKnownGames();
  it("on every two-player game of the catalogue", () => {
    for (const [name, g] of Object.entries(known.two_player)) {
      const game = fromBimatrix(g.A, g.B, name);
      expect(summary(enumMixed(game)), name).toEqual(summary(referenceEnumMixed(game)));
    }
  });

  it("on seeded random games, square and rectangular both ways (payoffs 0..99)", () => {
    const rng = seedrandom.alea("reverse-search-random");
    for (let t = 0; t < 24; t++) {
      const m = 2 + (t % 6);
      const n = 2 + ((t * 5) % 7);
      const r = expectSameAsOracle(randomGame([m, n], rng));
      expect(r.stats.enumerated).toBe(n < m ? "column" : "row");
    }
  });

  it("on seeded degenerate games (payoffs 0..1, 0..2, 0..3), with their convex sets", () => {
    const rng = seedrandom.alea("reverse-search-degenerate");
    let faces = 0;
    for (let t = 0; t < 40; t++) {
      const m = 2 + (t % 5);
      const n = 2 + ((t * 3) % 5);
      faces += expectSameAsOracle(randomDegenerateGame(m, n, rng, 2 + (t % 3))).stats.faceEnumerations;
    }
    // degenerate vertices took the exact face enumeration
    expect(faces).toBeGreaterThan(0);
  });

  it("on degenerate 6x6 and 8x8 games with payoffs 0..3", () => {
    const rng = seedrandom.alea("reverse-search-degenerate-large");
    for (const n of [6, 6, 8]) expectSameAsOracle(randomDegenerateGame(n, n, rng, 4));
  });

  it("on coordination, unit-vector and SGC games", () => {
    for (const n of [2, 3, 4, 5, 6])
      expect(expectSameAsOracle(coordinationGame(n)).equilibria.length).toBe(2 ** n - 1);
    const rng = seedrandom.alea("reverse-search-unit");
    for (let t = 0; t < 4; t++) expectSameAsOracle(unitVectorGame(5, 6, rng));
    for (const k of [1, 2]) expect(expectSameAsOracle(sgcGame(k)).equilibria.length).toBe(1);
  });
});

describe("exactness beyond the double range", () => {
  it("payoffs 0..10^6 at 12x12: the same equilibria as the oracle, BigInt fallback taken", () => {
    const game = randomGame([12, 12], seedrandom.alea("big"), 0, 1_000_000);
    const r = expectSameAsOracle(game);
    expect(r.stats.conversions).toBeGreaterThan(0);
    expect(r.stats.bigintPivots).toBeGreaterThan(0);
  }, 60_000);

  it("payoffs scaled by 10^15 and 10^300: the unscaled equilibria, all in BigInt", () => {
    const known = loadKnownGames();
    const g = known.two_player.vonstengel_6x6_75eq!;
    const base = fromBimatrix(g.A, g.B);
    const random = randomGame([7, 7], seedrandom.alea("scaled"));
    for (const game of [base, random]) {
      const want = summary(enumMixed(game));
      for (const factor of [10n ** 15n, 10n ** 300n]) {
        const r = enumMixed(scaled(game, factor));
        expect(summary(r)).toEqual(want);
        expect(r.stats.conversions).toBeGreaterThan(0);
        expect(r.stats.numberPivots).toBe(0);
        expect(r.stats.bigintPivots).toBeGreaterThan(0);
      }
    }
    expect(enumMixed(base).equilibria.length).toBe(75);
  });

  it("signMulSub is the exact sign of a*b - c*d up to 2^50", () => {
    const rng = seedrandom.alea("signMulSub");
    const draw = () => {
      const bits = Math.floor(rng() * 51);
      const x = Math.floor(rng() * 2 ** bits);
      return rng() < 0.5 ? -x : x;
    };
    for (let k = 0; k < 20000; k++) {
      const a = draw();
      const b = draw();
      let c = draw();
      let d = draw();
      if (k % 3 === 0) {
        // products equal or off by one: the rounded products tie
        c = a;
        d = b + (k % 2);
      }
      const exact = BigInt(a) * BigInt(b) - BigInt(c) * BigInt(d);
      expect(signMulSub(a, b, c, d)).toBe(exact > 0n ? 1 : exact < 0n ? -1 : 0);
    }
    const L = NUMBER_LIMIT;
    expect(signMulSub(L, L - 1, L - 1, L)).toBe(0);
    expect(signMulSub(L, L, L - 1, L + 1)).toBe(1);
  });
});

describe("progress", () => {
  it("reports vertices and equilibria on a long enumeration", () => {
    const events: ProgressEvent[] = [];
    const game = randomGame([12, 12], seedrandom.alea("progress"));
    const r = enumMixed(game, { progress: (e) => events.push(e) });
    expect(events.length).toBeGreaterThan(0);
    // the search keeps one tableau per depth: the depth stays far below the number of vertices
    expect(r.stats.vertices).toBeGreaterThan(1000);
    expect(r.stats.maxDepth).toBeLessThan(r.stats.vertices / 20);
    for (const e of events) {
      expect(e.unit).toBe("vertices");
      expect(e.done).toBeLessThanOrEqual(r.stats.vertices);
      expect(e.detail).toMatch(/^\d+ equilibria$/);
    }
  });
});

/** Whether the square integer matrix is singular (fraction-free elimination, exact). */
function singular(M: bigint[][]): boolean {
  const a = M.map((row) => row.slice());
  const k = a.length;
  let prev = 1n;
  for (let c = 0; c < k; c++) {
    const p = a.findIndex((row, r) => r >= c && row[c] !== 0n);
    if (p < 0) return true;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = c + 1; r < k; r++) {
      for (let j = c + 1; j < k; j++) a[r]![j] = (a[r]![j]! * a[c]![c]! - a[r]![c]! * a[c]![j]!) / prev;
      a[r]![c] = 0n;
    }
    prev = a[c]![c]!;
  }
  return false;
}

/**
 * What the reverse search over `P = { x >= 0 : B^T x <= 1 }` must count, from the full vertex list of P
 * (`enumerateVertices`, a graph search with a visited set) and linear algebra on `A`: the vertices, the
 * degenerate ones (more than m zero labels), and the face enumerations (every degenerate vertex but the
 * origin, and every other vertex whose complementary basis of Q, columns `A[R][J]` with R the support of
 * x and J its tight constraints, is singular).
 */
function expectedSearchCounts(A: bigint[][], B: bigint[][]) {
  const m = A.length;
  const n = A[0]!.length;
  const Bt = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => B[i]![j]!));
  const has = (labels: Uint32Array, l: number) => (labels[l >>> 5]! & (1 << (l & 31))) !== 0;
  let degenerate = 0;
  let faces = 0;
  const vertices = enumerateVertices(Bt, 0, m, m + n);
  for (const v of vertices) {
    let count = 0;
    for (let l = 0; l < m + n; l++) if (has(v.labels, l)) count++;
    const origin = v.coords.every((c) => c === 0n);
    if (count > m) {
      degenerate++;
      if (!origin) faces++;
      continue;
    }
    if (origin) continue;
    const R = [...Array(m).keys()].filter((i) => v.coords[i] !== 0n);
    const J = [...Array(n).keys()].filter((j) => has(v.labels, m + j));
    if (singular(R.map((i) => J.map((j) => A[i]![j]!)))) faces++;
  }
  return { vertices: vertices.length, degenerateVertices: degenerate, faceEnumerations: faces };
}

describe("the reverse search's own counts", () => {
  const rng = seedrandom.alea("reverse-search-counts");
  const draw = (m: number, n: number, hi: number) =>
    Array.from({ length: m }, () => Array.from({ length: n }, () => BigInt(1 + Math.floor(rng() * hi))));

  it("visits every vertex of P once and enumerates exactly the faces it must (degenerate and singular)", () => {
    let sawDegenerate = 0;
    let sawSingular = 0;
    for (let k = 0; k < 120; k++) {
      const m = 2 + (k % 4);
      const n = m + (k % 3);
      // payoffs 1..2 or 1..3: degenerate vertices and singular complementary bases are common
      const hi = k % 2 === 0 ? 2 : 3;
      const A = draw(m, n, hi);
      const B = draw(m, n, hi);
      const stats = newReverseSearchStats();
      const raw: RawEquilibrium[] = [];
      reverseSearchEquilibria(A, B, (e) => raw.push(e), stats);
      const want = expectedSearchCounts(A, B);
      expect({
        vertices: stats.vertices,
        degenerateVertices: stats.degenerateVertices,
        faceEnumerations: stats.faceEnumerations,
      }).toEqual(want);
      expect(stats.bases).toBeGreaterThanOrEqual(stats.vertices);
      expect(stats.maxDepth).toBeGreaterThanOrEqual(1);
      expect(stats.equilibria).toBe(raw.length);
      sawDegenerate += want.degenerateVertices > 0 ? 1 : 0;
      sawSingular += want.faceEnumerations > want.degenerateVertices - 1 ? 1 : 0;
    }
    expect(sawDegenerate).toBeGreaterThan(20);
    expect(sawSingular).toBeGreaterThan(20);
  });

  it("on nondegenerate games no vertex is degenerate and the search is as deep as the support of the optimum", () => {
    for (let k = 0; k < 20; k++) {
      const A = draw(5, 6, 1_000_000);
      const B = draw(5, 6, 1_000_000);
      const stats = newReverseSearchStats();
      reverseSearchEquilibria(A, B, () => {}, stats);
      expect(stats.degenerateVertices).toBe(0);
      expect(stats).toMatchObject(expectedSearchCounts(A, B));
      expect(stats.bases).toBe(stats.vertices);
    }
  });

  it("hands each raw equilibrium over as its own arrays (a caller may keep them): each is completely labelled", () => {
    const A = draw(4, 4, 3);
    const B = draw(4, 4, 3);
    const raw: RawEquilibrium[] = [];
    reverseSearchEquilibria(A, B, (e) => raw.push(e), newReverseSearchStats());
    expect(raw.length).toBeGreaterThan(0);
    const toGame = (M: bigint[][]) => M.map((row) => row.map(Number));
    const game = fromBimatrix(toGame(A), toGame(B));
    for (const e of raw) {
      const sx = e.x.reduce((a, b) => a + b, 0n);
      const sy = e.y.reduce((a, b) => a + b, 0n);
      const profile: ExactProfile = [e.x.map((v) => Rational.of(v, sx)), e.y.map((v) => Rational.of(v, sy))];
      expect(regretExact(game, profile).every((r) => r.isZero())).toBe(true);
    }
    const distinct = new Set(raw.map((e) => `${e.x.join(",")}/${e.xDen}`));
    expect(distinct.size).toBeGreaterThan(1);
  });

  it("degenerate games scaled into BigInt: the same equilibria as the oracle (ties in the BigInt ratio tests)", () => {
    const big = 10n ** 300n;
    for (let k = 0; k < 12; k++) {
      const game = randomDegenerateGame(3 + (k % 3), 4, seedrandom.alea(`big-degenerate-${k}`), 2);
      const scaledGame = scaled(game, big);
      const got = enumMixed(scaledGame);
      expect(got.stats.conversions).toBeGreaterThan(0);
      expect(summary(got)).toEqual(summary(referenceEnumMixed(game)));
    }
  });
});
