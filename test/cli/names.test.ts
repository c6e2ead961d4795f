/**
 * The names table of docs/reference.md ("Names: printed, JSON, library, CSV") holds: for every row, the
 * command's printed output shows, under the printed name, the JSON path's value rounded as printed;
 * the library returns the same value at the same path; and the CSV names the statistic as stated. And
 * it is complete: every column header the commands print is a row of the table, and every `--csv`
 * column and `statistic` is a name the table lists (or a column of the "Output forms" table), so a
 * new label or CSV name fails here until it is listed (and named as its JSON field).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { solveEquilibriaAsync } from "../../solvers/equilibrium/index.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import { evaluate } from "../../src/model/evaluate.js";
import { runCli } from "../helpers/cli.js";
import { csvNames, jsonNames, namesTable, type Row } from "../helpers/names.js";
import { REPO_ROOT } from "../helpers/paths.js";

/** The value at a path such as `producers[0].payoffs.pairwise-winrate`. */
function at(obj: unknown, path: string): unknown {
  let v = obj as Record<string, unknown> | unknown[] | undefined;
  for (const part of path.split(".")) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part)!;
    v = (v as Record<string, unknown>)[m[1]!] as typeof v;
    for (const i of m[2]!.matchAll(/\[(\d+)\]/g)) v = (v as unknown[])[Number(i[1])] as typeof v;
  }
  return v;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A listed name as a pattern: `[i]` stands for any index, an upper-case word (`MODEL`) for any name. */
function namePattern(name: string): RegExp {
  const body = escapeRegExp(name)
    .replace(/\\\[i\\\]/g, "\\[\\d+\\]")
    .replace(/\b[A-Z]{2,}\b/g, ".+");
  return new RegExp(`^${body}$`);
}

/** A printed label is its JSON name: a `line` or `column` one of `jsonNames`, an interval's halves each. */
function printedIsJsonName(row: Row): boolean {
  if (row.form !== "interval") return jsonNames(row.path, row.csv).includes(row.printed);
  const halves = row.printed.split("..");
  const paths = row.path.split("..");
  return halves.length === 2 && halves.every((h, k) => jsonNames(paths[k]!, row.csv).includes(h));
}

/** snake_case: JSON, CSV and printed names are camelCase (or a rule's hyphenated spec name). */
const SNAKE = /[A-Za-z0-9]_[A-Za-z0-9]/;

/** Every object key of a JSON value, as `path.key` for the message. */
function jsonKeys(v: unknown, path = ""): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => jsonKeys(x, `${path}[]`));
  if (v === null || typeof v !== "object") return [];
  return Object.entries(v).flatMap(([k, x]) => [`${path}.${k}`, ...jsonKeys(x, `${path}.${k}`)]);
}

/** The JSON keys that are snake_case: none (the names are camelCase, docs/reference.md "Names"). */
const snakeKeys = (json: unknown) => jsonKeys(json).filter((k) => SNAKE.test(k.split(".").at(-1)!));

