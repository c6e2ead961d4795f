/**
 * Rule against rule: `compareRules` answers one question under several payoff rules,
 * `sweepRules` sweeps it over one or two parameters with change points, `sweepRows`/`comparisonRows`
 * give the tidy long rows of the CSV output.
 */

export type { ChangePoint } from "./change-points.js";
export {
  COMPARE_STATISTICS,
  type CompareOptions,
  type CompareOutcome,
  type CompareQuestion,
  type CompareStatistic,
  type Comparison,
  compareRules,
  type RuleContrast,
  type RuleOutcome,
  ruleChoice,
  WELFARE_RULE,
} from "./question.js";
export {
  type SweepOptions,
  type SweepPoint,
  type SweepReport,
  type SweepRule,
  type SweepTask,
  type SweepWorkEstimate,
  sweepPoint,
  sweepRules,
  sweepWorkEstimate,
} from "./sweep.js";
export {
  axisValues,
  MAX_SWEEP_POINTS,
  parseCompareSweepSpec,
  type SweepAxis,
  sweepGrid,
} from "./sweep-axis.js";
export { applyParameter, randomIncumbents } from "./sweep-parameters.js";
export { comparisonRows, sweepRows, type TidyTable } from "./tidy.js";
export {
  type ChangePointsNote,
  type CompareNote,
  changePointsNoteText,
  compareNoteText,
  type OptimumBasis,
  optimumBasisText,
  sweepWorkText,
} from "./words.js";
