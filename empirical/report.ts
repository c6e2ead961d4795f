/**
 * Rendering an `EmpiricalReport`: a self-contained HTML page (inline CSS and SVG charts, no scripts,
 * no external resources, no timestamps) and a plain-text summary for the terminal.
 */
import { approxEqual } from "../src/numeric/tolerance.js";
import { pairwiseHtml, pairwiseTextLines } from "./report-pairwise.js";
import type { EmpiricalReport, LeaderboardRow } from "./study.js";
import { escapeXml, groupedBarChart, type LineSeries, lineChart, PALETTE, slopeChart } from "./svg.js";

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
function ab(rule: string): string {
  return RULE_ABBREVIATIONS[rule] ?? rule;
}

function fx(x: number | null | undefined, d = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const s = x.toFixed(d);
  return s.startsWith("-") && Number(s) === 0 ? s.slice(1) : s;
}

function signed(x: number): string {
  return x > 0 ? `+${x}` : String(x);
}

function slopeColumns(report: EmpiricalReport): string[] {
  const ordered = SLOPE_ORDER.filter((r) => report.rules.includes(r));
  for (const r of report.rules) if (!ordered.includes(r)) ordered.push(r);
  return ordered;
}

/** Rows in the order of the average-score leaderboard (ties by table order). */
function byAverage(report: EmpiricalReport): LeaderboardRow[] {
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

function table(head: string[], rows: string[][], cls = ""): string {
  const th = head.map((h) => `<th>${h}</th>`).join("");
  const tr = rows.map((r) => `<tr>${r.map((x) => `<td>${x}</td>`).join("")}</tr>`).join("\n");
  return `<table${cls ? ` class="${cls}"` : ""}><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

const e = escapeXml;

const CSS = `
body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; max-width: 1180px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 18px; border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 32px; }
h3 { font-size: 15px; margin-top: 20px; }
p, li { line-height: 1.45; font-size: 14px; }
.meta { color: #555; font-size: 13px; }
table { border-collapse: collapse; font-size: 12px; margin: 8px 0 16px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: right; white-space: nowrap; }
th { background: #f2f2f2; }
td:first-child, th:first-child { text-align: left; }
td.l, th.l { text-align: left; }
.up { color: #0a7d2c; } .down { color: #b3261e; }
.scroll { max-height: 520px; overflow: auto; border: 1px solid #eee; }
.chart { margin: 12px 0; }
.chart svg { max-width: 100%; height: auto; }
`;

function shiftCell(value: number, rank: number, shift: number, showShift: boolean): string {
  const s =
    showShift && shift !== 0 ? ` <span class="${shift > 0 ? "up" : "down"}">${signed(shift)}</span>` : "";
  return `${fx(value)} (${rank}${s})`;
}

/**
 * The self-contained HTML report: summary, leaderboards with rank shifts, entry, replacement and the
 * noise sweep, with the four charts inline. Deterministic for a given report.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * renderHtmlReport(report).slice(0, 15); // "<!DOCTYPE html>"
 */
export function renderHtmlReport(report: EmpiricalReport): string {
  const w = report.welfare;
  const parts: string[] = [];
  const title = `modelmarket empirical: ${report.source.file ?? "score table"}`;
  parts.push(
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${e(title)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>${e(title)}</h1>`,
    `<p class="meta">${report.source.comments.map((x) => e(x)).join("<br>")}</p>`,
    `<p>${report.source.models} models × ${report.tasks.length} tasks; normalisation <b>${e(report.source.normalization)}</b>; selection rule <b>${e(report.selection)}</b>; payoff rules: ${report.rules.map((r) => `${e(r)} (${e(ab(r))})`).join(", ")}.</p>`,
    `<p>Consumer welfare with every model in the market: <b>U = ${fx(w.U)}</b>; perfect aggregation U<sub>perfect</sub> = ${fx(w.perfect)}; the single best model (${e(w.singleBest)}) alone U<sub>single</sub> = ${fx(w.single)}. Aggregation ${w.U >= w.single ? "beats" : "loses to"} committing to the single best model by ${fx(Math.abs(w.U - w.single))}.</p>`,
  );
  parts.push(
    "<h3>Tasks</h3>",
    table(
      ["task", "weight", "cap", "U_t / cap"],
      report.tasks.map((t, k) => [e(t.name), fx(t.weight), fx(t.cap, 3), fx(w.perTask[k]! / t.cap)]),
    ),
  );

  // leaderboards
  const cols = slopeColumns(report);
  parts.push(
    "<h2>1. Leaderboards under every payoff rule</h2>",
    "<p>Each cell: payoff (rank, with the change relative to the <b>winrate</b> leaderboard: green = climbs). The last column is the rank change from average-score to weighted winrate. Rows in average-score order.</p>",
    '<div class="scroll">',
    table(
      ["model", "raw mean", ...cols.map((r) => e(ab(r))), "AVG→WWR"],
      byAverage(report).map((row) => [
        e(row.name),
        fx(row.rawMean, 3),
        ...cols.map((r) =>
          shiftCell(row.payoffs[r]!, row.ranks[r]!, row.shiftVsWinrate[r]!, r !== "winrate"),
        ),
        row.shiftVsAverage["weighted-winrate"] === 0 ? "0" : signed(row.shiftVsAverage["weighted-winrate"]!),
      ]),
    ),
    "</div>",
    "<h3>Rank correlation between leaderboards (Kendall tau-b)</h3>",
    table(
      ["", ...cols.map(e)],
      cols.map((a) => [e(a), ...cols.map((b) => fx(report.leaderboards.kendall[a]![b], 3))]),
    ),
    `<div class="chart">${rankSlopeChart(report)}</div>`,
    `<p class="meta">Marginal contribution is left out of the chart (under noisy selection its ranking is close to reversed); see its column above.</p>`,
  );

  // entry
  const syn = report.entry.synthetic;
  const gainOrder = report.entry.incumbentsAsEntrants
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.welfareGain - a.r.welfareGain || a.i - b.i);
  parts.push(
    "<h2>2. Market entry</h2>",
    "<h3>Each model as an entrant against all the others</h3>",
    "<p>Welfare gain = U(all) − U(all but the model). Alignment = Kendall tau between a rule's payoffs and the welfare gains (1: the rule ranks entrants exactly by what they add for consumers).</p>",
    table(
      ["rule", "alignment with welfare gain"],
      report.rules.map((r) => [e(r), fx(report.entry.alignmentWithWelfare[r], 3)]),
    ),
    '<div class="scroll">',
    table(
      ["model", "welfare gain", ...report.rules.map((r) => e(ab(r)))],
      gainOrder.map(({ r }) => [
        e(r.name),
        fx(r.welfareGain, 5),
        ...report.rules.map((x) => fx(r.payoffs[x])),
      ]),
    ),
    "</div>",
    "<h3>Synthetic entrants</h3>",
    `<p>Every candidate has the scaled quality budget Σ<sub>t</sub> q<sub>t</sub>/v<sub>t</sub> = ${fx(syn.budget, 3)} of the best incumbent (${e(syn.copied)}). <b>copy</b> duplicates it; <b>specialist</b> fills the worst-served tasks (lowest U<sub>t</sub>/v<sub>t</sub>) to the cap in turn: ${syn.specialistTasks.map(e).join(", ")}; <b>mix-λ</b> = (1−λ) copy + λ specialist. Welfare without entry: ${fx(syn.welfareWithoutEntry)}.</p>`,
    table(
      ["candidate", ...report.rules.map((r) => e(ab(r))), "U after entry"],
      syn.candidates.map((c) => [e(c.name), ...report.rules.map((r) => fx(c.payoffs[r])), fx(c.welfare)]),
    ),
    table(
      ["rule", "picks", "ties", "U after entry"],
      syn.choices.map((ch) => [
        e(ch.rule),
        e(ch.choice),
        ch.tied.length > 1 ? e(ch.tied.join(", ")) : "",
        fx(ch.welfare),
      ]),
    ),
    `<p>Welfare-optimal candidate: <b>${e(syn.welfareOptimal.choice)}</b> (U = ${fx(syn.welfareOptimal.welfare)}).</p>`,
  );
  const br = report.entry.bestResponse;
  if (br !== null) {
    parts.push(
      `<h3>Best-response entrant over ${e(br.space)}</h3>`,
      `<p>Welfare without entry: ${fx(br.welfareWithoutEntry)}. The marginal-contribution row is the welfare-optimal entrant (its best response maximises U). With several maximisers the first is reported, and the range of U over all listed maximisers is shown ("+": the solver stopped listing them).</p>`,
      table(
        [
          "rule",
          "payoff",
          "U after entry",
          "U range over ties",
          "maximisers",
          "exact",
          "gap bound",
          "specialisation",
          "nearest incumbent (L1)",
          "tasks covered",
        ],
        br.perRule.map((r) => [
          e(r.rule),
          fx(r.payoff),
          fx(r.welfare),
          r.maximisers > 1 ? `${fx(r.welfareRange[0])} – ${fx(r.welfareRange[1])}` : "",
          `${r.maximisers}${r.truncated ? "+" : ""}`,
          r.exact ? "yes" : "no",
          fx(r.gapBound, 6),
          fx(r.specialisation, 3),
          fx(r.nearestDistance, 3),
          e(
            r.quality
              .map((x, t) => (x > 1e-9 ? report.tasks[t]!.name : ""))
              .filter((s) => s !== "")
              .join(", "),
          ),
        ]),
        "",
      ),
    );
  }
  parts.push(`<div class="chart">${allocationChart(report)}</div>`);

  // replacement
  const rep = report.replacement;
  if (rep !== null) {
    parts.push(
      "<h2>3. Model replacement</h2>",
      `<p>Each model re-allocates its own total quality across tasks (${e(rep.space)}) to maximise each rule, the others fixed. ΔU is the welfare change; Δd the change in L1 distance to the nearest other model (negative: it moves closer to a competitor, i.e. homogenises); Δspec the change in the specialisation index. Per-model cells: ΔU / Δd.</p>`,
      table(
        ["rule", "mean ΔU", "models lowering U", "mean Δspec", "mean Δd", "models moving closer"],
        rep.summary.map((s) => [
          e(s.rule),
          fx(s.meanWelfareChange, 5),
          `${s.welfareLosses} / ${rep.models.length}`,
          fx(s.meanSpecialisationChange, 3),
          fx(s.meanNearestDistanceChange, 3),
          `${s.movesCloser} / ${rep.models.length}`,
        ]),
      ),
      '<div class="scroll">',
      table(
        ["model", "budget", ...report.rules.map((r) => e(ab(r)))],
        rep.models.map((m) => [
          e(m.name),
          fx(m.budget, 3),
          ...m.perRule.map(
            (r) => `${fx(r.welfare - report.welfare.U, 5)} / ${fx(r.nearestDistance - m.nearestBefore, 2)}`,
          ),
        ]),
      ),
      "</div>",
    );
  }

  // sweep
  const sw = report.sweep;
  if (sw !== null) {
    const s = sw.summary;
    parts.push(
      `<h2>4. Noise sweep over ${sw.parameter} (${sw.points.length} points)</h2>`,
      "<ul>",
      `<li>Winrate and weighted winrate name different top models at <b>${s.topDisagreements}</b> of ${sw.points.length} points, and pick different synthetic entrants at <b>${s.entrantDisagreements}</b> (at ${s.entrantStrictDisagreements} of them no candidate is optimal under both; elsewhere one rule is merely indifferent and its first maximiser is reported).</li>`,
      `<li>U(weighted winrate's entrant) − U(winrate's entrant) ranges from ${fx(s.minEntrantCost.value, 5)} (at ${sw.parameter} = ${fx(s.minEntrantCost.at, 3)}) to ${fx(s.maxEntrantCost.value, 5)} (at ${fx(s.maxEntrantCost.at, 3)}).</li>`,
      s.bestResponseDisagreements === null || s.bestResponseCost === null
        ? ""
        : `<li>Best-response entrants (${e(report.entry.bestResponse?.space ?? "")}): winrate and weighted winrate choose different strategies at <b>${s.bestResponseDisagreements}</b> of ${sw.points.length} points; U(weighted winrate's) − U(winrate's) ranges from ${fx(s.bestResponseCost.min, 5)} to ${fx(s.bestResponseCost.max, 5)}.</li>`,
      `<li>Lowest Kendall tau between the two leaderboards: ${fx(s.minKendallWinrateWeighted.value, 3)} (at ${fx(s.minKendallWinrateWeighted.at, 3)}).</li>`,
      `<li>Aggregation beats the single best model at ${s.aggregationBeatsSingle} of ${sw.points.length} points; ${s.crossover === null ? "it never does so from some noise level on" : `from ${sw.parameter} = ${fx(s.crossover, 3)} on (towards less noise) U ≥ U<sub>single</sub>`}.</li>`,
      "</ul>",
      `<div class="chart">${welfareSweepChart(report)}</div>`,
      `<div class="chart">${kendallSweepChart(report)}</div>`,
      '<div class="scroll">',
      table(
        [
          sw.parameter,
          "U",
          "U_single",
          "tau(wr, wwr)",
          "top: winrate",
          "top: weighted",
          "entrant: winrate",
          "entrant: weighted",
          "ΔU (wwr − wr)",
        ],
        sw.points.map((p) => [
          fx(p.value, 4),
          fx(p.welfare),
          fx(p.single),
          fx(p.kendallVsWinrate["weighted-winrate"], 3),
          e(p.top.winrate!),
          e(p.top["weighted-winrate"]!),
          e(p.entrantChoice.winrate!),
          e(p.entrantChoice["weighted-winrate"]!),
          fx(p.entrantWelfare["weighted-winrate"]! - p.entrantWelfare.winrate!, 5),
        ]),
      ),
      "</div>",
    );
  }
  parts.push(pairwiseHtml(report), "</body></html>", "");
  return parts.join("\n");
}

function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? "").length)));
  return cells
    .map((r) => r.map((x, j) => (j === 0 ? x.padEnd(widths[j]!) : x.padStart(widths[j]!))).join("  "))
    .join("\n");
}

