/**
 * Following one ray's path of perturbed equilibria (see `path.ts`) from `lambda = +lambda0` to
 * `lambda < lambdaEnd`, recording every crossing of `lambda = 0`.
 */
import {
  factorInPlace,
  freeCount,
  type PathGame,
  probabilityOf,
  profileOf,
  type Support,
  solveFactoredInPlace,
  strategyValue,
  system,
  tangent,
} from "./path.js";

/** A point of the path at `lambda = 0`: a candidate equilibrium of the game. */
export interface Crossing {
  support: Support;
  /** The full profile (doubles). */
  profile: number[][];
}

/** What following one ray gave. */
export interface FollowResult {
  crossings: Crossing[];
  /** The path reached `lambdaEnd` (its far end, where the equilibrium is unique again). */
  converged: boolean;
  steps: number;
  /**
   * Why the path was left, when it did not converge: the corrector failed or no tangent exists (a
   * singular point of the path), a support change it could not continue from (a degenerate point), or
   * the step limit.
   */
  reason?: "corrector-failed" | "no-tangent" | "degenerate-support-change" | "step-limit";
}

const MAX_STEP = 0.5;
const MIN_STEP = 1e-13;
const TOL = 1e-13;

interface State {
  support: Support;
  z: Float64Array;
  t: Float64Array;
}

/** The events watched on a support, in a fixed order: each support strategy's probability (`drop`), then minus each unused strategy's gap (`add`), player by player. */
interface EventList {
  kind: ("drop" | "add")[];
  p: number[];
  s: number[];
}

const EVENT_LISTS = new WeakMap<Support, EventList>();

function eventList(g: PathGame, st: Support): EventList {
  let list = EVENT_LISTS.get(st);
  if (list === undefined) {
    list = { kind: [], p: [], s: [] };
    for (let p = 0; p < st.length; p++) {
      const S = st[p]!;
      for (const s of S) {
        list.kind.push("drop");
        list.p.push(p);
        list.s.push(s);
      }
      for (let s = 0; s < g.shape[p]!; s++) {
        if (S.includes(s)) continue;
        list.kind.push("add");
        list.p.push(p);
        list.s.push(s);
      }
    }
    EVENT_LISTS.set(st, list);
  }
  return list;
}

/** Event values at a point, in `eventList`'s order (a new array: the step's start keeps its own); `jacobian`: `sys.A` too. */
function events(g: PathGame, bonus: Float64Array[], st: Support, z: Float64Array, jacobian = false) {
  const d = freeCount(st);
  const sys = system(g, bonus, st, z, jacobian);
  const list = eventList(g, st);
  // a plain array: cheaper to allocate than a typed one, and there is one per point
  const out = new Array<number>(list.kind.length);
  const lambda = z[d]!;
  for (let i = 0; i < out.length; i++) {
    const p = list.p[i]!;
    const s = list.s[i]!;
    if (list.kind[i] === "drop") out[i] = sys.x[p]![s]!;
    else {
      const b0 = st[p]![0]!;
      const Vp = sys.V[p]!;
      out[i] = -(Vp[s]! - Vp[b0]! + lambda * (bonus[p]![s]! - bonus[p]![b0]!));
    }
  }
  return { sys, out };
}

/** Buffers of `correct`, by the size of its linear system (the follower is single-threaded). */
const CORRECT_SCRATCH = new Map<number, { m: Float64Array; perm: Int32Array; out: Float64Array }>();

/** Newton's corrector from `zp` on `H = 0`, `t . (z - zp) = 0`; `null` when it fails. */
function correct(g: PathGame, bonus: Float64Array[], st: Support, zp: Float64Array, t: Float64Array) {
  const d = freeCount(st);
  const n = d + 1;
  const z = Float64Array.from(zp);
  let buffers = CORRECT_SCRATCH.get(n);
  if (buffers === undefined) {
    buffers = { m: new Float64Array(n * n), perm: new Int32Array(n), out: new Float64Array(n) };
    CORRECT_SCRATCH.set(n, buffers);
  }
  const { m, perm, out } = buffers;
  for (let it = 0; it < 8; it++) {
    const { H, A } = system(g, bonus, st, z, true, true);
    let res = 0;
    for (let i = 0; i < d; i++) res = Math.max(res, Math.abs(H[i]!));
    m.set(A);
    for (let j = 0; j < n; j++) m[d * n + j] = t[j]!;
    if (!factorInPlace(m, n, perm)) return null;
    for (let i = 0; i < d; i++) out[i] = -H[i]!;
    let c = 0;
    for (let j = 0; j < n; j++) c += t[j]! * (z[j]! - zp[j]!);
    out[d] = -c;
    const dz = solveFactoredInPlace(m, perm, n, out);
    if (dz === null) return null;
    let step = 0;
    for (let j = 0; j < n; j++) {
      z[j] = z[j]! + dz[j]!;
      step = Math.max(step, Math.abs(dz[j]!));
    }
    for (let j = 0; j < n; j++) if (!Number.isFinite(z[j]!)) return null;
    if (step < TOL && res < 1e-10) return { z, iterations: it + 1 };
  }
  return null;
}

