/**
 * Exact best response over an effort grid (`grid` space): per-task gain tables and the allocation DP.
 */

import { DEFAULT_MAX_GRID_CELLS, DEFAULT_MAX_GRID_WORK } from "../../src/limits.js";
import { produce, saturatingEffort } from "../../src/model/production.js";
import { gridUnits } from "../../src/model/strategies.js";
import type { Production } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { checkWorkLimit, type ProgressSink } from "../../src/work.js";
import type { TaskValuer } from "./context.js";
import { AllocationDP } from "./dp.js";
import type { Maximiser } from "./types.js";

/**
 * Units beyond which more effort on a task changes nothing: `ceil(1/h)` for `linear`/`power` (they
 * saturate at effort 1), `K` for `exponential` (strictly increasing). Capping at it keeps the DP's
 * allocations one-to-one with quality vectors.
 */
export function usefulUnits(production: Production, step: number, K: number): number {
  const sat = saturatingEffort(production);
  if (!Number.isFinite(sat)) return K;
  return Math.min(K, Math.ceil(sat / step - RELATIVE_TOLERANCE));
}

export { DEFAULT_MAX_GRID_CELLS, DEFAULT_MAX_GRID_WORK };

/**
 * Refuses a grid best response whose DP exceeds the work or memory limit, before any allocation.
 *
 * @throws WorkLimitError (`maxGridWork` or `maxGridCells`).
 * @example
 * checkGridWork(4, { budget: 1, step: 0.00001, production: { kind: "linear" } }, {}); // throws
 */
export function checkGridWork(
  T: number,
  space: { budget: number; step: number; production: Production },
  limits: { maxGridWork?: number; maxGridCells?: number },
): void {
  const K = gridUnits(space);
  const um = usefulUnits(space.production, space.step, K);
  checkWorkLimit(
    "maxGridCells",
    T * (K + 1),
    limits.maxGridCells ?? DEFAULT_MAX_GRID_CELLS,
    `grid DP cells (${T} tasks x ${K + 1} budget units, 24 bytes each)`,
  );
  checkWorkLimit(
    "maxGridWork",
    T * (K + 1) * (um + 1),
    limits.maxGridWork ?? DEFAULT_MAX_GRID_WORK,
    `grid DP cell updates (${T} tasks x ${K + 1} budget units x ${um + 1} choices)`,
  );
}

/** Gain and welfare tables `g[t (K+1) + u] = w_t term_t(v_t f(u h))` and the same for `w_t U_t`. */
export function fillTables(
  tv: TaskValuer,
  production: Production,
  step: number,
  K: number,
  umax: Int32Array,
  g: Float64Array,
  welfare: Float64Array,
): void {
  const W = K + 1;
  for (let t = 0; t < tv.T; t++) {
    const cap = tv.caps[t]!;
    for (let u = 0; u <= umax[t]!; u++) {
      g[t * W + u] = tv.value(t, cap * produce(production, u * step));
      welfare[t * W + u] = tv.lastWelfare;
    }
  }
}

/**
 * Exact best response over `{ e : e_t in h N, sum_t e_t <= B }`: all allocations within `slack` of the
 * optimum, at most `limit`.
 *
 * @example
 * gridBestResponse(tv, { budget: 1, step: 0.1, production: { kind: "linear" } }, 1e-9, 100);
 */
export function gridBestResponse(
  tv: TaskValuer,
  space: { budget: number; step: number; production: Production },
  slack: number,
  limit: number,
  work: { maxGridWork?: number; maxGridCells?: number; progress?: ProgressSink } = {},
): { value: number; maximisers: Maximiser[]; truncated: boolean } {
  const K = gridUnits(space);
  const T = tv.T;
  checkGridWork(T, space, work);
  const W = K + 1;
  const umax = new Int32Array(T).fill(usefulUnits(space.production, space.step, K));
  const g = new Float64Array(T * W);
  const wel = new Float64Array(T * W);
  fillTables(tv, space.production, space.step, K, umax, g, wel);
  const dp = new AllocationDP(T, K);
  const value = dp.solve(g, umax, work.progress);
  const { allocations, truncated } = dp.allMaximisers(g, umax, slack, limit);
  const maximisers = allocations.map((units) => {
    let payoff = 0;
    let welfare = 0;
    const effort: number[] = [];
    const quality: number[] = [];
    for (let t = 0; t < T; t++) {
      const u = units[t]!;
      payoff += g[t * W + u]!;
      welfare += wel[t * W + u]!;
      effort.push(u * space.step);
      quality.push(tv.caps[t]! * produce(space.production, u * space.step));
    }
    return { quality, effort, payoff, welfare };
  });
  return { value, maximisers, truncated };
}
