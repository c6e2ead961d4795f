/**
 * The study report's sections from pairwise judgements: the noise fitted to pairwise judgements (value, interval,
 * observed against predicted win probability per task) and the bootstrap intervals (leaderboard
 * payoffs and ranks, Kendall tau between rules, top models, the entrant's best response), as text
 * lines and as HTML with SVG charts (empirical/svg.ts).
 */

import { fixed, plural } from "../src/numeric/format.js";
import type { BootstrapSummary } from "./bootstrap-summary.js";
import {
  type CalibrationReport,
  calibrationWarningText,
  describeNoiseValue,
  LOG_NORMAL_INTERVAL_WORDS,
  type NoiseFit,
  noiseIntervalReasonText,
} from "./calibrate.js";
import { escapeXml, lineChart } from "./svg.js";

const e = escapeXml;

const fx = fixed;

/** A per-task fit as `value [lower, upper]`, `infinity` where the fit is on that boundary (null in the JSON). */
function perTaskText(t: NoiseFit): string {
  return t.boundary === "infinite"
    ? `infinity [${fx(t.lower, 3)}, infinity]`
    : `${fx(t.value, 3)} [${fx(t.lower, 3)}, ${fx(t.upper, 3)}]`;
}

function htmlTable(head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${h}</th>`).join("");
  const tr = rows.map((r) => `<tr>${r.map((x) => `<td>${x}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

/**
 * The fitted value and interval in one phrase.
 *
 * @example
 * fittedNoisePhrase(cal.pooled); // "beta = 4.301 (95% profile interval 4.260..4.342)"
 */
export function fittedNoisePhrase(fit: NoiseFit): string {
  return describeNoiseValue(fit, 3);
}

/** Only the parts of the study report these sections read. */
export interface PairwiseSections {
  calibration?: CalibrationReport;
  uncertainty?: BootstrapSummary;
}

/**
 * Text lines for the terminal report: the fitted noise (pooled and per task) and, when bootstrapped,
 * Kendall tau intervals, top-model shares and best-response stability. Empty when neither is present.
 *
 * @example
 * pairwiseTextLines({ calibration }); // ["noise fitted to ... beta = 4.301 (95% ...)", ...]
 */
export function pairwiseTextLines(r: PairwiseSections): string[] {
  const out: string[] = [];
  const c = r.calibration;
  if (c !== undefined) {
    out.push(
      `noise fitted to pairwise judgements (${c.model}, ${plural(c.models.common.length, "common model")}, ${plural(c.tasks.common.length, "task")}): ${fittedNoisePhrase(c.pooled)}; log-likelihood per judgement ${fx(c.pooled.llPerJudgement)} vs ${fx(c.pooled.llConstantPerJudgement)} for the constant model`,
      `  per task: ${c.perTask.map((t) => `${t.task} ${perTaskText(t)}`).join("; ")}`,
      ...c.warnings.map((w) => `  ${calibrationWarningText(w)}`),
      "",
    );
  }
  const u = r.uncertainty;
  if (u !== undefined) {
    out.push(
      `Bootstrap: ${plural(u.replicates, "replicate")} (${u.scheme ?? `${u.resampled} resampled`}), seed ${u.seed}; 95% percentile intervals`,
    );
    if (u.noise !== null)
      out.push(
        `  refitted ${u.noise.parameter}: ${fx(u.noise.estimate, 3)} [${fx(u.noise.lower, 3)}, ${fx(u.noise.upper, 3)}]${u.noiseInterval === "log-normal" ? ` (${LOG_NORMAL_INTERVAL_WORDS})` : u.noiseIntervalReason === undefined ? "" : ` (${noiseIntervalReasonText(u.noiseIntervalReason, u.noise.parameter)})`}`,
      );
    for (const k of u.kendall)
      if (k.a === "winrate" || k.b === "winrate")
        out.push(
          `  Kendall tau ${k.a} vs ${k.b}: ${fx(k.estimate, 3)} [${fx(k.lower, 3)}, ${fx(k.upper, 3)}]`,
        );
    for (const t of u.top)
      out.push(
        `  top under ${t.rule}: ${t.estimate}; shares ${t.shares
          .slice(0, 3)
          .map((s) => `${s.model} ${fx(s.share, 2)}`)
          .join(", ")}`,
      );
    if (u.bestResponse !== null) {
      for (const b of u.bestResponse.perRule)
        out.push(
          `  best-response entrant under ${b.rule}: welfare ${fx(b.welfare.estimate)} [${fx(b.welfare.lower)}, ${fx(b.welfare.upper)}]${b.sameAsEstimate === null ? "" : `, same entrant in ${fx(b.sameAsEstimate, 2)} of replicates`}`,
        );
      if (u.bestResponse.winrateWeightedAgree !== null)
        out.push(
          `  winrate and weighted winrate pick the same best-response entrant in ${fx(u.bestResponse.winrateWeightedAgree, 2)} of replicates`,
        );
    }
    out.push("");
  }
  return out;
}

/**
 * Observed against predicted win probability per task at the pooled fit (the diagonal is a perfect
 * fit).
 *
 * @example
 * calibrationChart(calibration); // "<svg ..."
 */
export function calibrationChart(c: CalibrationReport): string {
  return lineChart({
    title: `Observed vs predicted win probability (${c.model}, ${fittedNoisePhrase(c.pooled)})`,
    xLabel: "predicted P(model beats opponent)",
    yLabel: "observed share (ties half)",
    yRange: [0, 1],
    series: [
      {
        name: "perfect calibration",
        points: [
          [0, 0],
          [1, 1],
        ],
        dashed: true,
        color: "#888888",
      },
      ...c.curves.map((cv) => ({
        name: cv.task,
        markers: true,
        points: cv.bins.map((b) => [b.predicted, b.observed] as [number, number]),
      })),
    ],
  });
}

/**
 * Bootstrap rank intervals under one rule, models in the rule's order: estimate, 2.5% and 97.5%.
 *
 * @example
 * rankIntervalChart(summary, "weighted-winrate"); // "<svg ..."
 */
export function rankIntervalChart(u: BootstrapSummary, rule: string): string {
  const board = u.leaderboards.find((b) => b.rule === rule);
  if (board === undefined) return "";
  const rows = board.models
    .slice()
    .sort((a, b) => a.rank.estimate - b.rank.estimate || a.name.localeCompare(b.name));
  const pts = (f: (m: (typeof rows)[number]) => number) =>
    rows.map((m, k) => [k + 1, f(m)] as [number, number]);
  return lineChart({
    title: `Rank under ${rule}: bootstrap 95% intervals (${plural(u.replicates, "replicate")})`,
    xLabel: `model (in ${rule} order)`,
    yLabel: "rank",
    series: [
      { name: "rank on the data", points: pts((m) => m.rank.estimate), markers: true },
      { name: "2.5% percentile", points: pts((m) => m.rank.lower), dashed: true },
      { name: "97.5% percentile", points: pts((m) => m.rank.upper), dashed: true },
    ],
  });
}

/**
 * HTML sections: the fitted noise with its per-task table and calibration chart, and the bootstrap
 * intervals (Kendall tau, top-model shares, best responses, rank intervals of winrate and weighted
 * winrate, the intervals of the top models' payoffs). Empty when neither is present.
 *
 * @example
 * pairwiseHtml({ calibration, uncertainty }); // "<h2>Noise fitted to pairwise judgements</h2>..."
 */
export function pairwiseHtml(r: PairwiseSections): string {
  return [
    ...(r.calibration === undefined ? [] : calibrationHtml(r.calibration)),
    ...(r.uncertainty === undefined ? [] : uncertaintyHtml(r.uncertainty)),
  ].join("\n");
}

/** The fitted-noise section: the pooled fit, its per-task table and the calibration chart. */
function calibrationHtml(c: CalibrationReport): string[] {
  return [
    "<h2>Noise fitted to pairwise judgements</h2>",
    `<p>The whole analysis runs at the noise that best explains the pairwise judgements: <b>${e(fittedNoisePhrase(c.pooled))}</b>, ${c.model} on the normalised qualities (${e(c.normalization)}), pooled over ${plural(c.tasks.common.length, "task")} and ${plural(c.models.common.length, "model")} (${plural(c.pooled.judgements, "judgement")}; ties half a win). Log-likelihood per judgement ${fx(c.pooled.llPerJudgement)} against ${fx(c.pooled.llConstantPerJudgement)} for the constant model (pseudo-R² ${fx(c.pooled.pseudoR2, 3)}). The profile interval treats judgements as independent.</p>`,
    ...c.warnings.map((w) => `<p class="meta">${e(calibrationWarningText(w))}</p>`),
    htmlTable(
      [
        "task",
        c.parameter,
        "95% interval",
        "log-lik / judgement",
        "constant model",
        "pseudo-R²",
        "judgements",
      ],
      c.perTask.map((t) => [
        e(t.task),
        fx(t.value, 3),
        `${fx(t.lower, 3)} – ${fx(t.upper, 3)}`,
        fx(t.llPerJudgement),
        fx(t.llConstantPerJudgement),
        fx(t.pseudoR2, 3),
        String(t.judgements),
      ]),
    ),
    `<div class="chart">${calibrationChart(c)}</div>`,
  ];
}

/**
 * The bootstrap section: Kendall tau between rules, the top model's shares, the entrant's best
 * response, the rank intervals of winrate and weighted winrate, and the top models' payoffs.
 */
function uncertaintyHtml(u: BootstrapSummary): string[] {
  const parts = [
    "<h2>Uncertainty (seeded bootstrap)</h2>",
    `<p>${plural(u.replicates, "replicate")}, seed ${e(u.seed)}: each replicate ${u.resampled === "judgements" ? `resamples the judgements (${e(u.scheme ?? "")}) and refits the noise` : "draws the tasks with replacement"}; intervals are the 2.5% and 97.5% percentiles.${u.noise === null ? "" : ` Refitted ${u.noise.parameter}: ${fx(u.noise.estimate, 3)} [${fx(u.noise.lower, 3)}, ${fx(u.noise.upper, 3)}]${u.noiseInterval === "log-normal" ? ` (${LOG_NORMAL_INTERVAL_WORDS})` : ""}.`}</p>`,
    "<h3>Kendall tau between rules</h3>",
    htmlTable(
      ["rule", "rule", "tau on the data", "95% interval"],
      u.kendall.map((k) => [e(k.a), e(k.b), fx(k.estimate, 3), `${fx(k.lower, 3)} – ${fx(k.upper, 3)}`]),
    ),
    "<h3>Top model under each rule</h3>",
    htmlTable(
      ["rule", "top on the data", "share of replicates on top"],
      u.top.map((t) => [
        e(t.rule),
        e(t.estimate),
        t.shares
          .slice(0, 4)
          .map((s) => `${e(s.model)} ${fx(s.share, 2)}`)
          .join(", "),
      ]),
    ),
  ];
  if (u.bestResponse !== null)
    parts.push(
      "<h3>The entrant's best response</h3>",
      htmlTable(
        ["rule", "welfare after entry", "95% interval", "same entrant as on the data"],
        u.bestResponse.perRule.map((b) => [
          e(b.rule),
          fx(b.welfare.estimate),
          `${fx(b.welfare.lower)} – ${fx(b.welfare.upper)}`,
          fx(b.sameAsEstimate, 2),
        ]),
      ),
      `<p>Winrate and weighted winrate pick the same best-response entrant in ${fx(u.bestResponse.winrateWeightedAgree, 2)} of replicates.</p>`,
    );
  for (const rule of ["winrate", "weighted-winrate"])
    if (u.rules.includes(rule)) parts.push(`<div class="chart">${rankIntervalChart(u, rule)}</div>`);
  return [...parts, ...payoffIntervalsHtml(u)];
}

/** Payoffs and ranks with their intervals under winrate and weighted winrate, top 20 by weighted winrate. */
function payoffIntervalsHtml(u: BootstrapSummary): string[] {
  const wr = u.leaderboards.find((b) => b.rule === "winrate");
  const wwr = u.leaderboards.find((b) => b.rule === "weighted-winrate");
  if (wr === undefined || wwr === undefined) return [];
  const order = wwr.models
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.rank.estimate - b.m.rank.estimate || a.i - b.i)
    .slice(0, 20);
  const cell = (x: { estimate: number; lower: number; upper: number }, d: number) =>
    `${fx(x.estimate, d)} <span class="meta">[${fx(x.lower, d)}, ${fx(x.upper, d)}]</span>`;
  return [
    `<h3>Payoffs and ranks with 95% intervals (top ${order.length} by weighted winrate)</h3>`,
    htmlTable(
      ["model", "winrate", "rank", "weighted winrate", "rank"],
      order.map(({ m, i }) => [
        e(m.name),
        cell(wr.models[i]!.payoff, 4),
        cell(wr.models[i]!.rank, 0),
        cell(m.payoff, 4),
        cell(m.rank, 0),
      ]),
    ),
  ];
}
