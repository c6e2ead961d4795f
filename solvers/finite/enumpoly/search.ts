/**
 * The certified search of one support system: interval subdivision with Krawczyk's test, so that
 * every part of the feasible box is either excluded (no root there, or no equilibrium: a negative
 * probability, a strictly better strategy off the support) or holds exactly one certified root.
 * Boxes that reach the width floor or the box budget without either are returned as unresolved: the
 * support system is degenerate there (a continuum of solutions, a singular root).
 */
import { down, up } from "../nplayer/interval.js";
import { krawczyk, newton, tighten } from "../nplayer/krawczyk.js";
import {
  forEachOffSupport,
  newSupportBox,
  nonzeroEquation,
  type SupportBox,
  type SupportSystem,
  setSupportBox,
} from "../nplayer/support-system.js";

/** A box of free variables. */
export interface Box {
  lo: Float64Array;
  hi: Float64Array;
}

/** One certified root: its tight enclosure and the box in which it is the only root. */
export interface CertifiedRoot {
  root: Box;
  box: Box;
}

/** What the search of one support found. */
export interface SupportSearch {
  roots: CertifiedRoot[];
  /** Boxes neither excluded nor resolved (empty when the support is certified). */
  unresolved: Box[];
  boxes: number;
  /** The box budget ran out (the unresolved boxes include the ones never examined). */
  exhausted: boolean;
}

/** Margin around [0, 1] of the starting box, so that roots with a probability 0 or 1 lie inside it. */
const MARGIN = 2 ** -10;
/** Below this width an undecided box is tried once more around Newton's answer from its midpoint. */
const AIM_WIDTH = 0.1;
/** Boxes narrower than this are not split further (unresolved). */
export const MIN_WIDTH = 1e-7;
/** Box budget of a support system with an identically zero equation (its solutions are never isolated). */
const ZERO_EQUATION_BUDGET = 64;
/**
 * Krawczyk's test is skipped on boxes wider than this: there the interval Jacobian is usually too wide
 * for it to exclude or certify anything, and splitting is cheaper (on every support of ten random
 * 3x3x3 games, skipping it above 0.25 cut the search's CPU by about a third for a quarter more boxes;
 * above 0.5 it saved little, below 0.1 it cost more than it saved).
 */
const KRAWCZYK_WIDTH = 0.25;
/** Split point as a fraction of the width, off the middle so that simple rational roots (1/2) do not sit on a cut. */
const SPLIT = 0.4921875;

function width(b: Box): number {
  let w = 0;
  for (let i = 0; i < b.lo.length; i++) w = Math.max(w, b.hi[i]! - b.lo[i]!);
  return w;
}

/** The equation that excluded the last box (tried first on the next: neighbouring boxes share it). */
let lastExcluding = 0;

/** `true` when the box (with probabilities `x`) holds no equilibrium on this support, by interval evaluation. */
function excluded(sys: SupportSystem, x: SupportBox): boolean {
  for (let p = 0; p < x.hi.length; p++) for (const h of x.hi[p]!) if (h < 0) return true;
  const e = nonzeroEquation(sys, x, lastExcluding < sys.dim ? lastExcluding : 0);
  if (e >= 0) {
    lastExcluding = e;
    return true;
  }
  let better = false;
  forEachOffSupport(sys, x, (_p, _t, lo) => {
    better = lo > 0;
    return !better;
  });
  return better;
}

