/**
 * Brute-force helpers of the benchmark-weight tests: a market paid under weights `b`, and a grid of
 * the three-task simplex within bounds.
 */
import type { Market } from "../../src/model/types.js";

/** `m` with benchmark weights `b`. */
export function withB(m: Market, b: readonly number[]): Market {
  return { ...m, tasks: m.tasks.map((t, k) => ({ ...t, benchmarkWeight: b[k]! })) };
}

/** Every b of a grid of step 1/N on the three-task simplex, within the bounds. */
export function simplexGrid(N: number, lower: readonly number[], upper: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i <= N; i++)
    for (let j = 0; i + j <= N; j++) {
      const b = [i / N, j / N, (N - i - j) / N];
      if (b.every((x, t) => x >= lower[t]! - 1e-12 && x <= upper[t]! + 1e-12)) out.push(b);
    }
  return out;
}

/** The bounds `designBenchmark` sets for `within` (the whole simplex without it). */
export function boundsWithin(m: Market, within: number | undefined): { lower: number[]; upper: number[] } {
  const sum = m.tasks.reduce((a, t) => a + t.weight, 0);
  const w = m.tasks.map((t) => t.weight / sum);
  return {
    lower: w.map((x) => (within ? x / within : 0)),
    upper: w.map((x) => (within ? Math.min(1, x * within) : 1)),
  };
}
