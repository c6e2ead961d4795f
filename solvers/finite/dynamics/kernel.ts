/**
 * Shared machinery of the learning dynamics (fictitious play, replicator, regret matching, logit
 * tracing): a compiled, allocation-free evaluator of expected payoffs for N-player games, regrets,
 * common options and the common result type.
 *
 * A mixed profile is stored as ONE `Float64Array` of length `D = sum_p n_p`, player p's block at
 * `offsets[p] .. offsets[p] + n_p - 1`. The central quantity is the payoff of each pure strategy
 * against the others' mixed strategies,
 *
 * ```text
 * u_p(s, x_-p) = sum over pure profiles a with a_p = s of  u_p(a) * prod_{q != p} x_q(a_q),
 * ```
 *
 * computed in one pass over the `prod_p n_p` profiles with prefix/suffix products (O(N) per profile).
 *
 * Reference: M. J. Osborne and A. Rubinstein, A Course in Game Theory (1994), ch. 3 (mixed extension).
 */
import { InputError } from "../../../src/errors.js";
import { RELATIVE_TOLERANCE } from "../../../src/numeric/tolerance.js";
import { checkWorkLimit, type ProgressSink } from "../../../src/work.js";
import { FLOAT_ARITHMETIC } from "../arithmetic.js";
import { floatPayoffs, type NormalFormGame } from "../game.js";
import { DEFAULT_MAX_EVALUATIONS } from "../methods/limits.js";
import { probabilityDefect } from "../profile-values.js";
import {
  DEFAULT_DYNAMICS_TOLERANCE,
  FICTITIOUS_PLAY_MAX_ITERATIONS,
  LOGIT_TRACING_MAX_ITERATIONS,
  REGRET_MATCHING_MAX_ITERATIONS,
  REPLICATOR_MAX_ITERATIONS,
} from "./defaults.js";

/** Options every dynamic accepts. */
export interface DynamicsOptions {
  /** Iteration cap (the dynamic stops there and reports `converged: false` unless it converged). */
  readonly maxIterations?: number;
  /**
   * Convergence tolerance RELATIVE to each player's own payoff range: converged when
   * `regret_p <= tolerance * (max_a u_p(a) - min_a u_p(a))` for every player `p` (default
   * `DEFAULT_DYNAMICS_TOLERANCE`), so rescaling one player's payoffs changes nothing.
   */
  readonly tolerance?: number;
  /** Seed (seedrandom `alea`) of the dynamic's random choices, where it makes any. */
  readonly seed?: string;
  /** Progress (iterations done of the cap), reported every 1024 iterations. */
  readonly progress?: ProgressSink;
  /**
   * Largest `maxIterations x profiles x players` (payoff evaluations) run; a larger run is refused
   * before any iteration (default `DEFAULT_MAX_EVALUATIONS`, 1e10: a few tens of seconds).
   */
  readonly maxEvaluations?: number;
}

/** What every dynamic returns. */
export interface DynamicsResult {
  /** `profile[p][s]`: the final mixed profile the dynamic reports (see each dynamic for which). */
  readonly profile: number[][];
  /** `max_p regrets[p]`. */
  readonly maxRegret: number;
  /** `regrets[p] = max_s u_p(s, x_-p) - u_p(x)` at `profile` (the game's payoff units). */
  readonly regrets: number[];
  /**
   * Replicator: the time average of the trajectory (a candidate for `polishProfile` when the orbit
   * itself cycles around an interior equilibrium). Not itself checked: `profile` is the answer.
   */
  readonly average?: number[][];
  /** Iterations (steps) performed. */
  readonly iterations: number;
  /** `true` only when every `regrets[p] <= tolerance * range_p` (each player's own payoff range). */
  readonly converged: boolean;
  /**
   * Fictitious play and regret matching: which of their profiles `profile` is. `average` (the time
   * average over every iteration, their classical output), `last iterate` (the current strategy:
   * regret matching's `x^t`, fictitious play's last pure profile played) or `tail average` (the
   * average since iteration `tailStart`); the first of these, in that order, that meets the tolerance
   * at a check is reported, and `average` when none does.
   */
  readonly reported?: ReportedProfile;
  /** With `reported: "tail average"`: the tail is iterations `tailStart + 1 .. iterations`. */
  readonly tailStart?: number;
}

