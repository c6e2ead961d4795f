/**
 * Replicator dynamics (Taylor and Jonker 1978), multi-population form for N-player games.
 *
 * ```text
 * dx_p(s)/dt = x_p(s) * (u_p(s, x_-p) - u_p(x)) / R,      u_p(x) = sum_s x_p(s) u_p(s, x_-p),
 * ```
 *
 * with `R` the payoff range (time is measured in units that make the dynamic scale-free), integrated
 * with a fixed step `h` by the classical 4th-order Runge-Kutta method (default) or by Euler steps
 * (`x <- x + h f(x)`, the discrete-time replicator). After each step negatives are clipped and each
 * player's vector renormalised (the exact flow stays on the simplex). A strategy absent from the start
 * never appears, so the default start is the uniform profile (interior); `seed` draws a random interior
 * start instead (uniform on the simplex).
 *
 * Interior rest points are Nash equilibria, and stable limits of interior trajectories are Nash
 * (folk theorem of evolutionary game theory), but trajectories can also cycle (rock-paper-scissors:
 * closed orbits) or approach a boundary rest point that is not Nash. The dynamic stops when the
 * current profile's regret of every player p is at most `tolerance * R_p` (its own payoff range; the payoffs are mapped onto [0, 1] per player, so R = 1); otherwise it reports `converged: false`.
 *
 * References: P. D. Taylor and L. B. Jonker, "Evolutionary stable strategies and game dynamics",
 * Mathematical Biosciences 40 (1978) 145-156; J. Hofbauer and K. Sigmund, Evolutionary Games and
 * Population Dynamics (1998), ch. 7 and 10.
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
  fromNested,
  REPLICATOR_MAX_ITERATIONS,
  regretsFromValues,
  resolveOptions,
  strategyValuesInto,
  toNested,
  uniformProfile,
} from "./kernel.js";

/** Options of `replicatorDynamics`. */
export interface ReplicatorOptions extends DynamicsOptions {
  /** Step size `h` in the normalised time (default 0.2). */
  readonly stepSize?: number;
  /** `"rk4"` (default) or `"euler"` (the discrete-time replicator). */
  readonly integrator?: "rk4" | "euler";
  /** Start profile `x[p][s]` (default: uniform, or a random interior profile when `seed` is given). */
  readonly initial?: readonly (readonly number[])[];
}

export { REPLICATOR_MAX_ITERATIONS };

/** `out = f(x)`, the replicator field; `values` is scratch. */
function field(g: CompiledGame, x: Float64Array, values: Float64Array, out: Float64Array): void {
  strategyValuesInto(g, x, values);
  const inv = 1 / g.scale;
  for (let p = 0; p < g.players; p++) {
    const lo = g.offsets[p]!;
    const hi = g.offsets[p + 1]!;
    let mean = 0;
    for (let i = lo; i < hi; i++) mean += x[i]! * values[i]!;
    for (let i = lo; i < hi; i++) out[i] = x[i]! * (values[i]! - mean) * inv;
  }
}

function projectInPlace(g: CompiledGame, x: Float64Array): void {
  for (let p = 0; p < g.players; p++) {
    const lo = g.offsets[p]!;
    const hi = g.offsets[p + 1]!;
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      const v = Math.max(x[i]!, 0);
      x[i] = v;
      sum += v;
    }
    if (sum > 0) for (let i = lo; i < hi; i++) x[i] = x[i]! / sum;
  }
}

/**
 * Integrates the replicator dynamics (see the module comment) until the current profile's max regret
 * is at most `tolerance * payoff range` or `maxIterations` steps are done; reports the current profile.
 *
 * Reference: Taylor and Jonker 1978; Hofbauer and Sigmund 1998.
 *
 * @throws InputError naming `maxIterations`, `tolerance`, `stepSize` or `initial` (a probability
 *   profile of the game's shape) when that option is invalid, or `shape`/`payoffs` (see `compilePayoffs`)
 * @example
 * const r = replicatorDynamics(prisonersDilemma, { stepSize: 0.5 });
 * // r.profile ≈ [[0, 1], [0, 1]] (defect, defect), r.converged === true
 */
export function replicatorDynamics(game: DynamicsGame, options: ReplicatorOptions = {}): DynamicsResult {
  const g = asCompiled(game);
  const { maxIterations, tolerance } = resolveOptions(options, REPLICATOR_MAX_ITERATIONS, g);
  const h = options.stepSize ?? 0.2;
  if (!(h > 0 && Number.isFinite(h)))
    throw new InputError(undefined, "stepSize", `must be a finite number > 0, got ${h}`);
  const rk4 = (options.integrator ?? "rk4") === "rk4";
  const D = g.dim;
  let x: Float64Array;
  if (options.initial !== undefined) x = fromNested(g, options.initial, "initial");
  else if (options.seed !== undefined) {
    const rng = alea(options.seed);
    x = new Float64Array(D);
    // uniform on each simplex: normalised exponentials
    for (let i = 0; i < D; i++) x[i] = -Math.log(1 - rng());
    projectInPlace(g, x);
  } else x = uniformProfile(g);

  const values = new Float64Array(D);
  const regrets = new Float64Array(g.players);
  const k1 = new Float64Array(D);
  const k2 = new Float64Array(D);
  const k3 = new Float64Array(D);
  const k4 = new Float64Array(D);
  const y = new Float64Array(D);
  const threshold = tolerance * g.scale;
  // the time average of the trajectory: around an interior equilibrium the orbits can be closed
  // (zero-sum games), but their time averages converge to it (Hofbauer and Sigmund 1998, section 7.6)
  const sum = new Float64Array(D);
  let iterations = 0;
  while (iterations < maxIterations) {
    if ((iterations & 1023) === 0)
      options.progress?.({ done: iterations, total: maxIterations, unit: "iterations" });
    for (let i = 0; i < D; i++) sum[i] = sum[i]! + x[i]!;
    field(g, x, values, k1); // also leaves u_p(s, x_-p) in `values`
    if (regretsFromValues(g, x, values, regrets) <= threshold) break;
    if (rk4) {
      for (let i = 0; i < D; i++) y[i] = x[i]! + 0.5 * h * k1[i]!;
      field(g, y, values, k2);
      for (let i = 0; i < D; i++) y[i] = x[i]! + 0.5 * h * k2[i]!;
      field(g, y, values, k3);
      for (let i = 0; i < D; i++) y[i] = x[i]! + h * k3[i]!;
      field(g, y, values, k4);
      for (let i = 0; i < D; i++) x[i] = x[i]! + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
    } else {
      for (let i = 0; i < D; i++) x[i] = x[i]! + h * k1[i]!;
    }
    projectInPlace(g, x);
    iterations++;
  }
  const result = finishResult(g, x, iterations, tolerance);
  if (iterations === 0) return result;
  for (let i = 0; i < D; i++) sum[i] = sum[i]! / iterations;
  return { ...result, average: toNested(g, sum) };
}
