/**
 * The best-response interface the empirical study needs, and its implementation on top of the project's
 * solvers (`solvers/index.ts`). Kept behind an interface so that the study's arithmetic does not depend
 * on how a solver reports its maximisers.
 */

import { bestResponse, entrantBestResponse } from "../solvers/bestResponse/index.js";
import type { BestResponse } from "../solvers/bestResponse/types.js";
import { InternalError } from "../src/errors.js";
import { scaledDistance, specialisationIndex } from "../src/model/diversity.js";
import type { PayoffRule } from "../src/model/payoffs.js";
import type { Market, StrategySpace } from "../src/model/types.js";
import type { RuleBestResponse } from "./study-types.js";

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
  /** The solver stopped listing maximisers (there are more than `maximisers`). */
  truncated: boolean;
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

function outcome(br: BestResponse): BestResponseOutcome {
  const first = br.maximisers[0];
  if (first === undefined) throw new InternalError(`best response under ${br.rule} returned no maximiser`);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const m of br.maximisers) {
    lo = Math.min(lo, m.welfare);
    hi = Math.max(hi, m.welfare);
  }
  return {
    quality: first.quality.slice(),
    payoff: first.payoff,
    welfare: first.welfare,
    maximisers: br.maximisers.length,
    truncated: br.truncated === true,
    welfareRange: [lo, hi],
    exact: br.exact,
    gapBound: br.gapBound,
  };
}

/** A producer name not used in `market` (for the hypothetical entrant). */
function entrantName(market: Market): string {
  let name = "entrant";
  for (let k = 2; market.producers.some((p) => p.name === name); k++) name = `entrant-${k}`;
  return name;
}

/**
 * The study's solver on top of `solvers/index.ts`: `entrantBestResponse` and `bestResponse`, the first
 * maximiser reported (every maximiser's welfare goes into `welfareRange`).
 *
 * @example
 * projectSolver.entrant(market, { kind: "top-k", k: 2 }, weightedWinrate).quality;
 */
export const projectSolver: StudySolver = {
  entrant(market, space, rule) {
    return outcome(entrantBestResponse(market, { name: entrantName(market), space }, rule));
  },
  incumbent(market, producer, rule, space) {
    return outcome(bestResponse(market, producer, rule, { space }));
  },
};

/**
 * The L1 distance on `q / v` from `q` to the nearest of `others` (`Infinity` when there are none).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * nearestTo([1, 0], [[0, 1], [1, 0.5]], [1, 1]); // 0.5
 */
export function nearestTo(
  q: readonly number[],
  others: readonly (readonly number[])[],
  caps: readonly number[],
): number {
  let best = Number.POSITIVE_INFINITY;
  for (const o of others) best = Math.min(best, scaledDistance(q, o, caps));
  return best;
}

/**
 * A best response as the report shows it: the rule's name, the outcome, its specialisation
 * `1 - H(q / sum q) / log T` and its distance to the nearest of `others` (see `nearestTo`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * ruleBestResponse(winrate, projectSolver.entrant(market, space, winrate), qualities, caps).nearestDistance;
 */
export function ruleBestResponse(
  rule: PayoffRule,
  br: BestResponseOutcome,
  others: readonly (readonly number[])[],
  caps: readonly number[],
): RuleBestResponse {
  return {
    rule: rule.name,
    ...br,
    specialisation: specialisationIndex(br.quality),
    nearestDistance: nearestTo(br.quality, others, caps),
  };
}
