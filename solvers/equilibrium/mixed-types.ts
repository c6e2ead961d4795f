/**
 * The limits, options and report types of the producer game's mixed-equilibrium search (`mixed.ts`).
 */

import type { LimitReached } from "../../src/limits.js";
import type { ProgressSink } from "../../src/work.js";
import { DEFAULT_DYNAMICS_TOLERANCE } from "../finite/dynamics/defaults.js";
import type { LpBackends } from "../finite/lp/index.js";
import type { NPlayerCompleteness } from "../finite/nplayer/types.js";
import type { Equilibrium } from "./types.js";

/**
 * Largest `m + n` for exact vertex enumeration (`enumMixed`). Measured on market games (top-k spaces,
 * weighted winrate, Node 20, 2-core machine): 15 x 15 in 0.06-1.0 s (the slow end under `epsilon`
 * selection, whose ties make the game degenerate), 21 x 21 in 1.2-10.6 s. Re-measured with the
 * reverse-search enumerator: market payoffs are 55-bit integers after clearing the doubles'
 * denominators, so pivots are BigInt throughout; 15 x 15 took up to 6.3 s, 15 x 20 and 20 x 20 over
 * 30 s on some games, so the limit stays 30 (docs/producer-game.md).
 */
export const ENUM_MIXED_LIMIT = 30;

/**
 * Largest `m + n` for Lemke-Howson with continuation (`lemkeHowson`). Measured as above: 21 x 21 in
 * 0.1-0.4 s, 28 x 28 in 0.8-1.0 s, 36 x 36 in 0.9-1.5 s, 45 x 45 in 6.5-7.4 s.
 */
export const LCP_LIMIT = 72;

/**
 * Largest `profiles x N^2` (N players) for logit tracing. Measured as above: 21^3 profiles in
 * 0.4-0.9 s, 35^3 in 2.0-3.5 s, 10^4 (four players) in 0.4-0.9 s, 10^5 (five players) in 20 s.
 */
export const LOGIT_WORK_LIMIT = 400_000;

/** Default relative regret tolerance of an approximate mixed equilibrium (`DEFAULT_DYNAMICS_TOLERANCE`). */
export const APPROXIMATE_MIXED_TOLERANCE = DEFAULT_DYNAMICS_TOLERANCE;

/** Probabilities at most this are set to 0 (and the rest renormalised) before a float profile is certified. */
export const PROBABILITY_FLOOR = 1e-12;

/**
 * Three or more players: largest number of support profiles (`prod_p (2^n_p - 1)`) for which every
 * equilibrium is searched by support enumeration (`enumPoly`). Measured on three-producer top-k
 * market games (logit beta = 8, Node 20, a 2-core machine shared with other jobs, CPU time): 3 x 3 x 3
 * (343 supports) 0.04-0.1 s, 4 x 4 x 4 (3,375) 0.06-1.5 s; above it `gnm` runs.
 */
export const ENUMPOLY_SUPPORT_LIMIT = 4_000;

/**
 * Three or more players: largest `rays x steps x profiles x N^2` bound for the global Newton method
 * (`gnm`, with its default step cap) before logit tracing is used instead. Measured with ten rays on
 * three-producer top-k markets (logit beta = 8, CPU time, a 2-core machine shared with other jobs,
 * load about 18), with gnm as of its support-restricted derivatives and regula-falsi events: 6 x 6 x 6
 * 0.3-0.9 s, 7 x 7 x 7 0.7-2.1 s, 9 x 9 x 9 0.5-2.6 s, 13 x 13 x 13 (bound 1.98e9) 0.7-17 s; the
 * limit admits the 13-task market. (The first gnm took over 100 s on 7 x 7 x 7.)
 */
export const GNM_WORK_LIMIT = 2e9;

/** A method that contributed to the mixed equilibria. */
export type MixedMethod = "enummixed" | "lcp" | "lp" | "enumpoly" | "gnm" | "logit";

/**
 * One fact about the mixed search, a code and its numbers: why no method ran, which ran and what its
 * list is, what a constant-sum game's LP showed. `mixedReasonText` words a list of them.
 */
