/**
 * Shared machinery of the best-response solvers: a per-task evaluator of one producer's payoff term
 * with every other producer fixed, the tolerance scale, and what is known about each built-in rule's
 * dependence on the producer's own quality (monotone, or Lipschitz with a stated constant), which the
 * continuous-budget certificate needs.
 */
import { InputError } from "../../src/errors.js";
import { ColumnState } from "../../src/model/column.js";
import {
  averageScore,
  type BuiltinTerm,
  columnTerm,
  marginalContribution,
  type PayoffRule,
  pairwiseWinrate,
  payoffRule,
  payoffWeight,
  WELFARE_TERM,
  weightedPairwiseWinrate,
  weightedWinrate,
  winrate,
} from "../../src/model/payoffs.js";
import type { Market, SelectionRule } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { type IncrementalTerm, LogitOthers, ThresholdOthers } from "./incremental.js";
import { ProbitOthers } from "./incremental-probit.js";
import type { RuleLike } from "./types.js";

/**
 * The consumer-welfare objective as a separable rule: `U = sum_t w_t U_t`. When one producer changes
 * its strategy only its own entries of each column move, so `U` is a sum of per-task terms and the
 * best-response machinery maximises it unchanged (`welfareOptimalResponse`).
 */
export const WELFARE_OBJECTIVE: PayoffRule = {
  name: "welfare",
  description: "U = sum_t w_t sum_i pi_it q_it (consumer welfare)",
  builtin: WELFARE_TERM,
  taskTerm: (c, i) => columnTerm(WELFARE_TERM, c, i),
};

/**
 * Resolves a rule name (through the registry, `InputError` for unknown names) or passes a rule.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 */
export function resolveRule(rule: RuleLike, where = "rule"): PayoffRule {
  if (typeof rule !== "string") return rule;
  if (rule === WELFARE_OBJECTIVE.name) return WELFARE_OBJECTIVE;
  return payoffRule(rule, where);
}

/**
 * Payoff scale of a market: `max(1, max_t v_t)` (winrates are probabilities; quality terms scale with caps).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function payoffScale(market: Market): number {
  let s = 1;
  for (const t of market.tasks) s = Math.max(s, t.cap);
  return s;
}

/**
 * The absolute tolerance `relative x payoffScale(market)`.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function absoluteTolerance(market: Market, relative = RELATIVE_TOLERANCE): number {
  return relative * payoffScale(market);
}

/** Options of `TaskValuer`. */
export interface TaskValuerOptions {
  /**
   * Use the incremental evaluators (incremental.ts) for the built-in rules under every selection rule
   * (default `true`). `false` reloads the whole column on every call, as for user rules: the reference
   * the incremental path is tested against.
   */
  incremental?: boolean;
}

/** The formula the incremental evaluators use: the rule's built-in term, `undefined` for user rules. */
function termCode(rule: PayoffRule): BuiltinTerm | undefined {
  return rule.builtin;
}

/**
 * Evaluates producer `slot`'s weighted payoff term `w_t term_t(q)` on task `t` for any own quality `q`,
 * with the other producers' qualities fixed. After `value(t, q)`, `lastWelfare` holds `w_t U_t` of the
 * same column.
 *
 * For the built-in rules (and the welfare objective), the other producers' statistics are computed
 * once per task at construction and each call costs `O(1)` in `n`:
 * under logit, with `M = max_{j != i} q_j`, `S0 = sum_{j != i} exp(beta (q_j - M))`,
 * `S1 = sum_{j != i} q_j exp(beta (q_j - M))` and `a = exp(beta (q - M))`,
 * `pi_i = a / (S0 + a)`, `U_t = (S1 + a q) / (S0 + a)` and `U_{-i} = S1 / S0`; under probit, with
 * `b = q / sigma` and the others' `G(u) = prod_{j != i} Phi(u - a_j)` and
 * `H(u) = sum_{j != i} q_j phi(u - a_j) prod_{l != i,j} Phi(u - a_l)` tabulated on a fixed quadrature
 * grid, `pi_i = integral phi(u - b) G(u) du` and `U_t = q pi_i + integral H(u) Phi(u - b) du` (one `exp`
 * and one `Phi` per node near `b`, at most a few hundred nodes) (incremental.ts; the pairwise rules cost
 * `O(n)` divisions under logit, `O(log n)` under perfect and epsilon, and `O(log n)` plus one `Phi` per
 * other within `46 sigma sqrt 2` of `q` under probit). Otherwise (user rules, or `incremental: false`)
 * one `ColumnState` is reloaded per call, `O(n)` (under probit `O(n)` per quadrature node).
 * Nothing is allocated per call either way.
 *
 * @example
 * const tv = new TaskValuer(market, 0, winrate);
 * tv.value(2, 0.8); // w_2 * pi_{0,2} when producer 0 has quality 0.8 on task 2
 * tv.lastWelfare;   // w_2 * U_2 of that column
 */
