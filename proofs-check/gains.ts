/**
 * The hot path of the top-k claims (C6, C7): per-task gains of a binary entrant and the extreme
 * welfare over all maximisers of a payoff, with ties.
 *
 * A `top-k` entrant either covers task `t` (quality `v_t`) or not (quality 0). Every payoff rule and
 * the welfare are sums over tasks, so for a set `S` of `k` tasks,
 * `payoff(S) = payoff(none) + sum_{t in S} w_t (term_t(cover) - term_t(not))`: the maximisers are the
 * `k`-sets of largest per-task gains, and ties among the gains are exactly the ties among the sets.
 */
import { ColumnState } from "../src/model/column.js";
import { WELFARE_TERM, weightedWinrate, winrate } from "../src/model/payoffs.js";
import type { SelectionRule } from "../src/model/types.js";

const WINRATE = winrate.builtin!;
const WWR = weightedWinrate.builtin!;

/** Per-task weighted gains of covering a task, for winrate, weighted winrate and welfare. */
export interface BinaryGains {
  /** `w_t (pi_e(cover) - pi_e(not))`. */
  winrate: Float64Array;
  /** `w_t v_t pi_e(cover)` (the entrant's weighted-winrate term is 0 when it does not cover). */
  weightedWinrate: Float64Array;
  /** `w_t (U_t(cover) - U_t(not))`. */
  welfare: Float64Array;
  /** `sum_t w_t U_t(not)`: welfare when the entrant covers nothing. */
  base: number;
}

/**
 * Reusable scratch for `binaryGains` and `topKExtreme` (allocates only when sizes grow).
 *
 * @example
 * // two incumbents, three unit-cap tasks (producer-major qualities), an entrant covering k = 1 task
 * const s = new GainScratch({ rule: "logit", beta: 4 });
 * const g = s.binaryGains([0.9, 0.1, 0.5, 0.2, 0.8, 0.5], 2, 3, [0.5, 0.3, 0.2], [1, 1, 1]);
 * const best = s.topKExtreme(g.winrate, g.welfare, 3, 1, 1e-9, "max");
 */
export class GainScratch {
  column: ColumnState;
  private col = new Float64Array(8);
  private gains: BinaryGains = {
    winrate: new Float64Array(8),
    weightedWinrate: new Float64Array(8),
    welfare: new Float64Array(8),
    base: 0,
  };
  private order = new Int32Array(8);
  private tied = new Int32Array(8);
  /** The set chosen by the last `topKExtreme` (first `k` entries). */
  chosen = new Int32Array(8);

  /**
   * @throws nothing for valid inputs of the declared types
   */
  constructor(selection: SelectionRule) {
    this.column = new ColumnState(selection);
  }

  /**
   * Switches the selection rule (a new column evaluator only when the rule changes).
   *
   * @throws nothing for valid inputs of the declared types
   */
  use(selection: SelectionRule): this {
    const s = this.column.selection;
    const same =
      s.rule === selection.rule &&
      (s.rule !== "epsilon" || s.eps === (selection as { eps: number }).eps) &&
      (s.rule !== "logit" || s.beta === (selection as { beta: number }).beta) &&
      (s.rule !== "probit" || s.sigma === (selection as { sigma: number }).sigma);
    if (!same) this.column = new ColumnState(selection);
    return this;
  }

  private ensure(n: number, T: number): void {
    if (this.col.length < n + 1) this.col = new Float64Array(2 * (n + 1));
    if (this.gains.winrate.length < T) {
      const size = 2 * T;
      this.gains = {
        winrate: new Float64Array(size),
        weightedWinrate: new Float64Array(size),
        welfare: new Float64Array(size),
        base: 0,
      };
      this.order = new Int32Array(size);
      this.tied = new Int32Array(size);
      this.chosen = new Int32Array(size);
    }
  }