export type MixedNote =
  /** No strategic producer, or one (its mixed equilibria are the mixtures of its pure best responses). */
  | { code: "no-strategic-producer" }
  | { code: "one-strategic-producer" }
  /** The rule is not task-separable, so there is no market game. */
  | { code: "not-task-separable"; rule: string }
  /** The joint space has more profiles than the enumeration limit (`limits` holds the limit). */
  | { code: "too-many-profiles"; profiles: number }
  /** A strategic space is continuous: no finite game. */
  | { code: "continuous-space" }
  /** Two players: enummixed listed every extreme equilibrium (complete). */
  | { code: "enummixed-complete"; equilibria: number }
  /**
   * Two players: Lemke-Howson ran instead of enummixed (`because` the game is above enummixed's
   * limit on m + n, or its vertex bound is); its list may be incomplete.
   */
  | {
      code: "lcp-instead";
      shape: [number, number];
      because: "size" | "vertices";
      equilibria: number;
      pivotCapHit: boolean;
      stoppedAtPathLimit: boolean;
    }
  /** Two players: the game is above both exact methods' limits on m + n. */
  | { code: "exact-methods-too-large"; shape: [number, number] }
  /** Equilibria with a probability below 1e-9, likely an artifact of payoffs equal but for their last bits. */
  | { code: "probability-artifacts"; equilibria: number }
  /** A constant-sum game (`exact`ly or up to rounding) whose LP was not run (no LP backends loaded). */
  | { code: "constant-sum-lp-not-run"; exact: boolean; constant: number }
  /** Its LP answer, certified and listed (or `alreadyListed`). */
  | {
      code: "constant-sum-lp-certified";
      exact: boolean;
      constant: number;
      value: number;
      lower: number;
      upper: number;
      maxRegret: number;
      alreadyListed: boolean;
    }
  /** Its LP answer, not listed: not `certified`, or its regret above `threshold`. */
  | {
      code: "constant-sum-lp-rejected";
      exact: boolean;
      certified: boolean;
      maxRegret: number;
      threshold: number;
      lower: number;
      upper: number;
      gap: number;
    }
  /**
   * Three or more players: enumpoly's or gnm's certified list (`supports` is set when gnm ran because
   * the game has more support profiles than enumpoly's limit).
   */
  | {
      code: "certified-list";
      players: number;
      method: "enumpoly" | "gnm";
      equilibria: number;
      exact: number;
      completeness: NPlayerCompleteness;
      supports: number | null;
    }
  /** Three or more players: above enumpoly's limit and gnm's work bound (`limits` holds both). */
  | { code: "gnm-over-limit"; players: number; supports: number }
  /** Logit tracing skipped too: its work is above its limit. */
  | { code: "logit-over-limit" }
  /** Logit tracing did not pass its certificate: nothing listed. */
  | {
      code: "logit-not-converged";
      iterations: number;
      maxRelativeRegret: number;
      tolerance: number;
      reachedLambdaMax: boolean;
      lambda: number;
    }
  /** Logit tracing: one approximate equilibrium, the limit of the logit QRE branch. */
  | { code: "logit-approximate"; epsilon: number; tolerance: number; iterations: number };

/** Options of `mixedEquilibria`. */
export interface MixedOptions {
  /** The report's absolute tolerance: an equilibrium is `certified` when every regret is at most this. */
  tolerance: number;
  /** Largest `m + n` for `enumMixed` (default `ENUM_MIXED_LIMIT`). */
  enumMixedLimit?: number;
  /** Largest `m + n` for `lemkeHowson` (default `LCP_LIMIT`). */
  lcpLimit?: number;
  /** Two players: largest bound on enummixed's polytope vertices (default `DEFAULT_MAX_VERTICES`); above it Lemke-Howson runs. */
  maxVertices?: number;
  /** Two players: most Lemke-Howson paths followed (default `defaultMaxPaths(m, n, PRODUCER_LCP_MEMORY)`: 1 GiB of search state, 169,000 paths at 16 x 16); the search stops there. */
  maxPaths?: number;
  /** Loaded LP backends (`loadLpBackends()`); without them a constant-sum game gets no LP. */
  lpBackends?: LpBackends;
  /** Relative regret tolerance of an approximate equilibrium (default `APPROXIMATE_MIXED_TOLERANCE`). */
  approximateTolerance?: number;
  /** Predictor-corrector step cap of logit tracing (default `LOGIT_TRACING_MAX_ITERATIONS`). */
  logitIterations?: number;
  /** Largest `profiles x N^2` for logit tracing (default `LOGIT_WORK_LIMIT`). */
  logitWorkLimit?: number;
  /** Three or more players: largest number of support profiles for `enumPoly` (default `ENUMPOLY_SUPPORT_LIMIT`). */
  maxSupports?: number;
  /** Three or more players: rays of `gnm` (default `DEFAULT_GNM_STARTS`). */
  gnmStarts?: number;
  /** Three or more players: largest work bound of `gnm` (default `GNM_WORK_LIMIT`). */
  maxGnmWork?: number;
  /** Seed of `gnm`'s rays (default `"equilibrium"`). */
  seed?: string;
  /** Hears enumpoly's (support profiles) and gnm's (rays) progress. */
  progress?: ProgressSink;
}

