/**
 * The welfare optimum over joint strategies of the strategic producers:
 * `max_{s_1..s_N} U(s)`. Exact by enumeration over finite joint spaces up to a profile limit (from the
 * market game's welfare table); otherwise block-coordinate ascent (each producer in turn takes its
 * welfare-optimal response, `U` being task-separable in one producer's strategy) from several starts,
 * which finds a local optimum only and is flagged `exact: false`.
 */

import { consumerWelfare } from "../../src/model/evaluate.js";
import { spaceMembership } from "../../src/model/strategies.js";
import type { Market } from "../../src/model/types.js";
import { absoluteTolerance } from "../bestResponse/context.js";
import { welfareOptimalResponse } from "../bestResponse/index.js";
import type { MarketGame } from "../marketGame.js";
import { choicesAt } from "../marketGame.js";
import { marketAt, type StrategyChoice } from "./dynamics.js";

/** The welfare optimum found. */
export interface WelfareOptimum {
  welfare: number;
  /** Every producer's strategy at the optimum. */
  profile: StrategyChoice[];
  /** `true` when proven optimal (enumeration); `false` for a local optimum of coordinate ascent. */
  exact: boolean;
  /** How it was found (`optimumMethodText` words it). */
  method: OptimumMethod;
}

/**
 * How a welfare optimum was found: `enumeration` of every joint profile (their number), or
 * `coordinate-ascent`, block-coordinate ascent on `U` (a local optimum).
 */
export type OptimumMethod = { code: "enumeration"; profiles: number } | { code: "coordinate-ascent" };

/**
 * Exact optimum from an enumerated game.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * optimumFromGame(market, buildMarketGame(market, "winrate"));
 */
export function optimumFromGame(market: Market, game: MarketGame): WelfareOptimum {
  let best = 0;
  for (let f = 1; f < game.welfare.length; f++) if (game.welfare[f]! > game.welfare[best]!) best = f;
  const profile: StrategyChoice[] = choicesAt(market, game, best);
  return {
    welfare: game.welfare[best]!,
    profile,
    exact: true,
    method: { code: "enumeration", profiles: game.welfare.length },
  };
}

/**
 * Best local optimum of block-coordinate ascent on `U` from each start. A start's strategy outside
 * its producer's space is replaced in the first round (so the optimum lies in the declared spaces).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * coordinateAscentOptimum(market, [market.producers.map((p) => ({ quality: p.quality }))]);
 */
export function coordinateAscentOptimum(
  market: Market,
  starts: readonly (readonly StrategyChoice[])[],
  opts: { maxRounds?: number; units?: number } = {},
): WelfareOptimum {
  const tol = absoluteTolerance(market);
  const strategic = market.producers.flatMap((p, i) => (p.space.kind === "fixed" ? [] : [i]));
  let best: WelfareOptimum | undefined;
  for (const start of starts) {
    const profile = start.map((s) => ({ ...s, quality: s.quality.slice() }));
    let u = consumerWelfare(marketAt(market, profile));
    // a start outside a producer's space is replaced in the first round, whatever U it had
    const outside = new Set(
      strategic.filter(
        (i) => !spaceMembership(market.producers[i]!.space, profile[i]!.quality, market.tasks).member,
      ),
    );
    for (let round = 0; round < (opts.maxRounds ?? 100); round++) {
      let moved = false;
      for (const i of strategic) {
        const br = welfareOptimalResponse(marketAt(market, profile), i, {
          units: opts.units,
          maxMaximisers: 1,
        });
        if (outside.delete(i) || br.value > u + tol) {
          const m = br.maximisers[0]!;
          profile[i] = {
            quality: m.quality.slice(),
            ...(m.effort ? { effort: m.effort.slice() } : {}),
            ...(m.tasks ? { tasks: m.tasks.slice() } : {}),
          };
          u = br.value;
          moved = true;
        }
      }
      if (!moved) break;
    }
    if (best === undefined || u > best.welfare) {
      best = { welfare: u, profile, exact: false, method: { code: "coordinate-ascent" } };
    }
  }
  return best!;
}
