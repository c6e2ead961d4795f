/**
 * The plain-text summary of an `EmpiricalReport`, for the terminal.
 */

import { MISSING, plural } from "../src/numeric/format.js";
import { byAverage, coveredTasks, fx, signed, slopeColumns, TOP_SHOWN } from "./charts.js";
import { pairwiseTextLines } from "./report-pairwise.js";
import type { EmpiricalReport } from "./study-types.js";

/** An aligned table, its header underlined with dashes as the other commands' tables are. */
function pad(cells: string[][]): string {
  const widths = cells[0]!.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? "").length)));
  const line = (r: string[]) =>
    r.map((x, j) => (j === 0 ? x.padEnd(widths[j]!) : x.padStart(widths[j]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join(
    "\n",
  );
}

/**
 * The bootstrap's 95% rank intervals of the leaderboard's rows, `lower..upper` under each rule (the
 * `rank` of `--json`'s `uncertainty.leaderboards`); nothing without `--bootstrap`.
 */
function rankIntervalLines(
  report: EmpiricalReport,
  shown: ReturnType<typeof byAverage>,
  cols: readonly string[],
): string[] {
  const u = report.uncertainty;
  if (u === undefined || u.leaderboards.length === 0) return [];
  const rank = new Map<string, { lower: number; upper: number }>();
  for (const b of u.leaderboards) for (const m of b.models) rank.set(`${b.rule}\u0000${m.name}`, m.rank);
  const cell = (rule: string, name: string) => {
    const r = rank.get(`${rule}\u0000${name}`);
    return r === undefined ? MISSING : `${r.lower}..${r.upper}`;
  };
  return [
    `Bootstrap rank intervals (95%, ${plural(u.replicates, "replicate")}), same models`,
    pad([["model", ...cols], ...shown.map((row) => [row.name, ...cols.map((r) => cell(r, row.name))])]),
    "",
  ];
}

/**
 * A plain-text summary: welfare, the leaderboards side by side (top `TOP_SHOWN`), the entrant each
 * rule picks, the replacement summary and the sweep summary.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * renderTextReport(report).split("\n")[0];
 */
// Over 80 lines: a text template written in document order, section by section.
export function renderTextReport(report: EmpiricalReport): string {
  const w = report.welfare;
  const out: string[] = [];
  out.push(
    `${report.source.file ?? "score table"}: ${plural(report.source.models, "model")} x ${plural(report.tasks.length, "task")}, normalisation ${report.source.normalization}, selection ${report.selection}`,
    `welfare U = ${fx(w.U)}   perfect = ${fx(w.perfect)}   single = ${fx(w.single)} (${w.singleBest})`,
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
    ...rankIntervalLines(report, shown, cols),
    `Kendall tau(winrate, weighted-winrate) = ${fx(report.leaderboards.kendall.winrate!["weighted-winrate"], 3)}   tau(winrate, average-score) = ${fx(report.leaderboards.kendall.winrate!["average-score"], 3)}`,
    "",
  );
  const syn = report.entry.synthetic;
  out.push(
    `Synthetic entrants (budget ${fx(syn.budget, 3)} = ${syn.copied}'s; specialist on ${syn.specialistTasks.join(", ")}); welfareWithoutEntry ${fx(syn.welfareWithoutEntry)}`,
  );
  out.push(
    pad([
      ["candidate", ...report.rules, "welfare"],
      ...syn.candidates.map((c) => [c.name, ...report.rules.map((r) => fx(c.payoffs[r])), fx(c.welfare)]),
    ]),
    "",
  );
  out.push(
    pad([
      ["rule", "choice", "welfare"],
      ...syn.choices.map((ch) => [
        ch.rule,
        ch.tied.length > 1 ? `${ch.choice} (tied: ${ch.tied.join(", ")})` : ch.choice,
        fx(ch.welfare),
      ]),
    ]),
    `welfare-optimal candidate: ${syn.welfareOptimal.choice} (welfare ${fx(syn.welfareOptimal.welfare)})`,
    "",
  );
  const br = report.entry.bestResponse;
  if (br !== null) {
    out.push(`Best-response entrant over ${br.space} (welfareWithoutEntry ${fx(br.welfareWithoutEntry)})`);
    out.push(
      pad([
        ["rule", "payoff", "welfare", "exact", "gapBound", "specialisation", "tasks"],
        ...br.perRule.map((r) => [
          r.rule,
          fx(r.payoff),
          fx(r.welfare),
          r.exact ? "yes" : "no",
          fx(r.gapBound, 6),
          fx(r.specialisation, 3),
          coveredTasks(report, r.quality).join(" "),
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
        [
          "rule",
          "meanWelfareChange",
          "welfareLosses",
          "meanSpecialisationChange",
          "meanNearestDistanceChange",
          "movesCloser",
        ],
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
      // each number after its JSON name in `sweep.summary` (docs/reference.md, "Names")
      `  topDisagreements ${s.topDisagreements}, entrantDisagreements ${s.entrantDisagreements}, entrantStrictDisagreements ${s.entrantStrictDisagreements} (points where winrate and weighted winrate differ: top model, synthetic entrant, with no common optimum)`,
      `  minEntrantCost ${fx(s.minEntrantCost.value, 5)} at ${fx(s.minEntrantCost.at, 3)}, maxEntrantCost ${fx(s.maxEntrantCost.value, 5)} at ${fx(s.maxEntrantCost.at, 3)} (U(wwr entrant) - U(wr entrant))`,
      ...(s.bestResponseDisagreements === null || s.bestResponseCost === null
        ? []
        : [
            `  bestResponseDisagreements ${s.bestResponseDisagreements}, bestResponseCost.min ${fx(s.bestResponseCost.min, 5)}, bestResponseCost.max ${fx(s.bestResponseCost.max, 5)} (U(wwr BR) - U(wr BR))`,
          ]),
      `  minKendallWinrateWeighted ${fx(s.minKendallWinrateWeighted.value, 3)} at ${fx(s.minKendallWinrateWeighted.at, 3)} (Kendall tau of the winrate and weighted-winrate rankings)`,
      `  aggregationBeatsSingle ${s.aggregationBeatsSingle} (points where U > single), crossover ${s.crossover === null ? "none" : fx(s.crossover, 3)}`,
    );
  }
  return `${out.join("\n")}\n`;
}
