/**
 * Regret matching (Hart and Mas-Colell 2000), unconditional form, for N-player games.
 *
 * Each player keeps cumulative regrets `R_p(s)` and plays in proportion to their positive parts:
 *
 * ```text
 * x_p^t(s) = R_p^{t-1}(s)^+ / sum_r R_p^{t-1}(r)^+     (uniform when no regret is positive)
 * ```
 *
 * - `mode: "expected"` (default, deterministic): `R_p^t(s) = R_p^{t-1}(s) + u_p(s, x_-p^t) - u_p(x^t)`;
 *   the reported profile is the average `xbar_p = (1/T) sum_t x_p^t`.
 * - `mode: "sampled"` (Hart and Mas-Colell's procedure with actual play): each round every player draws
 *   `a_p ~ x_p^t` (seeded) and `R_p^t(s) = R_p^{t-1}(s) + u_p(s, a_-p) - u_p(a)`; the reported profile
 *   is the empirical frequency of each player's actions.
 *
 * The time-average regret of every player vanishes (Hannan consistency), so the empirical joint play
 * approaches the set of coarse correlated equilibria; in two-player zero-sum games the averaged
 * marginals converge to a Nash equilibrium. In general-sum games the product of the marginals need
 * not be Nash: every `checkEvery` rounds the dynamic checks the average, then the last iterate `x^t`,
 * then the average over the tail since the last power of two (`TailCandidates`), and stops at the
 * first whose regret of every player is at most `tolerance * range_p` (its own payoff range),
 * `reported` saying which; otherwise `converged: false`. The full average carries the uniform start
 * with weight `1/T`, so an equilibrium the iterates reach at once is certified through the last
 * iterate or the tail, not after `T ~ 1/tolerance` rounds.
 *
 * References: S. Hart and A. Mas-Colell, "A simple adaptive procedure leading to correlated
 * equilibrium", Econometrica 68 (2000) 1127-1150; J. Hannan, "Approximation to Bayes risk in repeated
 * play", Contributions to the Theory of Games III (1957) 97-139.
 */

import { InputError } from "../../../src/errors.js";
import { alea } from "../../../src/numeric/alea.js";
import {
  asCompiled,
  type CompiledGame,
  type DynamicsGame,
  type DynamicsOptions,
  type DynamicsResult,
  finishResult,
  REGRET_MATCHING_MAX_ITERATIONS,
  type ReportedProfile,
  regretsFromValues,
  resolveOptions,
  strategyValuesInto,
} from "./kernel.js";
import { TailCandidates } from "./tail-candidates.js";

/** Options of `regretMatching`. */
export interface RegretMatchingOptions extends DynamicsOptions {
  /** `"expected"` (default): expected regrets, deterministic. `"sampled"`: realised play, seeded. */
  readonly mode?: "expected" | "sampled";
  /** Rounds between convergence checks of the reported profile (default 10). */
  readonly checkEvery?: number;
}

export { REGRET_MATCHING_MAX_ITERATIONS };

/** `x_p ∝ R_p^+` (uniform if no positive regret), for every player. */
function matchRegrets(g: CompiledGame, cum: Float64Array, x: Float64Array): void {
  for (let p = 0; p < g.players; p++) {
    const lo = g.offsets[p]!;
    const hi = g.offsets[p + 1]!;
    let sum = 0;
    for (let i = lo; i < hi; i++) if (cum[i]! > 0) sum += cum[i]!;
    if (sum > 0) for (let i = lo; i < hi; i++) x[i] = cum[i]! > 0 ? cum[i]! / sum : 0;
    else for (let i = lo; i < hi; i++) x[i] = 1 / (hi - lo);
  }
}

/**
 * One sampled round: each player draws an action from `x`; every strategy's cumulative regret `cum`
 * grows by what it would have earned against the others' draws minus what the drawn action earned;
 * the drawn actions are counted in `sumX` and `tail`.
 */
function sampledRound(
  g: CompiledGame,
  x: Float64Array,
  rng: () => number,
  action: Int32Array,
  cum: Float64Array,
  sumX: Float64Array,
  tail: Float64Array,
): void {
  const { offsets, strides, payoff, profiles } = g;
  let flat = 0;
  for (let p = 0; p < g.players; p++) {
    const lo = offsets[p]!;
    const hi = offsets[p + 1]!;
    const r = rng();
    let acc = 0;
    let a = hi - lo - 1;
    for (let i = lo; i < hi; i++) {
      acc += x[i]!;
      if (r < acc) {
        a = i - lo;
        break;
      }
    }
    action[p] = a;
    flat += a * strides[p]!;
  }
  for (let p = 0; p < g.players; p++) {
    const lo = offsets[p]!;
    const base = p * profiles + flat - action[p]! * strides[p]!;
    const realised = payoff[base + action[p]! * strides[p]!]!;
    for (let s = 0; s < g.shape[p]!; s++)
      cum[lo + s] = cum[lo + s]! + payoff[base + s * strides[p]!]! - realised;
    sumX[lo + action[p]!] = sumX[lo + action[p]!]! + 1;
    tail[lo + action[p]!] = tail[lo + action[p]!]! + 1;
  }
}

