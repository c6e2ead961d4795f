/**
 * `probit` (Thurstone) selection: each answer is perceived with independent Gaussian noise,
 * `q_i + sigma Z_i`, and the best-perceived one is picked:
 *
 *   `pi_i = integral phi(z) prod_{j != i} Phi((q_i - q_j)/sigma + z) dz`.
 *
 * Substituting `u = q_i/sigma + z` puts every producer on one shared grid:
 * `pi_i = integral phi(u - a_i) prod_{j != i} Phi(u - a_j) du` with `a_j = q_j / sigma`. The integrand
 * of `i` is below 1e-16 outside `[a_i - 8.5, a_i + 8.5]`, so the union of those windows is cut into
 * Gauss-Legendre panels (layout by how many producers cluster together, see `layoutFor`; twice as
 * wide in the Gaussian tails): per node, one evaluation of `Phi`
 * (which yields `phi` for free) per producer, and the products over `j != i` from prefix and suffix
 * products (no division). The absolute error is below 1e-11 (tested against a much finer rule, the
 * two-producer closed form `Phi((q_1 - q_2)/(sigma sqrt 2))`, and seeded Monte Carlo).
 * Reference: Thurstone (1927), "A law of comparative judgment"; Yellott (1977), J. Math. Psych. 15.
 */
import { normalAtShifts, normalCdf } from "../../numeric/normal.js";
import { gaussLegendre } from "../../numeric/quadrature.js";
import type { SelectionKernel } from "./kernel.js";

/** Half-width of each producer's window, in units of sigma. */
const WINDOW = 8.5;
/** Below this `Phi_k`, dividing by it risks underflow; the product is formed directly instead. */
const TINY = 1e-250;

/** A Gauss-Legendre panel layout: panel width (in units of sigma) and points per panel. */
interface Layout {
  panel: number;
  rule: { nodes: Float64Array; weights: Float64Array };
}

const GL12 = gaussLegendre(12);
const GL20 = gaussLegendre(20);
const GL26 = gaussLegendre(26);

/**
 * Panel layout by cluster size `m`, the largest number of producers whose `a_j = q_j / sigma` lie
 * within 2 of each other. Many producers close together make the integrands `phi prod Phi` sharply
 * peaked near the maximum of their Gaussians (width about `1/sqrt(2 ln m)`), so the panels narrow;
 * with few, wide panels with many points integrate the smooth integrands with fewer nodes. Measured
 * against a 20x finer 20-point rule (seeded columns, clusters of m tied producers among up to 400):
 * below 2e-12 per probability and 5e-11 on their sum for every class.
 */
function layoutFor(m: number): Layout {
  if (m <= 4) return { panel: 6, rule: GL26 }; // 4.3 nodes per sigma
  if (m <= 12) return { panel: 4, rule: GL20 }; // 5 nodes per sigma
  if (m <= 20) return { panel: 2, rule: GL12 }; // 6
  if (m <= 400) return { panel: 1, rule: GL12 }; // 12
  return { panel: 0.5, rule: GL12 }; // 24
}

/** Options that trade accuracy for speed; the defaults meet the 1e-9 error bound with margin. */
export interface ProbitQuadrature {
  /** Panel width in units of sigma (default: by cluster size, see `layoutFor`). */
  panel?: number;
  /** Gauss-Legendre points per panel (default: by cluster size; 12 when only `panel` is given). */
  points?: number;
}

/**
 * Creates the `probit` kernel with noise scale `sigma > 0`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const pi = new Float64Array(2);
 * probitKernel(0.5).choice([1, 0], 2, 1, pi); // pi[0] = Phi(1 / (0.5 * sqrt 2)) = 0.9213503964748575
 */
export function probitKernel(sigma: number, quadrature: ProbitQuadrature = {}): SelectionKernel {
  return new ProbitKernel(sigma, quadrature);
}

/**
 * Producers more than `GAP` sigmas below the second best are outside the shared grid: when the best is
 * removed (marginal contribution), their column is integrated on its own grid, in coordinates relative
 * to its own maximum (see `ProbitKernel.welfareWithout`).
 */
