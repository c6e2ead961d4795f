/**
 * Loading a market: the shipped examples and score tables (bundled), a file chosen or dropped, parsed
 * by the library's own readers; an error shows the library's one-line message and keeps the current
 * market.
 */
import {
  InputError,
  type Market,
  parseJson,
  parseMarket,
  parseNormalizationSpec,
  parseScoreTable,
  type ScoreTable,
  type SelectionRule,
  scoreTableMarket,
} from "modelmarket";
import { esc } from "./charts.js";
import { buildInputs, syncNormalize } from "./inputs.js";
import { TABLE_INFO } from "./legends.js";
import { $, page, showError } from "./page.js";
import { changed } from "./run.js";
import { type EntrantControls, type Source, toMarketJson } from "./state.js";
import { resetSorts } from "./table.js";

export const EXAMPLES = import.meta.glob("../examples/*.json", {
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

export function relPath(globKey: string): string {
  return globKey.replace(/^\.\.\//, "");
}

/** A score table as a market under the CLI's `--normalize` text. */
function tableMarket(
  table: ScoreTable,
  path: string,
  normalize: string,
  selection: SelectionRule = TABLE_SELECTION,
  weights?: number[],
): Market {
  return scoreTableMarket(table, {
    selection,
    file: path,
    normalization: parseNormalizationSpec(normalize, "--normalize"),
    ...(weights === undefined ? {} : { weights }),
  });
}

interface Loaded {
  market: Market;
  name?: string;
  description?: string;
  table?: ScoreTable;
  normalize?: string;
}

function marketFromText(text: string, path: string): Loaded {
  if (path.toLowerCase().endsWith(".csv")) {
    const table = parseScoreTable(text, path);
    // a shipped table: the normalisation docs/empirical.md uses; else the CLI's default, or minmax
    // when scores go below 0 (scaling needs scores >= 0; the page says which it used)
    let normalize = TABLE_INFO[path]?.normalize ?? "scale";
    let market: Market;
    try {
      market = tableMarket(table, path, normalize);
    } catch (err) {
      if (!(err instanceof InputError) || normalize !== "scale") throw err;
      normalize = "minmax";
      market = tableMarket(table, path, normalize);
    }
    return { market, name: path.split("/").pop(), description: table.comments[0], table, normalize };
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
export function load(text: string, source: Source): boolean {
  try {
    const { market: m, name, description, table, normalize } = marketFromText(text, source.path);
    page.state = {
      source,
      market: toMarketJson(m, name, description),
      entrant: defaultEntrant(),
      replace: (m.producers.find((p) => p.space.kind !== "fixed") ?? m.producers[0]!).name,
      ...(normalize === undefined ? {} : { normalize }),
    };
    page.table = table;
    resetSorts();
    showError(undefined);
    page.market = m;
    buildInputs();
    changed();
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

/**
 * Re-reads the current score table under another `--normalize` text, keeping the selection rule and
 * the weights; on error shows the library's message and keeps the market.
 */
export function renormalize(normalize: string): boolean {
  const st = page.state;
  if (page.table === undefined) return false;
  try {
    const m = tableMarket(
      page.table,
      st.source.path,
      normalize,
      st.market.selection,
      st.market.tasks.map((t) => t.weight),
    );
    const market = toMarketJson(m, st.market.name, st.market.description);
    // strategy spaces given on the page stay (the table has none); qualities are the table's again
    for (const p of market.producers) {
      const space = st.market.producers.find((q) => q.name === p.name)?.space;
      if (space !== undefined) p.space = structuredClone(space);
    }
    page.state = { ...st, market, normalize };
    page.market = parseMarket(structuredClone(market), "market");
    showError(undefined);
    buildInputs();
    changed();
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

/** The shipped table behind a link's state, so that its normalisation can be changed again. */
export function tableOf(path: string): ScoreTable | undefined {
  const key = Object.keys(TABLES).find((k) => relPath(k) === path);
  return key === undefined ? undefined : parseScoreTable(TABLES[key]!, path);
}

/** The normalisation controls as `--normalize` text, applied. */
function normalizeInput(): void {
  const kind = $<HTMLSelectElement>("normalize-kind").value;
  const maxText = $<HTMLInputElement>("normalize-max").value.trim();
  // an empty maximum: the shipped table's scale, else the table's largest score
  const largest = Math.max(...(page.table?.scores.flat() ?? [1]));
  const shipped = /^scale:max=(.+)$/.exec(TABLE_INFO[page.state.source.path]?.normalize ?? "")?.[1];
  const fallback = shipped ?? String(largest);
  const spec = kind === "scale:max" ? `scale:max=${maxText === "" ? fallback : maxText}` : kind;
  if (!renormalize(spec)) syncNormalize();
}

async function loadFile(file: File): Promise<void> {
  const text = await file.text();
  load(text, { kind: "file", path: file.name, pristine: false });
}

/** The example menu, the file input and drag and drop. */
export function wireLoading(): void {
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
  $("normalize-kind").addEventListener("change", normalizeInput);
  $("normalize-max").addEventListener("change", normalizeInput);
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
}
