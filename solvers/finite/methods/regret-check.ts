/**
 * The regret check every floating answer of the finite-game facade passes before it is reported as an
 * equilibrium: each player's regret against that player's own payoff range.
 */
import { RELATIVE_TOLERANCE } from "../../../src/numeric/tolerance.js";
// the kernel alone, not the dynamics barrel (which loads every dynamic and the logit path's linear algebra)
import { compileGame, relativeRegrets } from "../dynamics/kernel.js";
import type { FloatProfile, NormalFormGame } from "../game.js";

/** The regret check of a floating profile. */
export interface FloatRegretCheck {
  /** Each player's regret in the game's own payoff units. */
  regrets: number[];
  /** Each player's regret divided by that player's payoff range (`max - min` of its payoffs). */
  relativeRegrets: number[];
  /** Largest regret (payoff units). */
  maxRegret: number;
  /** Largest relative regret: the quantity compared with the tolerance. */
  maxRelativeRegret: number;
  /** Largest of the per-player thresholds `relativeTolerance x range_p` (payoff units). */
  threshold: number;
  /** Per player: `relativeTolerance x range_p` (payoff units). */
  thresholds: number[];
  /**
   * Every strategy is a probability vector (to `RELATIVE_TOLERANCE`), every payoff is finite, and every
   * player's regret is at most `relativeTolerance` times that player's own payoff range.
   */
  passed: boolean;
}

/**
 * Checks a floating profile before it is reported as an equilibrium: each player's strategy must be a
 * probability vector (entries >= -1e-9, sum within 1e-9 per entry of 1) and every player's regret at
 * most `relativeTolerance` times THAT player's payoff range. Judging each player on its own scale makes
 * the verdict invariant to rescaling any one player's payoffs (one range over all players would never
 * check a player whose payoffs are in small units). Regrets are computed on payoffs mapped onto [0, 1]
 * per player (`normalisePlayer`), so payoffs up to the largest double do not overflow.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * checkFloatRegret(pennies, [[0.5, 0.5], [0.5, 0.5]], 1e-9).passed; // true
 */
export function checkFloatRegret(
  game: NormalFormGame,
  profile: FloatProfile,
  relativeTolerance: number,
): FloatRegretCheck {
  const failed = (thresholds: number[]): FloatRegretCheck => ({
    regrets: [],
    relativeRegrets: [],
    maxRegret: Number.NaN,
    maxRelativeRegret: Number.NaN,
    threshold: Math.max(0, ...thresholds),
    thresholds,
    passed: false,
  });
  let compiled: ReturnType<typeof compileGame>;
  try {
    compiled = compileGame(game);
  } catch {
    return failed([]); // a non-finite payoff: nothing can be certified
  }
  const thresholds = Array.from(compiled.playerRange, (r) => relativeTolerance * r);
  let probabilities = profile.length === game.shape.length;
  profile.forEach((x, p) => {
    if (x.length !== game.shape[p]) probabilities = false;
    let sum = 0;
    for (const v of x) {
      if (!(v >= -RELATIVE_TOLERANCE)) probabilities = false;
      sum += v;
    }
    if (!(Math.abs(sum - 1) <= RELATIVE_TOLERANCE * x.length)) probabilities = false;
  });
  if (!probabilities) return failed(thresholds);
  const relative = relativeRegrets(compiled, profile);
  const regrets = relative.map((r, p) => r * compiled.playerRange[p]!);
  const maxRelativeRegret = Math.max(...relative);
  return {
    regrets,
    relativeRegrets: relative,
    maxRegret: Math.max(...regrets),
    maxRelativeRegret,
    threshold: Math.max(0, ...thresholds),
    thresholds,
    passed: Number.isFinite(maxRelativeRegret) && maxRelativeRegret <= relativeTolerance,
  };
}
