/**
 * The path of equilibria of the perturbed games `G + lambda b` (player p gets a bonus `lambda b_p(s)`
 * for playing s), followed from `lambda` large, where the game has one equilibrium (each player's
 * largest bonus), down through `lambda = 0` (every crossing is an equilibrium of `G`) until `lambda`
 * is so negative that the equilibrium is unique again. By Kohlberg and Mertens' structure theorem the
 * equilibria over the line form, for almost every `b`, a 1-manifold whose unbounded component joins
 * the two ends; Govindan and Wilson's global Newton method follows it ("A global Newton method to
 * compute Nash equilibria", JET 110, 2003). They parametrise it through the Kohlberg-Mertens
 * homeomorphism; this follower stays in strategy coordinates: on a fixed support the path is the
 * smooth curve `H(y, lambda) = 0` of the support's indifference equations (see
 * `nplayer/support-system.ts`) plus the bonus term, followed by pseudo-arclength predictor-corrector
 * steps, and it changes support where a probability reaches 0 (the strategy leaves) or a strategy off
 * the support becomes a best response (it enters), as Lemke-Howson does for two players.
 *
 * Reference: E. L. Allgower and K. Georg, Introduction to Numerical Continuation Methods (SIAM 2003),
 * ch. 2 (predictor-corrector) and ch. 12 (piecewise smooth paths).
 */
import { floatPayoffs, type NormalFormGame, strides } from "../game.js";

/** Payoffs scaled to [0, 1] per player (equilibria are unchanged by each player's positive affine map). */
export interface PathGame {
  shape: number[];
  tables: Float64Array[];
  strides: number[];
}

/**
 * `[f(0), ..., f(n - 1)]` built by a plain loop. The per-game arrays the hot loops index are built
 * this way (not by `map`) so that they have one shape (elements kind) whether the code creating them
 * is interpreted or optimised; a second shape deoptimises those loops on the next game.
 */
export function listOf<T>(n: number, f: (i: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(f(i));
  return out;
}

/** A zero vector per player. */
function vectors(shape: number[]): Float64Array[] {
  return listOf(shape.length, (p) => new Float64Array(shape[p]!));
}

/** A payoff table per player, scaled to [0, 1] (a constant player: all 0). */
export function pathGame(game: NormalFormGame): PathGame {
  const tables = listOf(game.shape.length, (p) => {
    const t = floatPayoffs(game)[p]!;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of t) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const range = hi - lo;
    return t.map((v) => (range > 0 ? (v - lo) / range : 0));
  });
  return { shape: game.shape.slice(), tables, strides: strides(game.shape) };
}

/** The buffers of `evaluate`, one set per game (their shapes depend only on the game's shape). */
interface EvaluateScratch {
  V: Float64Array[];
  P: Float64Array[][];
  c: Int32Array;
  xs: Float64Array;
  w2: Float64Array;
}

const SCRATCH = new WeakMap<PathGame, EvaluateScratch>();

function scratchOf(g: PathGame, withP: boolean): EvaluateScratch {
  let s = SCRATCH.get(g);
  if (s === undefined) {
    const N = g.shape.length;
    s = {
      V: vectors(g.shape),
      P: listOf(N, (p) => listOf(N, (q) => new Float64Array(p === q ? 0 : g.shape[p]! * g.shape[q]!))),
      c: new Int32Array(N),
      xs: new Float64Array(N),
      w2: new Float64Array(N),
    };
    SCRATCH.set(g, s);
  }
  for (let p = 0; p < s.V.length; p++) s.V[p]!.fill(0);
  // three players: evaluate3 zeroes the entries of P it sums into (the support's), fewer than all
  if (withP && g.shape.length !== 3)
    for (let p = 0; p < s.P.length; p++) for (let q = 0; q < s.P[p]!.length; q++) s.P[p]![q]!.fill(0);
  return s;
}

