/**
 * CSV pairwise judgements, read block by block (`csvBlocks`) and folded into cells as they stream:
 *
 * - long format (arena style): `model_a, model_b` and `winner` (`model_a`, `model_b`, `tie`,
 *   `tie (bothbad)`) or `preference` (the probability that model_a wins, in [0, 1]); optional `task`
 *   (or `category`) and `weight`;
 * - AlpacaEval annotations as CSV: `generator_1, generator_2, preference` on AlpacaEval's scale (1:
 *   generator_1 wins, 2: generator_2 wins, values between are soft, 0 or 1.5 a draw, empty: no
 *   verdict, skipped with a count), `dataset` as the task;
 * - WildBench counts: `model, reference, category, win_much, win, tie, lose, lose_much, total`.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { InputError } from "../errors.js";
import { checkHeaderNames, openQuote } from "./csv-diagnostics.js";
import { readDecimal } from "./decimal.js";
import { PairwiseBuilder } from "./pairwise-builder.js";
import { plainLongReader } from "./pairwise-fast.js";
import { csvBlocks } from "./pairwise-stream.js";
import type { PairwiseData, ReadPairwiseOptions } from "./pairwise-types.js";
import {
  alpacaOutcome,
  checkedWeight,
  type FieldError,
  type Outcome,
  probabilityOutcome,
  winnerOutcome,
} from "./pairwise-verdict.js";

export { WINNER_VALUES } from "./pairwise-verdict.js";

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

type Rec = { record: string[]; line: number };

function where(line: number, column: number): string {
  return `line ${line}, column ${column}`;
}

const isBlank = (c: number) => c === 32 || c === 9;

/**
 * The line of `text` that begins at `start`: `end`, the index of its newline (or the text's length),
 * `stop`, where its content ends (before a CR), and `stop` again as `-1` when it is no record (blank or
 * whitespace only, as csv-parse's skip_empty_lines with trim skips, or a `#` comment).
 */
function lineAt(text: string, start: number): { end: number; stop: number } {
  let end = text.indexOf("\n", start);
  if (end === -1) end = text.length;
  let stop = end;
  if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
  let first = start;
  while (first < stop && isBlank(text.charCodeAt(first))) first++;
  return { end, stop: first < stop && text.charCodeAt(start) !== 35 ? stop : -1 };
}

/** Records of a block without quotes: lines split at commas, fields trimmed, blank and `#` lines skipped. */
function splitPlain(text: string, firstLine: number): Rec[] {
  const out: Rec[] = [];
  let start = 0;
  let line = firstLine;
  while (start < text.length) {
    const { end, stop } = lineAt(text, start);
    if (stop !== -1) {
      const record = text.slice(start, stop).split(",");
      for (let k = 0; k < record.length; k++) {
        const f = record[k]!;
        if (f.length > 0 && (isBlank(f.charCodeAt(0)) || isBlank(f.charCodeAt(f.length - 1))))
          record[k] = f.trim();
      }
      out.push({ record, line });
    }
    line++;
    start = end + 1;
  }
  return out;
}

