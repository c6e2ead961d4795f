/**
 * Benchmark design (docs/design.md) on the MT-Bench-101 table (18 models x 13 tasks, logit beta = 20,
 * scores scaled by 10): the exact alpha partition of power-winrate for a replacement over a 50-option
 * menu (seeded options with qualities inside (0, cap), so alpha matters; target < 1 s), and the
 * benchmark-weight LP design of a top-k (k = 3) entrant, 286 strategies, weights within a factor 2 of
 * uniform (target < 5 s); the weight designs of the pure equilibria of two strategic models (top-k k = 2
 * each, 78 x 78 profiles) and of two sequential top-k (k = 2) entrants (78^2 paths), one LP each (no
 * target). One core; HiGHS loaded before the clock starts.
 */
import seedrandom from "seedrandom";
import { type DesignReport, designBenchmark } from "../solvers/index.js";
import { readScoreTable, scoreTableMarket } from "../src/io/scoreTable.js";
import type { Benchmark } from "./harness.js";

const MTBENCH = "data/mtbench101_task_scores.csv";

function mtbench() {
  return scoreTableMarket(readScoreTable(MTBENCH), {
    selection: { rule: "logit", beta: 20 },
    normalization: { kind: "scale", max: 10 },
    file: MTBENCH,
  });
}

/** One timed design after a warm-up, with CPU time beside wall time. */
async function timed(run: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number; value: unknown }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await run();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return { ms, cpuMs: +((cpu.user + cpu.system) / 1000).toFixed(1), value };
}

const WEIGHTS = { kind: "benchmark-weights" as const, within: 2 };
const TOP2 = { kind: "top-k" as const, k: 2 };

/** A row timing an outcome-weight design (equilibria or sequential entry), after a warm-up that loads HiGHS. */
function outcomeRow(name: string, description: string, run: () => Promise<DesignReport>): Benchmark {
  return {
    name,
    description,
    run: async () => {
      await designBenchmark(mtbench(), { kind: "entry", entrant: { name: "E", space: TOP2 } }, WEIGHTS);
      const t = await timed(run);
      const r = t.value as DesignReport;
      const d = r.result.kind === "outcome-weights" ? r.result : null;
      return {
        value: t.ms,
        unit: "ms",
        better: "lower",
        details: { outcomes: d?.candidates.length ?? 0, gap: d?.gap ?? -1, cpuMs: t.cpuMs },
      };
    },
  };
}

export const benchmarks: Benchmark[] = [
  {
    name: "design/mtbench-alpha-partition-menu-50",
    description:
      "exact power-winrate alpha partition on [0, 8], replacement of the first model over a seeded 50-option menu, MT-Bench-101 18 x 13, logit beta 20",
    run: async () => {
      const market = mtbench();
      const rng = seedrandom.alea("design-menu");
      const options = Array.from({ length: 50 }, () =>
        market.tasks.map((t) => t.cap * (0.05 + 0.95 * rng())),
      );
      const q = {
        kind: "replace" as const,
        producer: market.producers[0]!.name,
        space: { kind: "menu" as const, options },
      };
      const search = { kind: "family" as const, family: "power-winrate", parameter: "alpha", from: 0, to: 8 };
      await designBenchmark(market, q, search); // warm-up (JIT)
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await designBenchmark(market, q, search);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      const regions = r.result.kind === "family" ? r.result.regions.length : 0;
      // CPU time beside wall time: on a shared machine wall time overstates the work
      const cpuMs = +((cpu.user + cpu.system) / 1000).toFixed(1);
      return {
        value: ms,
        unit: "ms",
        better: "lower",
        target: 1000,
        details: { regions, strategies: 50, cpuMs },
      };
    },
  },
  {
    name: "design/mtbench-weights-topk3-within-2",
    description:
      "benchmark-weight LP design, top-k k=3 entrant (286 strategies, 572 LPs), b within a factor 2 of uniform, MT-Bench-101 18 x 13, logit beta 20, HiGHS",
    run: async () => {
      const market = mtbench();
      const q = { kind: "entry" as const, entrant: { name: "E", space: { kind: "top-k" as const, k: 3 } } };
      const search = { kind: "benchmark-weights" as const, within: 2 };
      await designBenchmark(
        market,
        { ...q, entrant: { ...q.entrant, space: { kind: "top-k", k: 1 } } },
        search,
      );
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await designBenchmark(market, q, search);
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(c0);
      const classes = r.result.kind === "benchmark-weights" ? r.result.classes.length : 0;
      const cpuMs = +((cpu.user + cpu.system) / 1000).toFixed(1);
      return { value: ms, unit: "ms", better: "lower", target: 5000, details: { classes, cpuMs } };
    },
  },
  outcomeRow(
    "design/mtbench-weights-equilibrium-2x-topk2",
    "benchmark-weight design of pure equilibria: the first two models strategic with top-k k=2 (6,084 profiles, one LP of 155 rows each), b within a factor 2 of uniform, worst objective, MT-Bench-101 18 x 13, logit beta 20, HiGHS",
    () => {
      const m = mtbench();
      const market = { ...m, producers: m.producers.map((p, i) => (i < 2 ? { ...p, space: TOP2 } : p)) };
      return designBenchmark(market, { kind: "equilibrium" }, WEIGHTS);
    },
  ),
  outcomeRow(
    "design/mtbench-weights-sequential-2-topk2",
    "benchmark-weight design of sequential entry: two top-k k=2 entrants (6,084 paths, one LP of 155 rows each), b within a factor 2 of uniform, worst objective, MT-Bench-101 18 x 13, logit beta 20, HiGHS",
    () => designBenchmark(mtbench(), { kind: "sequential", entrants: 2, space: TOP2 }, WEIGHTS),
  ),
];
