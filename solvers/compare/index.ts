/**
 * Rule against rule (issue 12): `compareRules` answers one question under several payoff rules,
 * `sweepRules` sweeps it over one or two parameters with change points, `sweepRows`/`comparisonRows`
 * give the tidy long rows of the CSV output.
 */
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
  applyParameter,
  axisValues,
  type ChangePoint,
  MAX_SWEEP_POINTS,
  parseCompareSweepSpec,
  randomIncumbents,
  type SweepAxis,
  type SweepOptions,
  type SweepPoint,
  type SweepReport,
  type SweepRule,
  type SweepTask,
  type SweepWorkEstimate,
  sweepGrid,
  sweepPoint,
  sweepRules,
  sweepWorkEstimate,
} from "./sweep.js";
export { comparisonRows, sweepRows, type TidyTable } from "./tidy.js";
