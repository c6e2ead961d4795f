/**
 * Gauss-Legendre quadrature rules.
 */

/**
 * Nodes and weights of the `m`-point Gauss-Legendre rule on `[-1, 1]`, computed to machine precision
 * by Newton's method on the Legendre polynomial `P_m` (Golub & Welsch give the same nodes; see also
 * Press et al., Numerical Recipes, section 4.6). Exact for polynomials of degree `2m - 1`.
 *
 * @example
 * const { nodes, weights } = gaussLegendre(2); // nodes = [-1/sqrt(3), 1/sqrt(3)], weights = [1, 1]
 */
export function gaussLegendre(m: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(m);
  const weights = new Float64Array(m);
  for (let i = 0; i < Math.ceil(m / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (m + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let j = 2; j <= m; j++) {
        const p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
        p0 = p1;
        p1 = p2;
      }
      const pm = m === 1 ? x : p1;
      const pm1 = m === 1 ? 1 : p0;
      dp = (m * (x * pm - pm1)) / (x * x - 1);
      const dx = pm / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = -x;
    nodes[m - 1 - i] = x;
    const w = 2 / ((1 - x * x) * dp * dp);
    weights[i] = w;
    weights[m - 1 - i] = w;
  }
  return { nodes, weights };
}
