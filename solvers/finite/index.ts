/**
 * Finite normal-form games: the public facade. One algorithm per module (Nashpy style); this file only
 * re-exports. Exact methods: `enumPure` (N players), `enumMixed` and `lemkeHowson` (two players).
 */
export * from "./dynamics/index.js";
export * from "./enummixed/index.js";
export * from "./enumpure.js";
export * from "./game.js";
export * from "./generators.js";
export * from "./lcp/index.js";
export * from "./lp/index.js";
export * from "./nfg.js";
export * from "./rational.js";
export * from "./render.js";
export * from "./solve.js";
