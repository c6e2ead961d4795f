/**
 * Continua of equilibria in a support that the certified search could not resolve: two exact
 * equilibria found in its undecided boxes, and a proof, in exact rationals, that the whole segment
 * between them consists of equilibria; then the dimension of the equilibrium set at the segment's
 * midpoint, bounded below by 1 (the segment) and above by the kernel of the support system's exact
 * Jacobian there (when the midpoint is quasi-strict, every equilibrium near it has its support, so the
 * tangent space of that support's system bounds their dimension).
 *
 * The segment test: along `x(t) = a + t (b - a)`, every player's payoff of every strategy is a
 * polynomial in `t` of degree at most `N - 1` (multilinear in the others' probabilities). Two
 * strategies used on the segment pay the same for every `t` iff the difference vanishes at `N`
 * distinct points; an unused strategy pays at most as much for every `t` in `[0, 1]` when the
 * Bernstein coefficients of the difference are all `<= 0` (a sufficient test: Farin, Curves and
 * Surfaces for CAGD, 2002, ch. 5, the convex hull property).
 *
 * The triangle test raises the lower bound to 2: on `x(l) = l_1 a + l_2 b + l_3 c` (barycentric `l`),
 * every payoff is a polynomial of total degree at most `N - 1` in `l`; it is identically 0 when it
 * vanishes at the points `alpha / (N - 1)`, `|alpha| = N - 1`, of the triangle's principal lattice (a
 * unisolvent set for that degree), and it is `<= 0` on the triangle when its Bernstein-Bezier
 * coefficients on the triangle are (Farin, ch. 17 and 18: triangular patches, the convex hull property).
 */
import { type ExactProfile, type NormalFormGame, strategyValuesExact } from "../game.js";
import { exactFromEnclosure } from "../nplayer/exact.js";
import type { SupportSystem } from "../nplayer/support-system.js";
import { Rational } from "../rational.js";
import type { Box } from "./search.js";

/** A certified segment of equilibria and what is known of the dimension of the set around it. */
export interface EquilibriumSegment {
  /** The two ends, exact equilibria; every profile between them is an equilibrium (proven exactly). */
  from: ExactProfile;
  to: ExactProfile;
  /** The midpoint (the triangle's centroid when `simplex` is present), the component's representative. */
  representative: ExactProfile;
  /**
   * When present: three affinely independent exact equilibria, `from`, `to` and a third, whose whole
   * triangle (2-simplex) consists of equilibria (proven exactly); `dimension.atLeast` is then 2.
   */
  simplex?: [ExactProfile, ExactProfile, ExactProfile];
  /**
   * The dimension of the equilibrium set at the representative: at least 1 (the segment); at most
   * `atMost` when the representative is quasi-strict (`null` when it is not, and no bound is claimed).
   */
  dimension: { atLeast: number; atMost: number | null };
}

/** Boxes tried for exact equilibria (spread over the undecided ones). */
const SAMPLES = 64;
/** Exact equilibria kept from the samples (their pairs are tried, farthest apart first). */
const KEEP = 12;

/**
 * A certified segment of equilibria inside the undecided boxes of one support, or `null` when fewer
 * than two exact equilibria were found there or no pair of them spans a segment of equilibria.
 *
 * @throws nothing for boxes of the system
 * @example
 * findSegment(game, supportSystem(game, support), unresolvedBoxes); // { from, to, representative, dimension }
 */
export function findSegment(
  game: NormalFormGame,
  sys: SupportSystem,
  boxes: Box[],
): EquilibriumSegment | null {
  const found: ExactProfile[] = [];
  const keys = new Set<string>();
  const step = Math.max(1, Math.floor(boxes.length / SAMPLES));
  for (let i = 0; i < boxes.length && found.length < KEEP; i += step) {
    const b = boxes[i]!;
    const e = exactFromEnclosure(game, sys.support, sys.free, b.lo, b.hi);
    if (e === null) continue;
    const key = e.map((x) => x.join(",")).join("|");
    if (keys.has(key)) continue;
    keys.add(key);
    found.push(e);
  }
  // the longest certified segment is the most informative: try pairs farthest apart first
  const pairs: [ExactProfile, ExactProfile, number][] = [];
  for (let i = 0; i < found.length; i++) {
    for (let j = i + 1; j < found.length; j++)
      pairs.push([found[i]!, found[j]!, distance(found[i]!, found[j]!)]);
  }
  pairs.sort((x, y) => y[2] - x[2]);
  for (const [a, b] of pairs) {
    const segment = certifiedSegment(game, a, b);
    if (segment === null) continue;
    // a third equilibrium spanning a triangle of equilibria with the segment: a 2-dimensional set
    for (const c of found) {
      if (c === a || c === b || !affinelyIndependent(a, b, c) || !triangleOfEquilibria(game, a, b, c))
        continue;
      // the centroid is interior to the triangle, so the set has dimension >= 2 there
      const third = Rational.of(1n, 3n);
      const centroid = a.map((x, p) => x.map((v, s) => v.add(b[p]![s]!).add(c[p]![s]!).mul(third)));
      return {
        ...segment,
        representative: centroid,
        simplex: [a, b, c],
        dimension: { atLeast: 2, atMost: tangentBound(game, centroid) },
      };
    }
    return segment;
  }
  return null;
}

