/**
 * Shared checks of the N-player tests: an independent exact regret of a reported profile (the doubles
 * taken at their exact binary value), catalogue games as `NormalFormGame`s, and games built with a
 * known equilibrium.
 */
import {
  type MixedProfile,
  makeGame,
  type NormalFormGame,
  profileCount,
  profileFromIndex,
} from "../../solvers/finite/game.js";
import type { NPlayerEquilibrium } from "../../solvers/finite/nplayer/types.js";
import { Rational } from "../../solvers/finite/rational.js";
import type { KnownNPlayer } from "./known-games.js";

/** The catalogue entry as a game (its payoff rows are profiles, each with every player's payoff). */
export function knownGame(name: string, g: KnownNPlayer): NormalFormGame {
  const N = g.shape.length;
  return makeGame(
    g.shape,
    Array.from({ length: N }, (_, p) => g.payoffs.map((row) => row[p]!)),
    name,
  );
}

/** The listed equilibria (flattened 10-digit decimals) as per-player float vectors. */
export function listedProfiles(g: KnownNPlayer): number[][][] {
  return g.enumpoly_equilibria_flat.map((flat) => {
    let k = 0;
    return g.shape.map((n) => Array.from({ length: n }, () => Number(flat[k++])));
  });
}

/** Largest difference of a probability between two profiles. */
export function distance(a: MixedProfile, b: readonly (readonly number[])[]): number {
  let d = 0;
  a.forEach((x, p) => {
    x.forEach((v, s) => {
      const f = v instanceof Rational ? v.toNumber() : v;
      d = Math.max(d, Math.abs(f - b[p]![s]!));
    });
  });
  return d;
}

/**
 * Each player's regret `max_s u_p(s, x_-p) - sum_s x_p(s) u_p(s, x_-p)` of the profile, computed in
 * exact rationals from the profile's values (doubles at their binary value): written here from the
 * definition, not with the library's regret routines.
 */
export function exactRegret(game: NormalFormGame, profile: MixedProfile): Rational[] {
  const x = profile.map((row) => row.map((v) => (v instanceof Rational ? v : Rational.fromNumber(v))));
  const N = game.shape.length;
  const values = game.shape.map((n) => new Array<Rational>(n).fill(Rational.ZERO));
  for (let f = 0; f < profileCount(game); f++) {
    const s = profileFromIndex(game.shape, f);
    for (let p = 0; p < N; p++) {
      let w = game.payoffs[p]![f]!;
      for (let q = 0; q < N; q++) if (q !== p) w = w.mul(x[q]![s[q]!]!);
      values[p]![s[p]!] = values[p]![s[p]!]!.add(w);
    }
  }
  return values.map((v, p) => {
    const best = v.reduce((a, b) => a.max(b));
    const own = v.reduce((a, b, s) => a.add(x[p]![s]!.mul(b)), Rational.ZERO);
    return best.sub(own);
  });
}

/**
 * Checks one reported equilibrium independently: its profile is a probability vector per player
 * (exactly, when exact; within 1e-12 else), zero off its support, and its exact regret is 0 (exact) or
 * at most the stated bound; a floating profile lies in its certificate's enclosure. Returns the
 * problems found (empty when it passes).
 */
export function checkEquilibrium(game: NormalFormGame, e: NPlayerEquilibrium): string[] {
  const problems: string[] = [];
  const regret = exactRegret(game, e.profile);
  e.profile.forEach((x, p) => {
    let sum = 0;
    x.forEach((v, s) => {
      const f = v instanceof Rational ? v.toNumber() : v;
      if (f < 0) problems.push(`negative probability at player ${p} strategy ${s}`);
      if (!e.support[p]!.includes(s) && f !== 0) problems.push(`weight off the support at ${p}, ${s}`);
      sum += f;
    });
    if (Math.abs(sum - 1) > 1e-12) problems.push(`player ${p}'s probabilities sum to ${sum}`);
  });
  regret.forEach((r, p) => {
    if (e.exact) {
      if (!r.isZero()) problems.push(`exact profile with regret ${r} for player ${p}`);
      if (!(e.regret[p] instanceof Rational && e.regret[p].isZero())) problems.push("exact regret not 0");
    } else {
      const bound = e.regret[p] as number;
      if (r.gt(Rational.fromNumber(bound)))
        problems.push(`player ${p}: regret ${r.toNumber()} > bound ${bound}`);
    }
  });
  if (!e.exact) {
    if (e.certificate.kind !== "interval") problems.push("floating profile without an interval certificate");
    else {
      e.certificate.enclosure.forEach((x, p) => {
        x.forEach(([lo, hi], s) => {
          const v = e.profile[p]![s] as number;
          if (!(lo <= v && v <= hi)) problems.push(`profile outside its enclosure at ${p}, ${s}`);
        });
      });
    }
  }
  return problems;
}

/**
 * A game with a known equilibrium: random integer payoffs `0..99`, then each player's payoffs of each
 * strategy shifted by a constant (which moves `u_p(s, x_-p)` by that constant for every `x_-p`) so that
 * at `target` every support strategy pays 100 and every other strategy at most 99 - `gap`.
 */
export function gameWithEquilibrium(
  shape: number[],
  target: Rational[][],
  rng: () => number,
  gap = 1,
): NormalFormGame {
  const N = shape.length;
  const count = shape.reduce((a, b) => a * b, 1);
  const tables = shape.map(() =>
    Array.from({ length: count }, () => Rational.fromInt(Math.floor(rng() * 100))),
  );
  const game0 = makeGame(shape, tables);
  const v = exactValues(game0, target);
  const shifted = tables.map((t, p) =>
    t.map((u, f) => {
      const s = profileFromIndex(shape, f)[p]!;
      const want =
        target[p]![s]!.sign() > 0
          ? Rational.fromInt(100)
          : Rational.fromInt(99 - gap - Math.floor(rng() * 20));
      return u.add(want.sub(v[p]![s]!));
    }),
  );
  return makeGame(shape, shifted, `random ${shape.join("x")} with a planted equilibrium`);
  function exactValues(g: NormalFormGame, x: Rational[][]): Rational[][] {
    const out = shape.map((n) => new Array<Rational>(n).fill(Rational.ZERO));
    for (let f = 0; f < count; f++) {
      const s = profileFromIndex(shape, f);
      for (let p = 0; p < N; p++) {
        let w = g.payoffs[p]![f]!;
        for (let q = 0; q < N; q++) if (q !== p) w = w.mul(x[q]![s[q]!]!);
        out[p]![s[p]!] = out[p]![s[p]!]!.add(w);
      }
    }
    return out;
  }
}