/** Which profile of a learning dynamic is reported (`DynamicsResult.reported`). */
export type ReportedProfile = "average" | "last iterate" | "tail average";

export {
  DEFAULT_DYNAMICS_TOLERANCE,
  FICTITIOUS_PLAY_MAX_ITERATIONS,
  LOGIT_TRACING_MAX_ITERATIONS,
  REGRET_MATCHING_MAX_ITERATIONS,
  REPLICATOR_MAX_ITERATIONS,
};

/**
 * A game compiled for fast repeated evaluation. Build with `compileGame`; the scratch arrays make the
 * evaluators allocation-free (so one compiled game must not be used by two computations at once).
 */
export interface CompiledGame {
  /** Number of players N. */
  readonly players: number;
  /** Strategies per player. */
  readonly shape: Int32Array;
  /** Start of each player's block in a profile vector; `offsets[N] = D`. */
  readonly offsets: Int32Array;
  /** `D = sum_p n_p`. */
  readonly dim: number;
  /** Number of pure profiles, `prod_p n_p`. */
  readonly profiles: number;
  /** Stride of player p in the flat profile index (`prod_{q<p} n_q`). */
  readonly strides: Int32Array;
  /** `payoff[p * profiles + k]`: player p's payoff at flat profile k (Gambit order). */
  readonly payoff: Float64Array;
  /** `strategyAt[k * N + p]`: player p's strategy at flat profile k. */
  readonly strategyAt: Int32Array;
  /**
   * Largest minus smallest entry of `payoff` over all players: 1, or 0 when every player's payoffs
   * are constant. `payoff` holds each player's payoffs mapped affinely onto [0, 1] (see `compilePayoffs`).
   */
  readonly range: number;
  /** `range` if positive, else 1: the scale of the relative tolerances (1: every player's own range). */
  readonly scale: number;
  /** Per player: the original payoffs' smallest value and range (`hi - lo`, may be `Infinity` on overflow). */
  readonly playerMin: Float64Array;
  readonly playerRange: Float64Array;
  /** Scratch, length N + 1. */
  readonly prefix: Float64Array;
}

/**
 * Compiles float payoff tables (`payoffs[p][flat]`, player 0's strategy fastest) for the dynamics.
 *
 * @throws InputError naming `shape` (no player, or a player without strategies) or `payoffs` (a table
 *   per player of `prod_p shape[p]` finite numbers expected)
 * @example
 * const g = compilePayoffs([2, 2], [Float64Array.of(1, -1, -1, 1), Float64Array.of(-1, 1, 1, -1)]);
 */
export function compilePayoffs(shape: readonly number[], payoffs: readonly Float64Array[]): CompiledGame {
  const N = shape.length;
  if (N < 1) throw new InputError(undefined, "shape", "a game needs at least one player");
  if (payoffs.length !== N)
    throw new InputError(undefined, "payoffs", `${payoffs.length} payoff tables for ${N} players`);
  const sh = Int32Array.from(shape);
  const offsets = new Int32Array(N + 1);
  const str = new Int32Array(N);
  let profiles = 1;
  for (let p = 0; p < N; p++) {
    if (!(sh[p]! >= 1)) throw new InputError(undefined, "shape", `player ${p + 1} has no strategy`);
    offsets[p + 1] = offsets[p]! + sh[p]!;
    str[p] = profiles;
    profiles *= sh[p]!;
  }
  const payoff = new Float64Array(N * profiles);
  const playerMin = new Float64Array(N);
  const playerRange = new Float64Array(N);
  let range = 0;
  for (let p = 0; p < N; p++) {
    const t = payoffs[p]!;
    if (t.length !== profiles)
      throw new InputError(undefined, "payoffs", `player ${p + 1} has ${t.length} payoffs, need ${profiles}`);
    const { min, range: r, normalised } = normalisePlayer(t);
    if (normalised === null)
      throw new InputError(undefined, "payoffs", `non-finite payoff of player ${p + 1}`);
    playerMin[p] = min;
    playerRange[p] = r;
    payoff.set(normalised, p * profiles);
    if (r > 0) range = 1;
  }
  const strategyAt = new Int32Array(profiles * N);
  for (let k = 0; k < profiles; k++) {
    let rest = k;
    for (let p = 0; p < N; p++) {
      strategyAt[k * N + p] = rest % sh[p]!;
      rest = Math.floor(rest / sh[p]!);
    }
  }
  return {
    players: N,
    shape: sh,
    offsets,
    dim: offsets[N]!,
    profiles,
    strides: str,
    payoff,
    strategyAt,
    range,
    scale: 1,
    playerMin,
    playerRange,
    prefix: new Float64Array(N + 1),
  };
}

