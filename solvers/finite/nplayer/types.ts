/**
 * The result shapes shared by the N-player mixed-equilibrium methods (`enumPoly`, `gnm`): every
 * reported equilibrium carries its support, its regret (exact 0 or a rigorous upper bound) and a
 * certificate a caller can re-check, and the result says whether the list is proven complete and why.
 */
import type { ExactProfile, MixedProfile } from "../game.js";
import type { Rational } from "../rational.js";

/**
 * How an equilibrium is certified.
 *
 * - `exact`: the profile is exact (`Rational`) and its exact regret is 0 for every player (re-check
 *   with `regretExact`).
 * - `interval`: the profile is floating. The support system (each player indifferent among its support
 *   strategies) has exactly one root in `uniquenessBox` (Krawczyk's test, interval arithmetic with
 *   outward rounding), that root lies in `enclosure`, and every profile in `enclosure` (the reported
 *   one included) has regret at most `regret[p]` for player p. `enclosure[p][s]` is `[lo, hi]` for the
 *   probability of player p's strategy s (`[0, 0]` off the support).
 * - `approximate` (`simpdiv`): the profile is an exact rational point of the grid of denominator
 *   `denominator`, and `regret` holds its exact regrets, each at most `tolerance` times its player's
 *   payoff range; it is an approximate equilibrium, not certified to be near an exact one.
 */
export type NPlayerCertificate =
  | { kind: "exact" }
  | {
      kind: "interval";
      enclosure: [number, number][][];
      /** The box (over the free probabilities of the support, see `freeVariables`) where the root is unique. */
      uniquenessBox: [number, number][];
      /** `freeVariables[k] = [p, s]`: coordinate k of `uniquenessBox` is player p's probability of s. */
      freeVariables: [number, number][];
    }
  | { kind: "approximate"; tolerance: number; denominator: number };

/** One certified equilibrium of an N-player game. */
export interface NPlayerEquilibrium {
  /** `profile[p][s]`: probability player p plays s. `Rational` entries when `exact`, else doubles. */
  profile: MixedProfile;
  /** `true` when `profile` is exact with exact regret 0. */
  exact: boolean;
  /**
   * Per player: exact `Rational` 0 for exact profiles; the exact regrets (`Rational`) of an approximate
   * one; else a rigorous upper bound (payoff units) on the regret `max_s u_p(s, x_-p) - u_p(x)` of every
   * profile in the certificate's enclosure.
   */
  regret: (Rational | number)[];
  /** `support[p]`: the strategies (0-based, ascending) player p plays with positive probability. */
  support: number[][];
  certificate: NPlayerCertificate;
}

/**
 * Why a result is (or is not) proven complete: a code a program can test and its numbers; no sentence
 * (`completenessText` words it for a person).
 */
export type NPlayerCompleteness =
  | {
      /** Every support profile was searched and every root of every support system was certified unique. */
      code: "all-supports-certified";
      complete: true;
      supports: number;
    }
  | {
      /**
       * Some support systems have solutions that are not isolated and nonsingular (a continuum, a
       * double root) or ran out of boxes: the regions listed were neither excluded nor certified.
       */
      code: "unresolved-regions";
      complete: false;
      supports: number;
      /**
       * Per undecided support: the number of boxes left, their hull (over the free variables), and why:
       * `box-budget` (`maxBoxesPerSupport` ran out) or `degenerate` (boxes at the width floor).
       */
      unresolved: {
        support: number[][];
        boxes: number;
        hull: [number, number][];
        reason: "box-budget" | "degenerate";
        /**
         * A certified segment of equilibria found in the region (a continuum): its ends, its midpoint
         * (listed among the equilibria as the component's representative), possibly a certified
         * triangle of equilibria containing it, and the bounds on the
         * dimension of the equilibrium set there. Absent when none was found (which proves nothing).
         */
        continuum?: {
          from: ExactProfile;
          to: ExactProfile;
          representative: ExactProfile;
          /** Three affinely independent exact equilibria whose whole triangle is proven to be equilibria (then `atLeast` is 2 and the representative is its centroid). */
          simplex?: [ExactProfile, ExactProfile, ExactProfile];
          dimension: { atLeast: number; atMost: number | null };
        };
      }[];
      /** The boxes each support system could use (`maxBoxesPerSupport`). */
      boxesPerSupport: number;
    }
  | {
      /** Path following finds equilibria, not all of them. */
      code: "path-following";
      complete: false;
      /** `gnm` (global Newton from seeded rays) or `simpdiv` (simplicial subdivision from starts). */
      method: "gnm" | "simpdiv";
      starts: number;
      converged: number;
      /** simpdiv: a start converged at regret <= `tolerance` x the payoff range (`null` for gnm). */
      tolerance: number | null;
    };

/** Work counters of an N-player method. */
export interface NPlayerStats {
  /** Support profiles enumerated (enumpoly) or 0. */
  supports: number;
  /** Support profiles skipped because a strategy is conditionally strictly dominated (exact test). */
  dominatedSupports: number;
  /** Boxes examined by the interval subdivision (enumpoly). */
  boxes: number;
  /** Roots of support systems certified unique (some are not equilibria: a negative probability, a better strategy off the support). */
  certifiedRoots: number;
  /** Path-following: starts run and how many converged. */
  starts: number;
  converged: number;
  /** Equilibria whose profile was polished to an exact rational one. */
  exactEquilibria: number;
  /** Path-following: crossings of `lambda = 0` that could not be certified (not reported). */
  uncertified: number;
}

/** What `enumPoly`, `gnm` and `simpdiv` return. */
export interface NPlayerResult {
  /** Distinct equilibria, exact ones first, then in the order found. */
  equilibria: NPlayerEquilibrium[];
  /** `true` only when the list is proven to hold every equilibrium (see `completeness`). */
  complete: boolean;
  completeness: NPlayerCompleteness;
  /** `true` when every run of the method reached its stopping rule (enumpoly: always). */
  converged: boolean;
  stats: NPlayerStats;
}

/** Zeroed counters. */
export function newNPlayerStats(): NPlayerStats {
  return {
    supports: 0,
    dominatedSupports: 0,
    boxes: 0,
    certifiedRoots: 0,
    starts: 0,
    converged: 0,
    exactEquilibria: 0,
    uncertified: 0,
  };
}

/**
 * The distinct equilibria found, in the order a result lists them (exact ones first, then in the order
 * found), with `stats.exactEquilibria` set to the number of exact ones.
 */
export function listedEquilibria(found: NPlayerEquilibrium[], stats: NPlayerStats): NPlayerEquilibrium[] {
  const exact = found.filter((e) => e.exact);
  stats.exactEquilibria = exact.length;
  return [...exact, ...found.filter((e) => !e.exact)];
}

/**
 * The result of a path-following method (gnm, simpdiv): never proven complete, converged when every
 * start reached its stopping rule; simpdiv's `tolerance` is its stopping rule (`null` for gnm).
 */
export function pathFollowingResult(
  found: NPlayerEquilibrium[],
  stats: NPlayerStats,
  method: "gnm" | "simpdiv",
  tolerance: number | null,
): NPlayerResult {
  return {
    equilibria: listedEquilibria(found, stats),
    complete: false,
    completeness: {
      code: "path-following",
      complete: false,
      method,
      starts: stats.starts,
      converged: stats.converged,
      tolerance,
    },
    converged: stats.converged === stats.starts,
    stats,
  };
}
