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
 *   `q / sigma` (a few hundred at most, whatever `n`). See `ProbitOthers`.
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
import { normalAtShifts, normalCdf, normalCdfFromExp, sigmoid } from "../../src/numeric/normal.js";
import { gaussLegendre } from "../../src/numeric/quadrature.js";
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
interface TermParts {
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
function combineTerm(
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

/** Half-width, in units of sigma, beyond which a node's `phi(u - b)` and `1 - Phi(u - b)` are dropped. */
const PROBIT_CUT = 9;
/** Gauss-Legendre points per panel of the probit grid (the kernel's rule). */
const PROBIT_POINTS = 12;
const PROBIT_RULE = gaussLegendre(PROBIT_POINTS);
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * The `probit` evaluator (noise scale `sigma`). `others` is task-major as in `LogitOthers`, `m` per task;
 * it is sorted in place and kept (the pairwise rules search it).
 *
 * The kernel's shared grid (src/model/selection/probit.ts) with the responding producer's own factor
 * pulled out: with `a_j = (q_j - r) / sigma` for the others and `b = (q - r) / sigma`, relative to the
 * others' maximum `r` (absolute coordinates `q / sigma` lose precision as `q / sigma` grows),
 *
 *   `pi_i(q) = integral phi(u - b) G(u) du`,            `G(u) = prod_{j != i} Phi(u - a_j)`,
 *   `sum_{j != i} q_j pi_j(q) = integral H(u) Phi(u - b) du`,
 *                                 `H(u) = sum_{j != i} q_j phi(u - a_j) prod_{l != i,j} Phi(u - a_l)`,
 *
 * so `U_t(q) = q pi_i(q) + integral H(u) Phi(u - b) du` and `U_{-i} = integral H(u) du` (the others'
 * probit welfare). `G` and `H` depend on the others only; they are tabulated once per task at the nodes
 * of 12-point Gauss-Legendre panels (width 1 up to 20 producers, 0.5 up to 400, then 0.25; see
 * `probitPanel`) over `[a_max - 9, a_max + 9]`, `a_max = max_j a_j`, products by prefix and suffix
 * (no division). Outside that interval nothing is lost: below it `G` holds the factor
 * `Phi(u - a_max) < 1.2e-19` and every term of `H` holds `Phi(u - a_max)` or `phi(u - a_max) < 1e-18`;
 * above it every `Phi(u - a_j)` rounds to 1 (the kernel's own cut-off), so `G = 1`, `H = 0`, and the
 * tail of `pi_i` is exactly `integral_{A}^{inf} phi(u - b) du = Phi(b - A)` (`A = a_max + 9`). Every `b`
 * is therefore covered, whatever the cap.
 *
 * One call costs one `exp` and one `Phi` per node within 9 of `b` (at most the grid's 216 to 864 nodes):
 * farther nodes have `phi(u - b) < 1e-18`, and `Phi(u - b)` is below 1.2e-19 (dropped) or rounds to 1
 * (a precomputed suffix sum of the weighted `H` takes them all at once). The pairwise rules,
 * `mean_{j != i} Phi((q - q_j) / (sigma sqrt 2))`, cost `O(log m)` plus one `Phi` per other within
 * `46 sigma sqrt 2` of `q`: the sorted others further below give exactly 1 in floating point (`Phi(x)`
 * for `x > 9` rounds to 1), those further above exactly 0 (the kernel's `normalCdf` returns 0 below -37).
 *
 * @example
 * // one other at 0.5 on a unit-cap task, sigma = 0.25, the producer at 0.7:
 * const ev = new ProbitOthers(new Float64Array([0.5]), 1, 1, 0.25, TERM.winrate);
 * ev.term(0, 0.7); // Phi(0.2 / (0.25 sqrt 2)) = 0.7141961775233 (to quadrature accuracy)
 */
export class ProbitOthers implements IncrementalTerm, TermParts {
  welfare = 0;
  private readonly m: number;
  private readonly sigma: number;
  private readonly code: TermCode;
  /** Others' qualities sorted ascending per task (task-major). */
  private readonly sorted: Float64Array;
  /** Nodes per task (the same for every task: the grid's length and panel width depend on `m` only). */
  private readonly nodes: number;
  /** Node abscissae `u`, ascending per task, `nodes` per task. */
  private readonly u: Float64Array;
  /** Weighted `G`: `w_k G(u_k)`. */
  private readonly wg: Float64Array;
  /** Weighted `H`: `w_k H(u_k)`. */
  private readonly wh: Float64Array;
  /** `suffix[t * (nodes + 1) + k] = sum_{k' >= k} w_k' H(u_k')`: the nodes where `Phi(u - b)` is 1. */
  private readonly suffix: Float64Array;
  /** Per task: the top of the grid `A = a_max + 9`, and `U_{-i}`. */
  private readonly top: Float64Array;
  private readonly without: Float64Array;
  /** Per task: the others' maximum quality, the origin of the grid's coordinates. */
  private readonly ref: Float64Array;

  constructor(others: Float64Array, T: number, m: number, sigma: number, code: TermCode) {
    this.m = m;
    this.sigma = sigma;
    this.code = code;
    this.sorted = others;
    const width = 2 * PROBIT_CUT;
    const panel = probitPanel(m + 1);
    const panels = m === 0 ? 0 : Math.ceil(width / panel);
    const N = panels * PROBIT_POINTS;
    this.nodes = N;
    this.u = new Float64Array(T * N);
    this.wg = new Float64Array(T * N);
    this.wh = new Float64Array(T * N);
    this.suffix = new Float64Array(T * (N + 1));
    this.top = new Float64Array(T);
    this.without = new Float64Array(T);
    this.ref = new Float64Array(T);
    const a = new Float64Array(m);
    const cdf = new Float64Array(m);
    const pdf = new Float64Array(m);
    const pre = new Float64Array(m + 1);
    const suf = new Float64Array(m + 1);
    const h = width / Math.max(panels, 1) / 2; // half a panel
    for (let t = 0; t < T; t++) {
      const off = t * m;
      sortRange(others, off, m);
      if (m === 0) continue;
      // Coordinates relative to the others' maximum (sorted: the last), so that the nodes stay within 9
      // of 0 and keep full precision whatever q / sigma is; far-below others clamp at -1e6, where
      // every Phi(u - a_j) on the grid is 1 anyway.
      const ref = others[off + m - 1]!;
      this.ref[t] = ref;
      for (let j = 0; j < m; j++) {
        const rel = (others[off + j]! - ref) / sigma;
        a[j] = Math.max(rel, -1e6);
      }
      const amax = 0;
      const lo = amax - PROBIT_CUT;
      this.top[t] = amax + PROBIT_CUT;
      const base = t * N;
      for (let p = 0; p < panels; p++) {
        const mid = lo + (2 * p + 1) * h;
        for (let g = 0; g < PROBIT_POINTS; g++) {
          const u = mid + h * PROBIT_RULE.nodes[g]!;
          const w = h * PROBIT_RULE.weights[g]!;
          // as the kernel: Phi rounds to 1 (and phi is dropped) more than 9 above a_j
          normalAtShifts(u, a, m, cdf, pdf);
          pre[0] = 1;
          for (let j = 0; j < m; j++) pre[j + 1] = pre[j]! * cdf[j]!;
          suf[m] = 1;
          for (let j = m - 1; j >= 0; j--) suf[j] = suf[j + 1]! * cdf[j]!;
          let hu = 0;
          for (let j = 0; j < m; j++) hu += others[off + j]! * pdf[j]! * pre[j]! * suf[j + 1]!;
          const k = base + p * PROBIT_POINTS + g;
          this.u[k] = u;
          this.wg[k] = w * pre[m]!;
          this.wh[k] = w * hu;
        }
      }
      const s = t * (N + 1);
      this.suffix[s + N] = 0;
      for (let k = N - 1; k >= 0; k--) this.suffix[s + k] = this.suffix[s + k + 1]! + this.wh[base + k]!;
      // U_{-i}: with one other it is that other's quality exactly (the kernel's n = 2 case)
      this.without[t] = m === 1 ? others[off]! : this.suffix[s]!;
    }
  }

  term(t: number, q: number): number {
    const m = this.m;
    let pi: number;
    if (m === 0) {
      pi = 1;
      this.welfare = q;
    } else {
      // relative to the others' maximum, as the grid (may be +-Infinity: the formulas below take it)
      const b = (q - this.ref[t]!) / this.sigma;
      const N = this.nodes;
      const base = t * N;
      const u = this.u;
      // first node with u >= b - 9: below it phi(u - b) < 1e-18 and Phi(u - b) < 1.2e-19
      let lo = 0;
      let hi = N;
      const from = b - PROBIT_CUT;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (u[base + mid]! < from) lo = mid + 1;
        else hi = mid;
      }
      // above the grid G = 1: the tail of pi_i in closed form
      pi = normalCdf(b - this.top[t]!);
      let others = 0;
      let k = lo;
      for (; k < N; k++) {
        const d = u[base + k]! - b;
        if (d > PROBIT_CUT) break;
        const e = Math.exp(-0.5 * d * d);
        pi += this.wg[base + k]! * INV_SQRT_2PI * e;
        others += this.wh[base + k]! * normalCdfFromExp(d, e);
      }
      // from node k on, Phi(u - b) rounds to 1
      others += this.suffix[t * (N + 1) + k]!;
      this.welfare = q * pi + others;
    }
    return combineTerm(this.code, this, t, q, pi, this.welfare);
  }

  /** `integral H`: the others' probit welfare. */
  welfareWithout(t: number): number {
    return this.without[t]!;
  }

  /**
   * `mean_{j != i} Phi((q - q_j) / (sigma sqrt 2))` (the kernel's `beats`, same operations). The
   * argument decreases along the sorted others: those with argument above 9 give exactly 1 (a prefix,
   * found by binary search), those below -37 exactly 0 (the loop stops there).
   */
  pairwiseMean(t: number, q: number): number {
    const m = this.m;
    if (m === 0) return 1;
    const off = t * m;
    const s = this.sorted;
    const scale = this.sigma * Math.SQRT2;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((q - s[off + mid]!) / scale > PROBIT_CUT) lo = mid + 1;
      else hi = mid;
    }
    let sum = lo;
    for (let k = lo; k < m; k++) {
      const x = (q - s[off + k]!) / scale;
      if (x < -37) break;
      sum += normalCdf(x);
    }
    return sum / m;
  }
}

/**
 * Panel width of the incremental grid for a column of `n` producers: half the 12-point widths of the
 * kernel's tie-heavy layouts (`layoutFor` in probit.ts). With those widths the error against a 20-point rule on panels of 0.1 reached 1e-10
 * on `U_t` (n = 20, sigma = 1: the grid is anchored at `a_max - 9`, not at the producers' windows, and
 * the own factor `phi(u - b)` falls anywhere in a panel); at half the width it is below 1e-14. Calls only
 * pay for the nodes within 9 of `b`, so the finer grid costs at most 2 x 216 nodes per call up to 400
 * producers.
 */
function probitPanel(n: number): number {
  return (n <= 20 ? 2 : n <= 400 ? 1 : 0.5) / 2;
}

/** Sorts `x[off .. off + m)` ascending in place (insertion sort for short runs: no subarray allocated). */
function sortRange(x: Float64Array, off: number, m: number): void {
  if (m > 16) {
    x.subarray(off, off + m).sort();
    return;
  }
  for (let a = off + 1; a < off + m; a++) {
    const v = x[a]!;
    let b = a - 1;
    while (b >= off && x[b]! > v) {
      x[b + 1] = x[b]!;
      b--;
    }
    x[b + 1] = v;
  }
}