const GAP = 40;
/** `a_j` below this (in sigmas under the column maximum) are clamped: every `Phi(u - a_j)` is 1 there. */
const FAR = -1e6;
/** Node x producer entries of the cache shared by `choice` and `welfareWithout` (two 16 MiB arrays). */
const CACHE_LIMIT = 1 << 21;

/**
 * The kernel's state: scratch buffers, the current grid and the node values of the last `choice`.
 * Coordinates are relative to the column maximum, `a_j = (q_j - max q) / sigma <= 0`, so nodes stay
 * within about a hundred of 0 and keep full precision whatever `q / sigma` is (absolute coordinates
 * `q / sigma` lose `log2(q / sigma)` bits: at `q / sigma = 1e11` two tied producers got
 * `pi = 0.5000000976`).
 */
class ProbitKernel implements SelectionKernel {
  private readonly sigma: number;
  private readonly fixedPanel: number | undefined;
  private readonly fixedRule: { nodes: Float64Array; weights: Float64Array };
  // the layout of the current grid (set by buildGrid)
  private rule = GL12;
  private G = GL12.nodes.length;
  private layoutPanel = 6;
  private size = 0;
  private a = new Float64Array(0);
  private sorted = new Float64Array(0);
  private cdf = new Float64Array(0);
  private pdf = new Float64Array(0);
  private pre = new Float64Array(0);
  private suf = new Float64Array(0);
  private acc = new Float64Array(0);
  private left = new Float64Array(0);
  private reduced = new Float64Array(0);
  private reducedPi = new Float64Array(0);
  // panels of the current grid: start and width
  private panelLo = new Float64Array(0);
  private panelWidth = new Float64Array(0);
  private panels = 0;
  /** Index of the column maximum, and whether its removal needs its own grid (second best > GAP below). */
  private argTop = 0;
  private topApart = false;
  // Node values of the last `choice`, reused by `welfareWithout` on the same column (the marginal-
  // contribution rule asks for both): per node and producer Phi and term = phi_i prod_{j != i} Phi_j,
  // and per node its abscissa and weight.
  private cacheCdf = new Float64Array(0);
  private cacheTerm = new Float64Array(0);
  private cacheU = new Float64Array(0);
  private cacheW = new Float64Array(0);
  private cacheQ = new Float64Array(0);
  private cacheNodes = 0;
  private cacheN = 0;
  private cacheTopApart = false;
  private cacheArgTop = 0;

  constructor(sigma: number, quadrature: ProbitQuadrature) {
    this.sigma = sigma;
    this.fixedPanel = quadrature.panel;
    this.fixedRule = quadrature.points === undefined ? GL12 : gaussLegendre(quadrature.points);
  }

  choice(q: ArrayLike<number>, n: number, _cap: number, out: Float64Array): void {
    if (n === 1) {
      out[0] = 1;
      return;
    }
    this.buildGrid(q, n);
    this.integrateChoice(q, n);
    // The quadrature leaves the sum within 1e-10 of 1; dividing by it keeps sum_i pi_i = 1 and so
    // U_t = sum_i pi_i q_i <= max_i q_i to rounding (the bounds the identities and the cap rely on).
    let total = 0;
    for (let i = 0; i < n; i++) total += this.acc[i]!;
    for (let i = 0; i < n; i++) out[i] = this.acc[i]! / total;
  }

  beats(x: number, y: number): number {
    return normalCdf((x - y) / (this.sigma * Math.SQRT2));
  }

