/**
 * Exact polishing of a certified root: the simplest rational in each coordinate's enclosure, accepted
 * only when the resulting profile is exactly an equilibrium.
 */
import { type ExactProfile, isEquilibriumExact, type NormalFormGame, strides } from "../game.js";
import { Rational } from "../rational.js";

/** Continued-fraction steps before giving up (a root whose simplest enclosing rational is this deep is reported as floating). */
const MAX_DEPTH = 40;

/**
 * The rational with the smallest denominator in `[lo, hi]` (`lo <= hi`), by continued fractions (the
 * Stern-Brocot descent); `null` when it needs more than `MAX_DEPTH` steps. The descent runs on the
 * integer numerators and denominators of the interval's ends and the convergents (coprime by
 * construction), so no step reduces a fraction.
 *
 * Reference: R. L. Graham, D. E. Knuth and O. Patashnik, Concrete Mathematics (1994), sec. 4.5.
 */
export function simplestBetween(lo: Rational, hi: Rational): Rational | null {
  if (lo.sign() <= 0 && hi.sign() >= 0) return Rational.ZERO;
  if (hi.sign() < 0) {
    const r = simplestBetween(hi.neg(), lo.neg());
    return r === null ? null : r.neg();
  }
  // 0 < a/b = lo <= hi = c/d; p1/q1 and p0/q0 the last two convergents of the common expansion
  let [a, b, c, d] = [lo.num, lo.den, hi.num, hi.den];
  let [p1, q1, p0, q0] = [1n, 0n, 0n, 1n];
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const n = a / b;
    // the answer ends the expansion with n when lo is the integer n, with n + 1 when it fits
    const t = n * b === a ? n : (n + 1n) * d <= c ? n + 1n : -1n;
    if (t >= 0n) return Rational.of(t * p1 + p0, t * q1 + q0);
    // lo and hi share the integer part n: recurse on the reciprocals of the fractional parts
    [p1, p0] = [n * p1 + p0, p1];
    [q1, q0] = [n * q1 + q0, q1];
    [a, b, c, d] = [d, c - n * d, b, a - n * b];
  }
  return null;
}

/** A prime below 2^26: products of two residues are exact in doubles. */
const PRIME = 67108859;
const BIG_PRIME = BigInt(PRIME);

function mulMod(a: number, b: number): number {
  return (a * b) % PRIME;
}

/** `r` modulo `PRIME`, or `null` when its denominator is divisible by it. */
function residue(r: Rational): number | null {
  const den = Number(r.den % BIG_PRIME);
  if (den === 0) return null;
  const num = Number(((r.num % BIG_PRIME) + BIG_PRIME) % BIG_PRIME);
  // den^(PRIME - 2) = 1 / den (Fermat)
  let inv = 1;
  let base = den;
  for (let e = PRIME - 2; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) inv = mulMod(inv, base);
    base = mulMod(base, base);
  }
  return mulMod(num, inv);
}

const RESIDUES = new WeakMap<NormalFormGame, (number | null)[][]>();

/**
 * `false` when the profile (0 off the supports) is certainly not an equilibrium because some player's
 * support strategies pay differently modulo a prime (then they differ exactly); `true` when it may
 * be one. A cheap test before the exact one: a certified irrational root's simplest rational has a
 * large denominator, and the exact regrets of every strategy cost big-integer arithmetic.
 */
function mayBeIndifferent(game: NormalFormGame, support: number[][], profile: ExactProfile): boolean {
  let pay = RESIDUES.get(game);
  if (pay === undefined) {
    pay = game.payoffs.map((row) => row.map(residue));
    RESIDUES.set(game, pay);
  }
  const x: number[][] = [];
  for (let p = 0; p < support.length; p++) {
    const r: number[] = [];
    for (const s of support[p]!) {
      const v = residue(profile[p]![s]!);
      if (v === null) return true;
      r.push(v);
    }
    x.push(r);
  }
  const st = strides(game.shape);
  const N = support.length;
  const idx = new Array<number>(N).fill(0);
  for (let p = 0; p < N; p++) {
    const S = support[p]!;
    if (S.length < 2) continue;
    const values = new Array<number>(S.length).fill(0);
    idx.fill(0);
    for (;;) {
      let flat = 0;
      let w = 1;
      for (let q = 0; q < N; q++) {
        if (q === p) continue;
        flat += st[q]! * support[q]![idx[q]!]!;
        w = mulMod(w, x[q]![idx[q]!]!);
      }
      for (let k = 0; k < S.length; k++) {
        const u = pay[p]![flat + st[p]! * S[k]!];
        if (u === null || u === undefined) return true;
        values[k] = (values[k]! + mulMod(u, w)) % PRIME;
      }
      let q = 0;
      for (; q < N; q++) {
        if (q === p) continue;
        if (++idx[q]! < support[q]!.length) break;
        idx[q] = 0;
      }
      if (q === N) break;
    }
    if (values.some((v) => v !== values[0])) return false;
  }
  return true;
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
  if (!mayBeIndifferent(game, support, profile)) return null;
  return isEquilibriumExact(game, profile) ? profile : null;
}
