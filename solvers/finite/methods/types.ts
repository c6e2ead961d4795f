/**
 * The shapes every method of the finite-game facade (`solveFinite` in `../solve.ts`) shares: the
 * options it accepts, the report it returns, and the entry a method registers in the method table.
 */
import type { ProgressSink } from "../../../src/work.js";
import type { DynamicsResult, LogitTracingResult } from "../dynamics/index.js";
import type { NormalFormGame } from "../game.js";
import type { LcpVariant } from "../lcp/index.js";
import type { ConstantSumLpResult, LpBackends } from "../lp/index.js";
import type { SolveReport } from "../render.js";
import type { NashFailure } from "./failure.js";

/** Options of `solveFinite`. */
export interface SolveFiniteOptions {
  /** enummixed: also compute the maximal convex sets of equilibria. */
  convex?: boolean;
  /** lcp: pivot cap per path; simpdiv: label cap per start (default `DEFAULT_SIMPDIV_MAX_PIVOTS`). */
  maxPivots?: number;
  /** lcp: only the paths from the artificial equilibrium (no continuation from equilibria found). */
  startOnly?: boolean;
  /** lcp: `"gambit"` for Gambit's tableau and order, the list `gambit-lcp` prints (default `"modelmarket"`). */
  lcpVariant?: LcpVariant;
  /** Dynamics: iteration cap (default `DYNAMICS_DEFAULT_ITERATIONS[method]`). */
  iterations?: number;
  /** Dynamics: convergence tolerance relative to the payoff range (default `DEFAULT_DYNAMICS_TOLERANCE`); simpdiv: largest regret relative to each player's payoff range (default `DEFAULT_SIMPDIV_TOLERANCE`). */
  tolerance?: number;
  /** fp, replicator, gnm: seed of the random choices (fp: default `"modelmarket"`; replicator: uniform start without it). */
  seed?: string;
  /** enummixed, lcp, the dynamics: receives progress (vertices, paths or iterations; equilibria found) during long searches. */
  progress?: ProgressSink;
  /** enummixed: largest upper bound on the polytope vertices enumerated (default `DEFAULT_MAX_VERTICES`). */
  maxVertices?: number;
  /** lcp (with continuation): most Lemke-Howson paths followed, counted as it runs (default `defaultMaxPaths(m, n)`, memory-sized). */
  maxPaths?: number;
  /** Dynamics: largest `iterations x profiles x players` payoff evaluations (default `DEFAULT_MAX_EVALUATIONS`). */
  maxEvaluations?: number;
  /** enumpoly: largest number of support profiles (default `DEFAULT_MAX_SUPPORTS`). */
  maxSupports?: number;
  /** enumpoly: box budget of one support's subdivision (default `DEFAULT_MAX_BOXES_PER_SUPPORT`). */
  maxBoxesPerSupport?: number;
  /** gnm: number of rays (default `DEFAULT_GNM_STARTS`); simpdiv: number of starts (default `DEFAULT_SIMPDIV_STARTS`). */
  starts?: number;
  /**
   * gnm: work limit, `starts x maxSteps x profiles x players^2` (default `DEFAULT_GNM_MAX_WORK`);
   * simpdiv: `starts x maxPivots x profiles x players` (default `DEFAULT_SIMPDIV_MAX_WORK`).
   */
  maxWork?: number;
  /** simpdiv: arithmetic of the labels, `"exact"` (default) or `"float"`. */
  arithmetic?: "exact" | "float";
  /**
   * lp: the loaded LP backends (`loadLpBackends()`). `solveFinite` loads them when absent (once per
   * process); `solveFiniteSync` needs them for `lp`.
   */
  lpBackends?: LpBackends;
}

/** What `solveFinite` returns: the renderer's report, plus why no profile is reported, if so. */
export interface NashReport extends SolveReport {
  /**
   * Set when a floating method produced no equilibrium (LP answer not certified, dynamic not
   * converged, or a profile that failed its regret check), with its numbers; `failureText` words it
   * (one line for stderr). `equilibria` is empty.
   */
  failure?: NashFailure;
  /** lp: the LP answer with its certificate, as `solveConstantSumLp` returned it. */
  lpResult?: ConstantSumLpResult;
  /** Dynamics: the run as the method returned it (logit: with `lambda` and `reachedLambdaMax`). */
  dynamicsResult?: DynamicsResult | LogitTracingResult;
}

/**
 * One method of the facade's table (`METHODS` in `../solve.ts`). The facade checks, in this order,
 * that the game has the players the method needs, that its worst-case work is within its limit
 * (`checkWork`), and, for a floating method, that every payoff is a finite double; then it runs it.
 */
export interface NashMethodEntry {
  /** `"two"`: two-player games only; `"any"`: any number of players. */
  readonly players: "two" | "any";
  /** `true` when the method computes in exact rationals (double payoffs are not needed). */
  readonly exact: boolean;
  /** Throws `WorkLimitError` naming the option that raises the limit when the estimate exceeds it. */
  readonly checkWork?: (game: NormalFormGame, options: SolveFiniteOptions) => void;
  /** Runs the method. */
  readonly run: (game: NormalFormGame, options: SolveFiniteOptions) => NashReport;
  /** Runs the method when it must load something first (lp: the LP backends); `solveFinite` prefers it. */
  readonly runAsync?: (game: NormalFormGame, options: SolveFiniteOptions) => Promise<NashReport>;
}
