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

/**
 * The probabilities on the supports over a box of free variables: `lo[p]`, `hi[p]` (`|S_p|` entries,
 * base first) bound every point, and `verts[p]` lists player p's vertices (each an interval vector,
 * tight up to rounding). The equations are affine in each player's probabilities, so their exact range
 * over the box is attained at a combination of vertices; contracting over vertex combinations gives
 * bounds far tighter than the natural interval extension (which loses the dependency between a
 * player's base probability `1 - sum y` and its free ones).
 */
export interface SupportBox {
  lo: Float64Array[];
  hi: Float64Array[];
  /** `verts[p]`, built on first use (`vertsOf`): `null` until then. */
  verts: ({ lo: Float64Array; hi: Float64Array }[] | null)[];
  /** `split[p]`: player p's vertices are more than its hull (a box, not a point, in its free variables). */
  split: boolean[];
  /** The free-variable box the vertices are built from. */
  source?: { sys: SupportSystem; lo: ArrayLike<number>; hi: ArrayLike<number> };
}

/** Players with more free variables than this use the interval hull instead of their `2^k` vertices. */
const MAX_VERTEX_DIM = 6;

/** A box whose every player is one interval vector (no vertex split). */
export function hullBox(lo: Float64Array[], hi: Float64Array[]): SupportBox {
  return { lo, hi, verts: lo.map((a, p) => [{ lo: a, hi: hi[p]! }]), split: lo.map(() => false) };
}

function probabilities(
  S: readonly number[],
  off: number,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
): { lo: Float64Array; hi: Float64Array } {
  const a = new Float64Array(S.length);
  const b = new Float64Array(S.length);
  let sumLo = 0;
  let sumHi = 0;
  for (let k = 1; k < S.length; k++) {
    a[k] = lo[off + k - 1]!;
    b[k] = hi[off + k - 1]!;
    sumLo = k === 1 ? a[k]! : down(sumLo + a[k]!);
    sumHi = k === 1 ? b[k]! : up(sumHi + b[k]!);
  }
  a[0] = S.length === 1 ? 1 : down(1 - sumHi);
  b[0] = S.length === 1 ? 1 : up(1 - sumLo);
  return { lo: a, hi: b };
}

/** The probabilities on the supports of a box of free variables (`lo`, `hi` of length `dim`). */
export function supportBox(sys: SupportSystem, lo: ArrayLike<number>, hi: ArrayLike<number>): SupportBox {
  const xl: Float64Array[] = [];
  const xh: Float64Array[] = [];
  const verts: ({ lo: Float64Array; hi: Float64Array }[] | null)[] = [];
  const split: boolean[] = [];
  sys.support.forEach((S, p) => {
    const off = sys.offsets[p]!;
    const h = probabilities(S, off, lo, hi);
    xl.push(h.lo);
    xh.push(h.hi);
    const k = S.length - 1;
    let point = true;
    for (let i = 0; i < k; i++) if (lo[off + i] !== hi[off + i]) point = false;
    const hull = point || k > MAX_VERTEX_DIM;
    split.push(!hull);
    verts.push(hull ? [h] : null);
  });
  return { lo: xl, hi: xh, verts, split, source: { sys, lo, hi } };
}

/** Player p's vertices of the box (built once, on first use). */
export function vertsOf(x: SupportBox, p: number): { lo: Float64Array; hi: Float64Array }[] {
  const have = x.verts[p];
  if (have !== null && have !== undefined) return have;
  const { sys, lo, hi } = x.source!;
  const S = sys.support[p]!;
  const off = sys.offsets[p]!;
  const k = S.length - 1;
  const list: { lo: Float64Array; hi: Float64Array }[] = [];
  const v = new Float64Array(k);
  for (let mask = 0; mask < 1 << k; mask++) {
    for (let i = 0; i < k; i++) v[i] = mask & (1 << i) ? hi[off + i]! : lo[off + i]!;
    list.push(probabilities(S, 0, v, v));
  }
  x.verts[p] = list;
  return list;
}

