/**
 * The defaults of the learning dynamics, in a module that imports nothing, so that the method
 * catalog (and `nash --help`) can read them without loading the algorithms and their libraries.
 */
/** Default relative convergence tolerance of the dynamics (regret / payoff range). */
export const DEFAULT_DYNAMICS_TOLERANCE = 1e-6;

/** Default iteration cap of `fictitiousPlay`. */
export const FICTITIOUS_PLAY_MAX_ITERATIONS = 100_000;
/** Default iteration cap of `regretMatching`. */
export const REGRET_MATCHING_MAX_ITERATIONS = 100_000;
/** Default iteration (step) cap of `replicatorDynamics`. */
export const REPLICATOR_MAX_ITERATIONS = 200_000;
/** Default cap on predictor-corrector steps (accepted or rejected) of `logitTracing`. */
export const LOGIT_TRACING_MAX_ITERATIONS = 20_000;
