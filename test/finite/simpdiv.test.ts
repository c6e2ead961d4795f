/**
 * Simplicial subdivision (`simpdiv`) against the catalogue of games with known equilibria
 * (`test/fixtures/games/known_games.json`: N-player games with every isolated equilibrium, two-player
 * games with every extreme one), in exact and in floating label arithmetic: every answer is checked
 * independently (exact regret from the definition) and must be near a listed equilibrium. Also the
 * path's invariants (every vertex on the grid of the product of simplices), the limits, and the CLI.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { fromBimatrix, makeGame, type NormalFormGame } from "../../solvers/finite/game.js";
import { randomGame } from "../../solvers/finite/generators.js";
import { failureText } from "../../solvers/finite/methods/failure.js";
import { writeNfg } from "../../solvers/finite/nfg.js";
import type { NPlayerEquilibrium } from "../../solvers/finite/nplayer/types.js";
import { Rational } from "../../solvers/finite/rational.js";
import { type SimpdivArithmetic, simpdiv } from "../../solvers/finite/simpdiv/index.js";
import { gridLabeller, labelTables } from "../../solvers/finite/simpdiv/labels.js";
import { followPath } from "../../solvers/finite/simpdiv/path.js";
import { solveFiniteSync } from "../../solvers/finite/solve-sync.js";
import { WorkLimitError } from "../../src/work.js";
import { runCli } from "../helpers/cli.js";
import { loadKnownGames } from "./known-games.js";
import { checkEquilibrium, distance, exactRegret, knownGame, listedProfiles } from "./nplayer-helpers.js";

const known = loadKnownGames();
const ARITHMETICS: SimpdivArithmetic[] = ["exact", "float"];
const TOLERANCE = 1e-7;
/** Games with a continuum of equilibria (catalogue notes): an answer need not be near a listed point. */
const CONTINUUM = new Set(["nau2004_sec5", "nau2004_sec6"]);
/** Built to make path following slow (Savani and von Stengel 2006): a start's default budget runs out. */
const HARD = "savani_vonstengel_6x6_long_LH_unique";
const NFG = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/nfg");

/** Each player's payoff range, exact. */
function ranges(game: NormalFormGame): Rational[] {
  return game.payoffs.map((t) => t.reduce((a, b) => a.max(b)).sub(t.reduce((a, b) => a.min(b))));
}

/**
 * The independent check of one answer: a certified equilibrium passes `checkEquilibrium`; an
 * approximate one is an exact rational profile whose exact regret (from the definition) equals the
 * reported one and is at most the tolerance times each player's payoff range.
 */
function checkAnswer(game: NormalFormGame, e: NPlayerEquilibrium): string[] {
  if (e.certificate.kind !== "approximate") return checkEquilibrium(game, e);
  const problems: string[] = [];
  const regret = exactRegret(game, e.profile);
  const range = ranges(game);
  e.profile.forEach((x, p) => {
    const sum = x.reduce((a: Rational, v) => a.add(v as Rational), Rational.ZERO);
    if (!sum.equals(Rational.ONE)) problems.push(`player ${p}'s probabilities sum to ${sum}`);
  });
  regret.forEach((r, p) => {
    if (!r.equals(e.regret[p] as Rational))
      problems.push(`player ${p}: reported regret is not the exact one`);
    if (r.gt(range[p]!.mul(Rational.fromNumber(TOLERANCE))))
      problems.push(`player ${p}: regret ${r} too large`);
  });
  return problems;
}