/** Per player and strategy: the value a vector over a support's free variables gives it (base: minus the sum). */
function spread(g: PathGame, support: Support, v: ArrayLike<number>, base: number): number[][] {
  let k = 0;
  return g.shape.map((n, p) => {
    const out = new Array<number>(n).fill(0);
    const S = support[p]!;
    let sum = 0;
    for (let j = 1; j < S.length; j++) {
      out[S[j]!] = v[k]!;
      sum += v[k++]!;
    }
    out[S[0]!] = base - sum;
    return out;
  });
}

/** A point and a direction re-expressed on a new support (the last entry, lambda, is kept). */
function embed(g: PathGame, from: State, support: Support): { z: Float64Array; ref: Float64Array } {
  const d = freeCount(from.support);
  const x = spread(g, from.support, from.z, 1);
  const dir = spread(g, from.support, from.t, 0);
  const n = freeCount(support) + 1;
  const z = new Float64Array(n);
  const ref = new Float64Array(n);
  let k = 0;
  support.forEach((S, p) => {
    for (let j = 1; j < S.length; j++) {
      z[k] = Math.max(0, x[p]![S[j]!]!);
      ref[k++] = dir[p]![S[j]!]!;
    }
  });
  z[n - 1] = from.z[d]!;
  ref[n - 1] = from.t[d]!;
  return { z, ref };
}

/** The derivative along `t` of the gap `u_p(s) - u_p(base) + lambda (b_p(s) - b_p(base))` on `support`. */
function gapSlope(
  g: PathGame,
  bonus: Float64Array[],
  support: Support,
  P: Float64Array[][],
  p: number,
  s: number,
  t: Float64Array,
): number {
  const b0 = support[p]![0]!;
  let slope = t[t.length - 1]! * (bonus[p]![s]! - bonus[p]![b0]!);
  let k = 0;
  support.forEach((T, q) => {
    for (let j = 1; j < T.length; j++, k++) {
      if (q === p) continue;
      const nq = g.shape[q]!;
      const row = P[p]![q]!;
      const dv =
        row[s * nq + T[j]!]! - row[s * nq + T[0]!]! - (row[b0 * nq + T[j]!]! - row[b0 * nq + T[0]!]!);
      slope += dv * t[k]!;
    }
  });
  return slope;
}

/**
 * A copy of a support, without strategy `s` of player `drop` (`drop` -1: none), built by plain loops:
 * every support array then has one shape (elements kind) whichever tier of the JIT runs, so the hot
 * loops that read supports are not deoptimised by a support made elsewhere.
 */
function copySupport(support: Support, drop: number, s: number): Support {
  const out: Support = [];
  for (let p = 0; p < support.length; p++) {
    const S = support[p]!;
    const T: number[] = [];
    for (let k = 0; k < S.length; k++) if (p !== drop || S[k] !== s) T.push(S[k]! | 0);
    out.push(T);
  }
  return out;
}

/** Switches the support at an event point: strategy `s` of player `p` leaves (`drop`) or enters (`add`). */
function switchSupport(
  g: PathGame,
  bonus: Float64Array[],
  at: State,
  kind: "drop" | "add",
  p: number,
  s: number,
): State | null {
  const support = copySupport(at.support, kind === "drop" ? p : -1, s);
  if (kind === "add") support[p]!.push(s);
  if (support[p]!.length === 0) return null;
  const { z, ref } = embed(g, at, support);
  const { A, P } = system(g, bonus, support, z);
  const d = freeCount(support);
  // any reference not orthogonal to the path gives its tangent (the orientation is fixed below)
  let t = tangent(A, d, ref);
  for (let j = d; t === null && j >= 0; j--)
    t = tangent(
      A,
      d,
      Float64Array.from(ref, (_, k) => (k === j ? 1 : 0)),
    );
  if (t === null) return null;
  // leave the event the way the path goes on: a dropped strategy's gap falls below 0, an added one's probability rises
  let sign: number;
  if (kind === "drop") sign = gapSlope(g, bonus, support, P, p, s, t) < 0 ? 1 : -1;
  else {
    let k = 0;
    for (let q = 0; q < p; q++) k += support[q]!.length - 1;
    sign = t[k + support[p]!.length - 2]! > 0 ? 1 : -1;
  }
  return { support, z, t: t.map((v) => v * sign) };
}

