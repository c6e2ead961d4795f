/**
 * Default work limits of the finite-game methods and the upper-bound theorem that estimates the work
 * of the vertex enumeration and of Lemke-Howson before it starts.
 */
import { checkWorkLimit } from "../../../src/work.js";

/**
 * Default work limits of the finite methods, sized so that every size the reference tools run without
 * a flag runs here too, and refused before any work above that (the refusal names the option and the
 * `nash` flag that raise it). enummixed walks the vertices of one best-response polytope by reverse
 * search: its memory is one tableau per depth, so only time grows with the vertex count. Its estimate
 * is the upper-bound theorem's count for both polytopes (`polytopeVertexBound`; random games have far
 * fewer: about 6,700 of 24,752 at 12 x 12, 129,000 of 980,628 at 16 x 16): 3e7 admits square games up
 * to 19 x 19 (2.8e7; an 18 x 18 random game took 55 CPU s, lrsnash 85 s) and refuses 20 x 20 (8.0e7).
 * lcp follows up to `m + n` paths from the artificial equilibrium and from every equilibrium found,
 * bounded by `(m + n) x` the smaller vertex bound: 5e9 admits 21 x 21 (3.7e9; 20 x 20 random games
 * take about 2.3 s) and refuses 22 x 22 (1.1e10). The dynamics cost `players x profiles`
 * multiply-adds per iteration: 1e10 is a few tens of seconds.
 */
export const DEFAULT_MAX_VERTICES = 30_000_000;
export const DEFAULT_MAX_PATHS = 5_000_000_000;
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

/**
 * Refuses vertex enumeration of an `m x n` game whose polytopes may have more than `maxVertices`
 * vertices in all (upper-bound theorem): `WorkLimitError` naming `maxVertices`. Checked by
 * `enumMixed`, `isNondegenerate` and the facade alike.
 *
 * @throws WorkLimitError when the estimate exceeds the limit.
 * @example
 * checkVertexWork(20, 20); // throws: 80,120,040 best-response polytope vertices ... exceed the limit
 */
export function checkVertexWork(m: number, n: number, maxVertices = DEFAULT_MAX_VERTICES): void {
  checkWorkLimit(
    "maxVertices",
    polytopeVertexBound(m, m + n) + polytopeVertexBound(n, m + n),
    maxVertices,
    `best-response polytope vertices (upper bound for ${m} x ${n})`,
  );
}

/**
 * Refuses Lemke-Howson with continuation on an `m x n` game that may need more than `maxPaths` paths
 * (`(m + n)` times the smaller vertex bound): `WorkLimitError` naming `maxPaths`. Checked by
 * `lemkeHowson` (with `accessible`) and the facade alike.
 *
 * @throws WorkLimitError when the estimate exceeds the limit.
 * @example
 * checkPathWork(30, 30); // throws: ... Lemke-Howson paths ... exceed the limit
 */
export function checkPathWork(
  m: number,
  n: number,
  maxPaths = DEFAULT_MAX_PATHS,
  stopAfter = Number.POSITIVE_INFINITY,
): void {
  // a search stopped after `stopAfter` equilibria follows m + n paths from the artificial equilibrium
  // and m + n from each equilibrium found: that bounds its work whatever the vertex bound says
  const bound = Math.min(
    (m + n) * Math.min(polytopeVertexBound(m, m + n), polytopeVertexBound(n, m + n)),
    (m + n) * (stopAfter + 1),
  );
  checkWorkLimit(
    "maxPaths",
    bound,
    maxPaths,
    `Lemke-Howson paths (upper bound for ${m} x ${n}; startOnly follows ${m + n})`,
  );
}
