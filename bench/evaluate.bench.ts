/**
 * Market evaluation speed: all six payoff rules plus welfare, 20 producers x 13 tasks.
 */
import seedrandom from "seedrandom";
import { MarketEvaluator } from "../src/model/evaluate.js";
import type { SelectionRule, Task } from "../src/model/types.js";
import { type Benchmark, timePerCall } from "./harness.js";

function setup(n: number, T: number): { tasks: Task[]; q: Float64Array } {
  const r = seedrandom.alea("bench-evaluate");
  const tasks = Array.from({ length: T }, (_, t) => ({ name: `t${t}`, weight: 1 / T, cap: 1 }));
  const q = new Float64Array(n * T);
  for (let k = 0; k < q.length; k++) q[k] = r();
  return { tasks, q };
}

function evaluationsPerSecond(selection: SelectionRule, n: number, T: number, minMs = 1000): number {
  const { tasks, q } = setup(n, T);
  const ev = new MarketEvaluator(tasks, selection);
  const ms = timePerCall(() => ev.run(q, n), { minMs, warmupMs: 1000 });
  return 1000 / ms;
}

export const benchmarks: Benchmark[] = [
  {
    name: "evaluate/logit-20x13",
    description: "all six payoff rules + welfare, 20 producers x 13 tasks, logit beta=8",
    run: () => {
      // the headline first, so that the scaling runs cannot disturb it
      const value = evaluationsPerSecond({ rule: "logit", beta: 8 }, 20, 13);
      const sizes = [5, 10, 20, 40].map((n) => ({
        producers: n,
        tasks: 13,
        perSecond: Math.round(evaluationsPerSecond({ rule: "logit", beta: 8 }, n, 13, 300)),
      }));
      return {
        value,
        unit: "evals/s",
        better: "higher",
        target: 50_000,
        details: { scaling: sizes },
      };
    },
  },
  {
    name: "evaluate/probit-20x13",
    description: "all six payoff rules + welfare, 20 producers x 13 tasks, probit sigma=0.25",
    run: () => {
      const value = evaluationsPerSecond({ rule: "probit", sigma: 0.25 }, 20, 13);
      const sigmas = [0.05, 0.25, 1].map((sigma) => ({
        sigma,
        perSecond: Math.round(evaluationsPerSecond({ rule: "probit", sigma }, 20, 13, 300)),
      }));
      return {
        value,
        unit: "evals/s",
        better: "higher",
        target: 1000,
        details: { bySigma: sigmas },
      };
    },
  },
  {
    name: "evaluate/epsilon-20x13",
    description: "all six payoff rules + welfare, 20 producers x 13 tasks, epsilon eps=0.1",
    run: () => ({
      value: evaluationsPerSecond({ rule: "epsilon", eps: 0.1 }, 20, 13),
      unit: "evals/s",
      better: "higher",
    }),
  },
];
