/**
 * Best response over a continuous effort budget (`budget` space): `max sum_t g_t(e_t)` subject to
 * `sum_t e_t <= B`, `e_t >= 0`, with `g_t(e) = w_t term_t(v_t f(e))`.
 *
 * 1. Grid solution: the exact DP (dp.ts) on `K` units of `h = B / K`.
 * 2. Local refinement: pattern search moving effort `delta` between pairs of tasks (and to and from the
 *    unspent budget), `delta` halving from `h` to `h / 2^24`; a move is kept when it raises the payoff.
 * 3. Certificate. For any feasible continuous `e*`, let `u_t = floor(e*_t / h)`; then `sum_t u_t <= K`
 *    and `g_t(e*_t) <= G_t(u_t) := sup { g_t(e) : e in [u_t h, (u_t + 1) h] }`. Hence
 *    `OPT <= max { sum_t G_t(u_t) : sum_t u_t <= K }`, which the same DP computes exactly. `G_t` is
 *    bounded rigorously from the interval's endpoints:
 *    - when `term_t` is nondecreasing in the own quality (context.ts `ownQualityBehaviour`) and `f` is
 *      nondecreasing, `G_t(u) = g_t((u+1) h)`;
 *    - when `term_t` is quasi-convex in `q` (welfare and marginal contribution under logit),
 *      `G_t(u) = max(g_t(u h), g_t((u+1) h))`;
 *    - when `term_t` is `L`-Lipschitz in `q`, with `q_a = v f(u h)`, `q_b = v f((u+1) h)`, the sup over
 *      the interval is at most `(g_t(a) + g_t(b)) / 2 + w_t L (q_b - q_a) / 2` (a function with
 *      Lipschitz constant `L` cannot rise above both endpoint values by more than that on the way
 *      between them; `f` is monotone so the interval maps onto `[q_a, q_b]`).
 *    The reported `gapBound` is `max(0, bound - value)`; rules with no known property get `Infinity`.
 * 4. Exact case: for `average-score` with a concave production function, `g_t = w_t v_t f(e)` is
 *    concave and the problem is solved by water-filling (KKT: `w_t v_t f'(e_t) = lambda` on the tasks
 *    in use). Linear `f` is filled greedily by `w_t v_t`; otherwise `lambda` is found by bisection and the
 *    certificate is the Lagrangian dual bound `lambda B + sum_t max_e (g_t(e) - lambda e)`
 *    (weak duality). Reference: Boyd and Vandenberghe, "Convex Optimization" (2004), example 5.2
 *    (water-filling) and section 5.1 (Lagrange dual).
 */
import { averageScore, type PayoffRule } from "../../src/model/payoffs.js";
import { isConcaveProduction, produce, saturatingEffort } from "../../src/model/production.js";
import type { Production, SelectionRule } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { ownQualityBehaviour, type TaskValuer } from "./context.js";
import { AllocationDP } from "./dp.js";
import type { BestResponseMethod, Maximiser } from "./types.js";

/** Result of the continuous solver. */
export interface BudgetSolution {
  value: number;
  /** Certified upper bound on the supremum (`Infinity` without a certificate). */
  upperBound: number;
  maximiser: Maximiser;
  gapBound: number;
  method: BestResponseMethod;
}

/**
 * @example
 * budgetBestResponse(tv, winrate, selection, { budget: 1, production: { kind: "linear" } }, 256);
 */
