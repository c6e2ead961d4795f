/**
 * The design view: on the market of the page, a rule family's parameter (power-winrate alpha,
 * threshold-winrate tau, mix lambda) or the benchmark weights `b` are dragged, and the producers'
 * response (the entrant's or the replaced producer's best responses) and consumer welfare follow, with
 * the design optimum of `modelmarket design` marked on the parameter axis and the designed weights
 * beside the weight sliders. Computed in its own worker (`designWorker.ts`).
 */
import { esc, figure } from "./charts.js";
import { qualityBars, welfareChart } from "./designChart.js";
import type { DesignRequest, PartitionView, ResponseAt, WeightsView } from "./designCompute.js";
import { DESIGN_FAMILIES, DESIGN_HTML } from "./designHtml.js";
import type { DesignReply } from "./designProtocol.js";
import { outcomeColumns, regionColumns } from "./names.js";
import { page } from "./page.js";
import "./ratings.css";
import { tableOpen, whenVisible } from "./ratingsVisible.js";
import { cliCommands, entrantSpec, setWeight, shellWord } from "./state.js";

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const f4 = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(4);
type Or<T> = T | { error: string };
const headers = (names: readonly string[]) => names.map((n) => `<th scope="col">${esc(n)}</th>`).join("");
const ok = <T extends object>(x: Or<T> | undefined): x is T => x !== undefined && !("error" in x);

/** The view's own inputs. */
const st = {
  question: "entry" as "entry" | "replace" | "equilibrium",
  objective: "worst" as "worst" | "best",
  family: "power-winrate",
  from: 0,
  to: 4,
  value: 1,
  rule: "weighted-winrate",
  within: 2 as number | null,
  b: [] as number[],
};
const last: {
  partition?: Or<PartitionView>;
  at?: Or<ResponseAt>;
  weights?: Or<WeightsView>;
  weightsAt?: Or<ResponseAt>;
} = {};
/** The debugging hook the browser test reads. */
export const designDebug = {
  gen: 0,
  rendered: { partition: -1, at: -1, weights: -1, weightsAt: -1, done: -1 },
};
(window as unknown as { __design: typeof designDebug }).__design = designDebug;

let worker: Worker | undefined;
let timer = 0;
let signature = "";
/** The tasks the weight sliders were built for. */
let taskNames = "";
/** Set once the view is scrolled near: nothing is computed before. */
let started = false;

function problem(x: { error: string }): string {
  return `<p class="dv-problem">${esc(x.error)}</p>`;
}

/** The question as the page holds it: replacement uses the entrant's space when the producer's is fixed. */
function question(): DesignRequest["question"] {
  if (st.question === "entry") return { kind: "entry", space: entrantSpec(page.state.entrant) };
  if (st.question === "equilibrium") return { kind: "equilibrium" };
  const p = page.state.market.producers.find((x) => x.name === page.state.replace);
  const fixed = p?.space === undefined || p.space.kind === "fixed";
  return {
    kind: "replace",
    producer: page.state.replace,
    ...(fixed ? { space: entrantSpec(page.state.entrant) } : {}),
  };
}