describe("simpdiv on the N-player catalogue", () => {
  for (const [name, g] of Object.entries(known.n_player)) {
    for (const arithmetic of ARITHMETICS) {
      it(`${name} (${arithmetic} labels): every answer checked, and near a listed equilibrium`, () => {
        const game = knownGame(name, g);
        const r = simpdiv(game, { starts: 3, seed: "catalogue", arithmetic });
        expect(r.converged).toBe(true);
        expect(r.equilibria.length).toBeGreaterThan(0);
        expect(r.complete).toBe(false);
        const listed = listedProfiles(g);
        for (const e of r.equilibria) {
          expect(checkAnswer(game, e), JSON.stringify(e.profile)).toEqual([]);
          if (CONTINUUM.has(name)) continue;
          const nearest = Math.min(...listed.map((want) => distance(e.profile, want)));
          expect(nearest, JSON.stringify(e.profile)).toBeLessThan(1e-6);
        }
      });
    }
  }

  it("Nau et al. sec. 4: the irrational equilibrium, polished to its certified enclosure", () => {
    const r = simpdiv(knownGame("sec4", known.n_player.nau2004_sec4!));
    expect(r.equilibria.length).toBe(1);
    expect(r.equilibria[0]!.certificate.kind).toBe("interval");
    expect(r.runs[0]!.polished).toBe(true);
    const q = (-13 + Math.sqrt(601)) / 24;
    expect(Math.abs((r.equilibria[0]!.profile[1]![0] as number) - q)).toBeLessThan(1e-12);
  });

  it("a continuum (Nau et al. sec. 6): approximate answers, each within the tolerance, not polished", () => {
    const r = simpdiv(knownGame("sec6", known.n_player.nau2004_sec6!), { starts: 3, seed: "catalogue" });
    const approximate = r.equilibria.filter((e) => e.certificate.kind === "approximate");
    expect(approximate.length).toBeGreaterThan(0);
    for (const e of approximate) {
      expect(e.exact).toBe(false);
      if (e.certificate.kind === "approximate") expect(e.certificate.tolerance).toBe(TOLERANCE);
    }
  });
});

describe("simpdiv on the two-player catalogue (non-degenerate games: every extreme equilibrium listed)", () => {
  const games = Object.entries(known.two_player)
    .map(([name, g]) => ({ name, g, game: fromBimatrix(g.A, g.B, name) }))
    .filter(({ name, game }) => name !== HARD && isNondegenerate(game));

  it("the catalogue has non-degenerate games", () => {
    expect(games.length).toBeGreaterThan(5);
  });

  for (const { name, g, game } of games) {
    for (const arithmetic of ARITHMETICS) {
      it(`${name} (${arithmetic} labels): the answer is one of the exact equilibria`, () => {
        const r = simpdiv(game, { arithmetic });
        expect(r.equilibria.length).toBe(1);
        const e = r.equilibria[0]!;
        expect(checkAnswer(game, e)).toEqual([]);
        const listed = g.extreme_equilibria.map((xy) =>
          xy.map((x) => x.map((v) => Rational.parse(String(v)).toNumber())),
        );
        expect(Math.min(...listed.map((want) => distance(e.profile, want)))).toBeLessThan(1e-6);
      });
    }
  }
});

describe("a game hard for path following", () => {
  it(`${HARD}: the label budget runs out, and nothing is reported as an equilibrium`, () => {
    const g = known.two_player[HARD]!;
    const r = simpdiv(fromBimatrix(g.A, g.B, HARD), { maxPivots: 20_000, arithmetic: "float" });
    expect(r.converged).toBe(false);
    expect(r.equilibria).toEqual([]);
    expect(r.runs[0]!.pivots).toBe(20_000);
  });
});