/** The largest bonus gap `lambda` must exceed for one strategy per player to dominate (`top`: largest bonuses, else smallest). */
function dominanceLambda(bonus: Float64Array[], top: boolean): { lambda: number; pure: number[] } {
  let gap = Infinity;
  const pure = bonus.map((b) => {
    const order = Array.from(b.keys()).sort((i, j) => (top ? b[j]! - b[i]! : b[i]! - b[j]!));
    if (b.length > 1) gap = Math.min(gap, Math.abs(b[order[0]!]! - b[order[1]!]!));
    return order[0]!;
  });
  // payoffs are scaled to [0, 1]: a bonus lead of more than 1 makes the strategy strictly dominant
  return { lambda: Number.isFinite(gap) ? 1.001 / gap : 1, pure };
}

/**
 * Follows the path of the ray `bonus` (one vector per player) for at most `maxSteps` accepted steps.
 */
export function followRay(g: PathGame, bonus: Float64Array[], maxSteps: number): FollowResult {
  const start = dominanceLambda(bonus, true);
  const lambdaEnd = -dominanceLambda(bonus, false).lambda;
  let st: State = {
    support: copySupport(
      start.pure.map((s) => [s]),
      -1,
      -1,
    ),
    z: Float64Array.of(start.lambda),
    t: Float64Array.of(-1),
  };
  const crossings: Crossing[] = [];
  let h = 0.05;
  // the events and Jacobian at the point the last plain step reached: the next step starts there
  let reached: { z: Float64Array; out: number[] } | null = null;
  for (let steps = 0; steps < maxSteps; steps++) {
    const d = freeCount(st.support);
    if (st.z[d]! < lambdaEnd) return { crossings, converged: true, steps };
    const hmax = d === 0 ? 1e6 : MAX_STEP;
    h = Math.min(h, hmax);
    const c = correct(
      g,
      bonus,
      st.support,
      st.z.map((v, j) => v + h * st.t[j]!),
      st.t,
    );
    if (c === null) {
      h /= 2;
      if (h < MIN_STEP)
        return {
          crossings,
          converged: false,
          steps,
          reason: "corrector-failed",
        };
      continue;
    }
    const before = reached?.z === st.z ? reached.out : events(g, bonus, st.support, st.z).out;
    const lambda0 = st.z[d]!;
    let at: ReturnType<typeof events> | null = null;
    const fires = (z: Float64Array) => {
      if (lambda0 !== 0 && Math.sign(z[d]!) !== Math.sign(lambda0)) return true;
      at = events(g, bonus, st.support, z, true);
      const now = at.out;
      for (let i = 0; i < now.length; i++) if (before[i]! >= 0 && now[i]! < 0) return true;
      return false;
    };
    if (!fires(c.z)) {
      // fires() evaluated the system at c.z: its Jacobian gives the tangent, its events the next step's start
      const now = at as ReturnType<typeof events> | null;
      const A = now === null ? system(g, bonus, st.support, c.z, true, true).A : now.sys.A;
      const t = tangent(A, d, st.t);
      if (t === null) return { crossings, converged: false, steps, reason: "no-tangent" };
      st = { support: st.support, z: c.z, t };
      reached = now === null ? null : { z: c.z, out: now.out };
      if (c.iterations <= 3) h *= 1.6;
      continue;
    }
    const next = handleEvent(g, bonus, st, h, c.z, before, crossings);
    if (next === null)
      return {
        crossings,
        converged: false,
        steps,
        reason: "degenerate-support-change",
      };
    st = next;
    h = Math.min(h, 0.05);
  }
  return { crossings, converged: false, steps: maxSteps, reason: "step-limit" };
}

