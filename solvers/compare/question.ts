/**
 * Rule against rule on one market: the same question (market entry, replacement, the
 * simultaneous game's equilibria, sequential entry) answered under several payoff rules, each answer
 * reduced to the same columns, so that the rules can be set side by side, swept and charted:
 * the chosen strategies (every tied maximiser, or every equilibrium found), the welfare `U` they lead
 * to, its ratio to the welfare optimum, and the homogenisation measures of docs/model.md section 6 (distance
 * to the nearest other producer, specialisation index, tasks with a unique best).
 *
 * Source: the model of Donahue and Raghavan, "Impacts of Aggregation on Model Diversity and Consumer
 * Utility" (arXiv 2602.23293), as reconstructed in docs/model.md; the C2 and C5 claims are its
 * section 7.
 */
import { InputError } from "../../src/errors.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import type { ProgressSink } from "../../src/work.js";
import { absoluteTolerance, type Entrant, type RuleLike, resolveRule } from "../bestResponse/index.js";
import type { TieBreak } from "../sequential.js";
import { answer, type Shared } from "./answers.js";
import { ruleOutcome } from "./outcomes.js";
import type { CompareNote, OptimumBasis } from "./words.js";

/** The question asked of every rule. */
export type CompareQuestion =
  | { kind: "entry"; entrant: Entrant }
  | { kind: "replace"; producer: string; space?: StrategySpace }
  | { kind: "equilibrium" }
  | { kind: "sequential"; entrants: number; space: StrategySpace; tieBreak?: TieBreak };

/** Options of `compareRules`. */
export interface CompareOptions {
  /** Grid units for continuous budgets (default `DEFAULT_UNITS`, 256, in src/limits.ts). */
  units?: number;
  /** Tied maximisers listed per best response (default `DEFAULT_MAX_MAXIMISERS`, 20). */
  maxMaximisers?: number;
  /** Equilibrium: the exhaustive search's bound on joint profiles (default `DEFAULT_MAX_PROFILES`, 200,000, in src/limits.ts). */
  maxProfiles?: number;
  /** Equilibrium: seed of the random starts of the dynamics (default `equilibrium`). */
  seed?: string;
  /**
   * Equilibrium: seeded random starting profiles of the dynamics (default 0 when the joint space is
   * enumerated, which finds every pure equilibrium anyway; else 4).
   */
  randomStarts?: number;
  /** Sequential with tie-break `all`: cap on the paths explored (default 1000). */
  maxBranches?: number;
  /** Equilibrium: hears the exhaustive search's progress (not sent to sweep workers). */
  progress?: ProgressSink;
}

/** One outcome a rule leads to: a tied maximiser, an equilibrium, or a sequence's final market. */
export interface CompareOutcome {
  /** Readable strategies, e.g. `{t2}` or `A={t1} B={t2}`; equal outcomes have equal labels. */
  label: string;
  /** Names of the producers that chose (entrant, re-chooser, strategic producers, entrants). */
  producers: string[];
  /** Their quality vectors (for a mixed equilibrium, the expected ones). */
  qualities: number[][];
  /** Consumer welfare `U` (expected, for a mixed equilibrium). */
  welfare: number;
  /** Mean over the choosing producers of the L1 distance of `q/v` to the nearest other producer. */
  nearestDistance: number | null;
  /** Mean over the choosing producers of the specialisation index `1 - H(q / sum q) / log T`. */
  specialisation: number;
  /** Tasks on which exactly one producer is best (expected, for a mixed equilibrium). */
  uniqueBestTasks: number;
  /** Mixed equilibria: `true`. */
  mixed?: boolean;
}

/**
 * The statistics every rule (and every sweep point) reports, in this order: the number of outcomes,
 * then each quantity's range over them as `NAMEMin` and `NAMEMax`, NAME being the outcome's field
 * (`welfare`, `nearestDistance`, `specialisation`, `uniqueBestTasks`) or `welfareRatio` (welfare over
 * the welfare optimum).
 */
export const COMPARE_STATISTICS = [
  "outcomes",
  "welfareMin",
  "welfareMax",
  "welfareRatioMin",
  "welfareRatioMax",
  "nearestDistanceMin",
  "nearestDistanceMax",
  "specialisationMin",
  "specialisationMax",
  "uniqueBestTasksMin",
  "uniqueBestTasksMax",
] as const;

