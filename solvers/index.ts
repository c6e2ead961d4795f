/**
 * Solvers of the producer game (docs/producer-game.md): best responses, market entry, replacement,
 * equilibria and sequential entry. Other solver families append their exports below.
 */
export {
  AllocationDP,
  absoluteTolerance,
  type BestResponse,
  type BestResponseOptions,
  bestResponse,
  type Entrant,
  entrantBestResponse,
  type Maximiser,
  ownQualityBehaviour,
  payoffScale,
  payoffWith,
  type RuleLike,
  resolveRule,
  ruleOf,
  TaskValuer,
  WELFARE_OBJECTIVE,
  welfareOptimalEntrant,
  welfareOptimalResponse,
  withEntrant,
} from "./bestResponse/index.js";
export {
  type AnnotatedMaximiser,
  analyseEntry,
  annotate,
  type EntryAnalysis,
  type RuleResponse,
} from "./entry.js";
export {
  APPROXIMATE_MIXED_TOLERANCE,
  bestResponseDynamics,
  certifyProfile,
  coordinateAscentOptimum,
  type DynamicsOptions,
  type DynamicsResult,
  type DynamicsRun,
  ENUM_MIXED_LIMIT,
  type Equilibrium,
  type EquilibriumOptions,
  type EquilibriumReport,
  type ExpectedDiversity,
  LCP_LIMIT,
  LOGIT_WORK_LIMIT,
  type MixedMethod,
  type MixedReport,
  marketAt,
  optimumFromGame,
  type PriceScope,
  type RegretLine,
  type StrategyChoice,
  solveEquilibria,
  solveEquilibriaAsync,
  type WelfareOptimum,
} from "./equilibrium/index.js";
export {
  buildMarketGame,
  type MarketGame,
  marketProfileCount,
  profileOf,
  pureEquilibria,
  strategiesOf,
  toNormalFormGame,
} from "./marketGame.js";
export {
  analyseReplacement,
  producerIndex,
  type ReplacementAnalysis,
  type ReplacementResponse,
} from "./replace.js";
export { type SequentialReport, type SequentialStep, sequentialEntry } from "./sequential.js";
