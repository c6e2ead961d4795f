/**
 * The self-contained HTML report of `modelmarket compare --report FILE.html`: for a sweep, welfare and
 * specialisation against the swept parameter, one line per rule, with the change points marked; for a
 * single comparison, the chosen quality vectors per rule as grouped bars. Charts come from the
 * empirical study's SVG helpers (empirical/svg.ts); output is deterministic for a given report.
 */
import { escapeXml as e, groupedBarChart, type LineSeries, lineChart, PALETTE } from "../empirical/svg.js";
import {
  COMPARE_STATISTICS,
  type CompareStatistic,
  type Comparison,
  changePointsNoteText,
  optimumBasisText,
  type SweepReport,
  WELFARE_RULE,
} from "../solvers/index.js";
import { formatSelection } from "../src/model/selection/index.js";
import type { Market } from "../src/model/types.js";

const CSS = `
body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; max-width: 1180px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 18px; border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 28px; }
p, li { line-height: 1.45; font-size: 14px; }
table { border-collapse: collapse; font-size: 12px; margin: 8px 0 16px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: right; white-space: nowrap; }
th { background: #f2f2f2; }
td:first-child, th:first-child, td.l { text-align: left; }
.chart svg { max-width: 100%; height: auto; }
`;

function fx(x: number | null, digits = 4): string {
  return x === null || !Number.isFinite(x) ? "-" : x.toFixed(digits);
}

function page(title: string, body: string[]): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${e(title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>${e(title)}</h1>`,
    ...body,
    "</body></html>",
    "",
  ].join("\n");
}

function htmlTable(headers: string[], rows: string[][]): string {
  return [
    "<table><thead><tr>",
    headers.map((h) => `<th>${e(h)}</th>`).join(""),
    "</tr></thead><tbody>",
    ...rows.map((r) => `<tr>${r.map((c, k) => `<td${k === 1 ? ' class="l"' : ""}>${c}</td>`).join("")}</tr>`),
    "</tbody></table>",
  ].join("\n");
}

/** The statistics' columns, headed by their JSON names as the text report and `--csv` name them. */
const STAT_HEADERS = COMPARE_STATISTICS.filter((s) => s !== "outcomes");

/**
 * The report of one comparison: the statistics table and the chosen quality vectors per rule as
 * grouped bars (one cluster per task, one bar per rule and chosen outcome).
 *
 * @example
 * writeFileAtomic("compare.html", comparisonHtml("m.json", market, compareRules(market, q, rules)));
 */
export function comparisonHtml(file: string, market: Market, c: Comparison): string {
  const groups: Array<{ name: string; values: number[] }> = [];
  for (const r of [...c.rules, c.welfare]) {
    const shown = r.outcomes.slice(0, 3);
    shown.forEach((o, k) => {
      o.qualities.forEach((q, j) => {
        const who = o.qualities.length > 1 ? ` ${o.producers[j]}` : "";
        const which = r.outcomes.length > 1 ? ` #${k + 1}` : "";
        groups.push({ name: `${r.rule}${which}${who}${o.mixed ? " (expected)" : ""}`, values: q });
      });
    });
  }
  const rows = [...c.rules, c.welfare].map((r) => [
    e(r.rule === WELFARE_RULE ? "(welfare optimum)" : r.rule),
    e(r.outcomes.map((o) => o.label).join("; ") || "(none)"),
    ...STAT_HEADERS.map((s) => fx(r.stats[s])),
    r.complete ? "yes" : "no",
  ]);
  const dis = c.disagreements.map(
    (d) =>
      `<li>${e(d.rules[0])} vs ${e(d.rules[1])}: higher welfare <b>${e(d.higherWelfare)}</b> (U(${e(d.rules[0])}) - U(${e(d.rules[1])}) from ${fx(d.welfareGapMin)} to ${fx(d.welfareGapMax)})</li>`,
  );
  return page(`modelmarket compare: ${file}`, [
    `<p>Selection <b>${e(formatSelection(market.selection))}</b>; question: <b>${e(c.question.kind)}</b>. Welfare optimum U<sub>opt</sub> = ${fx(c.welfareOptimum)} (${c.welfareOptimumExact ? "exact" : "not proven"}): ${e(optimumBasisText(c.welfareOptimumBasis, c.welfare.note))}.</p>`,
    htmlTable(["rule", "chosen", ...STAT_HEADERS, "complete"], rows),
    `<h2>Where the rules disagree</h2>`,
    dis.length === 0 ? "<p>The rules agree.</p>" : `<ul>${dis.join("\n")}</ul>`,
    "<h2>Chosen quality vectors</h2>",
    `<div class="chart">${groupedBarChart({
      title: "Chosen quality per task, by rule",
      categories: market.tasks.map((t) => t.name),
      groups,
      yLabel: "quality",
    })}</div>`,
  ]);
}

