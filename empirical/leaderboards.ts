/**
 * The side-by-side leaderboards: every model's payoff under every rule in the market of all models,
 * competition ranks, rank shifts against winrate and average score, the top model(s) and Kendall tau
 * between the rules.
 */
import { MarketEvaluator } from "../src/model/evaluate.js";
import { argmaxAll, competitionRanks, kendallTau, payoffScale } from "./ranking.js";
import { byName, type StudyContext } from "./setup.js";
import type { EmpiricalReport, LeaderboardRow } from "./study-types.js";

/** The leaderboards and what the later parts of the study reuse. */
export interface Leaderboards extends Pick<EmpiricalReport["leaderboards"], "rows" | "top" | "kendall"> {
  /** The evaluator at the main selection with every model run; entry reuses it. */
  ev: MarketEvaluator;
  /** Welfare `U` with every model present, and per task. */
  U: number;
  perTask: number[];
  /** `payoffs[r][i]`: model `i`'s payoff under rule `r`. */
  payoffs: number[][];
  /** `ranks[r][i]`: its competition rank (1 = best). */
  ranks: number[][];
}

/**
 * Payoffs `P_r(i)` of every model under every rule, ranks `1 + #{j : P_r(j) > P_r(i)}` (ties within
 * the tolerance of the rule's largest payoff), rank shifts `rank_WR(i) - rank_r(i)` and
 * `rank_AVG(i) - rank_r(i)`, the raw weighted mean `sum_t w_t x_it`, and Kendall tau-b of every pair
 * of rules.
 *
 * @throws nothing for a context built by `studyContext`
 * @example
 * leaderboards(studyContext(table, { selection: { rule: "logit", beta: 20 } })).top.winrate; // ["GPT-4"]
 */
export function leaderboards(ctx: StudyContext): Leaderboards {
  const { rules, ruleNames, names, tasks, n, WR, AVG } = ctx;
  const ev = new MarketEvaluator(tasks, ctx.selection, rules);
  ev.run(ctx.q, n);
  const U = ev.welfare;
  const perTask = Array.from(ev.welfarePerTask);
  const payoffs = rules.map((_, r) => Array.from({ length: n }, (_, i) => ev.payoff(r, i)));
  const ranks = payoffs.map((p) => competitionRanks(p, payoffScale(p)));
  const rows: LeaderboardRow[] = names.map((name, i) => ({
    name,
    rawMean: ctx.table.scores[i]!.reduce((s, x, t) => s + tasks[t]!.weight * x, 0),
    payoffs: byName(ruleNames, (_, r) => payoffs[r]![i]!),
    ranks: byName(ruleNames, (_, r) => ranks[r]![i]!),
    shiftVsWinrate: byName(ruleNames, (_, r) => ranks[WR]![i]! - ranks[r]![i]!),
    shiftVsAverage: byName(ruleNames, (_, r) => ranks[AVG]![i]! - ranks[r]![i]!),
  }));
  return {
    ev,
    U,
    perTask,
    payoffs,
    ranks,
    rows,
    top: byName(ruleNames, (_, r) => argmaxAll(payoffs[r]!, payoffScale(payoffs[r]!)).map((i) => names[i]!)),
    kendall: byName(ruleNames, (_, a) => byName(ruleNames, (_, b) => kendallTau(payoffs[a]!, payoffs[b]!))),
  };
}
