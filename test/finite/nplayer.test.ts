/**
 * N-player mixed equilibria: enumpoly and gnm against the catalogue of N-player games
 * (`test/fixtures/games/known_games.json`, key `n_player`, with sources), closed forms of the
 * irrational equilibria, games built with a planted equilibrium, two-player games against enummixed,
 * and a property test on random games. Every reported equilibrium is re-checked independently
 * (`checkEquilibrium`: exact regret from the definition, in rationals).
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { enumMixed, isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { enumPoly, supportProfileCount } from "../../solvers/finite/enumpoly/index.js";
import { type ExactProfile, type MixedProfile, makeGame } from "../../solvers/finite/game.js";
import { randomGame } from "../../solvers/finite/generators.js";
import { gnm } from "../../solvers/finite/gnm/index.js";
import { certifyEquilibrium } from "../../solvers/finite/nplayer/certify-point.js";
import type { NPlayerEquilibrium } from "../../solvers/finite/nplayer/types.js";
import { completenessText } from "../../solvers/finite/nplayer/words.js";
import { Rational } from "../../solvers/finite/rational.js";
import { WorkLimitError } from "../../src/work.js";
import { loadKnownGames } from "./known-games.js";
import {
  checkEquilibrium,
  distance,
  gameWithEquilibrium,
  knownGame,
  listedProfiles,
} from "./nplayer-helpers.js";

const known = loadKnownGames().n_player;
/** The catalogue's degenerate games (continua of equilibria), by its notes. */
const DEGENERATE = new Set(["nau2004_sec5", "nau2004_sec6", "unanimity_4p"]);
const asFloat = (p: MixedProfile) => p.map((x) => x.map((v) => (v instanceof Rational ? v.toNumber() : v)));
const exactKey = (e: NPlayerEquilibrium) => (e.profile as ExactProfile).map((x) => x.join(",")).join(" | ");

describe("enumpoly on the N-player catalogue", () => {
  for (const [name, g] of Object.entries(known)) {
    it(`${name}: every listed equilibrium, each certified${DEGENERATE.has(name) ? " (degenerate: not complete)" : ", and nothing else"}`, () => {
      const game = knownGame(name, g);
      // a continuum exhausts any box budget: a small one keeps the degenerate games quick
      const r = enumPoly(game, DEGENERATE.has(name) ? { maxBoxesPerSupport: 1000 } : {});
      for (const e of r.equilibria) expect(checkEquilibrium(game, e), JSON.stringify(e.profile)).toEqual([]);
      const listed = listedProfiles(g);
      for (const want of listed) {
        expect(
          r.equilibria.some((e) => distance(e.profile, want) < 1e-9),
          JSON.stringify(want),
        ).toBe(true);
      }
      expect(r.complete).toBe(!DEGENERATE.has(name));
      expect(r.completeness.code).toBe(
        DEGENERATE.has(name) ? "unresolved-regions" : "all-supports-certified",
      );
      if (!DEGENERATE.has(name)) expect(r.equilibria.length).toBe(listed.length);
    });
  }

  it("the McKelvey-McLennan 2x2x2 game: all 9 equilibria, exact", () => {
    const r = enumPoly(knownGame("mm", known.gambit_contrib_2x2x2!));
    expect(r.equilibria.length).toBe(9);
    expect(r.equilibria.every((e) => e.exact)).toBe(true);
    expect(r.equilibria.map(exactKey)).toContain("2/5,3/5 | 1/2,1/2 | 1/3,2/3");
    expect(r.complete).toBe(true);
  });

  it("Nau et al. sec. 4: the irrational equilibrium lies in its certified enclosure (closed form)", () => {
    const r = enumPoly(knownGame("sec4", known.nau2004_sec4!));
    expect(r.equilibria.length).toBe(1);
    const e = r.equilibria[0]!;
    expect(e.exact).toBe(false);
    const q = (-13 + Math.sqrt(601)) / 24;
    const closed = [(9 * q - 1) / (7 * q + 2), q, (-3 * q + 2) / (q + 1)];
    if (e.certificate.kind !== "interval") throw new Error("expected an interval certificate");
    e.certificate.enclosure.forEach((x, p) => {
      const [lo, hi] = x[0]!;
      expect(hi - lo).toBeLessThan(1e-12);
      // the closed form is evaluated in doubles: allow its own rounding error
      expect(closed[p]!).toBeGreaterThanOrEqual(lo - 1e-14);
      expect(closed[p]!).toBeLessThanOrEqual(hi + 1e-14);
    });
    for (const b of e.regret as number[]) expect(b).toBeLessThan(1e-12);
  });

  it("anti-coordination (3 players, v = 2): the symmetric equilibrium 1/sqrt(2), certified", () => {
    const r = enumPoly(knownGame("anti", known.anticoordination_3p_v2!));
    const mixed = r.equilibria.filter((e) => !e.exact);
    expect(mixed.length).toBe(1);
    const cert = mixed[0]!.certificate;
    if (cert.kind !== "interval") throw new Error("expected an interval certificate");
    for (const x of cert.enclosure) {
      expect(Math.SQRT1_2).toBeGreaterThanOrEqual(x[0]![0] - 1e-15);
      expect(Math.SQRT1_2).toBeLessThanOrEqual(x[0]![1] + 1e-15);
    }
  });

  it("Nau et al. sec. 5 (a continuum): the 3 pure and 2 partly mixed equilibria, the continuum's support named", () => {
    const r = enumPoly(knownGame("sec5", known.nau2004_sec5!), { maxBoxesPerSupport: 1000 });
    if (r.completeness.code !== "unresolved-regions") throw new Error("expected unresolved regions");
    // plus the midpoint of each certified segment of equilibria (test/finite/continuum.test.ts)
    const segments = r.completeness.unresolved.filter((u) => u.continuum !== undefined).length;
    expect(segments).toBe(4);
    expect(r.equilibria.length).toBe(5 + segments);
    expect(r.completeness.unresolved.map((u) => JSON.stringify(u.support))).toContain("[[0,1],[0,1],[0,1]]");
  });
});

