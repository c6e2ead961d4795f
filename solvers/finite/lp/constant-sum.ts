/**
 * The `lp` method of `nash`: two-player constant-sum normal-form games by linear programming.
 *
 * A two-player game is constant-sum when `A + B = c` at every profile (zero-sum when `c = 0`). Then
 * `B = c - A`, the column player minimising the row player's payoff is the same as maximising its own,
 * and the equilibria are exactly the pairs of optimal strategies of the zero-sum game `A`
 * (von Neumann 1928): the row player gets the value `v`, the column player `c - v`. The detection is
 * exact (on the game's rational payoffs); the LP and its certificate are in `matrix-game.ts`.
 *
 * Reference: J. von Neumann and O. Morgenstern, Theory of Games and Economic Behavior (1944), ch. III.
 */
import { InputError } from "../../../src/errors.js";
import { floatPayoffs, type NormalFormGame } from "../game.js";
import type { Rational } from "../rational.js";
import {
  type LpAttempt,
  type LpBackends,
  type MatrixGameLpOptions,
  type MatrixGameLpResult,
  type PayoffMatrix,
  solveMatrixGame,
  solveMatrixGameLp,
} from "./matrix-game.js";

/**
 * Why a game is not constant-sum (`constantSumReasonText` words it): it does not have two players,
 * or a witness pair of pure profiles (strategy labels) whose sums `A + B` (exact, as text) differ.
 */
export type ConstantSumReason =
  | { readonly code: "not-two-players"; readonly players: number }
  | {
      readonly code: "sums-differ";
      readonly first: { readonly profile: readonly [string, string]; readonly sum: string };
      readonly other: { readonly profile: readonly [string, string]; readonly sum: string };
    };

/** Outcome of the exact constant-sum test. */
export type ConstantSumCheck =
  | { readonly constantSum: true; readonly constant: Rational }
  | {
      readonly constantSum: false;
      /** Why not: too many/few players, or a witness pair of profiles with different sums. */
      readonly reason: ConstantSumReason;
    };

/**
 * Why a game is not constant-sum (`checkConstantSum`'s `reason`), in words: its number of players, or
 * the two profiles whose sums differ.
 *
 * Source: a two-player game is constant-sum when `A + B = c J` (J. von Neumann and O. Morgenstern,
 * Theory of Games and Economic Behavior, 1944, Sec. 17).
 *
 * @throws nothing
 * @example
 * import { constantSumReasonText } from "modelmarket/finite";
 * constantSumReasonText({ code: "not-two-players", players: 3 }); // "it has 3 players, not 2"
 */
export function constantSumReasonText(reason: ConstantSumReason): string {
  if (reason.code === "not-two-players") return `it has ${reason.players} players, not 2`;
  const { first, other } = reason;
  return `A + B is ${first.sum} at (${first.profile[0]}, ${first.profile[1]}) but ${other.sum} at (${other.profile[0]}, ${other.profile[1]})`;
}

/**
 * Exact test of `u_0 + u_1 = c` for one constant `c` at every pure profile of a two-player game.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * checkConstantSum(fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])); // { constantSum: true, constant: 0 }
 */
export function checkConstantSum(game: NormalFormGame): ConstantSumCheck {
  if (game.shape.length !== 2) {
    return { constantSum: false, reason: { code: "not-two-players", players: game.shape.length } };
  }
  const [a, b] = game.payoffs as [Rational[], Rational[]];
  const m = game.shape[0]!;
  const c = a[0]!.add(b[0]!);
  for (let k = 1; k < a.length; k++) {
    const s = a[k]!.add(b[k]!);
    if (!s.equals(c)) {
      const i = k % m;
      const j = Math.floor(k / m);
      const first = { profile: [game.strategies[0]![0]!, game.strategies[1]![0]!], sum: `${c}` } as const;
      const other = { profile: [game.strategies[0]![i]!, game.strategies[1]![j]!], sum: `${s}` } as const;
      return { constantSum: false, reason: { code: "sums-differ", first, other } };
    }
  }
  return { constantSum: true, constant: c };
}