/** `evaluate` for three players, the loops over the two others written out (`P` null: not wanted). */
function evaluate3(
  g: PathGame,
  x: Float64Array[],
  support: Support,
  V: Float64Array[],
  P: Float64Array[][] | null,
  supportOnly: boolean,
): void {
  for (let p = 0; p < 3; p++) {
    const q1 = p === 0 ? 1 : 0;
    const q2 = p === 2 ? 1 : 2;
    const table = g.tables[p]!;
    const np = g.shape[p]!;
    const sp = g.strides[p]!;
    const n1 = g.shape[q1]!;
    const n2 = g.shape[q2]!;
    const S1 = support[q1]!;
    const S2 = support[q2]!;
    const Vp = V[p]!;
    const r1 = P === null ? null : P[p]![q1]!;
    const r2 = P === null ? null : P[p]![q2]!;
    const st1 = g.strides[q1]!;
    const st2 = g.strides[q2]!;
    const x1s = x[q1]!;
    const x2s = x[q2]!;
    // s outermost, so that V[p][s] and P[p][q2]'s entries are summed in locals; every entry still
    // receives its terms in the order of the others' supports (q2's outer, q1's inner): the same
    // sums, bit for bit, as the loop nest with s innermost
    const rows = supportOnly ? support[p]! : null;
    const count = rows === null ? np : rows.length;
    for (let k = 0; k < count; k++) {
      const s = rows === null ? k : rows[k]!;
      const base = sp * s;
      if (r1 !== null) for (let i1 = 0; i1 < S1.length; i1++) r1[s * n1 + S1[i1]!] = 0;
      let v = 0;
      for (let i2 = 0; i2 < S2.length; i2++) {
        const t2 = S2[i2]!;
        const x2 = x2s[t2]!;
        const flat2 = base + st2 * t2;
        let a2 = 0;
        for (let i1 = 0; i1 < S1.length; i1++) {
          const t1 = S1[i1]!;
          const x1 = x1s[t1]!;
          const u = table[flat2 + st1 * t1]!;
          v = v + u * (x1 * x2);
          if (r1 === null) continue;
          // the derivative in q1's probability of t1 weighs the profile by x2, and vice versa
          r1[s * n1 + t1] = r1[s * n1 + t1]! + u * x2;
          a2 = a2 + u * x1;
        }
        if (r2 !== null) r2[s * n2 + t2] = a2;
      }
      Vp[s] = v;
    }
  }
}

/**
 * `V[p][s] = u_p(s, x_-p)` and `P[p][q][s * n_q + t] = u_p(s, t, x_-pq)` (p != q, t in q's support) at
 * a profile `x` that is 0 off `support`: for each player p, one pass over p's strategies times the
 * others' supports (profiles with two players off their supports weigh 0). `V` and `P` are buffers of
 * the game, reused (so the path follower allocates nothing per evaluation): valid until the next call
 * on the same game. `supportOnly`: for three players, only the rows `s` in p's own support are computed
 * (the others are left stale), which is all the indifference equations and their Jacobian read.
 */
export function evaluate(
  g: PathGame,
  x: Float64Array[],
  support: Support,
  withP = true,
  supportOnly = false,
): { V: Float64Array[]; P: Float64Array[][] } {
  const N = g.shape.length;
  const { V, P, c, xs, w2 } = scratchOf(g, withP);
  if (N === 3) {
    evaluate3(g, x, support, V, withP ? P : null, supportOnly);
    return { V, P };
  }
  for (let p = 0; p < N; p++) {
    const table = g.tables[p]!;
    const np = g.shape[p]!;
    const sp = g.strides[p]!;
    c.fill(0);
    for (;;) {
      let flat = 0;
      let w = 1;
      for (let q = 0; q < N; q++) {
        if (q === p) continue;
        const t = support[q]![c[q]!]!;
        flat += g.strides[q]! * t;
        xs[q] = x[q]![t]!;
        w *= xs[q]!;
      }
      for (let q = 0; q < N; q++) {
        if (q === p) continue;
        let v = 1;
        for (let r = 0; r < N; r++) if (r !== p && r !== q) v *= xs[r]!;
        w2[q] = v;
      }
      const Vp = V[p]!;
      for (let s = 0; s < np; s++) {
        const u = table[flat + sp * s]!;
        Vp[s] = Vp[s]! + u * w;
        if (!withP) continue;
        for (let q = 0; q < N; q++) {
          if (q === p) continue;
          const k = s * g.shape[q]! + support[q]![c[q]!]!;
          const row = P[p]![q]!;
          row[k] = row[k]! + u * w2[q]!;
        }
      }
      let q = 0;
      for (; q < N; q++) {
        if (q === p) continue;
        if (++c[q]! < support[q]!.length) break;
        c[q] = 0;
      }
      if (q === N) break;
    }
  }
  return { V, P };
}

/** The probability of strategy `s` of player `p` at the point `z` of `support` (as `system` computes it, bit for bit). */
export function probabilityOf(support: Support, z: ArrayLike<number>, p: number, s: number): number {
  let v = 0;
  for (let q = 0; q < p; q++) v += support[q]!.length - 1;
  const S = support[p]!;
  let rest = 1;
  for (let k = 1; k < S.length; k++) {
    if (S[k] === s) return z[v]!;
    rest -= z[v++]!;
  }
  return S[0] === s ? rest : 0;
}

const VALUE_SCRATCH = new WeakMap<PathGame, { xs: Float64Array[]; c: Int32Array }>();

/**
 * `u_p(s, x_-p)` at the point `z` of `support`: `evaluate`'s `V[p][s]` alone, summed in its order (the
 * other players' supports, the lowest-numbered player fastest), so equal to it bit for bit.
 */
