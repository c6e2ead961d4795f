/**
 * Regression tests for the readers and the text parsers: white space, byte-order marks,
 * encodings, the CSV dialect, decimal-only numbers, repeated or reserved spec keys, size limits and
 * recursion. Each example either gives the right value or a one-line `InputError` naming the file
 * (or flag) and where.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseNfg, readNfgFile } from "../../solvers/finite/nfg.js";
import { InputError } from "../../src/errors.js";
import { isDecimal, isNonFiniteWord, parseDecimal, readDecimal } from "../../src/io/decimal.js";
import { findJsonSyntaxError } from "../../src/io/jsonSyntax.js";
import { parseJson, readMarketFile } from "../../src/io/marketFile.js";
import { parseScoreTable, readScoreTable } from "../../src/io/scoreTable.js";
import {
  parseKeyValueSpec,
  parseNormalizationSpec,
  parseSelectionSpec,
  parseSpaceSpec,
  parseWeightsSpec,
} from "../../src/io/specs.js";
import { decodeUtf8, readTextFile } from "../../src/textFile.js";
import { WorkLimitError } from "../../src/work.js";

const dir = mkdtempSync(join(tmpdir(), "modelmarket-hardening-"));

/** The one wording of a number that is not finite (src/io/decimal.ts), stated here on its own. */
const NOT_FINITE = "not a finite number (NaN, Infinity, or beyond +-1.8e308)";

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The `InputError` that `f` throws; fails the test when it throws anything else or nothing. */
function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const e = err as InputError;
    expect(e.message).not.toMatch(/[\n\r]/);
    return e;
  }
  throw new Error("expected an InputError");
}

const PD_NBSP = 'NFG 1 R "PD" { "1" "2" } { 2 2 }\n3 3\u00a00 5 5 0 1 1';
const PD_PAYOFFS = [
  ["3", "0", "5", "1"],
  ["3", "5", "0", "1"],
];
const TASKS = [
  { name: "code", weight: 1, cap: 1 },
  { name: "law", weight: 1, cap: 1 },
];

