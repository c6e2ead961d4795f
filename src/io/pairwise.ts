/**
 * Pairwise judgements (docs/pairwise.md): battle logs in long format (CSV, JSON Lines, JSON arrays such
 * as FastChat's cleaned battle file), AlpacaEval annotations (CSV or `annotations.json`) and WildBench
 * aggregated verdict counts, read into one aggregated form, `PairwiseData`: per (model, opponent, task)
 * the weight of wins, ties, losses and soft preferences. Files are read in chunks and aggregated as
 * they stream (`pairwise-stream.ts`, `pairwise-builder.ts`), so memory grows with models x tasks, not
 * with the number of judgements; the layouts are in `pairwise-csv.ts` and `pairwise-json.ts`.
 */
import { InputError } from "../errors.js";
import { inputName } from "../textFile.js";
import { parseCsvPairwise } from "./pairwise-csv.js";
import { parseJsonArrayPairwise, parseJsonLinesPairwise } from "./pairwise-json.js";
import { DEFAULT_CHUNK_BYTES, fileChunks } from "./pairwise-stream.js";
import type { PairwiseData, ReadPairwiseOptions, VerdictLevels } from "./pairwise-types.js";

export { WILDBENCH_OVERALL, WINNER_VALUES } from "./pairwise-csv.js";
export type {
  ClusterIndex,
  ControlRows,
  PairwiseCell,
  PairwiseData,
  PairwiseWarning,
  ReadPairwiseOptions,
  VerdictLevels,
} from "./pairwise-types.js";
export { pairwiseWarningText } from "./pairwise-types.js";

/** The first character that is not blank and not on a comment line, or `undefined`. */
function firstSignificant(chunks: Iterable<string>): string | undefined {
  let atLineStart = true;
  let inComment = false;
  for (const chunk of chunks) {
    for (const ch of chunk) {
      if (ch === "\n") {
        atLineStart = true;
        inComment = false;
        continue;
      }
      if (inComment) continue;
      if (atLineStart && ch === "#") {
        inComment = true;
        continue;
      }
      if (ch === " " || ch === "\t" || ch === "\r" || ch === "\ufeff") {
        atLineStart = false;
        continue;
      }
      return ch;
    }
  }
  return undefined;
}

/**
 * Reads `source` once: the chunks the format's sniffing reads are kept and handed again, before the
 * rest of the stream, to the reader of the format. A pipe, a FIFO or standard input cannot be opened
 * twice, so the file is never re-read from its start.
 */
function parseChunks(
  source: Iterable<string>,
  file: string | undefined,
  options: ReadPairwiseOptions,
): PairwiseData {
  const it = source[Symbol.iterator]();
  const head: string[] = [];
  let ended = false;
  function* sniffed(): Generator<string> {
    for (;;) {
      const r = it.next();
      if (r.done === true) {
        ended = true;
        return;
      }
      head.push(r.value);
      yield r.value;
    }
  }
  function* whole(): Generator<string> {
    try {
      yield* head;
      head.length = 0;
      if (!ended) for (let r = it.next(); r.done !== true; r = it.next()) yield r.value;
    } finally {
      it.return?.();
    }
  }
  let first: string | undefined;
  try {
    first = firstSignificant(sniffed());
  } catch (err) {
    it.return?.();
    throw err;
  }
  if (first === undefined) {
    it.return?.();
    throw new InputError(file, "line 1, column 1", "empty file (no header)");
  }
  if (first === "{") return parseJsonLinesPairwise(whole(), file, options);
  if (first === "[") return parseJsonArrayPairwise(whole(), file, options);
  return parseCsvPairwise(whole(), file, options);
}

/**
 * Parses pairwise judgements: JSON Lines when the first non-comment, non-blank character is `{`, a
 * JSON array when it is `[`, otherwise CSV (long format when the header has `model_a`, AlpacaEval when
 * it has `generator_1`, WildBench layout when it has `win_much`).
 *
 * @throws InputError naming the file and `line L, column C` (JSON: `line L, $.key` or
 *   `line L, $[k].key`) for syntax errors, ragged rows, unknown winners, preferences out of range,
 *   negative or non-numeric counts and weights, a total weight that overflows, a model against itself
 *   (unless `skipSelf`), duplicate WildBench rows, and files without judgements.
 * @example
 * const data = parsePairwise("model_a,model_b,winner\nA,B,model_a\nB,A,tie\n", "b.csv");
 * data.cells; // [{ a: 0, b: 1, task: -1, winsA: 1, ties: 0, winsB: 0, line: 2 }, { a: 1, b: 0, ... ties: 1 }]
 */
export function parsePairwise(text: string, file?: string, options: ReadPairwiseOptions = {}): PairwiseData {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return parseChunks([t], file, options);
}

/**
 * Reads pairwise judgements from a file (see `parsePairwise`), streaming it in chunks of
 * `options.chunkBytes` (default 1 MiB): memory grows with the models, tasks and distinct soft
 * preferences, plus one entry per row only for what must be kept per row (clusters, controls). The
 * file is read once, from start to end, so a pipe, a FIFO, `/dev/stdin` or a process substitution
 * reads as a file does; the path `-` is standard input (messages name it `<stdin>`).
 *
 * @throws InputError when the file cannot be read or is malformed.
 * @example
 * const wb = readPairwise("data/wildbench_v2_pairwise_by_category.csv");
 * wb.tasks.length; // 5
 */
export function readPairwise(path: string, options: ReadPairwiseOptions = {}): PairwiseData {
  const bytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  return parseChunks(fileChunks(path, bytes), inputName(path), options);
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
 * describeModelMatch({ common: ["B"], pairwiseOnly: ["A"], tableOnly: [] }); // 'in the pairwise data, not the score table: "A"'
 */
export function describeModelMatch(m: ModelMatch): string {
  const parts: string[] = [];
  if (m.pairwiseOnly.length > 0)
    parts.push(`in the pairwise data, not the score table: ${quotedNames(m.pairwiseOnly)}`);
  if (m.tableOnly.length > 0)
    parts.push(`in the score table, not the pairwise data: ${quotedNames(m.tableOnly)}`);
  return parts.join("; ");
}

/**
 * Names as a message shows them: each quoted with JSON escaping, so that a name holding a comma, a
 * quote or a line break (all legal in a CSV cell) can neither split the line nor blur the list.
 *
 * @throws nothing.
 * @example
 * quotedNames(["A", "b\nc"]); // '"A", "b\\nc"'
 */
export function quotedNames(names: readonly string[]): string {
  return names.map((n) => JSON.stringify(n)).join(", ");
}
