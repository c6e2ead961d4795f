/**
 * Model replacement: each replaced model re-allocates its own total scaled quality
 * `B_i = sum_t q_it / v_t` in a `budget` space (linear production) under each rule, the others fixed;
 * and the averages over the replaced models of how welfare, specialisation and distance change.
 */

import { DEFAULT_MAX_REPLACEMENT_WORK } from "../src/limits.js";
import { specialisationIndex } from "../src/model/diversity.js";
import type { MarketEvaluator } from "../src/model/evaluate.js";
import type { PayoffRule } from "../src/model/payoffs.js";
import type { Market, StrategySpace } from "../src/model/types.js";
import { approxEqual } from "../src/numeric/tolerance.js";
import { checkWorkLimit } from "../src/work.js";
import type { Leaderboards } from "./leaderboards.js";
import type { StudyContext } from "./setup.js";
import { type BestResponseOutcome, nearestTo, ruleBestResponse, type StudySolver } from "./solver.js";
import type { EmpiricalReport } from "./study-types.js";

type Replacement = NonNullable<EmpiricalReport["replacement"]>;
type ReplacedModel = Replacement["models"][number];

/**
 * The models replaced: all of them (`"all"`), or the best `which` by average-score rank (ties by table
 * order), as indices.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * replacedModels([3, 1, 2], 2); // [1, 2]
 */
export function replacedModels(averageRanks: readonly number[], which: "all" | number): number[] {
  const n = averageRanks.length;
  return averageRanks
    .map((_, i) => i)
    .sort((a, b) => averageRanks[a]! - averageRanks[b]! || a - b)
    .slice(0, which === "all" ? n : Math.max(0, Math.floor(which)));
}

/** A model with nothing to re-allocate stays where it is. */
function stay(ev: MarketEvaluator, ctx: StudyContext, i: number, r: number): BestResponseOutcome {
  const { q, n, T } = ctx;
  ev.run(q, n);
  return {
    quality: Array.from(q.subarray(i * T, (i + 1) * T)),
    payoff: ev.payoff(r, i),
    welfare: ev.welfare,
    maximisers: 1,
    truncated: false,
    welfareRange: [ev.welfare, ev.welfare],
    exact: true,
    gapBound: 0,
  };
}

/** Model `i`'s best response under each rule in `budget(B_i, linear)`, and where it stood before. */
function replaceModel(ctx: StudyContext, ev: MarketEvaluator, solver: StudySolver, i: number): ReplacedModel {
  const { market, qualities, caps, rules } = ctx;
  const own = qualities[i]!.reduce((s, x, t) => s + x / caps[t]!, 0);
  const others = qualities.filter((_, j) => j !== i);
  const space: StrategySpace = { kind: "budget", budget: own, production: { kind: "linear" } };
  const m: Market = {
    ...market,
    producers: market.producers.map((p, j) => (j === i ? { ...p, space } : p)),
  };
  return {
    name: ctx.names[i]!,
    budget: own,
    nearestBefore: nearestTo(qualities[i]!, others, caps),
    specialisationBefore: specialisationIndex(qualities[i]!),
    perRule: rules.map((rule, r) => {
      const br = own > 0 ? solver.incumbent(m, i, rule, space) : stay(ev, ctx, i, r);
      return ruleBestResponse(rule, br, others, caps);
    }),
  };
}

/**
 * Per rule, over the replaced models: the mean change of welfare (from `U`), of specialisation and
 * of the distance to the nearest other model; how many best responses lower `U` (beyond the
 * tolerance, scale 1) and how many move closer to the nearest other model (tolerance scale `T`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * replacementSummary([winrate], models, 0.86, 13)[0].welfareLosses;
 */
export function replacementSummary(
  rules: readonly PayoffRule[],
  models: readonly ReplacedModel[],
  U: number,
  T: number,
): Replacement["summary"] {
  return rules.map((rule, r) => {
    let dU = 0;
    let losses = 0;
    let dS = 0;
    let dN = 0;
    let closer = 0;
    for (const m of models) {
      const br = m.perRule[r]!;
      dU += br.welfare - U;
      if (br.welfare < U && !approxEqual(br.welfare, U, 1)) losses++;
      dS += br.specialisation - m.specialisationBefore;
      dN += br.nearestDistance - m.nearestBefore;
      if (br.nearestDistance < m.nearestBefore && !approxEqual(br.nearestDistance, m.nearestBefore, T))
        closer++;
    }
    const k = Math.max(1, models.length);
    return {
      rule: rule.name,
      meanWelfareChange: dU / k,
      welfareLosses: losses,
      meanSpecialisationChange: dS / k,
      meanNearestDistanceChange: dN / k,
      movesCloser: closer,
    };
  });
}

/**
 * Refuses a replacement study past `maxWork` units, `replaced models x rules x models x tasks` (each
 * best response evaluates every model on every task, so the whole is quadratic in the models), from
 * the sizes alone: `runEmpiricalStudy` calls it before the leaderboards.
 *
 * @throws WorkLimitError (limit `maxReplacementWork`) past `maxWork`.
 * @example
 * checkReplacementWork({ n: 3, T: 2, rules: ctx.rules }, "all", 1000); // 3 x rules x 3 x 2 units: quiet for up to 27 rules
 */
export function checkReplacementWork(
  ctx: Pick<StudyContext, "n" | "T" | "rules">,
  which: false | "all" | number,
  maxWork: number = DEFAULT_MAX_REPLACEMENT_WORK,
): void {
  if (which === false) return;
  const replaced = which === "all" ? ctx.n : Math.min(which, ctx.n);
  checkWorkLimit(
    "maxReplacementWork",
    replaced * ctx.rules.length * ctx.n * ctx.T,
    maxWork,
    `replacement work units (${replaced} replaced models x ${ctx.rules.length} rules x ${ctx.n} models x ${ctx.T} tasks)`,
  );
}

/**
 * The replacement part of the report: `which` models (`"all"` or the best `N` by average score)
 * re-optimised, or `null` when `which` is `false` or there is no solver.
 *
 * @throws WorkLimitError past `maxWork` work units (replaced models x rules x models x tasks), before any work;
 *   otherwise whatever the solver throws.
 * @example
 * replacementStudy(ctx, board, 3, projectSolver)?.selected; // "the 3 best of 13 by average score"
 */
export function replacementStudy(
  ctx: StudyContext,
  board: Leaderboards,
  which: false | "all" | number,
  solver: StudySolver | undefined,
  maxWork: number = DEFAULT_MAX_REPLACEMENT_WORK,
): EmpiricalReport["replacement"] {
  if (which === false || solver === undefined) return null;
  const { n } = ctx;
  const order = replacedModels(board.ranks[ctx.AVG]!, which);
  checkReplacementWork(ctx, which, maxWork);
  const models = order.map((i) => replaceModel(ctx, board.ev, solver, i));
  return {
    space: "budget(budget = the model's own sum_t q_t / v_t, linear)",
    selected:
      which === "all" || order.length === n
        ? `all ${n} models`
        : `the ${order.length} best of ${n} by average score`,
    models,
    summary: replacementSummary(ctx.rules, models, board.U, ctx.T),
  };
}
