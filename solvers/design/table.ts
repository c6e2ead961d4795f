/**
 * The finite response table of an entry or replacement question: every strategy of the responding
 * producer's finite space, with the pieces of each task's column that the rule families read
 * (the responder's choice probability `pi_t` and quality ratio `q_t / v_t`), its unweighted payoff
 * terms under any separable rule, and the consumer welfare `U` (under the consumer weights `w`) that
 * follows. With the other producers fixed, a rule's payoff of strategy `s` is
 * `sum_t b_t term_t(s)`: linear in the benchmark weights `b`, and in the parameters of the families
 * as docs/design.md explains.
 */
import { InputError } from "../../src/errors.js";
import { DEFAULT_MAX_STRATEGIES } from "../../src/limits.js";
import { ColumnState } from "../../src/model/column.js";
import { type PayoffRule, payoffWeight } from "../../src/model/payoffs.js";
import { enumerateQualities, spaceSize } from "../../src/model/strategies.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { checkWorkLimit } from "../../src/work.js";
import { withEntrant } from "../bestResponse/index.js";
import type { CompareQuestion } from "../compare/index.js";
import { producerIndex } from "../replace.js";

export { DEFAULT_MAX_STRATEGIES };

/** Every strategy of the responder, with what the design solvers read. */
export interface ResponseTable {
  /** The market the responder plays in (for entry: with the entrant appended). */
  readonly market: Market;
  /** The responder's index in `market.producers`. */
  readonly slot: number;
  readonly space: StrategySpace;
  /** Number of strategies `S` and tasks `T`. */
  readonly S: number;
  readonly T: number;
  /** Readable strategy labels (`{t1,t3}` for top-k, else the quality vector), as compare labels them. */
  readonly labels: string[];
  readonly qualities: number[][];
  /** `U` under the consumer weights with strategy `s`. */
  readonly welfare: Float64Array;
  /** `pi[s * T + t]`: the responder's choice probability on task `t`. */
  readonly pi: Float64Array;
  /** `ratio[s * T + t] = q_t / v_t`. */
  readonly ratio: Float64Array;
  /** Payoff weights `b_t` (benchmark weights, default `w`). */
  readonly b: Float64Array;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(10)));
}

/**
 * The response table of an entry or replacement question with a finite strategy space.
 *
 * @throws InputError for other questions, a continuous or fixed space, an unknown producer, or a space
 *   above `maxStrategies` (a `WorkLimitError`).
 * @example
 * const tab = responseTable(market, { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } });
 * tab.labels; // ["{t1}", "{t2}"]
 */
export function responseTable(
  market: Market,
  question: CompareQuestion,
  maxStrategies = DEFAULT_MAX_STRATEGIES,
): ResponseTable {
  let m: Market;
  let slot: number;
  let space: StrategySpace;
  if (question.kind === "entry") {
    m = withEntrant(market, question.entrant);
    slot = m.producers.length - 1;
    space = question.entrant.space;
  } else if (question.kind === "replace") {
    m = market;
    slot = producerIndex(market, question.producer, "replace");
    space = question.space ?? market.producers[slot]!.space;
  } else {
    throw new InputError(
      undefined,
      "question",
      `the response table needs entry or replacement, not ${question.kind}`,
    );
  }
  requireFiniteSpace(space, "the exact design");
  const T = m.tasks.length;
  checkWorkLimit("maxStrategies", spaceSize(space, T), maxStrategies, "strategies of the responder");
  const qualities = enumerateQualities(space, m.tasks, maxStrategies);
  const S = qualities.length;
  const labels = qualities.map((q) => strategyText(space, q, m));
  const pi = new Float64Array(S * T);
  const ratio = new Float64Array(S * T);
  const welfare = new Float64Array(S);
  const n = m.producers.length;
  const col = new ColumnState(m.selection);
  const buf = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    const task = m.tasks[t]!;
    for (let i = 0; i < n; i++) buf[i] = m.producers[i]!.quality[t]!;
    // strategies share few distinct qualities per task: each column is loaded once per value
    const cache = new Map<number, [number, number]>();
    for (let s = 0; s < S; s++) {
      const q = qualities[s]![t]!;
      let hit = cache.get(q);
      if (hit === undefined) {
        buf[slot] = q;
        col.load(buf, n, task.cap);
        hit = [col.pi[slot]!, col.welfare];
        cache.set(q, hit);
      }
      pi[s * T + t] = hit[0];
      ratio[s * T + t] = q / task.cap;
      welfare[s] = welfare[s]! + task.weight * hit[1];
    }
  }
  const b = Float64Array.from(m.tasks, payoffWeight);
  return { market: m, slot, space, S, T, labels, qualities, welfare, pi, ratio, b };
}

