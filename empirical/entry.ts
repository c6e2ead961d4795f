/**
 * Market entry on the score table: each model as an entrant against the others, the synthetic
 * entrants of entrants.ts and the one each rule picks, and the best-response entrant over a strategy
 * space.
 */
import { InputError } from "../src/errors.js";
import { MarketEvaluator } from "../src/model/evaluate.js";
import { marginalContribution, type PayoffRule } from "../src/model/payoffs.js";
import { describeSpace } from "../src/model/strategies.js";
import type { StrategySpace } from "../src/model/types.js";
import { type SyntheticEntrant, syntheticEntrants } from "./entrants.js";
import type { Leaderboards } from "./leaderboards.js";
import { argmaxAll, kendallTau, payoffScale } from "./ranking.js";
import { byName, type StudyContext } from "./setup.js";
import { ruleBestResponse, type StudySolver } from "./solver.js";
import type { EmpiricalReport, EntrantOutcome, RuleChoice } from "./study-types.js";

type Entry = EmpiricalReport["entry"];

/**
 * Evaluates a menu of entrants against fixed incumbents with a reusable evaluator: each candidate is
 * written into row `n` of `incumbents` (which must have room for it) and the market of `n + 1` run.
 * Returns `payoffs[r][c]`, the entrant's payoff under rule `r`, and `welfare[c]`, `U` after entry.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * evaluateEntrants(ev, flatQualities(qualities, 1), n, T, [{ name: "copy", quality: qualities[0] }]).welfare;
 */
export function evaluateEntrants(
  ev: MarketEvaluator,
  incumbents: Float64Array,
  n: number,
  T: number,
  candidates: readonly { name: string; quality: readonly number[] }[],
): { payoffs: number[][]; welfare: number[] } {
  const R = ev.rules.length;
  const payoffs: number[][] = Array.from({ length: R }, () => []);
  const welfare: number[] = [];
  for (const c of candidates) {
    for (let t = 0; t < T; t++) incumbents[n * T + t] = c.quality[t]!;
    ev.run(incumbents, n + 1);
    for (let r = 0; r < R; r++) payoffs[r]!.push(ev.payoff(r, n));
    welfare.push(ev.welfare);
  }
  return { payoffs, welfare };
}

/**
 * The candidate each rule picks: the first maximiser (menu order) of `payoffs[r]`, every candidate
 * tied with it (within the tolerance of the rule's largest payoff), and the welfare after it enters.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * choicesOf([winrate], [{ name: "a" }, { name: "b" }], [[0.2, 0.5]], [0.7, 0.6])[0].choice; // "b"
 */
export function choicesOf(
  rules: readonly PayoffRule[],
  candidates: readonly { name: string }[],
  payoffs: number[][],
  welfare: number[],
): RuleChoice[] {
  return rules.map((rule, r) => {
    const tied = argmaxAll(payoffs[r]!, payoffScale(payoffs[r]!));
    const k = tied[0]!;
    return {
      rule: rule.name,
      choice: candidates[k]!.name,
      tied: tied.map((j) => candidates[j]!.name),
      welfare: welfare[k]!,
    };
  });
}

/**
 * Each model as an entrant against all the others: its payoffs (those of the leaderboards) and the
 * welfare its entry adds, `U(all) - U(all but i)` (its marginal contribution); and per rule, Kendall
 * tau between the payoffs and those gains.
 *
 * @throws nothing for a context built by `studyContext`
 * @example
 * incumbentEntry(ctx, leaderboards(ctx).payoffs).alignmentWithWelfare["marginal-contribution"]; // 1
 */
