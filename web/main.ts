/**
 * The explorer page: inputs, state (URL hash), the worker that computes, and the views. Plain
 * TypeScript and DOM; the library is used through its public entry points only.
 */
import {
  InputError,
  type Market,
  parseJson,
  parseMarket,
  parseScoreTable,
  parseSpaceSpec,
  scoreTableMarket,
} from "modelmarket";
import { esc, groupedBars, logLines, SERIES_COLOURS } from "./charts.js";
import type {
  EntryView,
  EquilibriumView,
  PayoffView,
  ReplaceView,
  ResponseView,
  SweepView,
} from "./compute.js";
import type { Reply, Request } from "./protocol.js";
import {
  cliCommands,
  decodeHash,
  type EntrantControls,
  type ExplorerState,
  encodeHash,
  entrantSpec,
  NOISE,
  noiseOf,
  type Source,
  setWeight,
  shellWord,
  spaceSpec,
  toMarketJson,
  withNoise,
} from "./state.js";

const RULES = [
  "winrate",
  "pairwise-winrate",
  "weighted-winrate",
  "weighted-pairwise-winrate",
  "marginal-contribution",
  "average-score",
];
const SERIES = [...RULES, "welfare optimum"];
/** Inputs are coalesced for this long before a computation starts. */
const DEBOUNCE_MS = 30;
/** A computation running longer than this shows that it is working. */
const BUSY_MS = 200;

