/**
 * Benchmark design (docs/design.md) on the MT-Bench-101 table (18 models x 13 tasks, logit beta = 20,
 * scores scaled by 10): the exact alpha partition of power-winrate for a replacement over a 50-option
 * menu (seeded options with qualities inside (0, cap), so alpha matters; target < 1 s), and the
 * benchmark-weight LP design of a top-k (k = 3) entrant, 286 strategies, weights within a factor 2 of
 * uniform (target < 5 s). One core; HiGHS loaded before the clock starts.
 */
import seedrandom from "seedrandom";
import { designBenchmark } from "../solvers/index.js";
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
];
