/**
 * The empirical study on LiveBench (126 models x 23 tasks) with a 50-point noise sweep, as
 * `modelmarket empirical` runs it by default (logit:beta=20, replacement of all 126 models) plus a
 * top-k entrant whose best response is swept too. Target: the whole study in <= 30 s on one core.
 * Also reported: the parts on their own, so a regression can be located.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseSweepSpec } from "../empirical/options.js";
import { renderHtmlReport } from "../empirical/report.js";
import { projectSolver } from "../empirical/solver.js";
import { runEmpiricalStudy } from "../empirical/study.js";
import type { EmpiricalOptions } from "../empirical/study-types.js";
import { readScoreTable } from "../src/io/scoreTable.js";
import type { Benchmark, Measurement } from "./harness.js";

const FILE = fileURLToPath(new URL("../data/livebench_2026_01_08_task_scores.csv", import.meta.url));

function timed(opts: Omit<EmpiricalOptions, "selection" | "normalization" | "solver">): {
  ms: number;
  html: number;
  replaced: number;
} {
  const table = readScoreTable(FILE);
  const t0 = performance.now();
  const report = runEmpiricalStudy(table, {
    selection: { rule: "logit", beta: 20 },
    normalization: { kind: "scale", max: 100 },
    solver: projectSolver,
    ...opts,
  });
  const html = renderHtmlReport(report).length;
  return { ms: performance.now() - t0, html, replaced: report.replacement?.models.length ?? 0 };
}

function missing(): Measurement {
  return { value: Number.NaN, unit: "s", better: "lower", details: { skipped: `${FILE} is absent` } };
}

export const benchmarks: Benchmark[] = [
  {
    name: "empirical/livebench-full-study",
    description:
      "whole study on LiveBench 126x23: leaderboards, entry (synthetic + top-k:k=6 best responses), replacement of all 126 models (budget, 6 rules each), 50-point beta sweep with best responses, HTML",
    run: () => {
      if (!existsSync(FILE)) return missing();
      const sweep = parseSweepSpec("beta")!;
      const whole = timed({ space: { kind: "top-k", k: 6 }, replacement: "all", sweep });
      const fiveReplaced = timed({ space: { kind: "top-k", k: 6 }, replacement: 5, sweep });
      const noReplacement = timed({ space: { kind: "top-k", k: 6 }, replacement: false, sweep });
      const leaderboardsOnly = timed({ replacement: false });
      const sweepNoBestResponse = timed({ replacement: false, sweep });
      return {
        value: whole.ms / 1000,
        unit: "s",
        better: "lower",
        target: 30,
        details: {
          models: 126,
          tasks: 23,
          sweepPoints: sweep.values.length,
          htmlBytes: whole.html,
          replacedModels: whole.replaced,
          secondsReplacingFiveModels: fiveReplaced.ms / 1000,
          secondsWithoutReplacement: noReplacement.ms / 1000,
          secondsLeaderboardsAndSyntheticEntry: leaderboardsOnly.ms / 1000,
          secondsSweepWithoutBestResponses: sweepNoBestResponse.ms / 1000,
        },
      };
    },
  },
];