export function strategyValue(
  g: PathGame,
  support: Support,
  z: ArrayLike<number>,
  p: number,
  s: number,
): number {
  const N = g.shape.length;
  let scratch = VALUE_SCRATCH.get(g);
  if (scratch === undefined) {
    scratch = { xs: vectors(g.shape), c: new Int32Array(N) };
    VALUE_SCRATCH.set(g, scratch);
  }
  const { xs, c } = scratch;
  // xs[q][k]: the probability of q's k-th support strategy, as `system` builds the profile
  let v = 0;
  for (let q = 0; q < N; q++) {
    const S = support[q]!;
    const xq = xs[q]!;
    let rest = 1;
    for (let k = 1; k < S.length; k++) {
      xq[k] = z[v]!;
      rest -= z[v++]!;
    }
    xq[0] = rest;
  }
  const table = g.tables[p]!;
  const base = g.strides[p]! * s;
  c.fill(0);
  let sum = 0;
  for (;;) {
    let flat = base;
    let w = 1;
    for (let q = 0; q < N; q++) {
      if (q === p) continue;
      flat += g.strides[q]! * support[q]![c[q]!]!;
      w *= xs[q]![c[q]!]!;
    }
    sum = sum + table[flat]! * w;
    let q = 0;
    for (; q < N; q++) {
      if (q === p) continue;
      if (++c[q]! < support[q]!.length) break;
      c[q] = 0;
    }
    if (q === N) return sum;
  }
}

/** A support profile (`support[p]` ascending is not required; `support[p][0]` is the base strategy). */
export type Support = number[][];

/** Number of free variables of a support. */
export function freeCount(support: Support): number {
  return support.reduce((a, S) => a + S.length - 1, 0);
}

/** The full profile of a point `z = (y, lambda)` on a support. */
export function profileOf(g: PathGame, support: Support, z: ArrayLike<number>): Float64Array[] {
  let v = 0;
  return g.shape.map((n, p) => {
    const x = new Float64Array(n);
    const S = support[p]!;
    let rest = 1;
    for (let k = 1; k < S.length; k++) {
      x[S[k]!] = z[v]!;
      rest -= z[v++]!;
    }
    x[S[0]!] = rest;
    return x;
  });
}

/** The buffers of `system`, one set per game: the profile, and `H`, `A` by the number of free variables. */
interface SystemScratch {
  x: Float64Array[];
  byDim: Map<number, { H: Float64Array; A: Float64Array }>;
}

const SYSTEM_SCRATCH = new WeakMap<PathGame, SystemScratch>();

/**
 * The perturbed indifference equations `H(z)` (d values) and their Jacobian `A` (d x (d+1), the last
 * column the derivative in lambda) on a support at `z`, with the values `V` for the event tests. All
 * are buffers of the game, reused (as `evaluate`'s): valid until the next call on the same game.
 * `jacobian` false: `A` and `P` are not computed (the event tests need only `V`). `equationsOnly`: `V`
 * and `P` only where `H` and `A` read them (see `evaluate`'s `supportOnly`), for the corrector.
 */
export function system(
  g: PathGame,
  bonus: Float64Array[],
  support: Support,
  z: ArrayLike<number>,
  jacobian = true,
  equationsOnly = false,
): { H: Float64Array; A: Float64Array; V: Float64Array[]; P: Float64Array[][]; x: Float64Array[] } {
  const d = freeCount(support);
  const lambda = z[d]!;
  let scratch = SYSTEM_SCRATCH.get(g);
  if (scratch === undefined) {
    scratch = { x: vectors(g.shape), byDim: new Map() };
    SYSTEM_SCRATCH.set(g, scratch);
  }
  let buffers = scratch.byDim.get(d);
  if (buffers === undefined) {
    buffers = { H: new Float64Array(d), A: new Float64Array(d * (d + 1)) };
    scratch.byDim.set(d, buffers);
  }
  const { x } = scratch;
  let v = 0;
  for (let p = 0; p < x.length; p++) {
    const xp = x[p]!;
    xp.fill(0);
    const S = support[p]!;
    let rest = 1;
    for (let k = 1; k < S.length; k++) {
      xp[S[k]!] = z[v]!;
      rest -= z[v++]!;
    }
    xp[S[0]!] = rest;
  }
  const { V, P } = evaluate(g, x, support, jacobian, equationsOnly);
  const { H, A } = buffers;
  if (jacobian) A.fill(0);
  let offP = 0;
  for (let p = 0; p < support.length; p++) {
    const S = support[p]!;
    const b0 = S[0]!;
    for (let k = 1; k < S.length; k++) {
      const e = offP + k - 1;
      const s = S[k]!;
      H[e] = V[p]![s]! - V[p]![b0]! + lambda * (bonus[p]![s]! - bonus[p]![b0]!);
      if (!jacobian) continue;
      A[e * (d + 1) + d] = bonus[p]![s]! - bonus[p]![b0]!;
      let offQ = 0;
      for (let q = 0; q < support.length; q++) {
        const T = support[q]!;
        if (q !== p) {
          const nq = g.shape[q]!;
          const row = P[p]![q]!;
          for (let j = 1; j < T.length; j++) {
            const t = T[j]!;
            A[e * (d + 1) + offQ + j - 1] =
              row[s * nq + t]! - row[s * nq + T[0]!]! - (row[b0 * nq + t]! - row[b0 * nq + T[0]!]!);
          }
        }
        offQ += T.length - 1;
      }
    }
    offP += S.length - 1;
  }
  return { H, A, V, P, x };
}

