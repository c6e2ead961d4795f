/**
 * The same catalogue of games with exactly known equilibria (test/fixtures/games/known_games.json) in
 * floating arithmetic, as Gambit runs its float solvers (gambit-logit) on the games its exact ones
 * solve: on every non-degenerate two-player game (every equilibrium isolated, so every one listed),
 * logit tracing's answer, when it reports one, is within 1e-4 of a listed equilibrium; when it reports
 * none, it says why.
 */
import { describe, expect, it } from "vitest";
import { isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { fromBimatrix } from "../../solvers/finite/game.js";
import { failureText } from "../../solvers/finite/methods/failure.js";
import { Rational } from "../../solvers/finite/rational.js";
import { solveFiniteSync } from "../../solvers/finite/solve-sync.js";
import { KNOWN_GAMES_PATH, loadKnownGames } from "./known-games.js";

const known = loadKnownGames();
let converged = 0;

describe(`two-player games of ${KNOWN_GAMES_PATH} in floating arithmetic`, () => {
  const games = Object.entries(known.two_player)
    .map(([name, g]) => ({ name, g, game: fromBimatrix(g.A, g.B, name) }))
    .filter(({ game }) => isNondegenerate(game));

  it("the catalogue has non-degenerate games", () => {
    expect(games.length).toBeGreaterThan(5);
  });

  for (const { name, g, game } of games) {
    it(`${name}: logit's equilibrium is one of the exact ones`, () => {
      const report = solveFiniteSync(game, "logit");
      if (report.equilibria.length > 0) converged++;
      if (report.equilibria.length === 0) {
        expect(failureText(report.failure!)).toMatch(/did not converge|failed the regret check/);
        return;
      }
      const found = report.equilibria[0]!.profile as number[][];
      const distances = g.extreme_equilibria.map((exact) =>
        Math.max(
          ...exact.flatMap((x, p) =>
            x.map((v, s) => Math.abs(Rational.parse(String(v)).toNumber() - found[p]![s]!)),
          ),
        ),
      );
      expect(Math.min(...distances)).toBeLessThan(1e-4);
    });
  }

  it("logit reports an equilibrium on most of them (the comparison above is not vacuous)", () => {
    expect(converged).toBeGreaterThan(games.length / 2);
  });
});
