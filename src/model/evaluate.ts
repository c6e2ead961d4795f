/**
 * Evaluating a market: consumer welfare with its reference points (docs/model.md section 3), every payoff
 * rule for every producer (section 4) and the diversity measures (section 6).
 */

import { InputError } from "../errors.js";
import { ColumnState } from "./column.js";
import { type Diversity, diversity } from "./diversity.js";
import {
  BUILTIN_PAYOFF_RULES,
  type BuiltinTerm,
  type PayoffRule,
  payoffRule,
  payoffWeight,
} from "./payoffs.js";
import type { Market, SelectionRule, Task } from "./types.js";

/**
 * A reusable, allocation-free evaluator for markets with fixed tasks and selection rule: the hot path
 * of the solvers and the checker. Qualities are passed flat, producer-major: `q[i * T + t]`.
 *
 * @example
 * const ev = new MarketEvaluator(market.tasks, market.selection);
 * ev.run(new Float64Array([0.9, 0.1, 0.2, 0.8]), 2);
 * ev.welfare;                    // U
 * ev.payoff(0, 1);               // rule 0 (winrate) of producer 1
 */
export class MarketEvaluator {
  readonly tasks: readonly Task[];
  readonly rules: readonly PayoffRule[];
  /** `U = sum_t w_t U_t` of the last run. */
  welfare = 0;
  /** `U_t` per task. */
  readonly welfarePerTask: Float64Array;
  /** Choice probabilities, `choice[i * T + t]`. */
  choice: Float64Array = new Float64Array(0);
  /** Payoffs, `payoffs[r * n + i]` for rule `r` of `rules`. */
  payoffs: Float64Array = new Float64Array(0);
  private readonly column: ColumnState;
  private readonly terms: readonly (BuiltinTerm | undefined)[];
  private colBuf: Float64Array = new Float64Array(0);
  private n = 0;

  /**
   * @throws InputError (field `rules`) when a rule is not separable (has no `taskTerm`).
   */
  constructor(
    tasks: readonly Task[],
    selection: SelectionRule,
    rules: readonly PayoffRule[] = BUILTIN_PAYOFF_RULES,
  ) {
    for (const r of rules) {
      if (r.taskTerm === undefined)
        throw new InputError(undefined, "rules", `MarketEvaluator needs separable rules; ${r.name} is not`);
    }
    this.tasks = tasks;
    this.rules = rules;
    this.terms = rules.map((r) => r.builtin);
    this.welfarePerTask = new Float64Array(tasks.length);
    this.column = new ColumnState(selection);
  }

  /**
   * Evaluates the market with `n` producers of flat qualities `q`.
   *
   * @throws nothing for valid inputs of the declared types
   */
  run(q: ArrayLike<number>, n: number): void {
    const T = this.tasks.length;
    const R = this.rules.length;
    if (this.n !== n || this.choice.length !== n * T) {
      this.n = n;
      this.choice = new Float64Array(n * T);
      this.payoffs = new Float64Array(R * n);
      this.colBuf = new Float64Array(n);
    } else {
      this.payoffs.fill(0);
    }
    const col = this.column;
    let u = 0;
    for (let t = 0; t < T; t++) {
      const task = this.tasks[t]!;
      for (let i = 0; i < n; i++) this.colBuf[i] = q[i * T + t]!;
      col.load(this.colBuf, n, task.cap);
      this.welfarePerTask[t] = col.welfare;
      u += task.weight * col.welfare;
      for (let i = 0; i < n; i++) this.choice[i * T + t] = col.pi[i]!;
      // producers are paid under the benchmark weights b (default w); welfare above uses w
      const w = payoffWeight(task);
      if (w === 0) continue;
      const P = this.payoffs;
      const pi = col.pi;
      const qc = col.q;
      for (let r = 0; r < R; r++) {
        const base = r * n;
        // built-in rules from their formula (one loop per rule, the costly pieces once per column);
        // user rules through their taskTerm
        const term = this.terms[r];
        if (term === undefined) {
          const taskTerm = this.rules[r]!.taskTerm!;
          for (let i = 0; i < n; i++) P[base + i] = P[base + i]! + w * taskTerm(col, i);
          continue;
        }
        const m = term.reads === "pairwise" ? col.pairwiseMeans() : undefined;
        const without = term.reads === "without" ? col.welfareWithoutAll() : undefined;
        const U = col.welfare;
        const combine = term.combine;
        for (let i = 0; i < n; i++) {
          const value = combine(
            pi[i]!,
            qc[i]!,
            m === undefined ? 0 : m[i]!,
            U,
            without === undefined ? 0 : without[i]!,
          );
          P[base + i] = P[base + i]! + w * value;
        }
      }
    }
    this.welfare = u;
  }