export type CompareStatistic = (typeof COMPARE_STATISTICS)[number];

/** One rule's answer. */
export interface RuleOutcome {
  /** Rule name; `welfare` for the welfare-optimal choice. */
  rule: string;
  outcomes: CompareOutcome[];
  /**
   * `true` when `outcomes` is the whole answer: every tied maximiser (exact solve, list not cut), every
   * equilibrium (exhaustive pure enumeration and complete mixed list), every tie branch.
   */
  complete: boolean;
  /** Why the answer is not complete, or how it was obtained (worded by `compareNoteText`). */
  note: CompareNote;
  /** Canonical text of the choice (sorted outcome labels): equal choices, equal keys. */
  key: string;
  /** The statistics, `null` where undefined (no outcome, no other producer, zero optimum). */
  stats: Record<CompareStatistic, number | null>;
}

/** How two rules' outcomes compare. */
export interface RuleContrast {
  rules: [string, string];
  /** The two rules chose the same strategies. */
  sameChoice: boolean;
  /**
   * Whose outcome has the higher welfare: a rule's name, `tie` (every outcome of both within the
   * tolerance), `overlap` (the welfare ranges overlap without being equal), or `none` (one rule has
   * no outcome).
   */
  higherWelfare: string;
  /** `U(first) - U(second)` over pairs of their outcomes: smallest and largest. */
  welfareGapMin: number | null;
  welfareGapMax: number | null;
}

/** Everything `compareRules` reports. */
export interface Comparison {
  question: CompareQuestion;
  /** The market's welfare before the question's move (no entry / current profile / file profile). */
  welfareBaseline: number;
  /** The welfare optimum the ratios use. */
  welfareOptimum: number;
  /** `true` when the optimum is proven (exact best response or enumeration). */
  welfareOptimumExact: boolean;
  /** What the optimum is (worded, with `welfare.note`, by `optimumBasisText`). */
  welfareOptimumBasis: OptimumBasis;
  /** Absolute tolerance of the comparisons (`RELATIVE_TOLERANCE x max(1, max cap)`). */
  tolerance: number;
  rules: RuleOutcome[];
  /** The welfare-optimal choice, reported like a rule (`rule: "welfare"`). */
  welfare: RuleOutcome;
  /** Every pair of rules. */
  contrasts: RuleContrast[];
  /** Pairs of rules whose choices differ. */
  disagreements: RuleContrast[];
}

/** The name the welfare-optimal choice is reported under. */
export const WELFARE_RULE = "welfare";

function checkQuestion(market: Market, q: CompareQuestion): void {
  if (q.kind === "entry" && q.entrant.space.kind === "fixed") {
    throw new InputError(undefined, "entry", "a fixed entrant has nothing to choose");
  }
  if (q.kind === "sequential") {
    if (!(Number.isInteger(q.entrants) && q.entrants >= 1)) {
      throw new InputError(undefined, "sequential", `entrants must be a positive integer, got ${q.entrants}`);
    }
    if (q.space.kind === "fixed") {
      throw new InputError(undefined, "space", "entrants need a strategy space to choose from");
    }
  }
  if (q.kind === "equilibrium" && market.producers.every((p) => p.space.kind === "fixed")) {
    throw new InputError(undefined, "market", "no strategic producer (every space is fixed): no game");
  }
}

/**
 * The choice of one rule only (`rule` `null`: the welfare optimum): its key and outcomes. Used by the
 * sweep's bisection, which needs one rule at many parameter values.
 *
 * @throws InputError from the solvers (bad spaces, unknown producers, work over a limit).
 * @example
 * ruleChoice(twoPlayerMarket, { kind: "equilibrium" }, "winrate").key; // "A={t1} B={t1}"
 */
export function ruleChoice(
  market: Market,
  question: CompareQuestion,
  rule: RuleLike | null,
  opts: CompareOptions = {},
): { key: string; outcomes: CompareOutcome[] } {
  checkQuestion(market, question);
  const a = answer(market, question, rule, opts, {});
  const out = ruleOutcome(
    rule === null ? WELFARE_RULE : resolveRule(rule).name,
    a.outcomes,
    a.complete,
    a.note,
    1,
  );
  return { key: out.key, outcomes: out.outcomes };
}

