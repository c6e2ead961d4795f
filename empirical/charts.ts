/**
 * The four SVG charts of the empirical report (leaderboard slopes, welfare and Kendall tau along the
 * noise sweep, the entrants' effort allocations) and the number formats the HTML and text reports
 * share with them.
 */
import { fixed } from "../src/numeric/format.js";
import { approxEqual } from "../src/numeric/tolerance.js";
import type { EmpiricalReport, LeaderboardRow } from "./study-types.js";
import { groupedBarChart, type LineSeries, lineChart, PALETTE, slopeChart } from "./svg.js";

/** Models shown in the slope chart and the text leaderboard when the table is large. */
export const TOP_SHOWN = 20;

/** The order in which leaderboards are compared (those present in the report). */
const SLOPE_ORDER = [
  "average-score",
  "pairwise-winrate",
  "winrate",
  "weighted-winrate",
  "weighted-pairwise-winrate",
  "marginal-contribution",
];

/**
 * Leaderboards drawn in the slope chart: marginal contribution is left out (under noisy selection
 * its ranking is close to reversed, which turns the chart into a tangle; it stays in the tables).
 */
const SLOPE_EXCLUDED = ["marginal-contribution"];

/** Short names of the built-in rules for chart legends and wide tables. */
export const RULE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  winrate: "WR",
  "pairwise-winrate": "PWR",
  "weighted-winrate": "WWR",
  "weighted-pairwise-winrate": "WPWR",
  "marginal-contribution": "MC",
  "average-score": "AVG",
};

/** The abbreviation of a rule name (the name itself for user rules). */
export function ab(rule: string): string {
  return RULE_ABBREVIATIONS[rule] ?? rule;
}

/** A number with `d` decimals as every text output prints it (`fixed`: no `-0`, `-` when missing). */
export function fx(x: number | null | undefined, d = 4): string {
  return fixed(x, d);
}

export function signed(x: number): string {
  return x > 0 ? `+${x}` : String(x);
}

export function slopeColumns(report: EmpiricalReport): string[] {
  const ordered = SLOPE_ORDER.filter((r) => report.rules.includes(r));
  for (const r of report.rules) if (!ordered.includes(r)) ordered.push(r);
  return ordered;
}

/** The names of the tasks a quality vector covers (quality above 1e-9), in task order. */
export function coveredTasks(report: EmpiricalReport, quality: readonly number[]): string[] {
  return quality.map((x, t) => (x > 1e-9 ? report.tasks[t]!.name : "")).filter((s) => s !== "");
}

/** Rows in the order of the average-score leaderboard (ties by table order). */
export function byAverage(report: EmpiricalReport): LeaderboardRow[] {
  return report.leaderboards.rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => a.row.ranks["average-score"]! - b.row.ranks["average-score"]! || a.i - b.i)
    .map((x) => x.row);
}

/**
 * The slope chart of rank shifts between leaderboards: the `TOP_SHOWN` best models by average score
 * (all when there are fewer), their ranks under each rule.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * rankSlopeChart(report); // "<svg ..."
 */
export function rankSlopeChart(report: EmpiricalReport): string {
  const columns = slopeColumns(report).filter((r) => !SLOPE_EXCLUDED.includes(r));
  const shown = byAverage(report).slice(0, TOP_SHOWN);
  const n = report.leaderboards.rows.length;
  return slopeChart({
    title: `Rank under each leaderboard (${shown.length < n ? `top ${shown.length} of ${n} by average score` : `all ${n} models`}; 1 = best)`,
    columns,
    items: shown.map((row) => ({ label: row.name, ranks: columns.map((r) => row.ranks[r]!) })),
  });
}

/**
 * Welfare against noise: for each rule, `U` after the synthetic entrant that rule picks (and, with a
 * space, after its best-response entrant), with `U` without entry, `U_single` and `U_perfect` dashed.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * welfareSweepChart(report); // "<svg ..." (empty string without a sweep)
 */
export function welfareSweepChart(report: EmpiricalReport): string {
  const sw = report.sweep;
  if (sw === null) return "";
  // rules whose picks give the same welfare at every point share one line
  const groups: Array<{ rules: string[]; values: number[] }> = [];
  for (const rule of report.rules) {
    const values = sw.points.map((p) => p.entrantWelfare[rule]!);
    const same = groups.find((g) => g.values.every((v, k) => approxEqual(v, values[k]!, 1)));
    if (same) same.rules.push(rule);
    else groups.push({ rules: [rule], values });
  }
  const series: LineSeries[] = groups.map((g) => ({
    name: `entrant picked by ${g.rules.map(ab).join(", ")}`,
    points: sw.points.map((p, k) => [p.value, g.values[k]!] as [number, number]),
    color: PALETTE[report.rules.indexOf(g.rules[0]!) % PALETTE.length]!,
  }));
  series.push(
    {
      name: "no entry (U)",
      points: sw.points.map((p) => [p.value, p.welfare] as [number, number]),
      color: "#000000",
      dashed: true,
    },
    {
      name: "single best model",
      points: sw.points.map((p) => [p.value, p.single] as [number, number]),
      color: "#999999",
      dashed: true,
    },
    {
      name: "perfect aggregation",
      points: sw.points.map((p) => [p.value, p.perfect] as [number, number]),
      color: "#332288",
      dashed: true,
    },
  );
  return lineChart({
    title: "Consumer welfare against noise (synthetic entrant chosen by each rule)",
    xLabel:
      sw.parameter === "beta"
        ? "beta (logit; larger = less noise), log scale"
        : "eps (epsilon; larger = more noise)",
    yLabel: "welfare U",
    logX: sw.parameter === "beta",
    series,
  });
}

/**
 * Rank agreement against noise: Kendall tau-b of each leaderboard against winrate's.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * kendallSweepChart(report);
 */
export function kendallSweepChart(report: EmpiricalReport): string {
  const sw = report.sweep;
  if (sw === null) return "";
  const series: LineSeries[] = report.rules
    .filter((r) => r !== "winrate")
    .map((rule) => ({
      name: `${ab(rule)} (${rule})`,
      points: sw.points.map((p) => [p.value, p.kendallVsWinrate[rule] ?? Number.NaN] as [number, number]),
      color: PALETTE[report.rules.indexOf(rule) % PALETTE.length]!,
    }));
  return lineChart({
    title: "Agreement with the winrate leaderboard (Kendall tau-b)",
    xLabel: sw.parameter === "beta" ? "beta (logit), log scale" : "eps (epsilon)",
    yLabel: "Kendall tau vs winrate",
    logX: sw.parameter === "beta",
    series,
  });
}

/**
 * The entrant's quality per task under each rule: the best response over the study's space when there
 * is one, otherwise the synthetic entrant each rule picks.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * allocationChart(report);
 */
export function allocationChart(report: EmpiricalReport): string {
  const br = report.entry.bestResponse;
  const categories = report.tasks.map((t) => t.name);
  const groups = br
    ? br.perRule.map((r) => ({ name: r.rule, values: r.quality.map((x, t) => x / report.tasks[t]!.cap) }))
    : report.entry.synthetic.choices.map((ch) => {
        const cand = report.entry.synthetic.candidates.find((c) => c.name === ch.choice)!;
        return {
          name: `${ch.rule} → ${ch.choice}`,
          values: cand.quality.map((x, t) => x / report.tasks[t]!.cap),
        };
      });
  return groupedBarChart({
    title: br
      ? `Entrant's best response per task under each rule (${br.space})`
      : "Entrant's quality per task: the synthetic entrant each rule picks",
    categories,
    groups,
    yLabel: "quality / cap",
    yRange: [0, 1.05],
  });
}