  /**
   * Payoff of producer `i` under rule index `r` from the last run.
   *
   * @throws nothing for valid inputs of the declared types
   */
  payoff(r: number, i: number): number {
    return this.payoffs[r * this.n + i]!;
  }
}

/** Consumer welfare with its two reference points. */
export interface Welfare {
  /** `U = sum_t w_t sum_i pi_it q_it`: expected quality of the answer the consumer uses. */
  U: number;
  /** `U_perfect = sum_t w_t max_i q_it`: welfare under perfect aggregation. */
  perfect: number;
  /** `U_single = max_i sum_t w_t q_it`: committing to the single best model. */
  single: number;
  /** The producer attaining `U_single` (the first, on ties). */
  singleBest: string;
  /** `U_t` per task. */
  perTask: number[];
}

/** Everything `modelmarket evaluate` reports. */
export interface MarketEvaluation {
  selection: SelectionRule;
  tasks: Task[];
  welfare: Welfare;
  producers: Array<{
    name: string;
    quality: number[];
    /** Choice probability per task. */
    choice: number[];
    /** Payoff under each rule, keyed by rule name. */
    payoffs: Record<string, number>;
  }>;
  diversity: Diversity;
}

/**
 * Evaluates a market under its selection rule: welfare `U` with `U_perfect` and `U_single`, every
 * producer's payoff under each rule (the six built-ins unless `rules` names others) and diversity.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const ev = evaluate(market);
 * ev.welfare.U;
 * ev.producers[0].payoffs["weighted-winrate"];
 */
export function evaluate(
  market: Market,
  rules: readonly (string | PayoffRule)[] = BUILTIN_PAYOFF_RULES,
): MarketEvaluation {
  const resolved = rules.map((r) => (typeof r === "string" ? payoffRule(r) : r));
  const separable = resolved.filter((r) => r.taskTerm !== undefined);
  const n = market.producers.length;
  const T = market.tasks.length;
  const q = new Float64Array(n * T);
  market.producers.forEach((p, i) => {
    for (let t = 0; t < T; t++) q[i * T + t] = p.quality[t]!;
  });
  const ev = new MarketEvaluator(market.tasks, market.selection, separable);
  ev.run(q, n);
  const producers = market.producers.map((p, i) => {
    const payoffs: Record<string, number> = {};
    for (const rule of resolved) {
      const r = separable.indexOf(rule);
      payoffs[rule.name] = r >= 0 ? ev.payoff(r, i) : rule.payoff!(market, i);
    }
    return {
      name: p.name,
      quality: p.quality.slice(),
      choice: Array.from(ev.choice.subarray(i * T, (i + 1) * T)),
      payoffs,
    };
  });
  return {
    selection: market.selection,
    tasks: market.tasks.map((t) => ({ ...t })),
    welfare: {
      U: ev.welfare,
      ...referenceWelfare(market),
      perTask: Array.from(ev.welfarePerTask),
    },
    producers,
    diversity: diversity(
      market.producers.map((p) => p.quality),
      market.tasks.map((t) => t.cap),
    ),
  };
}

/**
 * `U_perfect = sum_t w_t max_i q_it` and `U_single = max_i sum_t w_t q_it` (with its producer).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * referenceWelfare(market).perfect;
 */
export function referenceWelfare(market: Market): { perfect: number; single: number; singleBest: string } {
  let perfect = 0;
  market.tasks.forEach((task, t) => {
    let max = 0;
    for (const p of market.producers) max = Math.max(max, p.quality[t]!);
    perfect += task.weight * max;
  });
  let single = Number.NEGATIVE_INFINITY;
  let singleBest = "";
  for (const p of market.producers) {
    let s = 0;
    market.tasks.forEach((task, t) => {
      s += task.weight * p.quality[t]!;
    });
    if (s > single) {
      single = s;
      singleBest = p.name;
    }
  }
  if (market.producers.length === 0) single = 0;
  return { perfect, single, singleBest };
}

/**
 * Consumer welfare `U` of a market alone (cheaper than `evaluate`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * consumerWelfare(market); // e.g. 0.71
 */
export function consumerWelfare(market: Market): number {
  const col = new ColumnState(market.selection);
  const n = market.producers.length;
  const buf = new Float64Array(n);
  let u = 0;
  market.tasks.forEach((task, t) => {
    for (let i = 0; i < n; i++) buf[i] = market.producers[i]!.quality[t]!;
    col.load(buf, n, task.cap);
    u += task.weight * col.welfare;
  });
  return u;
}
