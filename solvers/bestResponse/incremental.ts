/**
 * Incremental evaluation of one producer's payoff term on a task while only its own quality moves.
 *
 * Best responses evaluate `term_t(q)` for the responding producer `i` at many own qualities `q` with the
 * other producers fixed: `T x K` times for the DP tables and many more in the continuous pattern search.
 * Reloading the whole column costs `O(n)` (and `n` exponentials under logit) per call. Here the other
 * producers' statistics are computed once per task, and each call costs `O(1)` (`O(log n)` for the
 * pairwise rules under `perfect` and `epsilon`, `O(n)` divisions for the pairwise rules under `logit`).
 * The formulas are the selection kernels' (src/model/selection/) rearranged; tests compare both paths on
 * random columns (test/solvers/taskValuer.test.ts).
 *
 * - logit, with `M = max_{j != i} q_j`, `S0 = sum_{j != i} exp(beta (q_j - M))`,
 *   `S1 = sum_{j != i} q_j exp(beta (q_j - M))` and `a = exp(beta (q - M))`:
 *   `pi_i = a / (S0 + a)`, `U_t = (S1 + a q) / (S0 + a)`, `U_{-i} = S1 / S0`; when `q > M` numerator
 *   and denominator are multiplied by `r = exp(beta (M - q)) <= 1`, so nothing overflows for any beta.
 *   `P(i beats j) = sigmoid(beta (q - q_j)) = a / (a + c_j)`, `c_j = exp(beta (q_j - M))` precomputed.
 * - perfect and epsilon, with the others sorted: the column max is `max(q, M)`, the producers tied at it
 *   are those `>= max - RELATIVE_TOLERANCE v_t` (the kernels' test, evaluated in the same floating-point
 *   operations, found by binary search), `U_{-i} = M` (perfect) or `(1 - eps) M + eps mean_{j != i} q_j`.
 * - probit (`n Phi` per quadrature node when reloading): the others' parts of the kernel's integrals,
 *   `G(u) = prod_{j != i} Phi(u - a_j)` and `H(u) = sum_{j != i} q_j phi(u - a_j) prod_{l != i,j} Phi(u - a_l)`,
 *   are tabulated once per task on a fixed grid; a call costs one `exp` and one `Phi` per node near
 *   `q / sigma` (a few hundred at most, whatever `n`). See `ProbitOthers` in `incremental-probit.ts`.
 */
import {
  averageScore,
  type BuiltinTerm,
  marginalContribution,
  pairwiseWinrate,
  WELFARE_TERM,
  weightedPairwiseWinrate,
  weightedWinrate,
  winrate,
} from "../../src/model/payoffs.js";
import { sigmoid } from "../../src/numeric/normal.js";
import { RELATIVE_TOLERANCE, tieThreshold } from "../../src/numeric/tolerance.js";

/**
 * Which per-task term an incremental evaluator returns: the built-in rules' formulas (their `builtin`
 * terms, src/model/payoffs.ts) and the welfare objective's. Derived from the rules, not positional.
 */
export const TERM = {
  winrate: winrate.builtin!,
  pairwiseWinrate: pairwiseWinrate.builtin!,
  weightedWinrate: weightedWinrate.builtin!,
  weightedPairwiseWinrate: weightedPairwiseWinrate.builtin!,
  marginalContribution: marginalContribution.builtin!,
  averageScore: averageScore.builtin!,
  welfare: WELFARE_TERM,
} as const;

/** The formula an incremental evaluator returns (one of `TERM`, or any rule's `builtin`). */
export type TermCode = BuiltinTerm;

/**
 * Evaluates the unweighted term of one producer on task `t` for any own quality, the others fixed.
 * `welfare` holds `U_t` of the column last evaluated.
 */
export interface IncrementalTerm {
  term(t: number, q: number): number;
  welfare: number;
}

/** What each evaluator supplies beyond `pi` and `U_t` for `combineTerm`. */
export interface TermParts {
  /** `mean_{j != i} P(i beats j)` for own quality `q` on task `t`. */
  pairwiseMean(t: number, q: number): number;
  /** `U_t` without the producer (the others alone; 0 when there are none). */
  welfareWithout(t: number): number;
}

/**
 * The rule's unweighted term from the column's pieces: the rule's own formula (`term.combine`, defined
 * once in src/model/payoffs.ts), fed `pi`, `q`, `U_t` and the costly piece it reads (the pairwise mean
 * or `U_{t,-i}`), which is computed only for the rules that read it.
 */
export function combineTerm(
  term: BuiltinTerm,
  parts: TermParts,
  t: number,
  q: number,
  pi: number,
  welfare: number,
): number {
  return term.combine(
    pi,
    q,
    term.reads === "pairwise" ? parts.pairwiseMean(t, q) : 0,
    welfare,
    term.reads === "without" ? parts.welfareWithout(t) : 0,
  );
}

/** Largest `beta (M - q)` for which `exp(beta (q - M))` is used as the pairwise reference (see below). */
const PAIRWISE_EXP_LIMIT = 600;

