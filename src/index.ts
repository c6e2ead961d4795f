/**
 * modelmarket: the public API. Everything the command line does is one import away:
 *
 * ```ts
 * import { readMarketFile, evaluate } from "modelmarket";
 * const market = readMarketFile("examples/three-producers.json");
 * console.log(evaluate(market).welfare.U);
 * ```
 */

export { InputError } from "./errors.js";
export {
  type GamedJudgement,
  type GlmWeights,
  parseGamedJudgements,
  parseGlmWeights,
  parseInstructionDifficulty,
  readGamedJudgements,
  readGlmWeights,
  readInstructionDifficulty,
} from "./io/alpacaeval-glm.js";
export { isDecimal, parseDecimal, readDecimal } from "./io/decimal.js";
export {
  type MarketOverrides,
  parseJson,
  parseMarket,
  readMarketFile,
  setBenchmarkWeights,
} from "./io/marketFile.js";
export { resolveOutputPath, writeFileAtomic } from "./io/output.js";
export {
  type Normalization,
  parseScoreTable,
  readScoreTable,
  type ScoreTable,
  type ScoreTableMarketOptions,
  scoreTableMarket,
} from "./io/scoreTable.js";
export { parseNormalizationSpec, parseSelectionSpec, parseSpaceSpec, parseWeightsSpec } from "./io/specs.js";
export { ColumnState } from "./model/column.js";
export { type Diversity, diversity, scaledDistance, specialisationIndex } from "./model/diversity.js";
export {
  consumerWelfare,
  evaluate,
  type MarketEvaluation,
  MarketEvaluator,
  referenceWelfare,
  type Welfare,
} from "./model/evaluate.js";
export {
  averageScore,
  BUILTIN_PAYOFF_RULES,
  BUILTIN_RULE_FAMILIES,
  type FamilyInstance,
  type FamilyParameter,
  marginalContribution,
  type PayoffRule,
  pairwiseWinrate,
  payoffRule,
  payoffRuleNames,
  type RuleFamily,
  registerPayoffRule,
  registerRuleFamily,
  ruleFamily,
  ruleFamilyNames,
  unregisterPayoffRule,
  unregisterRuleFamily,
  weightedPairwiseWinrate,
  weightedWinrate,
  winrate,
} from "./model/payoffs.js";
export { describeProduction, isConcaveProduction, produce, qualityFromEffort } from "./model/production.js";
export type { SelectionKernel } from "./model/selection/index.js";
export {
  beatProbability,
  choiceProbabilities,
  epsilonKernel,
  formatSelection,
  logitKernel,
  perfectKernel,
  probitKernel,
  SELECTION_RULES,
  selectionKernel,
} from "./model/selection/index.js";
export {
  binomial,
  canonicalQuality,
  describeSpace,
  enumerateQualities,
  gridUnits,
  isFiniteSpace,
  type SpaceMembership,
  type SpaceProblem,
  spaceMembership,
  spaceProblemText,
  spaceSize,
  topKQuality,
} from "./model/strategies.js";
export type {
  EffortAllocation,
  Market,
  Producer,
  Production,
  SelectionRule,
  SelectionRuleName,
  StrategySpace,
  StrategySpaceKind,
  Task,
} from "./model/types.js";
export { normalCdf, normalPdf, sigmoid } from "./numeric/normal.js";
export { approxEqual, definitelyGreater, RELATIVE_TOLERANCE } from "./numeric/tolerance.js";
export { decodeUtf8, readTextFile } from "./textFile.js";
