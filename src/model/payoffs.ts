/**
 * Payoff rules (MODEL.md section 4): what a producer is rewarded for.
 *
 * Every built-in rule is task-separable: producer `i`'s payoff is `sum_t w_t term_t(i)` where the
 * term reads only task `t`'s column. That is what lets the solvers compute best responses by dynamic
 * programming over tasks. Users can register their own rules, separable (give `taskTerm`) or not
 * (give `payoff`, any function of the evaluated market and `i`).
 */
import { InputError } from "../errors.js";
import type { ColumnState } from "./column.js";
import type { Market } from "./types.js";

/** A payoff rule. Exactly one of `taskTerm` and `payoff` is given. */
export interface PayoffRule {
  /** Identifier used in files, flags and JSON, e.g. `weighted-winrate`. */
  name: string;
  /** One line, with the formula. */
  description: string;
  /** Separable rules: the unweighted term of producer `i` on one task's column. */
  taskTerm?: (column: ColumnState, i: number) => number;
  /** Non-separable rules: producer `i`'s payoff in the whole market. */
  payoff?: (market: Market, i: number) => number;
}

/** `WR_i = sum_t w_t pi_{i,t}`: the share of queries answered by `i` (sums to 1). */
export const winrate: PayoffRule = {
  name: "winrate",
  description: "WR_i = sum_t w_t pi_it (share of queries whose chosen answer is i's)",
  taskTerm: (c, i) => c.pi[i]!,
};

/** `sum_t w_t mean_{j != i} P_t(i beats j)` (arena / AlpacaEval style). */
export const pairwiseWinrate: PayoffRule = {
  name: "pairwise-winrate",
  description: "sum_t w_t mean_{j!=i} P_t(i beats j) (head-to-head, arena style)",
  taskTerm: (c, i) => c.pairwiseMean(i),
};

/** `WWR_i = sum_t w_t pi_{i,t} q_{i,t}`: each win weighted by its quality (sums to `U`). */
export const weightedWinrate: PayoffRule = {
  name: "weighted-winrate",
  description: "WWR_i = sum_t w_t pi_it q_it (wins weighted by the winning answer's quality)",
  taskTerm: (c, i) => c.pi[i]! * c.q[i]!,
};

/** `sum_t w_t mean_{j != i} P_t(i beats j) q_{i,t}`. */
export const weightedPairwiseWinrate: PayoffRule = {
  name: "weighted-pairwise-winrate",
  description: "sum_t w_t mean_{j!=i} P_t(i beats j) q_it",
  taskTerm: (c, i) => c.pairwiseMean(i) * c.q[i]!,
};

/** `U(all) - U(all but i)`: the welfare the producer adds. */
export const marginalContribution: PayoffRule = {
  name: "marginal-contribution",
  description: "U(all) - U(all but i) (welfare the producer adds)",
  taskTerm: (c, i) => c.welfare - c.welfareWithout(i),
};

/** `sum_t w_t q_{i,t}`: the plain benchmark average, blind to competitors. */
export const averageScore: PayoffRule = {
  name: "average-score",
  description: "sum_t w_t q_it (plain benchmark average, blind to competitors)",
  taskTerm: (c, i) => c.q[i]!,
};

/** The six built-in rules, in report order. */
export const BUILTIN_PAYOFF_RULES: readonly PayoffRule[] = [
  winrate,
  pairwiseWinrate,
  weightedWinrate,
  weightedPairwiseWinrate,
  marginalContribution,
  averageScore,
];

/**
 * Integer codes of the built-in rules, equal to their positions in `BUILTIN_PAYOFF_RULES`: hot loops
 * switch on them instead of calling `taskTerm` through a function pointer.
 */
export const BUILTIN_RULE_CODE = {
  winrate: 0,
  pairwiseWinrate: 1,
  weightedWinrate: 2,
  weightedPairwiseWinrate: 3,
  marginalContribution: 4,
  averageScore: 5,
} as const;

/**
 * The `BUILTIN_RULE_CODE` of a built-in rule, or -1 for a user-registered one.
 *
 * @example
 * builtinRuleCode(weightedWinrate); // 2
 */
export function builtinRuleCode(rule: PayoffRule): number {
  return BUILTIN_PAYOFF_RULES.indexOf(rule);
}

const registry = new Map<string, PayoffRule>(BUILTIN_PAYOFF_RULES.map((r) => [r.name, r]));

/**
 * Registers a user-defined payoff rule so that every command and solver can use it by name.
 * Throws if the name is taken or the rule gives neither or both of `taskTerm` and `payoff`.
 *
 * @example
 * registerPayoffRule({
 *   name: "squared-winrate",
 *   description: "sum_t w_t pi_it^2",
 *   taskTerm: (c, i) => c.pi[i]! ** 2,
 * });
 */
export function registerPayoffRule(rule: PayoffRule): void {
  if (registry.has(rule.name)) throw new Error(`payoff rule "${rule.name}" is already registered`);
  if ((rule.taskTerm === undefined) === (rule.payoff === undefined)) {
    throw new Error(`payoff rule "${rule.name}" must give exactly one of taskTerm and payoff`);
  }
  registry.set(rule.name, rule);
}

/** Removes a user-registered rule (built-ins cannot be removed). */
export function unregisterPayoffRule(name: string): void {
  if (BUILTIN_PAYOFF_RULES.some((r) => r.name === name))
    throw new Error(`cannot remove built-in rule ${name}`);
  registry.delete(name);
}

/**
 * The rule registered under `name`. Throws `InputError` (naming `where`, e.g. `--rule`) for unknown
 * names, listing the known ones.
 *
 * @example
 * payoffRule("weighted-winrate").description;
 */
export function payoffRule(name: string, where = "rule"): PayoffRule {
  const rule = registry.get(name);
  if (rule === undefined) {
    throw new InputError(
      undefined,
      where,
      `unknown payoff rule "${name}" (known: ${payoffRuleNames().join(", ")})`,
    );
  }
  return rule;
}

/** Names of all registered rules, built-ins first. */
export function payoffRuleNames(): string[] {
  return [...registry.keys()];
}