/** `true` when `b - a` and `c - a` are linearly independent (exact). */
function affinelyIndependent(a: ExactProfile, b: ExactProfile, c: ExactProfile): boolean {
  const flat = (x: ExactProfile) => x.flatMap((row, p) => row.map((v, s) => v.sub(a[p]![s]!)));
  const u = flat(b);
  return rank([u, flat(c)], u.length) === 2;
}

/**
 * `true` when every profile of the triangle with vertices `a`, `b`, `c` is an equilibrium (see the
 * module comment): used strategies (positive at some vertex) pay their player the same everywhere on
 * it, and every other strategy pays at most as much.
 *
 * @throws nothing for exact profiles of the game
 * @example
 * triangleOfEquilibria(game, a, b, c); // true for three vertices of a square of equilibria
 */
export function triangleOfEquilibria(
  game: NormalFormGame,
  a: ExactProfile,
  b: ExactProfile,
  c: ExactProfile,
): boolean {
  const N = game.shape.length;
  const n = Math.max(1, N - 1);
  const lattice: [number, number, number][] = [];
  for (let i = n; i >= 0; i--) for (let j = n - i; j >= 0; j--) lattice.push([i, j, n - i - j]);
  const samples = lattice.map(([i, j, k]) => {
    const w = [i, j, k].map((m) => Rational.of(BigInt(m), BigInt(n)));
    const x = a.map((row, p) =>
      row.map((v, s) => v.mul(w[0]!).add(b[p]![s]!.mul(w[1]!)).add(c[p]![s]!.mul(w[2]!))),
    );
    return strategyValuesExact(game, x);
  });
  // Bernstein-Bezier coefficients from the lattice values: B_beta(alpha / n) times b = values
  const fact = (m: number): bigint => (m <= 1 ? 1n : BigInt(m) * fact(m - 1));
  const basis = lattice.map((alpha) =>
    lattice.map((beta) => {
      let r = Rational.of(fact(n), fact(beta[0]) * fact(beta[1]) * fact(beta[2]));
      for (let q = 0; q < 3; q++)
        for (let e = 0; e < beta[q]!; e++) r = r.mul(Rational.of(BigInt(alpha[q]!), BigInt(n)));
      return r;
    }),
  );
  for (let p = 0; p < N; p++) {
    const used = a[p]!.flatMap((v, s) =>
      v.sign() > 0 || b[p]![s]!.sign() > 0 || c[p]![s]!.sign() > 0 ? [s] : [],
    );
    const base = used[0]!;
    const diff = (s: number) => samples.map((v) => v[p]![s]!.sub(v[p]![base]!));
    for (const s of used) if (!diff(s).every((d) => d.isZero())) return false;
    for (let s = 0; s < game.shape[p]!; s++) {
      if (used.includes(s)) continue;
      const d = diff(s);
      const coefficients = solveExact(
        basis.map((row, i) => [...row, d[i]!]),
        lattice.length,
      );
      if (coefficients === null || !coefficients.every((x) => x.sign() <= 0)) return false;
    }
  }
  return true;
}

/**
 * The segment from `a` to `b` with its representative and dimension bounds when every point of it is
 * an equilibrium (`segmentOfEquilibria`), else `null`.
 *
 * @throws nothing for exact profiles of the game
 * @example
 * certifiedSegment(game, a, b)?.dimension; // { atLeast: 1, atMost: 1 }
 */
export function certifiedSegment(
  game: NormalFormGame,
  a: ExactProfile,
  b: ExactProfile,
): EquilibriumSegment | null {
  if (!segmentOfEquilibria(game, a, b)) return null;
  const mid = a.map((x, p) => x.map((v, s) => v.add(b[p]![s]!).div(Rational.of(2n))));
  return { from: a, to: b, representative: mid, dimension: { atLeast: 1, atMost: tangentBound(game, mid) } };
}

function distance(a: ExactProfile, b: ExactProfile): number {
  let d = 0;
  a.forEach((x, p) => {
    x.forEach((v, s) => {
      d = Math.max(d, Math.abs(v.toNumber() - b[p]![s]!.toNumber()));
    });
  });
  return d;
}

/** `true` when every profile on the segment from `a` to `b` is an equilibrium (see the module comment). */
export function segmentOfEquilibria(game: NormalFormGame, a: ExactProfile, b: ExactProfile): boolean {
  const N = game.shape.length;
  const degree = Math.max(1, N - 1);
  // values of every strategy at degree + 1 equally spaced points of [0, 1]
  const samples = Array.from({ length: degree + 1 }, (_, k) => {
    const t = Rational.of(BigInt(k), BigInt(degree));
    const x = a.map((row, p) => row.map((v, s) => v.add(t.mul(b[p]![s]!.sub(v)))));
    return strategyValuesExact(game, x);
  });
  for (let p = 0; p < N; p++) {
    const used = a[p]!.flatMap((v, s) => (v.sign() > 0 || b[p]![s]!.sign() > 0 ? [s] : []));
    const base = used[0]!;
    const diff = (s: number) => samples.map((v) => v[p]![s]!.sub(v[p]![base]!));
    for (const s of used) if (!diff(s).every((d) => d.isZero())) return false;
    for (let s = 0; s < game.shape[p]!; s++) {
      if (used.includes(s)) continue;
      if (!bernstein(diff(s)).every((c) => c.sign() <= 0)) return false;
    }
  }
  return true;
}

