/**
 * Exact best response over `top-k` (choose exactly `k` tasks, quality `v_t` on them, 0 elsewhere).
 *
 * Because the payoff is `sum_t w_t term_t`, choosing set `S` is worth
 * `base + sum_{t in S} gain_t` with `base = sum_t w_t term_t(0)` and
 * `gain_t = w_t (term_t(v_t) - term_t(0))`: a top-k selection. All near-optimal sets are listed by a
 * branch and bound over tasks sorted by gain (the bound adds the best remaining gains), which lists
 * exactly the sets within `slack` of the optimum, so ties at the k-th boundary are all reported.
 */
import type { TaskValuer } from "./context.js";
import type { Maximiser } from "./types.js";

/**
 * @example
 * topKBestResponse(tv, 2, 1e-9, 100).maximisers[0].tasks; // e.g. [0, 3]
 */
export function topKBestResponse(
  tv: TaskValuer,
  k: number,
  slack: number,
  limit: number,
): { value: number; maximisers: Maximiser[]; truncated: boolean } {
  const T = tv.T;
  const { gain, welGain, base, baseWelfare } = taskGains(tv);
  const order = Array.from({ length: T }, (_, t) => t).sort((a, b) => gain[b]! - gain[a]! || a - b);
  // suffix sums of the best r remaining gains are prefix sums of the sorted order from position p
  const sortedGain = order.map((t) => gain[t]!);
  let best = base;
  for (let j = 0; j < k; j++) best += sortedGain[j]!;
  const { sets, truncated } = nearBestSets(order, sortedGain, k, base, best - slack, limit);
  const maximisers = sets.map((tasks) => {
    const quality = new Array<number>(T).fill(0);
    let payoff = base;
    let welfare = baseWelfare;
    for (const t of tasks) {
      quality[t] = tv.caps[t]!;
      payoff += gain[t]!;
      welfare += welGain[t]!;
    }
    return { quality, tasks, payoff, welfare };
  });
  return { value: best, maximisers, truncated };
}

/**
 * Each task's payoff and welfare gain from covering it (quality `v_t` rather than 0), and the payoff
 * and welfare of covering none.
 */
function taskGains(tv: TaskValuer): {
  gain: Float64Array;
  welGain: Float64Array;
  base: number;
  baseWelfare: number;
} {
  const T = tv.T;
  const gain = new Float64Array(T);
  const welGain = new Float64Array(T);
  let base = 0;
  let baseWelfare = 0;
  for (let t = 0; t < T; t++) {
    const v0 = tv.value(t, 0);
    const w0 = tv.lastWelfare;
    const v1 = tv.value(t, tv.caps[t]!);
    gain[t] = v1 - v0;
    welGain[t] = tv.lastWelfare - w0;
    base += v0;
    baseWelfare += w0;
  }
  return { gain, welGain, base, baseWelfare };
}

/**
 * Every set of `k` tasks whose payoff `base + sum of gains` reaches `threshold` (at most `limit`;
 * `truncated` when there were more), each sorted, by branch and bound over the tasks in decreasing
 * gain (`order`, with `sortedGain` the gains in that order).
 */
function nearBestSets(
  order: readonly number[],
  sortedGain: readonly number[],
  k: number,
  base: number,
  threshold: number,
  limit: number,
): { sets: number[][]; truncated: boolean } {
  const T = order.length;
  const sets: number[][] = [];
  let truncated = false;
  const chosen: number[] = [];
  // Branch and bound with an explicit stack (frames: position, accumulated payoff, stage 0 = enter,
  // 1 = take order[pos] done, 2 = skip done): the depth reaches T, too deep for the call stack on
  // tables with thousands of tasks.
  const posAt = new Int32Array(T + 1);
  const accAt = new Float64Array(T + 1);
  const stage = new Uint8Array(T + 1);
  let d = 0;
  accAt[0] = base;
  while (d >= 0 && !truncated) {
    const pos = posAt[d]!;
    const acc = accAt[d]!;
    if (stage[d] === 0) {
      const need = k - chosen.length;
      if (need === 0) {
        if (acc >= threshold) {
          if (sets.length >= limit) truncated = true;
          else sets.push(chosen.slice().sort((a, b) => a - b));
        }
        d--;
        continue;
      }
      let bound = acc;
      if (T - pos >= need) for (let j = 0; j < need; j++) bound += sortedGain[pos + j]!;
      if (T - pos < need || bound < threshold) {
        d--;
        continue;
      }
      stage[d] = 1;
      chosen.push(order[pos]!);
      d++;
      posAt[d] = pos + 1;
      accAt[d] = acc + sortedGain[pos]!;
      stage[d] = 0;
    } else if (stage[d] === 1) {
      chosen.pop();
      stage[d] = 2;
      d++;
      posAt[d] = pos + 1;
      accAt[d] = acc;
      stage[d] = 0;
    } else d--;
  }
  return { sets, truncated };
}
