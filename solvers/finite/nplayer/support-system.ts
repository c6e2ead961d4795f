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
import { around, down, up } from "./interval.js";
import { contract, hullBox, newSupportBox, type SupportBox, setSupportBox } from "./support-box.js";

export { hullBox, newSupportBox, type SupportBox, setSupportBox, supportBox } from "./support-box.js";

/** Player p's payoff tables restricted to the others' supports, as intervals. */
export interface Block {
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
  /**
   * Some equation is identically 0 (a player exactly indifferent between two support strategies against
   * every profile of the others' supports): every solution lies on a continuum, none is isolated.
   */
  zeroEquation: boolean;
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

/** `true` when `a - c` is exact in doubles (Knuth's TwoSum error term is 0). */
function exactDifference(a: number, c: number): boolean {
  const d = a - c;
  const cc = d - a;
  return Number.isFinite(d) && a - (d - cc) + (-c - cc) === 0;
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
          const a = payLo[s * size + f]!;
          const c = payLo[base * size + f]!;
          if (a === payHi[s * size + f] && c === payHi[base * size + f] && exactDifference(a, c)) {
            lo[r * size + f] = a - c;
            hi[r * size + f] = a - c;
          } else {
            lo[r * size + f] = down(a - payHi[base * size + f]!);
            hi[r * size + f] = up(payHi[s * size + f]! - c);
          }
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
  const zeroEquation = blocks.some((b, p) =>
    support[p]!.slice(1).some((_, r) => {
      for (let f = 0; f < b.size; f++)
        if (b.eqLo[r * b.size + f] !== 0 || b.eqHi[r * b.size + f] !== 0) return false;
      return true;
    }),
  );
  return { support, dim: free.length, free, offsets, blocks, zeroEquation };
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

/**
 * The first equation (free-variable order, starting at `first` and wrapping around) whose interval
 * over the box misses 0, or -1: `evalF` with an early exit, for the exclusion test of the
 * subdivision. The search starts at the equation that excluded the last box, since neighbouring
 * boxes are mostly excluded by the same one.
 */
export function nonzeroEquation(sys: SupportSystem, x: SupportBox, first = 0): number {
  const d = sys.dim;
  for (let i = 0; i < d; i++) {
    const e = first + i < d ? first + i : first + i - d;
    const p = sys.free[e]![0];
    const b = sys.blocks[p]!;
    const r = e - sys.offsets[p]!;
    contract(b.eqLo, b.eqHi, r, b, x, -1, ONE_LO, ONE_HI);
    if (ONE_LO[0]! > 0 || ONE_HI[0]! < 0) return e;
  }
  return -1;
}

/** Coefficient buffers of `evalJ`, by the length of a player's support. */
const V_BUF: { lo: Float64Array; hi: Float64Array }[] = [];

/** Interval Jacobian over the box, row-major `d x d` (`jLo[e * d + v]`). */
export function evalJ(sys: SupportSystem, x: SupportBox, jLo: Float64Array, jHi: Float64Array): void {
  const d = sys.dim;
  jLo.fill(0);
  jHi.fill(0);
  for (let p = 0; p < sys.blocks.length; p++) {
    const b = sys.blocks[p]!;
    const rows = sys.support[p]!.length - 1;
    for (let j = 0; j < b.others.length; j++) {
      const q = b.others[j]!;
      const nq = sys.support[q]!.length;
      if (nq === 1) continue;
      V_BUF[nq] ??= { lo: new Float64Array(nq), hi: new Float64Array(nq) };
      const { lo: vLo, hi: vHi } = V_BUF[nq]!;
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
    }
  }
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

/** Buffers of `evalPoint`, one set per support system. */
interface PointScratch {
  box: SupportBox;
  mid: SupportBox;
  fl: Float64Array;
  fh: Float64Array;
  jl: Float64Array;
  jh: Float64Array;
}

const POINT_SCRATCH = new WeakMap<SupportSystem, PointScratch>();

/** The equations and Jacobian at a point, in plain doubles (Newton's method; not rigorous). */
export function evalPoint(
  sys: SupportSystem,
  y: ArrayLike<number>,
  f: Float64Array,
  jac: Float64Array,
): void {
  let s = POINT_SCRATCH.get(sys);
  if (s === undefined) {
    const m = sys.support.map((S) => new Float64Array(S.length));
    const d = sys.dim;
    s = {
      box: newSupportBox(sys),
      mid: hullBox(m, m),
      fl: new Float64Array(d),
      fh: new Float64Array(d),
      jl: new Float64Array(d * d),
      jh: new Float64Array(d * d),
    };
    POINT_SCRATCH.set(sys, s);
  }
  const x = setSupportBox(s.box, y, y);
  // midpoints of a degenerate box are the point itself up to the outward rounding
  for (let p = 0; p < x.lo.length; p++) {
    const m = s.mid.lo[p]!;
    for (let k = 0; k < m.length; k++) m[k] = (x.lo[p]![k]! + x.hi[p]![k]!) / 2;
  }
  evalF(sys, s.mid, s.fl, s.fh);
  for (let e = 0; e < sys.dim; e++) f[e] = (s.fl[e]! + s.fh[e]!) / 2;
  evalJ(sys, s.mid, s.jl, s.jh);
  for (let k = 0; k < jac.length; k++) jac[k] = (s.jl[k]! + s.jh[k]!) / 2;
}
