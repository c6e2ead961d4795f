/**
 * Producer-game solver speed: the entrant's exact grid best response in a market the size of
 * MT-Bench-101 (18 incumbents x 13 tasks, logit), and the equilibrium of 5 grid producers on 13 tasks.
 */
import { existsSync } from "node:fs";
import seedrandom from "seedrandom";
import {
  bestResponseDynamics,
  certifyProfile,
  entrantBestResponse,
  solveEquilibria,
} from "../solvers/index.js";
import { readScoreTable, scoreTableMarket } from "../src/io/scoreTable.js";
import type { Market, StrategySpace } from "../src/model/types.js";
import { type Benchmark, timePerCall } from "./harness.js";

const MTBENCH = "data/mtbench101_task_scores.csv";
const SELECTION = { rule: "logit", beta: 10 } as const;

function syntheticMarket(n: number, T: number, seed: string): Market {
  const r = seedrandom.alea(seed);
  return {
    tasks: Array.from({ length: T }, (_, t) => ({ name: `t${t}`, weight: 1 / T, cap: 1 })),
    selection: SELECTION,
    producers: Array.from({ length: n }, (_, i) => ({
      name: `P${i}`,
      quality: Array.from({ length: T }, () => r()),
      space: { kind: "fixed" } as StrategySpace,
    })),
  };
}

/** The MT-Bench-101 table (18 models x 13 tasks) when present, else a synthetic market of that size. */
function mtbenchMarket(): { market: Market; source: string } {
  if (existsSync(MTBENCH)) {
    return {
      market: scoreTableMarket(readScoreTable(MTBENCH), { selection: SELECTION, file: MTBENCH }),
      source: MTBENCH,
    };
  }
  return { market: syntheticMarket(18, 13, "bench-mtbench"), source: "synthetic 18 x 13" };
}

const grid = (step: number): StrategySpace => ({
  kind: "grid",
  budget: 1,
  step,
  production: { kind: "linear" },
});

function entrantMs(market: Market, step: number, minMs = 300): number {
  const entrant = { name: "E", space: grid(step) };
  return timePerCall(() => entrantBestResponse(market, entrant, "weighted-winrate", { maxMaximisers: 1 }), {
    minMs,
  });
}

function strategicMarket(n: number, T: number, step: number): Market {
  const m = syntheticMarket(n, T, `bench-eq-${n}-${T}`);
  return { ...m, producers: m.producers.map((p) => ({ ...p, space: grid(step) })) };
}

export const benchmarks: Benchmark[] = [
  {
    name: "solvers/entrant-br-mtbench-grid0.01",
    description:
      "entrant best response (exact grid DP, all maximisers), 18 incumbents x 13 tasks, logit beta=10, grid step 0.01 of budget 1",
    run: () => {
      const { market, source } = mtbenchMarket();
      const ms = entrantMs(market, 0.01, 1000);
      const byUnits = [20, 50, 100, 200, 400].map((K) => ({
        units: K,
        ms: +entrantMs(market, 1 / K).toFixed(3),
      }));
      const byTasks = [4, 8, 13, 26].map((T) => ({
        tasks: T,
        ms: +entrantMs(syntheticMarket(18, T, "t"), 0.01).toFixed(3),
      }));
      const byProducers = [5, 18, 40].map((n) => ({
        incumbents: n,
        ms: +entrantMs(syntheticMarket(n, 13, "n"), 0.01).toFixed(3),
      }));
      return {
        value: ms,
        unit: "ms",
        better: "lower",
        target: 5,
        details: { source, byUnits, byTasks, byProducers },
      };
    },
  },
  {
    name: "solvers/equilibrium-5x13-grid0.05",
    description:
      "pure equilibrium of 5 grid producers (step 0.05) on 13 tasks, logit beta=10: sequential best-response dynamics from the canonical profile plus the regret certificate",
    run: () => {
      const one = (n: number, T: number, step: number) => {
        const market = strategicMarket(n, T, step);
        const t0 = performance.now();
        const run = bestResponseDynamics(market, "weighted-winrate", undefined, { mode: "sequential" });
        const cert = run.converged ? certifyProfile(market, "weighted-winrate", run.profile) : undefined;
        return {
          ms: performance.now() - t0,
          rounds: run.rounds,
          converged: run.converged,
          certified: cert?.certified ?? false,
        };
      };
      const samples = [0, 1, 2].map(() => one(5, 13, 0.05));
      const ms = samples.map((s) => s.ms).sort((a, b) => a - b)[1]!;
      const byProducers = [2, 5, 10].map((n) => ({ producers: n, ...one(n, 13, 0.05) }));
      const byTasks = [4, 13, 26].map((T) => ({ tasks: T, ...one(5, T, 0.05) }));
      const byUnits = [10, 20, 50].map((K) => ({ units: K, ...one(5, 13, 1 / K) }));
      const t0 = performance.now();
      const full = solveEquilibria(strategicMarket(5, 13, 0.05), "weighted-winrate");
      const fullMs = performance.now() - t0;
      return {
        value: ms,
        unit: "ms",
        better: "lower",
        target: 1000,
        details: {
          run: samples[1],
          byProducers,
          byTasks,
          byUnits,
          fullSolveEquilibria: { ms: +fullMs.toFixed(1), runs: full.runs.length, pure: full.pure.length },
        },
      };
    },
  },
];
