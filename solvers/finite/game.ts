/**
 * Finite normal-form (strategic) games with exact payoffs.
 *
 * A game with N players, player p having `shape[p]` pure strategies, is stored as one exact payoff
 * table per player, flattened in Gambit's `.nfg` order: player 0's strategy varies fastest, so the
 * profile `(s_0, ..., s_{N-1})` sits at `s_0 + shape[0] * (s_1 + shape[1] * (s_2 + ...))`.
 *
 * Reference: Gambit's strategic-game representation (`.nfg` file format, "Strategic games" in the
 * Gambit manual); M. J. Osborne and A. Rubinstein, A Course in Game Theory (1994), ch. 2-3.
 */
import { InputError } from "../../src/errors.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { BIGINT_ARITHMETIC, FLOAT_ARITHMETIC, RATIONAL_ARITHMETIC } from "./arithmetic.js";
import {
  flattenProfile,
  probabilityDefect,
  profileLayout,
  regretsFlat,
  regretsIn,
  strategyValuesIn,
} from "./profile-values.js";
import { lcmDenominators, Rational } from "./rational.js";

/** One outcome of Gambit's outcome-version `.nfg` file (kept so that writing it back is faithful). */
export interface NfgOutcome {
  name: string;
  /** Payoff of each player. */
  payoffs: Rational[];
}

/**
 * A finite N-player normal-form game.
 *
 * `payoffs[p][flat]` is player p's payoff at the pure profile with flat index `flat` (player 0's
 * strategy fastest, see `profileIndex`).
 */
export interface NormalFormGame {
  title: string;
  /** Free-text comment (the `.nfg` file's second quoted string), `""` if none. */
  comment: string;
  players: string[];
  /** `strategies[p][s]` is the label of player p's strategy s. */
  strategies: string[][];
  /** Number of strategies of each player. */
  shape: number[];
  /** `payoffs[p][flat]`, exact. */
  payoffs: Rational[][];
  /**
   * Present when the game came from an outcome-version `.nfg` file: the outcomes and, for each flat
   * profile, the index of its outcome (`-1` for the null outcome, all payoffs 0).
   */
  outcomes?: { list: NfgOutcome[]; profileOutcome: number[] };
}

/** An exact mixed profile: `profile[p][s]` is the probability player p plays s. */
export type ExactProfile = Rational[][];
/** A floating mixed profile: `profile[p][s]` is the probability player p plays s. */
export type FloatProfile = number[][];
/** A mixed profile, exact or floating. */
export type MixedProfile = ExactProfile | FloatProfile;

/**
 * `true` when the profile is exact (its entries are `Rational`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * isExactProfile([[0.5, 0.5]]); // false
 */
export function isExactProfile(profile: MixedProfile): profile is ExactProfile {
  for (const row of profile) if (row.length > 0) return row[0] instanceof Rational;
  return true;
}

/**
 * Number of pure profiles, `prod_p shape[p]`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * profileCount(fromBimatrix([[1, 2]], [[0, 0]])); // 2
 */
export function profileCount(game: NormalFormGame): number {
  return game.shape.reduce((a, b) => a * b, 1);
}

/**
 * Flat index of a pure profile, player 0 fastest: `s_0 + n_0 (s_1 + n_1 (s_2 + ...))` (Gambit order).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * profileIndex([2, 3], [1, 2]); // 1 + 2 * 2 = 5
 */
export function profileIndex(shape: readonly number[], strategies: readonly number[]): number {
  let idx = 0;
  for (let p = shape.length - 1; p >= 0; p--) idx = idx * shape[p]! + strategies[p]!;
  return idx;
}

/**
 * The pure profile at a flat index (inverse of `profileIndex`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * profileFromIndex([2, 3], 5); // [1, 2]
 */
export function profileFromIndex(shape: readonly number[], flat: number): number[] {
  const out = new Array<number>(shape.length);
  for (let p = 0; p < shape.length; p++) {
    out[p] = flat % shape[p]!;
    flat = Math.floor(flat / shape[p]!);
  }
  return out;
}

/**
 * Strides of the flat index: `stride[p] = prod_{q<p} shape[q]`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * strides([2, 3, 4]); // [1, 2, 6]
 */
export function strides(shape: readonly number[]): number[] {
  const out: number[] = [];
  let s = 1;
  for (const n of shape) {
    out.push(s);
    s *= n;
  }
  return out;
}

/**
 * `true` when the game has exactly two players.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * isTwoPlayer(fromBimatrix([[1]], [[1]])); // true
 */
