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
import { NUMBER_LIMIT, signMulSub } from "../../solvers/finite/tableau/hybrid-tableau.js";
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
