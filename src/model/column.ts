/**
 * One task's column of qualities with everything the payoff rules read from it: choice probabilities,
 * the column's welfare, pairwise win probabilities and the welfare with each producer removed.
 * The expensive parts are computed on first use and cached until the next `load`.
 */
import { selectionKernel } from "./selection/index.js";
import type { SelectionKernel } from "./selection/kernel.js";
import type { SelectionRule } from "./types.js";

/**
 * A reusable evaluator of one column (allocates only when the number of producers grows).
 *
 * @example
 * const col = new ColumnState({ rule: "logit", beta: 4 });
 * col.load([0.9, 0.2, 0.5], 3, 1);
 * col.pi[0];               // choice probability of producer 0
 * col.welfare;             // sum_i pi_i q_i
 * col.pairwiseMean(0);     // mean over j != 0 of P(0 beats j)
 * col.welfareWithout(0);   // the column's welfare if producer 0 left
 */
export class ColumnState {
  readonly selection: SelectionRule;
  readonly kernel: SelectionKernel;
  /** Number of producers in the loaded column. */
  n = 0;
  /** The task's value cap. */
  cap = 1;
  /** Qualities of the loaded column (first `n` entries). */
  q: Float64Array = new Float64Array(4);
  /** Choice probabilities (first `n` entries). */
  pi: Float64Array = new Float64Array(4);
  /** `U_t = sum_i pi_i q_i`. */
  welfare = 0;
  private without: Float64Array = new Float64Array(4);
  private pairMean: Float64Array = new Float64Array(4);
  private withoutReady = false;
  private pairReady = false;

  /**
   * @throws nothing for valid inputs of the declared types
   */
  constructor(selection: SelectionRule) {
    this.selection = selection;
    this.kernel = selectionKernel(selection);
  }

  /**
   * Loads a column of `n` qualities (copied) on a task with value cap `cap`.
   *
   * @throws nothing for valid inputs of the declared types
   */
  load(column: ArrayLike<number>, n: number, cap: number): void {
    if (this.q.length < n) {
      const size = Math.max(n, 2 * this.q.length);
      this.q = new Float64Array(size);
      this.pi = new Float64Array(size);
      this.without = new Float64Array(size);
      this.pairMean = new Float64Array(size);
    }
    for (let i = 0; i < n; i++) this.q[i] = column[i]!;
    this.n = n;
    this.cap = cap;
    this.kernel.choice(this.q, n, cap, this.pi);
    let u = 0;
    for (let i = 0; i < n; i++) u += this.pi[i]! * this.q[i]!;
    this.welfare = u;
    this.withoutReady = false;
    this.pairReady = false;
  }

  /**
   * The column's welfare if producer `k` were absent (0 when `k` is alone).
   *
   * @throws nothing for valid inputs of the declared types
   */
  welfareWithout(k: number): number {
    return this.welfareWithoutAll()[k]!;
  }

  /**
   * `welfareWithout(k)` for every `k` (first `n` entries; valid until the next `load`).
   *
   * @throws nothing for valid inputs of the declared types
   */
  welfareWithoutAll(): Float64Array {
    if (!this.withoutReady) {
      this.kernel.welfareWithout(this.q, this.n, this.cap, this.pi, this.without);
      this.withoutReady = true;
    }
    return this.without;
  }

  /**
   * `mean_{j != i} P(i beats j)` in O(n); with a single producer there is nobody to beat and the value is 1
   * (it is chosen on every query, as under winrate).
   * @throws nothing for valid inputs of the declared types
   */
  pairwiseMean(i: number): number {
    if (this.pairReady) return this.pairMean[i]!;
    // One producer's mean costs O(n): best responses ask for one producer per column, so the O(n^2)
    // all-pairs pass (`pairwiseMeans`) is left to callers that need every producer.
    const n = this.n;
    if (n === 1) return 1;
    const qi = this.q[i]!;
    let s = 0;
    for (let j = 0; j < n; j++) if (j !== i) s += this.kernel.beats(qi, this.q[j]!, this.cap);
    return s / (n - 1);
  }

  /**
   * `pairwiseMean(i)` for every `i` (first `n` entries; valid until the next `load`).
   *
   * @throws nothing for valid inputs of the declared types
   */
  pairwiseMeans(): Float64Array {
    if (!this.pairReady) {
      this.kernel.pairwiseMeans(this.q, this.n, this.cap, this.pairMean);
      this.pairReady = true;
    }
    return this.pairMean;
  }
}
