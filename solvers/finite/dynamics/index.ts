/**
 * Learning dynamics for N-player normal-form games (one algorithm per module): fictitious play,
 * replicator dynamics, regret matching and logit QRE tracing. Each takes a game, options (iteration
 * cap, relative tolerance, seed) and returns `{ profile, maxRegret, regrets, iterations, converged }`.
 */
export * from "./fictitious-play.js";
export {
  type CompiledGame,
  compileGame,
  compilePayoffs,
  DEFAULT_DYNAMICS_TOLERANCE,
  type DynamicsGame,
  type DynamicsOptions,
  type DynamicsResult,
  normalisePlayer,
  relativeRegrets,
} from "./kernel.js";
export * from "./logit-tracing.js";
export * from "./regret-matching.js";
export * from "./replicator.js";
