/**
 * Linear programming for finite games: the LP backend interface, its two backends
 * (javascript-lp-solver, HiGHS), certified zero-sum matrix games and the constant-sum `lp` method.
 */
export * from "./backend.js";
export * from "./constant-sum.js";
export * from "./highs.js";
export * from "./jslp.js";
export * from "./matrix-game.js";
