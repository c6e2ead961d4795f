/**
 * The payoff computations of a mixed profile, written once over an `Arithmetic<T>` (`arithmetic.ts`): the value of
 * each pure strategy against the others' mixed strategies, each player's regret, and the check that a
 * player's strategy is a probability vector. `game.ts` instantiates them exactly (BigInt fraction-free
 * for the values, `Rational` for the regrets) and in doubles for its `...Exact` / `...Float` exports;
 * the learning dynamics' hot loop (`dynamics/kernel.ts`) is the double instantiation written inline, on
 * this same layout, and is tested to give the same doubles bit for bit. Gambit's
 * `MixedStrategyProfile<T>` template plays this role there (one payoff routine, instantiated for
 * `double` and `Rational`).
 *
 * Layout (the dynamics' one): a mixed profile is ONE flat
 * array of length `D = sum_p n_p`, player p's block at `offsets[p] .. offsets[p + 1] - 1`; pure
 * profiles are numbered in Gambit's `.nfg` order (player 0's strategy fastest) and `payoffs[p][k]` is
 * player p's payoff at pure profile k.
 *
 * ```text
 * u_p(s, x_-p) = sum over pure profiles a with a_p = s of  u_p(a) * prod_{q != p} x_q(a_q)
 * ```
 *
 * is computed in one pass over the `prod_p n_p` pure profiles, with prefix and suffix products of the
 * probabilities (O(N) per profile instead of O(N^2)).
 *
 * Reference: M. J. Osborne and A. Rubinstein, A Course in Game Theory (1994), ch. 3 (mixed extension);
 * J. Nash, "Non-cooperative games", Annals of Mathematics 54 (1951) (equilibrium iff no regret);
 * Gambit, `MixedStrategyProfile<T>` (src/games/stratmixed.h).
 */
import type { Arithmetic } from "./arithmetic.js";

/** A writable indexed collection: a `T[]`, or a `Float64Array` when `T` is `number`. */
export interface Writable<T> {
  [index: number]: T;
  readonly length: number;
}

/** The shape of a game and where each player's block sits in a flat profile. */
export interface ProfileLayout {
  /** Number of players N. */
  readonly players: number;
  /** Strategies per player, `shape[p] >= 1`. */
  readonly shape: ArrayLike<number>;
  /** Start of each player's block in a flat profile; `offsets[N] = D`. */
  readonly offsets: ArrayLike<number>;
  /** Number of pure profiles, `prod_p shape[p]`. */
  readonly profiles: number;
}

/**
 * The layout of a game of the given shape (offsets are the running sums of the shape).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * profileLayout([2, 3]); // { players: 2, shape: [2, 3], offsets: [0, 2, 5], profiles: 6 }
 */
export function profileLayout(shape: readonly number[]): ProfileLayout {
  const offsets = [0];
  let profiles = 1;
  for (const n of shape) {
    offsets.push(offsets[offsets.length - 1]! + n);
    profiles *= n;
  }
  return { players: shape.length, shape: shape.slice(), offsets, profiles };
}

/** Scratch space of `strategyValuesFlat` (reused by hot loops so that they allocate nothing). */
export interface ValuesScratch<T> {
  /** Length N + 1: prefix products of the probabilities. */
  readonly prefix: Writable<T>;
  /** Length N: the current pure profile (odometer, player 0 fastest). */
  readonly strategy: Int32Array;
}

/**
 * Fresh scratch space for a layout.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const scratch = valuesScratch(FLOAT_ARITHMETIC, profileLayout([2, 2]));
 */
export function valuesScratch<T>(F: Arithmetic<T>, layout: ProfileLayout): ValuesScratch<T> {
  return {
    prefix: new Array<T>(layout.players + 1).fill(F.one),
    strategy: new Int32Array(layout.players),
  };
}

/**
 * Writes `out[offsets[p] + s] = u_p(s, x_-p)` (see the module comment) for every player p and strategy
 * s, in the arithmetic `F`. `x` is a flat profile (not validated: any numbers give the multilinear
 * extension); `payoffs[p][k]` player p's payoff at pure profile k. Cost `O(N * prod_p n_p)` arithmetic
 * operations; allocates nothing beyond what `F`'s operations allocate. Exact with `RATIONAL_ARITHMETIC` (and with
 * `BIGINT_ARITHMETIC` on integer payoffs and probabilities scaled by their denominators);
 * with `FLOAT_ARITHMETIC` each value carries a rounding error of a few ulps of
 * `sum_a |u_p(a)| prod_q x_q(a_q)` (a sum of `prod_p n_p` products of N + 1 factors).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const L = profileLayout([2, 2]);
 * const out = [0, 0, 0, 0];
 * strategyValuesFlat(FLOAT_ARITHMETIC, L, [[1, 0, 0, 1], [1, 0, 0, 1]], [0.5, 0.5, 1, 0], out, valuesScratch(FLOAT_ARITHMETIC, L));
 * // out = [1, 0, 0.5, 0.5]
 */
