/**
 * The study's inputs, read and checked once: the score table as a market (normalised, weighted,
 * validated by `scoreTableMarket`), the payoff rules compared, and the arrays every part of the study
 * indexes (names, qualities, the flat producer-major quality buffer).
 */
import { InputError } from "../src/errors.js";
import type { ScoreTable } from "../src/io/scoreTable.js";
import { scoreTableMarket } from "../src/io/scoreTable.js";
import { BUILTIN_PAYOFF_RULES, type PayoffRule, payoffRule } from "../src/model/payoffs.js";
import type { Market, SelectionRule, Task } from "../src/model/types.js";
import type { EmpiricalOptions } from "./study-types.js";

const ANCHOR_RULES = ["winrate", "weighted-winrate", "average-score"];

/**
 * Resolves the study's payoff rules: the given ones (default the six built-ins) plus the anchors
 * `winrate`, `weighted-winrate` and `average-score`, each once, separable only.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * studyRules(["marginal-contribution"]).map((r) => r.name); // ["marginal-contribution", "winrate", "weighted-winrate", "average-score"]
 */
export function studyRules(rules?: readonly (string | PayoffRule)[]): PayoffRule[] {
  const list = (rules ?? BUILTIN_PAYOFF_RULES).map((r) =>
    typeof r === "string" ? payoffRule(r, "rules") : r,
  );
  for (const name of ANCHOR_RULES) if (!list.some((r) => r.name === name)) list.push(payoffRule(name));
  const out: PayoffRule[] = [];
  for (const r of list) {
    if (out.some((o) => o.name === r.name)) continue;
    if (r.taskTerm === undefined)
      throw new InputError(
        undefined,
        "rules",
        `rule ${r.name} is not task-separable; the study needs taskTerm`,
      );
    out.push(r);
  }
  return out;
}

/**
 * Flat, producer-major qualities `q[i * T + t]` of `qualities[i][t]`, with room for `extra` more rows.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * flatQualities([[1, 0], [0, 1]]); // Float64Array [1, 0, 0, 1]
 */
export function flatQualities(qualities: readonly (readonly number[])[], extra = 0): Float64Array {
  const n = qualities.length;
  const T = n === 0 ? 0 : qualities[0]!.length;
  const q = new Float64Array((n + extra) * T);
  qualities.forEach((row, i) => {
    for (let t = 0; t < T; t++) q[i * T + t] = row[t]!;
  });
  return q;
}

/**
 * A record keyed by `names` in their order (the report's records keep a fixed key order):
 * `{ [names[r]]: f(names[r], r) }`.
 *
 * @throws nothing itself (whatever `f` throws)
 * @example
 * byName(["a", "b"], (_, r) => r); // { a: 0, b: 1 }
 */
export function byName<V>(names: readonly string[], f: (name: string, r: number) => V): Record<string, V> {
  const out: Record<string, V> = {};
  names.forEach((name, r) => {
    out[name] = f(name, r);
  });
  return out;
}

/** Everything the parts of the study share, computed once from the table and the options. */
export interface StudyContext {
  table: ScoreTable;
  /** The table as a market at the main selection rule. */
  market: Market;
  selection: SelectionRule;
  rules: PayoffRule[];
  ruleNames: string[];
  tasks: Task[];
  /** Task caps `v_t`. */
  caps: number[];
  T: number;
  /** Number of models. */
  n: number;
  names: string[];
  /** `qualities[i][t]`, normalised. */
  qualities: number[][];
  /** `flatQualities(qualities, 1)`: one spare row for an entrant. */
  q: Float64Array;
  /** Indices in `rules` of winrate, weighted winrate and average score. */
  WR: number;
  WWR: number;
  AVG: number;
}

/**
 * Reads the table and the options into the study's context: the market first (it validates weights
 * and normalisation), then the rules.
 *
 * @throws InputError when the table, weights, normalisation or rules are invalid (the error names the field)
 * @example
 * studyContext(table, { selection: { rule: "logit", beta: 20 } }).ruleNames; // the six built-ins
 */
export function studyContext(table: ScoreTable, opts: EmpiricalOptions): StudyContext {
  const market = scoreTableMarket(table, {
    selection: opts.selection,
    ...(opts.normalization === undefined ? {} : { normalization: opts.normalization }),
    ...(opts.weights === undefined ? {} : { weights: opts.weights }),
    ...(opts.file === undefined ? {} : { file: opts.file }),
  });
  const rules = studyRules(opts.rules);
  const ruleNames = rules.map((r) => r.name);
  const qualities = market.producers.map((p) => p.quality);
  return {
    table,
    market,
    selection: opts.selection,
    rules,
    ruleNames,
    tasks: market.tasks,
    caps: market.tasks.map((t) => t.cap),
    T: market.tasks.length,
    n: market.producers.length,
    names: market.producers.map((p) => p.name),
    qualities,
    q: flatQualities(qualities, 1),
    WR: ruleNames.indexOf("winrate"),
    WWR: ruleNames.indexOf("weighted-winrate"),
    AVG: ruleNames.indexOf("average-score"),
  };
}
