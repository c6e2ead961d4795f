/**
 * The built-in rule families (docs/model.md section 4b): payoff rules with numeric parameters, named by
 * a spec such as `power-winrate:alpha=2`. The registry that turns specs into rules is in payoffs.ts;
 * this file only defines the families (it imports payoffs.ts for types only, so there is no cycle).
 */
import { InputError } from "../errors.js";
import { RELATIVE_TOLERANCE } from "../numeric/tolerance.js";
import { ColumnState } from "./column.js";
import type { PayoffRule } from "./payoffs.js";
import type { Market } from "./types.js";

/** A numeric parameter of a rule family and its admissible range. */
export interface FamilyParameter {
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

/** A family of payoff rules with parameters (`power-winrate`, `threshold-winrate`, `mix`, or yours). */
export interface RuleFamily {
  /** Identifier, a word like a rule name; instances are named `NAME:p=v,...`. */
  readonly name: string;
  /** One line, with the formula. */
  readonly description: string;
  /** Numeric parameters, every one required, in spec order. */
  readonly parameters: readonly FamilyParameter[];
  /** Text parameters (required), e.g. `mix`'s `rules`. */
  readonly textParameters?: readonly string[];
  /**
   * The rule at these parameters, without name and family (they are filled in). Give `taskTerm`
   * (separable) or `payoff`, as for `registerPayoffRule`.
   */
  readonly make: (
    params: Readonly<Record<string, number>>,
    text: Readonly<Record<string, string>>,
    /** Resolves a rule name or spec through the registry (for families built from other rules). */
    resolve: (rule: string) => PayoffRule,
  ) => Omit<PayoffRule, "name" | "family">;
}

/** `pi_it (q_it / v_t)^alpha`: winrate at alpha = 0, weighted winrate (caps 1) at alpha = 1. */
export const powerWinrateFamily: RuleFamily = {
  name: "power-winrate",
  description: "sum_t b_t pi_it (q_it / v_t)^alpha (alpha = 0: winrate; alpha = 1: weighted winrate / v_t)",
  parameters: [{ name: "alpha", min: 0, max: 1e6 }],
  make: ({ alpha }) => {
    const a = alpha!;
    // 0^0 = 1: at alpha = 0 a win with a zero-quality answer counts, as under winrate
    return {
      description: `sum_t b_t pi_it (q_it/v_t)^${a}`,
      taskTerm: (c, i) => c.pi[i]! * (c.q[i]! / c.cap) ** a,
    };
  },
};

/** `pi_it [q_it >= tau v_t]`: a win counts only when the answer clears the threshold. */
export const thresholdWinrateFamily: RuleFamily = {
  name: "threshold-winrate",
  description: "sum_t b_t pi_it [q_it >= tau v_t] (wins count only above a quality threshold)",
  parameters: [{ name: "tau", min: 0, max: 1 }],
  make: ({ tau }) => {
    const x = tau!;
    // `q >= tau v` within the one tolerance relative to the cap, so q = v clears tau = 1 after rounding
    return {
      description: `sum_t b_t pi_it [q_it >= ${x} v_t]`,
      taskTerm: (c, i) => (c.q[i]! + RELATIVE_TOLERANCE * c.cap >= x * c.cap ? c.pi[i]! : 0),
    };
  },
};

/** `lambda R1 + (1 - lambda) R2` of any two rules. */
export const mixFamily: RuleFamily = {
  name: "mix",
  description: "lambda R1 + (1 - lambda) R2 of two rules (rules=R1+R2)",
  parameters: [{ name: "lambda", min: 0, max: 1 }],
  textParameters: ["rules"],
  make: ({ lambda }, { rules }, resolve) => {
    const names = rules!.split("+");
    if (names.length !== 2 || names.some((n) => n === ""))
      throw new InputError(undefined, "rule", `mix needs rules=R1+R2, got rules=${rules}`);
    const [r1, r2] = names.map((n) => resolve(n)) as [PayoffRule, PayoffRule];
    const l = lambda!;
    const description = `${l} ${r1.name} + ${1 - l} ${r2.name}`;
    if (r1.taskTerm !== undefined && r2.taskTerm !== undefined) {
      const t1 = r1.taskTerm;
      const t2 = r2.taskTerm;
      return { description, taskTerm: (c, i) => l * t1(c, i) + (1 - l) * t2(c, i) };
    }
    return { description, payoff: (m, i) => l * marketPayoff(r1, m, i) + (1 - l) * marketPayoff(r2, m, i) };
  },
};

/** A rule's payoff of producer `i` in the whole market (separable rules summed over tasks under `b`). */
function marketPayoff(rule: PayoffRule, market: Market, i: number): number {
  if (rule.payoff !== undefined) return rule.payoff(market, i);
  const col = new ColumnState(market.selection);
  const n = market.producers.length;
  const buf = new Float64Array(n);
  let s = 0;
  market.tasks.forEach((task, t) => {
    for (let j = 0; j < n; j++) buf[j] = market.producers[j]!.quality[t]!;
    col.load(buf, n, task.cap);
    // producers are paid under the benchmark weights (default the task weights)
    s += (task.benchmarkWeight ?? task.weight) * rule.taskTerm!(col, i);
  });
  return s;
}

/** The built-in families, in report order. */
export const BUILTIN_RULE_FAMILIES: readonly RuleFamily[] = [
  powerWinrateFamily,
  thresholdWinrateFamily,
  mixFamily,
];