export function strategyValuesFlat<T>(
  F: Arithmetic<T>,
  layout: ProfileLayout,
  payoffs: readonly ArrayLike<T>[],
  x: ArrayLike<T>,
  out: Writable<T>,
  scratch: ValuesScratch<T>,
): void {
  const N = layout.players;
  const { offsets, shape, profiles } = layout;
  const { prefix, strategy } = scratch;
  const dim = offsets[N]!;
  for (let i = 0; i < dim; i++) out[i] = F.zero;
  strategy.fill(0);
  prefix[0] = F.one;
  for (let k = 0; k < profiles; k++) {
    for (let q = 0; q < N; q++) prefix[q + 1] = F.mul(prefix[q]!, x[offsets[q]! + strategy[q]!]!);
    // suffix = prod_{q > p} x_q(a_q); prefix[p] * suffix = prod_{q != p} x_q(a_q)
    let suffix = F.one;
    for (let p = N - 1; p >= 0; p--) {
      const i = offsets[p]! + strategy[p]!;
      const u = payoffs[p]![k]!;
      if (!F.isZero(u)) out[i] = F.add(out[i]!, F.mul(F.mul(u, prefix[p]!), suffix));
      suffix = F.mul(suffix, x[i]!);
    }
    // next pure profile, player 0 fastest (Gambit order)
    for (let p = 0; p < N; p++) {
      if (++strategy[p]! < shape[p]!) break;
      strategy[p] = 0;
    }
  }
}

/**
 * From strategy values `v` (as from `strategyValuesFlat`) and the flat profile `x`, writes each
 * player's regret `max_s v_p(s) - sum_s x_p(s) v_p(s)` into `regrets` and returns the largest regret,
 * or 0 when every regret is below 0 (only rounding makes a regret of a probability vector negative).
 * A profile of probability vectors is a Nash equilibrium iff every regret is 0 (Nash 1951).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const regrets = [0, 0];
 * regretsFlat(FLOAT_ARITHMETIC, profileLayout([2, 2]), [0.5, 0.5, 1, 0], [1, 0, 0.5, 0.5], regrets); // 0.5
 * // regrets = [0.5, 0]
 */
export function regretsFlat<T>(
  F: Arithmetic<T>,
  layout: ProfileLayout,
  x: ArrayLike<T>,
  v: ArrayLike<T>,
  regrets: Writable<T>,
): T {
  const { offsets, players } = layout;
  let worst = F.zero;
  for (let p = 0; p < players; p++) {
    const start = offsets[p]!;
    const end = offsets[p + 1]!;
    let best = v[start]!;
    let mean = F.zero;
    for (let i = start; i < end; i++) {
      const u = v[i]!;
      if (F.compare(u, best) > 0) best = u;
      mean = F.add(mean, F.mul(x[i]!, u));
    }
    const r = F.sub(best, mean);
    regrets[p] = r;
    if (F.compare(r, worst) > 0) worst = r;
  }
  return worst;
}

/**
 * What is wrong with `x[from .. to - 1]` as a probability vector, or `undefined` when nothing is:
 * every entry must be at least `-entryTolerance` and the sum within `sumTolerance` of 1 (both 0 for
 * the exact test). A NaN entry is always wrong.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * probabilityDefect(FLOAT_ARITHMETIC, [0.5, 0.6], 0, 2, 0, 1e-9); // "probabilities sum to 1.1, not 1"
 */
export function probabilityDefect<T>(
  F: Arithmetic<T>,
  x: ArrayLike<T>,
  from: number,
  to: number,
  entryTolerance: T,
  sumTolerance: T,
): string | undefined {
  const lowest = F.sub(F.zero, entryTolerance);
  let sum = F.zero;
  for (let i = from; i < to; i++) {
    const v = x[i]!;
    // written so that an unordered comparison (NaN) fails the test
    if (!(F.compare(v, lowest) >= 0)) return `negative probability ${F.format(v)}`;
    sum = F.add(sum, v);
  }
  const excess = F.sub(sum, F.one);
  if (!(F.compare(excess, sumTolerance) <= 0 && F.compare(excess, F.sub(F.zero, sumTolerance)) >= 0)) {
    return `probabilities sum to ${F.format(sum)}, not 1`;
  }
  return undefined;
}

/**
 * A nested profile (`profile[p][s]`) as one flat array in the layout's order.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * flattenProfile([[1, 0], [0.5, 0.5]]); // [1, 0, 0.5, 0.5]
 */
export function flattenProfile<T>(profile: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (const row of profile) for (const v of row) out.push(v);
  return out;
}

/**
 * Each pure strategy's value against the others' mixed strategies, `out[p][s] = u_p(s, x_-p)`, for a
 * nested profile (shape not validated here: `game.ts` checks it first).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * strategyValuesIn(FLOAT_ARITHMETIC, [2, 2], [[1, 0, 0, 1], [1, 0, 0, 1]], [[0.5, 0.5], [1, 0]]); // [[1, 0], [0.5, 0.5]]
 */
export function strategyValuesIn<T>(
  F: Arithmetic<T>,
  shape: readonly number[],
  payoffs: readonly ArrayLike<T>[],
  profile: readonly (readonly T[])[],
): T[][] {
  const layout = profileLayout(shape);
  const flat = new Array<T>(layout.offsets[layout.players]!);
  strategyValuesFlat(F, layout, payoffs, flattenProfile(profile), flat, valuesScratch(F, layout));
  return shape.map((_, p) => flat.slice(layout.offsets[p]!, layout.offsets[p + 1]!));
}

/**
 * Each player's regret `max_s u_p(s, x_-p) - u_p(x)` at a nested profile (not validated here).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * regretsIn(FLOAT_ARITHMETIC, [2, 2], [[1, 0, 0, 1], [1, 0, 0, 1]], [[0.5, 0.5], [1, 0]]); // [0.5, 0]
 */
export function regretsIn<T>(
  F: Arithmetic<T>,
  shape: readonly number[],
  payoffs: readonly ArrayLike<T>[],
  profile: readonly (readonly T[])[],
): T[] {
  const layout = profileLayout(shape);
  const x = flattenProfile(profile);
  const values = new Array<T>(x.length);
  strategyValuesFlat(F, layout, payoffs, x, values, valuesScratch(F, layout));
  const regrets = new Array<T>(layout.players);
  regretsFlat(F, layout, x, values, regrets);
  return regrets;
}
