/**
 * Loading a market: the shipped examples and score tables (bundled), a file chosen or dropped, parsed
 * by the library's own readers; an error shows the library's one-line message and keeps the current
 * market.
 */
import { type Market, parseJson, parseMarket, parseScoreTable, scoreTableMarket } from "modelmarket";
import { esc } from "./charts.js";
import { buildInputs } from "./inputs.js";
import { $, page, showError } from "./page.js";
import { changed } from "./run.js";
import { type EntrantControls, type Source, toMarketJson } from "./state.js";

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
export function load(text: string, source: Source): boolean {
  try {
    const { market: m, name, description } = marketFromText(text, source.path);
    page.state = {
      source,
      market: toMarketJson(m, name, description),
      entrant: defaultEntrant(),
      replace: (m.producers.find((p) => p.space.kind !== "fixed") ?? m.producers[0]!).name,
    };
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
