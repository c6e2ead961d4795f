/**
 * Mixed equilibria of the finite producer game (docs/model.md section 6), from the finite-game solvers of
 * `solvers/finite` applied to the market game (`solvers/marketGame.ts`):
 *
 * - two strategic producers (an `m x n` bimatrix game):
 *   - `m + n <= enumMixedLimit` (default 30): every extreme equilibrium, exact, by vertex enumeration
 *     (`enumMixed`; Avis, Rosenberg, Savani and von Stengel, Economic Theory 42, 2010): complete;
 *   - else `m + n <= lcpLimit` (default 72): every equilibrium reachable by Lemke-Howson paths, exact
 *     (`lemkeHowson`; Lemke and Howson, J. SIAM 12, 1964): possibly incomplete;
 *   - a constant-sum game (`A + B = c` exactly, or up to `RELATIVE_TOLERANCE x` payoff range in
 *     doubles, as winrate between two producers is): also one equilibrium by the maximin LP
 *     (`solveConstantSumLp`; von Neumann 1928), listed only when the LP is certified and the profile
 *     passes its regret check in the actual game; the only method above `lcpLimit`;
 * - three or more strategic producers: the limit of the principal logit QRE branch (`logitTracing`;
 *   McKelvey and Palfrey, GEB 10, 1995; Turocy, GEB 51, 2005), reported as an approximate equilibrium
 *   only when its regret certificate passes: `max_p regret_p <= tolerance x payoff range`
 *   (`regretFloat`); otherwise `converged: false`, said in words, and no equilibrium.
 *
 * Every mixed equilibrium carries its expected welfare and payoffs (exact expectations over the joint
 * profiles of the support, players mixing independently), expected diversity measures, and the
 * diversity of its most likely pure profile (each player's most likely strategy).
 */

import type { PayoffRule } from "../../src/model/payoffs.js";
import type { Market } from "../../src/model/types.js";
import type { MarketGame } from "../marketGame.js";
import type { manyPlayers } from "./many-players.js";
import { skipped } from "./mixed-profile.js";
import type { MixedOptions, MixedReport } from "./mixed-types.js";
import { twoPlayer } from "./two-player.js";

export { floorProfile, mixedProfileEquilibrium } from "./mixed-profile.js";
export {
  APPROXIMATE_MIXED_TOLERANCE,
  type ApproximateAttempt,
  type ConstantSumInfo,
  ENUM_MIXED_LIMIT,
  ENUMPOLY_SUPPORT_LIMIT,
  GNM_WORK_LIMIT,
  LCP_LIMIT,
  LOGIT_WORK_LIMIT,
  type LpCertificate,
  type MixedMethod,
  type MixedNote,
  type MixedOptions,
  type MixedReport,
  PROBABILITY_FLOOR,
} from "./mixed-types.js";

/**
 * The search for three or more strategic producers (`manyPlayers` of `many-players.ts`: enumpoly, gnm,
 * logit tracing), passed in by the caller so that a two-producer game need not load it
 * (`solveEquilibriaAsync`).
 */
export type ManyPlayersSearch = typeof manyPlayers;

/**
 * Mixed equilibria of the market game (see the module comment for the methods and limits); three or
 * more strategic producers go to `manyPlayers`.
 *
 * @example
 * const game = buildMarketGame(market, "weighted-winrate");
 * const mixed = mixedEquilibria(market, resolveRule("weighted-winrate"), game,
 *   { tolerance: 1e-9, lpBackends: await loadLpBackends() }, manyPlayers);
 * mixed.methods; mixed.complete; mixed.equilibria.map((e) => e.welfare);
 */
export function mixedEquilibria(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  opts: MixedOptions,
  manyPlayers: ManyPlayersSearch,
): MixedReport {
  const N = game.players.length;
  if (N === 0) return skipped([{ code: "no-strategic-producer" }]);
  if (N === 1) return skipped([{ code: "one-strategic-producer" }]);
  return N === 2 ? twoPlayer(market, rule, game, opts) : manyPlayers(market, rule, game, opts);
}