/** The `--csv` columns of each command, from docs/reference.md's "Output forms" table. */
function csvColumns(): Map<string, string[]> {
  const text = readFileSync(join(REPO_ROOT, "docs/reference.md"), "utf8");
  const section = text.split("## Output forms: `--json`, `--csv`, `--output`")[1]!.split("\n## ")[0]!;
  const out = new Map<string, string[]>();
  for (const l of section.split("\n").filter((x) => x.startsWith("| `"))) {
    const [commands, columns] = l.split("|").slice(1, 3);
    for (const c of commands!.matchAll(/`([^`]+)`/g)) out.set(c[1]!, csvNames(columns!));
  }
  return out;
}

/** The number printed under `name`: after it on its line, or in its column's first row. */
function printed(text: string, name: string, form: "line" | "column"): string | undefined {
  const lines = text.split("\n");
  if (form === "line") {
    const re = new RegExp(`(?:^|\\s)${escapeRegExp(name)}\\s+(?:=\\s+)?(-?\\d+(?:\\.\\d+)?)`);
    for (const l of lines) {
      const m = re.exec(l);
      if (m) return m[1];
    }
    return undefined;
  }
  for (let k = 0; k + 2 < lines.length; k++) {
    const head = lines[k]!.trim().split(/\s{2,}/);
    const col = head.indexOf(name);
    if (col === -1 || !/^-+(\s+-+)*$/.test(lines[k + 1]!.trim())) continue;
    return lines[k + 2]!.trim()
      .split(/\s{2,}/)
      [col]?.split(" ")[0];
  }
  return undefined;
}

/** The column headers of every table (a header line underlined with dashes). */
function headers(text: string): string[] {
  const lines = text.split("\n");
  return lines.flatMap((l, k) =>
    k + 1 < lines.length && /^-+(\s+-+)*$/.test(lines[k + 1]!.trim()) ? l.trim().split(/\s{2,}/) : [],
  );
}

const ARGV: Record<string, string[]> = {
  evaluate: ["evaluate", "examples/three-producers.json"],
  entry: ["entry", "examples/c5-winrate-copies.json", "--entrant", "top-k:k=1"],
  replace: ["replace", "examples/three-producers.json", "--producer", "Copycat", "--space", "top-k:k=1"],
  sequential: [
    "sequential",
    "examples/three-producers.json",
    "--entrants",
    "3",
    "--space",
    "top-k:k=1",
    "--rule",
    "winrate",
  ],
  equilibrium: ["equilibrium", "examples/c2-two-producers.json", "--rule", "winrate"],
  compare: [
    "compare",
    "examples/c5-witness.json",
    "--entry",
    "top-k:k=1",
    "--rules",
    "winrate,weighted-winrate",
  ],
  empirical: [
    "empirical",
    "test/fixtures/tables/hand-3x2.csv",
    ...["--replace", "1", "--sweep", "beta:points=5", "--space", "top-k:k=1"],
  ],
  "sequential --tie-break all": [
    "sequential",
    "examples/three-producers.json",
    ...["--entrants", "2", "--space", "top-k:k=1", "--rule", "winrate", "--tie-break", "all"],
  ],
  ratings: ["ratings", "test/fixtures/pairwise/battles.csv"],
  calibrate: [
    "calibrate",
    "test/fixtures/pairwise/scores.csv",
    ...["--pairwise", "test/fixtures/pairwise/battles.csv"],
  ],
  design: [
    "design",
    "examples/c2-entry.json",
    ...["--entry", "top-k:k=1", "--family", "mix", "--range", "lambda=0:1"],
    ...["--param", "rules=winrate+weighted-winrate"],
  ],
  "design --benchmark-weights": [
    "design",
    "examples/three-producers.json",
    ...["--entry", "top-k:k=1", "--benchmark-weights", "--within", "2"],
  ],
  "design --range P --range Q": [
    "design",
    "examples/design-menu.json",
    ...["--replace", "Lab", "--family", "mix", "--range", "lambda=0:1", "--range", "alpha=0:6"],
    ...["--param", "rules=winrate+power-winrate:alpha=1", "--rows", "7"],
  ],
  "design --equilibrium --benchmark-weights": [
    "design",
    "examples/c2-two-producers.json",
    ...["--equilibrium", "--benchmark-weights", "--rule", "winrate", "--within", "2"],
  ],
  "design --sequential --benchmark-weights": [
    "design",
    "examples/c2-entry.json",
    ...[
      "--sequential",
      "2",
      "--space",
      "top-k:k=1",
      "--benchmark-weights",
      "--rule",
      "winrate",
      "--within",
      "2",
    ],
  ],
  "compare --sweep": [
    "compare",
    "examples/c5-witness.json",
    ...["--entry", "top-k:k=1", "--rules", "winrate,weighted-winrate", "--sweep", "weight.t1=0.05:0.95:3"],
  ],
  "ratings --bootstrap": [
    "ratings",
    "test/fixtures/pairwise/battles.csv",
    "--bootstrap",
    "40",
    "--seed",
    "1",
  ],
  "ratings --control --length-controlled": [
    "ratings",
    "test/fixtures/pairwise/alpaca-lengths.csv",
    ...["--task", "overall", "--control", "length", "--length-controlled", "text_davinci_003"],
  ],
  check: ["check", "--claim", "C1", "--instances", "5"],
  "calibrate --noise both": [
    "calibrate",
    "test/fixtures/pairwise/scores.csv",
    ...["--pairwise", "test/fixtures/pairwise/battles.csv", "--noise", "both"],
  ],
};

describe("docs/reference.md: one name per quantity, printed, JSON, library and CSV", () => {
  const rows = namesTable();

  it("the table covers evaluate, entry, replace, sequential (one path and every tie branch), equilibrium, compare (and a sweep), empirical, ratings (and a bootstrap, and the controlled fits), calibrate (one noise and both), design (one and two parameters, benchmark weights, and the outcomes of equilibria and sequential entry) and check", () => {
    expect(new Set(rows.map((r) => r.command))).toEqual(new Set(Object.keys(ARGV)));
    expect(rows.length).toBeGreaterThan(20);
  });

  for (const command of Object.keys(ARGV)) {
    it(`${command}: every printed name shows its JSON value, and the CSV and the library agree`, async () => {
      const argv = ARGV[command]!;
      const text = (await runCli(argv)).stdout;
      const json = JSON.parse((await runCli([...argv, "--json"])).stdout) as unknown;
      const csv = (await runCli([...argv, "--csv"])).stdout;
      const header = parse(csv, { to_line: 1 })[0] as string[];
      const records = parse(csv, { columns: true }) as Array<Record<string, string>>;
      const statistics = new Set<string>([
        ...(header.includes("statistic") ? records.map((r) => r.statistic!) : []),
        ...header,
      ]);
      // every name a row lists is in the CSV (an upper-case word or `[i]`: some name or index)
      const expectListed = (row: Row) => {
        for (const name of csvNames(row.csv)) {
          const re = namePattern(name);
          expect(
            [...statistics].some((s) => re.test(s)),
            `${command}: CSV ${name}`,
          ).toBe(true);
        }
      };
      const market =
        command === "evaluate" || command === "equilibrium" ? readMarketFile(argv[1]!) : undefined;
      const library: unknown =
        market === undefined
          ? undefined
          : command === "evaluate"
            ? evaluate(market)
            : command === "equilibrium"
              ? await solveEquilibriaAsync(market, "winrate")
              : undefined;
      const mine = rows.filter((r) => r.command === command);
      // one scheme: no snake_case JSON key, printed header or CSV name, and every printed number is
      // labelled with its JSON name
      expect(snakeKeys(json), `${command}: snake_case JSON keys`).toEqual([]);
      expect(headers(text).filter((h) => SNAKE.test(h))).toEqual([]);
      // (a model's name after `versus.` is data, not a name of the scheme: AlpacaEval's text_davinci_003)
      expect([...statistics].filter((s) => SNAKE.test(s.replace(/^versus\..*$/, "versus")))).toEqual([]);
      expect(
        mine
          .filter((r) => r.form !== "key" && r.form !== "csv" && !printedIsJsonName(r))
          .map((r) => r.printed),
        `${command}: printed labels that are not their JSON names`,
      ).toEqual([]);
      // every printed column header is listed: a new label fails until the table names it
      const listed = new Set(mine.map((r) => r.printed));
      expect(headers(text).filter((h) => !listed.has(h))).toEqual([]);
      // every CSV column and statistic is listed: by a row of the names table or the columns table
      const allowed = [
        ...mine.flatMap((r) => csvNames(r.csv)),
        ...(csvColumns().get(command.split(" ")[0]!) ?? []),
      ].map(namePattern);
      expect([...statistics].filter((s) => !allowed.some((re) => re.test(s)))).toEqual([]);
      if (header.includes("statistic")) {
        // a statistic names one value: no two rows share it and the columns before it
        const keys = records.map((r) =>
          JSON.stringify(header.slice(0, header.indexOf("statistic") + 1).map((c) => r[c])),
        );
        expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
      }
      for (const row of mine.filter((r) => r.form === "csv")) {
        // in the CSV and the JSON only: the path names a value and the CSV has the name
        expect(at(json, row.path), row.path).toBeDefined();
        expectListed(row);
      }
      for (const row of mine.filter((r) => r.form === "key")) {
        expect(headers(text), `${command}: column "${row.printed}"`).toContain(row.printed);
        expectListed(row);
      }
      for (const row of mine.filter((r) => r.form === "interval")) {
        // a column `lower..upper`: the two paths, joined by `..`, against the two printed numbers
        const [lo, hi] = row.path.split("..").map((p) => at(json, p) as number);
        const shown = printed(text, row.printed, "column")?.split("..");
        expect(shown?.length, `${command}: "${row.printed}" printed as lower..upper`).toBe(2);
        for (const [k, value] of [lo, hi].entries()) {
          expect(typeof value, row.path).toBe("number");
          const decimals = shown![k]!.split(".")[1]?.length ?? 0;
          expect(Math.abs(Number(shown![k]) - value!), `${row.printed} = ${row.path}`).toBeLessThanOrEqual(
            0.5 * 10 ** -decimals + 1e-12,
          );
        }
        expectListed(row);
      }
      for (const row of mine.filter((r) => r.form === "line" || r.form === "column")) {
        const value = at(json, row.path) as number;
        expect(typeof value, row.path).toBe("number");
        const shown = printed(text, row.printed, row.form as "line" | "column");
        expect(shown, `${command}: "${row.printed}" printed`).toBeDefined();
        const decimals = shown!.split(".")[1]?.length ?? 0;
        expect(Math.abs(Number(shown) - value), `${row.printed} = ${row.path}`).toBeLessThanOrEqual(
          0.5 * 10 ** -decimals + 1e-12,
        );
        if (library !== undefined) expect(at(library, row.path), `library ${row.path}`).toBe(value);
        expectListed(row);
      }
    });
  }
});

describe("docs/reference.md: the --csv columns of nash and check, and their JSON names", () => {
  // their CSV is a wide table without statistics: the header is exactly the "Output forms" row
  for (const argv of [
    ["nash", "examples/battle-of-the-sexes.nfg"],
    ["check", "--claim", "C1", "--instances", "5"],
  ]) {
    it(`${argv[0]}: the header is the table's columns, and no JSON key is snake_case`, async () => {
      const r = await runCli([...argv, "--csv"]);
      expect(r.code).toBe(0);
      const header = parse(r.stdout, { to_line: 1 })[0] as string[];
      expect(header).toEqual(csvColumns().get(argv[0]!));
      const json = await runCli([...argv, "--json"]);
      expect(snakeKeys(JSON.parse(json.stdout)), `${argv[0]}: snake_case JSON keys`).toEqual([]);
    });
  }
});