describe("item 1: every reader treats Unicode white space and the BOM one way, and advances", () => {
  it("the issue's .nfg with a no-break space between payoffs parses (it hung before)", () => {
    const g = parseNfg(PD_NBSP, "pd.nfg");
    expect(g.payoffs.map((t) => t.map((v) => v.toString()))).toEqual(PD_PAYOFFS);
  });

  it.each([
    ["em space", "\u2003"],
    ["ideographic space", "\u3000"],
    ["line separator", "\u2028"],
    ["zero-width no-break space", "\ufeff"],
    ["vertical tab", "\v"],
    ["CRLF", "\r\n"],
  ])(".nfg: %s separates tokens like a space", (_name, ws) => {
    const g = parseNfg(PD_NBSP.replace("\u00a0", ws), "pd.nfg");
    expect(g.payoffs.map((t) => t.map((v) => v.toString()))).toEqual(PD_PAYOFFS);
  });

  it(".nfg: a zero-width space (not white space) inside a number is an error that shows it", () => {
    const err = inputError(() => parseNfg(PD_NBSP.replace("\u00a0", "\u200b"), "pd.nfg"));
    expect(err.message).toBe(
      "pd.nfg: line 2, token 3\\u200b0: expected payoff of player 2 at profile 1: not a number (integer, decimal or a/b)",
    );
  });

  it(".nfg: a leading byte-order mark is skipped", () => {
    const path = file("bom.nfg", `\ufeff${PD_NBSP}`);
    expect(readNfgFile(path).title).toBe("PD");
  });

  it(".nfg: a token made only of white space cannot stall the reader (every Zs character)", () => {
    for (let cp = 0; cp < 0x3100; cp++) {
      const c = String.fromCharCode(cp);
      if (!/\s/.test(c)) continue;
      const g = parseNfg(PD_NBSP.replace("\u00a0", c), "pd.nfg");
      expect(g.payoffs[1]![3]!.toString()).toBe("1");
    }
  });

  it("CSV: cells are trimmed of any Unicode white space; inside a number it is an error", () => {
    const table = parseScoreTable("model,a\u00a0,b\nA,\u20038\u00a0,2\n", "t.csv");
    expect(table.tasks).toEqual(["a", "b"]);
    expect(table.scores).toEqual([[8, 2]]);
    const err = inputError(() => parseScoreTable("model,a\nA,8\u00a02\n", "t.csv"));
    // the message shows the invisible character as an escape; the field keeps it as read
    expect(err.message).toBe('t.csv: line 2, column 2: not a decimal number: "8\\u00a02"');
    expect(err.problem).toBe('not a decimal number: "8\u00a02"');
  });

  it("JSON: white space JSON does not allow is a one-line error naming line, column and code point", () => {
    const err = inputError(() => parseJson('{\n  "a":\u00a01}', "m.json"));
    expect(err.file).toBe("m.json");
    expect(err.where).toBe("line 2, column 7");
    expect(err.problem).toMatch(/U\+00A0 \(white space that JSON does not allow/);
  });
});

describe("item 2: encodings", () => {
  it("a spreadsheet's CSV UTF-8 (BOM, then a # comment line) reads with its comment", () => {
    const path = file("bom.csv", "\ufeff# source: spreadsheet\r\nmodel,a,b\r\nA,8,2\r\nB,6,6\r\n");
    expect(readScoreTable(path)).toEqual({
      comments: ["source: spreadsheet"],
      tasks: ["a", "b"],
      models: ["A", "B"],
      scores: [
        [8, 2],
        [6, 6],
      ],
    });
  });

  it("a BOM before a market JSON file is skipped", () => {
    const path = file(
      "bom.json",
      `\ufeff${JSON.stringify({
        tasks: [{ name: "a" }],
        selection: { rule: "perfect" },
        producers: [{ name: "A", quality: [1] }],
      })}`,
    );
    expect(readMarketFile(path).producers[0]!.name).toBe("A");
  });

  it("invalid UTF-8 is one line naming the file, line and column (not a silent U+FFFD)", () => {
    const bytes = new Uint8Array([...Buffer.from("model,a\nA,"), 0xff, ...Buffer.from("8\n")]);
    for (const [name, read] of [
      ["bad.csv", (p: string) => readScoreTable(p)],
      ["bad.json", (p: string) => readMarketFile(p)],
      ["bad.nfg", (p: string) => readNfgFile(p)],
    ] as const) {
      const path = file(name, bytes);
      const err = inputError(() => read(path));
      expect(err.message).toBe(
        `${path}: line 2, column 3: invalid UTF-8 (byte 0xff at offset 10); save the file as UTF-8`,
      );
    }
  });

  it("a real U+FFFD in the file is text, and the invalid byte after it is still found", () => {
    const bytes = new Uint8Array([...Buffer.from("\ufffd\n\ufffdx"), 0xc3, 0x28]);
    expect(inputError(() => decodeUtf8(bytes, "f")).where).toBe("line 2, column 3");
    expect(decodeUtf8(Buffer.from("\ufeffA\ufffd"), "f")).toBe("A\ufffd");
    expect(readTextFile(file("plain.txt", "x"))).toBe("x");
  });
});

describe("item 3: the CSV dialect and decimal-only numbers", () => {
  it('the issue\'s quoted header is one task "a,b", so the two-score rows are ragged', () => {
    const err = inputError(() => parseScoreTable('model,"a,b"\nA,8,2\nB,6,6\n', "t.csv"));
    expect(err.message).toBe("t.csv: line 2, column 3: ragged row: 3 cells, the header has 2");
    expect(parseScoreTable('model,"a,b",c\nA,8,2\n', "t.csv").tasks).toEqual(["a,b", "c"]);
  });

  it("quotes, doubled quotes, CRLF, CR and a quoted line break", () => {
    const t = parseScoreTable('model,"say ""hi"""\r\n"A\nB",1\rC,2\n', "t.csv");
    expect(t.tasks).toEqual(['say "hi"']);
    expect(t.models).toEqual(["A\nB", "C"]);
    expect(t.scores).toEqual([[1], [2]]);
  });

  it.each([
    ["CRLF", 'model,a\r\n"X\r\nY",1\r\nZ,q\r\n', 4],
    ["CR", 'model,a\r"X\rY",1\rZ,q\r', 4],
    ["LF with blank and comment lines", 'model,a\n"X\n\nY",1\n\n# c\nZ,q\n', 7],
    ["a multi-line record itself", 'model,a\n"X\n\nY",q\n', 2],
  ])("line numbers count every line ending once (%s)", (_name, text, line) => {
    expect(inputError(() => parseScoreTable(text, "t.csv")).where).toBe(`line ${line}, column 2`);
  });

  it("a # inside a quoted multi-line cell is text, not a comment; a line-start # is a comment", () => {
    const t = parseScoreTable('# c1\nmodel,a\n"X\n# not a comment",1\n# c2\nY,2\n', "t.csv");
    expect(t.comments).toEqual(["c1", "c2"]);
    expect(t.models).toEqual(["X\n# not a comment", "Y"]);
  });

  it.each([
    ['model,a\nA,"8\n', "line 2, column 2", /unterminated quoted cell/],
    ['model,a\nA,"8" x\n', "line 2, column 2", /text after the closing quote/],
    ['model,a"b\nA,8\n', "line 1, column 2", /double quote inside an unquoted cell/],
    ["model,a\nX,1\nY,2\nZ,3,4\n", "line 4, column 3", /ragged row: 3 cells, the header has 2/],
  ])("malformed CSV %j: %s", (text, where, problem) => {
    const err = inputError(() => parseScoreTable(text, "t.csv"));
    expect(err.file).toBe("t.csv");
    expect(err.where).toBe(where);
    expect(err.problem).toMatch(problem);
  });

  const NOT_DECIMAL = ["0x8", "0b101", "0o7", "", " ", "1_000", "1e", ".", "+-1", "8e+"];

  it.each(NOT_DECIMAL)("CSV cell %j is refused", (cell) => {
    const err = inputError(() => parseScoreTable(`model,a,b\nA,1,${cell}\n`, "t.csv"));
    expect(err.where).toBe("line 2, column 3");
    expect(err.problem).toMatch(/not a decimal number|empty, expected a number/);
  });

  it.each(NOT_DECIMAL.filter((x) => x.trim() !== ""))("--weights %j is refused", (w) => {
    const err = inputError(() => parseWeightsSpec(`1,${w}`));
    expect(err.where).toBe("weights");
    expect(err.problem).toContain(`not a decimal number: "${w}"`);
  });

  it.each(["0x8", "0b101", "0o7", ""])("--selection logit:beta=%s is refused", (beta) => {
    const err = inputError(() => parseSelectionSpec(`logit:beta=${beta}`));
    expect(err.where).toBe("selection beta");
    expect(err.problem).toBe(`must be a number, got string "${beta}"`);
  });

  it("a spec names its keys one way, FIELD KEY, whether the key=value parser or the validator refuses", () => {
    const cases: [() => unknown, string][] = [
      [() => parseSelectionSpec("logit:beta=-1"), "selection beta"],
      [() => parseSelectionSpec("logit:eps=1"), "selection eps"],
      [() => parseSelectionSpec("logit"), "selection beta"],
      [() => parseSelectionSpec("gumbel:beta=1"), "selection rule"],
      [() => parseSpaceSpec("top-k:k=0x8", TASKS), "space k"],
      [() => parseSpaceSpec("budget:budget=1,production=power,a=x", TASKS), "space production a"],
      [() => parseSpaceSpec("top-k:k=0", TASKS, "producers[1].space"), "producers[1].space k"],
      [() => parseNormalizationSpec("scale:max=-1"), "normalization max"],
    ];
    for (const [f, where] of cases) expect(inputError(f).where).toBe(where);
  });

  // NaN, the infinities and decimals beyond the double range: one wording wherever they are typed
  const NON_FINITE = ["NaN", "nan", "Infinity", "-Infinity", "+inf", "1e400", "-1e400"];

  it.each(NON_FINITE)("spec value %s is refused in one wording, naming the spec and its key", (x) => {
    const cases: [() => unknown, string][] = [
      [() => parseSelectionSpec(`logit:beta=${x}`), "selection beta"],
      [() => parseSelectionSpec(`epsilon:eps=${x}`), "selection eps"],
      [() => parseSelectionSpec(`probit:sigma=${x}`), "selection sigma"],
      [() => parseNormalizationSpec(`scale:max=${x}`), "normalization max"],
      [() => parseSpaceSpec(`grid:budget=${x},step=0.1`, TASKS), "space budget"],
      [() => parseSpaceSpec(`top-k:k=${x}`, TASKS), "space k"],
    ];
    for (const [f, where] of cases) {
      const err = inputError(f);
      expect(err.where).toBe(where);
      expect(err.problem).toBe(`${NOT_FINITE}: "${x}"`);
    }
  });

  it.each(NON_FINITE)("%s as a weight or a CSV cell gets the same wording", (x) => {
    expect(inputError(() => parseWeightsSpec(`1,${x}`)).problem).toBe(`${NOT_FINITE}: "${x}"`);
    const cell = inputError(() => parseScoreTable(`model,a,b\nA,1,${x}\n`, "t.csv"));
    expect(cell.where).toBe("line 2, column 3");
    expect(cell.problem).toBe(`${NOT_FINITE}: "${x}"`);
  });

  it("words that are not numbers stay words for the spec's validator", () => {
    expect(isNonFiniteWord("power")).toBe(false);
    expect(isNonFiniteWord("information")).toBe(false);
    expect(isNonFiniteWord("-INF")).toBe(true);
    expect(parseSpaceSpec("budget:budget=1,production=power,a=0.5", TASKS).kind).toBe("budget");
  });

  it("decimals: the grammar, overflow and underflow", () => {
    for (const ok of ["8", "+8", "-8", "8.", ".5", "1.5e-3", "1E+3", "0.0e-999", "00012"]) {
      expect(isDecimal(ok), ok).toBe(true);
    }
    expect(readDecimal("1e400")).toEqual({ problem: `${NOT_FINITE}: "1e400"` });
    expect(readDecimal("1e-400")).toEqual({ problem: 'too small, rounds to 0 (below 5e-324): "1e-400"' });
    expect(readDecimal("0.000e-999")).toEqual({ value: 0 });
    expect(readDecimal("-0")).toEqual({ value: 0 });
    expect(parseDecimal(" 2.5\u00a0", undefined, "--x")).toBe(2.5);
    expect(inputError(() => parseDecimal("1e400", undefined, "--x")).message).toBe(
      `--x: ${NOT_FINITE}: "1e400"`,
    );
    expect(inputError(() => parseSelectionSpec("logit:beta=1e999")).message).toBe(
      `selection beta: ${NOT_FINITE}: "1e999"`,
    );
  });

  it("weights: positional, named, and the right values", () => {
    expect(parseWeightsSpec("2, 1,0.5")).toEqual([2, 1, 0.5]);
    expect(parseWeightsSpec("code=2,law=1")).toEqual({ code: 2, law: 1 });
    expect(inputError(() => parseWeightsSpec("2,law=1")).problem).toMatch(/not a mix/);
    expect(inputError(() => parseWeightsSpec("1,,2")).problem).toBe("empty, expected a number");
    expect(inputError(() => parseWeightsSpec("-1")).problem).toBe("weight must be >= 0, got -1");
  });
});

describe("item 10: spec keys are never silently reinterpreted", () => {
  it.each([
    ["logit:beta=8,beta=9", parseSelectionSpec, "selection", 'key "beta" given twice'],
    ["logit:rule=probit,sigma=0.1", parseSelectionSpec, "selection", '"rule" is not a parameter of logit'],
    [
      "top-k:kind=grid,k=1",
      (t: string) => parseSpaceSpec(t, TASKS),
      "space",
      '"kind" is not a parameter of top-k',
    ],
    ["top-k:k=1,k=2", (t: string) => parseSpaceSpec(t, TASKS), "space", 'key "k" given twice'],
    ["scale:max=1,max=2", parseNormalizationSpec, "normalization", 'key "max" given twice'],
    ["logit:=8", parseSelectionSpec, "selection", 'empty key in "=8"'],
  ] as const)("%s", (text, parse, flag, problem) => {
    const err = inputError(() => parse(text));
    expect(err.where).toBe(flag);
    expect(err.problem).toContain(problem);
  });

  it("--weights code=1,code=9 is refused", () => {
    expect(inputError(() => parseWeightsSpec("code=1,code=9")).message).toBe(
      'weights: task "code" given twice',
    );
  });

  it("a key such as __proto__ is an ordinary unknown key", () => {
    expect(parseKeyValueSpec("x:__proto__=1", "--f").params).toEqual(Object.fromEntries([["__proto__", 1]]));
    expect(inputError(() => parseSelectionSpec("logit:beta=1,__proto__=1")).problem).toMatch(/unknown field/);
  });

  it("the values still come through right", () => {
    expect(parseSelectionSpec("logit: beta = 8 ")).toEqual({ rule: "logit", beta: 8 });
    expect(parseSelectionSpec("probit:sigma=0.1")).toEqual({ rule: "probit", sigma: 0.1 });
    expect(parseSpaceSpec("grid:budget=1,step=0.5", TASKS)).toEqual({
      kind: "grid",
      budget: 1,
      step: 0.5,
      production: { kind: "linear" },
    });
  });
});

describe("item 7: an .nfg header is checked against the size limit before anything is built", () => {
  it("{ 1000000000 1000000000 } is refused at once", () => {
    const err = inputError(() =>
      parseNfg('NFG 1 R "big" { "1" "2" } { 1000000000 1000000000 }\n', "big.nfg"),
    );
    // a WorkLimitError: the estimate and the limit as data, the option named in the message
    expect(err).toBeInstanceOf(WorkLimitError);
    expect(err).toMatchObject({ limitName: "maxProfiles", estimate: 1e9, limit: 1e6 });
    expect(err.message).toBe(
      "big.nfg: line 1, token 1000000000: 1,000,000,000 pure profiles (at least, from the strategy counts) exceed the limit of 1,000,000 (maxProfiles)",
    );
  });

  it("the limit is settable both ways", () => {
    const text = `NFG 1 R "t" { "1" "2" } { 3 3 }\n${"0 ".repeat(18)}`;
    expect(parseNfg(text, "t.nfg").shape).toEqual([3, 3]);
    expect(inputError(() => parseNfg(text, "t.nfg", { maxProfiles: 8 })).problem).toMatch(
      /9 pure profiles \(at least, from the strategy counts\) exceed the limit of 8 \(maxProfiles\)/,
    );
    expect(parseNfg(text, "t.nfg", { maxProfiles: 9 }).shape).toEqual([3, 3]);
  });

  it("named strategy lists are counted too", () => {
    const text = `NFG 1 R "t" { "1" "2" } { { "a" "b" } { "x" "y" } }\n${"0 ".repeat(8)}`;
    expect(inputError(() => parseNfg(text, "t.nfg", { maxProfiles: 3 })).problem).toMatch(/4 pure profiles/);
  });
});

describe("item 8 and 11: JSON locator without recursion; one-line .nfg string errors", () => {
  it("10,000 unclosed [ give one line, no stack overflow", () => {
    const err = inputError(() => parseJson("[".repeat(10_000), "deep.json"));
    expect(err.message).toBe(
      "deep.json: line 1, column 10001: malformed JSON: expected a value, found end of file",
    );
  });

  it("200,000 nested brackets are located in bounded stack", () => {
    expect(findJsonSyntaxError(`${"[".repeat(200_000)}1${"]".repeat(199_999)}`)).toEqual({
      offset: 400_000,
      problem: 'expected "," or "]", found end of file',
    });
    expect(findJsonSyntaxError(`${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`)).toBeUndefined();
  });

  it.each([
    ['{"a":1,}', "line 1, column 8", 'expected a quoted field name, found "}"'],
    ['{"a" 1}', "line 1, column 6", 'expected ":", found "1"'],
    ["[1 2]", "line 1, column 4", 'expected "," or "]", found "2"'],
    ['{"a":[1,{"b":[]}]}x', "line 1, column 19", 'unexpected "x" after the JSON value'],
    ['"x\u0001"', "line 1, column 3", "U+0001 (a control character) in a string (escape it)"],
  ])("JSON %j: %s", (text, where, problem) => {
    const err = inputError(() => parseJson(text, "m.json"));
    expect(err.where).toBe(where);
    expect(err.problem).toBe(`malformed JSON: ${problem}`);
  });

  it("an unterminated string in an .nfg file is one line, its text escaped", () => {
    const err = inputError(() => parseNfg('NFG 1 R "PD\nsecond line', "s.nfg"));
    expect(err.message).toBe(
      's.nfg: line 1, token ": unterminated string "PD\\nsecond line" (no closing double quote before the end of the file)',
    );
  });
});
