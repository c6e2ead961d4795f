/**
 * The enumerator `enummixed` used before the reverse search, kept as the test oracle:
 * depth-first enumeration of ALL vertices of both best-response polytopes (BigInt integer pivoting,
 * visited set of bases), then every completely labelled pair. Independent of the reverse search and
 * the hybrid arithmetic; slow (quadratic in the vertex counts), for tests only.
 */

import { maximalBicliques } from "../../solvers/finite/enummixed/cliques.js";
import {
  type ExactProfile,
  type NormalFormGame,
  regretExact,
  toBimatrix,
} from "../../solvers/finite/game.js";
import { Rational } from "../../solvers/finite/rational.js";
import {
  enumerateVertices,
  type PolytopeVertex,
  positiveIntegerBimatrix,
} from "../../solvers/finite/tableau/integer-tableau.js";

/** A maximal convex set of equilibria: `conv(rowStrategies) x conv(colStrategies)`. */
export interface ConvexSet {
  /** Extreme strategies of the row player in this set. */
  rowStrategies: Rational[][];
  /** Extreme strategies of the column player in this set. */
  colStrategies: Rational[][];
  /** Indices into `equilibria` of the set's extreme equilibria (all pairs row x column). */
  equilibria: number[];
}

/** Result of `referenceEnumMixed`. */
export interface EnumMixedResult {
  /** All extreme equilibria, exact, each with zero regret. */
  equilibria: ExactProfile[];
  /** The checked regret of each equilibrium's players (all exactly 0). */
  regrets: Rational[][];
  /** The maximal convex sets (maximal bicliques of the extreme-equilibrium graph). */
  convexSets: ConvexSet[];
  /** Vertices of P and Q found (including the origin). */
  vertexCounts: [number, number];
  /** Always `true`: vertex enumeration has no iteration cap. */
  complete: true;
}

function normalise(v: PolytopeVertex): Rational[] {
  let s = 0n;
  for (const c of v.coords) s += c;
  return v.coords.map((c) => Rational.of(c, s));
}

function key(x: readonly Rational[]): string {
  return x.map((r) => r.toString()).join(",");
}

/**
 * All extreme equilibria of a two-player game, exact, with the maximal convex sets of equilibria.
 * Throws `RangeError` for games that do not have exactly two players.
 *
 * Idea: enumerate the vertices of P and Q (lexicographic integer pivoting, `enumerateVertices`), keep
 * the completely labelled pairs, normalise; then the maximal bicliques of the bipartite graph of those
 * pairs are the maximal convex sets (Bron-Kerbosch).
 *
 * @example
 * const { equilibria } = enumMixed(fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]));
 * equilibria.map((p) => p.map((x) => x.map(String))); // [[["1/2","1/2"],["1/2","1/2"]]]
 */
export function referenceEnumMixed(game: NormalFormGame): EnumMixedResult {
  if (game.shape.length !== 2) throw new RangeError("enummixed: the game must have exactly two players");
  const [m, n] = game.shape as [number, number];
  const { A: Ar, B: Br } = toBimatrix(game);
  const { A, B } = positiveIntegerBimatrix(Ar, Br);
  const Bt: bigint[][] = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => B[i]![j]!));
  // P: variables x (labels 0..m-1), constraints B^T x <= 1 (labels m..m+n-1)
  const vp = enumerateVertices(Bt, 0, m, m + n);
  // Q: variables y (labels m..m+n-1), constraints A y <= 1 (labels 0..m-1)
  const vq = enumerateVertices(A, m, 0, m + n);
  const words = Math.ceil((m + n) / 32);
  const full = new Uint32Array(words);
  for (let l = 0; l < m + n; l++) full[l >>> 5]! |= 1 << (l & 31);
  const isZero = (v: PolytopeVertex) => v.coords.every((c) => c === 0n);
  const px = vp.filter((v) => !isZero(v));
  const qy = vq.filter((v) => !isZero(v));

  const rowNodes: Rational[][] = [];
  const rowIndex = new Map<string, number>();
  const colNodes: Rational[][] = [];
  const colIndex = new Map<string, number>();
  const pairSeen = new Set<string>();
  const edges: [number, number][] = [];
  const equilibria: ExactProfile[] = [];
  const regrets: Rational[][] = [];
  const nodeOf = (v: PolytopeVertex, nodes: Rational[][], index: Map<string, number>): number => {
    const x = normalise(v);
    const k = key(x);
    let i = index.get(k);
    if (i === undefined) {
      i = nodes.length;
      nodes.push(x);
      index.set(k, i);
    }
    return i;
  };
  for (const x of px) {
    for (const y of qy) {
      let ok = true;
      for (let w = 0; w < words && ok; w++) ok = (x.labels[w]! | y.labels[w]!) >>> 0 === full[w]! >>> 0;
      if (!ok) continue;
      const i = nodeOf(x, rowNodes, rowIndex);
      const j = nodeOf(y, colNodes, colIndex);
      const pk = `${i}:${j}`;
      if (pairSeen.has(pk)) continue;
      pairSeen.add(pk);
      const profile: ExactProfile = [rowNodes[i]!, colNodes[j]!];
      const regret = regretExact(game, profile);
      if (!regret.every((r) => r.isZero())) {
        throw new Error(
          `enummixed: internal error, profile ${key(profile[0]!)};${key(profile[1]!)} has regret`,
        );
      }
      edges.push([i, j]);
      equilibria.push(profile);
      regrets.push(regret);
    }
  }
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
  return { equilibria, regrets, convexSets, vertexCounts: [vp.length, vq.length], complete: true };
}
