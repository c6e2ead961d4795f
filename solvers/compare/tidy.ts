/**
 * Tidy ("long") rows of a sweep or a comparison: one row per point x rule x statistic, with the swept
 * parameters as columns, the form pandas (`pd.read_csv`), R (`read.csv`) and spreadsheets plot
 * directly (Wickham, "Tidy Data", Journal of Statistical Software 59(10), 2014).
 */
import { COMPARE_STATISTICS, type Comparison } from "./question.js";
import type { SweepReport } from "./sweep.js";

/** Column names and rows; a cell is a number, a string, or `null` (undefined statistic). */
export interface TidyTable {
  columns: string[];
  rows: Array<Array<string | number | null>>;
}

/**
 * The tidy rows of a sweep: columns `point`, one per swept parameter, `rule`, `statistic`, `value`.
 * Rules are the compared rules then `welfare` (the welfare-optimal choice).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * const rep = await sweepRules(market, { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } },
 *   ["winrate"], [{ name: "weight.law", from: 0, to: 1, points: 3 }]);
 * const t = sweepRows(rep);
 * t.columns; // ["point", "weight.law", "rule", "statistic", "value"]
 */
export function sweepRows(report: SweepReport): TidyTable {
  const columns = ["point", ...report.axes.map((a) => a.name), "rule", "statistic", "value"];
  const rows: TidyTable["rows"] = [];
  report.points.forEach((p, k) => {
    for (const r of [...p.rules, p.welfare]) {
      for (const s of COMPARE_STATISTICS) rows.push([k, ...p.values, r.rule, s, r.stats[s]]);
    }
  });
  return { columns, rows };
}

/**
 * The tidy rows of one comparison: columns `rule`, `statistic`, `value`.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * const c = compareRules(market, { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } },
 *   ["winrate", "weighted-winrate"]);
 * comparisonRows(c).rows[0]; // ["winrate", "outcomes", 1]
 */
export function comparisonRows(c: Comparison): TidyTable {
  const rows: TidyTable["rows"] = [];
  for (const r of [...c.rules, c.welfare]) {
    for (const s of COMPARE_STATISTICS) rows.push([r.rule, s, r.stats[s]]);
  }
  return { columns: ["rule", "statistic", "value"], rows };
}
