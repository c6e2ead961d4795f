/**
 * Rendering an `EmpiricalReport` as a self-contained HTML page (inline CSS and the SVG charts of
 * charts.ts, no scripts, no external resources, no timestamps); the text summary is in text.ts.
 */
import {
  ab,
  allocationChart,
  byAverage,
  coveredTasks,
  fx,
  kendallSweepChart,
  rankSlopeChart,
  signed,
  slopeColumns,
  welfareSweepChart,
} from "./charts.js";
import { pairwiseHtml } from "./report-pairwise.js";
import type { EmpiricalReport } from "./study-types.js";
import { escapeXml } from "./svg.js";

export {
  allocationChart,
  kendallSweepChart,
  RULE_ABBREVIATIONS,
  rankSlopeChart,
  TOP_SHOWN,
  welfareSweepChart,
} from "./charts.js";
export { renderTextReport } from "./text.js";

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
// Over 80 lines: an HTML template written in document order, section by section.
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
          e(coveredTasks(report, r.quality).join(", ")),
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
