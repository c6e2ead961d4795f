/**
 * Pairwise judgements: battle logs in long format (CSV or JSON Lines) and WildBench-style
 * aggregated verdict counts, read into one aggregated form, `PairwiseData`: per (model, opponent, task)
 * the weight of wins, ties and losses.
 *
 * Long format (arena style): columns `model_a, model_b, winner` with `winner` one of `model_a`,
 * `model_b`, `tie`, `tie (bothbad)`; optional `task` (or `category`) and `weight` (default 1, finite,
 * >= 0). JSON Lines: one object per line with the same keys.
 *
 * WildBench layout: columns `model, reference, category, win_much, win, tie, lose, lose_much, total`
 * (counts of the judge's five verdicts for `model` against `reference`). Mapping to outcomes:
 * `win_much` and `win` are wins of `model`, `tie` a tie, `lose` and `lose_much` losses. Items counted
 * in `total` but in none of the five levels (the source's `ALL` rows count items without a verdict) are
 * not judgements and are left out of every likelihood; `wildbenchReward` keeps them in the denominator,
 * as the source's reward does. The category `ALL` is the whole benchmark: it is not a task, and its
 * rows are the `overall` judgements (every other category is a task).
 */
import { parse as parseCsv } from "csv-parse/sync";
import { InputError } from "../errors.js";
import { readTextFile } from "../textFile.js";

/** The five WildBench verdict counts of one row, as published. */
export interface VerdictLevels {
  winMuch: number;
  win: number;
  tie: number;
  lose: number;
  loseMuch: number;
  /** The source's total (for `ALL` rows it may exceed the sum of the five levels). */
  total: number;
}

/** Aggregated judgements of `models[a]` against `models[b]` on one task (or overall). */
export interface PairwiseCell {
  /** Index into `PairwiseData.models` of the first model. */
  a: number;
  /** Index of the second model (`b !== a`). */
  b: number;
  /** Index into `PairwiseData.tasks`, or `-1` for overall judgements (WildBench `ALL`, untasked battles). */
  task: number;
  /** Total weight of judgements `a` won. */
  winsA: number;
  /** Total weight of ties (both kinds). */
  ties: number;
  /** Total weight of judgements `b` won. */
  winsB: number;
  /** The five-level counts (WildBench input only). */
  levels?: VerdictLevels;
  /** Line of the first input row that fed this cell (for messages). */
  line: number;
}

/** Pairwise judgements read from a file. */
export interface PairwiseData {
  format: "battles" | "wildbench";
  /** The file, for messages. */
  file: string | undefined;
  /** Comment lines (`# ...`, without the `# `). */
  comments: string[];
  /** Every model that appears, in order of first appearance. */
  models: string[];
  /** Task names in order of first appearance (WildBench: the categories other than `ALL`). */
  tasks: string[];
  /** One cell per (a, b, task) in order of first appearance; `(a, b)` and `(b, a)` stay separate. */
  cells: PairwiseCell[];
}

/** The winner values of the long format. */
export const WINNER_VALUES = ["model_a", "model_b", "tie", "tie (bothbad)"] as const;

/** The WildBench category that is the whole benchmark rather than a task. */
export const WILDBENCH_OVERALL = "ALL";

const WILDBENCH_COLUMNS = [
  "model",
  "reference",
  "category",
  "win_much",
  "win",
  "tie",
  "lose",
  "lose_much",
  "total",
] as const;

/** The index of `name` in `names`, appending it (and indexing it) the first time it is seen. */
function intern(names: string[], index: Map<string, number>, name: string): number {
  let k = index.get(name);
  if (k === undefined) {
    k = names.length;
    names.push(name);
    index.set(name, k);
  }
  return k;
}

class Builder {
  readonly models: string[] = [];
  readonly tasks: string[] = [];
  readonly cells: PairwiseCell[] = [];
  private readonly modelIndex = new Map<string, number>();
  private readonly taskIndex = new Map<string, number>();
  private readonly cellIndex = new Map<string, number>();

