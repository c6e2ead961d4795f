/**
 * Payoff rules (docs/model.md section 4): what a producer is rewarded for.
 *
 * Every built-in rule is task-separable: producer `i`'s payoff is `sum_t w_t term_t(i)` where the
 * term reads only task `t`'s column. That is what lets the solvers compute best responses by dynamic
 * programming over tasks. Users can register their own rules, separable (give `taskTerm`) or not
 * (give `payoff`, any function of the evaluated market and `i`).
 */
import { InputError } from "../errors.js";
import type { ColumnState } from "./column.js";
import { BUILTIN_RULE_FAMILIES as FAMILIES, type RuleFamily } from "./ruleFamilies.js";
import type { Market, Task } from "./types.js";

export {
  BUILTIN_RULE_FAMILIES,
  type FamilyParameter,
  mixFamily,
  powerWinrateFamily,
  type RuleFamily,
  thresholdWinrateFamily,
} from "./ruleFamilies.js";

/**
 * The formula of a built-in rule's per-task term for producer `i`, written once: the evaluator
 * (`MarketEvaluator`), the rule's `taskTerm`, the best-response paths (solvers/bestResponse) and the
 * checker all call `combine`. Its arguments are the pieces of task `t`'s column: `pi = pi_i`,
 * `q = q_i`, `pairwise = mean_{j != i} P(i beats j)`, `welfare = U_t` and `without = U_{t,-i}` (the
 * welfare with `i` removed). The two costly pieces are computed only for the rules whose `reads` names
 * them (else they are passed as 0).
 */
export interface BuiltinTerm {
  /** The costly piece the term reads, if any: the pairwise means or the welfare without `i`. */
  readonly reads: "pairwise" | "without" | "none";
  /** The unweighted term from the pieces. */
  readonly combine: (pi: number, q: number, pairwise: number, welfare: number, without: number) => number;
}

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
  /** Built-in rules: the term's formula over the column's pieces (`taskTerm` is derived from it). */
  builtin?: BuiltinTerm;
  /** Members of a rule family (`power-winrate:alpha=2`): the family and the parameter values. */
  family?: FamilyInstance;
}

/** Which family a rule belongs to and at which parameters. */
export interface FamilyInstance {
  /** The family's name, e.g. `power-winrate`. */
  readonly name: string;
  /** Numeric parameters by name. */
  readonly params: Readonly<Record<string, number>>;
  /** Text parameters by name (`mix`'s `rules`). */
  readonly text: Readonly<Record<string, string>>;
}

/**
 * The weight a task's payoff terms carry: its benchmark weight `b_t` when the market sets one, else
 * its consumer weight `w_t` (docs/model.md section 4a). Welfare always uses `w_t`.
 *
 * @throws nothing.
 * @example
 * payoffWeight({ name: "code", weight: 0.5, cap: 1, benchmarkWeight: 0.8 }); // 0.8
 * payoffWeight({ name: "code", weight: 0.5, cap: 1 }); // 0.5
 */
export function payoffWeight(task: Task): number {
  return task.benchmarkWeight ?? task.weight;
}

/**
 * The unweighted term of `term` for producer `i` of a loaded column.
 *
 * @example
 * const c = new ColumnState({ rule: "perfect" });
 * c.load([0.9, 0.4], 2, 1);
 * columnTerm(weightedWinrate.builtin!, c, 0); // 0.9
 */
export function columnTerm(term: BuiltinTerm, column: ColumnState, i: number): number {
  return term.combine(
    column.pi[i]!,
    column.q[i]!,
    term.reads === "pairwise" ? column.pairwiseMean(i) : 0,
    column.welfare,
    term.reads === "without" ? column.welfareWithout(i) : 0,
  );
}

function builtinRule(name: string, description: string, term: BuiltinTerm): PayoffRule {
  return { name, description, builtin: term, taskTerm: (c, i) => columnTerm(term, c, i) };
}

/** `WR_i = sum_t w_t pi_{i,t}`: the share of queries answered by `i` (sums to 1). */
export const winrate: PayoffRule = builtinRule(
  "winrate",
  "WR_i = sum_t w_t pi_it (share of queries whose chosen answer is i's)",
  { reads: "none", combine: (pi) => pi },
);

