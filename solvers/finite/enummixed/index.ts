/**
 * `enummixed`: all extreme Nash equilibria of a two-player game, exactly, by vertex enumeration of the
 * two best-response polytopes, plus the maximal convex sets of equilibria (Gambit's `enummixed -c`).
 *
 * With payoffs made positive (`A, B > 0`, see `positiveIntegerBimatrix`), the best-response polytopes are
 *
 *   P = { x in R^m : x >= 0, B^T x <= 1 },   Q = { y in R^n : y >= 0, A y <= 1 }.
 *
 * Label `i < m` is present at `x` when `x_i = 0` and at `y` when `(A y)_i = 1`; label `m + j` at `y`
 * when `y_j = 0` and at `x` when `(B^T x)_j = 1`. A pair of vertices `(x, y) != (0, 0)` that together
 * carry every label is an extreme equilibrium after normalising `x / sum x`, `y / sum y`, and every
 * extreme point of the (possibly non-finite) equilibrium set arises this way, also for degenerate games
 * (Avis, Rosenberg, Savani, von Stengel 2010, Theorem 2 and sec. 3; Mangasarian 1964).
 *
 * Exactness: vertices come from integer pivoting, in doubles while every entry is at most 2^26 (so
 * every product is exact) and in BigInt after (no rounding anywhere), and every returned profile is
 * checked to have exactly zero regret.
 *
 * References: D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash equilibria for
 * two-player games", Economic Theory 42 (2010) 9-37; O. L. Mangasarian, "Equilibrium points of bimatrix
 * games", J. SIAM 12 (1964) 778-780; B. von Stengel, "Computing equilibria for two-person games",
 * Handbook of Game Theory vol. 3 (2002) ch. 45.
 */

import { assert } from "../../../src/errors.js";
import type { ProgressSink } from "../../../src/work.js";
import {
  type ExactProfile,
  type NormalFormGame,
  regretExact,
  requireTwoPlayers,
  toBimatrix,
} from "../game.js";
import { checkVertexWork } from "../methods/limits.js";
import { Rational } from "../rational.js";
import { positiveIntegerBimatrix } from "../tableau/integer-tableau.js";
import { maximalBicliques } from "./cliques.js";
import {
  newReverseSearchStats,
  type RawEquilibrium,
  type ReverseSearchStats,
  reverseSearchEquilibria,
} from "./reverse-search.js";

/** A maximal convex set of equilibria: `conv(rowStrategies) x conv(colStrategies)`. */
export interface ConvexSet {
  /** Extreme strategies of the row player in this set. */
  rowStrategies: Rational[][];
  /** Extreme strategies of the column player in this set. */
  colStrategies: Rational[][];
  /** Indices into `equilibria` of the set's extreme equilibria (all pairs row x column), ascending. */
  equilibria: number[];
}

/** Options of `enumMixed`. */
export interface EnumMixedOptions {
  /** Receives progress (vertices visited, equilibria found) during the search. */
  progress?: ProgressSink;
  /**
   * Largest upper bound (upper-bound theorem, both polytopes) on the vertices enumerated; a larger
   * game is refused before any work (default `DEFAULT_MAX_VERTICES`, 3e7: square games to 19 x 19).
   */
  maxVertices?: number;
}

/** How the enumeration went: sizes and the arithmetic used. */
export interface EnumMixedStats extends ReverseSearchStats {
  /** The player whose best-response polytope was enumerated (the one with fewer strategies). */
  enumerated: "row" | "column";
}

/** Result of `enumMixed`. */
export interface EnumMixedResult {
  /** All extreme equilibria, exact, each with zero regret. */
  equilibria: ExactProfile[];
  /** The checked regret of each equilibrium's players (all exactly 0). */
  regrets: Rational[][];
  /** The maximal convex sets (maximal bicliques of the extreme-equilibrium graph). */
  convexSets: ConvexSet[];
  /** Always `true`: vertex enumeration has no iteration cap. */
  complete: true;
  /**
   * Counters: vertices and bases of the enumerated polytope, pivots done in doubles and in BigInt,
   * `conversions` > 0 when a tableau left the exact double range (the BigInt fallback was taken).
   */
  stats: EnumMixedStats;
}

function key(x: readonly Rational[]): string {
  return x.map((r) => r.toString()).join(",");
}

/**
 * All extreme equilibria of a two-player game, exact, with the maximal convex sets of equilibria.
 *
 * Idea (lrsnash's): lexicographic reverse search over the best-response polytope of the player with
 * fewer strategies, the other polytope's complementary basis pivoted in lock-step; each vertex's face
 * of complementary labels in the other polytope is its basic point, or enumerated exactly at
 * degenerate vertices (`reverseSearchEquilibria`). Integer pivoting in doubles while exact, BigInt
 * after. The maximal bicliques of the bipartite graph of extreme equilibria are the maximal convex
 * sets (Bron-Kerbosch). Every profile is checked to have zero regret.
 *
 * @throws InputError naming `game` for games that do not have exactly two players.
 * @throws WorkLimitError (`maxVertices`) for games above the vertex limit.
 * @throws InternalError if a computed profile had positive regret (a bug, never expected).
 * @example
 * const { equilibria } = enumMixed(fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]));
 * equilibria.map((p) => p.map((x) => x.map(String))); // [[["1/2","1/2"],["1/2","1/2"]]]
 */
