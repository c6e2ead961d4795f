/**
 * The empirical study of a real model x task score table: leaderboards under every payoff
 * rule, market entry (incumbents as entrants, synthetic entrants, best responses), model replacement
 * and a noise sweep. Everything is deterministic: no randomness, arrays in table order, records built
 * in a fixed key order. This file runs the parts in order and assembles the report; each part is its
 * own module (setup.ts, leaderboards.ts, entry.ts, replacement.ts, sweep.ts; shapes in study-types.ts).
 */
import type { Normalization, ScoreTable } from "../src/io/scoreTable.js";
import { referenceWelfare } from "../src/model/evaluate.js";
import { formatSelection } from "../src/model/selection/index.js";
import type { StrategySpace } from "../src/model/types.js";
import { bestResponseEntry, incumbentEntry, syntheticEntry } from "./entry.js";
import { leaderboards } from "./leaderboards.js";
import { checkReplacementWork, replacementStudy } from "./replacement.js";
import { studyContext } from "./setup.js";
import type { EmpiricalOptions, EmpiricalReport } from "./study-types.js";
import { runSweep } from "./sweep.js";

function normalizationText(n: Normalization | undefined): string {
  if (n === undefined) return "scale (table maximum)";
  if (n.kind === "scale") return n.max === undefined ? "scale (table maximum)" : `scale:max=${n.max}`;
  return n.kind;
}

/** The sweep's best-response space: by default only `top-k` spaces (their best responses are cheap). */
function sweptSpace(opts: EmpiricalOptions): StrategySpace | undefined {
  return (opts.sweepBestResponse ?? opts.space?.kind === "top-k") ? opts.space : undefined;
}

/**
 * Runs the whole study on a score table.
 *
 * Leaderboards: payoff `P_r(i)` of every model under every rule `r` in the market of all models, ranks
 * `1 + #{j : P_r(j) > P_r(i)}`, and rank shifts against winrate and average-score. Entry: each model
 * `i` as an entrant against the others (its payoffs and `U(all) - U(all but i)`); synthetic entrants
 * (`copy`, mixes, `specialist`) and the one each rule picks (`argmax_c P_r(c)`) with the welfare after
 * entry; best responses over `space`. Replacement: each model's best response in
 * `budget(B_i = sum_t q_it / v_t, linear)`. Sweep: all of the above that is cheap, at each noise level.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const report = runEmpiricalStudy(readScoreTable("data/mtbench101_task_scores.csv"), {
 *   selection: { rule: "logit", beta: 20 },
 *   normalization: { kind: "scale", max: 10 },
 *   sweep: { parameter: "beta", values: [1, 10, 100] },
 * });
 * report.leaderboards.top["weighted-winrate"]; // ["GPT-4"]
 */
export function runEmpiricalStudy(table: ScoreTable, opts: EmpiricalOptions): EmpiricalReport {
  const ctx = studyContext(table, opts);
  // the quadratic part estimated before anything runs
  if (opts.solver !== undefined)
    checkReplacementWork(ctx, opts.replacement ?? "all", opts.maxReplacementWork);
  const board = leaderboards(ctx);
  const ref = referenceWelfare(ctx.market);
  const incumbents = incumbentEntry(ctx, board.payoffs);
  const { candidates, synthetic } = syntheticEntry(ctx, board, ref.singleBest, opts.lambdas);
  const bestResponse = bestResponseEntry(ctx, opts.space, opts.solver, board.U);
  const replacement = replacementStudy(
    ctx,
    board,
    opts.replacement ?? "all",
    opts.solver,
    opts.maxReplacementWork,
  );
  const sweep =
    opts.sweep === undefined ? null : runSweep(ctx, candidates, opts.sweep, sweptSpace(opts), opts.solver);
  return {
    source: {
      file: opts.file ?? null,
      comments: table.comments.slice(),
      models: ctx.n,
      normalization: normalizationText(opts.normalization),
    },
    selection: formatSelection(opts.selection),
    tasks: ctx.tasks.map((t) => ({ ...t })),
    rules: ctx.ruleNames,
    welfare: {
      U: board.U,
      perfect: ref.perfect,
      single: ref.single,
      singleBest: ref.singleBest,
      perTask: board.perTask,
    },
    leaderboards: { rows: board.rows, top: board.top, kendall: board.kendall },
    entry: { ...incumbents, synthetic, bestResponse },
    replacement,
    sweep,
  };
}