/**
 * A plain-text summary: welfare, the leaderboards side by side (top `TOP_SHOWN`), the entrant each
 * rule picks, the replacement summary and the sweep summary.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * renderTextReport(report).split("\n")[0];
 */
export function renderTextReport(report: EmpiricalReport): string {
  const w = report.welfare;
  const out: string[] = [];
  out.push(
    `${report.source.file ?? "score table"}: ${report.source.models} models x ${report.tasks.length} tasks, normalisation ${report.source.normalization}, selection ${report.selection}`,
    `welfare U = ${fx(w.U)}   U_perfect = ${fx(w.perfect)}   U_single = ${fx(w.single)} (${w.singleBest})`,
    "",
    ...pairwiseTextLines(report),
  );
  const cols = slopeColumns(report);
  const rows = byAverage(report);
  const shown = rows.slice(0, TOP_SHOWN);
  out.push(
    `Leaderboards: rank under each rule (change vs winrate)${shown.length < rows.length ? `, top ${shown.length} of ${rows.length} by average score` : ""}`,
  );
  out.push(
    pad([
      ["model", ...cols],
      ...shown.map((row) => [
        row.name,
        ...cols.map((r) => {
          const s = row.shiftVsWinrate[r]!;
          return r === "winrate" || s === 0 ? String(row.ranks[r]) : `${row.ranks[r]} (${signed(s)})`;
        }),
      ]),
    ]),
    "",
    `Kendall tau(winrate, weighted-winrate) = ${fx(report.leaderboards.kendall.winrate!["weighted-winrate"], 3)}   tau(winrate, average-score) = ${fx(report.leaderboards.kendall.winrate!["average-score"], 3)}`,
    "",
  );
  const syn = report.entry.synthetic;
  out.push(
    `Synthetic entrants (budget ${fx(syn.budget, 3)} = ${syn.copied}'s; specialist on ${syn.specialistTasks.join(", ")}); U without entry ${fx(syn.welfareWithoutEntry)}`,
  );
  out.push(
    pad([
      ["candidate", ...report.rules, "U after"],
      ...syn.candidates.map((c) => [c.name, ...report.rules.map((r) => fx(c.payoffs[r])), fx(c.welfare)]),
    ]),
    "",
  );
  out.push(
    pad([
      ["rule", "picks", "U after entry"],
      ...syn.choices.map((ch) => [
        ch.rule,
        ch.tied.length > 1 ? `${ch.choice} (tied: ${ch.tied.join(", ")})` : ch.choice,
        fx(ch.welfare),
      ]),
    ]),
    `welfare-optimal candidate: ${syn.welfareOptimal.choice} (U = ${fx(syn.welfareOptimal.welfare)})`,
    "",
  );
  const br = report.entry.bestResponse;
  if (br !== null) {
    out.push(`Best-response entrant over ${br.space} (U without entry ${fx(br.welfareWithoutEntry)})`);
    out.push(
      pad([
        ["rule", "payoff", "U after", "exact", "gap", "spec.", "tasks"],
        ...br.perRule.map((r) => [
          r.rule,
          fx(r.payoff),
          fx(r.welfare),
          r.exact ? "yes" : "no",
          fx(r.gapBound, 6),
          fx(r.specialisation, 3),
          r.quality
            .map((x, t) => (x > 1e-9 ? report.tasks[t]!.name : ""))
            .filter((s) => s !== "")
            .join(" "),
        ]),
      ]),
      "",
    );
  }
  const rep = report.replacement;
  if (rep !== null) {
    out.push(`Replacement (${rep.space}), ${rep.models.length} models`);
    out.push(
      pad([
        ["rule", "mean dU", "lower U", "mean d(spec)", "mean d(nearest)", "move closer"],
        ...rep.summary.map((s) => [
          s.rule,
          fx(s.meanWelfareChange, 5),
          String(s.welfareLosses),
          fx(s.meanSpecialisationChange, 3),
          fx(s.meanNearestDistanceChange, 3),
          String(s.movesCloser),
        ]),
      ]),
      "",
    );
  }
  const sw = report.sweep;
  if (sw !== null) {
    const s = sw.summary;
    out.push(
      `Noise sweep over ${sw.parameter} (${sw.points.length} points, ${fx(sw.points[0]?.value, 3)} .. ${fx(sw.points[sw.points.length - 1]?.value, 3)})`,
      `  top model differs (winrate vs weighted): ${s.topDisagreements} points; synthetic entrant differs: ${s.entrantDisagreements} points (${s.entrantStrictDisagreements} with no common optimum)`,
      `  U(wwr entrant) - U(wr entrant): min ${fx(s.minEntrantCost.value, 5)} at ${fx(s.minEntrantCost.at, 3)}, max ${fx(s.maxEntrantCost.value, 5)} at ${fx(s.maxEntrantCost.at, 3)}`,
      ...(s.bestResponseDisagreements === null || s.bestResponseCost === null
        ? []
        : [
            `  best-response entrant differs: ${s.bestResponseDisagreements} points; U(wwr BR) - U(wr BR): min ${fx(s.bestResponseCost.min, 5)}, max ${fx(s.bestResponseCost.max, 5)}`,
          ]),
      `  min tau(winrate, weighted) ${fx(s.minKendallWinrateWeighted.value, 3)} at ${fx(s.minKendallWinrateWeighted.at, 3)}`,
      `  aggregation beats the single best model at ${s.aggregationBeatsSingle} points; crossover ${s.crossover === null ? "none" : fx(s.crossover, 3)}`,
    );
  }
  return `${out.join("\n")}\n`;
}
