/**
 * Rule-against-rule sweeps: a 50-point beta sweep of entry and of replacement on the
 * MT-Bench-101 table (18 models x 13 tasks, top-k k = 3) under the six built-in rules, on one core
 * (target <= 2 s for both, change points included); and a 20 x 20 two-parameter sweep (eps x the first
 * task's weight) of the two-producer equilibrium on the C2 market under the four default rules
 * (target <= 10 s).
 */
import { compareRules, sweepRules } from "../solvers/index.js";
import { readMarketFile } from "../src/io/marketFile.js";
import { readScoreTable, scoreTableMarket } from "../src/io/scoreTable.js";
import { BUILTIN_PAYOFF_RULES } from "../src/model/payoffs.js";
import type { Benchmark } from "./harness.js";

const MTBENCH = "data/mtbench101_task_scores.csv";
const SIX = BUILTIN_PAYOFF_RULES.map((r) => r.name);
const FOUR = ["winrate", "weighted-winrate", "pairwise-winrate", "marginal-contribution"];

export const benchmarks: Benchmark[] = [
  {
    name: "compare/mtbench-beta-sweep-50-entry-replace",
    description:
      "50-point beta sweep (1..50) of entry and of replacement (first model) on MT-Bench-101, 18 x 13, top-k k=3, six rules, one core, change points bisected",
    run: async () => {
      const market = scoreTableMarket(readScoreTable(MTBENCH), {
        selection: { rule: "logit", beta: 10 },
        file: MTBENCH,
      });
      const space = { kind: "top-k" as const, k: 3 };
      const axes = [{ name: "beta", from: 1, to: 50, points: 50 }];
      // warm-up (JIT) on one point
      compareRules(market, { kind: "entry", entrant: { name: "E", space } }, SIX);
      const t0 = performance.now();
      const entry = await sweepRules(market, { kind: "entry", entrant: { name: "E", space } }, SIX, axes);
      const t1 = performance.now();
      const replace = await sweepRules(
        market,
        { kind: "replace", producer: market.producers[0]!.name, space },
        SIX,
        axes,
      );
      const t2 = performance.now();
      const noCp = await sweepRules(market, { kind: "entry", entrant: { name: "E", space } }, SIX, axes, {
        noChangePoints: true,
      });
      const t3 = performance.now();
      return {
        value: t2 - t0,
        unit: "ms",
        better: "lower",
        target: 2000,
        details: {
          entryMs: +(t1 - t0).toFixed(1),
          replaceMs: +(t2 - t1).toFixed(1),
          entryWithoutChangePointsMs: +(t3 - t2).toFixed(1),
          changePoints: { entry: entry.changePoints.length, replace: replace.changePoints.length },
          points: noCp.points.length,
        },
      };
    },
  },
  {
    name: "compare/c2-equilibrium-sweep-20x20",
    description:
      "20 x 20 sweep (eps 0..0.9 x weight of t1 0.05..0.95) of the two-producer equilibrium on the C2 market, four rules, one core",
    run: async () => {
      const market = readMarketFile("test/fixtures/markets/c2-two-producers.json");
      const t0 = performance.now();
      const rep = await sweepRules(market, { kind: "equilibrium" }, FOUR, [
        { name: "eps", from: 0, to: 0.9, points: 20 },
        { name: "weight.t1", from: 0.05, to: 0.95, points: 20 },
      ]);
      const ms = performance.now() - t0;
      return {
        value: ms,
        unit: "ms",
        better: "lower",
        target: 10_000,
        details: { points: rep.points.length, rules: FOUR },
      };
    },
  },
];
