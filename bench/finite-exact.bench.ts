/**
 * Exact two-player solvers on seeded random games (payoffs 0..99): enummixed 8x8 and 10x10, lcp (all
 * accessible equilibria) 12x12. Each figure is the median time of one solve over several games.
 */
import seedrandom from "seedrandom";
import { enumMixed } from "../solvers/finite/enummixed/index.js";
import { randomGame } from "../solvers/finite/generators.js";
import { lemkeHowson } from "../solvers/finite/lcp/index.js";
import type { Benchmark, Measurement } from "./harness.js";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
}

function timeSeries(
  n: number,
  games: number,
  seed: string,
  solve: (g: ReturnType<typeof randomGame>) => { equilibria: number; extra?: Record<string, unknown> },
  target: number,
): Measurement {
  const rng = seedrandom.alea(seed);
  const list = Array.from({ length: games }, () => randomGame([n, n], rng));
  solve(randomGame([n, n], seedrandom.alea(`${seed}-warmup`))); // JIT warm-up
  const times: number[] = [];
  const perGame: Record<string, unknown>[] = [];
  for (const g of list) {
    const t0 = performance.now();
    const r = solve(g);
    const ms = performance.now() - t0;
    times.push(ms);
    perGame.push({ ms: Number(ms.toFixed(1)), equilibria: r.equilibria, ...(r.extra ?? {}) });
  }
  return {
    value: median(times),
    unit: "ms",
    better: "lower",
    target,
    details: { size: `${n}x${n}`, payoffs: "0..99", seed, games, max_ms: Math.max(...times), perGame },
  };
}

export const benchmarks: Benchmark[] = [
  {
    name: "enummixed/random-8x8",
    description: "exact enummixed (all extreme equilibria) on random 8x8 games, median of 7",
    run: () =>
      timeSeries(
        8,
        7,
        "bench-enummixed-8",
        (g) => {
          const r = enumMixed(g);
          return { equilibria: r.equilibria.length, extra: { vertices: r.stats.vertices } };
        },
        1000,
      ),
  },
  {
    name: "enummixed/random-10x10",
    description: "exact enummixed (all extreme equilibria) on random 10x10 games, median of 5",
    run: () =>
      timeSeries(
        10,
        5,
        "bench-enummixed-10",
        (g) => {
          const r = enumMixed(g);
          return { equilibria: r.equilibria.length, extra: { vertices: r.stats.vertices } };
        },
        10000,
      ),
  },
  {
    name: "lcp/random-12x12-accessible",
    description: "exact Lemke-Howson, all accessible equilibria, on random 12x12 games, median of 7",
    run: () =>
      timeSeries(
        12,
        7,
        "bench-lcp-12",
        (g) => {
          const r = lemkeHowson(g);
          return { equilibria: r.equilibria.length, extra: { paths: r.paths.length, complete: r.complete } };
        },
        500,
      ),
  },
];