function contrast(a: RuleOutcome, b: RuleOutcome, tol: number): RuleContrast {
  const wa = a.outcomes.map((o) => o.welfare);
  const wb = b.outcomes.map((o) => o.welfare);
  if (wa.length === 0 || wb.length === 0) {
    return {
      rules: [a.rule, b.rule],
      sameChoice: a.key === b.key,
      higherWelfare: "none",
      welfareGapMin: null,
      welfareGapMax: null,
    };
  }
  const aMin = Math.min(...wa);
  const aMax = Math.max(...wa);
  const bMin = Math.min(...wb);
  const bMax = Math.max(...wb);
  const all = [...wa, ...wb];
  let higher: string;
  if (Math.max(...all) - Math.min(...all) <= tol) higher = "tie";
  else if (aMin - bMax > tol) higher = a.rule;
  else if (bMin - aMax > tol) higher = b.rule;
  else higher = "overlap";
  return {
    rules: [a.rule, b.rule],
    sameChoice: a.key === b.key,
    higherWelfare: higher,
    welfareGapMin: aMin - bMax,
    welfareGapMax: aMax - bMin,
  };
}

/**
 * Answers `question` under each rule of `rules` on `market`, with the welfare-optimal choice beside
 * them, and contrasts every pair of rules: same choice or not, and whose outcome has the higher
 * welfare (ties within the tolerance `RELATIVE_TOLERANCE x max(1, max cap)` are ties).
 *
 * The welfare optimum: the welfare-optimal entrant or replacement (exact on finite spaces); for
 * equilibria, the optimum over joint strategies (`solveEquilibria`'s, exact by enumeration when the
 * joint space is small); for sequential entry, the greedy sequence in which each entrant maximises `U`
 * (a reference, not a proven joint optimum: `welfareOptimumExact` is then `false`).
 *
 * @throws InputError for a bad question (fixed entrant, unknown producer, no strategic producer) and
 *   from the solvers.
 * @example
 * const c = compareRules(market, { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } },
 *   ["winrate", "weighted-winrate"]);
 * c.disagreements; // [{ rules: ["winrate", "weighted-winrate"], sameChoice: false, higherWelfare: "weighted-winrate", ... }]
 */
export function compareRules(
  market: Market,
  question: CompareQuestion,
  rules: readonly RuleLike[],
  opts: CompareOptions = {},
): Comparison {
  checkQuestion(market, question);
  if (rules.length === 0) throw new InputError(undefined, "rules", "no payoff rule to compare");
  const names = rules.map((r) => resolveRule(r).name);
  const dup = names.find((n, k) => names.indexOf(n) !== k);
  if (dup !== undefined) throw new InputError(undefined, "rules", `rule "${dup}" is listed twice`);
  const shared: Shared = {};
  const raw = rules.map((r) => answer(market, question, r, opts, shared));
  const w = answer(market, question, null, opts, shared);
  const optimumWelfare = Math.max(...w.outcomes.map((o) => o.welfare));
  const optimumExact = question.kind !== "sequential" && w.complete;
  const basis: OptimumBasis =
    question.kind === "sequential"
      ? "greedy-sequence"
      : question.kind === "equilibrium"
        ? "joint-optimum"
        : question.kind === "entry"
          ? "welfare-optimal-entrant"
          : "welfare-optimal-replacement";
  const outs = raw.map((a, k) => ruleOutcome(names[k]!, a.outcomes, a.complete, a.note, optimumWelfare));
  const tol = absoluteTolerance(market);
  const contrasts: RuleContrast[] = [];
  for (let i = 0; i < outs.length; i++) {
    for (let j = i + 1; j < outs.length; j++) contrasts.push(contrast(outs[i]!, outs[j]!, tol));
  }
  return {
    question,
    welfareBaseline: consumerWelfare(market),
    welfareOptimum: optimumWelfare,
    welfareOptimumExact: optimumExact,
    welfareOptimumBasis: basis,
    tolerance: tol,
    rules: outs,
    welfare: ruleOutcome(WELFARE_RULE, w.outcomes, w.complete, w.note, optimumWelfare),
    contrasts,
    disagreements: contrasts.filter((c) => !c.sameChoice),
  };
}
