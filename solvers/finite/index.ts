/**
 * Finite normal-form games: the public facade (`modelmarket/finite`). One algorithm per module
 * (Nashpy style); this file only re-exports, by name. Exact methods: `enumPure` (N players),
 * `enumMixed` and `lemkeHowson` (two players); certified N-player mixed equilibria: `enumPoly`
 * (support enumeration), `gnm` (path following), `simpdiv` (simplicial subdivision); `solveFinite` runs
 * any method by name. Internals (the
 * integer pivoting tableau, the LP backends' model builders) are not exported.
 */

export { FICTITIOUS_PLAY_MAX_ITERATIONS, fictitiousPlay } from "./dynamics/fictitious-play.js";
export {
  type CompiledGame,
  compilePayoffs,
  DEFAULT_DYNAMICS_TOLERANCE,
  type DynamicsGame,
  type DynamicsOptions,
  type DynamicsResult,
} from "./dynamics/kernel.js";
export {
  LOGIT_TRACING_MAX_ITERATIONS,
  type LogitTracingOptions,
  type LogitTracingResult,
  logitTracing,
} from "./dynamics/logit-tracing.js";
export { loadMlMatrix } from "./dynamics/ml-matrix.js";
export {
  REGRET_MATCHING_MAX_ITERATIONS,
  type RegretMatchingOptions,
  regretMatching,
} from "./dynamics/regret-matching.js";
export {
  REPLICATOR_MAX_ITERATIONS,
  type ReplicatorOptions,
  replicatorDynamics,
} from "./dynamics/replicator.js";
export { type ConvexSet, type EnumMixedResult, enumMixed, isNondegenerate } from "./enummixed/index.js";
export {
  DEFAULT_MAX_BOXES_PER_SUPPORT,
  DEFAULT_MAX_SUPPORTS,
  type EnumPolyOptions,
  enumPoly,
} from "./enumpoly/index.js";
export { type EnumPureResult, enumPure } from "./enumpure.js";
export {
  type ExactProfile,
  type FloatProfile,
  floatPayoffs,
  floatRegretTolerance,
  fromBimatrix,
  isEquilibriumExact,
  isEquilibriumFloat,
  isExactProfile,
  isTwoPlayer,
  type MixedProfile,
  makeGame,
  type NfgOutcome,
  type NormalFormGame,
  payoffRange,
  profileCount,
  profileFromIndex,
  profileIndex,
  profileToFloat,
  pureToMixed,
  regretExact,
  regretFloat,
  samePayoffs,
  strategyValuesExact,
  strategyValuesFloat,
  strides,
  toBimatrix,
} from "./game.js";
export {
  coordinationGame,
  type Rng,
  randomDegenerateGame,
  randomGame,
  sgcGame,
  unitVectorGame,
} from "./generators.js";
export {
  DEFAULT_GNM_MAX_STEPS,
  DEFAULT_GNM_MAX_WORK,
  DEFAULT_GNM_STARTS,
  type GnmOptions,
  gnm,
} from "./gnm/index.js";
export {
  type LcpEquilibrium,
  type LcpOptions,
  type LcpPath,
  type LcpResult,
  type LcpVariant,
  lemkeHowson,
} from "./lcp/index.js";
export type { LpBackend, LpBackendName, LpProblem, LpResult, LpStatus } from "./lp/backend.js";
export {
  type ConstantSumCheck,
  type ConstantSumLpResult,
  type ConstantSumReason,
  checkConstantSum,
  constantSumReasonText,
  rowPayoffMatrix,
  solveConstantSum,
  solveConstantSumLp,
} from "./lp/constant-sum.js";
export {
  AUTO_JSLP_MAX_SIZE,
  autoBackend,
  type LpAttempt,
  type LpBackendChoice,
  type LpBackends,
  loadLpBackends,
  type MatrixGameLpOptions,
  type MatrixGameLpResult,
  type PayoffMatrix,
  payoffMatrix,
  solveMatrixGame,
  solveMatrixGameLp,
} from "./lp/matrix-game.js";
export {
  DYNAMICS_METHODS,
  type DynamicsMethod,
  dynamicsReport,
} from "./methods/dynamics.js";
export { failureText, type NashFailure } from "./methods/failure.js";
export { lpReport } from "./methods/lp.js";
export { checkFloatRegret, type FloatRegretCheck } from "./methods/regret-check.js";
export type { NashReport, SolveFiniteOptions } from "./methods/types.js";
export { methodDescriptionText } from "./methods/words.js";
export { MAX_NFG_PROFILES, parseNfg, readNfgFile, writeNfg } from "./nfg.js";
export { certifyEquilibrium } from "./nplayer/certify-point.js";
export type {
  NPlayerCertificate,
  NPlayerCompleteness,
  NPlayerEquilibrium,
  NPlayerResult,
  NPlayerStats,
} from "./nplayer/types.js";
export { completenessText } from "./nplayer/words.js";
export { Rational, sumRational } from "./rational.js";
export {
  type ConvexSetRecord,
  type EquilibriumRecord,
  formatValue,
  profileLine,
  type RenderOptions,
  renderJson,
  renderText,
  type SolveReport,
} from "./render.js";
export {
  checkSimpdivWork,
  type SimpdivArithmetic,
  type SimpdivOptions,
  type SimpdivResult,
  type SimpdivRun,
  simpdiv,
} from "./simpdiv/index.js";
export {
  DYNAMICS_DEFAULT_ITERATIONS,
  isDynamicsMethod,
  NASH_METHODS,
  type NashMethod,
  SEEDED_METHODS,
  solveFinite,
} from "./solve.js";
export { solveFiniteSync } from "./solve-sync.js";
