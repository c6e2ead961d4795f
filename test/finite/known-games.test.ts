/**
 * The shared catalogue of games with exactly known equilibria (Gambit 17 enummixed -c / enumpoly):
 * enummixed must return exactly the listed extreme equilibria and maximal convex sets, lcp only true
 * equilibria (all of them on the non-degenerate games), enumpure every listed pure equilibrium.
 */
import { describe, expect, it } from "vitest";
import { enumMixed, isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { enumPure } from "../../solvers/finite/enumpure.js";
import { type ExactProfile, fromBimatrix, makeGame, regretExact } from "../../solvers/finite/game.js";
import { lemkeHowson } from "../../solvers/finite/lcp/index.js";
import { KNOWN_GAMES_PATH, loadKnownGames } from "./known-games.js";

const known = loadKnownGames();
const ISOLATED = "every extreme equilibrium is isolated (its own convex set)";

const key = (p: ExactProfile | readonly (readonly string[])[]) =>
  p.map((x) => x.map((v) => v.toString()).join(",")).join(" | ");
const setKey = (profiles: readonly string[]) => [...profiles].sort().join(" ; ");

describe(`two-player games of ${KNOWN_GAMES_PATH}`, () => {
  const entries = Object.entries(known.two_player);

  it("the catalogue has two-player games", () => {
    expect(entries.length).toBeGreaterThan(20);
  });

  for (const [name, g] of entries) {
    describe(name, () => {
      const game = fromBimatrix(g.A, g.B, name);
      const listed = new Set(g.extreme_equilibria.map(key));

      it("enummixed returns exactly the listed extreme equilibria", () => {
        const r = enumMixed(game);
        const got = r.equilibria.map(key);
        expect(new Set(got).size).toBe(got.length);
        expect([...got].sort()).toEqual([...listed].sort());
        expect(got.length).toBe(g.n_extreme);
        for (const p of r.equilibria) expect(regretExact(game, p).every((v) => v.isZero())).toBe(true);
      });

      it("enummixed returns exactly the listed maximal convex sets", () => {
        const r = enumMixed(game);
        const got = r.convexSets.map((s) => setKey(s.equilibria.map((i) => key(r.equilibria[i]!))));
        let want: string[];
        if (typeof g.maximal_convex_sets === "string") {
          expect(g.maximal_convex_sets).toBe(ISOLATED);
          want = g.extreme_equilibria.map((p) => setKey([key(p)]));
        } else {
          want = g.maximal_convex_sets.map((set) => setKey(set.map(key)));
        }
        expect([...got].sort()).toEqual([...want].sort());
        // each set is the product of its row and column extreme strategies
        for (const s of r.convexSets)
          expect(s.equilibria.length).toBe(s.rowStrategies.length * s.colStrategies.length);
      });

      it("lcp returns only listed equilibria (all of them if the game is non-degenerate)", () => {
        const r = lemkeHowson(game);
        expect(r.complete).toBe(true);
        const got = r.equilibria.map((e) => key(e.profile));
        for (const p of got) expect(listed.has(p), p).toBe(true);
        for (const e of r.equilibria) expect(e.regret.every((v) => v.isZero())).toBe(true);
        expect(got.length).toBeGreaterThan(0);
        if (isNondegenerate(game)) expect(new Set(got)).toEqual(listed);
      });
    });
  }

  it("the degenerate catalogue games are recognised as degenerate", () => {
    for (const name of [
      "vonstengel2007_3x2_degenerate",
      "gametheoryjl_3x2_degenerate",
      "all_zero_2x2",
      "rps_water",
    ]) {
      const g = known.two_player[name]!;
      expect(isNondegenerate(fromBimatrix(g.A, g.B)), name).toBe(false);
    }
    for (const name of ["vonstengel_6x6_75eq", "savani_vonstengel_6x6_long_LH_unique", "battle_of_sexes"]) {
      const g = known.two_player[name]!;
      expect(isNondegenerate(fromBimatrix(g.A, g.B)), name).toBe(true);
    }
  });

  it("vonstengel_6x6_75eq: all 75 need continuing from the equilibria found", () => {
    const g = known.two_player.vonstengel_6x6_75eq!;
    const game = fromBimatrix(g.A, g.B);
    const fromStart = lemkeHowson(game, { accessible: false });
    const all = lemkeHowson(game);
    expect(fromStart.equilibria.length).toBeLessThan(75);
    expect(all.equilibria.length).toBe(75);
    // every path from the artificial equilibrium ends at an equilibrium found from some label
    const starts = all.equilibria.flatMap((e) => e.labelsFromArtificial);
    expect([...starts].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, k) => k));
  });

  it("savani_vonstengel_6x6_long_LH_unique: every label reaches the unique equilibrium", () => {
    const g = known.two_player.savani_vonstengel_6x6_long_LH_unique!;
    const r = lemkeHowson(fromBimatrix(g.A, g.B), { accessible: false });
    expect(r.equilibria.map((e) => key(e.profile))).toEqual([key(g.extreme_equilibria[0]!)]);
    expect(r.paths.length).toBe(12);
    expect(r.paths.every((p) => p.to === 0)).toBe(true);
    // the construction makes Lemke-Howson paths long: the longest is far beyond the support size
    expect(Math.max(...r.paths.map((p) => p.pivots))).toBeGreaterThan(12);
  });

  it("an iteration cap is reported, never a silent wrong answer", () => {
    const g = known.two_player.savani_vonstengel_6x6_long_LH_unique!;
    const r = lemkeHowson(fromBimatrix(g.A, g.B), { accessible: false, maxPivots: 3 });
    expect(r.complete).toBe(false);
    expect(r.paths.some((p) => p.to === null)).toBe(true);
    for (const e of r.equilibria) expect(key(e.profile)).toBe(key(g.extreme_equilibria[0]!));
  });
});

describe(`N-player games of ${KNOWN_GAMES_PATH}`, () => {
  const entries = Object.entries(known.n_player);
  it("the catalogue has N-player games", () => {
    expect(entries.length).toBeGreaterThan(5);
  });
  for (const [name, g] of entries) {
    it(`${name}: enumpure finds every listed pure equilibrium`, () => {
      const N = g.shape.length;
      const tables = Array.from({ length: N }, (_, p) => g.payoffs.map((row) => row[p]!));
      const game = makeGame(g.shape, tables, name);
      const r = enumPure(game);
      const found = new Set(r.equilibria.map(key));
      const pureListed = g.enumpoly_equilibria_flat.filter((flat) =>
        flat.every((v) => v === "1.0000000000" || v === "0.0000000000"),
      );
      for (const flat of pureListed) {
        const profile: string[][] = [];
        let k = 0;
        for (const n of g.shape) {
          profile.push(flat.slice(k, k + n).map((v) => (v === "1.0000000000" ? "1" : "0")));
          k += n;
        }
        expect(found.has(key(profile)), `${name}: ${key(profile)}`).toBe(true);
      }
      for (const reg of r.regrets) expect(reg.every((v) => v.isZero())).toBe(true);
    });
  }

  it("unanimity_4p has exactly the 8 pure equilibria of its note", () => {
    const g = known.n_player.unanimity_4p!;
    const game = makeGame(
      g.shape,
      g.shape.map((_, p) => g.payoffs.map((row) => row[p]!)),
    );
    const r = enumPure(game);
    expect(r.pure.length).toBe(8);
    // all-0, all-1, and every profile with exactly two players at strategy 1
    for (const s of r.pure) {
      const ones = s.filter((v) => v === 1).length;
      expect([0, 2, 4]).toContain(ones);
    }
  });
});
