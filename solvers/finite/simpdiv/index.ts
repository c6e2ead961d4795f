/**
 * Simplicial subdivision with restart (Gambit's `simpdiv`) for N-player games: from a start profile,
 * follow the path of the variable-dimension algorithm on the grid of mesh `1/D` (`path.ts`) to a
 * complete simplex, keep the visited grid point of least regret, then halve the mesh and restart there,
 * until every player's regret is at most `tolerance` times that player's payoff range. The grid is
 * rational, so each round's answer is an exact rational profile whose regrets are computed exactly;
 * once they are within 5% of the payoff ranges it is also offered to `certifyEquilibrium` (Newton on
 * its support system, Krawczyk's test, exact polish), and the start ends early, reported polished,
 * when that certifies an equilibrium near it (the refinement would only approach it).
 *
 * Source: G. van der Laan, A. J. J. Talman, L. van der Heyden (1987), Mathematics of Operations
 * Research 12, 377-397; the restart on a finer grid as in Gambit's `gambit-simpdiv` (grid halved per
 * round, regret criterion relative to the payoffs' range).
 */

import { InputError } from "../../../src/errors.js";
import { alea } from "../../../src/numeric/alea.js";
import { checkWorkLimit, type ProgressSink } from "../../../src/work.js";
import { type ExactProfile, type NormalFormGame, regretExact } from "../game.js";
import { DistinctEquilibria, exactEquilibrium } from "../nplayer/certify.js";
import { certifyEquilibrium } from "../nplayer/certify-point.js";
import {
  DEFAULT_SIMPDIV_MAX_PIVOTS,
  DEFAULT_SIMPDIV_MAX_WORK,
  DEFAULT_SIMPDIV_STARTS,
  DEFAULT_SIMPDIV_TOLERANCE,
} from "../nplayer/defaults.js";
import {
  type NPlayerEquilibrium,
  type NPlayerResult,
  newNPlayerStats,
  pathFollowingResult,
} from "../nplayer/types.js";
import { Rational } from "../rational.js";
import { gridLabeller, type LabelTables, labelTables, type SimpdivArithmetic } from "./labels.js";
import { followPath } from "./path.js";

export type { SimpdivArithmetic } from "./labels.js";

/** The finest grid tried: coordinates stay exact integers in doubles. */
const MAX_DENOMINATOR = 2 ** 50;

/** Options of `simpdiv`. */
export interface SimpdivOptions {
  /** Starts: the first is every player's first strategy (Gambit's default), the others seeded random pure profiles. Default 1. */
  starts?: number;
  /** Seed of the random starts (default `"modelmarket"`). */
  seed?: string;
  /** Stop when every player's regret is at most this times that player's payoff range (default 1e-7). */
  tolerance?: number;
  /** Labels (vertices visited) per start, over all its rounds (default `DEFAULT_SIMPDIV_MAX_PIVOTS`). */
  maxPivots?: number;
  /** Work limit on `starts x maxPivots x profiles x players` (default `DEFAULT_SIMPDIV_MAX_WORK`). */
  maxWork?: number;
  /** Arithmetic of the labels: `"exact"` (default) or `"float"`; the answer's regret is checked exactly either way. */
  arithmetic?: SimpdivArithmetic;
  /** Receives progress in starts, with the grid and regret of the current round. */
  progress?: ProgressSink;
}

/** What one start did. */
export interface SimpdivRun {
  /** The start, a pure profile (0-based strategies). */
  start: number[];
  /** `true` when the tolerance was reached. */
  converged: boolean;
  /** Rounds (grids) followed. */
  rounds: number;
  /** Denominator of the last grid. */
  denominator: number;
  /** Labels computed over all rounds. */
  pivots: number;
  /** The largest regret relative to its player's payoff range at the last grid point (exact, as a double). */
  relativeRegret: number;
  /** `true` when `certifyEquilibrium` certified an equilibrium near the answer (reported in its place). */
  polished: boolean;
}

/** What `simpdiv` returns: the N-player result and one record per start. */
export interface SimpdivResult extends NPlayerResult {
  runs: SimpdivRun[];
}

/**
 * Checks `simpdiv`'s options and its work estimate `starts x maxPivots x profiles x players`.
 *
 * @throws InputError naming `starts`, `maxPivots` or `tolerance` when out of range
 * @throws WorkLimitError (`maxWork`) when the estimate exceeds the limit
 * @example
 * checkSimpdivWork(game, { starts: 3 }); // { starts: 3, maxPivots: 1000000, tolerance: 1e-7 }
 */