/**
 * Bernstein coefficients on `[0, 1]` of the polynomial of degree `n` taking the values `v[k]` at
 * `t = k / n` (exact interpolation, then the change of basis `b_j = sum_{i <= j} C(j, i) / C(n, i) c_i`).
 */
function bernstein(v: Rational[]): Rational[] {
  const n = v.length - 1;
  const c = monomial(v);
  const choose = (m: number, k: number): Rational => {
    let r = Rational.ONE;
    for (let i = 1; i <= k; i++) r = r.mul(Rational.of(BigInt(m - k + i), BigInt(i)));
    return r;
  };
  return Array.from({ length: n + 1 }, (_, j) => {
    let s = Rational.ZERO;
    for (let i = 0; i <= j; i++) s = s.add(choose(j, i).div(choose(n, i)).mul(c[i]!));
    return s;
  });
}

/** Monomial coefficients of the interpolating polynomial through `(k / n, v[k])`, by exact elimination. */
function monomial(v: Rational[]): Rational[] {
  const n = v.length - 1;
  const rows = v.map((y, k) => {
    const t = n === 0 ? Rational.ZERO : Rational.of(BigInt(k), BigInt(n));
    const row: Rational[] = [];
    let power = Rational.ONE;
    for (let i = 0; i <= n; i++) {
      row.push(power);
      power = power.mul(t);
    }
    row.push(y);
    return row;
  });
  return solveExact(rows, n + 1) ?? new Array<Rational>(n + 1).fill(Rational.ZERO);
}

/** Solves the square system of augmented rows exactly; `null` when singular. */
function solveExact(rows: Rational[][], n: number): Rational[] | null {
  const m = rows.map((r) => r.slice());
  for (let c = 0; c < n; c++) {
    const piv = m.findIndex((r, i) => i >= c && !r[c]!.isZero());
    if (piv < 0) return null;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let i = 0; i < n; i++) {
      if (i === c || m[i]![c]!.isZero()) continue;
      const f = m[i]![c]!.div(m[c]![c]!);
      for (let k = c; k <= n; k++) m[i]![k] = m[i]![k]!.sub(f.mul(m[c]![k]!));
    }
  }
  return m.map((r, i) => r[n]!.div(r[i]!));
}

/**
 * `d - rank J` for the support system of `x`'s support at `x` (exact), when every best response at `x`
 * is in the support (quasi-strict); else `null`.
 */
function tangentBound(game: NormalFormGame, x: ExactProfile): number | null {
  const values = strategyValuesExact(game, x);
  const support = x.map((row) => row.flatMap((v, s) => (v.sign() > 0 ? [s] : [])));
  for (let p = 0; p < x.length; p++) {
    const best = values[p]!.reduce((m, v) => m.max(v));
    if (values[p]!.some((v, s) => v.equals(best) && !support[p]!.includes(s))) return null;
  }
  // partial values: u_p(s, t, x_-pq) with q playing pure t
  const pure = (q: number, t: number) =>
    strategyValuesExact(
      game,
      x.map((row, r) => (r === q ? row.map((_, s) => (s === t ? Rational.ONE : Rational.ZERO)) : row)),
    );
  const free: [number, number][] = [];
  support.forEach((S, q) => {
    for (let k = 1; k < S.length; k++) free.push([q, S[k]!]);
  });
  const byPure = new Map<string, Rational[][]>();
  const at = (q: number, t: number) => {
    const key = `${q},${t}`;
    if (!byPure.has(key)) byPure.set(key, pure(q, t));
    return byPure.get(key)!;
  };
  const J: Rational[][] = [];
  support.forEach((S, p) => {
    for (let r = 1; r < S.length; r++) {
      J.push(
        free.map(([q, t]) => {
          if (q === p) return Rational.ZERO;
          const hi = at(q, t)[p]!;
          const lo = at(q, support[q]![0]!)[p]!;
          return hi[S[r]!]!.sub(lo[S[r]!]!).sub(hi[S[0]!]!.sub(lo[S[0]!]!));
        }),
      );
    }
  });
  return free.length - rank(J, free.length);
}

function rank(rows: Rational[][], cols: number): number {
  const m = rows.map((r) => r.slice());
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const piv = m.findIndex((row, i) => i >= r && !row[c]!.isZero());
    if (piv < 0) continue;
    [m[r], m[piv]] = [m[piv]!, m[r]!];
    for (let i = r + 1; i < m.length; i++) {
      if (m[i]![c]!.isZero()) continue;
      const f = m[i]![c]!.div(m[r]![c]!);
      for (let k = c; k < cols; k++) m[i]![k] = m[i]![k]!.sub(f.mul(m[r]![k]!));
    }
    r++;
  }
  return r;
}