/** A stack of boxes of dimension `d` in one growing array (no allocation per box). */
class BoxStack {
  private data: Float64Array;
  size = 0;
  constructor(private readonly d: number) {
    this.data = new Float64Array(Math.max(1, 64 * 2 * d));
  }
  /** Pushes `[lo, hi]`; with `axis >= 0`, its part above `cut` on that axis (`upper`) or below it. */
  push(lo: ArrayLike<number>, hi: ArrayLike<number>, axis = -1, cut = 0, upper = false): void {
    const d = this.d;
    if ((this.size + 1) * 2 * d > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const at = this.size * 2 * d;
    for (let i = 0; i < d; i++) {
      this.data[at + i] = lo[i]!;
      this.data[at + d + i] = hi[i]!;
    }
    if (axis >= 0) this.data[at + (upper ? 0 : d) + axis] = cut;
    this.size++;
  }
  /** Pops the top box into `lo`, `hi`. */
  pop(lo: Float64Array, hi: Float64Array): void {
    this.size--;
    const d = this.d;
    const at = this.size * 2 * d;
    for (let i = 0; i < d; i++) {
      lo[i] = this.data[at + i]!;
      hi[i] = this.data[at + d + i]!;
    }
  }
  /** Every box left, as new boxes, bottom of the stack first (the order of the array it replaces). */
  drain(): Box[] {
    const d = this.d;
    const out: Box[] = [];
    for (let k = 0; k < this.size; k++) {
      const at = k * 2 * d;
      out.push({ lo: this.data.slice(at, at + d), hi: this.data.slice(at + d, at + 2 * d) });
    }
    this.size = 0;
    return out;
  }
}

/**
 * Cuts the box to the points whose base probabilities `1 - sum_k y_{p,k}` are at least `-MARGIN`
 * (every free variable at most `1 + MARGIN` minus the lower ends of the player's other ones): the
 * points cut off have a negative probability, so hold no equilibrium. `false` when nothing is left.
 * Without the cut, the half of each player's square beyond the simplex is split along its diagonal
 * until the probability test excludes it piece by piece.
 */
function withinSimplices(sys: SupportSystem, b: Box): boolean {
  for (let p = 0; p < sys.support.length; p++) {
    const k = sys.support[p]!.length - 1;
    if (k < 2) continue;
    const off = sys.offsets[p]!;
    let sum = 0;
    for (let i = 0; i < k; i++) sum += b.lo[off + i]!;
    for (let i = 0; i < k; i++) {
      // rounding errors (1e-16) are far below the margin: every point cut has a base probability < 0
      const cut = up(1 + MARGIN - down(sum - b.lo[off + i]!));
      if (cut < b.hi[off + i]!) b.hi[off + i] = cut;
      if (b.hi[off + i]! < b.lo[off + i]!) return false;
    }
  }
  return true;
}

/** A box around Newton's answer from the midpoint of `b`, containing `b`, or `b` widened by a quarter. */
function aimedBox(sys: SupportSystem, b: Box): Box {
  const d = sys.dim;
  const mid = b.lo.map((a, i) => a + (b.hi[i]! - a) / 2);
  const y = newton(sys, mid);
  const lo = new Float64Array(d);
  const hi = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const w = b.hi[i]! - b.lo[i]!;
    let a = b.lo[i]!;
    let c = b.hi[i]!;
    if (y !== null && Math.abs(y[i]! - mid[i]!) < 2 * w) {
      a = Math.min(a, y[i]!);
      c = Math.max(c, y[i]!);
    }
    lo[i] = a - w / 4;
    hi[i] = c + w / 4;
  }
  return { lo, hi };
}

function addRoot(sys: SupportSystem, roots: CertifiedRoot[], k: Box, box: Box): void {
  const inside = (a: Box, b: Box) => a.lo.every((v, i) => v >= b.lo[i]! && a.hi[i]! <= b.hi[i]!);
  const root = tighten(sys, k.lo, k.hi);
  // the same root seen from two boxes: one's enclosure lies in the other's uniqueness box
  if (roots.some((r) => inside(r.root, box) || inside(root, r.box))) return;
  roots.push({ root, box });
}

/**
 * Searches the support system over `[-2^-10, 1 + 2^-10]^dim` with at most `budget` boxes.
 * `dim` must be at least 1.
 */
export function searchSupport(sys: SupportSystem, budget: number): SupportSearch {
  const d = sys.dim;
  // a continuum cannot be resolved by any number of boxes: map it coarsely
  if (sys.zeroEquation) budget = Math.min(budget, ZERO_EQUATION_BUDGET);
  const stack = new BoxStack(d);
  stack.push(new Float64Array(d).fill(-MARGIN), new Float64Array(d).fill(1 + MARGIN));
  const roots: CertifiedRoot[] = [];
  const unresolved: Box[] = [];
  const x = newSupportBox(sys);
  const b: Box = { lo: new Float64Array(d), hi: new Float64Array(d) };
  const copy = (c: Box): Box => ({ lo: Float64Array.from(c.lo), hi: Float64Array.from(c.hi) });
  let boxes = 0;
  let exhausted = false;
  while (stack.size > 0) {
    stack.pop(b.lo, b.hi);
    if (boxes >= budget) {
      unresolved.push(copy(b), ...stack.drain());
      exhausted = true;
      break;
    }
    boxes++;
    if (!withinSimplices(sys, b)) continue;
    setSupportBox(x, b.lo, b.hi);
    if (excluded(sys, x)) continue;
    const k = width(b) > KRAWCZYK_WIDTH ? { status: "unknown" as const, ...b } : krawczyk(sys, b.lo, b.hi, x);
    if (k.status === "none") continue;
    if (k.status === "unique") {
      addRoot(sys, roots, k, copy(b));
      continue;
    }
    const w = width(k);
    if (w < AIM_WIDTH) {
      const aimed = aimedBox(sys, k);
      const k2 = krawczyk(sys, aimed.lo, aimed.hi);
      if (k2.status === "unique") {
        addRoot(sys, roots, k2, aimed);
        continue;
      }
    }
    if (w < MIN_WIDTH) {
      unresolved.push(copy(k));
      continue;
    }
    let axis = 0;
    for (let i = 1; i < d; i++) if (k.hi[i]! - k.lo[i]! > k.hi[axis]! - k.lo[axis]!) axis = i;
    const cut = k.lo[axis]! + (k.hi[axis]! - k.lo[axis]!) * SPLIT;
    stack.push(k.lo, k.hi, axis, cut, true); // the upper part, [cut, hi]
    stack.push(k.lo, k.hi, axis, cut, false); // the lower part, [lo, cut], searched first
  }
  return { roots, unresolved, boxes, exhausted };
}
