/**
 * The ratings view: pairwise judgements (a shipped file or your own battle log, AlpacaEval or WildBench
 * count table) rated by Bradley-Terry on the Elo scale with bootstrap intervals (a forest plot), the
 * win-rate matrix (a heat map), and the selection noise calibrated against a score table with its
 * profile likelihood; a button sends the fitted noise to the market views. Computed in its own worker
 * (`ratingsWorker.ts`); the numbers are those of `modelmarket ratings` and `calibrate`, whose commands
 * the view prints.
 */
import { InputError, parseNormalizationSpec, parseScoreTable, scoreTableMarket } from "modelmarket";
import { esc, figure } from "./charts.js";
import "./ratings.css";
import { buildInputs } from "./inputs.js";
import { RATING_COLUMNS } from "./names.js";
import { page } from "./page.js";
import { renderCalibration } from "./ratingsCalibration.js";
import { forestPlot, heatMap } from "./ratingsCharts.js";
import type { BootstrapView, CalibrationView, RatingsView } from "./ratingsCompute.js";
import {
  readControlled,
  renderControlled,
  showControlledFlags,
  syncControlled,
} from "./ratingsControlled.js";
import { type ControlledView, controlledFlags, instructionColumnOf } from "./ratingsControlledCompute.js";
import { RATINGS_HTML } from "./ratingsHtml.js";
import type { RatingsReply, RatingsRequest } from "./ratingsProtocol.js";
import { tableOpen, whenVisible } from "./ratingsVisible.js";
import { changed } from "./run.js";
import { shellWord, toMarketJson } from "./state.js";
import { headerCell, sortable } from "./table.js";

/** Shipped judgements, as files fetched when chosen (not JavaScript: the page's size budget counts that). */
const PAIRWISE = import.meta.glob(
  ["../data/vicuna80_human_judgements.csv", "../data/wildbench_v2_pairwise_by_category.csv"],
  { query: "?url", import: "default", eager: true },
) as Record<string, string>;
/** The score tables: the market views bundle them already. */
const TABLES = import.meta.glob(
  [
    "../data/wildbench_v2_task_scores.csv",
    "../data/mtbench101_task_scores.csv",
    "../data/livebench_2026_01_08_task_scores.csv",
  ],
  { query: "?raw", import: "default", eager: true },
) as Record<string, string>;
const UPLOADED = "(your file)";
/** The bootstrap interval's kind in words, as `modelmarket ratings` prints it. */
const INTERVAL_WORDS = {
  bca: "BCa (bias-corrected and accelerated)",
  "bias-corrected": "bias-corrected percentile",
  percentile: "percentile",
} as const;
/** Elo of a logit rating: the library's ELO_BASE + ELO_PER_LOGIT x rating (1000 + 400 / ln 10 per logit). */
const eloOf = (logit: number) => 1000 + (400 / Math.LN10) * logit;

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const value = (id: string) => el<HTMLInputElement | HTMLSelectElement>(id).value;
const f = (x: number | null | undefined, d = 3) =>
  x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(d);

/** What the view last received, and the debugging hook the browser test reads. */
const last: {
  ratings?: RatingsView;
  controlled?: ControlledView;
  calibration?: CalibrationView | null | { error: string };
  bootstrap?: BootstrapView | null | { error: string };
} = {};
export const ratingsDebug = {
  gen: 0,
  rendered: { ratings: -1, controlled: -1, calibration: -1, bootstrap: -1, done: -1, error: -1 },
};
(window as unknown as { __ratings: typeof ratingsDebug }).__ratings = ratingsDebug;

const files: { pairwise?: { name: string; text: string }; table?: { name: string; text: string } } = {};
let worker: Worker | undefined;
let timer = 0;
/** The last request sent (without its generation and file texts) and the uploads it used. */
let lastKey = "";
let lastFiles: typeof files = {};

function showError(msg: string | undefined): void {
  const e = el("rv-error");
  e.hidden = msg === undefined;
  e.textContent = msg ?? "";
}

const fetched = new Map<string, Promise<string>>();

