/**
 * The ratings view's controlled-ratings panel: the covariates the loaded log has (each a checkbox
 * with its `--control` flag), a baseline for AlpacaEval's length-controlled win rate, and the
 * results: controlled ratings beside the raw ones (a forest plot and its table), the covariates'
 * coefficients, and the length-controlled win rates. Computed in the ratings worker
 * (`ratingsControlledCompute.ts`); the numbers are those of `modelmarket ratings --control ...`.
 */
import {
  type ControlledFit,
  type LengthControlledResult,
  lengthControlledReasonText,
} from "modelmarket/empirical";
import { esc, figure, scrollBox } from "./charts.js";
import { COEFFICIENT_COLUMNS, CONTROLLED_COLUMNS, LENGTH_CONTROLLED_COLUMNS } from "./names.js";
import { forestPlot } from "./ratingsCharts.js";
import type { RatingsView } from "./ratingsCompute.js";
import type { ControlChoices, ControlledView } from "./ratingsControlledCompute.js";
import { tableOpen } from "./ratingsVisible.js";
import { headerCell, sortable } from "./table.js";

/** The panel's controls, inside the ratings view's controls (RATINGS_HTML). */
export const CONTROLLED_HTML = `
  <fieldset class="rv-controlled"><legend>Controlled ratings</legend>
    <div class="row" id="rv-ctl-list"><span class="hint">Covariates: none in this file</span></div>
    <div class="row">
      <label for="rv-lc">Length-controlled win rate against</label>
      <select id="rv-lc"><option value="">(none)</option></select>
      <span class="flag"><code id="rv-lc-flag"></code></span>
      <label for="rv-instr">Instruction difficulty from</label>
      <select id="rv-instr">
        <option value="instruction_id">instruction_id</option>
        <option value="none">none (no difficulty term)</option>
      </select>
      <span class="flag"><code id="rv-instr-flag"></code></span>
    </div>
  </fieldset>`;

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const f = (x: number | null | undefined, d = 3) =>
  x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(d);

/** The panel's part of the ratings request. */
export function readControlled(): { controls: string[]; baseline: string; instructions: string } {
  const boxes = [...document.querySelectorAll<HTMLInputElement>("#rv-ctl-list input[type=checkbox]")];
  return {
    controls: boxes.filter((b) => b.checked).map((b) => b.value),
    baseline: el<HTMLSelectElement>("rv-lc").value,
    instructions: el<HTMLSelectElement>("rv-instr").value,
  };
}

/** The checkboxes and menus follow the file's covariates, models and instruction columns (keeping choices). */
export function syncControlled(choices: ControlChoices, models: readonly string[]): void {
  const chosen = new Set(readControlled().controls);
  const list = el("rv-ctl-list");
  const html =
    choices.controls.length === 0
      ? `<span class="hint">Covariates: none in this file</span>`
      : `<span>Covariates</span>${choices.controls
          .map(
            (c, k) =>
              `<input type="checkbox" id="rv-ctl-${k}" value="${esc(c)}"${chosen.has(c) ? " checked" : ""} /><label for="rv-ctl-${k}">${esc(c)}</label> <span class="flag"><code>--control ${esc(c)}</code></span>`,
          )
          .join(" ")}`;
  if (list.innerHTML !== html) list.innerHTML = html;
  const fill = (id: string, options: Array<[string, string]>) => {
    const s = el<HTMLSelectElement>(id);
    // a choice the last file forced (its only option) is not kept
    const keep = s.options.length > 1 ? s.value : "";
    const h = options.map(([v, t]) => `<option value="${esc(v)}">${esc(t)}</option>`).join("");
    if (s.innerHTML !== h) s.innerHTML = h;
    s.value = options.some(([v]) => v === keep) ? keep : options[0]![0];
  };
  const lc = choices.controls.includes("length");
  fill("rv-lc", [
    ["", lc ? "(none)" : "(none: the file has no lengths)"],
    ...(lc ? models.map((m): [string, string] => [m, m]) : []),
  ]);
  el<HTMLSelectElement>("rv-lc").disabled = !lc;
  fill("rv-instr", [
    ...choices.instructionColumns.map((c): [string, string] => [c, c]),
    ["none", "none (no difficulty term)"],
  ]);
}

/** Each control's flag beside it (the instruction column's default named as such). */
export function showControlledFlags(flags: string[], instructions: string | undefined): void {
  const lc = flags.find((x) => x.startsWith("--length-controlled"));
  el("rv-lc-flag").textContent = lc ?? "";
  el("rv-instr-flag").textContent =
    lc === undefined
      ? ""
      : (flags.find((x) => x.startsWith("--instructions")) ??
        `${instructions ?? "none"} (the default${instructions === "instruction_id" ? "" : ": the --resample clusters column"})`);
}

