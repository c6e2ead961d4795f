/**
 * Shared machinery of the best-response solvers: a per-task evaluator of one producer's payoff term
 * with every other producer fixed, the tolerance scale, and what is known about each built-in rule's
 * dependence on the producer's own quality (monotone, or Lipschitz with a stated constant), which the
 * continuous-budget certificate needs.
 */
import { ColumnState } from "../../src/model/column.js";
import {
  averageScore,
  marginalContribution,
  type PayoffRule,
  pairwiseWinrate,
  payoffRule,
  weightedPairwiseWinrate,
  weightedWinrate,
  winrate,
} from "../../src/model/payoffs.js";
import type { Market, SelectionRule } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import type { RuleLike } from "./types.js";

/**
 * The consumer-welfare objective as a separable rule: `U = sum_t w_t U_t`. When one producer changes
 * its strategy only its own entries of each column move, so `U` is a sum of per-task terms and the
 * best-response machinery maximises it unchanged (`welfareOptimalResponse`).
 */
export const WELFARE_OBJECTIVE: PayoffRule = {
  name: "welfare",
  description: "U = sum_t w_t sum_i pi_it q_it (consumer welfare)",
  taskTerm: (c) => c.welfare,
};

/** Resolves a rule name (through the registry, `InputError` for unknown names) or passes a rule. */
export function resolveRule(rule: RuleLike, where = "rule"): PayoffRule {
  if (typeof rule !== "string") return rule;
  if (rule === WELFARE_OBJECTIVE.name) return WELFARE_OBJECTIVE;
  return payoffRule(rule, where);
}

/** Payoff scale of a market: `max(1, max_t v_t)` (winrates are probabilities; quality terms scale with caps). */
export function payoffScale(market: Market): number {
  let s = 1;
  for (const t of market.tasks) s = Math.max(s, t.cap);
  return s;
}

/** The absolute tolerance `relative x payoffScale(market)`. */
export function absoluteTolerance(market: Market, relative = RELATIVE_TOLERANCE): number {
  return relative * payoffScale(market);
}

/**
 * Evaluates producer `slot`'s weighted payoff term `w_t term_t(q)` on task `t` for any own quality `q`,
 * with the other producers' qualities fixed. One `ColumnState` is reused; nothing is allocated per call.
 * After `value(t, q)`, `lastWelfare` holds `w_t U_t` of the same column.
 *
 * @example
 * const tv = new TaskValuer(market, 0, winrate);
 * tv.value(2, 0.8); // w_2 * pi_{0,2} when producer 0 has quality 0.8 on task 2
 */
export class TaskValuer {
  readonly T: number;
  readonly n: number;
  readonly slot: number;
  readonly caps: Float64Array;
  readonly weights: Float64Array;
  /** `lastWelfare`: `w_t U_t` of the column last evaluated. */
  lastWelfare = 0;
  private readonly column: ColumnState;
  private readonly cols: Float64Array;
  private readonly term: (c: ColumnState, i: number) => number;

  /** `slot` is the responding producer's index in `market.producers` (its own quality is ignored). */
  constructor(market: Market, slot: number, rule: PayoffRule) {
    if (rule.taskTerm === undefined)
      throw new Error(`TaskValuer needs a separable rule; ${rule.name} is not`);
    this.term = rule.taskTerm;
    this.T = market.tasks.length;
    this.n = market.producers.length;
    this.slot = slot;
    this.caps = Float64Array.from(market.tasks, (t) => t.cap);
    this.weights = Float64Array.from(market.tasks, (t) => t.weight);
    this.column = new ColumnState(market.selection);
    this.cols = new Float64Array(this.T * this.n);
    for (let t = 0; t < this.T; t++) {
      for (let i = 0; i < this.n; i++) this.cols[t * this.n + i] = market.producers[i]!.quality[t]!;
    }
  }

  /** `w_t term_t` with the producer's quality on task `t` set to `q` (also sets `lastWelfare`). */
  value(t: number, q: number): number {
    const w = this.weights[t]!;
    const n = this.n;
    const off = t * n;
    this.cols[off + this.slot] = q;
    this.column.load(this.cols.subarray(off, off + n), n, this.caps[t]!);
    this.lastWelfare = w * this.column.welfare;
    return w === 0 ? 0 : w * this.term(this.column, this.slot);
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
 *   are not monotone (MODEL.md C4) but Lipschitz:
 *   `dU_t/dq_i = pi_i + sum_j (q_j - v/2) dpi_j/dq_i` (because `sum_j dpi_j/dq_i = 0`), and
 *   `sum_j |dpi_j/dq_i| = 2 dpi_i/dq_i` (own derivative >= 0, cross derivatives <= 0), so
 *   `|dU_t/dq_i| <= 1 + v D` with `D = sup dpi_i/dq_i <= (n-1) / (2 sigma sqrt(pi))` (each of the
 *   `n-1` pairwise boundaries contributes at most the density of `sigma (Z_j - Z_i)` at its mode,
 *   `1 / (sigma sqrt 2 sqrt(2 pi))`).
 * - User rules: unknown (no certificate).
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
