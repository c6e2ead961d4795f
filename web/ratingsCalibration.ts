/**
 * The calibrated noise in the ratings view: the pooled fit in words, its profile log-likelihood curve,
 * and the per-task fits as a table.
 */
import { esc, figure } from "./charts.js";
import { calibrationColumns, profileColumns } from "./names.js";
import { profileCurve } from "./ratingsCharts.js";
import type { CalibrationView } from "./ratingsCompute.js";
import { tableOpen } from "./ratingsVisible.js";

const f = (x: number | null | undefined, d = 4) =>
  x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(d);

const cols = (names: readonly string[]) => names.map((n) => `<th scope="col">${esc(n)}</th>`).join("");

/** The pooled fit in words (boundaries said as such, as the CLI does). */
function describe(c: CalibrationView): string {
  const p = c.parameter;
  if (c.boundary === "infinite")
    return p === "beta"
      ? `beta = infinity (lower bound ${f(c.lower)}): the better-scored model always wins`
      : `sigma = infinity (lower bound ${f(c.lower)}): the judgements do not favour the better-scored model`;
  if (c.boundary === "zero")
    return p === "beta"
      ? `beta = 0 (on the boundary; 95% profile interval 0..${f(c.upper)}): the judgements do not favour the better-scored model`
      : `sigma = 0 (upper bound ${f(c.upper)}): the better-scored model always wins`;
  if (c.value === null) return `${p}: no maximum-likelihood value (not converged)`;
  return `${p} = ${f(c.value)} (95% profile interval ${f(c.lower)}..${f(c.upper)})`;
}

/** Renders the calibration (or its error, or nothing without a table) and enables the button. */
export function renderCalibration(
  c: CalibrationView | null | { error: string },
  box: HTMLElement,
  use: HTMLButtonElement,
): void {
  use.disabled = true;
  if (c === null) {
    box.innerHTML = `<p class="hint">Choose a score table of the same models and tasks to fit the noise.</p>`;
    return;
  }
  if ("error" in c) {
    box.innerHTML = `<p class="rv-problem">${esc(c.error)}</p>`;
    return;
  }
  use.disabled = !(c.value !== null && c.value > 0 && c.converged);
  const width = Math.max(280, Math.min(700, box.clientWidth || 600));
  const title = `Profile log-likelihood of ${c.parameter}`;
  box.innerHTML = `<p id="rv-noise-value" data-value="${c.value ?? ""}" data-lower="${c.lower ?? ""}" data-upper="${c.upper ?? ""}"><strong>${esc(describe(c))}</strong>; normalisation ${esc(c.normalization)}; log-likelihood per judgement ${f(c.llPerJudgement)} against ${f(c.llConstantPerJudgement)} for the constant model (pseudo-R² ${f(c.pseudoR2, 3)}); ${f(c.judgements, 0)} judgements${c.converged ? "" : "; NOT CONVERGED"}.</p>
${c.warnings.map((w) => `<p class="hint">${esc(w)}</p>`).join("")}
${figure(
  "rv-profile-chart",
  title,
  profileCurve({
    labelledBy: "rv-profile-chart-title",
    xs: c.curve.xs,
    rel: c.curve.rel,
    xLabel: c.parameter,
    value: c.value,
    lower: c.lower,
    upper: c.upper,
    width,
  }),
  `<table><caption>${esc(title)}</caption><thead><tr>${cols(profileColumns(c.parameter))}</tr></thead><tbody>
${c.curve.xs.map((x, k) => `<tr><th scope="row">${f(x)}</th><td>${f(c.curve.rel[k], 3)}</td></tr>`).join("")}</tbody></table>`,
  {
    note: `${c.model} noise fitted with ${c.table}. The 95% interval (lower..upper) is where the curve is above the dashed line (−1.92).`,
    open: tableOpen("rv-profile-chart"),
  },
)}
<div class="scroll" tabindex="0" role="region" aria-label="${c.parameter} per task"><table><caption>${c.parameter} fitted per task</caption>
<thead><tr>${cols(calibrationColumns(c.parameter))}</tr></thead><tbody>
${c.perTask.map((t) => `<tr><th scope="row">${esc(t.task)}</th><td>${f(t.value)}</td><td>${f(t.lower)}..${f(t.upper)}</td></tr>`).join("")}
</tbody></table></div>`;
}
