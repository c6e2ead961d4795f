/**
 * The explorer's ratings, controlled-ratings, calibration and design views head their tables and axes
 * with the names of docs/reference.md's "Names" table, as the CLI prints them (web/names.ts): a column
 * the CLI prints has its printed label, in the CLI's order; any other header is a JSON name of what
 * `--json` prints (a dotted tail of a key path), or a formula in such names for a number the page
 * derives. Pure (no browser): the views build their headers from web/names.ts, and a scan of their
 * sources finds no other fixed header.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COEFFICIENT_COLUMNS,
  CONTROLLED_COLUMNS,
  calibrationColumns,
  ELO_AXIS,
  LENGTH_CONTROLLED_COLUMNS,
  outcomeColumns,
  PROFILE_AXIS,
  profileColumns,
  RATING_COLUMNS,
  regionColumns,
  WELFARE_AXIS,
} from "../../web/names.js";
import { runCli } from "../helpers/cli.js";
import { jsonNames, namesTable } from "../helpers/names.js";
import { REPO_ROOT } from "../helpers/paths.js";

const rows = namesTable();
const of = (command: string) => rows.filter((r) => r.command === command);

/** The labels `command` prints above a table column (not its `line` labels), in the table's order. */
const printedColumns = (command: string) =>
  of(command)
    .filter((r) => r.form === "column" || r.form === "interval" || r.form === "key")
    .map((r) => r.printed);

/** Every name the names table gives `command`'s values: printed labels and JSON names. */
function tableNames(command: string): Set<string> {
  return new Set(
    of(command).flatMap((r) => [
      ...(r.printed === "" ? [] : [r.printed]),
      ...r.path.split("..").flatMap((p) => jsonNames(p, r.csv)),
    ]),
  );
}

/** Every dotted tail of every key path of a JSON value, indices dropped (`rows.elo`, `elo`). */
function jsonTails(v: unknown, path: string[] = [], out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) jsonTails(x, path, out);
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      const p = [...path, k];
      for (let i = 0; i < p.length; i++) out.add(p.slice(i).join("."));
      jsonTails(x, p, out);
    }
  return out;
}

/**
 * The header's problems against `names`: none when it is a name, or a formula (an operator or a list
 * comma in it) whose every word, operators and numbers aside, is one.
 */
function unnamed(header: string, names: Set<string>): string[] {
  if (names.has(header)) return [];
  // words without an operator or a list comma are one name, not a formula ("welfare U" is no name)
  if (!/[−±+×,]/.test(header)) return [header];
  const words = header
    .split(/[\s,]+/)
    .filter((w) => w !== "" && !/^[−±+×]$/.test(w) && !/^\d+(\.\d+)?$/.test(w));
  return words.length > 0 && words.every((w) => names.has(w)) ? [] : [header];
}

const problems = (headers: readonly string[], names: Set<string>) =>
  headers.flatMap((h) => unnamed(h, names));

let dir = "";
let controlledJson: unknown;
let calibrateJson: unknown;

