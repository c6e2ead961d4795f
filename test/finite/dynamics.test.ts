/**
 * N-player learning dynamics: fictitious play, replicator dynamics, regret matching, logit tracing.
 * Regrets are re-checked with game.ts's independent `regretFloat`; `converged` must mean small regret.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fictitiousPlay } from "../../solvers/finite/dynamics/fictitious-play.js";
import {
  compileGame,
  DEFAULT_DYNAMICS_TOLERANCE,
  type DynamicsResult,
  regretsFromValues,
  strategyValuesInto,
} from "../../solvers/finite/dynamics/kernel.js";
import { logitTracing } from "../../solvers/finite/dynamics/logit-tracing.js";
import { regretMatching } from "../../solvers/finite/dynamics/regret-matching.js";
import { replicatorDynamics } from "../../solvers/finite/dynamics/replicator.js";
import {
  floatPayoffs,
  fromBimatrix,
  makeGame,
  type NormalFormGame,
  payoffRange,
  regretFloat,
  strategyValuesFloat,
} from "../../solvers/finite/game.js";
import { randomGame } from "../../solvers/finite/generators.js";
import { KNOWN_GAMES_PATH, loadKnownGames } from "./known-games.js";

const known = loadKnownGames();

function nPlayerGame(name: string): NormalFormGame {
  const g = known.n_player[name]!;
  const tables = g.shape.map((_, p) => g.payoffs.map((row) => row[p]!));
  return makeGame(g.shape, tables, name);
}

function twoPlayerGame(name: string): NormalFormGame {
  const g = known.two_player[name]!;
  return fromBimatrix(g.A, g.B, name);
}

/** The result is internally consistent and `converged` means what it says. */
function checkResult(game: NormalFormGame, r: DynamicsResult, tolerance: number): void {
  const scale = payoffRange(game) > 0 ? payoffRange(game) : 1;
  expect(r.profile.length).toBe(game.shape.length);
  r.profile.forEach((x, p) => {
    expect(x.length).toBe(game.shape[p]);
    for (const v of x) expect(v).toBeGreaterThanOrEqual(0);
    expect(Math.abs(x.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
  });
  const independent = regretFloat(game, r.profile);
  independent.forEach((v, p) => {
    expect(Math.abs(v - r.regrets[p]!)).toBeLessThanOrEqual(1e-12 * scale);
  });
  expect(r.maxRegret).toBe(Math.max(...r.regrets, 0));
  // converged means: every player's regret within the tolerance of ITS OWN payoff range
  const ranges = playerRanges(game);
  expect(r.converged).toBe(r.regrets.every((v, p) => v <= tolerance * ranges[p]! * (1 + 1e-12)));
}

/** Largest minus smallest payoff of each player. */
function playerRanges(game: NormalFormGame): number[] {
  return floatPayoffs(game).map((t) => Math.max(...t) - Math.min(...t));
}

describe("the payoff kernel", () => {
  it("matches game.ts's strategy values and regrets on random 3- and 4-player games", () => {
    const rng = seedrandom.alea("kernel");
    for (const shape of [[3, 4, 2], [2, 2, 2, 3], [5, 1], [4]]) {
      const game = randomGame(shape, rng, -50, 50);
      const g = compileGame(game);
      const profile = shape.map((n) => {
        const w = Array.from({ length: n }, () => rng());
        const s = w.reduce((a, b) => a + b, 0);
        return w.map((v) => v / s);
      });
      const x = Float64Array.from(profile.flat());
      const values = new Float64Array(g.dim);
      strategyValuesInto(g, x, values);
      // the compiled payoffs are each player's mapped affinely onto [0, 1]: u' = (u - min_p) / range_p
      const ranges = playerRanges(game);
      const mins = floatPayoffs(game).map((t) => Math.min(...t));
      const want = strategyValuesFloat(game, profile).flatMap((v, p) =>
        v.map((u) => (u - mins[p]!) / ranges[p]!),
      );
      want.forEach((v, i) => {
        expect(values[i]).toBeCloseTo(v, 10);
      });
      const regrets = new Float64Array(shape.length);
      const worst = regretsFromValues(g, x, values, regrets);
      const wantRegrets = regretFloat(game, profile).map((v, p) => v / ranges[p]!);
      wantRegrets.forEach((v, p) => {
        expect(regrets[p]).toBeCloseTo(v, 10);
      });
      expect(worst).toBeCloseTo(Math.max(...wantRegrets), 10);
      expect(g.range).toBe(1);
      ranges.forEach((r, p) => {
        expect(g.playerRange[p]).toBeCloseTo(r, 10);
      });
      expect(floatPayoffs(game)[0]!.length).toBe(g.profiles);
    }
  });
});

describe(`N-player games of ${KNOWN_GAMES_PATH}`, () => {
  const names = Object.keys(known.n_player);

  it("the catalogue has 3- and 4-player games", () => {
    expect(names.length).toBeGreaterThan(5);
    expect(names.some((n) => known.n_player[n]!.shape.length === 4)).toBe(true);
  });

  for (const name of names) {
    it(`${name}: logit tracing reaches an equilibrium (regret <= 1e-6 of the range)`, () => {
      const game = nPlayerGame(name);
      const r = logitTracing(game);
      checkResult(game, r, DEFAULT_DYNAMICS_TOLERANCE);
      expect(r.reachedLambdaMax).toBe(true);
      expect(r.converged).toBe(true);
      expect(r.lambda).toBeCloseTo(1e7, -1);
    });

    it(`${name}: fictitious play, replicator and regret matching report honestly`, () => {
      const game = nPlayerGame(name);
      const tol = 1e-3;
      const runs = [
        fictitiousPlay(game, { maxIterations: 3000, tolerance: tol, seed: name }),
        replicatorDynamics(game, { maxIterations: 3000, tolerance: tol, seed: name }),
        regretMatching(game, { maxIterations: 3000, tolerance: tol }),
        regretMatching(game, { maxIterations: 3000, tolerance: tol, mode: "sampled", seed: name }),
      ];
      for (const r of runs) {
        checkResult(game, r, tol);
        if (!r.converged) expect(r.iterations).toBe(3000);
      }
    });
  }

  it("nau2004_sec4: logit tracing finds the unique (irrational) equilibrium", () => {
    const game = nPlayerGame("nau2004_sec4");
    const q = (-13 + Math.sqrt(601)) / 24;
    const p = (9 * q - 1) / (7 * q + 2);
    const r3 = (-3 * q + 2) / (q + 1);
    const listed = known.n_player.nau2004_sec4!.enumpoly_equilibria_flat[0]!.map(Number);
    const got = logitTracing(game).profile.flat();
    got.forEach((v, i) => {
      expect(Math.abs(v - listed[i]!)).toBeLessThan(1e-6);
    });
    // closed form from the catalogue note: (p, q, r) are the first strategies' probabilities
    expect(got[0]).toBeCloseTo(p, 6);
    expect(got[2]).toBeCloseTo(q, 6);
    expect(got[4]).toBeCloseTo(r3, 6);
  });

  it("anticoordination_3p_v2: replicator from the centroid converges to the symmetric 1/sqrt(2) equilibrium", () => {
    const game = nPlayerGame("anticoordination_3p_v2");
    const r = replicatorDynamics(game, { tolerance: 1e-9, maxIterations: 100_000 });
    expect(r.converged).toBe(true);
    for (const x of r.profile) expect(x[0]).toBeCloseTo(Math.SQRT1_2, 6);
  });
});

describe(`two-player games of ${KNOWN_GAMES_PATH}`, () => {
  it("logit tracing converges on every two-player catalogue game", () => {
    for (const name of Object.keys(known.two_player)) {
      const game = twoPlayerGame(name);
      const r = logitTracing(game);
      checkResult(game, r, DEFAULT_DYNAMICS_TOLERANCE);
      expect(r.converged, name).toBe(true);
    }
  });

  it("fictitious play converges on zero-sum games (Robinson 1951) to their equilibria", () => {
    for (const name of ["matching_pennies", "biased_rps", "rock_paper_scissors"]) {
      const game = twoPlayerGame(name);
      const r = fictitiousPlay(game, { maxIterations: 300_000, tolerance: 1e-3, seed: "zs" });
      checkResult(game, r, 1e-3);
      expect(r.converged, name).toBe(true);
      const eq = known.two_player[name]!.extreme_equilibria[0]!.flat().map((v) => {
        const [a, b] = v.split("/");
        return Number(a) / Number(b ?? 1);
      });
      r.profile.flat().forEach((v, i) => {
        expect(Math.abs(v - eq[i]!), name).toBeLessThan(0.03);
      });
    }
  });

  it("fictitious play does not converge on Shapley's game (it cycles)", () => {
    const game = twoPlayerGame("shapleys_game");
    for (const seed of ["1", "2", "3"]) {
      const r = fictitiousPlay(game, { maxIterations: 5000, tolerance: 1e-2, seed });
      checkResult(game, r, 1e-2);
      expect(r.converged).toBe(false);
      expect(r.iterations).toBe(5000);
      // far from the unique equilibrium (1/3, 1/3, 1/3): regret stays a sizeable share of the range
      expect(r.maxRegret).toBeGreaterThan(0.05 * payoffRange(game));
    }
  });

  it("replicator dynamics cycle on biased rock-paper-scissors: not converged at the cap", () => {
    const game = twoPlayerGame("biased_rps");
    const r = replicatorDynamics(game, {
      maxIterations: 2000,
      tolerance: 1e-4,
      initial: [
        [0.5, 0.3, 0.2],
        [0.2, 0.3, 0.5],
      ],
    });
    checkResult(game, r, 1e-4);
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2000);
  });

  it("regret matching converges on zero-sum games, expected and sampled", () => {
    for (const name of ["matching_pennies", "biased_rps"]) {
      const game = twoPlayerGame(name);
      const expected = regretMatching(game, { maxIterations: 50_000, tolerance: 1e-3 });
      checkResult(game, expected, 1e-3);
      expect(expected.converged, name).toBe(true);
      const sampled = regretMatching(game, {
        maxIterations: 200_000,
        tolerance: 2e-2,
        mode: "sampled",
        seed: "s",
      });
      checkResult(game, sampled, 2e-2);
      expect(sampled.converged, name).toBe(true);
    }
  });

  it("replicator dynamics reach the dominant-strategy equilibrium of the prisoner's dilemma (RK4 and Euler)", () => {
    const game = twoPlayerGame("prisoners_dilemma_gambit_pd_nfg");
    for (const integrator of ["rk4", "euler"] as const) {
      const r = replicatorDynamics(game, { integrator, stepSize: 0.5 });
      checkResult(game, r, DEFAULT_DYNAMICS_TOLERANCE);
      expect(r.converged, integrator).toBe(true);
      const eq = known.two_player.prisoners_dilemma_gambit_pd_nfg!.extreme_equilibria[0]!;
      r.profile.flat().forEach((v, i) => {
        expect(Math.abs(v - Number(eq.flat()[i]))).toBeLessThan(1e-5);
      });
    }
  });
});

describe("logit tracing", () => {
  it("follows the QRE branch: at a small lambda cap the profile solves the logit equations", () => {
    const rng = seedrandom.alea("qre");
    const game = randomGame([3, 2, 2], rng, 0, 9);
    const ranges = playerRanges(game);
    const r = logitTracing(game, { lambdaMax: 3 });
    expect(r.reachedLambdaMax).toBe(true);
    expect(r.converged).toBe(false); // lambda = 3 (per player's range) is far from the Nash limit
    const lambda = r.lambda;
    expect(lambda).toBeCloseTo(3, 8);
    const values = strategyValuesFloat(game, r.profile);
    r.profile.forEach((x, p) => {
      // the QRE of the payoffs mapped onto [0, 1] per player
      const w = values[p]!.map((u) => Math.exp((lambda * u) / ranges[p]!));
      const s = w.reduce((a, b) => a + b, 0);
      w.forEach((v, k) => {
        expect(Math.abs(v / s - x[k]!)).toBeLessThan(1e-9);
      });
    });
  });

  it("converges on random 3-player games", () => {
    const rng = seedrandom.alea("random-logit");
    for (let k = 0; k < 5; k++) {
      const game = randomGame([3, 3, 2], rng, 0, 20);
      const r = logitTracing(game);
      checkResult(game, r, DEFAULT_DYNAMICS_TOLERANCE);
      expect(r.converged).toBe(true);
    }
  });
});

describe("determinism", () => {
  const rng = seedrandom.alea("det");
  const game = randomGame([3, 3, 3], rng, 0, 9);

  it("same seed, same output; another seed may differ", () => {
    const fp = (seed: string) => fictitiousPlay(game, { maxIterations: 500, seed });
    const rep = (seed: string) => replicatorDynamics(game, { maxIterations: 500, seed });
    const rms = (seed: string) => regretMatching(game, { maxIterations: 500, mode: "sampled", seed });
    for (const run of [fp, rep, rms]) {
      expect(run("a")).toEqual(run("a"));
    }
    expect(rep("a")).not.toEqual(rep("b"));
    expect(rms("a")).not.toEqual(rms("b"));
    expect(regretMatching(game, { maxIterations: 500 })).toEqual(
      regretMatching(game, { maxIterations: 500 }),
    );
    expect(logitTracing(game)).toEqual(logitTracing(game));
  });

  it("an iteration cap of 0 returns the start, honestly labelled", () => {
    const r = fictitiousPlay(game, { maxIterations: 0, seed: "z" });
    expect(r.iterations).toBe(0);
    checkResult(game, r, DEFAULT_DYNAMICS_TOLERANCE);
  });
});
