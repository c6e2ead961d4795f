/**
 * Finite games: the `lp` method (certified zero-sum LP, both backends and the automatic choice) and the
 * N-player dynamics. Timings include model construction and the certificate.
 */
import seedrandom from "seedrandom";
import { compileGame } from "../solvers/finite/dynamics/kernel.js";
import { logitTracing } from "../solvers/finite/dynamics/logit-tracing.js";
import { regretMatching } from "../solvers/finite/dynamics/regret-matching.js";
import { randomGame } from "../solvers/finite/generators.js";
import {
  AUTO_JSLP_MAX_SIZE,
  autoBackend,
  type LpBackends,
  loadLpBackends,
  type PayoffMatrix,
  solveMatrixGameLp,
} from "../solvers/finite/lp/matrix-game.js";
import { type Benchmark, timePerCall } from "./harness.js";

function randomMatrix(n: number, seed: string): PayoffMatrix {
  const rng = seedrandom.alea(seed);
  const data = new Float64Array(n * n);
  for (let k = 0; k < data.length; k++) data[k] = rng();
  return { rows: n, cols: n, data };
}

function checkedSolve(a: PayoffMatrix, backends: LpBackends, backend: "jslp" | "highs" | "auto"): () => void {
  const solve = () => solveMatrixGameLp(a, backends, { backend, fallback: false });
  const r = solve();
  if (!r.certified) throw new Error(`${backend} ${a.rows}x${a.cols}: not certified (gap ${r.gap})`);
  return solve;
}

/**
 * Fastest of `reps` single calls (after 3 warm-up calls), in ms: on a shared, loaded machine the
 * minimum is the stable statistic for comparing two solvers (the median of batches moves with load).
 */
function fastestCall(fn: () => void, reps: number): number {
  for (let k = 0; k < 3; k++) fn();
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export const benchmarks: Benchmark[] = [
  {
    name: "finite/lp-100x100",
    description:
      "certified LP solve of a dense 100x100 zero-sum game (auto backend), ms; details: jslp vs HiGHS crossover",
    run: async () => {
      const backends = await loadLpBackends();
      const sizes = [10, 20, 30, 40, 50, 75, 100];
      const series: Array<{ n: number; jslpMs: number; highsMs: number }> = [];
      for (const n of sizes) {
        // three random games per size, fastest call of each, averaged
        let jslpMs = 0;
        let highsMs = 0;
        for (let k = 0; k < 3; k++) {
          const a = randomMatrix(n, `crossover-${n}-${k}`);
          const reps = n >= 75 ? 8 : 25;
          jslpMs += fastestCall(checkedSolve(a, backends, "jslp"), reps) / 3;
          highsMs += fastestCall(checkedSolve(a, backends, "highs"), reps) / 3;
        }
        series.push({ n, jslpMs, highsMs });
      }
      const firstHighsWin = series.find((s) => s.highsMs < s.jslpMs)?.n ?? null;
      const a = randomMatrix(100, "headline");
      const solve = checkedSolve(a, backends, "auto");
      const ms = timePerCall(solve, { minMs: 1000, warmupMs: 100 });
      const fastestMs = fastestCall(solve, 30);
      return {
        value: ms,
        unit: "ms",
        better: "lower",
        target: 20,
        details: {
          backend: autoBackend(100, 100),
          statistic:
            "value: median of batches (timePerCall); fastestMs and the crossover series: fastest single call",
          fastestMs,
          autoJslpMaxSize: AUTO_JSLP_MAX_SIZE,
          firstSizeWhereHighsIsFaster: firstHighsWin,
          crossover: series.map((s) => ({
            n: s.n,
            jslpMs: +s.jslpMs.toPrecision(3),
            highsMs: +s.highsMs.toPrecision(3),
          })),
        },
      };
    },
  },
  {
    name: "finite/regret-matching-4x4x4",
    description: "regret matching (expected regrets) on a random 3-player 4x4x4 game, iterations per second",
    run: () => {
      const game = randomGame([4, 4, 4], seedrandom.alea("rm-bench"), 0, 99);
      const g = compileGame(game);
      const iterations = 20_000;
      const ms = timePerCall(
        () => regretMatching(g, { maxIterations: iterations, tolerance: 0, checkEvery: 1000 }),
        {
          minMs: 1000,
        },
      );
      const logitMs = timePerCall(() => logitTracing(g), { minMs: 500 });
      const logit = logitTracing(g);
      return {
        value: (iterations / ms) * 1000,
        unit: "iterations/s",
        better: "higher",
        details: {
          iterationsPerRun: iterations,
          msPerRun: ms,
          logitTracingMs: logitMs,
          logitTracingSteps: logit.iterations,
          logitTracingMaxRegret: logit.maxRegret,
          logitTracingConverged: logit.converged,
        },
      };
    },
  },
];
