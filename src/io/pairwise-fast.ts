/**
 * The fast path of plain arena logs (docs/pairwise.md "Arena scale"): long-format CSV with a
 * `winner` column and no preference, weight, cluster or control columns in use, read from a block
 * without quotes. Each line is scanned in place: the fields are located by their commas, the names are
 * looked up by their ranges (`RangeNames`), and the judgement is counted into its cell (`tally`), so a
 * line that is read this way allocates nothing. A line the fast path does not take as it stands (a
 * comment, a blank line, a ragged row, a field with blanks at its edges, an empty or unknown field, a
 * model against itself) goes to the general row handler, which reads it, skips it or reports it with
 * the same message as without the fast path; lines are handled in file order either way, so models,
 * tasks and cells are numbered as the general path numbers them.
 */
import type { PairwiseBuilder } from "./pairwise-builder.js";
import { RangeNames } from "./pairwise-tables.js";

/** The columns the fast path reads (0-based) and the header's width. */
export interface PlainColumns {
  width: number;
  a: number;
  b: number;
  winner: number;
  /** `-1`: no task column. */
  task: number;
}

const isBlank = (c: number) => c === 32 || c === 9;

/** The outcome code of `text[s, e)` as a winner (0: a, 1: tie, 2: b), or -1 when it is not one. */
function winnerCode(text: string, s: number, e: number): -1 | 0 | 1 | 2 {
  const n = e - s;
  if (n === 7 && text.startsWith("model_", s)) {
    const last = text.charCodeAt(s + 6);
    return last === 97 ? 0 : last === 98 ? 2 : -1;
  }
  if (n === 3 && text.startsWith("tie", s)) return 1;
  if (n === 13 && text.startsWith("tie (bothbad)", s)) return 1;
  return -1;
}

/** Whether `text[s1, e1)` and `text[s2, e2)` are the same characters. */
function sameText(text: string, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let k = 0; s1 + k < e1; k++) if (text.charCodeAt(s1 + k) !== text.charCodeAt(s2 + k)) return false;
  return true;
}

/**
 * A reader of plain blocks for one header: `read(text, firstLine)` folds the block's lines into
 * `builder`, handing each line it does not take to `slow(line, lineNumber)` (the line without its
 * `\n`).
 */
export function plainLongReader(
  columns: PlainColumns,
  builder: PairwiseBuilder,
  slow: (line: string, lineNumber: number) => void,
): (text: string, firstLine: number) => void {
  const { width, a, b, winner, task } = columns;
  const models = new RangeNames((name) => builder.model(name));
  const tasks = new RangeNames((name) => builder.task(name));
  const starts = new Int32Array(width);
  const ends = new Int32Array(width);
  /** Reads the line `text[start, stop)`, its fields located, if it is plain; false when the general handler must. */
  const take = (text: string, start: number, stop: number, line: number): boolean => {
    if (stop === start || text.charCodeAt(start) === 35) return false;
    const sa = starts[a]!;
    const ea = ends[a]!;
    const sb = starts[b]!;
    const eb = ends[b]!;
    if (ea === sa || eb === sb) return false;
    if (isBlank(text.charCodeAt(sa)) || isBlank(text.charCodeAt(ea - 1))) return false;
    if (isBlank(text.charCodeAt(sb)) || isBlank(text.charCodeAt(eb - 1))) return false;
    const outcome = winnerCode(text, starts[winner]!, ends[winner]!);
    if (outcome === -1) return false;
    let st = 0;
    let et = 0;
    if (task !== -1) {
      st = starts[task]!;
      et = ends[task]!;
      if (et > st && (isBlank(text.charCodeAt(st)) || isBlank(text.charCodeAt(et - 1)))) return false;
    }
    if (sameText(text, sa, ea, sb, eb)) return false;
    const i = models.id(text, sa, ea);
    const j = models.id(text, sb, eb);
    const t = et > st ? tasks.id(text, st, et) : -1;
    builder.tally(i, j, t, outcome, line);
    return true;
  };
  return (text, firstLine) => {
    const n = text.length;
    let start = 0;
    let line = firstLine;
    while (start < n) {
      // one pass over the line: its commas (a field beyond the header's width marks it ragged) and its end
      let f = 0;
      starts[0] = start;
      let k = start;
      for (; k < n; k++) {
        const ch = text.charCodeAt(k);
        if (ch === 10) break;
        if (ch === 44) {
          if (f < width - 1) {
            ends[f] = k;
            starts[++f] = k + 1;
          } else f = width;
        }
      }
      let stop = k;
      if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
      let taken = false;
      if (f === width - 1 && stop >= starts[f]!) {
        ends[f] = stop;
        taken = take(text, start, stop, line);
      }
      if (!taken) slow(text.slice(start, k), line);
      line++;
      start = k + 1;
    }
  };
}
