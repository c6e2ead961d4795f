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
  const fixedPanel = quadrature.panel;
  const fixedRule = quadrature.points === undefined ? GL12 : gaussLegendre(quadrature.points);
  // the layout of the current grid (set by buildGrid)
  let rule = GL12;
  let G = rule.nodes.length;
  let cap = 0;
  let a = new Float64Array(0);
  let sorted = new Float64Array(0);
  let cdf = new Float64Array(0);
  let pdf = new Float64Array(0);
  let pre = new Float64Array(0);
  let suf = new Float64Array(0);
  let acc = new Float64Array(0);
  let left = new Float64Array(0);
  // panels of the current grid: start and width
  let panelLo = new Float64Array(0);
  let panelWidth = new Float64Array(0);
  let panels = 0;
  // Node values of the last `choice`, reused by `welfareWithout` on the same column (the marginal-
  // contribution rule asks for both): per node and producer Phi and term = phi_i prod_{j != i} Phi_j,
  // and per node its abscissa and weight.
  let cacheCdf = new Float64Array(0);
  let cacheTerm = new Float64Array(0);
  let cacheU = new Float64Array(0);
  let cacheW = new Float64Array(0);
  let cacheQ = new Float64Array(0);
  let cacheNodes = 0;
  let cacheN = 0;
  const CACHE_LIMIT = 1 << 21; // node x producer entries (two 16 MiB arrays at most)

  function ensure(n: number): void {
    if (cap >= n) return;
    cap = Math.max(n, 2 * cap);
    a = new Float64Array(cap);
    sorted = new Float64Array(cap);
    cdf = new Float64Array(cap);
    pdf = new Float64Array(cap);
    pre = new Float64Array(cap + 1);
    suf = new Float64Array(cap + 1);
    acc = new Float64Array(cap);
    left = new Float64Array(cap);
  }

  function addPanel(lo: number, width: number): void {
    if (panels === panelLo.length) {
      const grow = (x: Float64Array) => {
        const y = new Float64Array(Math.max(16, 2 * x.length));
        y.set(x);
        return y;
      };
      panelLo = grow(panelLo);
      panelWidth = grow(panelWidth);
    }
    panelLo[panels] = lo;
    panelWidth[panels] = width;
    panels++;
  }

  /** Cuts `[lo, hi]` into equal panels no wider than `maxWidth`. */
  function addPanels(lo: number, hi: number, maxWidth: number): void {
    if (!(hi > lo)) return;
    const count = Math.max(1, Math.ceil((hi - lo) / maxWidth));
    const width = (hi - lo) / count;
    for (let p = 0; p < count; p++) addPanel(lo + p * width, width);
  }

  /** Cuts the union of the windows `[a_i - WINDOW, a_i + WINDOW]` into panels. */
  function buildGrid(q: ArrayLike<number>, n: number): void {
    ensure(n);
    for (let i = 0; i < n; i++) {
      a[i] = q[i]! / sigma;
      sorted[i] = a[i]!;
    }
    sorted.subarray(0, n).sort();
    panels = 0;
    let cluster = 1;
    for (let lo = 0, hi = 0; hi < n; hi++) {
      while (sorted[hi]! - sorted[lo]! > 2) lo++;
      cluster = Math.max(cluster, hi - lo + 1);
    }
    const layout: Layout =
      fixedPanel === undefined ? layoutFor(cluster) : { panel: fixedPanel, rule: fixedRule };
    rule = layout.rule;
    G = rule.nodes.length;
    // Below a_(3) - 9 (a_(3) the third largest) every integrand, even with one of the top two
    // producers removed, holds a factor Phi(u - a_j) < 1.2e-19 with a_j >= a_(3): nothing to integrate.
    const floor = n >= 3 ? sorted[n - 3]! - 9 : Number.NEGATIVE_INFINITY;
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
        const core = layout.panel;
        const coreLo = Math.max(lo + WINDOW - 3, floor);
        const coreHi = hi - WINDOW + 3;
        lo = Math.max(lo, floor);
        if (coreLo > lo) addPanels(lo, coreLo, 2 * core);
        addPanels(Math.max(lo, coreLo), coreHi, core);
        addPanels(coreHi, hi, 2 * core);
      }
      if (s < n) {
        lo = sorted[s]! - WINDOW;
        hi = sorted[s]! + WINDOW;
      }
    }
  }

  /** Prefix and suffix products of `cdf`. */
  function products(n: number): void {
    pre[0] = 1;
    for (let j = 0; j < n; j++) pre[j + 1] = pre[j]! * cdf[j]!;
    suf[n] = 1;
    for (let j = n - 1; j >= 0; j--) suf[j] = suf[j + 1]! * cdf[j]!;
  }

  function cacheHit(q: ArrayLike<number>, n: number): boolean {
    if (cacheN !== n || cacheNodes === 0) return false;
    for (let i = 0; i < n; i++) if (cacheQ[i] !== q[i]) return false;
    return true;
  }

  /** Fills `cdf`, `pdf`, and the prefix/suffix products of `cdf` at node `u`. */
  function fillNode(u: number, n: number): void {
    normalAtShifts(u, a, n, cdf, pdf);
    products(n);
  }

  return {
    choice(q, n, _cap, out) {
      if (n === 1) {
        out[0] = 1;
        return;
      }
      buildGrid(q, n);
      acc.fill(0, 0, n);
      const nodes = panels * G;
      const caching = nodes * n <= CACHE_LIMIT;
      if (caching && cacheCdf.length < nodes * n) {
        cacheCdf = new Float64Array(2 * nodes * n);
        cacheTerm = new Float64Array(2 * nodes * n);
      }
      if (caching && cacheW.length < nodes) {
        cacheW = new Float64Array(2 * nodes);
        cacheU = new Float64Array(2 * nodes);
      }
      if (cacheQ.length < n) cacheQ = new Float64Array(2 * n);
      let node = 0;
      for (let p = 0; p < panels; p++) {
        const half = panelWidth[p]! / 2;
        const mid = panelLo[p]! + half;
        for (let g = 0; g < G; g++) {
          const u = mid + half * rule.nodes[g]!;
          fillNode(u, n);
          const w = half * rule.weights[g]!;
          const base = node * n;
          // pi_i integrand: term_i = phi_i prod_{j != i} Phi_j
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
      for (let i = 0; i < n; i++) {
        out[i] = acc[i]!;
        cacheQ[i] = q[i]!;
      }
      cacheN = n;
      cacheNodes = caching ? nodes : 0;
    },
    beats(x, y) {
      return normalCdf((x - y) / (sigma * Math.SQRT2));
    },
    pairwiseMeans(q, n, _cap, out) {
      if (n === 1) {
        out[0] = 1;
        return;
      }
      const scale = 1 / (sigma * Math.SQRT2);
      for (let i = 0; i < n; i++) out[i] = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const p = normalCdf((q[i]! - q[j]!) * scale);
          out[i] = out[i]! + p;
          out[j] = out[j]! + (1 - p);
        }
      }
      const inv = 1 / (n - 1);
      for (let i = 0; i < n; i++) out[i] = out[i]! * inv;
    },
    welfareWithout(q, n, _cap, _pi, out) {
      if (n <= 2) {
        if (n === 1) out[0] = 0;
        else {
          out[0] = q[1]!;
          out[1] = q[0]!;
        }
        return;
      }
      acc.fill(0, 0, n);
      // U_{-k} = integral sum_{i != k} q_i phi_i prod_{j != i,k} Phi_j = integral S_{-k} / Phi_k, with
      // S_{-k} = sum_{i != k} q_i term_i formed from prefix and suffix sums of positive terms (no
      // cancellation). Where Phi_k underflows, the products skipping k are formed directly.
      if (cacheHit(q, n)) {
        for (let node = 0; node < cacheNodes; node++) {
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
              if (!filled) fillNode(cacheU[node]!, n);
              filled = true;
              acc[k] = acc[k]! + w * directWithout(q, n, k);
            }
            right += q[k]! * cacheTerm[base + k]!;
          }
        }
      } else {
        buildGrid(q, n);
        for (let p = 0; p < panels; p++) {
          const half = panelWidth[p]! / 2;
          const mid = panelLo[p]! + half;
          for (let g = 0; g < G; g++) {
            fillNode(mid + half * rule.nodes[g]!, n);
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
              else acc[k] = acc[k]! + w * directWithout(q, n, k);
              right += q[k]! * pdf[k]! * pre[k]! * suf[k + 1]!;
            }
          }
        }
      }
      for (let k = 0; k < n; k++) out[k] = acc[k]!;
    },
  };

  /** `sum_{i != k} q_i phi_i prod_{j != i,k} Phi_j` at the current node, by products that skip k. */
  function directWithout(q: ArrayLike<number>, n: number, k: number): number {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      let prod = q[i]! * pdf[i]!;
      for (let j = 0; j < n && prod !== 0; j++) if (j !== i && j !== k) prod *= cdf[j]!;
      sum += prod;
    }
    return sum;
  }
}
