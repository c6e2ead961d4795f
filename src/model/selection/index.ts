/**
 * Selection rules (docs/model.md section 2): the facade over one kernel per rule.
 */
import type { SelectionRule } from "../types.js";
import { epsilonKernel } from "./epsilon.js";
import type { SelectionKernel } from "./kernel.js";
import { logitKernel } from "./logit.js";
import { perfectKernel } from "./perfect.js";
import { probitKernel } from "./probit.js";

export type { SelectionKernel } from "./kernel.js";
export { epsilonKernel, logitKernel, perfectKernel, probitKernel };

/** Names of the built-in selection rules. */
export const SELECTION_RULES = ["perfect", "epsilon", "logit", "probit"] as const;

/**
 * The kernel that computes a selection rule on one task's column.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const kernel = selectionKernel({ rule: "logit", beta: 8 });
 */
export function selectionKernel(rule: SelectionRule): SelectionKernel {
  switch (rule.rule) {
    case "perfect":
      return perfectKernel();
    case "epsilon":
      return epsilonKernel(rule.eps);
    case "logit":
      return logitKernel(rule.beta);
    case "probit":
      return probitKernel(rule.sigma);
  }
}

/**
 * Choice probabilities `pi` of one column of qualities (a convenience wrapper; loops should keep a
 * kernel from `selectionKernel` and reuse a buffer).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * choiceProbabilities({ rule: "epsilon", eps: 0.3 }, [1, 0]); // [0.85, 0.15]
 */
export function choiceProbabilities(rule: SelectionRule, column: readonly number[], cap = 1): number[] {
  const out = new Float64Array(column.length);
  selectionKernel(rule).choice(column, column.length, cap, out);
  return Array.from(out);
}

/**
 * `P(a beats b)` on a task with cap `cap`: the rule on the two-producer market `{a, b}`, ties one half.
 * Bradley-Terry `sigmoid(beta (a - b))` for logit, `Phi((a - b)/(sigma sqrt 2))` for probit,
 * `(1 - eps) 1[a > b] + (1 - eps)/2 1[a = b] + eps/2` for epsilon.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * beatProbability({ rule: "logit", beta: 2 }, 1, 0); // sigmoid(2) = 0.8807970779778823
 */
export function beatProbability(rule: SelectionRule, a: number, b: number, cap = 1): number {
  return selectionKernel(rule).beats(a, b, cap);
}

/**
 * Canonical text form, e.g. `logit:beta=8` (the `--selection` flag syntax).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function formatSelection(rule: SelectionRule): string {
  switch (rule.rule) {
    case "perfect":
      return "perfect";
    case "epsilon":
      return `epsilon:eps=${rule.eps}`;
    case "logit":
      return `logit:beta=${rule.beta}`;
    case "probit":
      return `probit:sigma=${rule.sigma}`;
  }
}
