/**
 * A global Newton method for N-player games (Gambit's `gnm`): from several seeded rays `b`, follow the
 * path of equilibria of `G + lambda b` from `lambda` large through every crossing of `lambda = 0` (each
 * an equilibrium of `G`) to its far end, then certify each crossing (`certifyEquilibrium`: Newton on its
 * support system, Krawczyk's test, exact rational polish or a rigorous regret bound). Returns every
 * distinct certified equilibrium found; path following is not complete (equilibria off the rays'
 * paths are not found), and the result says so.
 *
 * Source: S. Govindan and R. Wilson, "A global Newton method to compute Nash equilibria", Journal of
 * Economic Theory 110 (2003) 65-86; the path follower is in `follow.ts` and `path.ts`.
 */

import { InputError } from "../../../src/errors.js";
import { alea } from "../../../src/numeric/alea.js";
import { checkWorkLimit, type ProgressSink } from "../../../src/work.js";
import type { NormalFormGame } from "../game.js";
import { DistinctEquilibria } from "../nplayer/certify.js";
import { certifyEquilibrium } from "../nplayer/certify-point.js";
import { type NPlayerResult, newNPlayerStats, pathFollowingResult } from "../nplayer/types.js";
import { followRay } from "./follow.js";
import { listOf, pathGame } from "./path.js";

export { DEFAULT_GNM_MAX_STEPS, DEFAULT_GNM_MAX_WORK, DEFAULT_GNM_STARTS } from "../nplayer/defaults.js";

import { DEFAULT_GNM_MAX_STEPS, DEFAULT_GNM_MAX_WORK, DEFAULT_GNM_STARTS } from "../nplayer/defaults.js";

/** Options of `gnm`. */
export interface GnmOptions {
  /** Number of rays followed (each from its own seeded random perturbation). Default `DEFAULT_GNM_STARTS`. */
  starts?: number;
  /** Seed of the rays (default `"modelmarket"`): the same seed gives the same rays and the same answer. */
  seed?: string;
  /** Step cap per ray. Default `DEFAULT_GNM_MAX_STEPS`. */
  maxSteps?: number;
  /** Work limit on the estimate `starts x maxSteps x profiles x players^2`. Default `DEFAULT_GNM_MAX_WORK`. */
  maxWork?: number;
  /** Receives progress in rays, with the equilibria found so far. */
  progress?: ProgressSink;
}

/** The work estimate of `gnm`, checked against `maxWork`; throws `WorkLimitError` over it (`InputError` for a bad `starts`, `maxSteps`). */
export function checkGnmWork(
  game: NormalFormGame,
  options: { starts?: number; maxSteps?: number; maxWork?: number },
): { starts: number; maxSteps: number } {
  const starts = options.starts ?? DEFAULT_GNM_STARTS;
  const maxSteps = options.maxSteps ?? DEFAULT_GNM_MAX_STEPS;
  for (const [field, v] of [
    ["starts", starts],
    ["maxSteps", maxSteps],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new InputError(undefined, field, `must be an integer >= 1, got ${v}`);
  }
  const profiles = game.shape.reduce((a, b) => a * b, 1);
  const N = game.shape.length;
  checkWorkLimit(
    "maxWork",
    starts * maxSteps * profiles * N * N,
    options.maxWork ?? DEFAULT_GNM_MAX_WORK,
    `payoff multiply-adds at most (${starts} rays x ${maxSteps} steps x ${profiles} profiles x ${N}^2 players)`,
  );
  return { starts, maxSteps };
}

/**
 * Equilibria of an N-player game (N >= 1) by the global Newton method from `starts` seeded rays,
 * each certified (see `certifyEquilibrium`); duplicates removed. `complete` is always `false`
 * (`completeness.code` `"path-following"`); `converged` is `true` when every ray's path reached its
 * far end (a ray that hit the step cap or a degenerate point is counted in `completeness`).
 *
 * @throws WorkLimitError (`maxWork`) when `starts x maxSteps x profiles x players^2` exceeds the limit
 * @throws InputError naming `starts` or `maxSteps` when it is not an integer >= 1
 * @example
 * import { gnm, makeGame } from "modelmarket/finite";
 * const g = makeGame([2, 2, 2], [[1, -1, -1, 1, 1, -1, -1, 1], [1, 1, -1, -1, -1, -1, 1, 1], [-1, 1, -1, 1, 1, -1, 1, -1]]);
 * const r = gnm(g, { starts: 2 });
 * r.equilibria.map((e) => e.profile.map((x) => x.join(" ")).join(" | ")); // ["1/2 1/2 | 1/2 1/2 | 1/2 1/2"]
 * r.complete; // false
 */
export function gnm(game: NormalFormGame, options: GnmOptions = {}): NPlayerResult {
  const { starts, maxSteps } = checkGnmWork(game, options);
  const g = pathGame(game);
  const stats = newNPlayerStats();
  const found = new DistinctEquilibria();
  const seed = options.seed ?? "modelmarket";
  for (let i = 0; i < starts; i++) {
    const rng = alea(`${seed}/${i}`);
    const bonus = listOf(game.shape.length, (p) =>
      Float64Array.from({ length: game.shape[p]! }, () => rng()),
    );
    const r = followRay(g, bonus, maxSteps);
    stats.starts++;
    if (r.converged) stats.converged++;
    for (const c of r.crossings) {
      const e = certifyEquilibrium(game, c.profile);
      if (e === null) stats.uncertified++;
      else found.add(e);
    }
    options.progress?.({
      done: i + 1,
      total: starts,
      unit: "rays",
      detail: `${found.list.length} equilibria`,
    });
  }
  return pathFollowingResult(found.list, stats, "gnm", null);
}
