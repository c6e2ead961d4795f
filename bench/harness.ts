/**
 * Benchmark harness. Every `bench/*.bench.ts` exports `benchmarks: Benchmark[]`; `npm run bench`
 * (bench/run.ts) runs them, prints one table and writes `bench/results/bench.json`.
 * Tests never assert wall-clock times; targets here are reported, not enforced.
 */

export interface Measurement {
  /** The headline figure, e.g. evaluations per second or milliseconds per solve. */
  value: number;
  unit: string;
  /** Whether a larger or a smaller value is better. */
  better: "higher" | "lower";
  /** The issue's target for `value`, if it names one. */
  target?: number;
  /** Anything else worth recording (sizes, scaling series, iteration counts). */
  details?: Record<string, unknown>;
}

export interface Benchmark {
  /** Short identifier, e.g. `evaluate/logit-20x13`. */
  name: string;
  /** What is measured, in words. */
  description: string;
  run: () => Promise<Measurement> | Measurement;
}

/**
 * Times `fn` repeatedly for at least `minMs` milliseconds (after `warmupMs` of warm-up) and returns the
 * median time per call in milliseconds over batches.
 *
 * @example
 * const ms = timePerCall(() => evaluate(market), { minMs: 500 });
 */
export function timePerCall(
  fn: () => unknown,
  opts: { minMs?: number; warmupMs?: number; batch?: number } = {},
): number {
  const minMs = opts.minMs ?? 500;
  const warmupMs = opts.warmupMs ?? 100;
  let batch = opts.batch ?? 1;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) fn();
  // grow the batch until one batch takes >= 5 ms, so timer resolution does not matter
  for (;;) {
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) fn();
    const dt = performance.now() - t0;
    if (dt >= 5 || batch >= 1 << 24) break;
    batch *= 2;
  }
  const samples: number[] = [];
  const end = performance.now() + minMs;
  while (performance.now() < end || samples.length < 5) {
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) fn();
    samples.push((performance.now() - t0) / batch);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}