  pairwiseMeans(q: ArrayLike<number>, n: number, _cap: number, out: Float64Array): void {
    if (n === 1) {
      out[0] = 1;
      return;
    }
    // divided, not multiplied by the reciprocal: 1 / (sigma sqrt 2) overflows for sigma < 1e-308
    const scale = this.sigma * Math.SQRT2;
    for (let i = 0; i < n; i++) out[i] = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const p = normalCdf((q[i]! - q[j]!) / scale);
        out[i] = out[i]! + p;
        out[j] = out[j]! + (1 - p);
      }
    }
    const inv = 1 / (n - 1);
    for (let i = 0; i < n; i++) out[i] = out[i]! * inv;
  }

  welfareWithout(q: ArrayLike<number>, n: number, cap: number, _pi: Float64Array, out: Float64Array): void {
    if (n <= 2) {
      if (n === 1) out[0] = 0;
      else {
        out[0] = q[1]!;
        out[1] = q[0]!;
      }
      return;
    }
    this.acc.fill(0, 0, n);
    let topApart: boolean;
    let argTop: number;
    if (this.cacheHit(q, n)) {
      this.withoutFromCache(q, n);
      topApart = this.cacheTopApart;
      argTop = this.cacheArgTop;
    } else {
      this.buildGrid(q, n);
      this.withoutFresh(q, n);
      topApart = this.topApart;
      argTop = this.argTop;
    }
    for (let k = 0; k < n; k++) out[k] = this.acc[k]!;
    if (topApart) out[argTop] = this.welfareOfReduced(q, n, cap, argTop);
  }

  private ensure(n: number): void {
    if (this.size >= n) return;
    const size = Math.max(n, 2 * this.size);
    this.size = size;
    this.a = new Float64Array(size);
    this.sorted = new Float64Array(size);
    this.cdf = new Float64Array(size);
    this.pdf = new Float64Array(size);
    this.pre = new Float64Array(size + 1);
    this.suf = new Float64Array(size + 1);
    this.acc = new Float64Array(size);
    this.left = new Float64Array(size);
  }

  private addPanel(lo: number, width: number): void {
    if (this.panels === this.panelLo.length) {
      const grow = (x: Float64Array) => {
        const y = new Float64Array(Math.max(16, 2 * x.length));
        y.set(x);
        return y;
      };
      this.panelLo = grow(this.panelLo);
      this.panelWidth = grow(this.panelWidth);
    }
    this.panelLo[this.panels] = lo;
    this.panelWidth[this.panels] = width;
    this.panels++;
  }

  /** Cuts `[lo, hi]` into equal panels no wider than `maxWidth`. */
  private addPanels(lo: number, hi: number, maxWidth: number): void {
    if (!(hi > lo)) return;
    const count = Math.max(1, Math.ceil((hi - lo) / maxWidth));
    const width = (hi - lo) / count;
    for (let p = 0; p < count; p++) this.addPanel(lo + p * width, width);
  }

  /**
   * Step 1: relative coordinates `a_j = (q_j - max q) / sigma` (clamped at `FAR`), sorted, and the
   * index of the maximum.
   */
  private relativeCoordinates(q: ArrayLike<number>, n: number): void {
    this.ensure(n);
    let top = 0;
    for (let i = 1; i < n; i++) if (q[i]! > q[top]!) top = i;
    const qmax = q[top]!;
    const a = this.a;
    for (let i = 0; i < n; i++) {
      // q_j - qmax is exact when the two are within a factor 2 (Sterbenz) and the quotient may
      // overflow to -Infinity for tiny sigma: the clamp keeps every later difference finite.
      const rel = (q[i]! - qmax) / this.sigma;
      a[i] = Math.max(rel, FAR);
      this.sorted[i] = a[i]!;
    }
    a[top] = 0;
    this.sorted.subarray(0, n).sort();
    this.argTop = top;
  }

  /**
   * Step 2: the integration floor. Every `choice` integrand is below `phi(u)` or `Phi(u)` (the best
   * producer's factors), so nothing lies below -9. `welfareWithout` of the best producer needs the
   * grid down to the third best minus 9 (the old floor); when the second best is more than `GAP`
   * below, that removal gets its own grid instead (`topApart`) and the shared grid stops at -9.
   */
  private floorFor(n: number): number {
    const sorted = this.sorted;
    this.topApart = false;
    if (n < 3) return -9;
    const second = sorted[n - 2]!;
    if (second < -GAP) {
      this.topApart = true;
      return -9;
    }
    return Math.max(sorted[n - 3]!, second - GAP) - 9;
  }

  /** Step 3: the panel layout, by the largest cluster of producers within 2 of each other above `floor`. */
  private chooseLayout(n: number, floor: number): void {
    const sorted = this.sorted;
    let cluster = 1;
    let first = 0;
    while (first < n - 1 && sorted[first]! + WINDOW < floor) first++;
    for (let lo = first, hi = first; hi < n; hi++) {
      while (sorted[hi]! - sorted[lo]! > 2) lo++;
      cluster = Math.max(cluster, hi - lo + 1);
    }
    const layout: Layout =
      this.fixedPanel === undefined ? layoutFor(cluster) : { panel: this.fixedPanel, rule: this.fixedRule };
    this.rule = layout.rule;
    this.G = layout.rule.nodes.length;
    this.layoutPanel = layout.panel;
  }

  /** Step 4: cuts the union of the windows `[a_i - WINDOW, a_i + WINDOW]` above `floor` into panels. */
  private cutPanels(n: number, floor: number): void {
    const sorted = this.sorted;
    this.panels = 0;
    let lo = sorted[0]! - WINDOW;
    let hi = sorted[0]! + WINDOW;
    for (let s = 1; s <= n; s++) {
      if (s < n && sorted[s]! - WINDOW <= hi) {
        hi = sorted[s]! + WINDOW;
        continue;
      }
      if (hi > floor) {
        // The core, within 3 of the group's producers, holds the sharp features (the peaks of the
        // integrands); beyond it only Gaussian tails remain, smooth on a wider scale, so the tail
        // zones take panels twice as wide.
        const core = this.layoutPanel;
        const coreLo = Math.max(lo + WINDOW - 3, floor);
        const coreHi = hi - WINDOW + 3;
        lo = Math.max(lo, floor);
        if (coreLo > lo) this.addPanels(lo, coreLo, 2 * core);
        this.addPanels(Math.max(lo, coreLo), coreHi, core);
        this.addPanels(coreHi, hi, 2 * core);
      }
      if (s < n) {
        lo = sorted[s]! - WINDOW;
        hi = sorted[s]! + WINDOW;
      }
    }
  }

  /** Steps 1-4: the grid for the column `q[0..n)`. */
  private buildGrid(q: ArrayLike<number>, n: number): void {
    this.relativeCoordinates(q, n);
    const floor = this.floorFor(n);
    this.chooseLayout(n, floor);
    this.cutPanels(n, floor);
  }

  /** Fills `cdf`, `pdf`, and the prefix/suffix products of `cdf` at node `u`. */
  private fillNode(u: number, n: number): void {
    normalAtShifts(u, this.a, n, this.cdf, this.pdf);
    const { pre, suf, cdf } = this;
    pre[0] = 1;
    for (let j = 0; j < n; j++) pre[j + 1] = pre[j]! * cdf[j]!;
    suf[n] = 1;
    for (let j = n - 1; j >= 0; j--) suf[j] = suf[j + 1]! * cdf[j]!;
  }

  /** Step 5 (`choice`): `acc_i = integral phi_i prod_{j != i} Phi_j` over the grid, filling the cache. */
  private integrateChoice(q: ArrayLike<number>, n: number): void {
    const { acc, rule, G } = this;
    acc.fill(0, 0, n);
    const nodes = this.panels * G;
    const caching = nodes * n <= CACHE_LIMIT;
    if (caching && this.cacheCdf.length < nodes * n) {
      this.cacheCdf = new Float64Array(2 * nodes * n);
      this.cacheTerm = new Float64Array(2 * nodes * n);
    }
    if (caching && this.cacheW.length < nodes) {
      this.cacheW = new Float64Array(2 * nodes);
      this.cacheU = new Float64Array(2 * nodes);
    }
    if (this.cacheQ.length < n) this.cacheQ = new Float64Array(2 * n);
    const { cacheCdf, cacheTerm, cacheW, cacheU, pdf, pre, suf, cdf } = this;
    let node = 0;
    for (let p = 0; p < this.panels; p++) {
      const half = this.panelWidth[p]! / 2;
      const mid = this.panelLo[p]! + half;
      for (let g = 0; g < G; g++) {
        const u = mid + half * rule.nodes[g]!;
        this.fillNode(u, n);
        const w = half * rule.weights[g]!;
        const base = node * n;
        for (let i = 0; i < n; i++) {
          const term = pdf[i]! * pre[i]! * suf[i + 1]!;
          acc[i] = acc[i]! + w * term;
          if (caching) {
            cacheTerm[base + i] = term;
            cacheCdf[base + i] = cdf[i]!;
          }
        }
        if (caching) {
          cacheW[node] = w;
          cacheU[node] = u;
        }
        node++;
      }
    }
    for (let i = 0; i < n; i++) this.cacheQ[i] = q[i]!;
    this.cacheN = n;
    this.cacheNodes = caching ? nodes : 0;
    this.cacheTopApart = this.topApart;
    this.cacheArgTop = this.argTop;
  }

  private cacheHit(q: ArrayLike<number>, n: number): boolean {
    if (this.cacheN !== n || this.cacheNodes === 0) return false;
    for (let i = 0; i < n; i++) if (this.cacheQ[i] !== q[i]) return false;
    return true;
  }

  /*
   * Step 6 (`welfareWithout`): U_{-k} = integral sum_{i != k} q_i phi_i prod_{j != i,k} Phi_j =
   * integral S_{-k} / Phi_k, with S_{-k} = sum_{i != k} q_i term_i formed from prefix and suffix sums of
   * positive terms (no cancellation). Where Phi_k underflows, the products skipping k are formed directly.
   */

  /** Step 6 on the node values cached by the last `choice` of the same column. */
  private withoutFromCache(q: ArrayLike<number>, n: number): void {
    const { acc, left, cacheCdf, cacheTerm, cacheW, cacheU } = this;
    for (let node = 0; node < this.cacheNodes; node++) {
      const base = node * n;
      const w = cacheW[node]!;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        left[i] = sum;
        sum += q[i]! * cacheTerm[base + i]!;
      }
      let right = 0;
      let filled = false;
      for (let k = n - 1; k >= 0; k--) {
        const ck = cacheCdf[base + k]!;
        if (ck > TINY) acc[k] = acc[k]! + (w * (left[k]! + right)) / ck;
        else {
          // `a` still holds the cached column's coordinates (a cache hit means no other column since)
          if (!filled) this.fillNode(cacheU[node]!, n);
          filled = true;
          acc[k] = acc[k]! + w * this.directWithout(q, n, k);
        }
        right += q[k]! * cacheTerm[base + k]!;
      }
    }
  }

  /** Step 6 on a freshly built grid. */
  private withoutFresh(q: ArrayLike<number>, n: number): void {
    const { acc, left, rule, G, pdf, pre, suf, cdf } = this;
    for (let p = 0; p < this.panels; p++) {
      const half = this.panelWidth[p]! / 2;
      const mid = this.panelLo[p]! + half;
      for (let g = 0; g < G; g++) {
        this.fillNode(mid + half * rule.nodes[g]!, n);
        const w = half * rule.weights[g]!;
        let sum = 0;
        for (let i = 0; i < n; i++) {
          left[i] = sum;
          sum += q[i]! * pdf[i]! * pre[i]! * suf[i + 1]!;
        }
        let right = 0;
        for (let k = n - 1; k >= 0; k--) {
          const ck = cdf[k]!;
          if (ck > TINY) acc[k] = acc[k]! + (w * (left[k]! + right)) / ck;
          else acc[k] = acc[k]! + w * this.directWithout(q, n, k);
          right += q[k]! * pdf[k]! * pre[k]! * suf[k + 1]!;
        }
      }
    }
  }

  /** `sum_{i != k} q_i phi_i prod_{j != i,k} Phi_j` at the current node, by products that skip k. */
  private directWithout(q: ArrayLike<number>, n: number, k: number): number {
    const { pdf, cdf } = this;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      let prod = q[i]! * pdf[i]!;
      for (let j = 0; j < n && prod !== 0; j++) if (j !== i && j !== k) prod *= cdf[j]!;
      sum += prod;
    }
    return sum;
  }

  /**
   * Step 7: the welfare of the column without producer `k`, integrated on its own grid (relative to
   * its own maximum). Used for the best producer when the second best is far below it.
   */
  private welfareOfReduced(q: ArrayLike<number>, n: number, cap: number, k: number): number {
    if (this.reduced.length < n) {
      this.reduced = new Float64Array(n);
      this.reducedPi = new Float64Array(n);
    }
    let m = 0;
    for (let i = 0; i < n; i++) if (i !== k) this.reduced[m++] = q[i]!;
    this.choice(this.reduced, m, cap, this.reducedPi);
    let u = 0;
    for (let i = 0; i < m; i++) u += this.reducedPi[i]! * this.reduced[i]!;
    return u;
  }
}