/**
 * One player's payoffs mapped affinely onto [0, 1]: `(u - min) / (max - min)`, all 0 for a constant
 * player; `null` when a payoff is not finite. Computed after dividing by the largest magnitude, so
 * payoffs up to the largest double do not overflow (`max - min` of raw payoffs can). Nash equilibria
 * and the dynamics' verdicts do not change under a positive affine map of one player's payoffs, so every
 * tolerance on the mapped payoffs is relative to that player's own range.
 *
 * @example
 * normalisePlayer(Float64Array.of(1e-7, 1e-7, 0, 0)).normalised; // [1, 1, 0, 0]
 */
export function normalisePlayer(t: ArrayLike<number>): {
  min: number;
  range: number;
  normalised: Float64Array | null;
} {
  const n = t.length;
  let big = 0;
  for (let k = 0; k < n; k++) {
    const v = t[k]!;
    if (!Number.isFinite(v)) return { min: Number.NaN, range: Number.NaN, normalised: null };
    if (Math.abs(v) > big) big = Math.abs(v);
  }
  const out = new Float64Array(n);
  if (big === 0) return { min: 0, range: 0, normalised: out };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const w = t[k]! / big;
    out[k] = w;
    if (w < lo) lo = w;
    if (w > hi) hi = w;
  }
  const r = hi - lo;
  if (!(r > 0)) {
    out.fill(0);
    return { min: lo * big, range: 0, normalised: out };
  }
  for (let k = 0; k < n; k++) out[k] = (out[k]! - lo) / r;
  return { min: lo * big, range: r * big, normalised: out };
}

/**
 * Compiles a `NormalFormGame` (its float payoffs) for the dynamics.
 *
 * @example
 * const g = compileGame(fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]));
 */
export function compileGame(game: NormalFormGame): CompiledGame {
  return compilePayoffs(game.shape, floatPayoffs(game));
}

/**
 * Writes `out[offsets[p] + s] = u_p(s, x_-p)` for every player and strategy (see the module comment).
 * Cost `O(N * prod_p n_p)`; allocates nothing.
 *
 * This is `strategyValuesFlat(FLOAT_ARITHMETIC, ...)` (`../profile-values.ts`, the one routine the exact and
 * floating game helpers share) with the arithmetic's operations written inline: same flat layout, same
 * traversal of the pure profiles, same order of every multiplication and addition, so the two give the
 * same doubles bit for bit (test/finite/profile-values.test.ts checks it on random games). It stays
 * specialised because it is the dynamics' hot loop: going through the `Arithmetic` object's `add`/`mul`
 * made it 1.4 to 2 times slower (random 20x20 and 8x8x8 games: 1.4 times when the routine had seen
 * only doubles, 2 times, 2.8 against 5.5 us per 20x20 evaluation, once the exact helpers had run it on
 * rationals and plain arrays in the same process; replicator runs up to twice as long), far more than
 * the few percent allowed.
 * Only the zero-payoff skip of the generic routine is left out (adding `+0` leaves a finite sum as it is).
 *
 * @example
 * strategyValuesInto(g, x, values); // values[g.offsets[1] + 0] = column player's payoff of column 0
 */
