/**
 * solvers/finite/enummixed/cliques.ts: the maximal bicliques of small random bipartite graphs equal a
 * brute-force list (every left subset, its common neighbours, closed both ways), in the promised order;
 * and enumMixed's convex sets are those bicliques over its extreme equilibria.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { type Biclique, maximalBicliques } from "../../solvers/finite/enummixed/cliques.js";
import { enumMixed } from "../../solvers/finite/enummixed/index.js";
import { randomDegenerateGame } from "../../solvers/finite/generators.js";

/** Every maximal biclique with both sides non-empty, by closing each left subset (nLeft <= 10). */
function bruteForce(nLeft: number, nRight: number, edges: [number, number][]): Biclique[] {
  const adj = (i: number, j: number) => edges.some(([a, b]) => a === i && b === j);
  const out = new Map<string, Biclique>();
  for (let mask = 1; mask < 1 << nLeft; mask++) {
    const X = [...Array(nLeft).keys()].filter((i) => (mask >> i) & 1);
    const right = [...Array(nRight).keys()].filter((j) => X.every((i) => adj(i, j)));
    if (right.length === 0) continue;
    const left = [...Array(nLeft).keys()].filter((i) => right.every((j) => adj(i, j)));
    out.set(`${left}|${right}`, { left, right });
  }
  // the promised order: lexicographic by left nodes, then right nodes (compared as text of fixed width)
  const text = (b: Biclique) =>
    `${b.left.map((i) => String(i).padStart(2, "0")).join(",")}!|${b.right.map((j) => String(j).padStart(2, "0")).join(",")}!`;
  return [...out.values()].sort((a, b) => (text(a) < text(b) ? -1 : 1));
}

describe("maximalBicliques", () => {
  it("equals the brute-force list, in order, on 300 seeded random bipartite graphs", () => {
    const rng = seedrandom.alea("bicliques");
    for (let k = 0; k < 300; k++) {
      const nLeft = 1 + Math.floor(rng() * 6);
      const nRight = 1 + Math.floor(rng() * 6);
      const density = [0.3, 0.6, 0.9][k % 3]!;
      const edges: [number, number][] = [];
      for (let i = 0; i < nLeft; i++)
        for (let j = 0; j < nRight; j++) if (rng() < density) edges.push([i, j]);
      // edges in a shuffled order: the result must not depend on it
      for (let e = edges.length - 1; e > 0; e--) {
        const f = Math.floor(rng() * (e + 1));
        [edges[e], edges[f]] = [edges[f]!, edges[e]!];
      }
      expect(maximalBicliques(nLeft, nRight, edges)).toEqual(bruteForce(nLeft, nRight, edges));
    }
  });

  it("a graph without edges has no biclique; a complete one has exactly one", () => {
    expect(maximalBicliques(3, 2, [])).toEqual([]);
    const all: [number, number][] = [];
    for (let i = 2; i >= 0; i--) for (let j = 1; j >= 0; j--) all.push([i, j]);
    expect(maximalBicliques(3, 2, all)).toEqual([{ left: [0, 1, 2], right: [0, 1] }]);
  });
});

describe("enumMixed's convex sets", () => {
  it("are complete (every row x column pair an extreme equilibrium), listed ascending, covering all", () => {
    const rng = seedrandom.alea("convex-sets");
    let multi = 0;
    for (let k = 0; k < 60; k++) {
      const game = randomDegenerateGame(3, 3 + (k % 2), rng, 2);
      const r = enumMixed(game);
      expect(r.complete).toBe(true);
      const key = (i: number) => r.equilibria[i]!.map((x) => x.join(",")).join(";");
      const covered = new Set<number>();
      for (const set of r.convexSets) {
        expect(set.equilibria).toEqual([...set.equilibria].sort((a, b) => a - b));
        const rows = new Set(set.equilibria.map((i) => r.equilibria[i]![0]!.join(",")));
        const cols = new Set(set.equilibria.map((i) => r.equilibria[i]![1]!.join(",")));
        expect(set.equilibria).toHaveLength(rows.size * cols.size);
        for (const i of set.equilibria) covered.add(i);
        if (set.equilibria.length > 1) multi++;
      }
      expect(covered.size).toBe(r.equilibria.length);
      expect(new Set(r.equilibria.map((_, i) => key(i))).size).toBe(r.equilibria.length);
    }
    expect(multi).toBeGreaterThan(5);
  });
});
