/**
 * The polynomial system of one support profile of an N-player game, evaluated in doubles (for Newton's
 * method) and in outward-rounded interval arithmetic (for certification).
 *
 * For supports `S_p`, player p's probabilities are `x_p(S_p[k]) = y_{p,k}` for `k >= 1` (the free
 * variables) and `x_p(S_p[0]) = 1 - sum_k y_{p,k}`. A profile on these supports is an equilibrium iff
 * every player is indifferent among its support strategies, `u_p(S_p[k], x_-p) = u_p(S_p[0], x_-p)`
 * (`|S_p| - 1` equations per player, multilinear in the other players' probabilities: a square system
 * in the free variables), all probabilities are nonnegative, and no strategy off the support pays more
 * (McKelvey and McLennan, "Computation of equilibria in finite games", Handbook of Computational
 * Economics vol. 1, 1996, sec. 6).
 */
import { floatPayoffs, type NormalFormGame, strides } from "../game.js";
import { Rational } from "../rational.js";
import { around, down, imul, R, up } from "./interval.js";

/** Player p's payoff tables restricted to the others' supports, as intervals. */
interface Block {
  /** The other players, ascending, and the sizes of their supports. */
  others: number[];
  dims: number[];
  /** Entries of one tensor (`prod dims`). */
  size: number;
  /** `pay[s * size + f]`: player p's payoff of strategy s (every s) at the others' profile f (first other fastest). */
  payLo: Float64Array;
  payHi: Float64Array;
  /** Equation k-1 (k >= 1): `pay[S_p[k]] - pay[S_p[0]]`. */
  eqLo: Float64Array;
  eqHi: Float64Array;
  /** The strategies off p's support, and `pay[t] - pay[S_p[0]]` for each. */
  off: number[];
  offLo: Float64Array;
  offHi: Float64Array;
}

/** The system of one support profile (see the module comment). */
export interface SupportSystem {
  support: number[][];
  /** Number of free variables (= equations). */
  dim: number;
  /** `free[k] = [p, s]`: free variable k is player p's probability of strategy s. */
  free: [number, number][];
  /** First free variable of each player. */
  offsets: number[];
  blocks: Block[];
}

const TABLES = new WeakMap<NormalFormGame, { lo: Float64Array; hi: Float64Array }[]>();

/** Each player's payoffs as intervals around the exact rationals (points when the double is exact). */
export function intervalPayoffs(game: NormalFormGame): { lo: Float64Array; hi: Float64Array }[] {
  let t = TABLES.get(game);
  if (t === undefined) {
    const floats = floatPayoffs(game);
    t = game.payoffs.map((row, p) => {
      const lo = new Float64Array(row.length);
      const hi = new Float64Array(row.length);
      row.forEach((r, k) => {
        const x = floats[p]![k]!;
        const exact = Number.isFinite(x) && Rational.fromNumber(x).equals(r);
        [lo[k], hi[k]] = Number.isFinite(x) ? around(x, exact) : [-Infinity, Infinity];
      });
      return { lo, hi };
    });
    TABLES.set(game, t);
  }
  return t;
}

