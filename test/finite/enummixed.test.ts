/**
 * solvers/finite/enummixed (vertex enumeration and the maximal convex sets): on seeded random games,
 * every listed profile is an exact equilibrium, listed once; every pure equilibrium is among them;
 * nondegenerate games have an odd number; every Lemke-Howson end point is among them; each convex set
 * is a set of listed equilibria whose every mixture of a row part and a column part is an equilibrium.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { enumMixed, isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { enumPure } from "../../solvers/finite/enumpure.js";
import { fromBimatrix, type MixedProfile, regretExact } from "../../solvers/finite/game.js";
import { randomDegenerateGame, randomGame } from "../../solvers/finite/generators.js";
import { lemkeHowson } from "../../solvers/finite/lcp/index.js";

const key = (p: MixedProfile) => p.map((x) => x.map(String).join(",")).join(";");

describe("enumMixed", () => {
  it("lists exact equilibria once each, containing the pure ones and the Lemke-Howson ends (150 games)", () => {
    const rng = seedrandom.alea("enummixed");
    let nondegenerate = 0;
    for (let k = 0; k < 150; k++) {
      const m = 1 + Math.floor(rng() * 4);
      const n = 1 + Math.floor(rng() * 4);
      const game = k % 2 === 0 ? randomGame([m, n], rng, 0, 9) : randomDegenerateGame(m, n, rng, 2);
      const r = enumMixed(game);
      const keys = r.equilibria.map(key);
      expect(new Set(keys).size, `game ${k}`).toBe(keys.length);
      expect(keys.length).toBeGreaterThan(0); // Nash: every finite game has one
      r.equilibria.forEach((e, i) => {
        expect(regretExact(game, e).every((x) => x.isZero())).toBe(true);
        expect(r.regrets[i]!.every((x) => x.isZero())).toBe(true);
      });
      const listed = new Set(keys);
      for (const e of enumPure(game).equilibria)
        expect(listed.has(key(e)), `game ${k}: pure ${key(e)}`).toBe(true);
      for (const e of lemkeHowson(game).equilibria) expect(listed.has(key(e.profile))).toBe(true);
      if (isNondegenerate(game)) {
        nondegenerate++;
        expect(keys.length % 2, `game ${k}: nondegenerate games have an odd number`).toBe(1);
      }
      for (const set of r.convexSets) {
        expect(set.equilibria.length).toBeGreaterThan(0);
        for (const a of set.equilibria) {
          for (const b of set.equilibria) {
            // the row part of one and the column part of another: still an equilibrium (a product set)
            const mixed = [r.equilibria[a]![0]!, r.equilibria[b]![1]!];
            expect(regretExact(game, mixed).every((x) => x.isZero())).toBe(true);
          }
        }
      }
    }
    expect(nondegenerate).toBeGreaterThan(40);
  });

  it("finds the equilibrium component of a degenerate game and its two extreme points", () => {
    // the column player is indifferent between its columns when row 0 is played
    const game = fromBimatrix(
      [
        [1, 1],
        [0, 0],
      ],
      [
        [1, 1],
        [0, 2],
      ],
    );
    expect(isNondegenerate(game)).toBe(false);
    const r = enumMixed(game);
    expect(r.equilibria.map(key).sort()).toEqual(["1,0;0,1", "1,0;1,0"]);
    expect(r.convexSets).toHaveLength(1);
    expect(r.convexSets[0]!.equilibria.sort()).toEqual([0, 1]);
  });

  it("refuses a game that is not two-player", () => {
    const g = fromBimatrix([[1]], [[1]]);
    expect(() => enumMixed({ ...g, shape: [1, 1, 1] })).toThrow(/two players/);
    expect(() => isNondegenerate({ ...g, shape: [1, 1, 1] })).toThrow(/two players/);
    for (const f of [enumMixed, isNondegenerate]) {
      expect(() => f({ ...g, shape: [1, 1, 1] })).toThrow(expect.objectContaining({ where: "game" }));
    }
  });
});