/**
 * The logit evaluator. `others` is task-major: task `t`'s `m = n - 1` other qualities at `t * m`.
 *
 * @example
 * // two others (0.9 and 0.5) on one unit-cap task, beta = 4, the producer's quality 0.7:
 * const ev = new LogitOthers(new Float64Array([0.9, 0.5]), 1, 2, 4, TERM.winrate);
 * ev.term(0, 0.7); // exp(2.8) / (exp(3.6) + exp(2) + exp(2.8))
 */
export class LogitOthers implements IncrementalTerm, TermParts {
  welfare = 0;
  private readonly m: number;
  private readonly beta: number;
  private readonly code: TermCode;
  private readonly others: Float64Array;
  /** Per task `t`, at `4 t`: `M`, `S0`, `S1` and `U_{-i} = S1 / S0` (one array: few allocations). */
  private readonly stats: Float64Array;
  /** `c_j = exp(beta (q_j - M))`, task-major like `others`; only the pairwise rules read it. */
  private readonly expo: Float64Array;

  constructor(others: Float64Array, T: number, m: number, beta: number, code: TermCode) {
    this.m = m;
    this.beta = beta;
    this.code = code;
    this.others = others;
    this.stats = new Float64Array(4 * T);
    const pairwise = code.reads === "pairwise";
    this.expo = new Float64Array(pairwise ? T * m : 0);
    for (let t = 0; t < T; t++) {
      const off = t * m;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < m; j++) if (others[off + j]! > max) max = others[off + j]!;
      let s0 = 0;
      let s1 = 0;
      for (let j = 0; j < m; j++) {
        const e = Math.exp(beta * (others[off + j]! - max));
        if (pairwise) this.expo[off + j] = e;
        s0 += e;
        s1 += e * others[off + j]!;
      }
      this.stats[4 * t] = max;
      this.stats[4 * t + 1] = s0;
      this.stats[4 * t + 2] = s1;
      // the maximum contributes exp(0) = 1, so s0 >= 1 whenever there is another producer
      this.stats[4 * t + 3] = m === 0 ? 0 : s1 / s0;
    }
  }

  term(t: number, q: number): number {
    let pi: number;
    if (this.m === 0) {
      pi = 1;
      this.welfare = q;
    } else {
      const st = this.stats;
      const M = st[4 * t]!;
      if (q <= M) {
        const a = Math.exp(this.beta * (q - M));
        const d = st[4 * t + 1]! + a;
        pi = a / d;
        this.welfare = (st[4 * t + 2]! + a * q) / d;
      } else {
        // rescaled by r = exp(beta (M - q)) so that the own weight is 1 and nothing overflows
        const r = Math.exp(this.beta * (M - q));
        const d = st[4 * t + 1]! * r + 1;
        pi = 1 / d;
        this.welfare = (st[4 * t + 2]! * r + q) / d;
      }
    }
    return combineTerm(this.code, this, t, q, pi, this.welfare);
  }

  /** `S1 / S0`: the others' logit welfare (0 when there are none). */
  welfareWithout(t: number): number {
    return this.m === 0 ? 0 : this.stats[4 * t + 3]!;
  }

  /**
   * `mean_{j != i} sigmoid(beta (q - q_j))` with one exponential per call: `a / (a + c_j)` for `q <= M`,
   * `1 / (1 + c_j r)` for `q > M`. When `beta (M - q) > 600`, `a` would be within a few hundred orders
   * of magnitude of underflow and the ratio could lose the tiny probabilities against others well below
   * `M`, so each sigmoid is then computed directly (the kernel's `beats`).
   */
  pairwiseMean(t: number, q: number): number {
    const m = this.m;
    if (m === 0) return 1;
    const off = t * m;
    const M = this.stats[4 * t]!;
    const x = this.beta * (q - M);
    let s = 0;
    if (q > M) {
      const r = Math.exp(-x);
      for (let j = 0; j < m; j++) s += 1 / (1 + this.expo[off + j]! * r);
    } else if (-x <= PAIRWISE_EXP_LIMIT) {
      // a >= exp(-600) > 1e-261, so a + c_j is a normal number and the ratio is accurate
      const a = Math.exp(x);
      for (let j = 0; j < m; j++) s += a / (a + this.expo[off + j]!);
    } else {
      for (let j = 0; j < m; j++) s += sigmoid(this.beta * (q - this.others[off + j]!));
    }
    return s / m;
  }
}

/**
 * The `perfect` (`eps = null`) and `epsilon` evaluator. `others` is task-major as in `LogitOthers`;
 * `caps[t]` sets the tie tolerance `RELATIVE_TOLERANCE * v_t`.
 *
 * @example
 * // perfect: others 0.9 and 0.9 on a unit-cap task; a producer at 0.9 shares the task three ways
 * const ev = new ThresholdOthers(new Float64Array([0.9, 0.9]), new Float64Array([1]), 1, 2, null, TERM.winrate);
 * ev.term(0, 0.9); // 1/3
 */