/** The LP answer of a constant-sum game and its certificate in the actual game. */
export interface LpCertificate {
  /** LP backend whose answer is used. */
  backend: string;
  /** `gap <= lpTolerance` (`solveConstantSumLp`). */
  certified: boolean;
  /** The value of the game for the first player (midpoint of `[lower, upper]`). */
  value: number;
  lower: number;
  upper: number;
  gap: number;
  /** `RELATIVE_TOLERANCE x range(A)`. */
  lpTolerance: number;
  /** Largest `regretFloat` of the (floored) LP profile in the actual game. */
  maxRegret: number;
  /** `RELATIVE_TOLERANCE x` payoff range. */
  threshold: number;
  /** `certified` and `maxRegret <= threshold`: only then is the profile listed. */
  passed: boolean;
}

/** Constant-sum structure of a two-player game. */
export interface ConstantSumInfo {
  /** `c` with `A + B = c`. */
  constant: number;
  /** `A + B = c` holds exactly in the rationals of the doubles (`checkConstantSum`). */
  exact: boolean;
  /** `max |A + B - c|` in doubles (0 when `exact`); at most `RELATIVE_TOLERANCE x` payoff range. */
  deviation: number;
  /** The LP answer; `null` when no LP backends were given. */
  lp: LpCertificate | null;
}

/** A run of an approximate method (logit tracing). */
export interface ApproximateAttempt {
  method: "logit";
  /** The certificate passed: every player's regret at most `tolerance x` its own payoff range. */
  converged: boolean;
  /** Largest regret of the reported (floored) profile, `regretFloat`. */
  maxRegret: number;
  /** Relative tolerance. */
  tolerance: number;
  /** Largest minus smallest payoff of the game. */
  payoffRange: number;
  /** The largest per-player threshold `tolerance x range_p`. */
  threshold: number;
  /** Largest regret divided by its player's payoff range (compared with `tolerance`). */
  maxRelativeRegret: number;
  iterations: number;
  /** `lambda` at the end of the trace (payoff units). */
  lambda: number;
  reachedLambdaMax: boolean;
  /** The profile the trace ended at (floored), an equilibrium only when `converged`. */
  lastProfile: number[][];
}

/** The mixed-equilibrium part of the equilibrium report. */
export interface MixedReport {
  /**
   * `solved`: exact or certified equilibria listed; `approximate`: an approximate (epsilon-)
   * equilibrium listed; `not converged`: the approximate method failed its certificate, nothing
   * listed; `skipped`: no method applied (see `reason`).
   */
  status: "solved" | "approximate" | "not converged" | "skipped";
  /** What ran and what the list is, as codes and their numbers, in order (`mixedReasonText` words them). */
  reasons: MixedNote[];
  /**
   * The limits that skipped a method or cut a list, as data (option, estimate, limit): the reason
   * says what happened, and the command line names the flag that raises each.
   */
  limits: LimitReached[];
  /** Methods that ran, in order. */
  methods: MixedMethod[];
  /**
   * `true` when `equilibria` is proven to hold every extreme equilibrium of the mixed extension (two
   * players, enummixed), or every equilibrium (three or more, enumpoly with every root certified).
   */
  complete: boolean;
  /** Three or more players with enumpoly or gnm: why the list is or is not complete (`null` otherwise). */
  completeness: NPlayerCompleteness | null;
  /** For an approximate method: did its certificate pass. `null` when none ran. */
  converged: boolean | null;
  /** Two players: the constant-sum structure, `null` when the game is not constant-sum. */
  constantSum: ConstantSumInfo | null;
  /** Runs of approximate methods. */
  attempts: ApproximateAttempt[];
  /**
   * Two players: exact extreme equilibria (pure ones too, `kind: "pure"`) and a certified LP answer;
   * three or more: at most one approximate equilibrium (`certified` false unless its regret is within
   * the report's tolerance).
   */
  equilibria: Equilibrium[];
}