export function incumbentEntry(
  ctx: StudyContext,
  payoffs: readonly (readonly number[])[],
): Pick<Entry, "incumbentsAsEntrants" | "alignmentWithWelfare"> {
  const { names, ruleNames, n } = ctx;
  const mcEv = new MarketEvaluator(ctx.tasks, ctx.selection, [marginalContribution]);
  mcEv.run(ctx.q, n);
  const gains = Array.from({ length: n }, (_, i) => mcEv.payoff(0, i));
  return {
    incumbentsAsEntrants: names.map((name, i) => ({
      name,
      payoffs: byName(ruleNames, (_, r) => payoffs[r]![i]!),
      welfareGain: gains[i]!,
    })),
    alignmentWithWelfare: byName(ruleNames, (_, r) => kendallTau(payoffs[r]!, gains)),
  };
}

/** The tasks a specialist covers (positive quality), worst-served first (`served_t / v_t`, ties by task order). */
function specialistTaskNames(ctx: StudyContext, specialist: readonly number[], served: readonly number[]) {
  const { tasks, caps } = ctx;
  return tasks
    .map((_, t) => t)
    .filter((t) => specialist[t]! > 0)
    .sort((a, b) => served[a]! / caps[a]! - served[b]! / caps[b]! || a - b)
    .map((t) => tasks[t]!.name);
}

/**
 * The synthetic entrants (a copy of `copied`, mixes at `lambdas`, the specialist) against all the
 * models: each one's payoffs and the welfare after entry, the one each rule picks and the
 * welfare-optimal one. Uses `board.ev` and the spare row of `ctx.q`.
 *
 * @throws nothing for a context built by `studyContext` and its leaderboards
 * @example
 * syntheticEntry(ctx, board, "GPT-4").synthetic.choices.map((c) => c.choice);
 */
export function syntheticEntry(
  ctx: StudyContext,
  board: Leaderboards,
  copied: string,
  lambdas?: readonly number[],
): { candidates: SyntheticEntrant[]; synthetic: Entry["synthetic"] } {
  const { qualities, ruleNames, caps } = ctx;
  const best = qualities[ctx.names.indexOf(copied)]!;
  const candidates = syntheticEntrants(best, board.perTask, ctx.tasks, lambdas);
  const spec = candidates[candidates.length - 1]!;
  const entry = evaluateEntrants(board.ev, ctx.q, ctx.n, ctx.T, candidates);
  const outcomes: EntrantOutcome[] = candidates.map((c, k) => ({
    name: c.name,
    quality: c.quality.slice(),
    payoffs: byName(ruleNames, (_, r) => entry.payoffs[r]![k]!),
    welfare: entry.welfare[k]!,
  }));
  const wOpt = argmaxAll(entry.welfare, payoffScale(entry.welfare))[0]!;
  return {
    candidates,
    synthetic: {
      copied,
      specialistTasks: specialistTaskNames(ctx, spec.quality, board.perTask),
      budget: best.reduce((s, x, t) => s + x / caps[t]!, 0),
      welfareWithoutEntry: board.U,
      candidates: outcomes,
      choices: choicesOf(ctx.rules, candidates, entry.payoffs, entry.welfare),
      welfareOptimal: { choice: candidates[wOpt]!.name, welfare: entry.welfare[wOpt]! },
    },
  };
}

/**
 * The best-response entrant over `space` under each rule, with its specialisation and distance to the
 * nearest model; `null` without a space (or a `fixed` one, which has nothing to choose).
 *
 * @throws InputError when a space is given without a solver
 * @example
 * bestResponseEntry(ctx, { kind: "top-k", k: 2 }, projectSolver, board.U)?.perRule[0].quality;
 */
export function bestResponseEntry(
  ctx: StudyContext,
  space: StrategySpace | undefined,
  solver: StudySolver | undefined,
  welfareWithoutEntry: number,
): Entry["bestResponse"] {
  if (space === undefined || space.kind === "fixed") return null;
  if (solver === undefined) throw new InputError(undefined, "solver", "a strategy space needs a solver");
  return {
    space: describeSpace(space),
    welfareWithoutEntry,
    perRule: ctx.rules.map((rule) =>
      ruleBestResponse(rule, solver.entrant(ctx.market, space, rule), ctx.qualities, ctx.caps),
    ),
  };
}