export class TaskValuer {
  readonly T: number;
  readonly n: number;
  readonly slot: number;
  readonly caps: Float64Array;
  /** Weights of the payoff terms: the benchmark weights `b` (consumer weights `w` for the welfare objective). */
  readonly weights: Float64Array;
  /** Consumer weights `w` (what `lastWelfare` is weighted by). */
  readonly welfareWeights: Float64Array;
  /** `lastWelfare`: `w_t U_t` of the column last evaluated. */
  lastWelfare = 0;
  /** Whether calls take the incremental path (see the class comment). */
  readonly incremental: boolean;
  /** The generic path's column (created only when there is no incremental evaluator). */
  private readonly column: ColumnState | undefined;
  private readonly cols: Float64Array;
  private readonly term: (c: ColumnState, i: number) => number;
  private readonly fast: IncrementalTerm | undefined;

  /**
   * `slot` is the responding producer's index in `market.producers` (its own quality is ignored).
   *
   * @throws InputError when an argument is invalid (the error names the field and the value)
   */
  constructor(market: Market, slot: number, rule: PayoffRule, opts: TaskValuerOptions = {}) {
    if (rule.taskTerm === undefined)
      throw new InputError(undefined, "rule", `TaskValuer needs a separable rule; ${rule.name} is not`);
    this.term = rule.taskTerm;
    this.T = market.tasks.length;
    this.n = market.producers.length;
    this.slot = slot;
    this.caps = Float64Array.from(market.tasks, (t) => t.cap);
    this.welfareWeights = Float64Array.from(market.tasks, (t) => t.weight);
    // producers are paid under the benchmark weights; the welfare objective is always under w
    this.weights =
      rule === WELFARE_OBJECTIVE ? this.welfareWeights : Float64Array.from(market.tasks, payoffWeight);
    this.cols = new Float64Array(this.T * this.n);
    for (let t = 0; t < this.T; t++) {
      for (let i = 0; i < this.n; i++) this.cols[t * this.n + i] = market.producers[i]!.quality[t]!;
    }
    this.fast = opts.incremental === false ? undefined : this.incrementalTerm(market.selection, rule);
    this.incremental = this.fast !== undefined;
    this.column = this.fast === undefined ? new ColumnState(market.selection) : undefined;
  }

  /**
   * `w_t term_t` with the producer's quality on task `t` set to `q` (also sets `lastWelfare`).
   *
   * @throws nothing for valid inputs of the declared types
   */
  value(t: number, q: number): number {
    const w = this.weights[t]!;
    const fast = this.fast;
    if (fast !== undefined) {
      const term = fast.term(t, q);
      this.lastWelfare = this.welfareWeights[t]! * fast.welfare;
      return w === 0 ? 0 : w * term;
    }
    const n = this.n;
    const off = t * n;
    const column = this.column!;
    this.cols[off + this.slot] = q;
    column.load(this.cols.subarray(off, off + n), n, this.caps[t]!);
    this.lastWelfare = this.welfareWeights[t]! * column.welfare;
    return w === 0 ? 0 : w * this.term(column, this.slot);
  }

