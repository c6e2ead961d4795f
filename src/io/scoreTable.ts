/**
 * Model x task score tables (CSV, read with csv-parse) as markets: `#` lines are comments, the header
 * row names the tasks (its first cell names the model column), each further row is a model and its
 * scores.
 */

import { parse } from "csv-parse/sync";
import { InputError } from "../errors.js";
import type { Market, SelectionRule } from "../model/types.js";
import { inputName, readTextFile } from "../textFile.js";
import { readDecimal } from "./decimal.js";

/** How raw scores become qualities in `[0, cap]`. */
export type Normalization =
  /** Scores are used as they are; every task's cap is the largest score in the table. */
  | { kind: "none" }
  /** Per task: `(x - min_t) / (max_t - min_t)` (a constant column becomes 0); caps 1. */
  | { kind: "minmax" }
  /** `x / max` with `max` the scale's maximum (default: the largest score in the table); caps 1. */
  | { kind: "scale"; max?: number };

/** A parsed score table. */
export interface ScoreTable {
  /** The comment lines (without `# `), e.g. the source line. */
  comments: string[];
  tasks: string[];
  models: string[];
  /** `scores[model][task]`. */
  scores: number[][];
}

/** One CSV record with the line it starts on. */
interface CsvRow {
  cells: string[];
  line: number;
}

/** csv-parse's error codes, in words. */
const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "unterminated quoted cell (no closing double quote before the end of the file)",
  CSV_INVALID_CLOSING_QUOTE:
    'text after the closing quote of a quoted cell (write a quote inside a quoted cell as "")',
  INVALID_OPENING_QUOTE: 'a double quote inside an unquoted cell (quote the whole cell: "a ""b"" c")',
};

const LINE_BREAK = /\r\n|\n|\r/g;

/** The records of CSV text (RFC 4180: quotes, CRLF, a BOM), each with the line it starts on. */
function csvRows(text: string, file: string): { rows: CsvRow[]; continuation: Set<number> } {
  let records: Array<{ record: string[]; raw: string }>;
  try {
    records = parse(text, {
      bom: true,
      comment: "#",
      // `#` starts a comment only at the start of a line: `A,8 # note` is a cell, not a comment
      comment_no_infix: true,
      relax_column_count: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      raw: true,
    }) as unknown as Array<{ record: string[]; raw: string }>;
  } catch (err) {
    const e = err as { code?: unknown; lines?: number; column?: number; message?: string };
    // only csv-parse's own errors are about the input; anything else is a bug to report
    if (typeof e.code !== "string" || !/^(CSV_|INVALID_)/.test(e.code)) throw err;
    const where = `line ${e.lines ?? 1}${typeof e.column === "number" ? `, column ${e.column + 1}` : ""}`;
    const problem = CSV_PROBLEMS[e.code] ?? `malformed CSV: ${String(e.message ?? err)}`;
    throw new InputError(file, where, problem.replace(/\s+/g, " "));
  }
  const rows: CsvRow[] = [];
  // lines inside a quoted cell that spans lines: a `#` there is text, not a comment
  const continuation = new Set<number>();
  // Line numbers are counted here from the raw text of each record (which includes the comment lines
  // before it), CRLF as one break: csv-parse's own count takes CRLF inside a quoted cell as two.
  const breaks = (s: string) => s.match(LINE_BREAK)?.length ?? 0;
  let before = 0;
  for (const { record, raw } of records) {
    before += breaks(raw);
    const last = /(\r\n|\n|\r)$/.test(raw) ? before : before + 1;
    const line = last - record.reduce((n, cell) => n + breaks(cell), 0);
    for (let l = line + 1; l <= last; l++) continuation.add(l);
    rows.push({ cells: record, line });
  }
  return { rows, continuation };
}

/**
 * Parses CSV text into a score table: RFC 4180 CSV (quoted cells, `""` inside quotes, CRLF or LF
 * line ends, a byte-order mark) read by `csv-parse`; lines that start with `#` are comments; blank
 * lines are skipped; cells are trimmed of white space (any Unicode white space); every score must be
 * a decimal number (`decimal.ts`: no `0x8`, `Infinity` or empty cells). Errors name the file and
 * `line L, column C` (C counts cells, from 1).
 *
 * @throws InputError for malformed CSV, a ragged row, an empty or duplicate name, a cell that is not
 *   a decimal number, or a table without a header or model rows.
 * @example
 * parseScoreTable("model,code,law\nA,0.9,0.1\nB,0.2,0.8\n", "t.csv").models; // ["A", "B"]
 */
