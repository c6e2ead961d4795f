/**
 * Fictitious play (Brown 1951), simultaneous version, for N-player games.
 *
 * Every player keeps the empirical frequency `x_p^t` of its own past actions; at each round every
 * player best-responds to the others' empirical frequencies and the frequencies are updated:
 *
 * ```text
 * a_p^{t+1} in argmax_s u_p(s, x_-p^t)          (ties broken uniformly at random, seeded)
 * x_p^{t+1} = x_p^t + (e_{a_p^{t+1}} - x_p^t) / (t + 1)
 * ```
 *
 * starting from a seeded random pure profile (`t = 1`). The classical output is the empirical
 * frequencies. They converge to a Nash equilibrium in two-player zero-sum games (Robinson 1951),
 * 2 x n games and potential games, but may cycle forever otherwise (Shapley 1964: his 3 x 3 game).
 * The dynamic stops as soon as the empirical profile's regret of every player p is at most
 * `tolerance * range_p` (p's own payoff range; checked every round, at no extra cost: the best
 * responses need the same strategy values), or, checked every `checkEvery` rounds, the last pure
 * profile played or the frequencies over the tail since the last power of two meet it
 * (`TailCandidates`; `reported` says which profile is returned): the full frequencies carry the
 * start with weight `1/T`, so they certify an equilibrium reached early only after `T ~ 1/tolerance`
 * rounds, the last play and the tail at once.
 *
 * References: G. W. Brown, "Iterative solution of games by fictitious play", in Koopmans (ed.),
 * Activity Analysis of Production and Allocation (1951) 374-376; J. Robinson, "An iterative method of
 * solving a game", Annals of Mathematics 54 (1951) 296-301; L. S. Shapley, "Some topics in two-person
 * games", Advances in Game Theory (1964) 1-28.
 */

import { InputError } from "../../../src/errors.js";
import { alea } from "../../../src/numeric/alea.js";
import {
  asCompiled,
  type DynamicsGame,
  type DynamicsOptions,
  type DynamicsResult,
  FICTITIOUS_PLAY_MAX_ITERATIONS,
  finishResult,
  type ReportedProfile,
  regretsFromValues,
  resolveOptions,
  strategyValuesInto,
} from "./kernel.js";
import { TailCandidates } from "./tail-candidates.js";

/** Options of `fictitiousPlay`. */
export interface FictitiousPlayOptions extends DynamicsOptions {
  /** Rounds between checks of the last play and the tail frequencies (default 10). */
  readonly checkEvery?: number;
}

export { FICTITIOUS_PLAY_MAX_ITERATIONS };

/**
 * Runs simultaneous fictitious play (see the module comment for the update rule) until the empirical
 * profile's max regret is at most `tolerance * payoff range` or `maxIterations` rounds have been played.
 * Deterministic for a given seed.
 *
 * Reference: Brown 1951; Robinson 1951 (convergence in zero-sum games).
 *
 * @throws InputError naming `maxIterations` or `tolerance` when that option is invalid, or
 *   `shape`/`payoffs` (see `compilePayoffs`)
 * @example
 * const r = fictitiousPlay(matchingPennies, { maxIterations: 20_000, tolerance: 1e-3, seed: "1" });
 * // r.profile ≈ [[0.5, 0.5], [0.5, 0.5]], r.converged === true
 */
export function fictitiousPlay(game: DynamicsGame, options: FictitiousPlayOptions = {}): DynamicsResult {
  const g = asCompiled(game);
  const { maxIterations, tolerance, seed } = resolveOptions(options, FICTITIOUS_PLAY_MAX_ITERATIONS, g);
  const checkEvery = options.checkEvery ?? 10;
  if (!Number.isInteger(checkEvery) || checkEvery < 1)
    throw new InputError(undefined, "checkEvery", `must be an integer >= 1, got ${checkEvery}`);
  const rng = alea(seed);
  const N = g.players;
  const { offsets, shape } = g;
  const x = new Float64Array(g.dim);
  const values = new Float64Array(g.dim);
  const regrets = new Float64Array(N);
  const choice = new Int32Array(N);
  const threshold = tolerance * g.scale;
  // ties: strategy values within this of the best count as maximisers
  const tieEps = 1e-12 * g.scale;

  for (let p = 0; p < N; p++) x[offsets[p]! + Math.floor(rng() * shape[p]!)] = 1;
  // the last pure profile played, and the frequencies over the tail window
  const last = x.slice();
  const candidates = new TailCandidates(g);
  candidates.tail.set(x);
  const found = new Float64Array(g.dim);
  let reported: ReportedProfile = "average";
  let t = 1;
  let iterations = 0;
  while (iterations < maxIterations) {
    if ((iterations & 1023) === 0)
      options.progress?.({ done: iterations, total: maxIterations, unit: "iterations" });
    strategyValuesInto(g, x, values);
    if (regretsFromValues(g, x, values, regrets) <= threshold) break;
    if (iterations > 0 && iterations % checkEvery === 0) {
      const which = candidates.check(last, t, threshold, found);
      if (which !== undefined) {
        reported = which;
        break;
      }
    }
    for (let p = 0; p < N; p++) {
      const lo = offsets[p]!;
      const hi = offsets[p + 1]!;
      let best = Number.NEGATIVE_INFINITY;
      for (let i = lo; i < hi; i++) if (values[i]! > best) best = values[i]!;
      // reservoir choice among the maximisers: uniform, one pass, no allocation
      let count = 0;
      let pick = lo;
      for (let i = lo; i < hi; i++) {
        if (values[i]! >= best - tieEps) {
          count++;
          if (count === 1 || rng() * count < 1) pick = i;
        }
      }
      choice[p] = pick;
    }
    const w = 1 / (t + 1);
    for (let i = 0; i < g.dim; i++) x[i] = x[i]! * (1 - w);
    last.fill(0);
    for (let p = 0; p < N; p++) {
      x[choice[p]!] = x[choice[p]!]! + w;
      last[choice[p]!] = 1;
      candidates.tail[choice[p]!] = candidates.tail[choice[p]!]! + 1;
    }
    t++;
    iterations++;
    candidates.advance(t);
  }
  if (reported === "average") return finishResult(g, x, iterations, tolerance, { reported });
  return finishResult(g, found, iterations, tolerance, {
    reported,
    // plays are counted from the start (play 1 = iteration 0)
    ...(reported === "tail average" ? { tailStart: candidates.tailStart - 1 } : {}),
  });
}