export class ThresholdOthers implements IncrementalTerm, TermParts {
  welfare = 0;
  private readonly m: number;
  private readonly n: number;
  /** `epsilon` (the kernel's formulas with `eps`) rather than `perfect`. */
  private readonly noisy: boolean;
  private readonly eps: number;
  private readonly code: TermCode;
  /** Others' qualities sorted ascending per task (task-major). */
  private readonly sorted: Float64Array;
  /** `prefix[t * (m + 1) + k]` = sum of the `k` smallest others of task `t`. */
  private readonly prefix: Float64Array;
  private readonly caps: Float64Array;

  /**
   * `others` (task-major, `m` per task) is sorted in place and kept; `eps` is `null` for `perfect`.
   */
  constructor(
    others: Float64Array,
    caps: Float64Array,
    T: number,
    m: number,
    eps: number | null,
    code: TermCode,
  ) {
    this.m = m;
    this.n = m + 1;
    this.noisy = eps !== null;
    this.eps = eps ?? 0;
    this.code = code;
    this.caps = caps;
    this.sorted = others;
    this.prefix = new Float64Array(T * (m + 1));
    for (let t = 0; t < T; t++) {
      const off = t * m;
      if (m > 16) others.subarray(off, off + m).sort();
      else {
        // insertion sort: the usual columns are short, and a subarray per task would allocate
        for (let a = off + 1; a < off + m; a++) {
          const x = others[a]!;
          let b = a - 1;
          while (b >= off && others[b]! > x) {
            others[b + 1] = others[b]!;
            b--;
          }
          others[b + 1] = x;
        }
      }
      const p = t * (m + 1);
      for (let k = 0; k < m; k++) this.prefix[p + k + 1] = this.prefix[p + k]! + others[off + k]!;
    }
  }

  term(t: number, q: number): number {
    const m = this.m;
    const off = t * m;
    // perfectChoice: max over the column, ties from tieThreshold(max) (same operations)
    const M = m === 0 ? Number.NEGATIVE_INFINITY : this.sorted[off + m - 1]!;
    const threshold = tieThreshold(Math.max(q, M));
    const below = this.firstAtLeast(off, threshold); // others below the threshold: sorted[off .. off+below)
    const own = q >= threshold;
    const count = m - below + (own ? 1 : 0);
    const share = 1 / count;
    const p = t * (m + 1);
    const tiedSum = this.prefix[p + m]! - this.prefix[p + below]! + (own ? q : 0);
    const eps = this.eps;
    const n = this.n;
    let pi = own ? share : 0;
    let welfare = share * tiedSum;
    if (this.noisy) {
      // epsilon: pi = (1 - eps) perfect + eps / n, so U = (1 - eps) U_perfect + eps mean_j q_j
      pi = (1 - eps) * pi + eps / n;
      welfare = (1 - eps) * welfare + (eps / n) * (this.prefix[p + m]! + q);
    }
    this.welfare = welfare;
    return combineTerm(this.code, this, t, q, pi, welfare);
  }

  /**
   * The others' welfare: under perfect the mean of the others within the tolerance of their max (the
   * tie rule of `perfectChoice` on the market without the producer); `(1 - eps)` that `+ eps mean` under
   * epsilon.
   */
  welfareWithout(t: number): number {
    const m = this.m;
    if (m === 0) return 0;
    const off = t * m;
    const p = t * (m + 1);
    const M = this.sorted[off + m - 1]!;
    const below = this.firstAtLeast(off, tieThreshold(M));
    const top = (1 / (m - below)) * (this.prefix[p + m]! - this.prefix[p + below]!);
    const eps = this.eps;
    return this.noisy ? (1 - eps) * top + (eps * this.prefix[p + m]!) / m : top;
  }

  /**
   * `mean_{j != i} P(i beats j)`, `P = (1 - eps) [1, 1/2, 0] + eps/2` as `q - q_j` is above `tol`, within
   * it, or below `-tol` (the kernels' `beats`, same operations). `fl(q - q_j)` is monotone in `q_j`, so
   * the wins are a prefix and the losses a suffix of the sorted others: two binary searches.
   */
  pairwiseMean(t: number, q: number): number {
    const m = this.m;
    if (m === 0) return 1;
    const off = t * m;
    const tol = RELATIVE_TOLERANCE * this.caps[t]!;
    const s = this.sorted;
    // wins: the first k with q - s[k] <= tol
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (q - s[off + mid]! > tol) lo = mid + 1;
      else hi = mid;
    }
    const wins = lo;
    // losses: the first k with s[k] - q > tol, at or after the wins
    hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[off + mid]! - q > tol) hi = mid;
      else lo = mid + 1;
    }
    const ties = lo - wins;
    const score = wins + 0.5 * ties;
    if (!this.noisy) return score / m;
    return ((1 - this.eps) * score + (this.eps / 2) * m) / m;
  }

  /** The first index `k` of task `off`'s sorted others with `sorted[k] >= x` (`m` when none). */
  private firstAtLeast(off: number, x: number): number {
    let lo = 0;
    let hi = this.m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[off + mid]! >= x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