describe("the subdivision path", () => {
  it("visits only grid points of the product of simplices, and ends at a complete simplex", () => {
    for (let seed = 0; seed < 12; seed++) {
      const rng = seedrandom.alea(`path-${seed}`);
      const shape = [2 + (seed % 3), 2 + ((seed >> 1) % 3), 2 + (seed % 2)];
      const game = randomGame(shape, rng, 0, 9);
      const D = 8;
      const inner = gridLabeller(labelTables(game), D, "exact");
      const visited: number[][] = [];
      const labeller = {
        label(z: Float64Array) {
          visited.push(Array.from(z));
          return inner.label(z);
        },
      };
      const v = new Float64Array(shape.reduce((a, b) => a + b, 0));
      let o = 0;
      for (const n of shape) {
        v[o + Math.floor(rng() * n)] = D;
        o += n;
      }
      const out = followPath(shape, v, labeller, 100_000);
      expect(out.status).toBe("complete");
      expect(out.pivots).toBe(visited.length);
      for (const z of visited) {
        let k = 0;
        for (const n of shape) {
          const block = z.slice(k, k + n);
          k += n;
          expect(block.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
          expect(block.reduce((a, b) => a + b, 0)).toBe(D);
        }
      }
    }
  });

  it("exact and floating labels give the same path on integer games with well-separated payoffs", () => {
    const game = randomGame([3, 3, 3], seedrandom.alea("same-path"), 0, 99);
    const a = simpdiv(game, { starts: 2, arithmetic: "exact" });
    const b = simpdiv(game, { starts: 2, arithmetic: "float" });
    expect(b.runs.map((x) => x.pivots)).toEqual(a.runs.map((x) => x.pivots));
  });
});

describe("simpdiv on random games (2 to 4 players, 1 to 4 strategies each, payoffs 0..3 with ties or 0..99)", () => {
  it("every start converges and every answer passes the independent check, in both arithmetics", () => {
    for (let k = 0; k < 30; k++) {
      const rng = seedrandom.alea(`random-${k}`);
      const shape = Array.from({ length: 2 + (k % 3) }, () => 1 + Math.floor(rng() * 4));
      const game = randomGame(shape, rng, 0, k % 2 === 1 ? 3 : 99);
      for (const arithmetic of ARITHMETICS) {
        const r = simpdiv(game, { starts: 2, seed: `r${k}`, arithmetic });
        expect(r.converged, `${shape.join("x")} #${k} ${arithmetic}`).toBe(true);
        for (const e of r.equilibria) expect(checkAnswer(game, e), `${shape.join("x")} #${k}`).toEqual([]);
      }
    }
  });

  it("edge cases: one player, a player with one strategy, every payoff 0", () => {
    expect(simpdiv(makeGame([3], [[1, 5, 2]])).equilibria[0]!.profile.map(String)).toEqual(["0,1,0"]);
    expect(
      simpdiv(
        makeGame(
          [1, 2],
          [
            [1, 2],
            [3, 1],
          ],
        ),
      ).equilibria[0]!.profile.map(String),
    ).toEqual(["1", "1,0"]);
    const zero = makeGame(
      [2, 2, 2],
      [0, 1, 2].map(() => new Array<number>(8).fill(0)),
    );
    expect(simpdiv(zero).equilibria[0]!.exact).toBe(true);
  });
});

describe("simpdiv limits and determinism", () => {
  const mm = knownGame("mm", known.n_player.gambit_contrib_2x2x2!);
  const sec4 = knownGame("sec4", known.n_player.nau2004_sec4!);

  it("the same seed gives the same answers; more starts find more equilibria", () => {
    const game = randomGame([4, 4, 4], seedrandom.alea("starts"), 0, 99);
    const a = simpdiv(game, { starts: 4, seed: "s" });
    const b = simpdiv(game, { starts: 4, seed: "s" });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(simpdiv(mm, { starts: 6, seed: "more" }).equilibria.length).toBeGreaterThan(
      simpdiv(mm).equilibria.length,
    );
  });

  it("a label cap that ends a start first: nothing reported, not converged, and the facade says why", () => {
    const r = simpdiv(sec4, { maxPivots: 3 });
    expect(r.equilibria).toEqual([]);
    expect(r.converged).toBe(false);
    expect(r.runs[0]!.converged).toBe(false);
    const report = solveFiniteSync(sec4, "simpdiv", { maxPivots: 3 });
    expect(failureText(report.failure!)).toMatch(/simpdiv did not converge from any of 1 start/);
  });

  it("refuses work over its limit and bad options, naming them", () => {
    expect(() => simpdiv(mm, { maxWork: 10 })).toThrow(WorkLimitError);
    expect(() => simpdiv(mm, { maxWork: 10 })).toThrow(/maxWork/);
    expect(() => simpdiv(mm, { starts: 0 })).toThrow(/starts/);
    expect(() => simpdiv(mm, { tolerance: 2 })).toThrow(/tolerance/);
  });
});

describe("modelmarket nash --method simpdiv", () => {
  it("prints the answers exactly when they are exact, with the path-following caveat on stderr", async () => {
    const r = await runCli(["nash", join(NFG, "mckelvey-2x2x2.nfg"), "--method", "simpdiv", "--starts", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("NE,1,0,1,0,1,0\nNE,0,1,0,1,1,0\n");
    expect(r.stderr).toMatch(/simpdiv: simplicial subdivision from 3 starts/);
  });

  it("a start that runs out of labels: exit 1, nothing on stdout; --float only with simpdiv", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "simpdiv-")), "sec4.nfg");
    writeFileSync(file, writeNfg(knownGame("sec4", known.n_player.nau2004_sec4!), "payoff"));
    const capped = await runCli(["nash", file, "--method", "simpdiv", "--max-pivots", "3"]);
    expect(capped.code).toBe(1);
    expect(capped.stdout).toBe("");
    expect(capped.stderr).toMatch(/simpdiv did not converge/);
    const solved = await runCli(["nash", file, "--method", "simpdiv", "--float", "--decimals", "6"]);
    expect(solved.code).toBe(0);
    expect(solved.stdout).toMatch(/^NE,0\.619\d+,0\.380\d+,0\.479\d+/);
    const wrong = await runCli(["nash", file, "--method", "gnm", "--float"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--float: only applies to --method simpdiv/);
  });
});
