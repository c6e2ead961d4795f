/**
 * Tidy CSV output (one row per model x task x statistic) for plotting, written with csv-stringify so
 * that names with commas or quotes are quoted correctly. Missing values are empty cells.
 */
import { stringify } from "csv-stringify/sync";

/** A row of the tidy form. */
export interface TidyCsvRow {
  model: string;
  task: string;
  statistic: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/** Columns of the tidy CSV, in order. */
export const TIDY_COLUMNS = ["model", "task", "statistic", "value", "lower", "upper"] as const;

/**
 * Renders tidy rows as CSV text with a header (numbers in full precision).
 *
 * @example
 * tidyCsv([{ model: "A", task: "overall", statistic: "elo", value: 1010, lower: 990, upper: 1030 }]);
 * // "model,task,statistic,value,lower,upper\nA,overall,elo,1010,990,1030\n"
 */
export function tidyCsv(rows: readonly TidyCsvRow[]): string {
  return stringify(
    rows.map((r) => ({ ...r, value: r.value ?? "", lower: r.lower ?? "", upper: r.upper ?? "" })),
    { header: true, columns: [...TIDY_COLUMNS] },
  );
}
