/**
 * Krawczyk's interval Newton test on a support system (see `support-system.ts`) and a plain Newton
 * iteration to aim it.
 *
 * For a box `B` with midpoint `m`, a preconditioner `Y` (the inverse of the midpoint of the interval
 * Jacobian `J(B)`) and `K(B) = m - Y F(m) + (I - Y J(B)) (B - m)`: every root of `F` in `B` lies in
 * `K(B)`; if `K(B)` misses `B` there is none; if `K(B)` lies in the interior of `B` there is exactly
 * one (Krawczyk 1969; Moore, Kearfott and Cloud, Introduction to Interval Analysis, SIAM 2009,
 * sec. 8.4, theorem 8.2).
 */
import { down, imul, R, up } from "./interval.js";
import {
  evalF,
  evalJ,
  evalPoint,
  newSupportBox,
  type SupportBox,
  type SupportSystem,
  setSupportBox,
} from "./support-system.js";

/** Inverse of a `d x d` row-major matrix by Gauss-Jordan with partial pivoting; `null` when singular. */
export function invert(a: Float64Array, d: number): Float64Array | null {
  return invertInto(a, d, new Float64Array(d * d), new Float64Array(d * d));
}

/** `invert` in the buffers `m` (overwritten) and `inv` (the result). */
function invertInto(a: Float64Array, d: number, m: Float64Array, inv: Float64Array): Float64Array | null {
  m.set(a);
  inv.fill(0);
  for (let i = 0; i < d; i++) inv[i * d + i] = 1;
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  if (!(scale > 0)) return null;
  for (let c = 0; c < d; c++) {
    let piv = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(m[r * d + c]!) > Math.abs(m[piv * d + c]!)) piv = r;
    const pv = m[piv * d + c]!;
    if (!(Math.abs(pv) > scale * 1e-13)) return null;
    if (piv !== c) {
      for (let k = 0; k < d; k++) {
        [m[c * d + k], m[piv * d + k]] = [m[piv * d + k]!, m[c * d + k]!];
        [inv[c * d + k], inv[piv * d + k]] = [inv[piv * d + k]!, inv[c * d + k]!];
      }
    }
    for (let k = 0; k < d; k++) {
      m[c * d + k] = m[c * d + k]! / pv;
      inv[c * d + k] = inv[c * d + k]! / pv;
    }
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = m[r * d + c]!;
      if (f === 0) continue;
      for (let k = 0; k < d; k++) {
        m[r * d + k] = m[r * d + k]! - f * m[c * d + k]!;
        inv[r * d + k] = inv[r * d + k]! - f * inv[c * d + k]!;
      }
    }
  }
  for (const v of inv) if (!Number.isFinite(v)) return null;
  return inv;
}

/** Buffers of `krawczyk`, one set per support system (the search is single-threaded). */
interface KrawczykScratch {
  mid: Float64Array;
  fLo: Float64Array;
  fHi: Float64Array;
  jLo: Float64Array;
  jHi: Float64Array;
  c: Float64Array;
  m: Float64Array;
  inv: Float64Array;
  point: SupportBox;
  /** The box of a call not given one (filled by `setSupportBox`, as `supportBox` fills a new one). */
  box: SupportBox;
}

const SCRATCH = new WeakMap<SupportSystem, KrawczykScratch>();

function scratchFor(sys: SupportSystem): KrawczykScratch {
  let s = SCRATCH.get(sys);
  if (s === undefined) {
    const d = sys.dim;
    const vec = () => new Float64Array(d);
    const mat = () => new Float64Array(d * d);
    s = {
      mid: vec(),
      fLo: vec(),
      fHi: vec(),
      jLo: mat(),
      jHi: mat(),
      c: mat(),
      m: mat(),
      inv: mat(),
      point: newSupportBox(sys),
      box: newSupportBox(sys),
    };
    SCRATCH.set(sys, s);
  }
  return s;
}

/** Outcome of one Krawczyk test. */
export type KrawczykOutcome =
  | { status: "none" }
  | { status: "unique"; lo: Float64Array; hi: Float64Array }
  | { status: "unknown"; lo: Float64Array; hi: Float64Array };

/**
 * Krawczyk's test on the box `[lo, hi]` of free variables (`box`: its probabilities, when already built). `unique`: exactly one root in the box, and
 * it lies in the returned box; `none`: no root; `unknown`: any root lies in the returned box (the
 * intersection of the box and `K(B)`), which may still hold zero, one or many.
 */
