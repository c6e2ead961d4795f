/**
 * The default limits of the N-player methods, in a module with no imports so that the command line can
 * print them in `--help` without loading the solvers (start-up).
 */

/** Default `maxSupports`: support profiles enumerated (`prod_p (2^n_p - 1)`; 3x3x3 has 343, 5x5x5 29,791). */
export const DEFAULT_MAX_SUPPORTS = 1_000_000;
/** Default `maxBoxesPerSupport`: boxes of one support's subdivision before its remaining region is declared unresolved. */
export const DEFAULT_MAX_BOXES_PER_SUPPORT = 20_000;

/** Default number of rays (`starts`). */
export const DEFAULT_GNM_STARTS = 10;
/** Default step cap of one ray's path (`maxSteps`; a ray that reaches it is reported as not converged). */
export const DEFAULT_GNM_MAX_STEPS = 10_000;
/**
 * Default `maxWork`: the upper bound `starts x maxSteps x profiles x players^2` on the payoff
 * multiply-adds of the path evaluations (a 13x13x13 game with the defaults: 2e9).
 */
export const DEFAULT_GNM_MAX_WORK = 1e12;

/** Default number of starts of `simpdiv` (the first is every player's first strategy, as Gambit's). */
export const DEFAULT_SIMPDIV_STARTS = 1;
/** Default `tolerance` of `simpdiv`: every regret at most this times its player's payoff range (Gambit's `-m` default). */
export const DEFAULT_SIMPDIV_TOLERANCE = 1e-7;
/** Default label budget of one `simpdiv` start, over all its grids. */
export const DEFAULT_SIMPDIV_MAX_PIVOTS = 1_000_000;
/** Default `maxWork` of `simpdiv`: the bound `starts x maxPivots x profiles x players` on payoff multiply-adds. */
export const DEFAULT_SIMPDIV_MAX_WORK = 1e12;
