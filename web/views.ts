/**
 * The explorer's views, each rendered from the worker's latest answer (`last`): the payoffs under
 * every rule, the entrant's and a replacement's best responses, the equilibria, the noise sweep, and
 * the equivalent command lines.
 */
import { type ChartData, esc, figure, groupedBars, SERIES_COLOURS } from "./charts.js";
import type {
  EntryView,
  EquilibriumView,
  PayoffView,
  ReplaceView,
  ResponseView,
  SweepView,
} from "./compute.js";
import { TABLE_INFO, taskName } from "./legends.js";
import { $, page, RULES, SERIES } from "./page.js";
import {
  cliCommands,
  entrantSpec,
  NOISE,
  selectionSpec,
  shellWord,
  spaceSpec,
  weightsSpec,
} from "./state.js";
import { logLines, taskDots } from "./sweepCharts.js";
import { headerCell, sortable } from "./table.js";

/** The worker's latest answer for each view. */
export interface Last {
  payoffs?: PayoffView;
  entry?: EntryView;
  replace?: ReplaceView | { error: string };
  equilibrium?: { views: EquilibriumView[]; lp: boolean } | { error: string };
  sweep?: SweepView | null;
}
export const last: Last = {};

const f4 = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(4);

function chartWidth(id: string): number {
  const w = $(id).clientWidth || 600;
  return Math.max(300, Math.min(900, Math.floor(w)));
}

/** A rule name that may break after its hyphens in a narrow header. */
const breakable = (name: string) => esc(name).replace(/-/g, "-<wbr>");

/** What the page did to the scores of a table: the CLI's `--normalize`, in words. */
function normalizationText(): string {
  const n = page.state.normalize;
  if (n === undefined) return "";
  const max = /^scale:max=(.+)$/.exec(n)?.[1];
  const words =
    max !== undefined
      ? `quality = score / ${max}`
      : n === "scale"
        ? "quality = score / the table's largest score"
        : n === "minmax"
          ? "quality = (score - the task's lowest) / (the task's highest - its lowest)"
          : "qualities are the scores as they are";
  return `<p class="hint" id="normalization-used">Normalisation: ${esc(words)} (<code>--normalize ${esc(n)}</code>).</p>`;
}

export function renderPayoffs(): void {
  const v = last.payoffs;
  if (!v) return;
  const head = `<tr>${headerCell("producer", 0)}${v.rules.map((r, k) => headerCell(r, k + 1, { html: breakable(r) })).join("")}</tr>`;
  const rows = v.producers
    .map(
      (p) =>
        `<tr><th scope="row">${esc(p.name)}</th>${p.payoffs
          .map(
            (x, k) =>
              `<td class="${p.ranks[k] === 1 ? "rank1" : ""}" data-rule="${esc(v.rules[k]!)}" data-v="${x}">${f4(x)} <span class="hint">(${p.ranks[k]})</span></td>`,
          )
          .join("")}</tr>`,
    )
    .join("");
  const el = $("payoffs");
  el.innerHTML = `${normalizationText()}<div class="welfare">Consumer welfare <strong>U = <span id="welfare-U">${f4(v.U)}</span></strong>;
  perfect = <span id="welfare-perfect">${f4(v.perfect)}</span> (best answer on every task);
  single = <span id="welfare-single">${f4(v.single)}</span> (only ${esc(v.singleBest)}).</div>
  <p class="table-caption" id="payoff-table-caption">Payoff of each producer under each rule, rank in brackets (1 = best, bold; equal payoffs share a rank). Sort by any column with its header button.</p>
  <div class="scroll"><table id="payoff-table" aria-labelledby="payoff-table-caption"><thead>${head}</thead><tbody>${rows}</tbody></table></div>`;
  sortable(el);
}

/** The task legend of a shipped score table (full names and groups from its source). */
export function renderLegend(): void {
  const info = TABLE_INFO[page.state.source.path];
  const box = $("view-tasks");
  box.hidden = info === undefined;
  if (info === undefined) {
    $("task-legend").innerHTML = "";
    return;
  }
  const rows = info.tasks
    .map(
      (t) =>
        `<tr><th scope="row"><code>${esc(t.code)}</code></th><td class="text">${esc(t.name)}</td><td class="text">${esc(t.group)}</td></tr>`,
    )
    .join("");
  $("task-legend").innerHTML =
    `<p>${esc(info.title)}: ${esc(info.scale)}. ${esc(info.note)} Source: data/README.md.</p>
<details id="task-legend-details"><summary>The ${info.tasks.length} tasks by name</summary><div class="scroll"><table id="task-legend-table"><caption>Task columns of ${esc(page.state.source.path)}</caption>
<thead><tr>${headerCell("column", 0)}${headerCell("task", 1)}${headerCell("group", 2)}</tr></thead><tbody>${rows}</tbody></table></div></details>`;
  sortable($("task-legend"));
}