export function krawczyk(
  sys: SupportSystem,
  lo: Float64Array,
  hi: Float64Array,
  box?: SupportBox,
): KrawczykOutcome {
  const d = sys.dim;
  const { mid, fLo, fHi, jLo, jHi, c, m, inv, point, box: own } = scratchFor(sys);
  const probs = box ?? setSupportBox(own, lo, hi);
  for (let i = 0; i < d; i++) mid[i] = lo[i]! + (hi[i]! - lo[i]!) / 2;
  evalF(sys, setSupportBox(point, mid, mid), fLo, fHi);
  evalJ(sys, probs, jLo, jHi);
  for (let k = 0; k < d * d; k++) c[k] = jLo[k]! + (jHi[k]! - jLo[k]!) / 2;
  const y = invertInto(c, d, m, inv);
  if (y === null) return { status: "unknown", lo: Float64Array.from(lo), hi: Float64Array.from(hi) };
  const kLo = new Float64Array(d);
  const kHi = new Float64Array(d);
  let inside = true;
  for (let i = 0; i < d; i++) {
    // m_i - (Y F(m))_i
    let aLo = mid[i]!;
    let aHi = mid[i]!;
    for (let j = 0; j < d; j++) {
      const yij = y[i * d + j]!;
      imul(yij, yij, fLo[j]!, fHi[j]!);
      aLo = down(aLo - R.hi);
      aHi = up(aHi - R.lo);
    }
    // + sum_j (delta_ij - sum_k Y_ik J_kj) (B_j - m_j)
    for (let j = 0; j < d; j++) {
      let mLo = i === j ? 1 : 0;
      let mHi = mLo;
      for (let k = 0; k < d; k++) {
        const yik = y[i * d + k]!;
        if (yik === 0) continue;
        imul(yik, yik, jLo[k * d + j]!, jHi[k * d + j]!);
        mLo = down(mLo - R.hi);
        mHi = up(mHi - R.lo);
      }
      imul(mLo, mHi, down(lo[j]! - mid[j]!), up(hi[j]! - mid[j]!));
      aLo = down(aLo + R.lo);
      aHi = up(aHi + R.hi);
    }
    if (aHi < lo[i]! || aLo > hi[i]!) return { status: "none" };
    if (!(aLo > lo[i]! && aHi < hi[i]!)) inside = false;
    kLo[i] = Math.max(aLo, lo[i]!);
    kHi[i] = Math.min(aHi, hi[i]!);
  }
  return { status: inside ? "unique" : "unknown", lo: kLo, hi: kHi };
}

/** Newton's method in doubles from `y0`; the point it converged to, or `null` (singular, diverged, 40 steps). */
export function newton(sys: SupportSystem, y0: ArrayLike<number>): Float64Array | null {
  const d = sys.dim;
  const y = Float64Array.from(y0);
  // krawczyk's buffers (it is not running while Newton does)
  const { fLo: f, c: jac, m, inv: buf, mid: next } = scratchFor(sys);
  for (let it = 0; it < 40; it++) {
    evalPoint(sys, y, f, jac);
    const inv = invertInto(jac, d, m, buf);
    if (inv === null) return null;
    let step = 0;
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += inv[i * d + j]! * f[j]!;
      next[i] = y[i]! - s;
      step = Math.max(step, Math.abs(s));
    }
    y.set(next);
    for (let i = 0; i < d; i++) if (!(Math.abs(y[i]!) <= 1e3)) return null;
    if (step <= 1e-15) return y;
  }
  return y;
}

/**
 * A tight certified enclosure of the unique root in `[lo, hi]` (which Krawczyk's test certified):
 * Newton from the midpoint, then Krawczyk's test on a tiny box around its answer, kept when it
 * certifies (its root is the box's unique root) and lies inside the box; else `K` iterated a few times.
 */
export function tighten(
  sys: SupportSystem,
  lo: Float64Array,
  hi: Float64Array,
): { lo: Float64Array; hi: Float64Array } {
  const d = sys.dim;
  const mid = lo.map((a, i) => a + (hi[i]! - a) / 2);
  const y = newton(sys, mid);
  if (y !== null) {
    for (const r of [1e-13, 1e-10, 1e-7]) {
      const bl = y.map((v, i) => Math.max(lo[i]!, v - r * Math.max(1, Math.abs(v))));
      const bh = y.map((v, i) => Math.min(hi[i]!, v + r * Math.max(1, Math.abs(v))));
      const k = krawczyk(sys, bl, bh);
      if (k.status === "unique") return { lo: k.lo, hi: k.hi };
    }
  }
  let cur: { lo: Float64Array; hi: Float64Array } = { lo: Float64Array.from(lo), hi: Float64Array.from(hi) };
  for (let it = 0; it < 30; it++) {
    const k = krawczyk(sys, cur.lo, cur.hi);
    if (k.status === "none") break; // cannot happen after a certified test; keep the last box
    let width = 0;
    for (let i = 0; i < d; i++) width = Math.max(width, cur.hi[i]! - cur.lo[i]! - (k.hi[i]! - k.lo[i]!));
    cur = { lo: k.lo, hi: k.hi };
    if (width <= 0) break;
  }
  return cur;
}