export function strategyValuesInto(g: CompiledGame, x: Float64Array, out: Float64Array): void {
  const N = g.players;
  const { offsets, strategyAt, payoff, profiles, prefix } = g;
  out.fill(0);
  prefix[0] = 1;
  for (let k = 0; k < profiles; k++) {
    const base = k * N;
    for (let q = 0; q < N; q++) prefix[q + 1] = prefix[q]! * x[offsets[q]! + strategyAt[base + q]!]!;
    let suffix = 1;
    for (let p = N - 1; p >= 0; p--) {
      const idx = offsets[p]! + strategyAt[base + p]!;
      out[idx] = out[idx]! + payoff[p * profiles + k]! * prefix[p]! * suffix;
      suffix *= x[idx]!;
    }
  }
}

/**
 * From strategy values `v` (as from `strategyValuesInto`) and the profile `x`, writes each player's
 * regret `max_s v_p(s) - sum_s x_p(s) v_p(s)` into `regrets` and returns the largest (at least 0).
 *
 * `regretsFlat(FLOAT_ARITHMETIC, ...)` written inline, for the reason given at `strategyValuesInto`
 * (same operations in the same order, so the same doubles; tested): through the generic routine, which
 * also runs on rationals and on plain arrays, fictitious play on a 20x20 game took about 17% longer.
 *
 * @example
 * const worst = regretsFromValues(g, x, values, regrets);
 */
export function regretsFromValues(
  g: CompiledGame,
  x: Float64Array,
  v: Float64Array,
  regrets: Float64Array,
): number {
  let worst = 0;
  for (let p = 0; p < g.players; p++) {
    let best = Number.NEGATIVE_INFINITY;
    let mean = 0;
    for (let i = g.offsets[p]!; i < g.offsets[p + 1]!; i++) {
      const u = v[i]!;
      if (u > best) best = u;
      mean += x[i]! * u;
    }
    const r = best - mean;
    regrets[p] = r;
    if (r > worst) worst = r;
  }
  return worst;
}

/**
 * The uniform profile (each player mixes uniformly), as a flat vector.
 *
 * @example
 * uniformProfile(g); // Float64Array [0.5, 0.5, 0.5, 0.5] for a 2x2 game
 */
export function uniformProfile(g: CompiledGame): Float64Array {
  const x = new Float64Array(g.dim);
  for (let p = 0; p < g.players; p++) {
    for (let i = g.offsets[p]!; i < g.offsets[p + 1]!; i++) x[i] = 1 / g.shape[p]!;
  }
  return x;
}

/**
 * Splits a flat profile into `profile[p][s]`.
 *
 * @example
 * toNested(g, Float64Array.of(1, 0, 0.5, 0.5)); // [[1, 0], [0.5, 0.5]]
 */
export function toNested(g: CompiledGame, x: Float64Array): number[][] {
  const out: number[][] = [];
  for (let p = 0; p < g.players; p++) out.push(Array.from(x.subarray(g.offsets[p]!, g.offsets[p + 1]!)));
  return out;
}

/** How far from 1 the sum of a given profile's probabilities may be (absolute: they are near 1). */
const PROFILE_SUM_TOLERANCE = RELATIVE_TOLERANCE;

/**
 * Flattens `profile[p][s]` into one vector, checking the shape and that each block is a probability
 * vector (entries >= 0, sum 1 within 1e-9).
 *
 * @throws InputError naming `field` (the option that carried the profile) otherwise
 * @example
 * fromNested(g, [[1, 0], [0.5, 0.5]]); // Float64Array [1, 0, 0.5, 0.5]
 */
export function fromNested(
  g: CompiledGame,
  profile: readonly (readonly number[])[],
  field = "profile",
): Float64Array {
  if (profile.length !== g.players)
    throw new InputError(undefined, field, `profile has ${profile.length} players, game has ${g.players}`);
  const x = new Float64Array(g.dim);
  for (let p = 0; p < g.players; p++) {
    const row = profile[p]!;
    if (row.length !== g.shape[p]) {
      throw new InputError(
        undefined,
        field,
        `player ${p + 1}: profile has ${row.length} strategies, game has ${g.shape[p]}`,
      );
    }
    for (let s = 0; s < row.length; s++) x[g.offsets[p]! + s] = row[s]!;
    const defect = probabilityDefect(
      FLOAT_ARITHMETIC,
      x,
      g.offsets[p]!,
      g.offsets[p + 1]!,
      0,
      PROFILE_SUM_TOLERANCE,
    );
    if (defect !== undefined) throw new InputError(undefined, field, `player ${p + 1}: ${defect}`);
  }
  return x;
}