function compute(): void {
  if (!started || page.state === undefined) return;
  const gen = ++designDebug.gen;
  const req: DesignRequest = {
    kind: "design",
    gen,
    market: structuredClone(page.state.market),
    question: question(),
    family: st.family,
    from: st.from,
    to: st.to,
    value: st.value,
    objective: st.objective,
    weightsRule: st.rule,
    within: st.within,
    b: st.b.slice(),
  };
  if (!worker) {
    worker = new Worker(new URL("./ratingsWorker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (e: MessageEvent<DesignReply>) => onReply(e.data);
  }
  worker.postMessage(req);
  el("dv-status").textContent = "Designing…";
  renderCommands(req);
}

function schedule(delay = 60): void {
  clearTimeout(timer);
  timer = window.setTimeout(compute, delay);
}

function onReply(r: DesignReply): void {
  if (r.gen !== designDebug.gen) return;
  if (r.stage === "done") el("dv-status").textContent = "";
  else {
    (last as Record<string, unknown>)[r.stage] = r.data;
    if (r.stage === "partition") renderPartition();
    else if (r.stage === "at") renderAt();
    else if (r.stage === "weights") renderWeights();
    else renderWeightsResult();
  }
  (designDebug.rendered as Record<string, number>)[r.stage] = r.gen;
}

function width(id: string): number {
  return Math.max(280, Math.min(900, el(id).clientWidth || 600));
}

function renderPartition(): void {
  const p = last.partition;
  if (!ok(p)) {
    el("dv-partition").innerHTML = p ? problem(p) : "";
    return;
  }
  const title = `Welfare against ${p.parameter}`;
  const opt = p.regions.filter((r) => r.optimal);
  const where = opt
    .map((r) => (r.point ? `${p.parameter} = ${r.from}` : `${p.parameter} in (${f4(r.from)}, ${f4(r.to)})`))
    .join(" or ");
  el("dv-partition").innerHTML =
    `<p id="dv-optimum" data-optimum="${p.optimum}" data-from="${opt[0]?.from ?? ""}" data-to="${opt[0]?.to ?? ""}">Optimum <strong>U = ${f4(p.optimum)}</strong> at ${esc(where)}; winrate ${f4(p.references[0]?.welfareWorst)}, weighted winrate ${f4(p.references[1]?.welfareWorst)}; price of the benchmark ${Object.entries(
      p.price,
    )
      .map(([k, v]) => `${esc(k)} ${f4(v)}`)
      .join(", ")}; welfare-optimal response ${f4(p.welfareOptimum)}.</p>
${figure(
  "dv-welfare-chart",
  title,
  welfareChart({
    labelledBy: "dv-welfare-chart-title",
    p,
    from: st.from,
    to: st.to,
    current: st.value,
    width: width("dv-partition"),
  }),
  `<table id="dv-regions"><caption>${esc(title)} (${esc(st.family)}, objective ${st.objective}): the regions of equal response</caption>
<thead><tr>${headers(regionColumns(p.parameter))}</tr></thead><tbody>
${p.regions.map((r, k) => `<tr class="${r.optimal ? "dv-optimal" : ""}" data-from="${r.from}" data-to="${r.to}" data-optimal="${r.optimal}"><th scope="row">${r.point ? f4(r.from) : `${k === 0 ? "[" : "("}${f4(r.from)}, ${f4(r.to)})`}</th><td class="text">${esc(r.key)}</td><td>${f4(r.welfareWorst)}</td><td>${f4(r.welfareBest)}</td><td>${r.optimal ? "yes" : ""}</td></tr>`).join("")}
</tbody></table>`,
  {
    note: `${p.exact ? "Exact partition: " : "Sampled partition: "}${p.method}. Shaded and marked on the axis: the optimal regions; dashed: winrate and weighted winrate.`,
    open: tableOpen("dv-welfare-chart"),
  },
)}`;
}

function responseBlock(r: ResponseAt, title: string, id: string): string {
  const tasks = page.state.market.tasks.map((t) => t.name);
  const shown = r.outcomes.slice(0, 6);
  const U = r.outcomes.map((o) => o.welfare);
  return `<p id="${id}" data-key="${esc(r.key)}" data-welfare="${Math.min(...U)}">Under <code>${esc(r.rule)}</code>: <strong>${esc(r.key)}</strong>, welfare U ${f4(Math.min(...U))}${Math.max(...U) > Math.min(...U) ? `..${f4(Math.max(...U))} over the tied responses` : ""}.${st.question === "equilibrium" ? " Bars: the best quality per task over the strategic producers." : ""}</p>
${figure(
  `${id}-chart`,
  title,
  qualityBars({ labelledBy: `${id}-chart-title`, tasks, responses: shown, width: width("dv-at") }),
  `<table><caption>${esc(title)}</caption><thead><tr>${headers(outcomeColumns(tasks))}</tr></thead><tbody>
${r.outcomes.map((o) => `<tr><th scope="row">${esc(o.label)}</th>${o.quality.map((q) => `<td>${f4(q)}</td>`).join("")}<td>${f4(o.welfare)}</td></tr>`).join("")}</tbody></table>`,
  { note: "", open: tableOpen(`${id}-chart`) },
)}`;
}

function renderAt(): void {
  const a = last.at;
  if (!ok(a)) {
    el("dv-at").innerHTML = a ? problem(a) : "";
    return;
  }
  el("dv-at").innerHTML = responseBlock(
    a,
    `Response at ${DESIGN_FAMILIES[st.family]!.parameter} = ${st.value}`,
    "dv-response",
  );
}

/** The notes beside the weight sliders: the task weight, the bounds and the designed weight. */
function weightNote(k: number): string {
  const w = last.weights;
  const d = ok(w) ? w : undefined;
  const t = page.state.market.tasks[k]!;
  return `w ${f4(t.weight)}${d ? `; bounds ${f4(d.lower[k])}..${f4(d.upper[k])}${d.best ? `; designed ${f4(d.best.weights[k])}` : ""}` : ""}`;
}

/** Puts `st.b` into the sliders and boxes (all but task `skip`, the one being moved). */
function syncWeightInputs(skip = -1): void {
  st.b.forEach((v, j) => {
    if (j === skip) return;
    el<HTMLInputElement>(`dv-b-${j}`).value = String(Math.round(v * 1000));
    el<HTMLInputElement>(`dv-b-num-${j}`).value = String(v);
  });
  st.b.forEach((v, j) => {
    el(`dv-b-${j}`).setAttribute("aria-valuetext", v.toFixed(3));
  });
}

/** One slider per task for `b` (built when the tasks change; moving one keeps its focus). */
function buildWeightSliders(): void {
  const tasks = page.state.market.tasks;
  el("dv-weights").innerHTML = tasks
    .map(
      (t, k) => `<div class="row weight">
  <label for="dv-b-${k}">${esc(t.name)}</label>
  <input type="range" id="dv-b-${k}" min="0" max="1000" step="1" aria-describedby="dv-b-note-${k}" />
  <label for="dv-b-num-${k}" class="visually-hidden">b for ${esc(t.name)}</label>
  <input type="number" id="dv-b-num-${k}" min="0" max="1" step="any" />
  <span class="hint" id="dv-b-note-${k}">${weightNote(k)}</span>
</div>`,
    )
    .join("");
  syncWeightInputs();
  tasks.forEach((_, k) => {
    const set = (x: number) => {
      st.b = setWeight(st.b, k, x);
      syncWeightInputs(k);
      schedule();
    };
    el<HTMLInputElement>(`dv-b-${k}`).addEventListener("input", (e) => {
      const x = Number((e.target as HTMLInputElement).value) / 1000;
      el<HTMLInputElement>(`dv-b-num-${k}`).value = String(x);
      set(x);
    });
    el<HTMLInputElement>(`dv-b-num-${k}`).addEventListener("change", (e) => {
      const x = Number((e.target as HTMLInputElement).value);
      if (!Number.isFinite(x)) return;
      el<HTMLInputElement>(`dv-b-${k}`).value = String(Math.round(x * 1000));
      set(x);
    });
  });
}

/** A new weight design: the notes beside the sliders and the result. */
function renderWeights(): void {
  page.state.market.tasks.forEach((_, k) => {
    const note = document.getElementById(`dv-b-note-${k}`);
    if (note) note.textContent = weightNote(k);
  });
  renderWeightsResult();
}

function renderWeightsResult(): void {
  const w = last.weights;
  const a = last.weightsAt;
  const names = page.state.market.tasks.map((t) => t.name);
  let head = "";
  if (w && !ok(w)) head = problem(w);
  else if (ok(w))
    head = w.best
      ? `<p id="dv-designed" data-optimum="${w.optimum}" data-weights="${w.best.weights.join(",")}">Designed weights under ${esc(w.rule)}: <strong>${names.map((n, k) => `${esc(n)}=${f4(w.best!.weights[k])}`).join(", ")}</strong> make the response ${esc(w.best.key)} (U ${f4(w.best.welfareWorst)}), margin ${w.best.margin.toExponential(3)}, ${w.best.verified ? `checked by the ${w.counted === "pure profiles" ? "equilibrium search" : "best-response solver"}` : `NOT confirmed by the ${w.counted === "pure profiles" ? "equilibrium search" : "best-response solver"}`}; ${w.implementable} of ${w.classes} ${w.counted} can be implemented strictly${w.bound && !w.bound.exact ? `; the worst equilibrium is certified at ${f4(w.optimum)}, at most ${f4(w.bound.upper)} over all weightings` : ""}.</p>`
      : `<p id="dv-designed">No weighting within the bounds implements any response.</p>`;
  el("dv-weights-result").innerHTML =
    `${head}${ok(a) ? responseBlock(a, "Response under the weights b", "dv-response-b") : a ? problem(a) : ""}`;
}

function renderCommands(req: DesignRequest): void {
  const base = cliCommands(page.state, [])[0]!;
  const file = base[2]!;
  const common = base.slice(3).map(shellWord);
  const q = req.question;
  const qFlags =
    q.kind === "entry"
      ? ["--entry", q.space]
      : q.kind === "equilibrium"
        ? ["--equilibrium"]
        : ["--replace", shellWord(q.producer), ...(q.space === undefined ? [] : ["--space", q.space])];
  const fam = DESIGN_FAMILIES[req.family]!;
  const objective = req.objective === "best" ? ["--objective best"] : [];
  const family = [
    "modelmarket design",
    shellWord(file),
    ...qFlags,
    `--family ${req.family} --range ${fam.parameter}=${req.from}:${req.to}`,
    ...(fam.text
      ? [
          `--param ${Object.entries(fam.text)
            .map(([k, v]) => `${k}=${v}`)
            .join(",")}`,
        ]
      : []),
    ...objective,
    ...common,
  ];
  const weights = [
    "modelmarket design",
    shellWord(file),
    ...qFlags,
    `--benchmark-weights --rule ${req.weightsRule}`,
    ...(req.within === null ? [] : [`--within ${req.within}`]),
    ...objective,
    ...common,
  ];
  el("dv-cli").textContent = `${family.join(" ")}\n${weights.join(" ")}`;
}

function setValue(x: number, fromSlider = false): void {
  st.value = Math.min(st.to, Math.max(st.from, x));
  if (!fromSlider)
    el<HTMLInputElement>("dv-slider").value = String(
      Math.round(((st.value - st.from) / (st.to - st.from || 1)) * 1000),
    );
  el<HTMLInputElement>("dv-value").value = String(st.value);
  // the slider runs over 0..1000; screen readers announce the parameter's value instead
  el("dv-slider").setAttribute("aria-valuetext", `${DESIGN_FAMILIES[st.family]!.parameter} = ${st.value}`);
  schedule();
}

function setFamily(name: string): void {
  const f = DESIGN_FAMILIES[name]!;
  st.family = name;
  st.from = f.from;
  st.to = f.to;
  el<HTMLInputElement>("dv-from").value = String(f.from);
  el<HTMLInputElement>("dv-to").value = String(f.to);
  el("dv-param-label").textContent = f.parameter;
  setValue(f.from + (f.to - f.from) / 4);
}

/** Follows the page's market: a new market (or entrant, or producer to replace) is designed again. */
function watchMarket(): void {
  if (page.state === undefined) return;
  const s = JSON.stringify([page.state.market, page.state.entrant, page.state.replace]);
  if (s === signature) return;
  const names = JSON.stringify(page.state.market.tasks.map((t) => t.name));
  const tasksChanged = names !== taskNames;
  taskNames = names;
  signature = s;
  if (tasksChanged) st.b = page.state.market.tasks.map((t) => t.weight);
  if (tasksChanged) buildWeightSliders();
  schedule(300);
}

function wire(): void {
  const change = (id: string, fn: (v: string) => void) =>
    el<HTMLInputElement>(id).addEventListener("change", (e) => fn((e.target as HTMLInputElement).value));
  change("dv-question", (v) => {
    st.question = v === "replace" || v === "equilibrium" ? v : "entry";
    schedule();
  });
  change("dv-objective", (v) => {
    st.objective = v === "best" ? "best" : "worst";
    schedule();
  });
  change("dv-family", setFamily);
  const range = () => {
    const a = Number(el<HTMLInputElement>("dv-from").value);
    const b = Number(el<HTMLInputElement>("dv-to").value);
    if (!(Number.isFinite(a) && Number.isFinite(b) && a < b)) return;
    st.from = a;
    st.to = b;
    setValue(st.value);
  };
  change("dv-from", range);
  change("dv-to", range);
  el<HTMLInputElement>("dv-slider").addEventListener("input", (e) => {
    const s = Number((e.target as HTMLInputElement).value) / 1000;
    setValue(Number((st.from + s * (st.to - st.from)).toPrecision(6)), true);
  });
  change("dv-value", (v) => {
    if (Number.isFinite(Number(v)) && v !== "") setValue(Number(v));
  });
  el("dv-go-optimum").addEventListener("click", () => {
    const p = last.partition;
    const r = ok(p) ? p.regions.find((g) => g.optimal) : undefined;
    if (r) setValue(r.point ? r.from : Number(((r.from + r.to) / 2).toPrecision(6)));
  });
  change("dv-rule", (v) => {
    st.rule = v;
    schedule();
  });
  change("dv-within", (v) => {
    const x = Number(v);
    st.within = v === "" ? null : x >= 1 ? x : st.within;
    schedule();
  });
  el("dv-set-designed").addEventListener("click", () => {
    const w = last.weights;
    if (ok(w) && w.best) st.b = w.best.weights.slice();
    syncWeightInputs();
    schedule();
  });
  el("dv-reset-b").addEventListener("click", () => {
    st.b = page.state.market.tasks.map((t) => t.weight);
    syncWeightInputs();
    schedule();
  });
}

/** Builds the view inside `#view-design`; once scrolled near, it follows the page's market. */
export function mountDesign(): void {
  const root = document.getElementById("view-design");
  if (root === null) return;
  root.innerHTML = DESIGN_HTML;
  el("dv-family").innerHTML = Object.entries(DESIGN_FAMILIES)
    .map(([k, v]) => `<option value="${esc(k)}">${esc(v.label)}</option>`)
    .join("");
  wire();
  setFamily(st.family);
  // the market is the page's: checked for changes twice a second (cheap: a small JSON string)
  whenVisible(root, () => {
    started = true;
    watchMarket();
    window.setInterval(watchMarket, 500);
  });
}