/** The chosen file: uploaded, shipped as text (`texts`), or shipped as a URL to fetch once (`urls`). */
async function source(
  sel: string,
  uploaded: { name: string; text: string } | undefined,
  texts: Record<string, string>,
  urls: Record<string, string> = {},
): Promise<{ name: string; text: string } | undefined> {
  const v = value(sel);
  if (v === "") return undefined;
  if (v === UPLOADED) return uploaded;
  const text = texts[`../${v}`];
  if (text !== undefined) return { name: v, text };
  const url = urls[`../${v}`];
  if (url === undefined) return undefined;
  if (!fetched.has(url))
    fetched.set(
      url,
      fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${v}: could not be loaded (HTTP ${r.status})`);
        return r.text();
      }),
    );
  return { name: v, text: await fetched.get(url)! };
}

/** The request of the current controls (files loaded first). */
async function request(): Promise<RatingsRequest | undefined> {
  const pairwise = await source("rv-data", files.pairwise, {}, PAIRWISE);
  if (pairwise === undefined) return undefined;
  const table = await source("rv-table", files.table, TABLES);
  const num = (id: string) => Number(value(id));
  return {
    kind: "ratings",
    gen: 0,
    pairwise,
    task: value("rv-task") || "overall",
    ties: value("rv-ties") === "davidson" ? "davidson" : "half",
    anchor: value("rv-anchor") || "mean",
    replicates: num("rv-reps"),
    interval: value("rv-interval") === "percentile" ? "percentile" : "bca",
    maxReplicates: num("rv-max"),
    seed: value("rv-seed"),
    resample: value("rv-resample"),
    ...(table === undefined ? {} : { table }),
    normalize: value("rv-norm"),
    noise: value("rv-noise") === "probit" ? "probit" : "logit",
    ...readControlled(),
  };
}

function newWorker(): Worker {
  const w = new Worker(new URL("./ratingsWorker.ts", import.meta.url), { type: "module" });
  w.onmessage = (e: MessageEvent<RatingsReply>) => onReply(e.data);
  w.onerror = (e) => showError(`the ratings worker failed: ${e.message}`);
  return w;
}

async function compute(): Promise<void> {
  const gen = ++ratingsDebug.gen;
  let req: RatingsRequest | undefined;
  try {
    req = await request();
  } catch (err) {
    showError(err instanceof Error ? err.message : String(err));
    return;
  }
  if (req === undefined || gen !== ratingsDebug.gen) return;
  // a control left with its value unchanged (a change event on blur) asks for nothing new
  const key = JSON.stringify({
    ...req,
    pairwise: [req.pairwise.name, req.pairwise.text.length],
    table: req.table && [req.table.name, req.table.text.length],
  });
  if (key === lastKey && files.pairwise === lastFiles.pairwise && files.table === lastFiles.table) {
    ratingsDebug.gen--;
    return;
  }
  lastKey = key;
  lastFiles = { ...files };
  req.gen = gen;
  el("rv-status").textContent = "Fitting…";
  worker ??= newWorker();
  worker.postMessage(req);
  renderCommands(req);
}

/** Any control changed: recompute after a short pause (newer inputs replace older computations). */
function schedule(): void {
  clearTimeout(timer);
  timer = window.setTimeout(() => void compute(), 150);
}

function onReply(r: RatingsReply): void {
  if (r.gen !== ratingsDebug.gen) return;
  switch (r.stage) {
    case "ratings":
      showError(undefined);
      last.ratings = r.data;
      last.bootstrap = undefined;
      syncChoices(r.data);
      renderRatings();
      break;
    case "controlled":
      last.controlled = r.data;
      syncControlled(r.data.choices, last.ratings?.models ?? []);
      renderControlled(r.data, last.ratings);
      break;
    case "calibration":
      last.calibration = r.data;
      renderCalibration(r.data, el("rv-calibration"), el<HTMLButtonElement>("rv-use"));
      break;
    case "progress":
      el("rv-status").textContent = `Bootstrap: ${r.done} of ${r.total} replicates…`;
      return;
    case "bootstrap":
      last.bootstrap = r.data;
      renderRatings();
      break;
    case "done":
      el("rv-status").textContent = "";
      break;
    case "error":
      showError(r.message);
      el("rv-status").textContent = "";
      break;
  }
  (ratingsDebug.rendered as Record<string, number>)[r.stage] = r.gen;
}

/** Task and anchor menus follow the file's tasks and models (keeping the choice when still valid). */
function syncChoices(v: RatingsView): void {
  const fill = (id: string, options: string[], keep: string) => {
    const s = el<HTMLSelectElement>(id);
    const wanted = options.includes(keep) ? keep : options[0]!;
    const html = options.map((o) => `<option value="${esc(o)}">${esc(o)}</option>`).join("");
    if (s.innerHTML !== html) s.innerHTML = html;
    s.value = wanted;
  };
  fill("rv-task", ["overall", ...v.tasks], v.task);
  fill("rv-anchor", ["mean", ...v.models], value("rv-anchor") || "mean");
}

function sortedRows(v: RatingsView) {
  return v.rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.group - b.r.group || a.r.rank - b.r.rank || a.i - b.i);
}

function renderRatings(): void {
  const v = last.ratings;
  if (v === undefined) return;
  const boot = last.bootstrap && !("error" in last.bootstrap) ? last.bootstrap : undefined;
  const rows = sortedRows(v);
  const width = Math.max(280, Math.min(900, el("rv-forest").clientWidth || 600));
  const title = `Bradley-Terry ratings (Elo), ${v.task}`;
  el("rv-fit").textContent =
    `${v.method}; ${f(v.judgements, 0)} judgements; ${v.converged ? "converged" : "NOT CONVERGED (the numbers are not an answer)"} after ${v.iterations} Newton steps${v.prior === null ? "" : `; ${v.prior}`}${v.rows.some((r) => r.group > 0) ? "; some models never met, directly or through others: ratings are comparable only within a group" : ""}${v.warnings.length > 0 ? `; ${v.warnings.join("; ")}` : ""}`;
  const forest = rows.map(({ r, i }) => {
    const b = boot?.models[i];
    return {
      name: r.name,
      elo: r.elo,
      lower: r.eloLower,
      upper: r.eloUpper,
      ...(b ? { bootLower: eloOf(b.rating.lower), bootUpper: eloOf(b.rating.upper) } : {}),
    };
  });
  const bootNote =
    last.bootstrap === null
      ? "no bootstrap (0 replicates)"
      : last.bootstrap === undefined
        ? "bootstrap running…"
        : "error" in last.bootstrap
          ? `bootstrap refused: ${last.bootstrap.error}`
          : `bootstrap ${INTERVAL_WORDS[boot!.interval]} interval (bar, on the Elo scale; in the table on the logit scale, as the CLI prints it): ${boot!.replicates} replicates (${boot!.scheme}), seed ${boot!.seed}`;
  const table = `<table id="rv-table-ratings"><caption>${esc(title)}: the numbers</caption>
<thead><tr>${RATING_COLUMNS.map((c, k) => headerCell(c, k)).join("")}</tr></thead><tbody>
${rows
  .map(({ r, i }) => {
    const b = boot?.models[i];
    const cells = [
      `<td data-v="${r.rank}">${r.rank}</td>`,
      `<th scope="row" data-v="${esc(r.name)}">${esc(r.name)}</th>`,
      `<td data-v="${r.rating}">${f(r.rating)}</td>`,
      `<td data-v="${r.se}">${f(r.se)}</td>`,
      `<td data-v="${r.elo}">${f(r.elo, 0)}</td>`,
      `<td data-v="${r.eloLower}">${f(r.eloLower, 0)}..${f(r.eloUpper, 0)}</td>`,
      `<td data-v="${r.winrate}">${f(r.winrate)}</td>`,
      `<td data-v="${r.winrateLower}">${f(r.winrateLower)}..${f(r.winrateUpper)}</td>`,
      `<td data-v="${r.pairwiseWinrate}">${f(r.pairwiseWinrate)}</td>`,
      `<td data-v="${b ? b.rating.lower : ""}">${b ? `${f(b.rating.lower)}..${f(b.rating.upper)}` : "-"}</td>`,
      `<td data-v="${b ? b.rank.lower : ""}">${b ? `${b.rank.lower}..${b.rank.upper}` : "-"}</td>`,
      `<td data-v="${r.judgements}">${f(r.judgements, 1)}</td>`,
    ];
    return `<tr data-model="${esc(r.name)}" data-rating="${r.rating}" data-elo="${r.elo}" data-elo-lower="${r.eloLower}" data-elo-upper="${r.eloUpper}"${b ? ` data-boot-lower="${b.rating.lower}" data-boot-upper="${b.rating.upper}"` : ""}>${cells.join("")}</tr>`;
  })
  .join("")}</tbody></table>`;
  const note = `${v.file}: the Elo rating (dot) and its 95% interval from the standard error (line); ${bootNote}.`;
  el("rv-forest").innerHTML = figure(
    "rv-forest-chart",
    title,
    forestPlot("rv-forest-chart-title", forest, width),
    table,
    { note, open: tableOpen("rv-forest-chart") },
  );
  sortable(el("rv-forest"));
  renderHeat(v, rows);
}

function renderHeat(v: RatingsView, rows: ReturnType<typeof sortedRows>): void {
  const names = rows.map(({ r }) => r.name);
  const m = rows.map(({ i }) => rows.map(({ i: j }) => v.versus[i]?.[j] ?? null));
  const width = Math.max(280, Math.min(900, el("rv-heat").clientWidth || 600));
  const title = `Win-rate matrix, ${v.task}`;
  const table = `<table><caption>${esc(title)} (ties count half; - never met)</caption>
<thead><tr><th scope="col">model</th>${names.map((n) => `<th scope="col">${esc(n)}</th>`).join("")}</tr></thead><tbody>
${names.map((n, i) => `<tr><th scope="row">${esc(n)}</th>${m[i]!.map((p) => `<td>${p === null ? "-" : f(p.value)}</td>`).join("")}</tr>`).join("")}
</tbody></table>`;
  el("rv-heat").innerHTML = figure(
    "rv-heat-chart",
    title,
    heatMap("rv-heat-chart-title", names, m, width),
    table,
    {
      note: "Row model against column model (ties half): orange, the row wins more often; blue, less often; grey, never met.",
      open: tableOpen("rv-heat-chart"),
    },
  );
}

function renderCommands(req: RatingsRequest): void {
  const file = shellWord(req.pairwise.name);
  const ratings = [
    "modelmarket ratings",
    file,
    "--task",
    shellWord(req.task),
    ...(req.ties === "davidson" ? ["--ties davidson"] : []),
    ...(req.anchor === "mean" ? [] : ["--anchor", shellWord(req.anchor)]),
    ...(req.replicates > 0 ? [`--bootstrap ${req.replicates} --seed ${shellWord(req.seed)}`] : []),
    ...(req.replicates > 0 && req.resample !== "battles" ? [`--resample ${shellWord(req.resample)}`] : []),
    ...(req.replicates > 0 && req.interval === "percentile" ? ["--interval percentile"] : []),
    ...controlledFlags(req, shellWord),
  ];
  showControlledFlags(controlledFlags(req, shellWord), instructionColumnOf(req));
  const lines = [ratings.join(" ")];
  if (req.table)
    lines.push(
      [
        "modelmarket calibrate",
        shellWord(req.table.name),
        "--pairwise",
        file,
        ...(req.normalize === "" ? [] : ["--normalize", shellWord(req.normalize)]),
        "--noise",
        req.noise,
      ].join(" "),
    );
  el("rv-cli").textContent = lines.join("\n");
}

/** The market views at the fitted noise: the calibration's table, normalised as it was, becomes the market. */
/**
 * The market views at the fitted noise: the calibration's score table, normalised as in the fit, becomes
 * the market with the fitted beta (or sigma); a shipped table stays the table (its commands take
 * `--selection` and `--normalize`), an uploaded one is a file (its commands run on market.json).
 */
async function useFittedNoise(): Promise<void> {
  const c = last.calibration;
  if (!c || "error" in c || c.value === null || !(c.value > 0)) return;
  const table = await source("rv-table", files.table, TABLES);
  if (table === undefined) return;
  try {
    const t = parseScoreTable(table.text, table.name);
    const normalize = value("rv-norm") || "scale";
    const selection =
      c.model === "logit"
        ? { rule: "logit" as const, beta: c.value }
        : { rule: "probit" as const, sigma: c.value };
    const m = scoreTableMarket(t, {
      selection,
      normalization: parseNormalizationSpec(normalize),
      file: table.name,
    });
    const name = table.name.split("/").pop() ?? table.name;
    const shipped = value("rv-table") !== UPLOADED;
    page.state = {
      source: shipped
        ? { kind: "table", path: table.name, pristine: true }
        : { kind: "file", path: name, pristine: false },
      market: toMarketJson(m, name, t.comments[0]),
      entrant: page.state?.entrant ?? { kind: "top-k", k: 1, step: 0.1, budget: 1 },
      replace: m.producers[0]!.name,
      normalize,
    };
    page.table = t;
    page.market = m;
    if (shipped) el<HTMLSelectElement>("example").value = table.name;
    buildInputs();
    changed();
    document.getElementById("views")?.scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (err) {
    showError(err instanceof InputError ? err.message : String(err));
  }
}

async function readUpload(input: HTMLInputElement, select: string, key: "pairwise" | "table"): Promise<void> {
  const file = input.files?.[0];
  if (!file) return;
  files[key] = { name: file.name, text: await file.text() };
  const s = el<HTMLSelectElement>(select);
  if (![...s.options].some((o) => o.value === UPLOADED))
    s.add(new Option(`${UPLOADED}: ${file.name}`, UPLOADED));
  else [...s.options].find((o) => o.value === UPLOADED)!.text = `${UPLOADED}: ${file.name}`;
  s.value = UPLOADED;
  schedule();
}

/** Builds the view inside `#view-ratings`; it computes once it is scrolled near. */
export function mountRatings(): void {
  const root = document.getElementById("view-ratings");
  if (root === null) return;
  root.innerHTML = RATINGS_HTML;
  const opts = (globs: Record<string, unknown>) =>
    Object.keys(globs)
      .map((k) => k.replace(/^\.\.\//, ""))
      .map((p) => `<option value="${esc(p)}">${esc(p)}</option>`)
      .join("");
  el("rv-data").innerHTML = opts(PAIRWISE);
  el("rv-table").innerHTML = `<option value="">(none: no calibration)</option>${opts(TABLES)}`;
  el<HTMLSelectElement>("rv-data").value = "data/wildbench_v2_pairwise_by_category.csv";
  el<HTMLSelectElement>("rv-table").value = "data/wildbench_v2_task_scores.csv";
  for (const id of [
    "rv-data",
    "rv-task",
    "rv-ties",
    "rv-anchor",
    "rv-reps",
    "rv-interval",
    "rv-max",
    "rv-seed",
    "rv-resample",
    "rv-table",
    "rv-norm",
    "rv-noise",
    "rv-ctl-list",
    "rv-lc",
    "rv-instr",
  ])
    el(id).addEventListener("change", schedule);
  el<HTMLInputElement>("rv-file").addEventListener(
    "change",
    (e) => void readUpload(e.target as HTMLInputElement, "rv-data", "pairwise"),
  );
  el<HTMLInputElement>("rv-table-file").addEventListener(
    "change",
    (e) => void readUpload(e.target as HTMLInputElement, "rv-table", "table"),
  );
  el("rv-use").addEventListener("click", () => void useFittedNoise());
  let w = window.innerWidth;
  window.addEventListener("resize", () => {
    if (Math.abs(window.innerWidth - w) < 40) return;
    w = window.innerWidth;
    renderRatings();
    renderControlled(last.controlled, last.ratings);
    if (last.calibration !== undefined)
      renderCalibration(last.calibration, el("rv-calibration"), el<HTMLButtonElement>("rv-use"));
  });
  whenVisible(root, () => void compute());
}