/** The equilibrium of a constant-sum game found by LP, with its certificate. */
export interface ConstantSumLpResult {
  /** `[x, y]`: the row and column players' strategies. */
  readonly profile: [number[], number[]];
  /** `[v, c - v]`: each player's equilibrium payoff (midpoint of the certified interval for `v`). */
  readonly values: [number, number];
  /** The constant `c = A + B`. */
  readonly constant: number;
  /** `min_j (x^T A)_j`: the row player's guaranteed payoff. */
  readonly lower: number;
  /** `max_i (A y)_i`: the most the column player concedes to the row player. */
  readonly upper: number;
  /** `upper - lower`. */
  readonly gap: number;
  /** `RELATIVE_TOLERANCE * (max A - min A)`. */
  readonly tolerance: number;
  readonly backend: MatrixGameLpResult["backend"];
  /** `true` only when `gap <= tolerance`; an uncertified answer is not an equilibrium. */
  readonly certified: boolean;
  readonly attempts: LpAttempt[];
}

/**
 * The row player's payoff matrix of a two-player game in row-major form (`A[i][j]` from
 * `payoffs[0][i + m j]`).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * rowPayoffMatrix(fromBimatrix([[1, 2]], [[0, 0]])).data; // Float64Array [1, 2]
 */
export function rowPayoffMatrix(game: NormalFormGame): PayoffMatrix {
  if (game.shape.length !== 2)
    throw new InputError(undefined, "rowPayoffMatrix", `${game.shape.length} players, need 2`);
  const [m, n] = game.shape as [number, number];
  const flat = floatPayoffs(game)[0]!;
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) data[i * n + j] = flat[i + m * j]!;
  return { rows: m, cols: n, data };
}

function requireConstantSum(game: NormalFormGame): Rational {
  const check = checkConstantSum(game);
  if (!check.constantSum) {
    throw new InputError(
      undefined,
      "method",
      `lp needs a two-player constant-sum game (A + B the same at every profile); ` +
        `${game.title === "" ? "this game" : `"${game.title}"`} is not: ${constantSumReasonText(check.reason)}. ` +
        "Use enummixed or lcp for general two-player games.",
    );
  }
  return check.constant;
}

function wrap(result: MatrixGameLpResult, constant: number): ConstantSumLpResult {
  return {
    profile: [result.rowStrategy, result.colStrategy],
    values: [result.value, constant - result.value],
    constant,
    lower: result.lower,
    upper: result.upper,
    gap: result.gap,
    tolerance: result.tolerance,
    backend: result.backend,
    certified: result.certified,
    attempts: result.attempts,
  };
}

/**
 * Solves a two-player constant-sum game by LP with loaded backends (synchronous): the maximin LP of the
 * row player on `A`, certified by `min_j (x^T A)_j <= v <= max_i (A y)_i` with
 * `gap <= RELATIVE_TOLERANCE * range(A)`. Throws `InputError` (flag `--method lp`) when the game is
 * not two-player constant-sum.
 *
 * References: von Neumann 1928; Dantzig 1951.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const backends = await loadLpBackends();
 * const r = solveConstantSumLp(rockPaperScissors, backends);
 * // r.profile ≈ [[1/3, 1/3, 1/3], [1/3, 1/3, 1/3]], r.values ≈ [0, 0], r.certified === true
 */
export function solveConstantSumLp(
  game: NormalFormGame,
  backends: LpBackends,
  options: MatrixGameLpOptions = {},
): ConstantSumLpResult {
  const c = requireConstantSum(game).toNumber();
  return wrap(solveMatrixGameLp(rowPayoffMatrix(game), backends, options), c);
}

/**
 * Like `solveConstantSumLp`, loading the LP backends first (once per process).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const r = await solveConstantSum(game, { backend: "highs" });
 * if (!r.certified) console.error(`not certified: gap ${r.gap}`);
 */
export async function solveConstantSum(
  game: NormalFormGame,
  options: MatrixGameLpOptions = {},
): Promise<ConstantSumLpResult> {
  const c = requireConstantSum(game).toNumber();
  return wrap(await solveMatrixGame(rowPayoffMatrix(game), options), c);
}
