/**
 * Result and option types of the best-response solvers (docs/producer-game.md).
 */
import type { PayoffRule } from "../../src/model/payoffs.js";
import type { StrategySpace } from "../../src/model/types.js";
import type { ProgressSink } from "../../src/work.js";

/**
 * Which algorithm produced a best response (`bestResponseMethodText` words it): `fixed`, `brute-force`,
 * `menu-enumeration`, `top-k-select`, `grid-dp`; for budget spaces `budget-refine` (grid DP + pattern
 * search with an interval-bound certificate), `budget-refine-uncertified` (no certificate for the
 * rule), `water-filling-greedy` (linear production) and `water-filling-bisection` (bisection on the
 * multiplier, Lagrangian dual certificate).
 */
export type BestResponseMethod =
  | "fixed"
  | "brute-force"
  | "menu-enumeration"
  | "top-k-select"
  | "grid-dp"
  | "budget-refine"
  | "budget-refine-uncertified"
  | "water-filling-greedy"
  | "water-filling-bisection";

/** One optimal strategy of a best response. */
export interface Maximiser {
  /** The producer's quality vector under this strategy. */
  quality: number[];
  /** Effort per task (budget and grid spaces). */
  effort?: number[];
  /** Chosen task indices, ascending (top-k spaces). */
  tasks?: number[];
  /** Menu option index (menu spaces). */
  option?: number;
  /** The producer's payoff under the rule. */
  payoff: number;
  /** Consumer welfare `U` of the market with this strategy. */
  welfare: number;
}

/**
 * A producer's best response with the others fixed.
 *
 * `value` is the best payoff found; `gapBound` a certified upper bound on `sup payoff - value` over the
 * whole space (0 for exact solvers, `Infinity` when no certificate is available). `maximisers` lists
 * every strategy whose payoff is within `tolerance` of `value` (exact spaces), or the best found
 * (continuous budgets); `truncated` says the list was cut at `maxMaximisers`.
 */
export interface BestResponse {
  rule: string;
  space: StrategySpace;
  /** The responding producer's name. */
  producer: string;
  value: number;
  maximisers: Maximiser[];
  gapBound: number;
  /** Continuous budgets: the certified upper bound on the supremum itself (`value + gapBound`, up to rounding). */
  upperBound?: number;
  exact: boolean;
  truncated?: boolean;
  /** The absolute tolerance used: `tolerance x scale`, `scale = max(1, max_t v_t)`. */
  tolerance: number;
  /** Which algorithm produced the answer (e.g. `grid-dp`, `top-k-select`, `budget-refine`). */
  method: BestResponseMethod;
}

/** Options of `bestResponse`. */
export interface BestResponseOptions {
  /** The space to respond in; defaults to the producer's own `space`. */
  space?: StrategySpace;
  /** Relative tolerance (default `RELATIVE_TOLERANCE`), multiplied by the payoff scale. */
  tolerance?: number;
  /** Largest number of maximisers listed (default `DEFAULT_MAX_MAXIMISERS`, 20, in src/limits.ts); more sets `truncated`. */
  maxMaximisers?: number;
  /** Continuous budgets: grid units used for the initial solution and the certificate (default `DEFAULT_UNITS`, 256, in src/limits.ts). */
  units?: number;
  /** Non-separable rules: largest finite space searched by brute force (default 20000). */
  bruteForceLimit?: number;
  /**
   * Grid spaces: largest DP work, `T x (K + 1) x (u_max + 1)` cell updates (`K` budget units, `u_max`
   * useful units per task), refused before any work above it (default `DEFAULT_MAX_GRID_WORK`).
   */
  maxGridWork?: number;
  /** Grid spaces: largest DP table, `T x (K + 1)` cells of 24 bytes (default `DEFAULT_MAX_GRID_CELLS`). */
  maxGridCells?: number;
  /** Progress of long solves (the grid DP reports tasks done). */
  progress?: ProgressSink;
}

/** A rule given by name or as an object. */
export type RuleLike = string | PayoffRule;