/**
 * One round in expectation: every strategy's cumulative regret `cum` grows by its value against `x`
 * minus the player's mean value; `x` is added to `sumX` and `tail`.
 */
function expectedRound(
  g: CompiledGame,
  x: Float64Array,
  values: Float64Array,
  cum: Float64Array,
  sumX: Float64Array,
  tail: Float64Array,
): void {
  strategyValuesInto(g, x, values);
  for (let p = 0; p < g.players; p++) {
    const lo = g.offsets[p]!;
    const hi = g.offsets[p + 1]!;
    let mean = 0;
    for (let i = lo; i < hi; i++) mean += x[i]! * values[i]!;
    for (let i = lo; i < hi; i++) cum[i] = cum[i]! + values[i]! - mean;
  }
  for (let i = 0; i < g.dim; i++) {
    sumX[i] = sumX[i]! + x[i]!;
    tail[i] = tail[i]! + x[i]!;
  }
}

/**
 * Runs regret matching (see the module comment) until the reported (average or empirical) profile's
 * max regret is at most `tolerance * payoff range`, or `maxIterations` rounds. Same seed → same output.
 *
 * Reference: Hart and Mas-Colell 2000.
 *
 * @throws InputError naming `maxIterations`, `tolerance` or `checkEvery` when that option is invalid, or
 *   `shape`/`payoffs` (see `compilePayoffs`)
 * @example
 * const r = regretMatching(rockPaperScissors, { maxIterations: 50_000, tolerance: 1e-3 });
 * // r.profile ≈ [[1/3, 1/3, 1/3], [1/3, 1/3, 1/3]]
 */
export function regretMatching(game: DynamicsGame, options: RegretMatchingOptions = {}): DynamicsResult {
  const g = asCompiled(game);
  const { maxIterations, tolerance, seed } = resolveOptions(options, REGRET_MATCHING_MAX_ITERATIONS, g);
  const checkEvery = options.checkEvery ?? 10;
  if (!Number.isInteger(checkEvery) || checkEvery < 1)
    throw new InputError(undefined, "checkEvery", `must be an integer >= 1, got ${checkEvery}`);
  const sampled = options.mode === "sampled";
  const rng = alea(seed);
  const N = g.players;
  const D = g.dim;
  const cum = new Float64Array(D);
  const x = new Float64Array(D);
  const sumX = new Float64Array(D);
  const avg = new Float64Array(D);
  const values = new Float64Array(D);
  const avgValues = new Float64Array(D);
  const regrets = new Float64Array(N);
  const action = new Int32Array(N);
  const threshold = tolerance * g.scale;
  const candidates = new TailCandidates(g);
  const last = new Float64Array(D);
  const found = new Float64Array(D);
  let reported: ReportedProfile = "average";

  let iterations = 0;
  while (iterations < maxIterations) {
    if ((iterations & 1023) === 0)
      options.progress?.({ done: iterations, total: maxIterations, unit: "iterations" });
    matchRegrets(g, cum, x);
    if (sampled) sampledRound(g, x, rng, action, cum, sumX, candidates.tail);
    else expectedRound(g, x, values, cum, sumX, candidates.tail);
    iterations++;
    if (iterations % checkEvery === 0) {
      const inv = 1 / iterations;
      for (let i = 0; i < D; i++) avg[i] = sumX[i]! * inv;
      strategyValuesInto(g, avg, avgValues);
      if (regretsFromValues(g, avg, avgValues, regrets) <= threshold) break;
      // the last iterate: the strategy played this round (sampled: the mixture the actions were drawn from)
      last.set(x);
      const which = candidates.check(last, iterations, threshold, found);
      if (which !== undefined) {
        reported = which;
        break;
      }
    }
    candidates.advance(iterations);
  }
  if (reported !== "average") {
    return finishResult(g, found, iterations, tolerance, {
      reported,
      ...(reported === "tail average" ? { tailStart: candidates.tailStart } : {}),
    });
  }
  if (iterations === 0) matchRegrets(g, cum, avg);
  else for (let i = 0; i < D; i++) avg[i] = sumX[i]! / iterations;
  return finishResult(g, avg, iterations, tolerance, { reported });
}
