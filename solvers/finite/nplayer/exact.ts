/**
 * Exact polishing of a certified root: the simplest rational in each coordinate's enclosure, accepted
 * only when the resulting profile is exactly an equilibrium.
 */
import { type ExactProfile, isEquilibriumExact, type NormalFormGame } from "../game.js";
import { Rational } from "../rational.js";

/** Continued-fraction steps before giving up (a root whose simplest enclosing rational is this deep is reported as floating). */
const MAX_DEPTH = 40;

function floorRat(x: Rational): bigint {
  const q = x.num / x.den;
  return x.num < 0n && q * x.den !== x.num ? q - 1n : q;
}

/**
 * The rational with the smallest denominator in `[lo, hi]` (`lo <= hi`), by continued fractions (the
 * Stern-Brocot descent); `null` when it needs more than `MAX_DEPTH` steps.
 *
 * Reference: R. L. Graham, D. E. Knuth and O. Patashnik, Concrete Mathematics (1994), sec. 4.5.
 */
export function simplestBetween(lo: Rational, hi: Rational, depth = 0): Rational | null {
  if (depth > MAX_DEPTH) return null;
  if (lo.sign() <= 0 && hi.sign() >= 0) return Rational.ZERO;
  if (hi.sign() < 0) {
    const r = simplestBetween(hi.neg(), lo.neg(), depth);
    return r === null ? null : r.neg();
  }
  const n = floorRat(lo);
  const nr = Rational.of(n);
  if (nr.equals(lo)) return nr;
  if (!Rational.of(n + 1n).gt(hi)) return Rational.of(n + 1n);
  // lo and hi share the integer part n: recurse on the reciprocals of the fractional parts
  const inner = simplestBetween(Rational.ONE.div(hi.sub(nr)), Rational.ONE.div(lo.sub(nr)), depth + 1);
  return inner === null ? null : nr.add(Rational.ONE.div(inner));
}

/**
 * The exact equilibrium whose free probabilities are the simplest rationals in the enclosures
 * `[lo[k], hi[k]]` of the free variables `free[k] = [p, s]` on supports `support`, or `null` when it
 * is not exactly an equilibrium (a root that is irrational, or rational with large denominators).
 */
export function exactFromEnclosure(
  game: NormalFormGame,
  support: number[][],
  free: [number, number][],
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
): ExactProfile | null {
  const profile: ExactProfile = game.shape.map((n) => new Array<Rational>(n).fill(Rational.ZERO));
  const rest = game.shape.map(() => Rational.ONE);
  for (let k = 0; k < free.length; k++) {
    const [p, s] = free[k]!;
    const v = simplestBetween(Rational.fromNumber(lo[k]!), Rational.fromNumber(hi[k]!));
    if (v === null || v.sign() < 0) return null;
    profile[p]![s] = v;
    rest[p] = rest[p]!.sub(v);
  }
  for (let p = 0; p < support.length; p++) {
    if (rest[p]!.sign() < 0) return null;
    profile[p]![support[p]![0]!] = rest[p]!;
  }
  return isEquilibriumExact(game, profile) ? profile : null;
}
