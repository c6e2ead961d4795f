/**
 * Equilibria of the simultaneous producer game (docs/model.md section 6): every strategic producer (space
 * not `fixed`) chooses at once to maximise its payoff under one rule.
 *
 * - Pure equilibria: best-response dynamics (sequential and simultaneous) from the file's profile,
 *   the canonical profile and seeded random profiles, each fixed point certified by every producer's
 *   regret against its best response (exact on finite spaces, with the certified gap on budgets) and
 *   by the membership of every strategy in its producer's space. A file quality outside its space is
 *   only a starting point: that producer moves first (`outsideSpace` names such producers).
 *   When every strategic space is finite and the joint space small, all pure equilibria are also
 *   enumerated exactly from the market game (`exhaustive: true`).
 * - Mixed equilibria (finite spaces, `mixed.ts`): two strategic producers, every extreme equilibrium
 *   (`enumMixed`, exact, complete) or every Lemke-Howson-accessible one (`lemkeHowson`, exact, possibly
 *   incomplete) by size, plus the certified maximin LP when the game is constant-sum; three or more,
 *   an approximate equilibrium from logit tracing, reported only when its regret certificate passes.
 * - Welfare optimum over joint strategies: exact by enumeration when small, else coordinate ascent.
 * - Price of anarchy `PoA = U_opt / min_{eq} U(eq)` and of stability `PoS = U_opt / max_{eq} U(eq)`
 *   over the certified equilibria found, pure and mixed (Koutsoupias and Papadimitriou, "Worst-case
 *   equilibria", STACS 1999; Anshelevich et al., "The price of stability for network design", FOCS
 *   2004). Both are >= 1 when the optimum is exact; with a non-exhaustive equilibrium set PoA is a
 *   lower bound and PoS an upper bound on the true values. With an exhaustive pure list and a
 *   complete mixed list (two players, enummixed; or one player) they are exact over every Nash
 *   equilibrium: `U` is bilinear in the two mixtures, so its extremes over each maximal convex set of
 *   equilibria `conv X' x conv Y'` are attained at extreme equilibria (Winkels 1979; Avis et al.
 *   2010, sec. 6).
 */

import type { Market } from "../../src/model/types.js";
import type { RuleLike } from "../bestResponse/types.js";
import { manyPlayers } from "./many-players.js";
import { type EquilibriumOptions, type EquilibriumReport, solveEquilibriaWith } from "./solve.js";

export { solveEquilibriaAsync } from "./async.js";
export {
  bestResponseDynamics,
  certifyProfile,
  type DynamicsOptions,
  type DynamicsResult,
  marketAt,
  type RegretLine,
  type StrategyChoice,
} from "./dynamics.js";
export {
  APPROXIMATE_MIXED_TOLERANCE,
  type ApproximateAttempt,
  type ConstantSumInfo,
  ENUM_MIXED_LIMIT,
  ENUMPOLY_SUPPORT_LIMIT,
  floorProfile,
  GNM_WORK_LIMIT,
  LCP_LIMIT,
  LOGIT_WORK_LIMIT,
  type LpCertificate,
  type MixedMethod,
  type MixedNote,
  type MixedOptions,
  type MixedReport,
  mixedEquilibria,
  mixedProfileEquilibrium,
  PROBABILITY_FLOOR,
} from "./mixed.js";

export {
  coordinateAscentOptimum,
  type OptimumMethod,
  optimumFromGame,
  type WelfareOptimum,
} from "./optimum.js";
export type { EquilibriumOptions, EquilibriumReport } from "./solve.js";
export type {
  DynamicsRun,
  Equilibrium,
  EquilibriumSource,
  ExpectedDiversity,
  PriceScope,
  StartLabel,
} from "./types.js";

/**
 * Equilibria of the producer game under `rule`, with welfare, diversity, the welfare optimum and the
 * prices of anarchy and stability. Synchronous: a constant-sum two-player game gets the certified LP
 * only when `opts.lpBackends` is given (`solveEquilibriaAsync` loads them).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @throws Error on a broken invariant (a bug in modelmarket)
 * @example
 * const rep = solveEquilibria(market, "weighted-winrate");
 * rep.pure.map((e) => e.welfare); rep.priceOfAnarchy; rep.runs.every((r) => r.converged);
 */
export function solveEquilibria(
  market: Market,
  rule: RuleLike,
  opts: EquilibriumOptions = {},
): EquilibriumReport {
  return solveEquilibriaWith(market, rule, opts, manyPlayers);
}