beforeAll(async () => {
  // a part of the shipped AlpacaEval annotations (it has output lengths): two models, the baseline and one
  dir = mkdtempSync(join(tmpdir(), "modelmarket-webnames-"));
  const lines = readFileSync(join(REPO_ROOT, "data/alpacaeval1_annotations.csv"), "utf8").split("\n");
  const header = lines.findIndex((l) => l.startsWith("instruction_id"));
  const file = join(dir, "alpaca.csv");
  writeFileSync(file, [...lines.slice(0, header + 1), ...lines.slice(header + 1, header + 201)].join("\n"));
  const ratings = await runCli([
    "ratings",
    file,
    ...["--control", "length", "--length-controlled", "text_davinci_003", "--json"],
  ]);
  // one model judged once per instruction: the fitted difficulties encode its verdicts, so its
  // length-controlled GLM is separated (not estimable, exit 1); its JSON has every name all the same
  expect(ratings.code, ratings.stderr).toBe(1);
  controlledJson = JSON.parse(ratings.stdout);
  const calibrate = await runCli([
    "calibrate",
    "test/fixtures/pairwise/scores.csv",
    ...["--pairwise", "test/fixtures/pairwise/battles.csv", "--noise", "both", "--json"],
  ]);
  expect(calibrate.code, calibrate.stderr).toBe(0);
  calibrateJson = JSON.parse(calibrate.stdout);
});

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe("the explorer's headers are the CLI's and the JSON's names", () => {
  it("the check refuses the views' former headers", () => {
    const names = tableNames("ratings --bootstrap");
    for (const old of ["SE", "Elo 95%", "bootstrap rank 95%", "rating (logit)", "pairwise WR", "LC win rate"])
      expect(unnamed(old, names)).toEqual([old]);
    expect(unnamed("eloLower..eloUpper", names)).toEqual([]);
  });

  it("ratings: every column `ratings --bootstrap` prints, in its order, then JSON names; the forest plot's axis", () => {
    const printed = printedColumns("ratings --bootstrap");
    expect(printed).toContain("bootstrap.rank.lower..upper");
    expect(RATING_COLUMNS.filter((h) => printed.includes(h))).toEqual(printed);
    expect(problems([...RATING_COLUMNS, ELO_AXIS], tableNames("ratings --bootstrap"))).toEqual([]);
  });

  it("controlled ratings, coefficients and length-controlled win rates: names of `ratings --control ... --json`", () => {
    const names = new Set([...jsonTails(controlledJson), ...tableNames("ratings")]);
    expect(names.has("controlled.eloStandardErrors")).toBe(true);
    expect(names.has("lengthControlled.rows.lcStandardError")).toBe(true);
    expect(
      problems([...CONTROLLED_COLUMNS, ...COEFFICIENT_COLUMNS, ...LENGTH_CONTROLLED_COLUMNS], names),
    ).toEqual([]);
    // the controlled logit ratings are `controlled.ratings`: `ratings` alone is the list of rating tables
    expect(CONTROLLED_COLUMNS).not.toContain("ratings");
  });

  it("calibrated noise: the columns `calibrate` prints for beta and sigma; the profile in JSON names", () => {
    const beta = printedColumns("calibrate");
    const both = printedColumns("calibrate --noise both");
    expect(calibrationColumns("beta").filter((h) => !beta.includes(h))).toEqual([]);
    expect(calibrationColumns("sigma").filter((h) => !both.includes(h))).toEqual([]);
    const names = new Set([...jsonTails(calibrateJson), ...tableNames("calibrate --noise both")]);
    expect(problems([...profileColumns("beta"), ...profileColumns("sigma"), PROFILE_AXIS], names)).toEqual(
      [],
    );
  });

  it("design: the regions as `design` prints them; a response's welfare and the chart's axis in design's names", () => {
    expect(regionColumns("lambda")).toEqual(printedColumns("design").slice(0, 5));
    const names = new Set(
      [...new Set(rows.map((r) => r.command))]
        .filter((c) => c.startsWith("design"))
        .flatMap((c) => [...tableNames(c)]),
    );
    const tasks = ["t1", "t2"];
    expect(
      problems([...outcomeColumns(tasks).filter((h) => !tasks.includes(h)), WELFARE_AXIS], names),
    ).toEqual([]);
  });

  it("the views write no other fixed header: every literal column header in their sources is a key name", () => {
    const keys = new Set(rows.filter((r) => r.form === "key").map((r) => r.printed));
    const all = new Set([...new Set(rows.map((r) => r.command))].flatMap((c) => [...tableNames(c)]));
    for (const file of [
      "ratings.ts",
      "ratingsCalibration.ts",
      "ratingsCharts.ts",
      "ratingsControlled.ts",
      "design.ts",
      "designChart.ts",
    ]) {
      const text = readFileSync(join(REPO_ROOT, "web", file), "utf8");
      const literal = [...text.matchAll(/<th scope="col">([^<$]+)</g)].map((m) => m[1]!);
      expect(
        literal.filter((h) => !keys.has(h)),
        file,
      ).toEqual([]);
      // axis labels: a fixed text centred under or beside an axis is a name too (`optimum` marks a
      // point on the design chart's axis, the name of `result.optimum`)
      const axes = [...text.matchAll(/text-anchor="middle">([A-Za-z][^<$]*)</g)].map((m) => m[1]!);
      expect(problems(axes, all), file).toEqual([]);
    }
  });
});