export function parseScoreTable(text: string, file: string): ScoreTable {
  const { rows, continuation } = csvRows(text, file);
  const comments: string[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(LINE_BREAK);
  lines.forEach((line, k) => {
    if (line.startsWith("#") && !continuation.has(k + 1)) comments.push(line.replace(/^#\s?/, ""));
  });
  let header: string[] | undefined;
  const models: string[] = [];
  const scores: number[][] = [];
  const seenModels = new Map<string, number>();
  for (const row of rows) {
    const lineNo = row.line;
    const cells = row.cells.map((c) => c.trim());
    if (cells.length === 1 && cells[0] === "") continue; // a blank line
    if (header === undefined) {
      if (cells.length < 2)
        throw new InputError(file, `line ${lineNo}`, "header needs a model column and at least one task");
      const seen = new Map<string, number>();
      cells.forEach((c, j) => {
        if (c === "" && j > 0)
          throw new InputError(file, `line ${lineNo}, column ${j + 1}`, "empty task name");
        if (j > 0 && seen.has(c)) {
          throw new InputError(
            file,
            `line ${lineNo}, column ${j + 1}`,
            `duplicate task name "${c}" (also column ${seen.get(c)! + 1})`,
          );
        }
        seen.set(c, j);
      });
      header = cells;
      continue;
    }
    if (cells.length !== header.length) {
      // the column of the first extra cell, or of the first missing one
      const col = Math.min(cells.length, header.length) + 1;
      throw new InputError(
        file,
        `line ${lineNo}, column ${col}`,
        `ragged row: ${cells.length} cells, the header has ${header.length}`,
      );
    }
    const name = cells[0]!;
    if (name === "") throw new InputError(file, `line ${lineNo}, column 1`, "empty model name");
    if (seenModels.has(name)) {
      throw new InputError(
        file,
        `line ${lineNo}, column 1`,
        `duplicate model name "${name}" (also line ${seenModels.get(name)})`,
      );
    }
    seenModels.set(name, lineNo);
    const scoresOfRow = cells.slice(1).map((c, j) => {
      const r = readDecimal(c);
      if (r.problem !== undefined) throw new InputError(file, `line ${lineNo}, column ${j + 2}`, r.problem);
      return r.value;
    });
    models.push(name);
    scores.push(scoresOfRow);
  }
  // an empty table is reported at the end of the input, where the missing row was expected
  const end = `line ${text === "" || /(\r\n|\n|\r)$/.test(text) ? lines.length : lines.length + 1}, column 1`;
  if (header === undefined) throw new InputError(file, end, "empty table (no header row)");
  if (models.length === 0) throw new InputError(file, end, "empty table (no model rows)");
  return { comments, tasks: header.slice(1), models, scores };
}

/**
 * Reads a score table from a file.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const table = readScoreTable("data/mtbench101_task_scores.csv");
 */
export function readScoreTable(path: string): ScoreTable {
  const text = readTextFile(path);
  return parseScoreTable(text, inputName(path));
}

/** Options for turning a score table into a market. */
export interface ScoreTableMarketOptions {
  normalization?: Normalization;
  /** Task weights in task order, or by task name; uniform when absent. Normalised to sum to 1. */
  weights?: number[] | Record<string, number>;
  selection: SelectionRule;
  /** File name for error messages. */
  file?: string;
}

/**
 * A market whose producers are the table's models (fixed qualities) and whose tasks are its columns.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const market = scoreTableMarket(table, { selection: { rule: "logit", beta: 10 }, normalization: { kind: "scale", max: 10 } });
 */
export function scoreTableMarket(table: ScoreTable, opts: ScoreTableMarketOptions): Market {
  const norm = opts.normalization ?? { kind: "scale" };
  const T = table.tasks.length;
  let tableMax = Number.NEGATIVE_INFINITY;
  let tableMin = Number.POSITIVE_INFINITY;
  for (const row of table.scores)
    for (const x of row) {
      tableMax = Math.max(tableMax, x);
      tableMin = Math.min(tableMin, x);
    }
  let qualities: number[][];
  let caps: number[];
  if (norm.kind === "minmax") {
    const lo = new Array<number>(T).fill(Number.POSITIVE_INFINITY);
    const hi = new Array<number>(T).fill(Number.NEGATIVE_INFINITY);
    for (const row of table.scores)
      row.forEach((x, t) => {
        lo[t] = Math.min(lo[t]!, x);
        hi[t] = Math.max(hi[t]!, x);
      });
    qualities = table.scores.map((row) =>
      row.map((x, t) => (hi[t]! > lo[t]! ? (x - lo[t]!) / (hi[t]! - lo[t]!) : 0)),
    );
    caps = new Array<number>(T).fill(1);
  } else {
    if (tableMin < 0) {
      throw new InputError(
        opts.file,
        "normalization",
        `scores go down to ${tableMin}; qualities must be >= 0 (use normalization "minmax")`,
      );
    }
    if (norm.kind === "none") {
      qualities = table.scores.map((row) => row.slice());
      caps = new Array<number>(T).fill(tableMax > 0 ? tableMax : 1);
    } else {
      const max = norm.max ?? tableMax;
      if (!(max > 0))
        throw new InputError(opts.file, "normalization", `scale maximum must be > 0, got ${max}`);
      if (tableMax > max)
        throw new InputError(
          opts.file,
          "normalization",
          `a score ${tableMax} exceeds the scale maximum ${max}`,
        );
      qualities = table.scores.map((row) => row.map((x) => x / max));
      caps = new Array<number>(T).fill(1);
    }
  }
  let weights = new Array<number>(T).fill(1);
  if (Array.isArray(opts.weights)) {
    if (opts.weights.length !== T)
      throw new InputError(undefined, "weights", `gives ${opts.weights.length} weights for ${T} tasks`);
    weights = opts.weights.slice();
  } else if (opts.weights !== undefined) {
    const given = opts.weights;
    for (const name of Object.keys(given)) {
      if (!table.tasks.includes(name)) throw new InputError(undefined, "weights", `unknown task "${name}"`);
    }
    weights = table.tasks.map((name) => {
      const w = Object.hasOwn(given, name) ? given[name] : undefined;
      if (w === undefined) throw new InputError(undefined, "weights", `no weight for task "${name}"`);
      return w;
    });
  }
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0)
      throw new InputError(undefined, "weights", `weights must be finite and >= 0, got ${w}`);
  }
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new InputError(undefined, "weights", "all task weights are zero");
  return {
    tasks: table.tasks.map((name, t) => ({ name, weight: weights[t]! / total, cap: caps[t]! })),
    selection: opts.selection,
    producers: table.models.map((name, i) => ({ name, quality: qualities[i]!, space: { kind: "fixed" } })),
  };
}