/**
 * The LU factors of `m` (n x n row-major) in place, by Gaussian elimination with partial pivoting:
 * `U` on and above the diagonal, the multipliers below it, `perm[c]` the row swapped with row c at
 * column c; `false` when singular (a pivot below 1e-13 times the largest entry, the test of `invert`).
 * With `solveFactoredInPlace`, the square system `M v = r` is solved in the caller's kept buffers (the
 * corrector and the tangent do, at every step: a third of the work of inverting `M`), performing
 * the operations of elimination on `[M | r]` in the same order.
 */
export function factorInPlace(m: Float64Array, n: number, perm: Int32Array): boolean {
  // the largest |entry| in an indexed loop (this is hot); a NaN entry is singular, as Math.max's NaN scale made it
  let scale = 0;
  for (let i = 0; i < n * n; i++) {
    const a = Math.abs(m[i]!);
    if (Number.isNaN(a)) return false;
    if (a > scale) scale = a;
  }
  if (!(scale > 0)) return false;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(m[i * n + c]!) > Math.abs(m[piv * n + c]!)) piv = i;
    const pv = m[piv * n + c]!;
    if (!(Math.abs(pv) > scale * 1e-13)) return false;
    perm[c] = piv;
    if (piv !== c)
      for (let k = c; k < n; k++) {
        const a = m[c * n + k]!;
        m[c * n + k] = m[piv * n + k]!;
        m[piv * n + k] = a;
      }
    for (let i = c + 1; i < n; i++) {
      const f = m[i * n + c]! / pv;
      m[i * n + c] = f;
      if (f === 0) continue;
      for (let k = c + 1; k < n; k++) m[i * n + k] = m[i * n + k]! - f * m[c * n + k]!;
    }
  }
  return true;
}

/** Solves with `factorInPlace`'s factors, overwriting `out` (the right-hand side) with the answer; `null` when it is not finite. */
export function solveFactoredInPlace(
  m: Float64Array,
  perm: Int32Array,
  n: number,
  out: Float64Array,
): Float64Array | null {
  for (let c = 0; c < n; c++) {
    const piv = perm[c]!;
    if (piv !== c) {
      const a = out[c]!;
      out[c] = out[piv]!;
      out[piv] = a;
    }
    for (let i = c + 1; i < n; i++) {
      const f = m[i * n + c]!;
      if (f === 0) continue;
      out[i] = out[i]! - f * out[c]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = out[i]!;
    for (let k = i + 1; k < n; k++) s -= m[i * n + k]! * out[k]!;
    out[i] = s / m[i * n + i]!;
  }
  for (let i = 0; i < n; i++) if (!Number.isFinite(out[i]!)) return null;
  return out;
}

/** Buffers of `tangent`, by the size of its system (the follower is single-threaded). */
const TANGENT_SCRATCH = new Map<number, { M: Float64Array; r: Float64Array; perm: Int32Array }>();

/** The unit tangent of the path at `A` (d x (d+1)) closest in direction to `prev` (a d+1 vector). */
export function tangent(A: Float64Array, d: number, prev: Float64Array): Float64Array | null {
  const n = d + 1;
  let buffers = TANGENT_SCRATCH.get(n);
  if (buffers === undefined) {
    buffers = { M: new Float64Array(n * n), r: new Float64Array(n), perm: new Int32Array(n) };
    TANGENT_SCRATCH.set(n, buffers);
  }
  const { M, r, perm } = buffers;
  M.set(A);
  for (let j = 0; j < n; j++) M[d * n + j] = prev[j]!;
  r.fill(0);
  r[d] = 1;
  const t = factorInPlace(M, n, perm) ? solveFactoredInPlace(M, perm, n, r) : null;
  if (t === null) return null;
  let norm = 0;
  for (const v of t) norm += v * v;
  norm = Math.sqrt(norm);
  return norm > 0 && Number.isFinite(norm) ? t.map((v) => v / norm) : null;
}