function responseTable(
  id: string,
  rs: readonly ResponseView[],
  opt: ResponseView,
  current?: number[],
): string {
  const row = (r: ResponseView, name: string, k: number) =>
    `<tr data-rule="${esc(name)}" data-choice="${esc(r.choices.map((c) => c.label).join(" | "))}">
<th scope="row"><span aria-hidden="true" style="color:${SERIES_COLOURS[k]}">&#9632;</span> ${esc(name)}</th>
<td class="text">${esc(r.choices.map((c) => c.label).join(" | "))}${r.truncated ? " …" : ""}</td>
${current ? `<td>${f4(current[k])}</td>` : ""}
<td>${f4(r.choices[0]?.payoff)}</td><td class="welfare-after">${r.choices
      .map((c) => f4(c.welfare))
      .filter((x, i, a) => a.indexOf(x) === i)
      .join(" / ")}</td>
<td>${r.choices[0] ? r.choices[0].specialisation.toFixed(3) : "-"}</td><td>${esc(r.certificate)}</td></tr>`;
  return `<p class="table-caption" id="${id}-caption">Best response under each rule (ties separated by |), the welfare U it leads to and its specialisation index.</p>
<div class="scroll" tabindex="0" role="region" aria-labelledby="${id}-caption"><table id="${id}" aria-labelledby="${id}-caption">
<thead><tr><th scope="col">rule</th><th scope="col">best response</th>${current ? '<th scope="col">current payoff</th>' : ""}<th scope="col">payoff</th><th scope="col">U after</th><th scope="col">specialisation</th><th scope="col">certificate</th></tr></thead>
<tbody>${rs.map((r, k) => row(r, r.rule, k)).join("")}${row(opt, "welfare optimum", RULES.length)}</tbody></table></div>`;
}

function bars(title: string, rs: readonly ResponseView[], opt: ResponseView, id: string): string {
  const all = [...rs, opt];
  const tasks = page.state.market.tasks.map((t) => t.name);
  const full = tasks.map((t) => taskName(page.state.source.path, t) ?? t);
  const choices = all.map((r) => r.choices.map((c) => c.quality));
  const svg = groupedBars({
    labelledBy: `${id}-chart-title`,
    groups: tasks,
    groupNames: full,
    series: SERIES,
    choices,
    yLabel: "quality built",
    yMax: Math.max(...page.state.market.tasks.map((t) => t.cap)),
    width: chartWidth(id),
  });
  const data: ChartData = {
    head: ["task", ...SERIES],
    rows: tasks.map((t, g) => [
      t,
      ...choices.map((cs) => {
        const vals = cs.map((q) => q[g] ?? 0);
        if (vals.length <= 1) return (vals[0] ?? 0).toFixed(3);
        return `tie of ${vals.length}: ${vals.filter((x) => x > 0).length} build here, up to ${Math.max(...vals).toFixed(3)}`;
      }),
    ]),
  };
  return figure(`${id}-chart`, title, svg, data);
}

export function renderEntry(): void {
  const v = last.entry;
  if (!v) return;
  $("entry").innerHTML =
    `<p>Entrant with ${esc(entrantSpec(page.state.entrant))}; welfareWithoutEntry = <span id="welfare-without-entry">${f4(v.welfareWithoutEntry)}</span>.</p>
${bars("Entrant's quality per task, by rule (tied best responses hatched)", v.rules, v.welfareOptimal, "entry")}
${responseTable("entry-table", v.rules, v.welfareOptimal)}`;
}

