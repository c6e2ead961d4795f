/**
 * Default work limits of the finite-game methods and the upper-bound theorem that estimates the work
 * of the vertex enumeration and of Lemke-Howson before it starts.
 */

/**
 * Default work limits of `solveFinite` (memory budget: about 1 GB of heap at the limits). enummixed
 * stores every vertex of both best-response polytopes as exact rationals: 1,000,000 vertices by the
 * upper-bound theorem admits square games up to 15 x 15 (a random 12 x 12 game has about 6,700
 * vertices per polytope against a bound of 24,752; 20 x 20 has a bound of 4e7 and ran out of a 4 GB
 * heap). lcp follows up to `m + n` paths from the artificial equilibrium and from every equilibrium
 * found, bounded by `(m + n) x` the smaller vertex bound: 1e8 admits 17 x 17. The dynamics cost
 * `players x profiles` multiply-adds per iteration: 1e10 is a few tens of seconds.
 */
export const DEFAULT_MAX_VERTICES = 1_000_000;
export const DEFAULT_MAX_PATHS = 100_000_000;
export const DEFAULT_MAX_EVALUATIONS = 1e10;

/**
 * Upper bound on the vertices of a `d`-dimensional polytope with `k` facets (McMullen's upper-bound
 * theorem; the cyclic polytope attains it): `C(k - ceil(d/2), floor(d/2)) + C(k - floor(d/2) - 1,
 * ceil(d/2) - 1)`. The best-response polytope of the player with `m` strategies against `n` has
 * dimension `m` and `m + n` facets (von Stengel 2002, Handbook of Game Theory vol. 3, ch. 45, sec. 3).
 *
 * @example
 * polytopeVertexBound(12, 24); // 24752
 */
export function polytopeVertexBound(d: number, k: number): number {
  if (d <= 0) return 1;
  const lo = Math.floor(d / 2);
  const hi = Math.ceil(d / 2);
  return binomial(k - hi, lo) + binomial(k - lo - 1, hi - 1);
}

function binomial(n: number, r: number): number {
  if (r < 0 || r > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(r, n - r); i++) c = (c * (n - Math.min(r, n - r) + i)) / i;
  return Math.round(c);
}
