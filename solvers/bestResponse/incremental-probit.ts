/**
 * The incremental evaluator of one producer's payoff term under `probit` selection (the other rules'
 * evaluators and the shared interface are in `incremental.ts`): the others' parts of the kernel's
 * integrals tabulated once per task, one `exp` and one `Phi` per quadrature node near `q / sigma` per
 * call. The formulas are those of src/model/selection/probit.ts rearranged.
 */
import { normalAtShifts, normalCdf, normalCdfFromExp } from "../../src/numeric/normal.js";
import { gaussLegendre } from "../../src/numeric/quadrature.js";
import { combineTerm, type IncrementalTerm, type TermCode, type TermParts } from "./incremental.js";

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