export function renderReplace(): void {
  const v = last.replace;
  const el = $("replacement");
  if (!v) return;
  if ("error" in v) {
    el.innerHTML = `<p class="hint">${esc(v.error)}</p>`;
    return;
  }
  el.innerHTML = `<p>${esc(v.producer)} re-chooses in ${esc(spaceSpec(v.space))}${v.ownSpace ? "" : " (the entrant's space: this producer's own is fixed)"}, the others fixed.
welfareNow = ${f4(v.welfareNow)}; welfareWithoutProducer = ${f4(v.welfareWithoutProducer)} (without ${esc(v.producer)}).</p>
${bars(`${v.producer}'s quality per task after re-choosing, by rule`, v.rules, v.welfareOptimal, "replacement")}
${responseTable(
  "replace-table",
  v.rules,
  v.welfareOptimal,
  v.rules.map((r) => r.currentPayoff),
)}`;
}

function eqText(e: EquilibriumView["pure"][number]): string {
  const strategies = e.strategies
    .map(
      (s) =>
        `${esc(s.name)}: ${esc(s.text)}${s.inSpace ? "" : ` <strong class="outside">NOT in its space${s.problem ? `: ${esc(s.problem)}` : ""}</strong>`}`,
    )
    .join("; ");
  return `${strategies} (U = ${f4(e.welfare)}${e.certified ? "" : ", approximate"})`;
}

/** The certificate's space check of a rule's equilibria: every strategy in its producer's space, or which not. */
function spaceCheck(e: EquilibriumView): string {
  const all = [...e.pure, ...e.mixed];
  const out = all.flatMap((q) => q.strategies.filter((s) => !s.inSpace).map((s) => s.name));
  if (all.length === 0) return "-";
  return out.length === 0
    ? "all in their spaces"
    : `<strong class="outside">outside its space: ${esc([...new Set(out)].join(", "))}</strong>`;
}

export function renderEquilibrium(): void {
  const v = last.equilibrium;
  const el = $("equilibrium");
  if (!v) return;
  if ("error" in v) {
    el.innerHTML = `<p class="hint">${esc(v.error)}</p>`;
    return;
  }
  if (v.views.length === 0) {
    el.innerHTML = `<p class="hint">No producer has a strategy space, so there is no producer game: give producers a space in the table (e.g. top-k:k=1).</p>`;
    return;
  }
  const rows = v.views
    .map(
      (
        e,
        k,
      ) => `<tr data-rule="${esc(e.rule)}"><th scope="row"><span aria-hidden="true" style="color:${SERIES_COLOURS[k]}">&#9632;</span> ${esc(e.rule)}</th>
<td class="text">${e.pure.length === 0 ? "none found" : e.pure.map(eqText).join("<br>")}${e.pureExhaustive ? "" : " <span class=hint>(not exhaustive)</span>"}</td>
<td class="text">${e.mixed.length > 0 ? e.mixed.map(eqText).join("<br>") : esc(e.mixedStatus === "solved" ? "no properly mixed equilibrium" : e.mixedStatus)}</td>
<td>${f4(e.optimum)}${e.optimumExact ? "" : "*"}</td><td>${f4(e.priceOfAnarchy)}</td><td>${f4(e.priceOfStability)}</td><td class="text space-check">${spaceCheck(e)}</td></tr>`,
    )
    .join("");
  // the file's qualities of producers outside their spaces are starting points only (same for every rule)
  const starts = v.views[0]!.outsideSpace;
  const startNote =
    starts.length === 0
      ? ""
      : `<p class="hint" id="outside-space">Not in the declared space, so only a starting point (no equilibrium, optimum or price uses it): ${starts
          .map((o) => `${esc(o.producer)}'s quality on the page (${esc(o.problem)})`)
          .join("; ")}.</p>`;
  el.innerHTML = `${startNote}<p class="table-caption" id="equilibrium-table-caption">Strategic producers best-respond to each other under each rule: pure equilibria (all, by enumeration, when the game is small), properly mixed ones where the CLI computes them, the welfare optimum optimum.welfare, the prices of anarchy (priceOfAnarchy = optimum.welfare / the worst equilibrium&#8217;s welfare) and stability (priceOfStability = optimum.welfare / the best&#8217;s), and the certificate's check that every strategy lies in its producer's declared space.${v.lp ? "" : " The constant-sum LP (HiGHS) could not be loaded in this browser; the other methods ran."}</p>
<div class="scroll" tabindex="0" role="region" aria-labelledby="equilibrium-table-caption"><table id="equilibrium-table" aria-labelledby="equilibrium-table-caption">
<thead><tr><th scope="col">rule</th><th scope="col">pure equilibria</th><th scope="col">mixed equilibria</th><th scope="col">optimum.welfare</th><th scope="col">priceOfAnarchy</th><th scope="col">priceOfStability</th><th scope="col">in space?</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="hint">priceOfAnarchy and priceOfStability range over (* = optimum.welfare is a local optimum, not proven):</p>
<ul class="hint">${v.views.map((e) => `<li>${esc(e.rule)}: ${esc(e.priceBasis)}</li>`).join("")}</ul>`;
}

/**
 * The sweep's second chart: the tasks a top-k entrant builds for (its specialisation index is the
 * same for every choice), else the specialisation index.
 */
function secondSweepChart(
  v: SweepView,
  changes: Array<{ series: number; x: number; text: string }>,
  xLabel: string,
  width: number,
): string {
  const xCell = (x: number) => x.toPrecision(4);
  // a top-k entrant's specialisation index is one number for every choice: show the tasks instead
  const topK = v.series.every((s) => s.tasks.every((t) => t.length > 0));
  return topK
    ? figure(
        "sweep-tasks",
        "Tasks the entrant builds for against the noise level",
        taskDots({
          labelledBy: "sweep-tasks-title",
          xs: v.xs,
          series: v.series.map((s) => ({ name: s.name, tasks: s.tasks, tied: s.tied })),
          taskNames: page.state.market.tasks.map((t) => t.name),
          xLabel,
          current: v.current,
          changes,
          width,
        }),
        {
          head: [v.param, ...v.series.map((s) => s.name)],
          rows: v.xs.map((x, i) => [
            xCell(x),
            ...v.series.map((s) => `${s.labels[i]!}${s.tied[i] ? " (first of tied)" : ""}`),
          ]),
        },
      )
    : figure(
        "sweep-specialisation",
        "Specialisation of the entrant against the noise level",
        logLines({
          labelledBy: "sweep-specialisation-title",
          xs: v.xs,
          series: v.series.map((s) => ({ name: s.name, ys: s.specialisation })),
          xLabel,
          yLabel: "specialisation index",
          current: v.current,
          changes,
          width,
        }),
        {
          head: [v.param, ...v.series.map((s) => s.name)],
          rows: v.xs.map((x, i) => [xCell(x), ...v.series.map((s) => s.specialisation[i]!.toFixed(4))]),
        },
      );
}

export function renderSweep(): void {
  const v = last.sweep;
  const el = $("sweep");
  if (v === undefined) return;
  if (v === null) {
    el.innerHTML = `<p class="hint">Perfect selection has no noise level: choose epsilon, logit or probit to sweep.</p>`;
    return;
  }
  const width = chartWidth("sweep");
  const changes = v.changes.map((c) => ({
    series: SERIES.indexOf(c.rule),
    x: c.x,
    text: `${c.rule}: ${c.from} → ${c.to} at ${v.param} = ${c.x.toPrecision(4)}`,
  }));
  const xLabel = `${v.param} (log scale; ${NOISE[v.rule].noisier === "up" ? "noisier to the right" : "noisier to the left"})`;
  const xCell = (x: number) => x.toPrecision(4);
  const welfareTitle = "Welfare U after entry against the noise level";
  const welfare = figure(
    "sweep-welfare",
    welfareTitle,
    logLines({
      labelledBy: "sweep-welfare-title",
      xs: v.xs,
      series: v.series.map((s) => ({ name: s.name, ys: s.welfare })),
      xLabel,
      yLabel: "U after entry",
      current: v.current,
      changes,
      width,
    }),
    {
      head: [v.param, ...v.series.map((s) => s.name)],
      rows: v.xs.map((x, i) => [xCell(x), ...v.series.map((s) => s.welfare[i]!.toFixed(4))]),
    },
  );
  const second = secondSweepChart(v, changes, xLabel, width);
  el.innerHTML = `${welfare}
${second}
<p class="hint">${v.xs.length} points; the vertical line marks the current ${v.param} = ${v.current}. Change points (numbered on the charts; where a rule's best response changes, located by bisection):</p>
<ol class="changes" id="change-points">${changes.length === 0 ? "<li>none: every rule's best response is the same over the whole range</li>" : changes.map((c) => `<li>${esc(c.text)}</li>`).join("")}</ol>`;
}

export function renderCharts(): void {
  renderEntry();
  renderReplace();
  renderSweep();
}

/** The command lines that compute what the page shows, and each control's flag beside it. */
export function renderCli(): void {
  const st = page.state;
  $("flag-selection").textContent = `--selection ${selectionSpec(st.market.selection)}`;
  $("flag-weights").textContent =
    st.weightsMoved === true ? `--weights ${weightsSpec(st.market)}` : "(the file's weights: no flag)";
  $("flag-entrant").textContent = `--entrant ${entrantSpec(st.entrant)}`;
  $("flag-normalize").textContent = st.normalize === undefined ? "" : `--normalize ${st.normalize}`;
  const cmds = cliCommands(page.state, RULES).map((c) => c.map(shellWord).join(" "));
  const note =
    page.state.source.pristine && page.state.source.kind !== "file"
      ? "# run from the modelmarket folder"
      : "# save the market first (Download market JSON) as market.json";
  $("cli").textContent = [note, ...cmds].join("\n");
}
