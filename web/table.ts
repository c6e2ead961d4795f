/**
 * Sortable tables: every column header holds a button (click, Enter or Space) that sorts the rows by
 * that column, descending first for numbers and ascending for text; the sorted header carries
 * `aria-sort`. A table is sorted in the DOM from each cell's `data-v` (a number, else text; an
 * input's value when the cell holds one), rows with equal keys keep their order, and a table re-rendered
 * under the same id keeps its sort. Any view can use it: `headerCell` for the headers, `data-v` on the
 * cells, `sortable(root)` once after rendering.
 */
import { esc } from "./charts.js";

/** The sort of each table id: column and direction. */
const sorts = new Map<string, { col: number; dir: "ascending" | "descending" }>();

/**
 * A column header with its sort button. `abbr` is the full name of an abbreviated header (a task
 * code), shown as the button's tooltip and read as its accessible name's description.
 */
export function headerCell(label: string, col: number, opts: { abbr?: string; html?: string } = {}): string {
  const title = opts.abbr === undefined ? "" : ` title="${esc(opts.abbr)}"`;
  const text = opts.html ?? esc(label);
  return `<th scope="col"><button type="button" class="sort" data-col="${col}"${title}>${text}<span class="sort-mark" aria-hidden="true"></span></button></th>`;
}

function key(row: HTMLTableRowElement, col: number): number | string {
  const cell = row.cells[col];
  if (cell === undefined) return "";
  const input = cell.querySelector("input");
  const raw = cell.dataset.v ?? input?.value ?? cell.textContent ?? "";
  const x = Number(raw);
  return raw.trim() !== "" && Number.isFinite(x) ? x : raw.toLowerCase();
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts `table`'s body by column `col` in direction `dir` and marks the header. */
export function sortTable(table: HTMLTableElement, col: number, dir: "ascending" | "descending"): void {
  const body = table.tBodies[0];
  if (body === undefined) return;
  const rows = Array.from(body.rows).map((r, i) => ({ r, i, k: key(r, col) }));
  rows.sort((x, y) => (dir === "ascending" ? 1 : -1) * compare(x.k, y.k) || x.i - y.i);
  for (const { r } of rows) body.appendChild(r);
  const heads = table.tHead?.rows[0]?.cells ?? [];
  Array.from(heads).forEach((th, k) => {
    if (k === col) th.setAttribute("aria-sort", dir);
    else th.removeAttribute("aria-sort");
    const mark = th.querySelector(".sort-mark");
    if (mark) mark.textContent = k === col ? (dir === "ascending" ? " ▲" : " ▼") : "";
  });
  if (table.id) sorts.set(table.id, { col, dir });
}

/**
 * Wires the sort buttons of every table with header buttons inside `root`, and re-applies a table's
 * previous sort (same id) after it was re-rendered.
 */
export function sortable(root: HTMLElement): void {
  for (const table of Array.from(root.querySelectorAll("table"))) {
    const buttons = Array.from(table.querySelectorAll<HTMLButtonElement>("thead button.sort"));
    if (buttons.length === 0) continue;
    for (const b of buttons) {
      b.addEventListener("click", () => {
        const col = Number(b.dataset.col);
        const th = b.closest("th");
        const now = th?.getAttribute("aria-sort");
        const numeric = table.tBodies[0]?.rows[0] && typeof key(table.tBodies[0].rows[0], col) === "number";
        const first = numeric ? "descending" : "ascending";
        const dir =
          now === undefined || now === null ? first : now === "ascending" ? "descending" : "ascending";
        sortTable(table, col, dir);
      });
    }
    const s = table.id ? sorts.get(table.id) : undefined;
    if (s !== undefined) sortTable(table, s.col, s.dir);
  }
}

/** Forgets the tables' sorts (a newly loaded market starts unsorted). */
export function resetSorts(): void {
  sorts.clear();
}