/** `sum_t w_t mean_{j != i} P_t(i beats j)` (arena / AlpacaEval style). */
export const pairwiseWinrate: PayoffRule = builtinRule(
  "pairwise-winrate",
  "sum_t w_t mean_{j!=i} P_t(i beats j) (head-to-head, arena style)",
  { reads: "pairwise", combine: (_pi, _q, pairwise) => pairwise },
);

/** `WWR_i = sum_t w_t pi_{i,t} q_{i,t}`: each win weighted by its quality (sums to `U`). */
export const weightedWinrate: PayoffRule = builtinRule(
  "weighted-winrate",
  "WWR_i = sum_t w_t pi_it q_it (wins weighted by the winning answer's quality)",
  { reads: "none", combine: (pi, q) => pi * q },
);

/** `sum_t w_t mean_{j != i} P_t(i beats j) q_{i,t}`. */
export const weightedPairwiseWinrate: PayoffRule = builtinRule(
  "weighted-pairwise-winrate",
  "sum_t w_t mean_{j!=i} P_t(i beats j) q_it",
  { reads: "pairwise", combine: (_pi, q, pairwise) => pairwise * q },
);

/** `U(all) - U(all but i)`: the welfare the producer adds. */
export const marginalContribution: PayoffRule = builtinRule(
  "marginal-contribution",
  "U(all) - U(all but i) (welfare the producer adds)",
  { reads: "without", combine: (_pi, _q, _pairwise, welfare, without) => welfare - without },
);

/** `sum_t w_t q_{i,t}`: the plain benchmark average, blind to competitors. */
export const averageScore: PayoffRule = builtinRule(
  "average-score",
  "sum_t w_t q_it (plain benchmark average, blind to competitors)",
  { reads: "none", combine: (_pi, q) => q },
);

/**
 * The welfare objective as a term (`U_t`, the same for every producer): what the welfare-optimal
 * best responses maximise, through the same paths as the rules.
 */
