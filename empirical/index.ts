/**
 * The empirical study of real score tables (docs/empirical.md): leaderboards under every
 * payoff rule, market entry, model replacement and a noise sweep, with an HTML report and SVG charts;
 * and from pairwise judgements (docs/pairwise.md): Bradley-Terry / Elo ratings, the noise
 * fitted to the judgements, and seeded bootstrap intervals.
 *
 * ```ts
 * import { projectSolver, readScoreTable, renderHtmlReport, runEmpiricalStudy } from "modelmarket/empirical";
 * const report = runEmpiricalStudy(readScoreTable("data/mtbench101_task_scores.csv"), {
 *   selection: { rule: "logit", beta: 20 }, normalization: { kind: "scale", max: 10 }, solver: projectSolver,
 * });
 * ```
 */
export {
  type PairwiseCell,
  type PairwiseData,
  type PairwiseWarning,
  pairwiseWarningText,
  parsePairwise,
  type ReadPairwiseOptions,
  readPairwise,
  wildbenchReward,
} from "../src/io/pairwise.js";
export { readScoreTable } from "../src/io/scoreTable.js";
export {
  type BootstrapSpec,
  bootstrapReplicate,
  DEFAULT_MAX_REPLICATES,
  type ReplicateResult,
  resamplePairwise,
} from "./bootstrap.js";
export {
  type BootstrapSummary,
  bootstrapWorkEstimate,
  checkReplicates,
  quantile,
  runBootstrap,
  summariseBootstrap,
} from "./bootstrap-summary.js";
export {
  type CalibrationReport,
  type CalibrationWarning,
  calibrateNoise,
  calibrationWarningText,
  describeNoiseValue,
  fitNoise,
  type NoiseFit,
  type NoiseIntervalReason,
  type NoiseModel,
  type NoiseObservations,
  noiseIntervalReasonText,
  noiseObservations,
} from "./calibrate.js";
export { type SyntheticEntrant, specialistQuality, syntheticEntrants } from "./entrants.js";
export { parseFittedSelection, selectionFromFit } from "./fitted.js";
export {
  bestModelBudget,
  DEFAULT_SWEEP_POINTS,
  parseEmpiricalSpace,
  parseReplaceSpec,
  parseSweepSpec,
} from "./options.js";
export { argmaxAll, competitionRanks, kendallTau } from "./ranking.js";
export { bcaInterval, ratingAccelerations } from "./ratings/bca.js";
export { fitBradleyTerry, fitBradleyTerryMM } from "./ratings/bradley-terry.js";
export { type Comparisons, comparisonsFrom, existence } from "./ratings/comparisons.js";
export { componentsOf } from "./ratings/components.js";
export {
  type Coefficient,
  type ControlledFit,
  fitControlledBradleyTerry,
} from "./ratings/controlled.js";
export {
  COVERAGE_DESIGNS,
  type CoverageDesign,
  type CoverageRow,
  coverageStudy,
  simulateDesign,
} from "./ratings/coverage.js";
export { davidsonReason, fitDavidson } from "./ratings/davidson.js";
export {
  type LengthControlledOptions,
  type LengthControlledResult,
  type LengthControlledRow,
  lengthControlledFromWeights,
  lengthControlledWinRates,
} from "./ratings/lc-glm.js";
export {
  groupRanks,
  type RatingTable,
  ratingFitMemory,
  ratingLeaderboards,
  type TidyRow,
  tidyRatings,
} from "./ratings/leaderboard.js";
export { type CalibratedRank, calibratedRankIntervals } from "./ratings/rank-calibrated.js";
export { loadSeparationSolver, separatingDirection } from "./ratings/separation.js";
export { DENSE_MODEL_LIMIT, MAX_RATED_MODELS } from "./ratings/sparse.js";
export {
  type Anchor,
  ELO_BASE,
  ELO_PER_LOGIT,
  type FitAnchor,
  type LengthControlledReason,
  type MleReason,
  type PriorPolicy,
  type PriorReason,
  type RatingFit,
  type RatingOptions,
  type StandardErrorNote,
} from "./ratings/types.js";
export { wilson, winrates } from "./ratings/winrate.js";
export {
  anchorText,
  lengthControlledReasonText,
  mleReasonText,
  priorReasonText,
  standardErrorNoteText,
} from "./ratings/words.js";
export {
  allocationChart,
  kendallSweepChart,
  rankSlopeChart,
  renderHtmlReport,
  renderTextReport,
  TOP_SHOWN,
  welfareSweepChart,
} from "./report.js";
export {
  describeResample,
  parseResample,
  type ResampleScheme,
} from "./resample.js";
export { flatQualities, studyRules } from "./setup.js";
export { type BestResponseOutcome, projectSolver, type StudySolver } from "./solver.js";
export { runEmpiricalStudy } from "./study.js";
export type {
  EmpiricalOptions,
  EmpiricalReport,
  EntrantOutcome,
  LeaderboardRow,
  NoiseSweep,
  RuleBestResponse,
  RuleChoice,
  SweepPoint,
  SweepReport,
} from "./study-types.js";
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
export { sweepValues } from "./sweep.js";
