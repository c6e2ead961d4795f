/**
 * The best-response interface the empirical study needs, and its implementation on top of the project's
 * solvers (`solvers/index.ts`). Kept behind an interface so that the study's arithmetic does not depend
 * on how a solver reports its maximisers.
 */
import type { PayoffRule } from "../model/payoffs.js";
import type { Market, StrategySpace } from "../model/types.js";

/** One best response as the study reports it. */
export interface BestResponseOutcome {
  /** The reported maximiser's quality (the first of the solver's maximisers). */
  quality: number[];
  /** Its payoff under the rule. */
  payoff: number;
  /** Consumer welfare `U` of the market after the move. */
  welfare: number;
  /** Number of maximisers the solver reported (more than 1 means ties). */
  maximisers: number;
  /** Lowest and highest welfare over the reported maximisers. */
  welfareRange: [number, number];
  /** Whether the solver certifies the maximum exactly (finite spaces, concave cases). */
  exact: boolean;
  /** Upper bound on the gap between `payoff` and the true maximum (0 when exact). */
  gapBound: number;
}

/** Best responses of an entrant and of an incumbent. */
export interface StudySolver {
  /** Best response of a new producer with strategy space `space` against all producers of `market`. */
  entrant(market: Market, space: StrategySpace, rule: PayoffRule): BestResponseOutcome;
  /** Best response of `market.producers[producer]` over `space`, the others fixed. */
  incumbent(market: Market, producer: number, rule: PayoffRule, space: StrategySpace): BestResponseOutcome;
}