/** Builds the system of the support profile `support` (each `support[p]` ascending, nonempty). */
export function supportSystem(game: NormalFormGame, support: number[][]): SupportSystem {
  const N = game.shape.length;
  const st = strides(game.shape);
  const tables = intervalPayoffs(game);
  const offsets: number[] = [];
  const free: [number, number][] = [];
  for (let p = 0; p < N; p++) {
    offsets.push(free.length);
    for (let k = 1; k < support[p]!.length; k++) free.push([p, support[p]![k]!]);
  }
  const blocks: Block[] = [];
  for (let p = 0; p < N; p++) {
    const others: number[] = [];
    for (let q = 0; q < N; q++) if (q !== p) others.push(q);
    const dims = others.map((q) => support[q]!.length);
    const size = dims.reduce((a, b) => a * b, 1);
    const n = game.shape[p]!;
    const payLo = new Float64Array(n * size);
    const payHi = new Float64Array(n * size);
    const idx = new Array<number>(others.length).fill(0);
    for (let f = 0; f < size; f++) {
      let flat = 0;
      others.forEach((q, j) => {
        flat += st[q]! * support[q]![idx[j]!]!;
      });
      for (let s = 0; s < n; s++) {
        payLo[s * size + f] = tables[p]!.lo[flat + st[p]! * s]!;
        payHi[s * size + f] = tables[p]!.hi[flat + st[p]! * s]!;
      }
      for (let j = 0; j < idx.length; j++) {
        if (++idx[j]! < dims[j]!) break;
        idx[j] = 0;
      }
    }
    const base = support[p]![0]!;
    const diff = (rows: number[]): [Float64Array, Float64Array] => {
      const lo = new Float64Array(rows.length * size);
      const hi = new Float64Array(rows.length * size);
      rows.forEach((s, r) => {
        for (let f = 0; f < size; f++) {
          lo[r * size + f] = down(payLo[s * size + f]! - payHi[base * size + f]!);
          hi[r * size + f] = up(payHi[s * size + f]! - payLo[base * size + f]!);
        }
      });
      return [lo, hi];
    };
    const [eqLo, eqHi] = diff(support[p]!.slice(1));
    const off: number[] = [];
    for (let s = 0; s < n; s++) if (!support[p]!.includes(s)) off.push(s);
    const [offLo, offHi] = diff(off);
    blocks.push({ others, dims, size, payLo, payHi, eqLo, eqHi, off, offLo, offHi });
  }
  return { support, dim: free.length, free, offsets, blocks };
}

/** Interval probabilities of every support strategy: `x[p]` has `|S_p|` entries, base first. */
export interface SupportBox {
  lo: Float64Array[];
  hi: Float64Array[];
}

/** The probabilities on the supports of a box of free variables (`lo`, `hi` of length `dim`). */
export function supportBox(sys: SupportSystem, lo: ArrayLike<number>, hi: ArrayLike<number>): SupportBox {
  const xl: Float64Array[] = [];
  const xh: Float64Array[] = [];
  sys.support.forEach((S, p) => {
    const a = new Float64Array(S.length);
    const b = new Float64Array(S.length);
    let sumLo = 0;
    let sumHi = 0;
    for (let k = 1; k < S.length; k++) {
      const v = sys.offsets[p]! + k - 1;
      a[k] = lo[v]!;
      b[k] = hi[v]!;
      sumLo = down(sumLo + lo[v]!);
      sumHi = up(sumHi + hi[v]!);
    }
    a[0] = S.length === 1 ? 1 : down(1 - sumHi);
    b[0] = S.length === 1 ? 1 : up(1 - sumLo);
    xl.push(a);
    xh.push(b);
  });
  return { lo: xl, hi: xh };
}

/**
 * Contracts row `row` of a tensor of `block` with the others' interval probabilities, all but the
 * other at position `skip` (-1: all). Writes `out` (length `dims[skip]`, or 1).
 */
function contract(
  tLo: Float64Array,
  tHi: Float64Array,
  row: number,
  block: Block,
  x: SupportBox,
  skip: number,
  outLo: Float64Array,
  outHi: Float64Array,
): void {
  const { others, dims, size } = block;
  const m = others.length;
  outLo.fill(0);
  outHi.fill(0);
  const idx = new Int32Array(m);
  const base = row * size;
  for (let f = 0; f < size; f++) {
    let wl = tLo[base + f]!;
    let wh = tHi[base + f]!;
    for (let j = 0; j < m; j++) {
      if (j === skip) continue;
      const q = others[j]!;
      imul(wl, wh, x.lo[q]![idx[j]!]!, x.hi[q]![idx[j]!]!);
      wl = R.lo;
      wh = R.hi;
    }
    const o = skip < 0 ? 0 : idx[skip]!;
    outLo[o] = down(outLo[o]! + wl);
    outHi[o] = up(outHi[o]! + wh);
    for (let j = 0; j < m; j++) {
      if (++idx[j]! < dims[j]!) break;
      idx[j] = 0;
    }
  }
}

const ONE_LO = new Float64Array(1);
const ONE_HI = new Float64Array(1);

