/**
 * The probabilities on the supports over a box of free variables, and the contraction of a payoff
 * tensor with them in outward-rounded interval arithmetic: the inner loop of the certified search
 * (`../enumpoly/search.ts`). A box is filled in place (`setSupportBox`) so that the search allocates
 * nothing per box.
 *
 * The equations of a support system are affine in each player's probabilities, so their exact range
 * over a box is attained at a combination of the players' vertices; contracting over vertex
 * combinations gives bounds far tighter than the natural interval extension, which loses the
 * dependency between a player's base probability `1 - sum y` and its free ones (Moore, Kearfott and
 * Cloud, Introduction to Interval Analysis, SIAM 2009, sec. 6.4, on the dependency problem).
 */
import { down, imul, R, up } from "./interval.js";
import type { Block, SupportSystem } from "./support-system.js";

/** One vertex of a player's box of probabilities: an interval vector, tight up to rounding. */
interface Vertex {
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * The probabilities on the supports over a box of free variables: `lo[p]`, `hi[p]` (`|S_p|` entries,
 * base first) bound every point; player p's vertices are built on first use (`vertexCount`).
 */
export interface SupportBox {
  lo: Float64Array[];
  hi: Float64Array[];
  /** `split[p]`: player p's vertices are more than its hull (a box, not a point, in its free variables). */
  split: boolean[];
  /** Storage of player p's `2^k` vertices (empty for a hull box or a player over `MAX_VERTEX_DIM`). */
  verts: Vertex[][];
  /** The hull of player p as one vertex (aliases `lo[p]`, `hi[p]`). */
  hull: Vertex[];
  /** Vertices of player p built so far: 0 until first use when `split[p]`. */
  count: Int32Array;
  /** The system and the free-variable box the vertices are built from (`null`: a hull box). */
  sys: SupportSystem | null;
  freeLo: Float64Array;
  freeHi: Float64Array;
}

/** Players with more free variables than this use the interval hull instead of their `2^k` vertices. */
const MAX_VERTEX_DIM = 6;

/** An empty box for `sys`, to be filled by `setSupportBox` (reused across boxes). */
export function newSupportBox(sys: SupportSystem): SupportBox {
  const lo = sys.support.map((S) => new Float64Array(S.length));
  const hi = sys.support.map((S) => new Float64Array(S.length));
  const verts = sys.support.map((S) => {
    const k = S.length - 1;
    if (k === 0 || k > MAX_VERTEX_DIM) return [];
    return Array.from({ length: 1 << k }, () => ({
      lo: new Float64Array(S.length),
      hi: new Float64Array(S.length),
    }));
  });
  return {
    lo,
    hi,
    split: sys.support.map(() => false),
    verts,
    hull: lo.map((a, p) => ({ lo: a, hi: hi[p]! })),
    count: new Int32Array(sys.support.length),
    sys,
    freeLo: new Float64Array(sys.dim),
    freeHi: new Float64Array(sys.dim),
  };
}

/** Fills `x` with the probabilities of the box `[lo, hi]` of free variables (length `dim`); returns `x`. */
export function setSupportBox(x: SupportBox, lo: ArrayLike<number>, hi: ArrayLike<number>): SupportBox {
  const sys = x.sys!;
  for (let i = 0; i < sys.dim; i++) {
    x.freeLo[i] = lo[i]!;
    x.freeHi[i] = hi[i]!;
  }
  for (let p = 0; p < sys.support.length; p++) {
    const n = sys.support[p]!.length;
    const off = sys.offsets[p]!;
    const a = x.lo[p]!;
    const b = x.hi[p]!;
    let sumLo = 0;
    let sumHi = 0;
    let point = true;
    for (let k = 1; k < n; k++) {
      const l = lo[off + k - 1]!;
      const h = hi[off + k - 1]!;
      a[k] = l;
      b[k] = h;
      if (l !== h) point = false;
      sumLo = k === 1 ? l : down(sumLo + l);
      sumHi = k === 1 ? h : up(sumHi + h);
    }
    a[0] = n === 1 ? 1 : down(1 - sumHi);
    b[0] = n === 1 ? 1 : up(1 - sumLo);
    const split = !point && n - 1 <= MAX_VERTEX_DIM;
    x.split[p] = split;
    x.count[p] = split ? 0 : 1;
  }
  return x;
}

/** The probabilities on the supports of a box of free variables (a new box; the search reuses one). */
export function supportBox(sys: SupportSystem, lo: ArrayLike<number>, hi: ArrayLike<number>): SupportBox {
  return setSupportBox(newSupportBox(sys), lo, hi);
}

/** A box whose every player is one interval vector (no vertex split). */
export function hullBox(lo: Float64Array[], hi: Float64Array[]): SupportBox {
  return {
    lo,
    hi,
    split: lo.map(() => false),
    verts: lo.map(() => []),
    hull: lo.map((a, p) => ({ lo: a, hi: hi[p]! })),
    count: new Int32Array(lo.length).fill(1),
    sys: null,
    freeLo: new Float64Array(0),
    freeHi: new Float64Array(0),
  };
}

/** Number of player p's vertices of the box, building them on first use. */
function vertexCount(x: SupportBox, p: number): number {
  const c = x.count[p]!;
  if (c > 0) return c;
  const sys = x.sys!;
  const n = sys.support[p]!.length;
  const off = sys.offsets[p]!;
  const list = x.verts[p]!;
  for (let mask = 0; mask < list.length; mask++) {
    const v = list[mask]!;
    let sumLo = 0;
    let sumHi = 0;
    for (let k = 1; k < n; k++) {
      const y = mask & (1 << (k - 1)) ? x.freeHi[off + k - 1]! : x.freeLo[off + k - 1]!;
      v.lo[k] = y;
      v.hi[k] = y;
      sumLo = k === 1 ? y : down(sumLo + y);
      sumHi = k === 1 ? y : up(sumHi + y);
    }
    v.lo[0] = down(1 - sumHi);
    v.hi[0] = up(1 - sumLo);
  }
  x.count[p] = list.length;
  return list.length;
}

function vertexAt(x: SupportBox, p: number, i: number): Vertex {
  return x.split[p] ? x.verts[p]![i]! : x.hull[p]!;
}

/** Reused buffers of `contract` (the search is single-threaded and `contract` is not re-entered). */
const SCRATCH = {
  vs: [] as (Vertex | null)[],
  pick: new Int32Array(8),
  limit: new Int32Array(8),
  idx: new Int32Array(8),
  accLo: new Float64Array(16),
  accHi: new Float64Array(16),
};

function scratch(m: number, n: number): typeof SCRATCH {
  if (SCRATCH.pick.length < m) {
    SCRATCH.pick = new Int32Array(m);
    SCRATCH.limit = new Int32Array(m);
    SCRATCH.idx = new Int32Array(m);
  }
  if (SCRATCH.accLo.length < n) {
    SCRATCH.accLo = new Float64Array(n);
    SCRATCH.accHi = new Float64Array(n);
  }
  return SCRATCH;
}

/**
 * Contracts row `row` of a tensor of `block` with the others' probabilities, all but the other at
 * position `skip` (-1: all), at every combination of the others' vertices; writes the hull over the
 * combinations to `out` (length `dims[skip]`, or 1).
 */
export function contract(
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
  // one other player with a vertex split enters linearly through its free probabilities (each once,
  // so its interval range is exact): its vertices need not be enumerated; the one with the most
  // vertices saves the most
  let lin = -1;
  for (let j = m - 1; j >= 0; j--) {
    if (j !== skip && x.split[others[j]!] && (lin < 0 || dims[j]! > dims[lin]!)) lin = j;
  }
  const width = lin < 0 ? 1 : dims[lin]!;
  const { pick, limit, accLo, accHi } = scratch(m, n * width);
  for (let j = 0; j < m; j++) {
    pick[j] = 0;
    limit[j] = j === skip || j === lin ? 1 : vertexCount(x, others[j]!);
  }
  outLo.fill(Infinity);
  outHi.fill(-Infinity);
  // two others (a three-player game), one enumerated and the other linear (the equations) or
  // skipped (the Jacobian): `contractPair`
  const e = m !== 2 ? -1 : skip < 0 ? (lin >= 0 ? 1 - lin : -1) : lin < 0 ? 1 - skip : -1;
  for (;;) {
    if (e >= 0) {
      const v = vertexAt(x, others[e]!, pick[e]!);
      contractPair(tLo, tHi, row * block.size, dims, e, v, accLo, accHi);
    } else contractAt(tLo, tHi, row, block, x, skip, lin, pick, accLo, accHi, n * width);
    for (let o = 0; o < n; o++) {
      let lo = accLo[o * width]!;
      let hi = accHi[o * width]!;
      if (lin >= 0) {
        const q = others[lin]!;
        const qLo = x.lo[q]!;
        const qHi = x.hi[q]!;
        // acc_0 + sum_k (acc_k - acc_0) y_k, with y_k = x_q(S_q[k]) in [x.lo, x.hi]
        for (let k = 1; k < width; k++) {
          const dLo = down(accLo[o * width + k]! - accHi[o * width]!);
          const dHi = up(accHi[o * width + k]! - accLo[o * width]!);
          imul(dLo, dHi, qLo[k]!, qHi[k]!);
          lo = down(lo + R.lo);
          hi = up(hi + R.hi);
        }
      }
      if (lo < outLo[o]!) outLo[o] = lo;
      if (hi > outHi[o]!) outHi[o] = hi;
    }
    let j = 0;
    for (; j < m; j++) {
      if (++pick[j]! < limit[j]!) break;
      pick[j] = 0;
    }
    if (j === m) return;
  }
}

/**
 * `contractAt` for two others, the one at `e` at its vertex `v` and the other (linear or skipped)
 * left free: `acc[b] = sum_a T[a, b] v[a]`, with the point-times-interval products of exact payoffs taken
 * without the four-product case.
 */
function contractPair(
  tLo: Float64Array,
  tHi: Float64Array,
  base: number,
  dims: number[],
  e: number,
  v: Vertex,
  accLo: Float64Array,
  accHi: Float64Array,
): void {
  const de = dims[e]!;
  const dl = dims[1 - e]!;
  // f = i0 + dims[0] i1 (the first other fastest)
  const se = e === 0 ? 1 : dims[0]!;
  const sl = e === 0 ? dims[0]! : 1;
  const vLo = v.lo;
  const vHi = v.hi;
  for (let b = 0; b < dl; b++) {
    let lo = 0;
    let hi = 0;
    for (let a = 0; a < de; a++) {
      const i = base + a * se + b * sl;
      const tl = tLo[i]!;
      const th = tHi[i]!;
      if (tl === th) {
        if (tl === 0) continue;
        if (tl > 0) {
          lo = down(lo + down(tl * vLo[a]!));
          hi = up(hi + up(tl * vHi[a]!));
        } else {
          lo = down(lo + down(tl * vHi[a]!));
          hi = up(hi + up(tl * vLo[a]!));
        }
      } else {
        imul(tl, th, vLo[a]!, vHi[a]!);
        lo = down(lo + R.lo);
        hi = up(hi + R.hi);
      }
    }
    accLo[b] = lo;
    accHi[b] = hi;
  }
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
  for (let j = 0; j < m; j++) vs[j] = j === skip || j === lin ? null : vertexAt(x, others[j]!, pick[j]!);
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
