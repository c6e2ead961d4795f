/**
 * `isNondegenerate` by reverse search (one tableau per depth, stops at the first degenerate vertex)
 * against the definition checked on the full vertex lists of both polytopes (`enumerateVertices`):
 * every vertex carries exactly as many labels as the polytope's dimension.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { type NormalFormGame, toBimatrix } from "../../solvers/finite/game.js";
import { randomDegenerateGame, randomGame } from "../../solvers/finite/generators.js";
import { enumerateVertices, positiveIntegerBimatrix } from "../../solvers/finite/tableau/integer-tableau.js";

/** Whether P, and whether Q, has only vertices with exactly dimension-many labels. */
function polytopes(game: NormalFormGame): [boolean, boolean] {
  const [m, n] = game.shape as [number, number];
  const { A: Ar, B: Br } = toBimatrix(game);
  const { A, B } = positiveIntegerBimatrix(Ar, Br);
  const Bt = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => B[i]![j]!));
  const count = (labels: Uint32Array) =>
    [...labels].reduce((c, w) => c + w.toString(2).replace(/0/g, "").length, 0);
  return [
    enumerateVertices(Bt, 0, m, m + n).every((v) => count(v.labels) === m),
    enumerateVertices(A, m, 0, m + n).every((v) => count(v.labels) === n),
  ];
}

function byDefinition(game: NormalFormGame): boolean {
  const [p, q] = polytopes(game);
  return p && q;
}

describe("isNondegenerate", () => {
  it("agrees with the definition on random games, degenerate in P, in Q or in neither", () => {
    const rng = seedrandom.alea("nondegenerate");
    const seen = { yes: 0, no: 0 };
    for (let t = 0; t < 120; t++) {
      const m = 2 + (t % 5);
      const n = 2 + ((t * 3) % 5);
      const game = t % 2 === 0 ? randomDegenerateGame(m, n, rng, 2 + (t % 4)) : randomGame([m, n], rng);
      const want = byDefinition(game);
      expect(isNondegenerate(game), `game ${t}`).toBe(want);
      seen[want ? "yes" : "no"]++;
    }
    expect(seen.yes).toBeGreaterThan(20);
    expect(seen.no).toBeGreaterThan(20);
  });

  it("finds degeneracy that only the column player's polytope has (the second walk)", () => {
    const rng = seedrandom.alea("only-q");
    let found = 0;
    for (let t = 0; t < 200 && found < 5; t++) {
      const game = randomDegenerateGame(3, 3, rng, 3);
      const [pOk, qOk] = polytopes(game);
      if (!pOk || qOk) continue;
      found++;
      expect(isNondegenerate(game)).toBe(false);
    }
    expect(found).toBe(5);
  });
});
