/**
 * The names table of docs/reference.md ("Names: printed, JSON, library, CSV"), parsed for the tests that
 * hold the CLI (test/cli/names.test.ts) and the explorer (test/web/names.test.ts) to it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./paths.js";

/** One row: the command, its printed label, where the label appears, the JSON path and the CSV names. */
export interface Row {
  command: string;
  printed: string;
  form: "line" | "column" | "interval" | "key" | "csv";
  path: string;
  csv: string;
}

const unquote = (cell: string) => cell.trim().replace(/^`|`$/g, "");

/** The rows of the names table, in order. */
export function namesTable(): Row[] {
  const text = readFileSync(join(REPO_ROOT, "docs/reference.md"), "utf8");
  const section = text.split("## Names: printed, JSON, library, CSV")[1]!.split("\n## ")[0]!;
  return section
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .map((l) => {
      const [command, printed, form, path, csv] = l.split("|").slice(1, 6).map(unquote);
      return { command: command!, printed: printed!, form: form as Row["form"], path: path!, csv: csv! };
    });
}

/** The CSV names a cell lists: comma-separated before any parenthesised note, backticks dropped. */
export function csvNames(cell: string): string[] {
  return cell
    .split(" (")[0]!
    .split(",")
    .map((n) => n.trim().replace(/`/g, ""))
    .filter((n) => n !== "");
}

/**
 * The names a row's value goes by: every dotted tail of its JSON path (indices dropped: `rating.lower`
 * and `lower` for `...models[0].rating.lower`), its CSV names, and a CSV name with the path's last part
 * (`bootstrap.rating.lower`); a range's `...Min` path also by the stem (`welfare` for `welfareMin`),
 * and an object's `value` by the object (`minEntrantCost` for `minEntrantCost.value`).
 */
export function jsonNames(path: string, csv: string): string[] {
  const parts = path.replace(/\[\d+\]/g, "").split(".");
  const tails = parts.map((_, k) => parts.slice(k).join("."));
  const stems = [
    ...tails.filter((t) => t.endsWith("Min")).map((t) => t.slice(0, -"Min".length)),
    ...tails.filter((t) => t.endsWith(".value")).map((t) => t.slice(0, -".value".length)),
  ];
  const listed = csvNames(csv);
  return [...tails, ...stems, ...listed, ...listed.map((n) => `${n}.${parts.at(-1)}`)];
}
