/**
 * Pairwise judgements: a Bradley-Terry fit of 100,000 battles among 100 models (target
 * <= 1 s, parse of the CSV battle log reported separately), and 1,000 bootstrap replicates of the
 * WildBench study at the fitted noise (target <= 60 s on one core; reported on two workers too).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import seedrandom from "seedrandom";
import type { BootstrapSpec } from "../empirical/bootstrap.js";
import { runBootstrap } from "../empirical/bootstrap-summary.js";
import { fitBradleyTerry } from "../empirical/ratings/bradley-terry.js";
import { comparisonsFrom } from "../empirical/ratings/comparisons.js";
import { parsePairwise, readPairwise } from "../src/io/pairwise.js";
import { readScoreTable } from "../src/io/scoreTable.js";
import type { Benchmark } from "./harness.js";

const SCORES = fileURLToPath(new URL("../data/wildbench_v2_task_scores.csv", import.meta.url));
const PAIRS = fileURLToPath(new URL("../data/wildbench_v2_pairwise_by_category.csv", import.meta.url));

/** A battle log of `battles` random pairs among `models` models with ratings spread over 4 logits. */
function battleLog(models: number, battles: number): string {
  const rng = seedrandom.alea("bench-battles");
  const theta = Array.from({ length: models }, (_, k) => (4 * k) / (models - 1) - 2);
  const lines = ["model_a,model_b,winner"];
  for (let b = 0; b < battles; b++) {
    const i = Math.floor(rng() * models);
    let j = Math.floor(rng() * (models - 1));
    if (j >= i) j++;
    const p = 1 / (1 + Math.exp(-(theta[i]! - theta[j]!)));
    const u = rng();
    lines.push(`m${i},m${j},${u < 0.1 ? "tie" : rng() < p ? "model_a" : "model_b"}`);
  }
  return `${lines.join("\n")}\n`;
}

export const benchmarks: Benchmark[] = [
  {
    name: "ratings/bradley-terry-100k-battles",
    description:
      "Bradley-Terry MLE (Newton, standard errors) of 100,000 battles among 100 models, from judgements to ratings",
    run: () => {
      const text = battleLog(100, 100_000);
      const t0 = performance.now();
      const data = parsePairwise(text, "bench.csv");
      const t1 = performance.now();
      const comp = comparisonsFrom(data, { overall: true });
      const fit = fitBradleyTerry(comp);
      const t2 = performance.now();
      return {
        value: (t2 - t1) / 1000,
        unit: "s",
        better: "lower",
        target: 1,
        details: {
          secondsParsingCsv: (t1 - t0) / 1000,
          pairs: comp.i.length,
          newtonSteps: fit.iterations,
          gradientNorm: fit.gradientNorm,
          converged: fit.converged,
        },
      };
    },
  },
  {
    name: "ratings/wildbench-bootstrap-1000",
    description:
      "1,000 bootstrap replicates of the WildBench study (judgements resampled, beta refitted, six leaderboards, Kendall tau, top models, top-k:k=2 best responses), one core; two workers in details",
    run: async () => {
      if (!existsSync(SCORES) || !existsSync(PAIRS))
        return {
          value: Number.NaN,
          unit: "s",
          better: "lower",
          details: { skipped: "WildBench files absent" },
        };
      const spec: BootstrapSpec = {
        table: readScoreTable(SCORES),
        pairwise: readPairwise(PAIRS),
        normalization: { kind: "minmax" },
        selection: { fit: "logit" },
        space: { kind: "top-k", k: 2 },
        replicates: 1000,
        seed: "1",
      };
      const t0 = performance.now();
      const one = await runBootstrap(spec, { workers: 1 });
      const t1 = performance.now();
      const two = await runBootstrap(spec, { workers: 2 });
      const t2 = performance.now();
      return {
        value: (t1 - t0) / 1000,
        unit: "s",
        better: "lower",
        target: 60,
        details: {
          secondsTwoWorkers: (t2 - t1) / 1000,
          speedupTwoWorkers: (t1 - t0) / (t2 - t1),
          identicalAcrossWorkers: JSON.stringify(one) === JSON.stringify(two),
          beta: one.noise,
        },
      };
    },
  },
];