export function budgetBestResponse(
  tv: TaskValuer,
  rule: PayoffRule,
  selection: SelectionRule,
  space: { budget: number; production: Production },
  units: number,
): BudgetSolution {
  if (rule === averageScore && isConcaveProduction(space.production)) {
    return waterFill(tv, space.budget, space.production);
  }
  const T = tv.T;
  const B = space.budget;
  const K = Math.max(1, Math.round(units));
  const h = B / K;
  const W = K + 1;
  const f = space.production;
  const sat = saturatingEffort(f);
  const um = Number.isFinite(sat) ? Math.min(K, Math.ceil(sat / h - RELATIVE_TOLERANCE)) : K;
  const umax = new Int32Array(T).fill(um);
  const g = new Float64Array(T * W);
  const q = new Float64Array(T * W);
  for (let t = 0; t < T; t++) {
    for (let u = 0; u <= um; u++) {
      q[t * W + u] = tv.caps[t]! * produce(f, Math.min(u * h, B));
      g[t * W + u] = tv.value(t, q[t * W + u]!);
    }
  }
  const dp = new AllocationDP(T, K);
  dp.solve(g, umax);
  const start1 = dp.allMaximisers(g, umax, 0, 1).allocations[0]!;

  // upper table G
  const G = new Float64Array(T * W);
  let certified = true;
  for (let t = 0; t < T; t++) {
    const beh = ownQualityBehaviour(rule, selection, tv.n, tv.caps[t]!);
    const w = tv.weights[t]!;
    for (let u = 0; u <= um; u++) {
      const i = t * W + u;
      if (u === um) {
        G[i] = g[i]!; // saturated (f constant beyond) or the single point e = B
        continue;
      }
      if (beh.kind === "monotone") G[i] = g[i + 1]!;
      else if (beh.kind === "quasiconvex") G[i] = Math.max(g[i]!, g[i + 1]!);
      else if (beh.kind === "lipschitz")
        G[i] = (g[i]! + g[i + 1]!) / 2 + (w * beh.constant * (q[i + 1]! - q[i]!)) / 2;
      else {
        certified = false;
        G[i] = Math.max(g[i]!, g[i + 1]!);
      }
      // floating-point slack on the evaluated values
      G[i] = G[i]! + 1e-13 * (Math.abs(G[i]!) + w);
    }
  }
  const upper = dp.solve(G, umax);
  const start2 = dp.allMaximisers(G, umax, 0, 1).allocations[0]!;

  let bestE: Float64Array | undefined;
  let bestV = Number.NEGATIVE_INFINITY;
  for (const start of [start1, start2]) {
    const e = Float64Array.from(start, (u) => Math.min(u * h, B));
    const v = refine(tv, f, B, e, h);
    if (v > bestV) {
      bestV = v;
      bestE = e;
    }
  }
  const effort = Array.from(bestE!);
  const { payoff, welfare, quality } = evaluateAllocation(tv, f, effort);
  return {
    value: payoff,
    maximiser: { quality, effort, payoff, welfare },
    upperBound: certified ? upper : Number.POSITIVE_INFINITY,
    gapBound: certified ? Math.max(0, upper - payoff) : Number.POSITIVE_INFINITY,
    method: certified ? "budget-refine" : "budget-refine-uncertified",
  };
}

/** Payoff, welfare and quality of an effort allocation. */
export function evaluateAllocation(
  tv: TaskValuer,
  f: Production,
  effort: readonly number[],
): { payoff: number; welfare: number; quality: number[] } {
  let payoff = 0;
  let welfare = 0;
  const quality: number[] = [];
  for (let t = 0; t < tv.T; t++) {
    const qt = tv.caps[t]! * produce(f, effort[t]!);
    quality.push(qt);
    payoff += tv.value(t, qt);
    welfare += tv.lastWelfare;
  }
  return { payoff, welfare, quality };
}

