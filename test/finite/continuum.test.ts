/**
 * Continua of equilibria in enumpoly's undecided supports: a certified segment of exact equilibria,
 * its midpoint listed, and the bounds on the dimension of the equilibrium set there. Checked on a game
 * built with a known one-dimensional continuum, on Nau et al.'s sec. 5 game (a continuum per the
 * catalogue), and against isolated equilibria (no segment between them). Every point is re-checked
 * from the definition (`exactRegret`).
 */
import { describe, expect, it } from "vitest";
import { segmentOfEquilibria, triangleOfEquilibria } from "../../solvers/finite/enumpoly/continuum.js";
import { enumPoly } from "../../solvers/finite/enumpoly/index.js";
import { type ExactProfile, makeGame } from "../../solvers/finite/game.js";
import { completenessText } from "../../solvers/finite/nplayer/words.js";
import { Rational } from "../../solvers/finite/rational.js";
import { loadKnownGames } from "./known-games.js";
import { exactRegret, knownGame } from "./nplayer-helpers.js";

const known = loadKnownGames().n_player;

/** Points `l_1 a + l_2 b + l_3 c` at the vertices, edge midpoints, centroid and two other interior points have exact regret 0. */
function wholeTriangle(
  game: ReturnType<typeof makeGame>,
  a: ExactProfile,
  b: ExactProfile,
  c: ExactProfile,
): boolean {
  const weights = [
    [1, 0, 0, 1],
    [0, 1, 0, 1],
    [0, 0, 1, 1],
    [1, 1, 0, 2],
    [0, 1, 1, 2],
    [1, 0, 1, 2],
    [1, 1, 1, 3],
    [1, 2, 4, 7],
    [5, 1, 1, 7],
  ];
  return weights.every(([i, j, k, n]) => {
    const w = [i!, j!, k!].map((m) => Rational.of(BigInt(m), BigInt(n!)));
    const x = a.map((row, p) =>
      row.map((v, s) => v.mul(w[0]!).add(b[p]![s]!.mul(w[1]!)).add(c[p]![s]!.mul(w[2]!))),
    );
    return exactRegret(game, x).every((r) => r.isZero());
  });
}

/** Points `a + t (b - a)` for t = 0, 1/7, 1/2, 5/6, 1 have exact regret 0 (from the definition). */
function wholeSegment(game: ReturnType<typeof makeGame>, a: ExactProfile, b: ExactProfile): boolean {
  return ["0", "1/7", "1/2", "5/6", "1"].every((text) => {
    const t = Rational.parse(text);
    const x = a.map((row, p) => row.map((v, s) => v.add(t.mul(b[p]![s]!.sub(v)))));
    return exactRegret(game, x).every((r) => r.isZero());
  });
}