  /**
   * Gains of a binary entrant against `n` incumbents with flat qualities `inc[i * T + t]`, computed
   * with the model's own `ColumnState` (the entrant is producer `n` of each column). Weights must be
   * normalised. The returned arrays are reused by the next call.
   * @throws nothing for valid inputs of the declared types
   */
  binaryGains(
    inc: ArrayLike<number>,
    n: number,
    T: number,
    weights: ArrayLike<number>,
    caps: ArrayLike<number>,
  ): BinaryGains {
    this.ensure(n, T);
    const g = this.gains;
    const c = this.column;
    const col = this.col;
    let base = 0;
    for (let t = 0; t < T; t++) {
      const w = weights[t]!;
      const v = caps[t]!;
      for (let i = 0; i < n; i++) col[i] = inc[i * T + t]!;
      col[n] = 0;
      c.load(col, n + 1, v);
      const piNot = c.pi[n]!;
      const uNot = c.welfare;
      col[n] = v;
      c.load(col, n + 1, v);
      const piCover = c.pi[n]!;
      // the rules' own formulas (src/model/payoffs.ts), covering (quality v) minus not (quality 0)
      const uCover = c.welfare;
      g.winrate[t] = w * (WINRATE.combine(piCover, v, 0, uCover, 0) - WINRATE.combine(piNot, 0, 0, uNot, 0));
      g.weightedWinrate[t] = w * (WWR.combine(piCover, v, 0, uCover, 0) - WWR.combine(piNot, 0, 0, uNot, 0));
      g.welfare[t] =
        w * (WELFARE_TERM.combine(piCover, v, 0, uCover, 0) - WELFARE_TERM.combine(piNot, 0, 0, uNot, 0));
      base += w * uNot;
    }
    g.base = base;
    return g;
  }

  /**
   * Among the `k`-sets maximising `sum_{t in S} payoff[t]` (ties within `tol`: tasks whose gain is within
   * `tol` of the `k`-th largest are interchangeable), the largest (`"max"`) or smallest (`"min"`) value
   * of `sum_{t in S} welfare[t]`. The set is left in `chosen[0..k)`.
   * @throws nothing for valid inputs of the declared types
   */
  topKExtreme(
    payoff: Float64Array,
    welfare: Float64Array,
    T: number,
    k: number,
    tol: number,
    mode: "max" | "min",
  ): number {
    const order = this.order;
    for (let t = 0; t < T; t++) order[t] = t;
    // insertion sort by payoff, descending (T is small)
    for (let a = 1; a < T; a++) {
      const x = order[a]!;
      const px = payoff[x]!;
      let b = a - 1;
      while (b >= 0 && payoff[order[b]!]! < px) {
        order[b + 1] = order[b]!;
        b--;
      }
      order[b + 1] = x;
    }
    const kth = payoff[order[k - 1]!]!;
    let nChosen = 0;
    let nTied = 0;
    let sum = 0;
    for (let a = 0; a < T; a++) {
      const t = order[a]!;
      const p = payoff[t]!;
      if (p > kth + tol) {
        this.chosen[nChosen++] = t;
        sum += welfare[t]!;
      } else if (p >= kth - tol) {
        this.tied[nTied++] = t;
      }
    }
    // pick the remaining r from the tied tasks by welfare (best or worst)
    const r = k - nChosen;
    const tied = this.tied;
    for (let a = 1; a < nTied; a++) {
      const x = tied[a]!;
      const wx = welfare[x]!;
      let b = a - 1;
      while (b >= 0 && (mode === "max" ? welfare[tied[b]!]! < wx : welfare[tied[b]!]! > wx)) {
        tied[b + 1] = tied[b]!;
        b--;
      }
      tied[b + 1] = x;
    }
    for (let a = 0; a < r; a++) {
      const t = tied[a]!;
      this.chosen[nChosen++] = t;
      sum += welfare[t]!;
    }
    return sum;
  }

  /**
   * The chosen set of the last `topKExtreme`, sorted, as a plain array.
   *
   * @throws nothing for valid inputs of the declared types
   */
  chosenSet(k: number): number[] {
    return Array.from(this.chosen.subarray(0, k)).sort((a, b) => a - b);
  }
}

/**
 * The quality vector of a top-k set: `v_t` on the set, 0 elsewhere.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function setQuality(set: readonly number[], caps: readonly number[]): number[] {
  const q = new Array<number>(caps.length).fill(0);
  for (const t of set) q[t] = caps[t]!;
  return q;
}