export function enumMixed(game: NormalFormGame, options: EnumMixedOptions = {}): EnumMixedResult {
  const [m, n] = requireTwoPlayers(game, "enummixed");
  checkVertexWork(m, n, options.maxVertices);
  const { A: Ar, B: Br } = toBimatrix(game);
  const { A, B } = positiveIntegerBimatrix(Ar, Br);
  // the polytope of the player with fewer strategies has the lower dimension: fewer vertices
  const swap = n < m;
  const stats: EnumMixedStats = {
    ...newReverseSearchStats(),
    enumerated: swap ? "column" : "row",
  };
  const At = (M: bigint[][]) =>
    Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => M[i]![j]!));

  const rowNodes: Rational[][] = [];
  const rowIndex = new Map<string, number>();
  const colNodes: Rational[][] = [];
  const colIndex = new Map<string, number>();
  const pairSeen = new Set<string>();
  const edges: [number, number][] = [];
  const equilibria: ExactProfile[] = [];
  const regrets: Rational[][] = [];
  const nodeOf = (nums: readonly bigint[], nodes: Rational[][], index: Map<string, number>): number => {
    let s = 0n;
    for (const c of nums) s += c;
    const x = nums.map((c) => Rational.of(c, s));
    const k = key(x);
    let i = index.get(k);
    if (i === undefined) {
      i = nodes.length;
      nodes.push(x);
      index.set(k, i);
    }
    return i;
  };
  const onPair = (e: RawEquilibrium): void => {
    const [xs, ys] = swap ? [e.y, e.x] : [e.x, e.y];
    const i = nodeOf(xs, rowNodes, rowIndex);
    const j = nodeOf(ys, colNodes, colIndex);
    const pk = `${i}:${j}`;
    if (pairSeen.has(pk)) return;
    pairSeen.add(pk);
    const profile: ExactProfile = [rowNodes[i]!, colNodes[j]!];
    const regret = regretExact(game, profile);
    assert(
      regret.every((r) => r.isZero()),
      `enummixed: profile ${key(profile[0]!)};${key(profile[1]!)} has regret`,
    );
    edges.push([i, j]);
    equilibria.push(profile);
    regrets.push(regret);
  };
  // swapped: the column player's polytope is enumerated, i.e. the game (B^T, A^T) with roles exchanged
  const searchOptions = options.progress === undefined ? {} : { progress: options.progress };
  if (swap) reverseSearchEquilibria(At(B), At(A), onPair, stats, searchOptions);
  else reverseSearchEquilibria(A, B, onPair, stats, searchOptions);

  const eqIndex = new Map(edges.map(([i, j], k) => [`${i}:${j}`, k]));
  const convexSets: ConvexSet[] = maximalBicliques(rowNodes.length, colNodes.length, edges).map((b) => {
    const idx: number[] = [];
    for (const i of b.left) for (const j of b.right) idx.push(eqIndex.get(`${i}:${j}`)!);
    idx.sort((a, c) => a - c);
    return {
      rowStrategies: b.left.map((i) => rowNodes[i]!),
      colStrategies: b.right.map((j) => colNodes[j]!),
      equilibria: idx,
    };
  });
  return { equilibria, regrets, convexSets, complete: true, stats };
}

export { type Biclique, maximalBicliques } from "./cliques.js";

/**
 * `true` when the two-player game is non-degenerate: no mixed strategy with support size k has more
 * than k pure best responses (von Stengel 2002, def. 3.2). Equivalently every vertex of the
 * best-response polytopes P and Q carries exactly as many labels as the dimension (a point with more
 * labels lies on a face that contains a vertex with at least those labels). Walks the vertices of P,
 * then of Q, by the same reverse search as `enumMixed` (memory: one tableau per depth) and stops at
 * the first degenerate vertex.
 *
 * @throws InputError naming `game` for games that do not have exactly two players
 * @throws WorkLimitError (`maxVertices`) for games above the vertex limit (`options.maxVertices`)
 * @example
 * isNondegenerate(fromBimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]])); // false
 */
export function isNondegenerate(game: NormalFormGame, options: EnumMixedOptions = {}): boolean {
  const [m, n] = requireTwoPlayers(game, "isNondegenerate");
  checkVertexWork(m, n, options.maxVertices);
  const { A: Ar, B: Br } = toBimatrix(game);
  const { A, B } = positiveIntegerBimatrix(Ar, Br);
  const T = (M: bigint[][]) =>
    Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => M[i]![j]!));
  const walk = {
    verticesOnly: true,
    stopAtDegenerate: true,
    ...(options.progress ? { progress: options.progress } : {}),
  };
  const stats = newReverseSearchStats();
  // P = { x : B^T x <= 1 }, then Q = { y : A y <= 1 } as the P of the game (B^T, A^T)
  reverseSearchEquilibria(A, B, () => {}, stats, walk);
  if (stats.degenerateVertices > 0) return false;
  reverseSearchEquilibria(T(B), T(A), () => {}, stats, walk);
  return stats.degenerateVertices === 0;
}