/** Interval values of the equations over the box: `fLo[e]`, `fHi[e]` for equation e (free-variable order). */
export function evalF(sys: SupportSystem, x: SupportBox, fLo: Float64Array, fHi: Float64Array): void {
  sys.blocks.forEach((b, p) => {
    const rows = sys.support[p]!.length - 1;
    for (let r = 0; r < rows; r++) {
      contract(b.eqLo, b.eqHi, r, b, x, -1, ONE_LO, ONE_HI);
      fLo[sys.offsets[p]! + r] = ONE_LO[0]!;
      fHi[sys.offsets[p]! + r] = ONE_HI[0]!;
    }
  });
}

/** Interval Jacobian over the box, row-major `d x d` (`jLo[e * d + v]`). */
export function evalJ(sys: SupportSystem, x: SupportBox, jLo: Float64Array, jHi: Float64Array): void {
  const d = sys.dim;
  jLo.fill(0);
  jHi.fill(0);
  sys.blocks.forEach((b, p) => {
    const rows = sys.support[p]!.length - 1;
    b.others.forEach((q, j) => {
      const nq = sys.support[q]!.length;
      if (nq === 1) return;
      const vLo = new Float64Array(nq);
      const vHi = new Float64Array(nq);
      for (let r = 0; r < rows; r++) {
        contract(b.eqLo, b.eqHi, r, b, x, j, vLo, vHi);
        const e = sys.offsets[p]! + r;
        // d/dy_{q,k} of the multilinear form: the coefficient of x_q(S_q[k]) minus that of x_q(S_q[0])
        for (let k = 1; k < nq; k++) {
          const v = sys.offsets[q]! + k - 1;
          jLo[e * d + v] = down(vLo[k]! - vHi[0]!);
          jHi[e * d + v] = up(vHi[k]! - vLo[0]!);
        }
      }
    });
  });
}

/**
 * For each player and each strategy off its support: the interval of `u_p(t, x_-p) - u_p(S_p[0], x_-p)`
 * over the box. Calls `visit(p, t, lo, hi)`; stops early when `visit` returns `false`.
 */
export function forEachOffSupport(
  sys: SupportSystem,
  x: SupportBox,
  visit: (p: number, t: number, lo: number, hi: number) => boolean,
): void {
  for (let p = 0; p < sys.blocks.length; p++) {
    const b = sys.blocks[p]!;
    for (let r = 0; r < b.off.length; r++) {
      contract(b.offLo, b.offHi, r, b, x, -1, ONE_LO, ONE_HI);
      if (!visit(p, b.off[r]!, ONE_LO[0]!, ONE_HI[0]!)) return;
    }
  }
}

/** Interval payoff of every strategy of player p against the box: `[lo[s], hi[s]]`. */
export function strategyValues(
  sys: SupportSystem,
  x: SupportBox,
  p: number,
): { lo: Float64Array; hi: Float64Array } {
  const b = sys.blocks[p]!;
  const n = b.payLo.length / b.size;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    contract(b.payLo, b.payHi, s, b, x, -1, ONE_LO, ONE_HI);
    lo[s] = ONE_LO[0]!;
    hi[s] = ONE_HI[0]!;
  }
  return { lo, hi };
}

/** The equations and Jacobian at a point, in plain doubles (Newton's method; not rigorous). */
export function evalPoint(
  sys: SupportSystem,
  y: ArrayLike<number>,
  f: Float64Array,
  jac: Float64Array,
): void {
  const x = supportBox(sys, y, y);
  // midpoints of a degenerate box are the point itself up to the outward rounding
  const mid = { lo: x.lo.map((a, p) => a.map((v, k) => (v + x.hi[p]![k]!) / 2)), hi: [] as Float64Array[] };
  mid.hi = mid.lo;
  const fl = new Float64Array(sys.dim);
  const fh = new Float64Array(sys.dim);
  evalF(sys, mid, fl, fh);
  for (let e = 0; e < sys.dim; e++) f[e] = (fl[e]! + fh[e]!) / 2;
  const jl = new Float64Array(sys.dim * sys.dim);
  const jh = new Float64Array(sys.dim * sys.dim);
  evalJ(sys, mid, jl, jh);
  for (let k = 0; k < jac.length; k++) jac[k] = (jl[k]! + jh[k]!) / 2;
}
