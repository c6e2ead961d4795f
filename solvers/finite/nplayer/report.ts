/**
 * The renderer's report (`SolveReport`) of an N-player method's result: every equilibrium with its
 * support, whether it is exact, its regret (exact 0 or the rigorous bound, unrounded in `regretBound`)
 * and its certificate; the completeness statement in `outcome` and `details`.
 */
import type { NormalFormGame } from "../game.js";
import type { SolveReport } from "../render.js";
import type { NPlayerResult } from "./types.js";

/** The report of an N-player method; `details.completeness` says, as data, why the list may be incomplete. */
export type NPlayerReport = SolveReport;

/**
 * Builds the report of `enumPoly`, `gnm` or `simpdiv`. `exact` is `true` only when every equilibrium is exact.
 *
 * @throws nothing for a result of the game
 * @example
 * const report = nplayerReport(game, "enumpoly", enumPoly(game));
 */
export function nplayerReport(
  game: NormalFormGame,
  method: "enumpoly" | "gnm" | "simpdiv",
  r: NPlayerResult,
  facts: Record<string, unknown> = {},
): NPlayerReport {
  return {
    game,
    method,
    exact: r.equilibria.every((e) => e.exact),
    complete: r.complete,
    outcome: {
      completeness: r.completeness.code,
      converged: r.converged,
    },
    equilibria: r.equilibria.map((e) => ({
      profile: e.profile,
      regret: e.regret,
      extra: {
        exact: e.exact,
        support: e.support,
        ...(e.exact ? {} : { regretBound: e.regret }),
        certificate: e.certificate,
      },
    })),
    details: { ...facts, completeness: r.completeness, stats: r.stats },
  };
}