function controlledFigure(c: ControlledFit, raw: RatingsView | undefined, width: number): string {
  const rawOf = new Map(raw?.task === "overall" ? raw.rows.map((r) => [r.name, r.elo]) : []);
  const rows = c.models
    .map((name, i) => ({ name, i, elo: c.elo[i]!, se: c.eloStandardErrors[i]!, raw: rawOf.get(name) }))
    .sort((a, b) => b.elo - a.elo || a.i - b.i);
  const title = `Controlled ratings (Elo), overall: ${c.coefficients.map((k) => k.name).join(", ")} held equal`;
  const table = `<table id="rv-table-controlled"><caption>${esc(title)}: the numbers</caption>
<thead><tr>${CONTROLLED_COLUMNS.map((h, k) => headerCell(h, k)).join("")}</tr></thead><tbody>
${rows
  .map(
    (r) =>
      `<tr data-model="${esc(r.name)}" data-elo="${r.elo}" data-rating="${c.ratings[r.i]}" data-se="${c.standardErrors[r.i]}"><th scope="row" data-v="${esc(r.name)}">${esc(r.name)}</th><td data-v="${r.elo}">${f(r.elo, 0)}</td><td data-v="${r.elo - 1.96 * r.se}">${f(r.elo - 1.96 * r.se, 0)}..${f(r.elo + 1.96 * r.se, 0)}</td><td data-v="${r.raw ?? ""}">${f(r.raw, 0)}</td><td data-v="${r.raw === undefined ? "" : r.raw - r.elo}">${r.raw === undefined ? "-" : f(r.raw - r.elo, 0)}</td><td data-v="${c.ratings[r.i]}">${f(c.ratings[r.i])}</td><td data-v="${c.standardErrors[r.i]}">${f(c.standardErrors[r.i])}</td></tr>`,
  )
  .join("")}</tbody></table>`;
  const forest = rows.map((r) => ({
    name: r.name,
    elo: r.elo,
    lower: r.elo - 1.96 * r.se,
    upper: r.elo + 1.96 * r.se,
    ...(r.raw === undefined ? {} : { raw: r.raw }),
  }));
  const note = `Controlled Elo (dot) with its 95% interval from the standard error (line)${rawOf.size > 0 ? "; the raw Elo of the ratings above (hollow dot)" : "; choose task overall to see the raw ratings beside them (the controlled fit is overall, as the CLI's)"}. ${c.converged ? "Converged" : "NOT CONVERGED (the numbers are not an answer)"} after ${c.iterations} Newton steps; anchor ${c.anchor}${c.prior.applied ? `; ${c.prior.reason}` : ""}.`;
  return figure("rv-controlled-chart", title, forestPlot("rv-controlled-chart-title", forest, width), table, {
    note,
    open: tableOpen("rv-controlled-chart"),
  });
}

function coefficients(c: ControlledFit): string {
  const t = `<table id="rv-coefficients"><caption>Covariate coefficients (logits per standard deviation of the style feature)</caption>
<thead><tr>${COEFFICIENT_COLUMNS.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead><tbody>
${c.coefficients.map((k) => `<tr data-name="${esc(k.name)}" data-estimate="${k.estimate}" data-se="${k.standardError}"><th scope="row">${esc(k.name)}</th><td>${f(k.estimate)}</td><td>${f(k.standardError)}</td><td>${f(k.estimate - 1.96 * k.standardError)}..${f(k.estimate + 1.96 * k.standardError)}</td></tr>`).join("")}
</tbody></table>`;
  return scrollBox(t, "covariate coefficients");
}

function lengthControlled(l: LengthControlledResult): string {
  const d = l.difficulty;
  const head = `Length-controlled win rate against ${l.baseline} (AlpacaEval's GLM, percent): ${d === null ? "without the instruction-difficulty term" : `instruction difficulty fitted jointly on ${d.models} models × ${d.instructions} instructions (${d.reason === null ? "converged" : lengthControlledReasonText(d.reason)})`}; not regularised (no gamed baselines).`;
  const key = (r: LengthControlledResult["rows"][number]) =>
    Number.isNaN(r.lengthControlledWinRate) ? Number.NEGATIVE_INFINITY : r.lengthControlledWinRate;
  const rows = l.rows.slice().sort((a, b) => key(b) - key(a));
  const t = `<table id="rv-table-lc"><caption>${esc(head)}</caption>
<thead><tr>${LENGTH_CONTROLLED_COLUMNS.map((h, k) => headerCell(h, k)).join("")}</tr></thead><tbody>
${rows.map((r) => `<tr data-model="${esc(r.model)}" data-lc="${r.lengthControlledWinRate}" data-wr="${r.winRate}"><th scope="row" data-v="${esc(r.model)}">${esc(r.model)}${r.reason === null ? "" : ` (${esc(lengthControlledReasonText(r.reason))})`}</th><td data-v="${r.winRate}">${f(r.winRate, 2)}</td><td data-v="${r.lengthControlledWinRate}">${f(r.lengthControlledWinRate, 2)}</td><td data-v="${r.lcStandardError}">${f(r.lcStandardError, 2)}</td><td data-v="${r.lengthSlope}">${f(r.lengthSlope)}</td><td data-v="${r.judgements}">${f(r.judgements, 1)}</td></tr>`).join("")}
</tbody></table>`;
  return scrollBox(t, "length-controlled win rates");
}

/** The panel's results (`null` view: nothing asked for yet). */
export function renderControlled(v: ControlledView | undefined, raw: RatingsView | undefined): void {
  const root = el("rv-controlled");
  if (v === undefined || (v.controlled === null && v.lengthControlled === null)) {
    root.innerHTML = `<p class="hint">Tick a covariate (style control) or choose a baseline (length-controlled win rate).</p>`;
    return;
  }
  const width = Math.max(280, Math.min(900, root.clientWidth || 600));
  const c = v.controlled;
  const l = v.lengthControlled;
  const problem = (what: string, e: { error: string }) =>
    `<p class="rv-problem">${esc(what)}: ${esc(e.error)}</p>`;
  root.innerHTML = [
    c === null
      ? ""
      : "error" in c
        ? problem("--control", c)
        : controlledFigure(c, raw, width) + coefficients(c),
    l === null ? "" : "error" in l ? problem("--length-controlled", l) : lengthControlled(l),
  ].join("");
  sortable(root);
}
