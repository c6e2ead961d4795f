/**
 * The empirical study of real score tables (issue 6; docs/empirical.md): leaderboards under every
 * payoff rule, market entry, model replacement and a noise sweep, with an HTML report and SVG charts.
 *
 * ```ts
 * import { projectSolver, readScoreTable, renderHtmlReport, runEmpiricalStudy } from "modelmarket/empirical";
 * const report = runEmpiricalStudy(readScoreTable("data/mtbench101_task_scores.csv"), {
 *   selection: { rule: "logit", beta: 20 }, normalization: { kind: "scale", max: 10 }, solver: projectSolver,
 * });
 * ```
 */
export { readScoreTable } from "../src/io/scoreTable.js";
export { type SyntheticEntrant, specialistQuality, syntheticEntrants } from "./entrants.js";
export {
  bestModelBudget,
  DEFAULT_SWEEP_POINTS,
  parseEmpiricalSpace,
  parseReplaceSpec,
  parseSweepSpec,
} from "./options.js";
export { argmaxAll, competitionRanks, kendallTau } from "./ranking.js";
export {
  allocationChart,
  kendallSweepChart,
  rankSlopeChart,
  renderHtmlReport,
  renderTextReport,
  TOP_SHOWN,
  welfareSweepChart,
} from "./report.js";
export { type BestResponseOutcome, projectSolver, type StudySolver } from "./solver.js";
export {
  type EmpiricalOptions,
  type EmpiricalReport,
  type EntrantOutcome,
  flatQualities,
  type LeaderboardRow,
  type NoiseSweep,
  type RuleBestResponse,
  type RuleChoice,
  runEmpiricalStudy,
  type SweepPoint,
  type SweepReport,
  studyRules,
  sweepValues,
} from "./study.js";
export {
  type BarGroup,
  escapeXml,
  formatTick,
  type GroupedBarChartOptions,
  groupedBarChart,
  type LineChartOptions,
  type LineSeries,
  lineChart,
  logTicks,
  niceTicks,
  PALETTE,
  type SlopeChartOptions,
  type SlopeItem,
  slopeChart,
} from "./svg.js";
