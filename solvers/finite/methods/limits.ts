/**
 * Default work limits of the finite-game methods and the upper-bound theorem that estimates the work
 * of the vertex enumeration and of Lemke-Howson before it starts.
 */
import { defaultMemoryBudget } from "../../../src/limits.js";
import { checkWorkLimit } from "../../../src/work.js";

/**
 * Default work limits of the finite methods, sized so that every size the reference tools run without
 * a flag runs here too, and refused before any work above that (the refusal names the option and the
 * `nash` flag that raise it). enummixed walks the vertices of one best-response polytope by reverse
 * search: its memory is one tableau per depth, so only time grows with the vertex count. Its estimate
 * is the upper-bound theorem's count for both polytopes (`polytopeVertexBound`; random games have far
 * fewer: about 6,700 of 24,752 at 12 x 12, 129,000 of 980,628 at 16 x 16): 3e7 admits square games up
 * to 19 x 19 (2.8e7; an 18 x 18 random game took 55 CPU s, lrsnash 85 s) and refuses 20 x 20 (8.0e7).
 * Lemke-Howson's paths are bounded by memory instead (`defaultMaxPaths`). The dynamics cost
 * `players x profiles` multiply-adds per iteration: 1e10 is a few tens of seconds.
 */
export const DEFAULT_MAX_VERTICES = 30_000_000;
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
 * Bytes the search for every accessible equilibrium keeps per Lemke-Howson path followed, for an
 * `m x n` game: the path's record and its two state keys, plus the two tableaux (`m + n` rows,
 * `m + n + 1` columns in all) of each equilibrium, found once per `m + n` paths. Measured on random
 * games (heap after the search): about 7 KB a path at 20 x 20 and 30 x 30; this bound, `192 (m + n + 1)`,
 * is 7.9 KB and 11.7 KB.
 *
 * @example
 * lcpBytesPerPath(30, 30); // 11712
 */
export function lcpBytesPerPath(m: number, n: number): number {
  return 192 * (m + n + 1);
}

/**
 * Default of `maxPaths` for an `m x n` game: the paths whose search state fits in `budget` bytes
 * (default `defaultMemoryBudget()`, half the heap limit), so the limit follows the machine's memory. The number
 * of paths cannot be bounded usefully before the search (the upper-bound theorem allows 1e16 at
 * 30 x 30, where random games follow 15,000 to 25,000), so it is counted as the search runs. With a
 * 4 GB heap it is about 185,000 paths at 30 x 30 (random 30 x 30 games take 30 to 55 CPU s) and
 * 275,000 at 20 x 20.
 *
 * @example
 * defaultMaxPaths(30, 30) > 25_000; // true on any machine with a heap of 600 MB or more
 */
export function defaultMaxPaths(m: number, n: number, budget = defaultMemoryBudget()): number {
  return Math.floor(budget / lcpBytesPerPath(m, n));
}

/**
 * The memory budget, in bytes, of the producer game's Lemke-Howson search: fixed (1 GiB), not the
 * machine's, because there the limit cuts the list of equilibria instead of refusing the run, and a
 * report must not depend on the machine.
 */
export const PRODUCER_LCP_MEMORY = 2 ** 30;

/**
 * Refuses Lemke-Howson with continuation on an `m x n` game once `paths` paths (default `m + n`, the
 * paths from the artificial equilibrium that always run) would exceed `maxPaths`: `WorkLimitError`
 * naming `maxPaths`. Checked by the facade before the search and by `lemkeHowson` (with `accessible`)
 * before each path, so a search refused after it started prints nothing but the refusal.
 *
 * @throws WorkLimitError when the paths exceed the limit.
 * @example
 * checkPathWork(30, 30, 1000, 1001); // throws: 1,001 Lemke-Howson paths ... exceed the limit of 1,000
 */
export function checkPathWork(m: number, n: number, maxPaths = defaultMaxPaths(m, n), paths = m + n): void {
  checkWorkLimit(
    "maxPaths",
    paths,
    maxPaths,
    `Lemke-Howson paths (${m} x ${n}, ${lcpBytesPerPath(m, n).toLocaleString("en-US")} bytes of search state each; startOnly follows ${m + n})`,
  );
}