/** An event's value at a point: a watched probability, minus a gap, or lambda (sign of the step start). */
function eventValue(g: PathGame, bonus: Float64Array[], st: State, which: number, z: Float64Array): number {
  const d = freeCount(st.support);
  if (which < 0) return z[d]! * Math.sign(st.z[d]!);
  // one event needs one or two payoffs of one player, not the whole system (the same sums, bit for bit)
  const list = eventList(g, st.support);
  const p = list.p[which]!;
  const s = list.s[which]!;
  if (list.kind[which] === "drop") return probabilityOf(st.support, z, p, s);
  const b0 = st.support[p]![0]!;
  const gap =
    strategyValue(g, st.support, z, p, s) -
    strategyValue(g, st.support, z, p, b0) +
    z[d]! * (bonus[p]![s]! - bonus[p]![b0]!);
  return -gap;
}

/**
 * The point of the step where event `which` reaches 0, by the Illinois variant of regula falsi on the
 * step length (a few corrector runs instead of bisection's fifty): `lo` before it, `hi` past it.
 */
function locateEvent(
  g: PathGame,
  bonus: Float64Array[],
  st: State,
  h: number,
  which: number,
  end: Float64Array,
): { lo: Float64Array; hi: Float64Array; at: number } | null {
  let a = 0;
  let fa = eventValue(g, bonus, st, which, st.z);
  let b = h;
  let fb = eventValue(g, bonus, st, which, end);
  let lo = st.z;
  let hi = end;
  let side = 0;
  for (let it = 0; it < 60 && b - a > 1e-15 * Math.max(1, h); it++) {
    let m = fa - fb !== 0 ? a + ((b - a) * fa) / (fa - fb) : (a + b) / 2;
    if (!(m > a && m < b)) m = (a + b) / 2;
    const c = correct(
      g,
      bonus,
      st.support,
      st.z.map((v, j) => v + m * st.t[j]!),
      st.t,
    );
    if (c === null) return null;
    const fm = eventValue(g, bonus, st, which, c.z);
    if (fm >= 0) {
      a = m;
      fa = fm;
      lo = c.z;
      if (side === 1) fb /= 2;
      side = 1;
    } else {
      b = m;
      fb = fm;
      hi = c.z;
      if (side === -1) fa /= 2;
      side = -1;
    }
    if (Math.abs(fm) < 1e-14) {
      // on the event to rounding: both sides are this point
      lo = c.z;
      hi = c.z;
      break;
    }
  }
  return { lo, hi, at: a };
}

/** Locates the first event of the step and continues past it (a crossing is recorded, a support switched). */
function handleEvent(
  g: PathGame,
  bonus: Float64Array[],
  st: State,
  h: number,
  end: Float64Array,
  before: number[],
  crossings: Crossing[],
): State | null {
  const d = freeCount(st.support);
  // candidates: events whose sign changed over the step, the earliest by linear interpolation first
  const after = events(g, bonus, st.support, end).out;
  const cands: { which: number; tau: number }[] = [];
  before.forEach((e, i) => {
    const f = after[i]!;
    if (e >= 0 && f < 0) cands.push({ which: i, tau: e / (e - f) });
  });
  const l0 = st.z[d]!;
  if (l0 !== 0 && Math.sign(end[d]!) !== Math.sign(l0)) cands.push({ which: -1, tau: l0 / (l0 - end[d]!) });
  cands.sort((x, y) => x.tau - y.tau);
  let hit: { which: number; lo: Float64Array; hi: Float64Array } | null = null;
  let limit = h;
  let limitEnd = end;
  for (const c of cands) {
    // a later candidate matters only if it also fired before the event located so far
    if (hit !== null && eventValue(g, bonus, st, c.which, limitEnd) >= 0) continue;
    const r = locateEvent(g, bonus, st, limit, c.which, limitEnd);
    if (r === null) continue;
    // keep the earliest event located so far; later candidates are searched only up to it
    hit = { which: c.which, lo: r.lo, hi: r.hi };
    limit = Math.max(r.at, 1e-300);
    limitEnd = r.hi;
  }
  if (hit === null) return null;
  if (hit.which < 0) {
    crossings.push({
      support: st.support.map((S) => S.slice()),
      profile: profileOf(g, st.support, hit.lo).map((x) => Array.from(x)),
    });
    // go on from the crossing with lambda exactly 0, so the next step cannot see it again
    const z = Float64Array.from(hit.hi);
    z[d] = 0;
    const { A } = system(g, bonus, st.support, z, true, true);
    const t = tangent(A, d, st.t);
    return t === null ? null : { support: st.support, z, t };
  }
  const list = eventList(g, st.support);
  const [kind, p, s] = [list.kind[hit.which]!, list.p[hit.which]!, list.s[hit.which]!];
  return switchSupport(g, bonus, { support: st.support, z: hit.lo, t: st.t }, kind, p, s);
}