export function checkSimpdivWork(
  game: NormalFormGame,
  options: Pick<SimpdivOptions, "starts" | "maxPivots" | "maxWork" | "tolerance">,
): { starts: number; maxPivots: number; tolerance: number } {
  const starts = options.starts ?? DEFAULT_SIMPDIV_STARTS;
  const maxPivots = options.maxPivots ?? DEFAULT_SIMPDIV_MAX_PIVOTS;
  const tolerance = options.tolerance ?? DEFAULT_SIMPDIV_TOLERANCE;
  for (const [field, v] of [
    ["starts", starts],
    ["maxPivots", maxPivots],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new InputError(undefined, field, `must be an integer >= 1, got ${v}`);
  }
  if (!(tolerance > 0 && tolerance < 1)) {
    throw new InputError(undefined, "tolerance", `must be a number between 0 and 1, got ${tolerance}`);
  }
  const profiles = game.shape.reduce((a, b) => a * b, 1);
  const N = game.shape.length;
  checkWorkLimit(
    "maxWork",
    starts * maxPivots * profiles * N,
    options.maxWork ?? DEFAULT_SIMPDIV_MAX_WORK,
    `payoff multiply-adds at most (${starts} starts x ${maxPivots} labels x ${profiles} profiles x ${N} players)`,
  );
  return { starts, maxPivots, tolerance };
}

/**
 * Approximate equilibria of an N-player game by simplicial subdivision with restart, one per start:
 * a grid point with exact regret 0 (an exact equilibrium), or the certified equilibrium near a grid
 * point when `certifyEquilibrium` finds one (exact, or with an interval certificate, its regret bound
 * within the tolerance), else a grid point whose every player's regret is at most `tolerance` times
 * that player's payoff range (checked exactly; certificate `approximate`, its exact regrets). Duplicates removed; `complete` is always `false`.
 * A start whose pivot budget or finest grid (denominator 2^50) ran out first reports nothing and is
 * counted as not converged.
 *
 * @throws InputError naming `starts`, `maxPivots` or `tolerance` when out of range
 * @throws WorkLimitError (`maxWork`) when `starts x maxPivots x profiles x players` exceeds the limit
 * @example
 * import { makeGame, simpdiv } from "modelmarket/finite";
 * const g = makeGame([2, 2, 2], [[1, -1, -1, 1, 1, -1, -1, 1], [1, 1, -1, -1, -1, -1, 1, 1], [-1, 1, -1, 1, 1, -1, 1, -1]]);
 * simpdiv(g).equilibria.map((e) => e.profile.map((x) => x.join(" ")).join(" | ")); // ["1/2 1/2 | 1/2 1/2 | 1/2 1/2"]
 */
export function simpdiv(game: NormalFormGame, options: SimpdivOptions = {}): SimpdivResult {
  const { starts, maxPivots, tolerance } = checkSimpdivWork(game, options);
  const arithmetic = options.arithmetic ?? "exact";
  const tables = labelTables(game);
  const limits = playerLimits(game, tolerance);
  const polishable = game.payoffs.every((t) => t.every((u) => Number.isFinite(u.toNumber())));
  const stats = newNPlayerStats();
  const found = new DistinctEquilibria();
  const runs: SimpdivRun[] = [];
  for (let i = 0; i < starts; i++) {
    const start = startProfile(game.shape, options.seed ?? "modelmarket", i);
    const report = (detail: string) =>
      options.progress?.({
        done: i,
        total: starts,
        unit: "starts",
        detail: `${found.list.length} equilibria; ${detail}`,
      });
    const run = refine(game, tables, start, { maxPivots, arithmetic, limits, tolerance, polishable, report });
    stats.starts++;
    runs.push(run.record);
    if (run.equilibrium === undefined) continue;
    stats.converged++;
    found.add(run.equilibrium);
  }
  options.progress?.({
    done: starts,
    total: starts,
    unit: "starts",
    detail: `${found.list.length} equilibria`,
  });
  return {
    ...pathFollowingResult(found.list, stats, "simpdiv", tolerance),
    runs,
  };
}

/** Each player's largest admissible regret: `tolerance x (max - min of the player's payoffs)`. */
function playerLimits(game: NormalFormGame, tolerance: number): Rational[] {
  const t = Rational.fromNumber(tolerance);
  return game.payoffs.map((table) =>
    table
      .reduce((a, b) => a.max(b))
      .sub(table.reduce((a, b) => a.min(b)))
      .mul(t),
  );
}

/** Start i: every player's first strategy for i = 0, else a seeded random pure profile. */
function startProfile(shape: readonly number[], seed: string, i: number): number[] {
  if (i === 0) return shape.map(() => 0);
  const rng = alea(`${seed}/${i}`);
  return shape.map((n) => Math.floor(rng() * n));
}

interface RefineContext {
  maxPivots: number;
  /** `true` when every payoff is a finite double (`certifyEquilibrium` computes with them). */
  polishable: boolean;
  arithmetic: SimpdivArithmetic;
  limits: Rational[];
  tolerance: number;
  report: (detail: string) => void;
}

/**
 * The rounds of one start, on grids of denominator 2, 4, 8, ...: after each, the best grid point is
 * an exact equilibrium (zero regret), or `certifyEquilibrium` certifies one near it (once the regret is
 * within 5% of the payoff ranges: Newton's method needs a close start), or, within the tolerance, it
 * is the approximate answer; else the next round restarts from it on the finer grid.
 */
function refine(
  game: NormalFormGame,
  tables: LabelTables,
  start: number[],
  ctx: RefineContext,
): { equilibrium: NPlayerEquilibrium | undefined; record: SimpdivRun } {
  const offsets = tables.layout.offsets;
  let z: Float64Array = new Float64Array(offsets[game.shape.length]!);
  start.forEach((s, p) => {
    z[offsets[p]! + s] = 1;
  });
  const record: SimpdivRun = {
    start,
    converged: false,
    rounds: 0,
    denominator: 1,
    pivots: 0,
    relativeRegret: Number.NaN,
    polished: false,
  };
  for (let D = 2; D <= MAX_DENOMINATOR && record.pivots < ctx.maxPivots; D *= 2) {
    const v = z.map((c) => c * 2);
    const labeller = gridLabeller(tables, D, ctx.arithmetic);
    const path = followPath(game.shape, v, labeller, ctx.maxPivots - record.pivots);
    record.rounds++;
    record.pivots += path.pivots;
    record.denominator = D;
    z = labeller.best ?? v;
    const profile = game.shape.map((n, p) =>
      Array.from({ length: n }, (_, s) => Rational.of(BigInt(z[offsets[p]! + s]!), BigInt(D))),
    );
    const regret = regretExact(game, profile);
    record.relativeRegret = relativeRegret(regret, ctx.limits, ctx.tolerance);
    ctx.report(`grid 1/${D}, relative regret ${record.relativeRegret.toPrecision(3)}`);
    const within = regret.every((r, p) => r.compare(ctx.limits[p]!) <= 0);
    if (regret.every((r) => r.isZero())) return done(exactEquilibrium(game, profile));
    if (ctx.polishable && record.relativeRegret <= 0.05) {
      const polished = certifyEquilibrium(
        game,
        profile.map((x) => x.map((c) => c.toNumber())),
      );
      if (polished?.regret.every((r, p) => Rational.from(r).compare(ctx.limits[p]!) <= 0)) {
        record.polished = true;
        return done(polished!);
      }
    }
    if (within) return done(approximateEquilibrium(profile, regret, ctx.tolerance, D));
  }
  return { equilibrium: undefined, record };

  function done(equilibrium: NPlayerEquilibrium) {
    record.converged = true;
    return { equilibrium, record };
  }
}

/** The largest `regret_p / range_p` (0 for a player whose payoffs are all equal). */
function relativeRegret(regret: Rational[], limits: Rational[], tolerance: number): number {
  let worst = 0;
  regret.forEach((r, p) => {
    if (!limits[p]!.isZero()) worst = Math.max(worst, r.div(limits[p]!).toNumber() * tolerance);
  });
  return worst;
}

/** The grid point as an approximate equilibrium: its exact regrets, all within the tolerance. */
function approximateEquilibrium(
  profile: ExactProfile,
  regret: Rational[],
  tolerance: number,
  denominator: number,
): NPlayerEquilibrium {
  return {
    profile,
    exact: false,
    regret,
    support: profile.map((x) => x.flatMap((v, s) => (v.sign() > 0 ? [s] : []))),
    certificate: { kind: "approximate", tolerance, denominator },
  };
}
