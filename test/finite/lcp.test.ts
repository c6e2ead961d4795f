/**
 * solvers/finite/lcp/index.ts (Lemke-Howson with continuation): every end point is an exact
 * equilibrium, listed once, among the extreme equilibria `enumMixed` finds; the pivot cap is exact
 * (a path of p pivots completes with the cap at p and is cut at p - 1); options are validated.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { enumMixed } from "../../solvers/finite/enummixed/index.js";
import { fromBimatrix, type MixedProfile } from "../../solvers/finite/game.js";
import { randomDegenerateGame, randomGame } from "../../solvers/finite/generators.js";
import { lemkeHowson } from "../../solvers/finite/lcp/index.js";
import { InputError } from "../../src/errors.js";
import type { ProgressEvent } from "../../src/work.js";

/** The 2x2 coordination game: two pure equilibria (reached from the artificial one) and a mixed one. */
const COORDINATION = fromBimatrix(
  [
    [3, 0],
    [0, 2],
  ],
  [
    [2, 0],
    [0, 3],
  ],
);

const key = (p: MixedProfile) => p.map((x) => x.map(String).join(",")).join(";");

describe("lemkeHowson", () => {
  it("lists no equilibrium twice, each exact and extreme, on 200 seeded random degenerate games", () => {
    const rng = seedrandom.alea("lcp-duplicates");
    let withSeveral = 0;
    for (let k = 0; k < 200; k++) {
      const m = 2 + Math.floor(rng() * 3);
      const n = 2 + Math.floor(rng() * 3);
      const game = randomDegenerateGame(m, n, rng, 2 + Math.floor(rng() * 2));
      const r = lemkeHowson(game);
      const keys = r.equilibria.map((e) => key(e.profile));
      expect(new Set(keys).size, `game ${k}: ${keys.join(" | ")}`).toBe(keys.length);
      const extreme = new Set(enumMixed(game).equilibria.map(key));
      for (const e of r.equilibria) {
        expect(e.regret.every((x) => x.isZero())).toBe(true);
        expect(
          extreme.has(key(e.profile)),
          `game ${k}: ${key(e.profile)} is not an extreme equilibrium`,
        ).toBe(true);
      }
      if (keys.length > 1) withSeveral++;
    }
    expect(withSeveral).toBeGreaterThan(20); // the continuation really revisits equilibria
  });

  it("finds every equilibrium of a nondegenerate coordination game, reporting which labels reach each", () => {
    const r = lemkeHowson(
      fromBimatrix(
        [
          [3, 0],
          [0, 2],
        ],
        [
          [2, 0],
          [0, 3],
        ],
      ),
    );
    expect(r.equilibria.map((e) => key(e.profile)).sort()).toEqual(
      ["0,1;0,1", "1,0;1,0", "3/5,2/5;2/5,3/5"].sort(),
    );
    expect(r.complete).toBe(true);
    const fromArtificial = r.equilibria.flatMap((e) => e.labelsFromArtificial).sort();
    expect(fromArtificial).toEqual([0, 1, 2, 3]);
  });

  it("caps each path at exactly maxPivots pivots", () => {
    const rng = seedrandom.alea("lcp-cap");
    let checked = 0;
    for (let k = 0; k < 40 && checked < 10; k++) {
      const game = randomGame([4, 4], rng);
      const full = lemkeHowson(game, { labels: [0], accessible: false });
      const path = full.paths[0]!;
      expect(path.to).not.toBeNull();
      if (path.pivots < 2) continue;
      const exact = lemkeHowson(game, { labels: [0], accessible: false, maxPivots: path.pivots });
      expect(exact.paths[0]!.to).toBe(path.to);
      expect(exact.paths[0]!.pivots).toBe(path.pivots);
      expect(exact.complete).toBe(true);
      const cut = lemkeHowson(game, { labels: [0], accessible: false, maxPivots: path.pivots - 1 });
      expect(cut.paths[0]!.to).toBeNull();
      expect(cut.paths[0]!.pivots).toBe(path.pivots - 1);
      expect(cut.complete).toBe(false);
      expect(cut.equilibria).toEqual([]);
      checked++;
    }
    expect(checked).toBe(10);
  });

  it("stops after stopAfter equilibria and then says the list may be incomplete", () => {
    const game = randomDegenerateGame(4, 4, seedrandom.alea("lcp-stop"), 2);
    const all = lemkeHowson(game);
    expect(all.equilibria.length).toBeGreaterThan(1);
    const one = lemkeHowson(game, { stopAfter: 1 });
    expect(one.equilibria).toHaveLength(1);
    expect(one.complete).toBe(false);
  });

  it("follows each path once: (m + n)(N + 1) / 2 paths for N equilibria all linked to the artificial one", () => {
    // each label pairs the N equilibria and the artificial one up by its paths (Shapley 1974), and a
    // path followed one way is never followed back
    const r = lemkeHowson(COORDINATION);
    expect(r.equilibria).toHaveLength(3);
    expect(r.paths).toHaveLength((4 * (3 + 1)) / 2);
    const followed = r.paths.map((p) => `${p.from}|${p.label}`);
    expect(new Set(followed).size).toBe(followed.length);
    // with every label started at the artificial equilibrium, no path from an equilibrium leads back to it
    for (const p of r.paths) if (p.from !== "artificial") expect(p.to).not.toBe("artificial");
    // each label: one path from the artificial equilibrium, one between the other two equilibria
    for (let label = 0; label < 4; label++) {
      const own = r.paths.filter((p) => p.label === label);
      expect(own).toHaveLength(2);
      expect(own.filter((p) => p.from === "artificial")).toHaveLength(1);
    }
  });

  it("a path from an equilibrium can end at the artificial one when its label was not started there", () => {
    const r = lemkeHowson(COORDINATION, { labels: [0] });
    expect(r.equilibria).toHaveLength(3);
    expect(r.paths[0]!.from).toBe("artificial");
    expect(r.paths.some((p) => p.from !== "artificial" && p.to === "artificial")).toBe(true);
    expect(r.complete).toBe(true);
  });

  it("stopAfter also stops the search from equilibria (the mixed equilibrium is not reached)", () => {
    const all = lemkeHowson(COORDINATION);
    const mixed = all.equilibria.findIndex((e) => e.labelsFromArtificial.length === 0);
    expect(mixed).toBeGreaterThanOrEqual(0); // only reachable from the pure equilibria
    const two = lemkeHowson(COORDINATION, { stopAfter: 2 });
    expect(two.equilibria).toHaveLength(2);
    expect(two.equilibria.every((e) => e.labelsFromArtificial.length > 0)).toBe(true);
    expect(two.complete).toBe(false);
    expect(lemkeHowson(COORDINATION, { stopAfter: 3 }).equilibria).toHaveLength(3);
  });

  it("reports progress from the first path on, in paths with the equilibria found so far", () => {
    const events: ProgressEvent[] = [];
    const r = lemkeHowson(COORDINATION, { progress: (e) => events.push(e) });
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]).toEqual({ done: 1, unit: "paths", detail: "0 equilibria" });
    for (const e of events) {
      expect(e.done).toBeLessThanOrEqual(r.paths.length);
      expect(e.detail).toMatch(/^\d+ equilibria$/);
    }
  });

  it("refuses a pivot cap or stopAfter that is not an integer >= 1, naming the field", () => {
    for (const [field, value] of [
      ["maxPivots", 0],
      ["maxPivots", 2.5],
      ["maxPivots", Number.NaN],
      ["stopAfter", 0],
      ["stopAfter", -1],
    ] as const) {
      let caught: unknown;
      try {
        lemkeHowson(COORDINATION, { [field]: value });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InputError);
      expect((caught as InputError).where).toBe(field);
    }
    expect(lemkeHowson(COORDINATION, { maxPivots: 1, stopAfter: 1 }).complete).toBe(false);
  });

  it("refuses games that are not two-player and labels out of range", () => {
    const g = fromBimatrix([[1, 0]], [[0, 1]]);
    expect(() => lemkeHowson(g, { labels: [3] })).toThrow(/bad label 3/);
    expect(() => lemkeHowson(g, { labels: [-1] })).toThrow(/bad label -1/);
    expect(() => lemkeHowson(g, { labels: [0.5] })).toThrow(/bad label/);
    expect(lemkeHowson(g, { labels: [2] }).equilibria).toHaveLength(1);
    expect(() => lemkeHowson({ ...g, shape: [1, 2, 1] })).toThrow(/two players/);
    // the errors name their field, and the label range is the game's (a 1 x 2 game: labels 0..2)
    expect(() => lemkeHowson(g, { labels: [3] })).toThrow(
      expect.objectContaining({ where: "labels", problem: "bad label 3 (an integer from 0 to 2 expected)" }),
    );
    expect(() => lemkeHowson({ ...g, shape: [1, 2, 1] })).toThrow(expect.objectContaining({ where: "game" }));
    expect(() => lemkeHowson(g, { stopAfter: 0 })).toThrow(
      expect.objectContaining({ where: "stopAfter", problem: "must be an integer >= 1, got 0" }),
    );
  });
});
