/**
 * Maximal complete bipartite subgraphs ("bicliques") of a bipartite graph, by Bron-Kerbosch.
 *
 * In a two-player game, let the left nodes be the row player's extreme equilibrium strategies and the
 * right nodes the column player's, with an edge when the pair is an (extreme) equilibrium. Every
 * biclique `X' x Y'` spans a convex set of equilibria `conv X' x conv Y'`, and the maximal bicliques are
 * the maximal convex sets of equilibria whose union is the whole equilibrium set (Winkels 1979;
 * Avis, Rosenberg, Savani, von Stengel 2010, sec. 6, the `-c` option of Gambit's enummixed).
 *
 * Method: make each side a clique and keep the bipartite edges; the maximal cliques of that graph with
 * both sides non-empty are exactly the maximal bicliques. Cliques are listed by Bron-Kerbosch with
 * Tomita pivoting (C. Bron, J. Kerbosch, CACM 16 (1973) 575-577; Tomita, Tanaka, Takahashi, TCS 363
 * (2006) 28-42).
 */

/** A maximal biclique: left node indices and right node indices (both sorted, non-empty). */
export interface Biclique {
  left: number[];
  right: number[];
}

/**
 * All maximal bicliques of the bipartite graph with `nLeft` left nodes, `nRight` right nodes and the
 * given edges `[left, right]`. Bicliques are sorted lexicographically by their left nodes, then by their
 * right nodes (a total order: two maximal bicliques never share both sides).
 *
 * @example
 * maximalBicliques(2, 2, [[0, 0], [0, 1], [1, 1]]);
 * // [{ left: [0], right: [0, 1] }, { left: [0, 1], right: [1] }]
 */
export function maximalBicliques(
  nLeft: number,
  nRight: number,
  edges: readonly (readonly [number, number])[],
): Biclique[] {
  const n = nLeft + nRight;
  // adjacency as sets of node ids; left i -> i, right j -> nLeft + j
  const adj: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let a = 0; a < nLeft; a++) for (let b = 0; b < nLeft; b++) if (a !== b) adj[a]!.add(b);
  for (let a = 0; a < nRight; a++)
    for (let b = 0; b < nRight; b++) if (a !== b) adj[nLeft + a]!.add(nLeft + b);
  for (const [i, j] of edges) {
    adj[i]!.add(nLeft + j);
    adj[nLeft + j]!.add(i);
  }
  const out: Biclique[] = [];
  const recurse = (R: number[], P: Set<number>, X: Set<number>): void => {
    if (P.size === 0 && X.size === 0) {
      const left = R.filter((v) => v < nLeft).sort((a, b) => a - b);
      const right = R.filter((v) => v >= nLeft)
        .map((v) => v - nLeft)
        .sort((a, b) => a - b);
      if (left.length > 0 && right.length > 0) out.push({ left, right });
      return;
    }
    // pivot u in P u X maximising |P n N(u)|
    let pivot = -1;
    let bestCount = -1;
    for (const u of [...P, ...X]) {
      let c = 0;
      for (const v of P) if (adj[u]!.has(v)) c++;
      if (c > bestCount) {
        bestCount = c;
        pivot = u;
      }
    }
    const candidates = [...P].filter((v) => !adj[pivot]!.has(v));
    for (const v of candidates) {
      const Nv = adj[v]!;
      const P2 = new Set<number>();
      for (const x of P) if (Nv.has(x)) P2.add(x);
      const X2 = new Set<number>();
      for (const x of X) if (Nv.has(x)) X2.add(x);
      R.push(v);
      recurse(R, P2, X2);
      R.pop();
      P.delete(v);
      X.add(v);
    }
  };
  recurse([], new Set(Array.from({ length: n }, (_, k) => k)), new Set());
  out.sort((a, b) => compareLists(a.left, b.left) || compareLists(a.right, b.right));
  return out;
}

/** Lexicographic order of ascending index lists (a proper prefix first). */
function compareLists(a: readonly number[], b: readonly number[]): number {
  const k = Math.min(a.length, b.length);
  for (let i = 0; i < k; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