/**
 * Evaluates a flat profile and packages the common result: regrets at `x` (payoff units), `maxRegret`,
 * and `converged` when every player's regret is at most `tolerance` times its own payoff range.
 *
 * @example
 * return finishResult(g, x, iterations, tolerance);
 */
export function finishResult(
  g: CompiledGame,
  x: Float64Array,
  iterations: number,
  tolerance: number,
  reported?: { reported: ReportedProfile; tailStart?: number },
): DynamicsResult {
  const values = new Float64Array(g.dim);
  const relative = new Float64Array(g.players);
  strategyValuesInto(g, x, values);
  // relative to each player's range (the compiled payoffs are per player on [0, 1]); reported in the
  // game's own units
  const maxRelative = regretsFromValues(g, x, values, relative);
  const regrets = Array.from(relative, (r, p) => r * g.playerRange[p]!);
  return {
    profile: toNested(g, x),
    maxRegret: Math.max(0, ...regrets),
    regrets,
    iterations,
    converged: Number.isFinite(maxRelative) && maxRelative <= tolerance,
    ...(reported ?? {}),
  };
}

/**
 * Resolves the common options with the given defaults and validates them; given the game, also
 * refuses a run whose payoff evaluations (`maxIterations x profiles x players`) exceed
 * `options.maxEvaluations`, so that each dynamic called directly has the guard of `solveFinite`.
 *
 * @throws InputError naming `maxIterations` (an integer >= 0 expected) or `tolerance` (a number >= 0)
 * @throws WorkLimitError (`maxEvaluations`) when the run's evaluations exceed the limit
 * @example
 * const { maxIterations, tolerance } = resolveOptions(options, 10_000);
 */
export function resolveOptions(
  options: DynamicsOptions,
  defaultMaxIterations: number,
  game?: CompiledGame,
): { maxIterations: number; tolerance: number; seed: string } {
  const maxIterations = options.maxIterations ?? defaultMaxIterations;
  const tolerance = options.tolerance ?? DEFAULT_DYNAMICS_TOLERANCE;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new InputError(undefined, "maxIterations", `must be an integer >= 0, got ${maxIterations}`);
  }
  if (!(tolerance >= 0)) throw new InputError(undefined, "tolerance", `must be >= 0, got ${tolerance}`);
  if (game !== undefined) {
    checkWorkLimit(
      "maxEvaluations",
      maxIterations * game.profiles * game.players,
      options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS,
      `payoff evaluations (${maxIterations} iterations x ${game.profiles} profiles x ${game.players} players)`,
    );
  }
  return { maxIterations, tolerance, seed: options.seed ?? "modelmarket" };
}

/** A game as the dynamics accept it: a `NormalFormGame` or an already compiled one. */
export type DynamicsGame = NormalFormGame | CompiledGame;

/**
 * `compileGame` unless it is compiled already.
 *
 * @example
 * const g = asCompiled(game);
 */
export function asCompiled(game: DynamicsGame): CompiledGame {
  return "payoffs" in game ? compileGame(game) : game;
}

/**
 * Each player's regret at a profile (`profile[p][s]`, not validated) in units of that player's own
 * payoff range: `(max_s u_p(s, x_-p) - u_p(x)) / range_p` (0 for a player with constant payoffs).
 * The acceptance test of every floating method compares these with its relative tolerance.
 *
 * @example
 * relativeRegrets(compileGame(game), [[1, 0], [1, 0]]); // [0, 0] at a pure equilibrium
 */
export function relativeRegrets(g: CompiledGame, profile: readonly (readonly number[])[]): number[] {
  const x = new Float64Array(g.dim);
  for (let p = 0; p < g.players; p++) {
    for (let s = 0; s < g.shape[p]!; s++) x[g.offsets[p]! + s] = profile[p]![s]!;
  }
  const values = new Float64Array(g.dim);
  const regrets = new Float64Array(g.players);
  strategyValuesInto(g, x, values);
  regretsFromValues(g, x, values, regrets);
  return Array.from(regrets, (r) => Math.max(0, r));
}
