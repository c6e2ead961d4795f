/**
 * Dynamic programming for separable resource allocation over budget units:
 * `max sum_t g_t(u_t)` subject to `sum_t u_t <= K`, `0 <= u_t <= umax_t`, integer `u_t`.
 *
 * `F_0(b) = 0`, `F_{t+1}(b) = max_{0 <= u <= min(b, umax_t)} g_t(u) + F_t(b - u)`; the optimum is
 * `F_T(K)`. Time `O(T K^2)`, memory `O(T K)`. Reference: Ibaraki and Katoh, "Resource Allocation
 * Problems: Algorithmic Approaches" (MIT Press, 1988), ch. 3 (the DP for the general separable
 * resource allocation problem).
 */

import type { ProgressSink } from "../../src/work.js";

/** Preallocated DP workspace for `T` tasks and `K` units (reuse across calls of the same size). */
export class AllocationDP {
  readonly T: number;
  readonly K: number;
  /** `F[t * (K + 1) + b]`, `t = 0..T`. */
  readonly F: Float64Array;

  /**
   * @throws nothing for valid inputs of the declared types
   */
  constructor(T: number, K: number) {
    this.T = T;
    this.K = K;
    this.F = new Float64Array((T + 1) * (K + 1));
  }

  /**
   * Fills `F` for the gain table `g[t * (K + 1) + u]` and returns `F_T(K)`.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * const dp = new AllocationDP(2, 2);
   * dp.solve(Float64Array.from([0, 1, 1.5, 0, 0.8, 1]), Int32Array.from([2, 2])); // 1.8
   */
  solve(g: Float64Array, umax: Int32Array, progress?: ProgressSink): number {
    const { T, K, F } = this;
    const W = K + 1;
    F.fill(0, 0, W);
    for (let t = 0; t < T; t++) {
      progress?.({ done: t, total: T, unit: "tasks (grid DP)" });
      const prev = t * W;
      const cur = prev + W;
      const gt = t * W;
      const um = umax[t]!;
      for (let b = 0; b <= K; b++) {
        let best = Number.NEGATIVE_INFINITY;
        const top = Math.min(b, um);
        for (let u = 0; u <= top; u++) {
          const v = g[gt + u]! + F[prev + b - u]!;
          if (v > best) best = v;
        }
        F[cur + b] = best;
      }
    }
    return F[T * W + K]!;
  }

  /**
   * Every allocation whose total is within `slack` of `F_T(K)` (call `solve` first), at most `limit`
   * of them, found by backtracking with the remaining slack: at task `t` with `b` units left and slack
   * `s`, the choice `u` is kept when its loss `F_{t+1}(b) - g_t(u) - F_t(b - u)` is at most `s`, and
   * the slack passed on is `s - loss`. This lists exactly the near-optimal allocations (no more, no
   * fewer), in order of ascending units on the last task first.
   * @throws nothing for valid inputs of the declared types
   */
  allMaximisers(
    g: Float64Array,
    umax: Int32Array,
    slack: number,
    limit: number,
  ): { allocations: Int32Array[]; truncated: boolean } {
    const { T, K, F } = this;
    const W = K + 1;
    const out: Int32Array[] = [];
    const units = new Int32Array(T);
    let truncated = false;
    // Depth-first search with an explicit stack (one frame per task: units left, slack left, next u),
    // so that the depth is not limited by the call stack (12,000 tasks overflowed the recursion).
    const left = new Int32Array(T);
    const slackAt = new Float64Array(T);
    const next = new Int32Array(T);
    let t = T - 1;
    if (T > 0) {
      left[t] = K;
      slackAt[t] = slack;
      next[t] = 0;
    } else if (limit > 0) out.push(units.slice());
    else truncated = true;
    while (t >= 0 && t < T && !truncated) {
      const b = left[t]!;
      const s = slackAt[t]!;
      const target = F[(t + 1) * W + b]!;
      const top = Math.min(b, umax[t]!);
      let descended = false;
      while (next[t]! <= top) {
        const u = next[t]!;
        next[t] = u + 1;
        const loss = target - (g[t * W + u]! + F[t * W + b - u]!);
        if (loss > s) continue;
        units[t] = u;
        if (t === 0) {
          if (out.length >= limit) {
            truncated = true;
            break;
          }
          out.push(units.slice());
          continue;
        }
        left[t - 1] = b - u;
        slackAt[t - 1] = s - Math.max(loss, 0);
        next[t - 1] = 0;
        t--;
        descended = true;
        break;
      }
      if (!descended && !truncated) {
        units[t] = 0;
        t++;
      }
    }
    return { allocations: out, truncated };
  }
}
