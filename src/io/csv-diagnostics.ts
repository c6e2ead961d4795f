/**
 * Diagnostics of the pairwise CSV reader (pairwise-csv.ts) for files it cannot read: a header that
 * names a column twice, and where a quote that is never closed opened.
 */
import { InputError } from "../errors.js";

/**
 * Refuses a header that names a column twice (`model_a,model_a,winner`, `...,winner,winner`): which
 * one a reader used would be a guess. Empty names (unnamed columns) may repeat.
 *
 * @throws InputError `FILE: line L, column C: duplicate column "NAME" (also column K)` at the second.
 * @example
 * checkHeaderNames({ record: ["model_a", "model_b", "winner"], line: 1 }, "b.csv"); // undefined
 */
export function checkHeaderNames(rec: { record: string[]; line: number }, file: string | undefined): void {
  const seen = new Map<string, number>();
  rec.record.forEach((name, k) => {
    const first = seen.get(name);
    if (first !== undefined && name !== "")
      throw new InputError(
        file,
        `line ${rec.line}, column ${k + 1}`,
        `duplicate column "${name}" (also column ${first + 1})`,
      );
    seen.set(name, k);
  });
}

/**
 * Where the quote that is never closed opened in `text` (lines from 0, columns from 1): the last quote
 * that opens a quoted field (`""` inside one is an escaped quote, which toggles twice).
 *
 * @throws nothing
 * @example
 * openQuote('a,b\nc,"d\ne\n'); // [1, 3]
 */
export function openQuote(text: string): [number, number] {
  let inQuote = false;
  let line = 0;
  let column = 0;
  let opened: [number, number] = [0, 1];
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    column++;
    if (ch === 34) {
      if (!inQuote) opened = [line, column];
      inQuote = !inQuote;
    } else if (ch === 10) {
      line++;
      column = 0;
    }
  }
  return opened;
}
