/**
 * Exact best response over a finite menu of quality vectors: every option is evaluated
 * (`sum_t w_t term_t(option_t)`), and all options within `slack` of the best are kept.
 */
import type { TaskValuer } from "./context.js";
import type { Maximiser } from "./types.js";

/**
 * @example
 * menuBestResponse(tv, [[1, 0], [0, 1]], 1e-9, 100).maximisers[0].option; // 0 or 1
 */
export function menuBestResponse(
  tv: TaskValuer,
  options: readonly (readonly number[])[],
  slack: number,
  limit: number,
): { value: number; maximisers: Maximiser[]; truncated: boolean } {
  const payoffs = new Float64Array(options.length);
  const welfares = new Float64Array(options.length);
  let best = Number.NEGATIVE_INFINITY;
  options.forEach((q, m) => {
    let p = 0;
    let w = 0;
    for (let t = 0; t < tv.T; t++) {
      p += tv.value(t, q[t]!);
      w += tv.lastWelfare;
    }
    payoffs[m] = p;
    welfares[m] = w;
    if (p > best) best = p;
  });
  const maximisers: Maximiser[] = [];
  let truncated = false;
  options.forEach((q, m) => {
    if (payoffs[m]! < best - slack) return;
    if (maximisers.length >= limit) {
      truncated = true;
      return;
    }
    maximisers.push({ quality: q.slice(), option: m, payoff: payoffs[m]!, welfare: welfares[m]! });
  });
  return { value: best, maximisers, truncated };
}