const EXAMPLES = import.meta.glob("../examples/*.json", {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;
const TABLES = import.meta.glob(
  [
    "../data/mtbench101_task_scores.csv",
    "../data/livebench_2026_01_08_task_scores.csv",
    "../data/wildbench_v2_task_scores.csv",
  ],
  { query: "?raw", import: "default", eager: true },
) as Record<string, string>;
/** Score tables have no selection rule: the page starts them with this one. */
const TABLE_SELECTION = { rule: "logit", beta: 20 } as const;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Timings the browser test reads (performance.now() values per generation). */
interface Timing {
  input?: number;
  posted?: number;
  payoffs?: number;
  entry?: number;
  sweep?: number;
  done?: number;
  /** Worker-side milliseconds from receiving the request to posting each stage. */
  worker: Record<string, number>;
}
const debug = {
  gen: 0,
  rendered: { payoffs: -1, entry: -1, replace: -1, equilibrium: -1, sweep: -1, done: -1 } as Record<
    string,
    number
  >,
  timings: {} as Record<number, Timing>,
  lastInput: 0,
};
(window as unknown as { __explorer: typeof debug }).__explorer = debug;

let state: ExplorerState;
let market: Market;

// ---------------------------------------------------------------- loading

function relPath(globKey: string): string {
  return globKey.replace(/^\.\.\//, "");
}

function marketFromText(text: string, path: string): { market: Market; name?: string; description?: string } {
  if (path.toLowerCase().endsWith(".csv")) {
    const table = parseScoreTable(text, path);
    return {
      market: scoreTableMarket(table, { selection: TABLE_SELECTION, file: path }),
      name: path.split("/").pop(),
      description: table.comments[0],
    };
  }
  const raw = parseJson(text, path) as { name?: unknown; description?: unknown };
  const m = parseMarket(raw, path);
  return {
    market: m,
    ...(typeof raw.name === "string" ? { name: raw.name } : {}),
    ...(typeof raw.description === "string" ? { description: raw.description } : {}),
  };
}

/** The entrant builds for one task until the user says otherwise. */
function defaultEntrant(): EntrantControls {
  return { kind: "top-k", k: 1, step: 0.1, budget: 1 };
}

/** Loads a market from text; on error shows the library's one-line message and keeps the current state. */
function load(text: string, source: Source): boolean {
  try {
    const { market: m, name, description } = marketFromText(text, source.path);
    state = {
      source,
      market: toMarketJson(m, name, description),
      entrant: defaultEntrant(),
      replace: (m.producers.find((p) => p.space.kind !== "fixed") ?? m.producers[0]!).name,
    };
    showError(undefined);
    market = m;
    buildInputs();
    changed();
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

function showError(err: unknown): void {
  const el = $("error");
  if (err === undefined) {
    el.hidden = true;
    el.textContent = "";
    return;
  }
  el.hidden = false;
  el.textContent =
    err instanceof InputError
      ? err.message
      : err instanceof Error
        ? `${err.name}: ${err.message}`
        : String(err);
}

async function loadFile(file: File): Promise<void> {
  const text = await file.text();
  load(text, { kind: "file", path: file.name, pristine: false });
}

// ---------------------------------------------------------------- inputs

function buildExamples(): void {
  const sel = $<HTMLSelectElement>("example");
  const opts = [
    ...Object.keys(EXAMPLES).map((k) => ({ path: relPath(k), kind: "example" as const, text: EXAMPLES[k]! })),
    ...Object.keys(TABLES).map((k) => ({ path: relPath(k), kind: "table" as const, text: TABLES[k]! })),
  ];
  sel.innerHTML = `<option value="">(choose an example)</option>${opts
    .map((o) => `<option value="${esc(o.path)}">${esc(o.path)}</option>`)
    .join("")}`;
  sel.addEventListener("change", () => {
    const o = opts.find((x) => x.path === sel.value);
    if (o) load(o.text, { kind: o.kind, path: o.path, pristine: true });
  });
}

function noiseToSlider(rule: keyof typeof NOISE, x: number): number {
  const n = NOISE[rule];
  return Math.round((1000 * Math.log(x / n.lo)) / Math.log(n.hi / n.lo));
}

function sliderToNoise(rule: keyof typeof NOISE, p: number): number {
  const n = NOISE[rule];
  // three significant digits: values that read (and go into the CLI command) cleanly
  return Number((n.lo * (n.hi / n.lo) ** (p / 1000)).toPrecision(3));
}

function syncSelectionInputs(): void {
  const sel = state.market.selection;
  $<HTMLSelectElement>("rule").value = sel.rule;
  const row = $("noise-row");
  if (sel.rule === "perfect") {
    row.hidden = true;
    return;
  }
  row.hidden = false;
  const n = NOISE[sel.rule];
  $("noise-label").textContent = n.label;
  const x = noiseOf(sel)!;
  const slider = $<HTMLInputElement>("noise-slider");
  slider.value = String(Math.min(1000, Math.max(0, noiseToSlider(sel.rule, x))));
  slider.setAttribute("aria-valuetext", `${n.key} = ${x}`);
  $<HTMLInputElement>("noise").value = String(x);
  $("noise-scale").textContent = `log scale, ${n.lo} to ${n.hi}`;
}

function syncWeights(): void {
  state.market.tasks.forEach((t, k) => {
    const r = document.getElementById(`w-range-${k}`) as HTMLInputElement | null;
    const n = document.getElementById(`w-num-${k}`) as HTMLInputElement | null;
    if (r && document.activeElement !== r) r.value = String(t.weight);
    if (r) r.setAttribute("aria-valuetext", t.weight.toFixed(3));
    if (n && document.activeElement !== n) n.value = String(Number(t.weight.toFixed(6)));
  });
}

function buildWeights(): void {
  const box = $("weights");
  box.innerHTML = state.market.tasks
    .map(
      (t, k) => `<div class="row weight">
  <label for="w-range-${k}" title="${esc(t.name)}">${esc(t.name)}</label>
  <input type="range" id="w-range-${k}" min="0" max="1" step="0.001" />
  <label for="w-num-${k}" class="visually-hidden">${esc(t.name)} weight</label>
  <input type="number" id="w-num-${k}" min="0" max="1" step="0.001" />
</div>`,
    )
    .join("");
  state.market.tasks.forEach((_, k) => {
    const apply = (x: number) => {
      if (!Number.isFinite(x)) return;
      const w = setWeight(
        state.market.tasks.map((t) => t.weight),
        k,
        x,
      );
      state.market.tasks.forEach((t, j) => {
        t.weight = w[j]!;
      });
      syncWeights();
      changed();
    };
    $<HTMLInputElement>(`w-range-${k}`).addEventListener("input", (e) => {
      debug.lastInput = performance.now();
      apply(Number((e.target as HTMLInputElement).value));
    });
    $<HTMLInputElement>(`w-num-${k}`).addEventListener("change", (e) => {
      debug.lastInput = performance.now();
      apply(Number((e.target as HTMLInputElement).value));
    });
  });
  syncWeights();
}

function buildProducers(): void {
  const m = state.market;
  const head = `<thead><tr><th scope="col">producer</th>${m.tasks
    .map((t) => `<th scope="col">${esc(t.name)}</th>`)
    .join("")}<th scope="col">strategy space</th></tr></thead>`;
  const body = m.producers
    .map(
      (p, i) =>
        `<tr><th scope="row">${esc(p.name)}</th>${p.quality
          .map(
            (q, t) =>
              `<td><input type="number" id="q-${i}-${t}" aria-label="${esc(`${p.name} quality on ${m.tasks[t]!.name}`)}" min="0" max="${m.tasks[t]!.cap}" step="0.01" value="${q}" /></td>`,
          )
          .join(
            "",
          )}<td><input type="text" id="space-${i}" aria-label="${esc(`${p.name} strategy space`)}" value="${esc(spaceSpec(p.space))}" ${p.space?.kind === "menu" ? "readonly" : ""}/></td></tr>`,
    )
    .join("");
  const table = $("producers");
  const caption = table.querySelector("caption")!.outerHTML;
  table.innerHTML = `${caption}${head}<tbody>${body}</tbody>`;
  m.producers.forEach((p, i) => {
    p.quality.forEach((_, t) => {
      $<HTMLInputElement>(`q-${i}-${t}`).addEventListener("change", (e) => {
        const el = e.target as HTMLInputElement;
        const x = Number(el.value);
        const old = p.quality[t]!;
        p.quality[t] = x;
        if (!tryValidate()) {
          p.quality[t] = old;
          return;
        }
        state.source.pristine = false;
        changed();
      });
    });
    $<HTMLInputElement>(`space-${i}`).addEventListener("change", (e) => {
      const text = (e.target as HTMLInputElement).value.trim();
      const old = p.space;
      try {
        const space = parseSpaceSpec(text, market.tasks, `producers[${i}].space`);
        if (space.kind === "fixed") delete p.space;
        else p.space = space;
      } catch (err) {
        showError(err);
        return;
      }
      if (!tryValidate()) {
        p.space = old;
        return;
      }
      state.source.pristine = false;
      changed();
    });
  });
  const rep = $<HTMLSelectElement>("replace");
  rep.innerHTML = m.producers.map((p) => `<option value="${esc(p.name)}">${esc(p.name)}</option>`).join("");
  rep.value = state.replace;
}

function syncEntrant(): void {
  const e = state.entrant;
  $<HTMLSelectElement>("entrant-kind").value = e.kind;
  const k = $<HTMLInputElement>("entrant-k");
  k.value = String(e.k);
  k.max = String(state.market.tasks.length);
  k.disabled = e.kind !== "top-k";
  $<HTMLInputElement>("entrant-step").value = String(e.step);
  $<HTMLInputElement>("entrant-step").disabled = e.kind !== "grid";
  $<HTMLInputElement>("entrant-budget").value = String(e.budget);
  $<HTMLInputElement>("entrant-budget").disabled = e.kind === "top-k";
}

function buildInputs(): void {
  const m = state.market;
  $("market-name").textContent =
    `${state.source.path}${m.name ? `: ${m.name}` : ""} (${m.producers.length} producers, ${m.tasks.length} tasks)`;
  syncSelectionInputs();
  buildWeights();
  buildProducers();
  syncEntrant();
  $("cli").hidden = true;
  $("show-cli").setAttribute("aria-expanded", "false");
}

/** Validates the state's market with the library's parser; shows its message when invalid. */
function tryValidate(): boolean {
  try {
    market = parseMarket(structuredClone(state.market), "market");
    parseSpaceSpec(entrantSpec(state.entrant), market.tasks, "entrant");
    showError(undefined);
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

function wireStaticInputs(): void {
  $<HTMLSelectElement>("rule").addEventListener("change", (e) => {
    const rule = (e.target as HTMLSelectElement).value as Market["selection"]["rule"];
    const defaults = { perfect: 0, epsilon: 0.1, logit: 8, probit: 0.1 };
    state.market.selection = withNoise(rule, defaults[rule]);
    syncSelectionInputs();
    changed();
  });
  $<HTMLInputElement>("noise-slider").addEventListener("input", (e) => {
    debug.lastInput = performance.now();
    const rule = state.market.selection.rule;
    if (rule === "perfect") return;
    state.market.selection = withNoise(
      rule,
      sliderToNoise(rule, Number((e.target as HTMLInputElement).value)),
    );
    $<HTMLInputElement>("noise").value = String(noiseOf(state.market.selection));
    (e.target as HTMLInputElement).setAttribute(
      "aria-valuetext",
      `${NOISE[rule].key} = ${noiseOf(state.market.selection)}`,
    );
    changed();
  });
  $<HTMLInputElement>("noise").addEventListener("change", (e) => {
    const rule = state.market.selection.rule;
    if (rule === "perfect") return;
    const old = state.market.selection;
    state.market.selection = withNoise(rule, Number((e.target as HTMLInputElement).value));
    if (!tryValidate()) {
      state.market.selection = old;
      return;
    }
    syncSelectionInputs();
    changed();
  });
  const entrantInput = () => {
    const e: EntrantControls = {
      kind: $<HTMLSelectElement>("entrant-kind").value as EntrantControls["kind"],
      k: Number($<HTMLInputElement>("entrant-k").value),
      step: Number($<HTMLInputElement>("entrant-step").value),
      budget: Number($<HTMLInputElement>("entrant-budget").value),
    };
    const old = state.entrant;
    state.entrant = e;
    if (!tryValidate()) {
      state.entrant = old;
      return;
    }
    syncEntrant();
    changed();
  };
  for (const id of ["entrant-kind", "entrant-k", "entrant-step", "entrant-budget"])
    $(id).addEventListener("change", entrantInput);
  $<HTMLSelectElement>("replace").addEventListener("change", (e) => {
    state.replace = (e.target as HTMLSelectElement).value;
    changed();
  });
  $<HTMLInputElement>("file").addEventListener("change", (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) void loadFile(f);
  });
  document.addEventListener("dragover", (e) => {
    e.preventDefault();
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    document.body.classList.remove("dragging");
    const f = e.dataTransfer?.files?.[0];
    if (f) void loadFile(f);
  });
  $("download").addEventListener("click", () => {
    const blob = new Blob([`${JSON.stringify(state.market, null, 2)}\n`], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "market.json";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  $("show-cli").addEventListener("click", () => {
    const pre = $("cli");
    const show = pre.hidden;
    pre.hidden = !show;
    $("show-cli").setAttribute("aria-expanded", String(show));
    if (show) renderCli();
  });
  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(renderCharts, 100);
  });
}

function renderCli(): void {
  const cmds = cliCommands(state, RULES).map((c) => c.map(shellWord).join(" "));
  const note =
    state.source.pristine && state.source.kind !== "file"
      ? "# run from the modelmarket folder"
      : "# save the market first (Download market JSON) as market.json";
  $("cli").textContent = [note, ...cmds].join("\n");
}

// ---------------------------------------------------------------- computing

let worker: Worker | undefined;
let busy = false;
let debounceTimer = 0;
let busyTimer = 0;

function newWorker(): Worker {
  const w = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  w.onmessage = (e: MessageEvent<Reply>) => onReply(e.data);
  w.onerror = (e) => {
    busy = false;
    showError(new Error(`the worker failed: ${e.message}`));
  };
  return w;
}

/** Any input changed: update the URL, and compute after a short debounce. */
function changed(): void {
  if (!tryValidate()) return;
  history.replaceState(null, "", encodeHash(state));
  if (!$("cli").hidden) renderCli();
  clearTimeout(debounceTimer);
  debounceTimer = window.setTimeout(compute, DEBOUNCE_MS);
}

/** A worker that has not started on the newest inputs after this long is stuck in one long stage. */
const STUCK_MS = 1000;
let stuckTimer = 0;

function compute(): void {
  const gen = ++debug.gen;
  worker ??= newWorker();
  busy = true;
  debug.timings[gen] = { input: debug.lastInput, posted: performance.now(), worker: {} };
  const req: Request = {
    gen,
    market: structuredClone(state.market),
    entrant: entrantSpec(state.entrant),
    replace: state.replace,
  };
  // the worker drops older requests between stages; one stuck in a long stage (an equilibrium of a
  // big game) is terminated and replaced
  worker.postMessage(req);
  clearTimeout(stuckTimer);
  stuckTimer = window.setTimeout(() => {
    if (debug.gen === gen && debug.rendered.payoffs !== gen && worker) {
      worker.terminate();
      worker = newWorker();
      worker.postMessage(req);
    }
  }, STUCK_MS);
  clearTimeout(busyTimer);
  busyTimer = window.setTimeout(() => {
    if (busy && debug.gen === gen) {
      document.body.classList.add("busy");
      $("status").textContent = "Working… (newer inputs replace this computation)";
      document.getElementById("views")?.setAttribute("aria-busy", "true");
    }
  }, BUSY_MS);
}

interface Last {
  payoffs?: PayoffView;
  entry?: EntryView;
  replace?: ReplaceView | { error: string };
  equilibrium?: { views: EquilibriumView[]; lp: boolean } | { error: string };
  sweep?: SweepView | null;
}
const last: Last = {};

function onReply(r: Reply): void {
  if (r.gen !== debug.gen) return; // stale: newer inputs arrived
  const t = debug.timings[r.gen]!;
  t.worker[r.stage] = r.ms;
  switch (r.stage) {
    case "payoffs":
      last.payoffs = r.data;
      renderPayoffs();
      t.payoffs = performance.now();
      break;
    case "entry":
      last.entry = r.data;
      renderEntry();
      t.entry = performance.now();
      break;
    case "replace":
      last.replace = r.data;
      renderReplace();
      break;
    case "equilibrium":
      last.equilibrium = r.data;
      renderEquilibrium();
      break;
    case "sweep":
      last.sweep = r.data;
      renderSweep();
      t.sweep = performance.now();
      break;
    case "error":
      showError(new Error(r.message));
      finish(r.gen);
      break;
    case "done":
      t.done = performance.now();
      finish(r.gen);
      break;
  }
  debug.rendered[r.stage] = r.gen;
}

function finish(gen: number): void {
  if (gen !== debug.gen) return;
  busy = false;
  clearTimeout(busyTimer);
  document.body.classList.remove("busy");
  document.getElementById("views")?.removeAttribute("aria-busy");
  $("status").textContent = "";
}

// ---------------------------------------------------------------- views

const f4 = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(4);

function chartWidth(id: string): number {
  const w = $(id).clientWidth || 600;
  return Math.max(300, Math.min(900, Math.floor(w)));
}

function renderPayoffs(): void {
  const v = last.payoffs;
  if (!v) return;
  const head = `<tr><th scope="col">producer</th>${v.rules.map((r) => `<th scope="col">${esc(r)}</th>`).join("")}</tr>`;
  const rows = v.producers
    .map(
      (p) =>
        `<tr><th scope="row">${esc(p.name)}</th>${p.payoffs
          .map(
            (x, k) =>
              `<td class="${p.ranks[k] === 1 ? "rank1" : ""}" data-rule="${esc(v.rules[k]!)}">${f4(x)} <span class="hint">(${p.ranks[k]})</span></td>`,
          )
          .join("")}</tr>`,
    )
    .join("");
  $("payoffs").innerHTML =
    `<div class="welfare">Consumer welfare <strong>U = <span id="welfare-U">${f4(v.U)}</span></strong>;
  U_perfect = <span id="welfare-perfect">${f4(v.perfect)}</span> (best answer on every task);
  U_single = <span id="welfare-single">${f4(v.single)}</span> (only ${esc(v.singleBest)}).</div>
  <div class="scroll"><table id="payoff-table"><caption>Payoff of each producer under each rule, rank in brackets (1 = best, bold).</caption><thead>${head}</thead><tbody>${rows}</tbody></table></div>`;
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
  return `<div class="scroll"><table id="${id}"><caption>Best response under each rule (ties separated by |), the welfare U it leads to and its specialisation index.</caption>
<thead><tr><th scope="col">rule</th><th scope="col">best response</th>${current ? '<th scope="col">current payoff</th>' : ""}<th scope="col">payoff</th><th scope="col">U after</th><th scope="col">specialisation</th><th scope="col">certificate</th></tr></thead>
<tbody>${rs.map((r, k) => row(r, r.rule, k)).join("")}${row(opt, "welfare optimum", RULES.length)}</tbody></table></div>`;
}

function bars(title: string, rs: readonly ResponseView[], opt: ResponseView, id: string): string {
  const all = [...rs, opt];
  return groupedBars({
    title,
    groups: state.market.tasks.map((t) => t.name),
    series: SERIES,
    values: all.map((r) => r.choices[0]?.quality ?? []),
    yLabel: "quality built",
    yMax: Math.max(...state.market.tasks.map((t) => t.cap)),
    width: chartWidth(id),
  });
}

function renderEntry(): void {
  const v = last.entry;
  if (!v) return;
  $("entry").innerHTML =
    `<p>Entrant with ${esc(entrantSpec(state.entrant))}; U without entry = <span id="welfare-without-entry">${f4(v.welfareWithoutEntry)}</span>.</p>
${bars("Entrant's quality per task, by rule (first best response)", v.rules, v.welfareOptimal, "entry")}
${responseTable("entry-table", v.rules, v.welfareOptimal)}`;
}

function renderReplace(): void {
  const v = last.replace;
  const el = $("replacement");
  if (!v) return;
  if ("error" in v) {
    el.innerHTML = `<p class="hint">${esc(v.error)}</p>`;
    return;
  }
  el.innerHTML = `<p>${esc(v.producer)} re-chooses in ${esc(spaceSpec(v.space))}${v.ownSpace ? "" : " (the entrant's space: this producer's own is fixed)"}, the others fixed.
U now = ${f4(v.welfareNow)}; U without ${esc(v.producer)} = ${f4(v.welfareWithoutProducer)}.</p>
${bars(`${v.producer}'s quality per task after re-choosing, by rule`, v.rules, v.welfareOptimal, "replacement")}
${responseTable(
  "replace-table",
  v.rules,
  v.welfareOptimal,
  v.rules.map((r) => r.currentPayoff),
)}`;
}

function eqText(e: {
  strategies: Array<{ name: string; text: string }>;
  welfare: number;
  certified: boolean;
}): string {
  return `${e.strategies.map((s) => `${esc(s.name)}: ${esc(s.text)}`).join("; ")} (U = ${f4(e.welfare)}${e.certified ? "" : ", approximate"})`;
}

function renderEquilibrium(): void {
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
<td>${f4(e.optimum)}${e.optimumExact ? "" : "*"}</td><td>${f4(e.priceOfAnarchy)}</td><td>${f4(e.priceOfStability)}</td></tr>`,
    )
    .join("");
  el.innerHTML = `<div class="scroll"><table id="equilibrium-table"><caption>Strategic producers best-respond to each other under each rule: pure equilibria (all, by enumeration, when the game is small), properly mixed ones where the CLI computes them, the welfare optimum U_opt, and the prices of anarchy (U_opt / worst equilibrium U) and stability (U_opt / best).${v.lp ? "" : " The constant-sum LP (HiGHS) could not be loaded in this browser; the other methods ran."}</caption>
<thead><tr><th scope="col">rule</th><th scope="col">pure equilibria</th><th scope="col">mixed equilibria</th><th scope="col">U_opt</th><th scope="col">PoA</th><th scope="col">PoS</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="hint">PoA and PoS range over (* = U_opt is a local optimum, not proven):</p>
<ul class="hint">${v.views.map((e) => `<li>${esc(e.rule)}: ${esc(e.priceBasis)}</li>`).join("")}</ul>`;
}

function renderSweep(): void {
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
  el.innerHTML = `${logLines({
    title: "Welfare U after entry against the noise level",
    xs: v.xs,
    series: v.series.map((s) => ({ name: s.name, ys: s.welfare })),
    xLabel,
    yLabel: "U after entry",
    current: v.current,
    changes,
    width,
  })}
${logLines({
  title: "Specialisation of the entrant against the noise level",
  xs: v.xs,
  series: v.series.map((s) => ({ name: s.name, ys: s.specialisation })),
  xLabel,
  yLabel: "specialisation index",
  current: v.current,
  changes,
  width,
})}
<p class="hint">${v.xs.length} points; the vertical line marks the current ${v.param} = ${v.current}. Change points (where a rule's best response changes, located by bisection):</p>
<ol class="changes" id="change-points">${changes.length === 0 ? "<li>none: every rule's best response is the same over the whole range</li>" : changes.map((c) => `<li>${esc(c.text)}</li>`).join("")}</ol>`;
}

function renderCharts(): void {
  renderEntry();
  renderReplace();
  renderSweep();
}

// ---------------------------------------------------------------- start

function start(): void {
  buildExamples();
  wireStaticInputs();
  let fromHash: ExplorerState | undefined;
  try {
    fromHash = decodeHash(location.hash);
  } catch (err) {
    showError(
      new Error(`the link's state could not be read: ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  if (fromHash) {
    try {
      market = parseMarket(structuredClone(fromHash.market), "link");
      state = fromHash;
      buildInputs();
      changed();
      return;
    } catch (err) {
      showError(err);
    }
  }
  const first =
    Object.keys(EXAMPLES).find((k) => k.endsWith("three-producers.json")) ?? Object.keys(EXAMPLES)[0]!;
  $<HTMLSelectElement>("example").value = relPath(first);
  load(EXAMPLES[first]!, { kind: "example", path: relPath(first), pristine: true });
}

start();