/**
 * A strategy's label as compare's question layer writes it: `{t1,t3}` for top-k, else the quality vector.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function strategyText(space: StrategySpace, q: readonly number[], m: Market): string {
  if (space.kind === "top-k") return `{${q.flatMap((x, t) => (x > 0 ? [m.tasks[t]!.name] : [])).join(",")}}`;
  // the labels of compare's question layer, so that keys agree with `ruleChoice`
  return `(${q.map(fmt).join(",")})`;
}

/**
 * The task term of a separable rule: a payoff linear in the benchmark weights `b`.
 *
 * @throws InputError for a rule without `taskTerm`.
 */
export function separableTerm(rule: PayoffRule): NonNullable<PayoffRule["taskTerm"]> {
  const term = rule.taskTerm;
  if (term === undefined)
    throw new InputError(
      undefined,
      "rule",
      `${rule.name} is not task-separable: its payoff is not linear in b`,
    );
  return term;
}

/**
 * Unweighted per-task terms `term_t(s)` of a separable rule, `out[s * T + t]`.
 *
 * @throws InputError for a rule without `taskTerm`.
 */
export function tableTerms(tab: ResponseTable, rule: PayoffRule): Float64Array {
  const term = separableTerm(rule);
  const { market: m, slot, S, T } = tab;
  const n = m.producers.length;
  const out = new Float64Array(S * T);
  const col = new ColumnState(m.selection);
  const buf = new Float64Array(n);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) buf[i] = m.producers[i]!.quality[t]!;
    const cache = new Map<number, number>();
    for (let s = 0; s < S; s++) {
      const q = tab.qualities[s]![t]!;
      let v = cache.get(q);
      if (v === undefined) {
        buf[slot] = q;
        col.load(buf, n, m.tasks[t]!.cap);
        v = term(col, slot);
        cache.set(q, v);
      }
      out[s * T + t] = v;
    }
  }
  return out;
}

/**
 * Payoffs of every strategy under `rule` and the table's payoff weights (separable rules summed over
 * tasks, other rules through their `payoff` on the market with the strategy in place).
 *
 * @throws InputError from the rule.
 */
export function tablePayoffs(tab: ResponseTable, rule: PayoffRule): Float64Array {
  const out = new Float64Array(tab.S);
  if (rule.taskTerm !== undefined) {
    const terms = tableTerms(tab, rule);
    for (let s = 0; s < tab.S; s++) {
      let v = 0;
      for (let t = 0; t < tab.T; t++) v += tab.b[t]! * terms[s * tab.T + t]!;
      out[s] = v;
    }
    return out;
  }
  for (let s = 0; s < tab.S; s++) {
    const producers = tab.market.producers.map((p, i) =>
      i === tab.slot ? { ...p, quality: tab.qualities[s]!.slice() } : p,
    );
    out[s] = rule.payoff!({ ...tab.market, producers }, tab.slot);
  }
  return out;
}

/**
 * Refuses a space that is not finite (`fixed`, `budget`): the exact and the weight designs enumerate
 * the responder's strategies.
 *
 * @throws InputError naming `space`
 */
export function requireFiniteSpace(space: StrategySpace, design: string): void {
  if (space.kind === "fixed" || space.kind === "budget")
    throw new InputError(
      undefined,
      "space",
      `${design} needs a finite space (menu, top-k, grid), got ${space.kind}`,
    );
}