describe("enumpoly on games built with a planted equilibrium", () => {
  const cases: [number[], string[][]][] = [
    [
      [2, 2, 2],
      [
        ["1/3", "2/3"],
        ["3/4", "1/4"],
        ["1/2", "1/2"],
      ],
    ],
    [
      [3, 3, 3],
      [
        ["1/3", "1/3", "1/3"],
        ["1/2", "0", "1/2"],
        ["2/5", "3/5", "0"],
      ],
    ],
    [
      [3, 2, 2, 2],
      [
        ["1/4", "0", "3/4"],
        ["1/2", "1/2"],
        ["1", "0"],
        ["1/3", "2/3"],
      ],
    ],
  ];
  cases.forEach(([shape, target], k) => {
    it(`${shape.join("x")}: the planted equilibrium is found exactly, with its support`, () => {
      const x = target.map((row) => row.map((v) => Rational.parse(v)));
      const game = gameWithEquilibrium(shape, x, seedrandom.alea(`planted${k}`));
      const r = enumPoly(game);
      const want = x.map((row) => row.join(",")).join(" | ");
      expect(r.equilibria.filter((e) => e.exact).map(exactKey)).toContain(want);
      for (const e of r.equilibria) expect(checkEquilibrium(game, e)).toEqual([]);
    });
  });
});