/** Pattern search from `e` (modified in place); returns the final payoff. */
function refine(tv: TaskValuer, f: Production, B: number, e: Float64Array, h: number): number {
  const T = tv.T;
  const cur = new Float64Array(T);
  const down = new Float64Array(T);
  const up = new Float64Array(T);
  const val = (t: number, x: number) => tv.value(t, tv.caps[t]! * produce(f, x));
  let spent = 0;
  for (let t = 0; t < T; t++) {
    cur[t] = val(t, e[t]!);
    spent += e[t]!;
  }
  const sat = saturatingEffort(f);
  for (let delta = h; delta >= h / 2 ** 24; delta /= 2) {
    for (let sweep = 0; sweep < 50; sweep++) {
      let improved = false;
      for (let t = 0; t < T; t++) {
        down[t] = e[t]! >= delta ? val(t, e[t]! - delta) : Number.NaN;
        up[t] = e[t]! + delta <= Math.min(B, sat) + 1e-15 ? val(t, e[t]! + delta) : Number.NaN;
      }
      // The best receiver b != a of a step is the first maximiser of gain_b, or the runner-up when
      // that is a itself: the two (first occurrences, b = -1 the unspent budget with gain 0) found once
      // per sweep make the search over pairs O(T) instead of O(T^2) (12,000 tasks took minutes).
      let first = -1;
      let firstGain = 0;
      let second = -2;
      let secondGain = Number.NEGATIVE_INFINITY;
      for (let b = 0; b < T; b++) {
        if (Number.isNaN(up[b]!)) continue;
        const gainB = up[b]! - cur[b]!;
        if (gainB > firstGain) {
          second = first;
          secondGain = firstGain;
          first = b;
          firstGain = gainB;
        } else if (gainB > secondGain) {
          second = b;
          secondGain = gainB;
        }
      }
      for (let a = -1; a < T; a++) {
        // a = -1: the unspent budget is the source
        if (a >= 0 && Number.isNaN(down[a]!)) continue;
        if (a < 0 && B - spent < delta) continue;
        const lossA = a >= 0 ? cur[a]! - down[a]! : 0;
        const threshold = 1e-15 * (Math.abs(lossA) + 1e-300);
        const b = first !== a ? first : second;
        const gain = first !== a ? firstGain : secondGain;
        const bestB = b !== -2 && gain - lossA > threshold ? b : -2;
        if (bestB === -2) continue;
        if (a >= 0) {
          e[a] = e[a]! - delta;
          cur[a] = down[a]!;
        } else spent += delta;
        if (bestB >= 0) {
          e[bestB] = e[bestB]! + delta;
          cur[bestB] = up[bestB]!;
        } else spent -= delta;
        improved = true;
        break; // cached down/up values are stale: recompute
      }
      if (!improved) break;
    }
  }
  let total = 0;
  for (let t = 0; t < T; t++) total += cur[t]!;
  return total;
}

/** Water-filling for `average-score` with concave `f` (see the module comment). */
function waterFill(tv: TaskValuer, B: number, f: Production): BudgetSolution {
  const T = tv.T;
  const a = Float64Array.from({ length: T }, (_, t) => tv.weights[t]! * tv.caps[t]!);
  const effort = new Array<number>(T).fill(0);
  if (f.kind === "linear" || (f.kind === "power" && f.a === 1)) {
    const order = Array.from({ length: T }, (_, t) => t).sort((x, y) => a[y]! - a[x]! || x - y);
    let left = B;
    for (const t of order) {
      if (left <= 0 || a[t]! <= 0) break;
      effort[t] = Math.min(1, left);
      left -= effort[t]!;
    }
    const { payoff, welfare, quality } = evaluateAllocation(tv, f, effort);
    return {
      value: payoff,
      upperBound: payoff,
      maximiser: { quality, effort, payoff, welfare },
      gapBound: 0,
      method: "water-filling-greedy",
    };
  }
  const emax = Math.min(B, saturatingEffort(f));
  // e_t(lambda): argmax over [0, emax] of a_t f(e) - lambda e (f concave: the stationary point, clipped)
  const argmaxAt = (t: number, lambda: number): number => {
    const at = a[t]!;
    if (at <= 0) return 0;
    let e: number;
    if (f.kind === "power") e = ((f.a * at) / lambda) ** (1 / (1 - f.a));
    else e = Math.log((f.k * at) / lambda) / f.k;
    return e < 0 ? 0 : Math.min(e, emax);
  };
  const total = (lambda: number) => {
    let s = 0;
    for (let t = 0; t < T; t++) s += argmaxAt(t, lambda);
    return s;
  };
  let lo = 1e-300;
  let hi = 1;
  while (total(hi) > B) hi *= 2;
  if (total(lo) <= B)
    hi = lo; // every task saturated within the budget
  else {
    for (let it = 0; it < 200; it++) {
      const mid = Math.sqrt(lo * hi);
      if (total(mid) > B) lo = mid;
      else hi = mid;
    }
  }
  for (let t = 0; t < T; t++) effort[t] = argmaxAt(t, hi);
  const { payoff, welfare, quality } = evaluateAllocation(tv, f, effort);
  let dual = hi * B;
  for (let t = 0; t < T; t++) dual += a[t]! * produce(f, effort[t]!) - hi * effort[t]!;
  const gap = Math.max(0, dual - payoff) + 1e-13 * (Math.abs(payoff) + 1);
  return {
    value: payoff,
    upperBound: payoff + gap,
    maximiser: { quality, effort, payoff, welfare },
    gapBound: gap,
    method: "water-filling-bisection",
  };
}