/**
 * Contracts row `row` of a tensor of `block` with the others' probabilities, all but the other at
 * position `skip` (-1: all), at every combination of the others' vertices; writes the hull over the
 * combinations to `out` (length `dims[skip]`, or 1).
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
  const { others, dims } = block;
  const m = others.length;
  const n = outLo.length;
  // the last other player with a vertex split enters linearly through its free probabilities
  // (each once, so its interval range is exact): its vertices need not be enumerated
  let lin = -1;
  for (let j = m - 1; j >= 0 && lin < 0; j--) if (j !== skip && x.split[others[j]!]) lin = j;
  const width = lin < 0 ? 1 : dims[lin]!;
  const { pick, accLo, accHi } = scratch(m, n * width);
  pick.fill(0);
  outLo.fill(Infinity);
  outHi.fill(-Infinity);
  for (;;) {
    contractAt(tLo, tHi, row, block, x, skip, lin, pick, accLo, accHi, n * width);
    for (let o = 0; o < n; o++) {
      let lo = accLo[o * width]!;
      let hi = accHi[o * width]!;
      if (lin >= 0) {
        const q = others[lin]!;
        // acc_0 + sum_k (acc_k - acc_0) y_k, with y_k = x_q(S_q[k]) in [x.lo, x.hi]
        for (let k = 1; k < width; k++) {
          const dLo = down(accLo[o * width + k]! - accHi[o * width]!);
          const dHi = up(accHi[o * width + k]! - accLo[o * width]!);
          imul(dLo, dHi, x.lo[q]![k]!, x.hi[q]![k]!);
          lo = down(lo + R.lo);
          hi = up(hi + R.hi);
        }
      }
      if (lo < outLo[o]!) outLo[o] = lo;
      if (hi > outHi[o]!) outHi[o] = hi;
    }
    let j = 0;
    for (; j < m; j++) {
      if (++pick[j]! < (j === skip || j === lin ? 1 : vertsOf(x, others[j]!).length)) break;
      pick[j] = 0;
    }
    if (j === m) return;
  }
}

/** Reused buffers of `contract` (the search is single-threaded and `contract` is not re-entered). */
const SCRATCH = {
  vs: [] as ({ lo: Float64Array; hi: Float64Array } | null)[],
  pick: new Int32Array(8),
  idx: new Int32Array(8),
  accLo: new Float64Array(16),
  accHi: new Float64Array(16),
};

function scratch(m: number, n: number): typeof SCRATCH {
  if (SCRATCH.pick.length < m) {
    SCRATCH.pick = new Int32Array(m);
    SCRATCH.idx = new Int32Array(m);
  }
  if (SCRATCH.accLo.length < n) {
    SCRATCH.accLo = new Float64Array(n);
    SCRATCH.accHi = new Float64Array(n);
  }
  return SCRATCH;
}

/** `contract` at one combination of vertices (`pick[j]`: the vertex of other j). */
function contractAt(
  tLo: Float64Array,
  tHi: Float64Array,
  row: number,
  block: Block,
  x: SupportBox,
  skip: number,
  lin: number,
  pick: Int32Array,
  outLo: Float64Array,
  outHi: Float64Array,
  n: number,
): void {
  const { others, dims, size } = block;
  const m = others.length;
  for (let o = 0; o < n; o++) {
    outLo[o] = 0;
    outHi[o] = 0;
  }
  const idx = SCRATCH.idx;
  idx.fill(0, 0, m);
  const base = row * size;
  const width = lin < 0 ? 1 : dims[lin]!;
  const vs = SCRATCH.vs;
  for (let j = 0; j < m; j++) vs[j] = j === skip || j === lin ? null : vertsOf(x, others[j]!)[pick[j]!]!;
  for (let f = 0; f < size; f++) {
    let wl = tLo[base + f]!;
    let wh = tHi[base + f]!;
    for (let j = 0; j < m; j++) {
      const v = vs[j];
      if (v === null || v === undefined) continue;
      imul(wl, wh, v.lo[idx[j]!]!, v.hi[idx[j]!]!);
      wl = R.lo;
      wh = R.hi;
    }
    const o = (skip < 0 ? 0 : idx[skip]!) * width + (lin < 0 ? 0 : idx[lin]!);
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

/**
 * `true` when some equation's interval over the box misses 0 (then the box holds no root): `evalF`
 * with an early exit, equation by equation, for the exclusion test of the subdivision.
 */
export function someEquationNonzero(sys: SupportSystem, x: SupportBox): boolean {
  for (let p = 0; p < sys.blocks.length; p++) {
    const b = sys.blocks[p]!;
    const rows = sys.support[p]!.length - 1;
    for (let r = 0; r < rows; r++) {
      contract(b.eqLo, b.eqHi, r, b, x, -1, ONE_LO, ONE_HI);
      if (ONE_LO[0]! > 0 || ONE_HI[0]! < 0) return true;
    }
  }
  return false;
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
  const m = x.lo.map((a, p) => a.map((v, k) => (v + x.hi[p]![k]!) / 2));
  const mid = hullBox(m, m);
  const fl = new Float64Array(sys.dim);
  const fh = new Float64Array(sys.dim);
  evalF(sys, mid, fl, fh);
  for (let e = 0; e < sys.dim; e++) f[e] = (fl[e]! + fh[e]!) / 2;
  const jl = new Float64Array(sys.dim * sys.dim);
  const jh = new Float64Array(sys.dim * sys.dim);
  evalJ(sys, mid, jl, jh);
  for (let k = 0; k < jac.length; k++) jac[k] = (jl[k]! + jh[k]!) / 2;
}