/**
 * The report of a sweep: per second-axis value (up to six), welfare and specialisation against the
 * first swept parameter, one line per rule (the best outcome solid; the worst dashed where tied
 * outcomes differ), the change points as dotted vertical lines; then the change-point table.
 *
 * @example
 * writeFileAtomic("sweep.html", sweepHtml("m.json", market, await sweepRules(market, q, rules, axes)));
 */
// Over 80 lines: an HTML template written in document order (charts per second-axis value, then the change-point table).
export function sweepHtml(file: string, market: Market, rep: SweepReport): string {
  const x = rep.axes[0]!;
  const y = rep.axes[1];
  const names = [...rep.rules, WELFARE_RULE];
  const colour = (rule: string) => PALETTE[names.indexOf(rule) % PALETTE.length]!;
  const yValues = y === undefined ? [undefined] : [...new Set(rep.points.map((p) => p.values[1]!))];
  const shownY =
    yValues.length <= 6
      ? yValues
      : Array.from({ length: 6 }, (_, k) => yValues[Math.round((k * (yValues.length - 1)) / 5)]);
  const body: string[] = [
    `<p>Question: <b>${e(rep.question.kind)}</b>; base selection ${e(formatSelection(market.selection))}; swept ${rep.axes.map((a) => `<b>${e(a.name)}</b> from ${a.from} to ${a.to} (${a.points} points)`).join(" × ")}. Rules: ${rep.rules.map(e).join(", ")}; "welfare" is the welfare-optimal choice.</p>`,
  ];
  if (yValues.length > shownY.length)
    body.push(`<p>${yValues.length} values of ${e(y!.name)}: six shown, evenly spaced.</p>`);
  for (const yv of shownY) {
    const pts = rep.points.filter((p) => yv === undefined || p.values[1] === yv);
    const chart = (stat: "welfare" | "specialisation", label: string) => {
      const series: LineSeries[] = [];
      for (const rule of names) {
        const get = (s: CompareStatistic) =>
          pts.map((p): [number, number] => {
            const r = rule === WELFARE_RULE ? p.welfare : p.rules.find((q) => q.rule === rule)!;
            const v = r.stats[s];
            return [p.values[0]!, v === null ? Number.NaN : v];
          });
        const hi = get(`${stat}Max`);
        const lo = get(`${stat}Min`);
        series.push({ name: rule, points: hi, color: colour(rule), markers: pts.length <= 60 });
        if (lo.some((p, k) => p[1] !== hi[k]![1]))
          series.push({ name: `${rule} (worst tied)`, points: lo, color: colour(rule), dashed: true });
      }
      const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => Number.isFinite(v));
      if (ys.length === 0) return `<p>${e(label)}: no outcome at any point (nothing to draw).</p>`;
      const y0 = Math.min(...ys);
      const y1 = Math.max(...ys);
      if (yv === undefined) {
        for (const cp of rep.changePoints) {
          series.push({
            name: `${cp.rule} changes at ${Number(cp.value.toPrecision(6))}`,
            points: [
              [cp.value, y0],
              [cp.value, y1],
            ],
            color: colour(cp.rule),
            dashed: true,
          });
        }
      }
      // an explicit range with a floor on its width: values equal up to rounding (1 and
      // 1 - 2e-16) would otherwise ask the tick helper for ticks over a range of 1e-16
      const pad = Math.max((y1 - y0) * 0.05, 0.01 * Math.max(1, Math.abs(y1)));
      return `<div class="chart">${lineChart({
        title: `${label}${y !== undefined ? ` (${y.name} = ${Number(yv!.toPrecision(6))})` : ""}`,
        xLabel: x.name,
        yLabel: label,
        series,
        yRange: [y0 - pad, y1 + pad],
      })}</div>`;
    };
    body.push(
      chart("welfare", "consumer welfare U"),
      chart("specialisation", "specialisation index of the choosing producers"),
    );
  }
  body.push(
    "<h2>Change points</h2>",
    `<p>${e(changePointsNoteText(rep.changePointsNote))}</p>`,
    rep.changePoints.length === 0
      ? "<p>None.</p>"
      : htmlTable(
          ["rule", "parameter", "value", "lower", "upper", "before", "after"],
          rep.changePoints.map((c) => [
            e(c.rule),
            e(c.parameter),
            String(c.value),
            String(c.lower),
            String(c.upper),
            e(c.before),
            e(c.after),
          ]),
        ),
    `<p>Statistics per point: ${COMPARE_STATISTICS.map(e).join(", ")} (in the JSON and CSV outputs).</p>`,
  );
  return page(`modelmarket compare sweep: ${file}`, body);
}