export const WELFARE_TERM: BuiltinTerm = {
  reads: "none",
  combine: (_pi, _q, _pairwise, welfare) => welfare,
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

const registry = new Map<string, PayoffRule>(BUILTIN_PAYOFF_RULES.map((r) => [r.name, r]));

/** Rule names: a letter or digit, then letters, digits, `-`, `_` or `.` (they appear in flags and CSV). */
const RULE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Registers a user-defined payoff rule so that every command and solver can use it by name.
 *
 * @throws InputError (field `rule`, `rule.name`, `rule.description`, `rule.taskTerm` or
 *   `rule.payoff`) when the rule is not an object, its name is not a word of letters, digits, `-`, `_`
 *   and `.` or is taken, its description is not a string, it gives neither or both of `taskTerm` and
 *   `payoff`, the one it gives is not a function, or it claims a built-in formula (`builtin`).
 * @example
 * import { registerPayoffRule, unregisterPayoffRule } from "modelmarket";
 * registerPayoffRule({
 *   name: "squared-winrate",
 *   description: "sum_t w_t pi_it^2",
 *   taskTerm: (c, i) => c.pi[i]! ** 2,
 * });
 * unregisterPayoffRule("squared-winrate");
 */
export function registerPayoffRule(rule: PayoffRule): void {
  if (typeof rule !== "object" || rule === null) throw new InputError(undefined, "rule", "must be an object");
  const { name, description, taskTerm, payoff } = rule;
  if (typeof name !== "string" || !RULE_NAME.test(name)) {
    throw new InputError(
      undefined,
      "rule.name",
      `must be a word of letters, digits, "-", "_" and "." (got ${JSON.stringify(name)})`,
    );
  }
  if (registry.has(name))
    throw new InputError(undefined, "rule.name", `payoff rule "${name}" is already registered`);
  if (typeof description !== "string")
    throw new InputError(undefined, "rule.description", "must be a string");
  if ((taskTerm === undefined) === (payoff === undefined)) {
    throw new InputError(
      undefined,
      "rule",
      `payoff rule "${name}" must give exactly one of taskTerm and payoff`,
    );
  }
  if (taskTerm !== undefined && typeof taskTerm !== "function")
    throw new InputError(undefined, "rule.taskTerm", "must be a function (column, i) => number");
  if (payoff !== undefined && typeof payoff !== "function")
    throw new InputError(undefined, "rule.payoff", "must be a function (market, i) => number");
  if (rule.builtin !== undefined)
    throw new InputError(undefined, "rule.builtin", "only the built-in rules carry a built-in formula");
  registry.set(name, rule);
}

/**
 * Removes a user-registered rule (removing a name that is not registered does nothing).
 *
 * @throws InputError (field `rule`) for a built-in rule, which cannot be removed.
 * @example
 * unregisterPayoffRule("squared-winrate");
 */
export function unregisterPayoffRule(name: string): void {
  if (BUILTIN_PAYOFF_RULES.some((r) => r.name === name))
    throw new InputError(undefined, "rule", `cannot remove built-in rule ${name}`);
  registry.delete(name);
}

/**
 * The rule registered under `name`.
 *
 * @throws InputError (naming `where`, default the field `rule`) for an unknown name, listing the known ones.
 * @example
 * payoffRule("weighted-winrate").description;
 */
export function payoffRule(name: string, where = "rule"): PayoffRule {
  const rule = registry.get(name) ?? (name.includes(":") ? familyRule(name, where) : undefined);
  if (rule === undefined) {
    throw new InputError(
      undefined,
      where,
      `unknown payoff rule "${name}" (known: ${payoffRuleNames().join(", ")}; families: ${ruleFamilyNames()
        .map((f) => `${f}:...`)
        .join(", ")})`,
    );
  }
  return rule;
}

/**
 * Names of all registered rules, built-ins first.
 *
 * @throws nothing.
 * @example
 * payoffRuleNames().slice(0, 2); // ["winrate", "pairwise-winrate"]
 */
export function payoffRuleNames(): string[] {
  return [...registry.keys()];
}

// ---------------------------------------------------------------------------------------------------
// Rule families: payoff rules with numeric parameters, named by a spec such as `power-winrate:alpha=2`
// (docs/model.md section 4b). Every instance is a payoff rule like the others, so every command and
// solver accepts the spec wherever it accepts a rule name.

/** A strict decimal number (the model layer reads no files, so it cannot use src/io's parser). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const families = new Map<string, RuleFamily>(FAMILIES.map((f) => [f.name, f]));
/** Instances made so far, by canonical name: the same spec gives the same rule object. */
const instances = new Map<string, PayoffRule>();

/**
 * Registers a family of payoff rules with numeric parameters; its instances are then accepted as
 * rules everywhere by the spec `NAME:p=v,...`.
 *
 * @throws InputError (field `family`, `family.name`, `family.parameters` or `family.make`) when the
 *   name is not a rule-name word, is taken by a family or a rule, a parameter has no name or an empty
 *   range, or `make` is not a function.
 * @example
 * import { registerRuleFamily, payoffRule, unregisterRuleFamily } from "modelmarket";
 * registerRuleFamily({
 *   name: "scaled-winrate",
 *   description: "sum_t b_t c pi_it",
 *   parameters: [{ name: "c", min: 0, max: 10 }],
 *   make: ({ c }) => ({ description: "c pi", taskTerm: (col, i) => c * col.pi[i] }),
 * });
 * payoffRule("scaled-winrate:c=2").name; // "scaled-winrate:c=2"
 * unregisterRuleFamily("scaled-winrate");
 */
export function registerRuleFamily(family: RuleFamily): void {
  if (typeof family !== "object" || family === null)
    throw new InputError(undefined, "family", "must be an object");
  if (typeof family.name !== "string" || !RULE_NAME.test(family.name))
    throw new InputError(
      undefined,
      "family.name",
      `must be a rule-name word, got ${JSON.stringify(family.name)}`,
    );
  if (families.has(family.name) || registry.has(family.name))
    throw new InputError(undefined, "family.name", `"${family.name}" is already a family or a rule`);
  if (!Array.isArray(family.parameters) || family.parameters.length === 0)
    throw new InputError(undefined, "family.parameters", "must list at least one parameter");
  for (const p of family.parameters) {
    if (typeof p.name !== "string" || !/^[A-Za-z][A-Za-z0-9_]*$/.test(p.name) || !(p.min <= p.max))
      throw new InputError(undefined, "family.parameters", `bad parameter ${JSON.stringify(p)}`);
  }
  if (typeof family.make !== "function") throw new InputError(undefined, "family.make", "must be a function");
  families.set(family.name, family);
}

/**
 * Removes a user-registered family and its instances (a name not registered does nothing).
 *
 * @throws InputError (field `family`) for a built-in family.
 * @example
 * unregisterRuleFamily("scaled-winrate");
 */
export function unregisterRuleFamily(name: string): void {
  if (FAMILIES.some((f) => f.name === name))
    throw new InputError(undefined, "family", `cannot remove built-in family ${name}`);
  families.delete(name);
  for (const key of [...instances.keys()]) if (key.startsWith(`${name}:`)) instances.delete(key);
}

/**
 * The family registered under `name`.
 *
 * @throws InputError (naming `where`) for an unknown family, listing the known ones.
 * @example
 * ruleFamily("power-winrate").parameters[0].name; // "alpha"
 */
export function ruleFamily(name: string, where = "family"): RuleFamily {
  const f = families.get(name);
  if (f === undefined)
    throw new InputError(
      undefined,
      where,
      `unknown rule family "${name}" (known: ${ruleFamilyNames().join(", ")})`,
    );
  return f;
}

/**
 * Names of the registered rule families, built-ins first.
 *
 * @throws nothing.
 * @example
 * ruleFamilyNames(); // ["power-winrate", "threshold-winrate", "mix"]
 */
export function ruleFamilyNames(): string[] {
  return [...families.keys()];
}

/**
 * The family member at the given parameters, named canonically (`power-winrate:alpha=0.5`, parameters
 * in the family's order); the same parameters give the same rule object.
 *
 * @throws InputError (naming `where`) for a missing, unknown or out-of-range parameter, or from the
 *   family's `make` (for `mix`: not two rules, an unknown rule).
 * @example
 * familyMember("power-winrate", { alpha: 1 }).name; // "power-winrate:alpha=1"
 */
export function familyMember(
  name: string,
  params: Readonly<Record<string, number>>,
  text: Readonly<Record<string, string>> = {},
  where = "rule",
): PayoffRule {
  const f = ruleFamily(name, where);
  const parts: string[] = [];
  const values: Record<string, number> = {};
  for (const p of f.parameters) {
    const x = params[p.name];
    if (x === undefined) throw new InputError(undefined, where, `${name} needs ${p.name}=...`);
    if (!(Number.isFinite(x) && x >= p.min && x <= p.max))
      throw new InputError(undefined, where, `${name}: ${p.name} must be in [${p.min}, ${p.max}], got ${x}`);
    values[p.name] = x;
    parts.push(`${p.name}=${x}`);
  }
  const texts: Record<string, string> = {};
  for (const k of f.textParameters ?? []) {
    const x = text[k];
    if (x === undefined) throw new InputError(undefined, where, `${name} needs ${k}=...`);
    texts[k] = x;
    parts.push(`${k}=${x}`);
  }
  const known = [...f.parameters.map((p) => p.name), ...(f.textParameters ?? [])];
  const extra = [...Object.keys(params), ...Object.keys(text)].find((k) => !known.includes(k));
  if (extra !== undefined)
    throw new InputError(
      undefined,
      where,
      `${name} has no parameter "${extra}" (it has ${known.join(", ")})`,
    );
  const key = `${name}:${parts.join(",")}`;
  const cached = instances.get(key);
  if (cached !== undefined) return cached;
  const made = f.make(values, texts, (r) => payoffRule(r, where));
  if ((made.taskTerm === undefined) === (made.payoff === undefined))
    throw new InputError(undefined, where, `family ${name} must make exactly one of taskTerm and payoff`);
  const rule: PayoffRule = { ...made, name: key, family: { name, params: values, text: texts } };
  instances.set(key, rule);
  return rule;
}

/** Parses `NAME:p=v,q=w` into a family member (`undefined` when NAME is no family). */
function familyRule(spec: string, where: string): PayoffRule | undefined {
  const colon = spec.indexOf(":");
  const name = spec.slice(0, colon);
  if (!families.has(name)) return undefined;
  const f = families.get(name)!;
  const params: Record<string, number> = {};
  const text: Record<string, string> = {};
  for (const part of spec.slice(colon + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new InputError(undefined, where, `${name}: expected p=value, got "${part}"`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key in params || key in text) throw new InputError(undefined, where, `${name}: ${key} given twice`);
    if ((f.textParameters ?? []).includes(key)) {
      text[key] = value;
      continue;
    }
    if (!DECIMAL.test(value))
      throw new InputError(undefined, where, `${name}: ${key} must be a decimal number, got "${value}"`);
    params[key] = Number(value);
  }
  return familyMember(name, params, text, where);
}