export function isTwoPlayer(game: NormalFormGame): boolean {
  return game.shape.length === 2;
}

/**
 * The shape `[m, n]` of a two-player game, for the methods that only solve those.
 *
 * @param method the method's name, which the message starts with (`"lcp"`, `"enummixed"`)
 * @throws InputError naming `game` unless the game has exactly two players
 * @example
 * requireTwoPlayers(fromBimatrix([[1, 0, 2]], [[0, 1, 0]]), "lcp"); // [1, 3]
 */
export function requireTwoPlayers(game: NormalFormGame, method: string): [number, number] {
  if (game.shape.length !== 2) {
    throw new InputError(
      undefined,
      "game",
      `${method}: the game must have exactly two players, it has ${game.shape.length}`,
    );
  }
  return [game.shape[0]!, game.shape[1]!];
}

/**
 * Builds a game from explicit payoff tables (`payoffs[p][flat]`, Gambit order), with default names
 * (`Player 1`, strategies `1`, `2`, ...). Validates the sizes.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const g = makeGame([2, 2], [["1", "0", "0", "1"], ["1", "0", "0", "1"]]);
 */
export function makeGame(
  shape: readonly number[],
  payoffs: ReadonlyArray<ReadonlyArray<Rational | string | number | bigint>>,
  title = "",
): NormalFormGame {
  if (shape.length === 0) throw new InputError(undefined, "makeGame", "a game needs at least one player");
  for (const n of shape) {
    if (!Number.isInteger(n) || n < 1) throw new InputError(undefined, "makeGame", `bad strategy count ${n}`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (payoffs.length !== shape.length) {
    throw new InputError(
      undefined,
      "makeGame",
      `${payoffs.length} payoff tables for ${shape.length} players`,
    );
  }
  const tables = payoffs.map((t, p) => {
    if (t.length !== count)
      throw new InputError(undefined, "makeGame", `player ${p + 1} has ${t.length} payoffs, need ${count}`);
    return t.map((v) => Rational.from(v));
  });
  return {
    title,
    comment: "",
    players: shape.map((_, p) => `Player ${p + 1}`),
    strategies: shape.map((n) => Array.from({ length: n }, (_, s) => String(s + 1))),
    shape: shape.slice(),
    payoffs: tables,
  };
}

/**
 * A two-player game from the row player's matrix `A` and the column player's matrix `B`
 * (`A[i][j]`, `B[i][j]` at row i, column j). Strings are parsed exactly (`"1/3"`, `"0.25"`), numbers
 * converted exactly from their binary value.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const pennies = fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
 */
export function fromBimatrix(
  A: ReadonlyArray<ReadonlyArray<Rational | string | number | bigint>>,
  B: ReadonlyArray<ReadonlyArray<Rational | string | number | bigint>>,
  title = "",
): NormalFormGame {
  const m = A.length;
  const n = m === 0 ? 0 : A[0]!.length;
  if (m === 0 || n === 0) throw new InputError(undefined, "fromBimatrix", "empty matrix");
  if (B.length !== m) throw new InputError(undefined, "fromBimatrix", "A and B differ in size");
  const pa: Rational[] = new Array(m * n);
  const pb: Rational[] = new Array(m * n);
  for (let i = 0; i < m; i++) {
    if (A[i]!.length !== n || B[i]!.length !== n)
      throw new InputError(undefined, "fromBimatrix", "ragged matrix");
    for (let j = 0; j < n; j++) {
      pa[i + m * j] = Rational.from(A[i]![j]!);
      pb[i + m * j] = Rational.from(B[i]![j]!);
    }
  }
  return makeGame([m, n], [pa, pb], title);
}

/**
 * The two payoff matrices of a two-player game: `A[i][j]` (row player), `B[i][j]` (column player).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const { A, B } = toBimatrix(fromBimatrix([[1]], [[2]])); // A = [[1]], B = [[2]] as Rationals
 */
export function toBimatrix(game: NormalFormGame): { A: Rational[][]; B: Rational[][] } {
  if (!isTwoPlayer(game)) throw new InputError(undefined, "toBimatrix", "not a two-player game");
  const [m, n] = game.shape as [number, number];
  const A: Rational[][] = [];
  const B: Rational[][] = [];
  for (let i = 0; i < m; i++) {
    const ra: Rational[] = [];
    const rb: Rational[] = [];
    for (let j = 0; j < n; j++) {
      ra.push(game.payoffs[0]![i + m * j]!);
      rb.push(game.payoffs[1]![i + m * j]!);
    }
    A.push(ra);
    B.push(rb);
  }
  return { A, B };
}

const floatCache = new WeakMap<NormalFormGame, Float64Array[]>();

/**
 * Payoff tables as doubles, `out[p][flat]` (cached per game object; do not mutate).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * floatPayoffs(fromBimatrix([["1/2"]], [[1]]))[0][0]; // 0.5
 */
export function floatPayoffs(game: NormalFormGame): Float64Array[] {
  let out = floatCache.get(game);
  if (out === undefined) {
    out = game.payoffs.map((t) => Float64Array.from(t, (r) => r.toNumber()));
    floatCache.set(game, out);
  }
  return out;
}

/**
 * Largest minus smallest payoff over all players and profiles (as a double), the scale of the float
 * regret tolerance; 0 for a constant game.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * payoffRange(fromBimatrix([[0, 3]], [[-1, 1]])); // 4
 */
export function payoffRange(game: NormalFormGame): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const t of floatPayoffs(game)) {
    for (const v of t) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return hi - lo;
}

/** Per game: each player's payoffs times their common denominator, as integers (do not mutate). */
const integerCache = new WeakMap<NormalFormGame, { ints: bigint[][]; dens: bigint[] }>();

function integerPayoffs(game: NormalFormGame): { ints: bigint[][]; dens: bigint[] } {
  let out = integerCache.get(game);
  if (out === undefined) {
    const dens = game.payoffs.map((t) => lcmDenominators(t));
    const ints = game.payoffs.map((t, p) => t.map((r) => r.num * (dens[p]! / r.den)));
    out = { ints, dens };
    integerCache.set(game, out);
  }
  return out;
}

/**
 * Exact expected payoff of each pure strategy of every player against the others' mixed strategies:
 * `out[p][s] = sum_{profiles with s_p = s} u_p(profile) prod_{q != p} x_q(s_q)`.
 *
 * The generic `strategyValuesIn` run fraction-free: payoffs `u_p = U_p / L_p` and probabilities
 * `x_q = X_q / D_q` over common denominators, the sums over the integers `U_p`, `X_q`
 * (`BIGINT_ARITHMETIC`), then one division by `L_p prod_{q != p} D_q` per value (exactly the rational
 * instantiation's answer, several times faster than reducing a `Rational` after every operation).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * strategyValuesExact(g, profile)[0]; // row player's payoff of each row against the column mix
 */
export function strategyValuesExact(game: NormalFormGame, profile: ExactProfile): Rational[][] {
  checkProfileShape(game, profile);
  const { ints: payInt, dens: payDen } = integerPayoffs(game);
  const dens = profile.map((x) => lcmDenominators(x));
  const xs = profile.map((x, p) => x.map((r) => r.num * (dens[p]! / r.den)));
  const values = strategyValuesIn(BIGINT_ARITHMETIC, game.shape, payInt, xs);
  return values.map((row, p) => {
    let den = payDen[p]!;
    for (let q = 0; q < dens.length; q++) if (q !== p) den *= dens[q]!;
    return row.map((v) => Rational.of(v, den));
  });
}

/**
 * Floating expected payoff of each pure strategy of every player against the others' mixed
 * strategies (the double instantiation of the same routine as `strategyValuesExact`).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * strategyValuesFloat(g, [[0.5, 0.5], [1, 0]])[1]; // column player's payoff of each column
 */
export function strategyValuesFloat(game: NormalFormGame, profile: FloatProfile): number[][] {
  checkProfileShape(game, profile);
  return strategyValuesIn(FLOAT_ARITHMETIC, game.shape, floatPayoffs(game), profile);
}

function checkProfileShape(game: NormalFormGame, profile: MixedProfile): void {
  if (profile.length !== game.shape.length) {
    throw new InputError(
      undefined,
      "profile",
      `profile has ${profile.length} players, game has ${game.shape.length}`,
    );
  }
  profile.forEach((x, p) => {
    if (x.length !== game.shape[p]) {
      throw new InputError(
        undefined,
        "profile",
        `player ${p + 1}: profile has ${x.length} strategies, game has ${game.shape[p]}`,
      );
    }
  });
}

/**
 * Exact regret of each player: `max_s u_p(s, x_-p) - u_p(x)`, where `u_p(x) = sum_s x_p(s) u_p(s, x_-p)`
 * (`regretsFlat` in rationals over the values of `strategyValuesExact`). A profile of probability vectors is a Nash equilibrium
 * iff every regret is 0 (Nash 1951).
 *
 * @throws InputError (field `profile`) when the shape is wrong or some `x_p` is not a probability
 *   vector (a negative entry, or a sum other than 1)
 * @example
 * regretExact(pennies, [[half, half], [half, half]]).map(String); // ["0", "0"]
 */
export function regretExact(game: NormalFormGame, profile: ExactProfile): Rational[] {
  checkProfileShape(game, profile);
  profile.forEach((x, p) => {
    const defect = probabilityDefect(RATIONAL_ARITHMETIC, x, 0, x.length, Rational.ZERO, Rational.ZERO);
    if (defect !== undefined) throw new InputError(undefined, "profile", `player ${p + 1}: ${defect}`);
  });
  // values fraction-free (the costly part), the regrets from them in rationals (O(sum_p n_p))
  const values = strategyValuesExact(game, profile);
  const regrets = new Array<Rational>(profile.length);
  regretsFlat(
    RATIONAL_ARITHMETIC,
    profileLayout(game.shape),
    flattenProfile(profile),
    flattenProfile(values),
    regrets,
  );
  return regrets;
}

/**
 * Floating regret of each player, `max_s u_p(s, x_-p) - u_p(x)` (the double instantiation of the same
 * routine as `regretExact`; not validated as probabilities: compare with `floatRegretTolerance`).
 *
 * @throws InputError (field `profile`) when the profile's shape is not the game's
 * @example
 * regretFloat(pennies, [[0.5, 0.5], [0.5, 0.5]]); // [0, 0]
 */
export function regretFloat(game: NormalFormGame, profile: FloatProfile): number[] {
  checkProfileShape(game, profile);
  return regretsIn(FLOAT_ARITHMETIC, game.shape, floatPayoffs(game), profile);
}

/**
 * The float regret tolerance of a game: `RELATIVE_TOLERANCE * payoffRange(game)` (and at least
 * `RELATIVE_TOLERANCE` for a constant game). A float profile is accepted as an equilibrium when every
 * regret is at most this.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * floatRegretTolerance(fromBimatrix([[0, 10]], [[0, 0]])); // 1e-8
 */
export function floatRegretTolerance(game: NormalFormGame): number {
  const r = payoffRange(game);
  return RELATIVE_TOLERANCE * (r > 0 ? r : 1);
}

/**
 * `true` when the exact profile is a Nash equilibrium (every exact regret is 0).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * isEquilibriumExact(pennies, [[half, half], [half, half]]); // true
 */
export function isEquilibriumExact(game: NormalFormGame, profile: ExactProfile): boolean {
  return regretExact(game, profile).every((r) => r.isZero());
}

/**
 * `true` when every float regret is within `floatRegretTolerance(game)` and every strategy is a
 * probability vector up to the same relative tolerance.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * isEquilibriumFloat(pennies, [[0.5, 0.5], [0.5, 0.5]]); // true
 */
export function isEquilibriumFloat(game: NormalFormGame, profile: FloatProfile): boolean {
  for (const x of profile) {
    const sumTolerance = RELATIVE_TOLERANCE * x.length;
    if (probabilityDefect(FLOAT_ARITHMETIC, x, 0, x.length, RELATIVE_TOLERANCE, sumTolerance) !== undefined)
      return false;
  }
  const tol = floatRegretTolerance(game);
  return regretFloat(game, profile).every((r) => r <= tol);
}

/**
 * Converts an exact profile to doubles.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * profileToFloat([[Rational.parse("1/4"), Rational.parse("3/4")]]); // [[0.25, 0.75]]
 */
export function profileToFloat(profile: MixedProfile): FloatProfile {
  return profile.map((x) => x.map((v) => (typeof v === "number" ? v : v.toNumber())));
}

/**
 * A pure profile as an exact mixed profile (unit vectors).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * pureToMixed([2, 2], [0, 1]).map((x) => x.map(String)); // [["1","0"],["0","1"]]
 */
export function pureToMixed(shape: readonly number[], pure: readonly number[]): ExactProfile {
  return shape.map((n, p) =>
    Array.from({ length: n }, (_, s) => (s === pure[p] ? Rational.ONE : Rational.ZERO)),
  );
}

/**
 * Exact equality of two games' strategic content (shape and payoffs; names are ignored).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * samePayoffs(g, parseNfg(writeNfg(g), "g.nfg")); // true
 */
export function samePayoffs(a: NormalFormGame, b: NormalFormGame): boolean {
  if (a.shape.length !== b.shape.length || a.shape.some((n, p) => n !== b.shape[p])) return false;
  return a.payoffs.every((t, p) => t.every((v, k) => v.equals(b.payoffs[p]![k]!)));
}