/** One block's records with file line numbers and one-line syntax errors. */
function blockRecords(text: string, firstLine: number, file: string | undefined): Rec[] {
  const options = {
    comment: "#",
    comment_no_infix: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  } as const;
  // fast path: without quotes every record is one physical line and a field is the text between
  // commas (trimmed, as csv-parse's trim option does), so the block is split directly; arena logs of
  // millions of rows spend most of their reading time here
  if (!text.includes('"')) return splitPlain(text, firstLine);
  try {
    const rows = parseCsv(text, { ...options, info: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    return rows.map((r) => ({ record: r.record, line: firstLine - 1 + r.info.lines }));
  } catch (err) {
    const e = err as { code?: string; message?: string; lines?: number; column?: number | string };
    if (e.code === "CSV_QUOTE_NOT_CLOSED") {
      const [l, c] = openQuote(text);
      throw new InputError(file, where(firstLine + l, c), "CSV syntax: this quote is never closed");
    }
    const line = firstLine - 1 + (typeof e.lines === "number" ? e.lines : 1);
    const column = typeof e.column === "number" ? e.column + 1 : 1;
    const msg = (e.message ?? String(err)).replace(/\s*(at|on) line \d+.*$/, "").replace(/\.$/, "");
    throw new InputError(file, where(line, column), `CSV syntax: ${msg}`);
  }
}

/** A cell read by the one decimal parser: no hexadecimal, no silent underflow to 0. */
function decimalCell(
  cell: string,
  line: number,
  column: number,
  file: string | undefined,
  what = "",
): number {
  const r = readDecimal(cell.trim());
  if (r.problem !== undefined) throw new InputError(file, where(line, column), `${what}${r.problem}`);
  return r.value;
}

function count(cell: string, line: number, column: number, file: string | undefined): number {
  const x = decimalCell(cell, line, column, file);
  if (x < 0) throw new InputError(file, where(line, column), `a count must be >= 0, got ${x}`);
  return x;
}

/** A row handler for one layout, built from the header. */
type RowHandler = (rec: Rec, b: PairwiseBuilder) => void;

function checkRagged(rec: Rec, width: number, file: string | undefined): void {
  if (rec.record.length !== width)
    throw new InputError(
      file,
      where(rec.line, Math.min(rec.record.length, width) + 1),
      `ragged row: ${rec.record.length} cells, the header has ${width}`,
    );
}

/** The columns `[a side, b side]` of control `name` in a header (`-1` when absent). */
function controlColumns(header: string[], name: string, alpaca: boolean): [number, number] {
  const [sa, sb] = alpaca ? ["1", "2"] : ["a", "b"];
  const base = alpaca && name === "length" ? "len" : name;
  return [header.indexOf(`${base}_${sa}`), header.indexOf(`${base}_${sb}`)];
}

/** The columns of the long format (and AlpacaEval's), found in the header; `-1` when absent. */
interface LongColumns {
  alpaca: boolean;
  width: number;
  a: number;
  b: number;
  winner: number;
  preference: number;
  task: number;
  weight: number;
  cluster: number;
  /** `[a side, b side]` of each control covariate, in the order of the options. */
  controls: Array<[number, number]>;
}

function longColumns(header: Rec, b: PairwiseBuilder, alpaca: boolean): LongColumns {
  const file = b.file;
  const h = header.record;
  const col = (name: string) => h.indexOf(name);
  const [nameA, nameB] = alpaca ? ["generator_1", "generator_2"] : ["model_a", "model_b"];
  const winner = alpaca ? -1 : col("winner");
  const preference = col("preference");
  const missing = [nameA, nameB].filter((n) => col(n) === -1);
  if (winner === -1 && preference === -1) missing.push(alpaca ? "preference" : "winner (or preference)");
  const separator = h.length === 1 ? ([";", "\t"] as const).find((x) => h[0]!.includes(x)) : undefined;
  if (missing.length > 0 && separator !== undefined)
    throw new InputError(
      file,
      where(header.line, 1),
      `the header is one field holding ${separator === ";" ? "semicolons" : "tabs"}: the file looks ${separator === ";" ? "semicolon" : "tab"}-separated, and CSV needs commas (header lacks the column "${missing[0]}")`,
    );
  if (missing.length > 0)
    throw new InputError(
      file,
      where(header.line, 1),
      `header lacks the column "${missing[0]}" (long format: model_a, model_b, winner or preference[, task][, weight]; AlpacaEval: generator_1, generator_2, preference; WildBench: ${WILDBENCH_COLUMNS.join(", ")})`,
    );
  const opts = b.options;
  // the covariates first: a file without them cannot serve a controlled fit, whatever its clusters
  const controls = (opts.controls ?? []).map((name) => {
    const cs = controlColumns(h, name, alpaca);
    if (cs[0] === -1 || cs[1] === -1) {
      const [x, y] = alpaca
        ? [`${name === "length" ? "len" : name}_1`, `${name === "length" ? "len" : name}_2`]
        : [`${name}_a`, `${name}_b`];
      throw new InputError(
        file,
        where(header.line, 1),
        `control "${name}" needs the columns ${x} and ${y}`,
        "controls",
      );
    }
    return cs;
  });
  let cluster = opts.cluster === undefined ? -1 : col(opts.cluster);
  if (cluster === -1 && alpaca && opts.clusterFallback !== undefined) cluster = col(opts.clusterFallback);
  if (opts.cluster !== undefined && cluster === -1)
    throw new InputError(
      file,
      where(header.line, 1),
      `no cluster column "${opts.cluster}" (columns: ${h.join(", ")})`,
      "cluster",
    );
  return {
    alpaca,
    width: h.length,
    a: col(nameA),
    b: col(nameB),
    winner,
    preference,
    task: alpaca ? col("dataset") : col("task") !== -1 ? col("task") : col("category"),
    weight: col("weight"),
    cluster,
    controls,
  };
}

/**
 * The verdict of one long-format row (`null`: an AlpacaEval row without a verdict), checked as every
 * reader checks it (pairwise-verdict.ts), with the problem at the row's line and the field's column.
 */
function longOutcome(
  c: LongColumns,
  record: string[],
  line: number,
  file: string | undefined,
): Outcome | null {
  const fail: FieldError = (field, problem) =>
    new InputError(
      file,
      where(line, (field === "winner" ? c.winner : c.preference) + 1),
      `${field} ${problem}`,
    );
  const pref = c.preference === -1 ? "" : record[c.preference]!;
  if (c.alpaca) {
    if (pref === "") return null;
    return alpacaOutcome(decimalCell(pref, line, c.preference + 1, file, "preference: "), `"${pref}"`, fail);
  }
  if (pref !== "" && c.winner !== -1 && record[c.winner] !== "")
    throw new InputError(
      file,
      where(line, c.winner + 1),
      `winner "${record[c.winner]}" given with preference "${pref}" (column ${c.preference + 1}): a row gives one verdict, winner or preference (docs/pairwise.md)`,
    );
  if (pref !== "")
    return probabilityOutcome(
      decimalCell(pref, line, c.preference + 1, file, "preference: "),
      `"${pref}"`,
      fail,
    );
  if (c.winner === -1) throw new InputError(file, where(line, c.preference + 1), "empty preference");
  return winnerOutcome(record[c.winner]!, fail);
}

/** One long-format row into the builder. */
function longRow(c: LongColumns, { record, line }: Rec, builder: PairwiseBuilder): void {
  const file = builder.file;
  checkRagged({ record, line }, c.width, file);
  const a = record[c.a]!;
  const bb = record[c.b]!;
  if (a === "") throw new InputError(file, where(line, c.a + 1), "empty model name");
  if (bb === "") throw new InputError(file, where(line, c.b + 1), "empty model name");
  let weight = 1;
  if (c.weight !== -1) {
    const w = record[c.weight]!;
    weight = checkedWeight(
      decimalCell(w, line, c.weight + 1, file, "weight: "),
      `"${w}"`,
      (field, problem) => {
        return new InputError(file, where(line, c.weight + 1), `${field} ${problem}`);
      },
    );
  }
  const outcome = longOutcome(c, record, line, file);
  if (outcome === null) {
    builder.skippedNoVerdict++;
    return;
  }
  const controls = c.controls.map(([x, y]): [number, number] => {
    return [decimalCell(record[x]!, line, x + 1, file), decimalCell(record[y]!, line, y + 1, file)];
  });
  builder.add({
    a,
    b: bb,
    task: c.task === -1 || record[c.task] === "" ? undefined : record[c.task],
    outcome,
    weight,
    cluster: c.cluster === -1 ? undefined : record[c.cluster],
    controls,
    line,
    whereB: where(line, c.b + 1),
  });
}

function longFormat(header: Rec, b: PairwiseBuilder, alpaca: boolean): RowHandler {
  const columns = longColumns(header, b, alpaca);
  return (rec, builder) => longRow(columns, rec, builder);
}

/**
 * The fast reader of quote-free blocks (pairwise-fast.ts) for a long-format header whose rows need
 * only model_a, model_b, winner and the task, or `undefined` when the header asks for more.
 */
function plainReader(
  header: Rec,
  b: PairwiseBuilder,
  handler: RowHandler,
): ((text: string, firstLine: number) => void) | undefined {
  const c = longColumns(header, b, false);
  if (c.preference !== -1 || c.weight !== -1 || c.cluster !== -1 || c.controls.length > 0) return undefined;
  return plainLongReader(c, b, (line, lineNumber) => {
    for (const rec of splitPlain(line, lineNumber)) handler(rec, b);
  });
}

/** Where the first record ends in a quote-free block: after the first line that is not blank or a comment. */
function afterFirstRecord(text: string): number {
  let start = 0;
  while (start < text.length) {
    const { end, stop } = lineAt(text, start);
    if (stop !== -1) return end + 1;
    start = end + 1;
  }
  return text.length;
}

function wildBench(header: Rec, b: PairwiseBuilder): RowHandler {
  const file = b.file;
  WILDBENCH_COLUMNS.forEach((name, k) => {
    if (header.record[k] !== name)
      throw new InputError(
        file,
        where(header.line, k + 1),
        `WildBench layout expects column "${name}" here, got "${header.record[k] ?? ""}" (columns: ${WILDBENCH_COLUMNS.join(", ")})`,
      );
  });
  if (b.options.cluster !== undefined || (b.options.controls ?? []).length > 0)
    throw new InputError(
      file,
      undefined,
      "WildBench counts have no rows per judgement: no cluster column and no control covariates",
    );
  const seen = new Map<string, number>();
  return ({ record, line }, builder) => {
    checkRagged({ record, line }, WILDBENCH_COLUMNS.length, file);
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
    const i = builder.model(model);
    const j = builder.model(reference);
    const cell = builder.cell(i, j, category === WILDBENCH_OVERALL ? -1 : builder.task(category), line);
    cell.winsA = winMuch + win;
    cell.ties = tie;
    cell.winsB = lose + loseMuch;
    cell.levels = { winMuch, win, tie, lose, loseMuch, total };
  };
}

/**
 * Reads CSV pairwise judgements from text chunks (see the module comment for the layouts).
 *
 * @throws InputError naming the file and `line L, column C`: syntax, a missing column, ragged rows,
 *   unknown winners, preferences out of range, bad counts or weights, a model against itself
 *   (unless `skipSelf`), duplicate WildBench rows, no judgements.
 * @example
 * parseCsvPairwise(["model_a,model_b,preference\nA,B,0.7\n"], "p.csv").cells[0].soft; // { p: [0.7], w: [1] }
 */
export function parseCsvPairwise(
  chunks: Iterable<string>,
  file: string | undefined,
  options: ReadPairwiseOptions = {},
): PairwiseData {
  const b = new PairwiseBuilder(file, options);
  const comments: string[] = [];
  let handler: RowHandler | undefined;
  let plain: ((text: string, firstLine: number) => void) | undefined;
  let format: PairwiseData["format"] = "battles";
  for (const [block, blockLine] of csvBlocks(chunks)) {
    if (block.startsWith("#") || block.includes("\n#"))
      for (const l of block.split(/\r?\n/)) if (l.startsWith("#")) comments.push(l.replace(/^#\s?/, ""));
    let text = block;
    let firstLine = blockLine;
    if (handler === undefined && !block.includes('"')) {
      // the header alone first, so that the rest of its block can take the fast path
      const cut = afterFirstRecord(block);
      text = block.slice(0, cut);
      for (let k = text.indexOf("\n"); k !== -1; k = text.indexOf("\n", k + 1)) firstLine++;
      for (const rec of splitPlain(text, blockLine))
        if (handler === undefined) ({ handler, plain, format } = headerOf(rec, b));
        else handler(rec, b);
      text = block.slice(cut);
    }
    if (plain !== undefined && !text.includes('"')) {
      plain(text, firstLine);
      continue;
    }
    for (const rec of blockRecords(text, firstLine, file)) {
      if (handler !== undefined) {
        handler(rec, b);
        continue;
      }
      ({ handler, plain, format } = headerOf(rec, b));
    }
  }
  if (handler === undefined) throw new InputError(file, "line 1, column 1", "empty file (no header)");
  return b.done(format, comments);
}

/** The row handler, the fast reader when it applies, and the layout, from the header record. */
function headerOf(
  rec: Rec,
  b: PairwiseBuilder,
): {
  handler: RowHandler;
  plain: ((text: string, firstLine: number) => void) | undefined;
  format: PairwiseData["format"];
} {
  checkHeaderNames(rec, b.file);
  if (rec.record.includes("win_much"))
    return { handler: wildBench(rec, b), plain: undefined, format: "wildbench" };
  if (rec.record.includes("generator_1"))
    return { handler: longFormat(rec, b, true), plain: undefined, format: "alpacaeval" };
  const handler = longFormat(rec, b, false);
  return { handler, plain: plainReader(rec, b, handler), format: "battles" };
}