describe("continua of equilibria (enumpoly)", () => {
  it("a player indifferent everywhere against a strict pure pair: a segment of dimension exactly 1", () => {
    // players 1 and 2 strictly prefer their first strategy whatever the others do; player 3's payoffs are all 0
    const u1 = [2, 0, 2, 0, 2, 0, 2, 0];
    const u2 = [2, 2, 0, 0, 2, 2, 0, 0];
    const game = makeGame([2, 2, 2], [u1, u2, [0, 0, 0, 0, 0, 0, 0, 0]], "continuum");
    const r = enumPoly(game);
    expect(r.complete).toBe(false);
    if (r.completeness.code !== "unresolved-regions") throw new Error("expected unresolved regions");
    const entry = r.completeness.unresolved.find((u) => JSON.stringify(u.support) === "[[0],[0],[0,1]]");
    expect(entry?.continuum).toBeDefined();
    const c = entry!.continuum!;
    expect(c.dimension).toEqual({ atLeast: 1, atMost: 1 });
    expect(wholeSegment(game, c.from, c.to)).toBe(true);
    expect(
      r.equilibria.some((e) =>
        e.profile.every((x, p) => x.every((v, s) => (v as Rational).equals(c.representative[p]![s]!))),
      ),
    ).toBe(true);
    expect(completenessText(r.completeness)).toMatch(
      /holds? a continuum of equilibria \(a segment proven exactly/,
    );
  });

  it("Nau et al. sec. 5: certified segments, each point an equilibrium; no dimension bound claimed where the midpoint is not quasi-strict", () => {
    const game = knownGame("sec5", known.nau2004_sec5!);
    const r = enumPoly(game, { maxBoxesPerSupport: 1000 });
    if (r.completeness.code !== "unresolved-regions") throw new Error("expected unresolved regions");
    const continua = r.completeness.unresolved.flatMap((u) =>
      u.continuum === undefined ? [] : [u.continuum],
    );
    expect(continua.length).toBeGreaterThan(0);
    for (const c of continua) {
      expect(wholeSegment(game, c.from, c.to)).toBe(true);
      expect(c.dimension.atLeast).toBe(1);
      if (c.dimension.atMost !== null) expect(c.dimension.atMost).toBeGreaterThanOrEqual(1);
    }
  });

  it("Nau et al. sec. 6: the segment crosses supports, and its dimension is decided (exactly 1)", () => {
    const game = knownGame("sec6", known.nau2004_sec6!);
    const r = enumPoly(game, { maxBoxesPerSupport: 1000 });
    if (r.completeness.code !== "unresolved-regions") throw new Error("expected unresolved regions");
    const entry = r.completeness.unresolved.find((u) => u.continuum !== undefined);
    expect(entry?.support).toEqual([
      [0, 1],
      [0, 1],
      [0, 1, 2, 3],
    ]);
    const c = entry!.continuum!;
    const ends = [c.from, c.to].map((x) => x[2]!.join(",")).sort();
    expect(ends).toEqual(["0,0,1/2,1/2", "1/2,1/2,0,0"]);
    expect(c.dimension).toEqual({ atLeast: 1, atMost: 1 });
    expect(wholeSegment(game, c.from, c.to)).toBe(true);
    expect(completenessText(r.completeness)).toMatch(/1 of them holds a continuum/);
  });

  it("isolated equilibria span no segment of equilibria", () => {
    const game = knownGame("mm", known.gambit_contrib_2x2x2!);
    const r = enumPoly(game);
    const exact = r.equilibria.map((e) => e.profile as ExactProfile);
    expect(exact.length).toBe(9);
    for (let i = 1; i < exact.length; i++)
      expect(segmentOfEquilibria(game, exact[0]!, exact[i]!)).toBe(false);
  });
  it("two players indifferent everywhere, the third strict: a triangle of equilibria, dimension exactly 2", () => {
    // players 1 and 2 get 0 whatever happens; player 3 strictly prefers its first strategy, so every
    // profile (x1, x2, first) is an equilibrium: a square, of dimension 2
    const zero = [0, 0, 0, 0, 0, 0, 0, 0];
    const game = makeGame([2, 2, 2], [zero, zero, [2, 2, 2, 2, 0, 0, 0, 0]], "square");
    const r = enumPoly(game);
    if (r.completeness.code !== "unresolved-regions") throw new Error("expected unresolved regions");
    const entry = r.completeness.unresolved.find((u) => JSON.stringify(u.support) === "[[0,1],[0,1],[0]]");
    const c = entry?.continuum;
    if (c?.simplex === undefined) throw new Error("expected a certified triangle");
    expect(c.dimension).toEqual({ atLeast: 2, atMost: 2 });
    const [a, b, d] = c.simplex;
    expect(wholeTriangle(game, a, b, d)).toBe(true);
    // affinely independent: the three vertices are not on one line
    const dir = (x: ExactProfile) => x.flatMap((row, p) => row.map((v, s) => v.sub(a[p]![s]!).toNumber()));
    const [u, v] = [dir(b), dir(d)];
    const cross = u.some((ui, i) => u.some((uj, j) => Math.abs(ui * v[j]! - uj * v[i]!) > 1e-9));
    expect(cross).toBe(true);
    // the centroid is listed, and every point of the segment's entry stays an equilibrium
    const third = Rational.of(1n, 3n);
    const centroid = a.map((x, p) => x.map((w, s) => w.add(b[p]![s]!).add(d[p]![s]!).mul(third)));
    expect(c.representative.map((x) => x.map(String))).toEqual(centroid.map((x) => x.map(String)));
    expect(
      r.equilibria.some((e) =>
        e.profile.every((x, p) => x.every((w, s) => (w as Rational).equals(centroid[p]![s]!))),
      ),
    ).toBe(true);
    expect(completenessText(r.completeness)).toMatch(
      /in 1 a triangle of equilibria, so of dimension at least 2/,
    );
  });

  it("three equilibria whose triangle is not all equilibria are refused (an L-shaped set)", () => {
    // player 3's second strategy pays 1 only when players 1 and 2 both play their second: with player 3
    // on its first, the equilibria are the profiles where player 1 or player 2 plays its first (an L)
    const zero = [0, 0, 0, 0, 0, 0, 0, 0];
    const game = makeGame([2, 2, 2], [zero, zero, [0, 0, 0, 0, 0, 0, 0, 1]], "L");
    const pure = (s1: number, s2: number): ExactProfile =>
      [s1, s2, 0].map((s) => [
        s === 0 ? Rational.ONE : Rational.ZERO,
        s === 1 ? Rational.ONE : Rational.ZERO,
      ]);
    const [a, b, c] = [pure(0, 0), pure(1, 0), pure(0, 1)];
    for (const x of [a, b, c]) expect(exactRegret(game, x).every((v) => v.isZero())).toBe(true);
    expect(segmentOfEquilibria(game, a, b) && segmentOfEquilibria(game, a, c)).toBe(true);
    expect(triangleOfEquilibria(game, a, b, c)).toBe(false);
    expect(wholeTriangle(game, a, b, c)).toBe(false);
  });
  it("four players (payoffs of degree 3 on the triangle): a gap that stays below 0 is accepted, one that turns positive refused", () => {
    // players 1 and 2 get 0; player 4 strictly prefers its first strategy; player 3 gets 1 on its first
    // and 3 on its second when players 1 and 2 both play their second (flat index s1 + 2 s2 + 4 s3 + 8 s4)
    const zero = new Array<number>(16).fill(0);
    const u3 = Array.from({ length: 16 }, (_, i) =>
      ((i >> 2) & 1) === 0 ? 1 : i & 1 && (i >> 1) & 1 ? 3 : 0,
    );
    const u4 = Array.from({ length: 16 }, (_, i) => (((i >> 3) & 1) === 0 ? 1 : 0));
    const game = makeGame([2, 2, 2, 2], [zero, zero, u3, u4], "four");
    const pure = (s1: number, s2: number): ExactProfile =>
      [s1, s2, 0, 0].map((s) => [
        s === 0 ? Rational.ONE : Rational.ZERO,
        s === 1 ? Rational.ONE : Rational.ZERO,
      ]);
    // on the first triangle player 3's second strategy pays 3 x1 x2 <= 3/4 < 1: all equilibria
    expect(triangleOfEquilibria(game, pure(0, 0), pure(1, 0), pure(0, 1))).toBe(true);
    expect(wholeTriangle(game, pure(0, 0), pure(1, 0), pure(0, 1))).toBe(true);
    // the second has the vertex (second, second), where it pays 3 > 1
    expect(triangleOfEquilibria(game, pure(1, 1), pure(1, 0), pure(0, 1))).toBe(false);
  });
});