  model(name: string): number {
    return intern(this.models, this.modelIndex, name);
  }

  task(name: string | undefined): number {
    return name === undefined ? -1 : intern(this.tasks, this.taskIndex, name);
  }

  cell(a: number, b: number, task: number, line: number): PairwiseCell {
    const key = `${a}|${b}|${task}`;
    const k = this.cellIndex.get(key);
    if (k !== undefined) return this.cells[k]!;
    const c: PairwiseCell = { a, b, task, winsA: 0, ties: 0, winsB: 0, line };
    this.cellIndex.set(key, this.cells.length);
    this.cells.push(c);
    return c;
  }
}

function where(line: number, column: number): string {
  return `line ${line}, column ${column}`;
}

/** A CSV parse with one-line errors (`line L, column C`). */
function csvRecords(text: string, file: string | undefined): Array<{ record: string[]; line: number }> {
  const options = {
    comment: "#",
    comment_no_infix: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  } as const;
  try {
    // fast path (csv-parse's per-record info triples the parse time): without quotes every record is one
    // physical line, so the line numbers are those of the non-blank, non-comment lines; the count check
    // falls back to csv-parse's own line numbers whenever that reading might be wrong
    if (!text.includes('"')) {
      const records = parseCsv(text, options) as string[][];
      const lines: number[] = [];
      text.split(/\r?\n/).forEach((l, k) => {
        if (l !== "" && !l.startsWith("#")) lines.push(k + 1);
      });
      if (lines.length === records.length) return records.map((record, k) => ({ record, line: lines[k]! }));
    }
    const rows = parseCsv(text, { ...options, info: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    return rows.map((r) => ({ record: r.record, line: r.info.lines }));
  } catch (err) {
    const e = err as { code?: string; message?: string; lines?: number; column?: number | string };
    const line = typeof e.lines === "number" ? e.lines : 1;
    const column = typeof e.column === "number" ? e.column + 1 : 1;
    const msg = (e.message ?? String(err)).replace(/\s*(at|on) line \d+.*$/, "").replace(/\.$/, "");
    throw new InputError(file, where(line, column), `CSV syntax: ${msg}`);
  }
}

function commentLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.startsWith("#"))
    .map((l) => l.replace(/^#\s?/, ""));
}

function count(cell: string, line: number, column: number, file: string | undefined): number {
  const x = Number(cell);
  if (cell === "" || !Number.isFinite(x))
    throw new InputError(file, where(line, column), `not a finite number: "${cell}"`);
  if (x < 0) throw new InputError(file, where(line, column), `a count must be >= 0, got ${x}`);
  return x;
}

function addOutcome(
  b: Builder,
  nameA: string,
  nameB: string,
  task: string | undefined,
  winner: string,
  weight: number,
  line: number,
  file: string | undefined,
  winnerWhere: string,
): void {
  const i = b.model(nameA);
  const j = b.model(nameB);
  const cell = b.cell(i, j, b.task(task), line);
  if (winner === "model_a") cell.winsA += weight;
  else if (winner === "model_b") cell.winsB += weight;
  else if (winner === "tie" || winner === "tie (bothbad)") cell.ties += weight;
  else
    throw new InputError(
      file,
      winnerWhere,
      `winner must be one of ${WINNER_VALUES.map((v) => `"${v}"`).join(", ")}, got "${winner}"`,
    );
}

function parseBattlesCsv(
  rows: Array<{ record: string[]; line: number }>,
  file: string | undefined,
  comments: string[],
): PairwiseData {
  const header = rows[0]!;
  const col = (name: string) => header.record.indexOf(name);
  for (const required of ["model_a", "model_b", "winner"]) {
    if (col(required) === -1)
      throw new InputError(
        file,
        where(header.line, 1),
        `header lacks the column "${required}" (long format: model_a, model_b, winner[, task][, weight]; WildBench: ${WILDBENCH_COLUMNS.join(", ")})`,
      );
  }
  const cA = col("model_a");
  const cB = col("model_b");
  const cW = col("winner");
  const cT = col("task") !== -1 ? col("task") : col("category");
  const cWt = col("weight");
  const b = new Builder();
  for (const { record, line } of rows.slice(1)) {
    if (record.length !== header.record.length) {
      throw new InputError(
        file,
        where(line, Math.min(record.length, header.record.length) + 1),
        `ragged row: ${record.length} cells, the header has ${header.record.length}`,
      );
    }
    const a = record[cA]!;
    const bb = record[cB]!;
    if (a === "") throw new InputError(file, where(line, cA + 1), "empty model name");
    if (bb === "") throw new InputError(file, where(line, cB + 1), "empty model name");
    if (a === bb) throw new InputError(file, where(line, cB + 1), `a model cannot face itself ("${a}")`);
    let weight = 1;
    if (cWt !== -1) {
      const w = record[cWt]!;
      weight = Number(w);
      if (w === "" || !Number.isFinite(weight) || weight < 0)
        throw new InputError(file, where(line, cWt + 1), `weight must be a finite number >= 0, got "${w}"`);
    }
    const task = cT === -1 || record[cT] === "" ? undefined : record[cT];
    addOutcome(b, a, bb, task, record[cW]!, weight, line, file, where(line, cW + 1));
  }
  return done(b, "battles", file, comments);
}

function parseWildBench(
  rows: Array<{ record: string[]; line: number }>,
  file: string | undefined,
  comments: string[],
): PairwiseData {
  const header = rows[0]!;
  WILDBENCH_COLUMNS.forEach((name, k) => {
    if (header.record[k] !== name)
      throw new InputError(
        file,
        where(header.line, k + 1),
        `WildBench layout expects column "${name}" here, got "${header.record[k] ?? ""}" (columns: ${WILDBENCH_COLUMNS.join(", ")})`,
      );
  });
  const b = new Builder();
  const seen = new Map<string, number>();
  for (const { record, line } of rows.slice(1)) {
    if (record.length !== WILDBENCH_COLUMNS.length) {
      throw new InputError(
        file,
        where(line, Math.min(record.length, WILDBENCH_COLUMNS.length) + 1),
        `ragged row: ${record.length} cells, the header has ${WILDBENCH_COLUMNS.length}`,
      );
    }
    const [model, reference, category] = record as [string, string, string];
    if (model === "") throw new InputError(file, where(line, 1), "empty model name");
    if (reference === "") throw new InputError(file, where(line, 2), "empty reference model name");
    if (category === "") throw new InputError(file, where(line, 3), "empty category");
    if (model === reference)
      throw new InputError(file, where(line, 2), `a model cannot face itself ("${model}")`);
    const key = `${model}\u0000${reference}\u0000${category}`;
    if (seen.has(key))
      throw new InputError(
        file,
        where(line, 1),
        `duplicate row for ${model} vs ${reference}, ${category} (also line ${seen.get(key)})`,
      );
    seen.set(key, line);
    const [winMuch, win, tie, lose, loseMuch, total] = record
      .slice(3)
      .map((c, k) => count(c, line, k + 4, file)) as [number, number, number, number, number, number];
    const judged = winMuch + win + tie + lose + loseMuch;
    if (total < judged)
      throw new InputError(
        file,
        where(line, 9),
        `total ${total} is less than the sum of the five verdict counts (${judged})`,
      );
    if (category !== WILDBENCH_OVERALL && total !== judged)
      throw new InputError(
        file,
        where(line, 9),
        `total ${total} differs from the sum of the five verdict counts (${judged}); only ${WILDBENCH_OVERALL} rows may count items without a verdict`,
      );
    const i = b.model(model);
    const j = b.model(reference);
    const cell = b.cell(i, j, category === WILDBENCH_OVERALL ? -1 : b.task(category), line);
    cell.winsA = winMuch + win;
    cell.ties = tie;
    cell.winsB = lose + loseMuch;
    cell.levels = { winMuch, win, tie, lose, loseMuch, total };
  }
  return done(b, "wildbench", file, comments);
}

/**
 * Refuses weights whose total overflows: every fit scales its tolerance and its sums by the total
 * weight, and an infinite total would be "converged" at once with meaningless ratings.
 */
function checkTotalWeight(b: Builder, file: string | undefined): void {
  let total = 0;
  for (const c of b.cells) {
    total += c.winsA + c.ties + c.winsB;
    if (!Number.isFinite(total))
      throw new InputError(
        file,
        `line ${c.line}`,
        "the total weight of the judgements overflows (exceeds about 1.8e308); scale the weights or counts down",
      );
  }
}

function done(
  b: Builder,
  format: PairwiseData["format"],
  file: string | undefined,
  comments: string[],
): PairwiseData {
  if (b.cells.length === 0) throw new InputError(file, undefined, "no judgements (only a header)");
  checkTotalWeight(b, file);
  return { format, file, comments, models: b.models, tasks: b.tasks, cells: b.cells };
}

function parseJsonLines(text: string, file: string | undefined): PairwiseData {
  const b = new Builder();
  const lines = text.split(/\r?\n/);
  const comments: string[] = [];
  lines.forEach((raw, k) => {
    const line = k + 1;
    const s = raw.trim();
    if (s === "") return;
    if (s.startsWith("#")) {
      comments.push(s.replace(/^#\s?/, ""));
      return;
    }
    let obj: unknown;
    try {
      obj = JSON.parse(s);
    } catch (err) {
      const m = /position (\d+)/.exec(String((err as Error).message));
      const column = m === null ? 1 : Number(m[1]) + 1 + (raw.length - raw.trimStart().length);
      throw new InputError(file, where(line, column), "not valid JSON");
    }
    if (obj === null || typeof obj !== "object" || Array.isArray(obj))
      throw new InputError(file, where(line, 1), "each line must be a JSON object");
    const o = obj as Record<string, unknown>;
    const str = (key: string, optional = false): string | undefined => {
      const v = o[key];
      if (v === undefined && optional) return undefined;
      if (typeof v !== "string" || v === "")
        throw new InputError(
          file,
          `line ${line}, $.${key}`,
          `must be a non-empty string, got ${JSON.stringify(v)}`,
        );
      return v;
    };
    const a = str("model_a")!;
    const bb = str("model_b")!;
    if (a === bb)
      throw new InputError(file, `line ${line}, $.model_b`, `a model cannot face itself ("${a}")`);
    const task = str("task", true) ?? str("category", true);
    let weight = 1;
    if (o.weight !== undefined) {
      if (typeof o.weight !== "number" || !Number.isFinite(o.weight) || o.weight < 0)
        throw new InputError(
          file,
          `line ${line}, $.weight`,
          `must be a finite number >= 0, got ${JSON.stringify(o.weight)}`,
        );
      weight = o.weight;
    }
    const winner = o.winner;
    if (typeof winner !== "string")
      throw new InputError(file, `line ${line}, $.winner`, `must be a string, got ${JSON.stringify(winner)}`);
    addOutcome(b, a, bb, task, winner, weight, line, file, `line ${line}, $.winner`);
  });
  if (b.cells.length === 0) throw new InputError(file, undefined, "no judgements");
  checkTotalWeight(b, file);
  return { format: "battles", file, comments, models: b.models, tasks: b.tasks, cells: b.cells };
}

/**
 * Parses pairwise judgements: JSON Lines when the first non-comment, non-blank line starts with `{`,
 * otherwise CSV (long format when the header has `model_a`, WildBench layout when it has `win_much`).
 *
 * @throws InputError naming the file and `line L, column C` (JSON Lines: `line L, $.key`) for syntax
 *   errors, ragged rows, unknown winners, negative or non-numeric counts and weights, a total weight that
 *   overflows, a model against
 *   itself, duplicate WildBench rows, and files without judgements.
 * @example
 * const data = parsePairwise("model_a,model_b,winner\nA,B,model_a\nB,A,tie\n", "b.csv");
 * data.cells; // [{ a: 0, b: 1, task: -1, winsA: 1, ties: 0, winsB: 0, line: 2 }, { a: 1, b: 0, ... ties: 1 }]
 */
export function parsePairwise(text: string, file?: string): PairwiseData {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.startsWith("#"));
  if (first === undefined) throw new InputError(file, "line 1, column 1", "empty file (no header)");
  if (first.trim().startsWith("{")) return parseJsonLines(text, file);
  const rows = csvRecords(text, file);
  const comments = commentLines(text);
  const header = rows[0]!;
  if (header.record.includes("win_much")) return parseWildBench(rows, file, comments);
  return parseBattlesCsv(rows, file, comments);
}

/**
 * Reads pairwise judgements from a file (see `parsePairwise`).
 *
 * @throws InputError when the file cannot be read or is malformed.
 * @example
 * const wb = readPairwise("data/wildbench_v2_pairwise_by_category.csv");
 * wb.tasks.length; // 5
 */
export function readPairwise(path: string): PairwiseData {
  return parsePairwise(readTextFile(path), path);
}

/**
 * The WildBench reward of one row: `(win_much + 0.5 win - 0.5 lose - lose_much) / total`, in
 * `[-1, 1]` (the source's formula; items without a verdict count 0 but stay in `total`).
 *
 * @throws InputError when the cell has no five-level counts (not WildBench input) or `total` is 0.
 * @example
 * wildbenchReward({ winMuch: 78, win: 66, tie: 2, lose: 21, loseMuch: 6, total: 173 }); // 0.5462...
 */
export function wildbenchReward(levels: VerdictLevels | undefined): number {
  if (levels === undefined) throw new InputError(undefined, "levels", "no five-level verdict counts");
  if (!(levels.total > 0)) throw new InputError(undefined, "total", "must be > 0");
  return (levels.winMuch + 0.5 * levels.win - 0.5 * levels.lose - levels.loseMuch) / levels.total;
}

/** How pairwise models line up with a score table's models. */
export interface ModelMatch {
  /** Models in both, in score-table order. */
  common: string[];
  /** In the pairwise data only. */
  pairwiseOnly: string[];
  /** In the score table only. */
  tableOnly: string[];
}

/**
 * Lines up the models of pairwise data and of a score table by name.
 *
 * @example
 * matchModels(["A", "B", "C"], ["B", "C", "D"]); // { common: ["B", "C"], pairwiseOnly: ["A"], tableOnly: ["D"] }
 */
export function matchModels(pairwiseModels: readonly string[], tableModels: readonly string[]): ModelMatch {
  const p = new Set(pairwiseModels);
  const t = new Set(tableModels);
  return {
    common: tableModels.filter((m) => p.has(m)),
    pairwiseOnly: pairwiseModels.filter((m) => !t.has(m)),
    tableOnly: tableModels.filter((m) => !p.has(m)),
  };
}

/**
 * A one-line description of unmatched models, e.g. for a warning: `pairwise only: A, B; table only: C`,
 * or `""` when every model matches.
 *
 * @example
 * describeModelMatch({ common: ["B"], pairwiseOnly: ["A"], tableOnly: [] }); // "in the pairwise data, not the score table: A"
 */
export function describeModelMatch(m: ModelMatch): string {
  const parts: string[] = [];
  if (m.pairwiseOnly.length > 0)
    parts.push(`in the pairwise data, not the score table: ${m.pairwiseOnly.join(", ")}`);
  if (m.tableOnly.length > 0)
    parts.push(`in the score table, not the pairwise data: ${m.tableOnly.join(", ")}`);
  return parts.join("; ");
}
