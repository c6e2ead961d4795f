/**
 * Tidy CSV output for plotting, written with csv-stringify so that names with commas or quotes are
 * quoted correctly; missing values are empty cells. Two forms: one row per model x task x statistic
 * (ratings, calibrate) and the tables of `compare` (their own columns).
 */
import { createRequire } from "node:module";
import type { TidyRow } from "../empirical/ratings/leaderboard.js";
import type { TidyTable } from "../solvers/index.js";

type Stringify = typeof import("csv-stringify/sync").stringify;
let loaded: Stringify | undefined;

/** csv-stringify, required on the first CSV written: most runs print no CSV, so start-up skips it. */
function stringify(...args: Parameters<Stringify>): ReturnType<Stringify> {
  loaded ??= (createRequire(import.meta.url)("csv-stringify/sync") as { stringify: Stringify }).stringify;
  return loaded(...args);
}

/** Columns of the tidy CSV, in order. */
export const TIDY_COLUMNS = ["model", "task", "statistic", "value", "lower", "upper"] as const;

/**
 * A number for a tidy row's `value`, `lower` or `upper`: itself when finite, else `null` (an empty
 * cell), as the JSON writes an infinite end (a noise refit on its infinite boundary; docs/reference.md,
 * "Output forms").
 *
 * @throws nothing
 * @example
 * finiteOrEmpty(Infinity); // null
 */
export function finiteOrEmpty(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Renders tidy rows as CSV text with a header (numbers in full precision).
 *
 * @example
 * tidyCsv([{ model: "A", task: "overall", statistic: "elo", value: 1010, lower: 990, upper: 1030 }]);
 * // "model,task,statistic,value,lower,upper\nA,overall,elo,1010,990,1030\n"
 */
export function tidyCsv(rows: readonly TidyRow[]): string {
  return stringify(
    rows.map((r) => ({ ...r, value: r.value ?? "", lower: r.lower ?? "", upper: r.upper ?? "" })),
    { header: true, columns: [...TIDY_COLUMNS] },
  );
}

/**
 * A tidy table of `compare` (columns and rows of its own) as CSV text (RFC 4180 quoting; numbers in
 * JavaScript's shortest round-trip form, `null` as an empty cell).
 *
 * @example
 * tidyTableCsv({ columns: ["rule", "value"], rows: [["winrate", 0.5]] }); // "rule,value\nwinrate,0.5\n"
 */
export function tidyTableCsv(t: TidyTable): string {
  return stringify([t.columns, ...t.rows.map((r) => r.map((v) => (v === null ? "" : v)))], {
    cast: { number: (x) => String(x) },
  });
}
