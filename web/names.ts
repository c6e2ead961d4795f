/**
 * The column headers and axis labels of the ratings and design views: each the name that
 * `modelmarket ... --json` gives the quantity and the CLI prints above it (docs/reference.md "Names"),
 * so a number read off the page can be found in the JSON and the printed tables under the same name.
 * An interval is `lower..upper` as the CLI prints it; a number the page derives from JSON fields is
 * the formula in their names (`elo ± 1.96 eloStandardErrors`). Captions stay in words. No imports: the
 * views and the names test (test/web/names.test.ts) read these.
 */

/** The ratings table: the CLI's `ratings --bootstrap` columns in its order, then `judgements`. */
export const RATING_COLUMNS = [
  "rank",
  "model",
  "rating",
  "standardError",
  "elo",
  "eloLower..eloUpper",
  "winrate",
  "winrate.lower..upper",
  "pairwiseWinrate",
  "bootstrap.rating.lower..upper",
  "bootstrap.rank.lower..upper",
  "judgements",
] as const;

/** The forest plots' axis (the ratings' and the controlled ratings'). */
export const ELO_AXIS = "elo";

/**
 * The controlled ratings (`--json`'s `controlled`, one array entry per model), the raw Elo of the
 * ratings table beside them (`ratings[k].rows[i].elo` of task overall) and the two derived columns;
 * the logit ratings are `controlled.ratings`, as `ratings` alone is the JSON's list of rating tables.
 */
export const CONTROLLED_COLUMNS = [
  "model",
  "elo",
  "elo ± 1.96 eloStandardErrors",
  "ratings.rows.elo",
  "ratings.rows.elo − elo",
  "controlled.ratings",
  "standardErrors",
] as const;

/** The controlled fit's covariates (`controlled.coefficients[i]`). */
export const COEFFICIENT_COLUMNS = [
  "name",
  "estimate",
  "standardError",
  "estimate ± 1.96 standardError",
] as const;

/** AlpacaEval's length-controlled win rates (`lengthControlled.rows[i]`). */
export const LENGTH_CONTROLLED_COLUMNS = [
  "model",
  "winRate",
  "lengthControlledWinRate",
  "lcStandardError",
  "lengthSlope",
  "judgements",
] as const;

/** The calibrated noise per task, as `modelmarket calibrate` prints it (`beta` or `sigma`). */
export function calibrationColumns(parameter: string): string[] {
  return ["task", parameter, "lower..upper"];
}

/** The profile log-likelihood against the parameter: the curve, relative to its maximum. */
export const PROFILE_AXIS = "logLikelihood − pooled.logLikelihood";

/** The profile's table: the parameter and the curve. */
export function profileColumns(parameter: string): string[] {
  return [parameter, PROFILE_AXIS];
}

/** The design view's regions of equal response (`modelmarket design`), headed by the family's parameter. */
export function regionColumns(parameter: string): string[] {
  return [parameter, "response", "welfareWorst", "welfareBest", "optimal"];
}

/** The design view's welfare chart: the regions' worst and best welfare against the parameter. */
export const WELFARE_AXIS = "welfareWorst, welfareBest";

/** A response's outcomes: the responder's quality per task (the task names) and the welfare. */
export function outcomeColumns(tasks: readonly string[]): string[] {
  return ["response", ...tasks, "welfare"];
}