describe("enumpoly with two players agrees with enummixed on nondegenerate games", () => {
  for (const [m, n, seeds] of [
    [3, 3, 6],
    [4, 4, 3],
    [3, 5, 3],
  ] as const) {
    it(`${m}x${n}, ${seeds} seeded games`, () => {
      let checked = 0;
      for (let i = 0; i < seeds; i++) {
        const game = randomGame([m, n], seedrandom.alea(`two${m}${n}-${i}`));
        if (!isNondegenerate(game)) continue;
        checked++;
        const want = enumMixed(game).equilibria.map((p) => p.map((x) => x.join(",")).join(" | "));
        const r = enumPoly(game);
        expect(r.complete).toBe(true);
        expect(r.equilibria.every((e) => e.exact)).toBe(true);
        expect(r.equilibria.map(exactKey).sort()).toEqual(want.sort());
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});

describe("property: random small N-player games", () => {
  for (const shape of [
    [2, 2, 2],
    [3, 2, 2],
    [2, 2, 2, 2],
  ]) {
    it(`${shape.join("x")}: every reported profile passes the independent check; gnm finds a subset of enumpoly's`, () => {
      for (let i = 0; i < 3; i++) {
        const game = randomGame(shape, seedrandom.alea(`prop${shape.join("")}-${i}`), 0, 999);
        const all = enumPoly(game);
        for (const e of all.equilibria) expect(checkEquilibrium(game, e)).toEqual([]);
        const found = gnm(game, { starts: 3, seed: `p${i}` });
        expect(found.equilibria.length).toBeGreaterThan(0);
        for (const e of found.equilibria) {
          expect(checkEquilibrium(game, e)).toEqual([]);
          if (all.complete)
            expect(all.equilibria.some((f) => distance(f.profile, asFloat(e.profile)) < 1e-9)).toBe(true);
        }
      }
    });
  }
});

describe("gnm", () => {
  it("finds all 9 equilibria of the McKelvey-McLennan game from 10 rays, every one certified", () => {
    const game = knownGame("mm", known.mckelvey_mclennan_gametheoryjl!);
    const r = gnm(game);
    expect(r.equilibria.length).toBe(9);
    expect(r.converged).toBe(true);
    expect(r.complete).toBe(false);
    expect(r.completeness.code).toBe("path-following");
    for (const e of r.equilibria) expect(checkEquilibrium(game, e)).toEqual([]);
  });

  it("the irrational equilibrium of Nau et al. sec. 4, certified with a bound", () => {
    const game = knownGame("sec4", known.nau2004_sec4!);
    const r = gnm(game, { starts: 2 });
    expect(r.equilibria.length).toBe(1);
    expect(r.equilibria[0]!.exact).toBe(false);
    expect(checkEquilibrium(game, r.equilibria[0]!)).toEqual([]);
  });

  it("is deterministic: the same seed gives the same equilibria in the same order", () => {
    const game = randomGame([3, 3, 2], seedrandom.alea("det"), 0, 99);
    const a = gnm(game, { starts: 3, seed: "s" });
    const b = gnm(game, { starts: 3, seed: "s" });
    expect(a.equilibria.length).toBeGreaterThan(0);
    expect(JSON.stringify(b.equilibria)).toBe(JSON.stringify(a.equilibria));
  });

  it("refuses a number of rays or steps that is not a positive integer, naming the option", () => {
    const game = knownGame("mp", known.openspiel_matching_pennies_3p!);
    expect(() => gnm(game, { starts: 0 })).toThrow(/starts: must be an integer >= 1, got 0/);
    expect(() => gnm(game, { maxSteps: 1.5 })).toThrow(/maxSteps/);
    expect(() => enumPoly(game, { maxBoxesPerSupport: 0 })).toThrow(/maxBoxesPerSupport/);
  });

  it("refuses work over maxWork, naming the option", () => {
    const game = randomGame([4, 4, 4], seedrandom.alea("w"), 0, 9);
    expect(() => gnm(game, { maxWork: 1000 })).toThrow(WorkLimitError);
    expect(() => gnm(game, { maxWork: 1000 })).toThrow(/maxWork/);
  });
});

describe("limits and certification of arbitrary profiles", () => {
  it("enumpoly refuses more support profiles than maxSupports before any work", () => {
    expect(supportProfileCount([3, 3, 3])).toBe(343);
    const game = randomGame([3, 3, 3], seedrandom.alea("l"), 0, 9);
    expect(() => enumPoly(game, { maxSupports: 342 })).toThrow(
      /343 support profiles exceed the limit of 342 \(maxSupports\)/,
    );
  });

  it("a support system that needs more boxes than maxBoxesPerSupport is reported as box-budget, not degenerate", () => {
    const game = knownGame("mm", known.gambit_contrib_2x2x2!);
    const r = enumPoly(game, { maxBoxesPerSupport: 2 });
    expect(r.complete).toBe(false);
    if (r.completeness.code !== "unresolved-regions") throw new Error("expected unresolved regions");
    expect(r.completeness.unresolved.every((u) => u.reason === "box-budget")).toBe(true);
    expect(completenessText(r.completeness)).toMatch(/out of boxes \(2 per support\)/);
    for (const e of r.equilibria) expect(checkEquilibrium(game, e)).toEqual([]);
  });

  it("certifyEquilibrium polishes a nearby profile to the exact equilibrium and refuses a far one", () => {
    const game = knownGame("mp", known.openspiel_matching_pennies_3p!);
    const e = certifyEquilibrium(game, [
      [0.5000001, 0.4999999],
      [0.5, 0.5],
      [0.49, 0.51],
    ]);
    expect(e?.exact).toBe(true);
    expect(e === null ? "" : exactKey(e)).toBe("1/2,1/2 | 1/2,1/2 | 1/2,1/2");
    expect(
      certifyEquilibrium(game, [
        [1, 0],
        [1, 0],
        [1, 0],
      ]),
    ).toBeNull();
  });

  it("a one-player game: the best strategies", () => {
    const r = enumPoly(makeGame([3], [[1, 3, 2]]));
    expect(r.equilibria.map(exactKey)).toEqual(["0,1,0"]);
    expect(r.complete).toBe(true);
  });
});
