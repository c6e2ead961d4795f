/**
 * lcp on the hybrid arithmetic: no duplicate equilibria (exact keys), the pivot cap is exact (a path
 * of L pivots completes with a cap of L and is capped with L - 1), the BigInt fallback keeps results
 * exact, and every equilibrium found is one of enummixed's.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { enumMixed } from "../../solvers/finite/enummixed/index.js";
import { type ExactProfile, fromBimatrix, makeGame, regretExact } from "../../solvers/finite/game.js";
import { randomDegenerateGame, randomGame } from "../../solvers/finite/generators.js";
import { lemkeHowson } from "../../solvers/finite/lcp/index.js";
import { Rational } from "../../solvers/finite/rational.js";
import { loadKnownGames } from "./known-games.js";

const key = (p: ExactProfile) => p.map((x) => x.join(",")).join(" | ");

describe("lcp", () => {
  it("never returns the same equilibrium twice, on degenerate games too", () => {
    const rng = seedrandom.alea("lcp-duplicates");
    for (let t = 0; t < 30; t++) {
      const n = 3 + (t % 6);
      const game = randomDegenerateGame(n, n, rng, 2 + (t % 3));
      const r = lemkeHowson(game);
      const keys = r.equilibria.map((e) => key(e.profile));
      expect(new Set(keys).size).toBe(keys.length);
      const all = new Set(enumMixed(game).equilibria.map(key));
      for (const k of keys) expect(all.has(k)).toBe(true);
    }
  });

  it("the pivot cap: a path of L pivots completes with maxPivots L and is capped at L - 1", () => {
    const g = loadKnownGames().two_player.savani_vonstengel_6x6_long_LH_unique!;
    const game = fromBimatrix(g.A, g.B);
    for (const label of [0, 5, 11]) {
      const free = lemkeHowson(game, { labels: [label], accessible: false });
      const L = free.paths[0]!.pivots;
      expect(free.complete).toBe(true);
      const exact = lemkeHowson(game, { labels: [label], accessible: false, maxPivots: L });
      expect(exact.complete).toBe(true);
      expect(exact.paths[0]!.pivots).toBe(L);
      expect(exact.equilibria.length).toBe(1);
      const capped = lemkeHowson(game, { labels: [label], accessible: false, maxPivots: L - 1 });
      expect(capped.complete).toBe(false);
      expect(capped.paths[0]).toMatchObject({ to: null, pivots: L - 1 });
      expect(capped.equilibria).toEqual([]);
    }
  });

  it("payoffs scaled by 10^300: the same equilibria, in BigInt; payoffs 0..10^6 at 10x10 exact", () => {
    const game = randomGame([8, 8], seedrandom.alea("lcp-scaled"));
    const want = lemkeHowson(game).equilibria.map((e) => key(e.profile));
    const big = makeGame(
      game.shape,
      game.payoffs.map((t) => t.map((x) => x.mul(Rational.of(10n ** 300n)))),
      "scaled",
    );
    const r = lemkeHowson(big);
    expect(r.equilibria.map((e) => key(e.profile))).toEqual(want);
    expect(r.stats.numberPivots).toBe(0);
    expect(r.stats.bigintPivots).toBeGreaterThan(0);

    const wide = randomGame([10, 10], seedrandom.alea("lcp-wide"), 0, 1_000_000);
    const w = lemkeHowson(wide);
    expect(w.stats.conversions).toBeGreaterThan(0);
    const all = new Set(enumMixed(wide).equilibria.map(key));
    for (const e of w.equilibria) {
      expect(all.has(key(e.profile))).toBe(true);
      expect(regretExact(wide, e.profile).every((v) => v.isZero())).toBe(true);
    }
  }, 60_000);

  it("reports progress through the sink", () => {
    const events: string[] = [];
    const game = randomGame([10, 10], seedrandom.alea("lcp-progress"));
    lemkeHowson(game, { progress: (e) => events.push(e.unit) });
    expect(events.length).toBeGreaterThan(0);
    for (const u of events) expect(u).toBe("paths");
  });
});