  /** The incremental evaluator of this rule and selection, `undefined` when there is none. */
  private incrementalTerm(selection: SelectionRule, rule: PayoffRule): IncrementalTerm | undefined {
    const code = termCode(rule);
    if (code === undefined) return undefined;
    // the other producers' qualities, task-major, in market order without the slot
    const m = this.n - 1;
    const others = new Float64Array(this.T * m);
    for (let t = 0; t < this.T; t++) {
      let k = 0;
      for (let i = 0; i < this.n; i++) if (i !== this.slot) others[t * m + k++] = this.cols[t * this.n + i]!;
    }
    switch (selection.rule) {
      case "logit":
        return new LogitOthers(others, this.T, m, selection.beta, code);
      case "epsilon":
        return new ThresholdOthers(others, this.caps, this.T, m, selection.eps, code);
      case "perfect":
        return new ThresholdOthers(others, this.caps, this.T, m, null, code);
      case "probit":
        return new ProbitOthers(others, this.T, m, selection.sigma, code);
    }
  }
}

/** How a per-task payoff term depends on the producer's own quality `q` on that task. */
export type OwnQualityBehaviour =
  | { kind: "monotone" }
  | { kind: "quasiconvex" }
  | { kind: "lipschitz"; constant: number; reason: string }
  | { kind: "unknown" };

/**
 * What is known, rigorously, about `term_t` as a function of the producer's own quality `q` on a task
 * with cap `cap` and `n` producers in the column:
 *
 * - `winrate`, `pairwise-winrate`, `weighted-winrate`, `weighted-pairwise-winrate`, `average-score` are
 *   nondecreasing in `q` under every selection rule (`pi_i` and `P(i beats j)` are nondecreasing in
 *   `q_i`; products of nonnegative nondecreasing functions are nondecreasing).
 * - `welfare` and `marginal-contribution` (which is `U_t` minus a term free of `q_i`) are nondecreasing
 *   under `perfect` (`U_t = max_j q_j`) and `epsilon` (`(1-eps) max + eps mean`). Under `logit` they are
 *   quasi-convex in `q` (decreasing, then increasing): `dU_t/dq = pi (1 + beta (q - U_t))` changes sign
 *   only where `q - U_t = -1/beta`, and there `d(q - U_t)/dq = 1 - dU_t/dq = 1 > 0`, so `q - U_t` crosses
 *   `-1/beta` at most once and upwards; the sup over an interval is at an endpoint. Under `probit` they
 *   are not monotone (docs/model.md C4) but Lipschitz:
 *   `dU_t/dq_i = pi_i + sum_j (q_j - v/2) dpi_j/dq_i` (because `sum_j dpi_j/dq_i = 0`), and
 *   `sum_j |dpi_j/dq_i| = 2 dpi_i/dq_i` (own derivative >= 0, cross derivatives <= 0), so
 *   `|dU_t/dq_i| <= 1 + v D` with `D = sup dpi_i/dq_i <= (n-1) / (2 sigma sqrt(pi))` (each of the
 *   `n-1` pairwise boundaries contributes at most the density of `sigma (Z_j - Z_i)` at its mode,
 *   `1 / (sigma sqrt 2 sqrt(2 pi))`).
 * - User rules: unknown (no certificate).
 * @throws nothing for valid inputs of the declared types
 */
export function ownQualityBehaviour(
  rule: PayoffRule,
  selection: SelectionRule,
  n: number,
  cap: number,
): OwnQualityBehaviour {
  const monotoneRules: PayoffRule[] = [
    winrate,
    pairwiseWinrate,
    weightedWinrate,
    weightedPairwiseWinrate,
    averageScore,
  ];
  if (monotoneRules.includes(rule)) return { kind: "monotone" };
  if (rule === WELFARE_OBJECTIVE || rule === marginalContribution) {
    switch (selection.rule) {
      case "perfect":
      case "epsilon":
        return { kind: "monotone" };
      case "logit":
        return { kind: "quasiconvex" };
      case "probit": {
        const d = Math.max(n - 1, 0) / (2 * selection.sigma * Math.sqrt(Math.PI));
        return { kind: "lipschitz", constant: 1 + cap * d, reason: "1 + v (n-1)/(2 sigma sqrt(pi))" };
      }
    }
  }
  return { kind: "unknown" };
}
