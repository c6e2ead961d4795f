/**
 * `DistinctEquilibria` (gnm's list of distinct equilibria, boxes built once) keeps exactly what the
 * pairwise `sameEquilibrium` filter keeps, in the same order, on exact and interval-certified records.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { enumPoly } from "../../solvers/finite/enumpoly/index.js";
import { randomGame } from "../../solvers/finite/generators.js";
import { DistinctEquilibria, sameEquilibrium } from "../../solvers/finite/nplayer/certify.js";
import { certifyEquilibrium } from "../../solvers/finite/nplayer/certify-point.js";
import type { NPlayerEquilibrium } from "../../solvers/finite/nplayer/types.js";
import { Rational } from "../../solvers/finite/rational.js";

describe("DistinctEquilibria", () => {
  it("agrees with the pairwise sameEquilibrium filter on a random 3x3x3 game's 7 equilibria (5 exact, 2 irrational), re-certified and repeated", () => {
    const game = randomGame([3, 3, 3], seedrandom.alea("distinct-7"), 0, 99);
    const all = enumPoly(game).equilibria;
    expect(all.length).toBe(7);
    expect(all.filter((e) => e.exact).length).toBe(5);
    // the same equilibria again, certified afresh from nudged floating profiles (new enclosures)
    const again = all.map((e) => {
      const x = e.profile.map((p) => p.map((v) => (v instanceof Rational ? v.toNumber() : v) * (1 + 1e-10)));
      const c = certifyEquilibrium(game, x);
      expect(c).not.toBeNull();
      return c!;
    });
    const candidates = [...again.slice().reverse(), ...all, ...again];
    const pairwise: NPlayerEquilibrium[] = [];
    for (const e of candidates) if (!pairwise.some((f) => sameEquilibrium(f, e))) pairwise.push(e);
    const distinct = new DistinctEquilibria();
    const kept = candidates.map((e) => distinct.add(e));
    expect(distinct.list).toEqual(pairwise);
    expect(distinct.list.length).toBe(7);
    expect(kept.filter(Boolean).length).toBe(7);
    expect(kept.slice(7).every((k) => !k)).toBe(true);
  });
});
