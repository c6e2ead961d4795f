/**
 * Fuzzing the three file readers (.nfg, CSV score tables, market JSON), the byte decoder and the
 * flag parser: every generated input ends, within a time bound, in a result or an
 * `InputError` whose message is one line, and never in another exception. Seeded (same cases on
 * every run); about 5,000 cases in all.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../cli/args.js";
import type { Command } from "../../cli/command.js";
import { command as checkCommand } from "../../cli/commands/check.js";
import { command as entryCommand } from "../../cli/commands/entry.js";
import { command as nashCommand } from "../../cli/commands/nash.js";
import { parseNfg } from "../../solvers/finite/nfg.js";
import { InputError } from "../../src/errors.js";
import { parseJson, parseMarket } from "../../src/io/marketFile.js";
import { parseScoreTable, scoreTableMarket } from "../../src/io/scoreTable.js";
import {
  parseNormalizationSpec,
  parseSelectionSpec,
  parseSpaceSpec,
  parseWeightsSpec,
} from "../../src/io/specs.js";
import { decodeUtf8 } from "../../src/textFile.js";
import { runCli } from "../helpers/cli.js";

const SEED = 20260909;
/** Per-case time bound: every reader is linear in its input of at most a few kilobytes. */
const CASE_MS = 2000;

/**
 * Runs `f` and classifies the outcome; anything but a value or a one-line `InputError` fails.
 * Returns `true` so it can be a fast-check predicate.
 */
function endsWell(f: () => unknown): boolean {
  const t0 = performance.now();
  try {
    f();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    if (/[\n\r]/.test(err.message)) throw new Error(`two-line error: ${JSON.stringify(err.message)}`);
  }
  const ms = performance.now() - t0;
  if (ms > CASE_MS) throw new Error(`took ${ms.toFixed(0)} ms`);
  return true;
}

/** Characters that matter to the readers, plus any code unit. */
const SPECIAL = [
  "{",
  "}",
  "[",
  "]",
  '"',
  ",",
  ":",
  "=",
  "\\",
  "\n",
  "\r",
  "\t",
  " ",
  "#",
  "-",
  "+",
  ".",
  "e",
  "E",
  "/",
  "0",
  "1",
  "9",
  "x",
  "\u00a0",
  "\u2003",
  "\u2028",
  "\ufeff",
  "\u0000",
  "\ud800",
  "NaN",
  "Infinity",
  "1e400",
  "0x8",
  "null",
  "true",
];
const char = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);
const noise = fc.array(char, { maxLength: 60 }).map((cs) => cs.join(""));

/** Up to `max` random edits (insert, delete or replace at a position) of `base`. */
function mutations(base: string, max = 6): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.nat({ max: Math.max(0, base.length) }), fc.constantFrom(0, 1, 2), noise), {
      minLength: 1,
      maxLength: max,
    })
    .map((edits) => {
      let s = base;
      for (const [at, kind, text] of edits) {
        const k = Math.min(at, s.length);
        if (kind === 0) s = s.slice(0, k) + text + s.slice(k);
        else if (kind === 1) s = s.slice(0, k) + s.slice(k + 1 + (text.length % 8));
        else s = s.slice(0, k) + text + s.slice(k + 1);
      }
      return s;
    });
}

const NFG_FILES = ["pd.nfg", "bos-outcome.nfg", "mckelvey-2x2x2.nfg", "exact-numbers.nfg"].map((f) =>
  readFileSync(new URL(`../fixtures/nfg/${f}`, import.meta.url), "utf8"),
);
const CSV = "# source: hand-made\nmodel,code,law\nA,0.9,0.1\nB,0.2,0.8\n";
const MARKET = readFileSync(new URL("../../examples/three-producers.json", import.meta.url), "utf8");

describe("fuzz: the .nfg reader", () => {
  it("random text", () => {
    fc.assert(
      fc.property(noise, (text) => endsWell(() => parseNfg(text, "f.nfg"))),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("edits of real files, including headers with large counts", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NFG_FILES).chain((base) => mutations(base)),
        (text) => endsWell(() => parseNfg(text, "f.nfg")),
      ),
      { seed: SEED, numRuns: 800 },
    );
  });

  it("headers with random strategy counts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat(3000), fc.constantFrom(0, 1e9, 2 ** 53)), { maxLength: 5 }),
        (counts) => {
          const players = counts.map((_, k) => `"${k + 1}"`).join(" ");
          return endsWell(() =>
            parseNfg(`NFG 1 R "t" { ${players} } { ${counts.join(" ")} }\n1 2 3`, "f.nfg"),
          );
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe("fuzz: CSV score tables", () => {
  it("random text and edits of a valid table, read and turned into a market", () => {
    fc.assert(
      fc.property(fc.oneof(noise, mutations(CSV)), (text) =>
        endsWell(() => {
          const table = parseScoreTable(text, "t.csv");
          scoreTableMarket(table, { selection: { rule: "perfect" }, normalization: { kind: "minmax" } });
        }),
      ),
      { seed: SEED, numRuns: 800 },
    );
  });

  it("tables of random cells", () => {
    const cell = fc.oneof(
      fc.double({ noNaN: false }).map(String),
      noise,
      fc.constantFrom('"a,b"', '""', '"x""y"'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 5 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        (rows, eol) => endsWell(() => parseScoreTable(rows.map((r) => r.join(",")).join(eol), "t.csv")),
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe("fuzz: market JSON", () => {
  it("random text and edits of the example market, parsed and validated", () => {
    fc.assert(
      fc.property(fc.oneof(noise, mutations(MARKET)), (text) =>
        endsWell(() => parseMarket(parseJson(text, "m.json"), "m.json")),
      ),
      { seed: SEED, numRuns: 800 },
    );
  });

  it("random JSON values in place of the example's fields", () => {
    const example = JSON.parse(MARKET) as Record<string, unknown>;
    fc.assert(
      fc.property(fc.constantFrom("tasks", "selection", "producers", "name"), fc.jsonValue(), (key, value) =>
        endsWell(() => parseMarket({ ...example, [key]: value }, "m.json")),
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("random bytes decode to text or a one-line invalid-UTF-8 error", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => endsWell(() => decodeUtf8(bytes, "b.txt"))),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe("fuzz: flags", () => {
  const TASKS = [
    { name: "code", weight: 0.5, cap: 1 },
    { name: "law", weight: 0.5, cap: 1 },
  ];
  const KINDS = [
    "perfect",
    "epsilon",
    "logit",
    "probit",
    "top-k",
    "grid",
    "budget",
    "scale",
    "minmax",
    "rule",
    "kind",
  ];
  const KEYS = [
    "eps",
    "beta",
    "sigma",
    "k",
    "budget",
    "step",
    "production",
    "a",
    "max",
    "rule",
    "kind",
    "__proto__",
  ];
  const value = fc.oneof(
    fc.double().map(String),
    fc.constantFrom("power", "linear", "0x8", "", "1e400", "-1"),
    noise,
  );
  const spec = fc
    .tuple(
      fc.oneof(fc.constantFrom(...KINDS), noise),
      fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), noise), value), { maxLength: 4 }),
    )
    .map(([kind, params]) =>
      params.length === 0 ? kind : `${kind}:${params.map(([k, v]) => `${k}=${v}`).join(",")}`,
    );

  it("spec parsers: --selection, --space, --normalize, --weights", () => {
    fc.assert(
      fc.property(fc.oneof(spec, noise), (text) =>
        endsWell(() => {
          for (const f of [
            () => parseSelectionSpec(text),
            () => parseSpaceSpec(text, TASKS),
            () => parseNormalizationSpec(text),
            () => parseWeightsSpec(text),
          ]) {
            try {
              f();
            } catch (err) {
              if (!(err instanceof InputError)) throw err;
            }
          }
        }),
      ),
      { seed: SEED, numRuns: 600 },
    );
  });

  const COMMANDS: Record<string, Command> = { check: checkCommand, entry: entryCommand, nash: nashCommand };

  it("the argument parser against every flag table", () => {
    const flagNames = [
      ...new Set([...checkCommand.flags, ...entryCommand.flags, ...nashCommand.flags].map((f) => f.name)),
    ];
    const arg = fc.oneof(
      fc.constantFrom(...flagNames).map((n) => `--${n}`),
      fc.tuple(fc.constantFrom(...flagNames), value).map(([n, v]) => `--${n}=${v}`),
      value,
      fc.constantFrom("--", "-", "-x", "--help", "--=", "---"),
    );
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 8 }), fc.constantFrom("check", "entry", "nash"), (argv, name) =>
        endsWell(() => parseArgs(argv, COMMANDS[name]!.flags)),
      ),
      { seed: SEED, numRuns: 600 },
    );
  });
});

describe("fuzz: flags end to end", () => {
  it("evaluate with random --selection and --weights exits 0 or with one line and code 2", async () => {
    const num = fc.oneof(
      fc.double().map(String),
      fc.constantFrom("1e-300", "1e300", "0", "5e-324", "1e308", "-0", "0x8", ""),
    );
    const selection = fc.oneof(
      num.map((x) => `logit:beta=${x}`),
      num.map((x) => `probit:sigma=${x}`),
      num.map((x) => `epsilon:eps=${x}`),
      fc.constantFrom("perfect", "logit", "logit:beta=1,beta=2", "logit:rule=perfect"),
      noise,
    );
    const weights = fc.oneof(
      fc.array(num, { minLength: 4, maxLength: 4 }).map((a) => a.join(",")),
      fc
        .array(num, { minLength: 4, maxLength: 4 })
        .map((a) => ["code", "math", "law", "poetry"].map((t, k) => `${t}=${a[k]}`).join(",")),
      noise,
    );
    await fc.assert(
      fc.asyncProperty(selection, weights, async (sel, w) => {
        const t0 = performance.now();
        const r = await runCli([
          "evaluate",
          "examples/three-producers.json",
          "--selection",
          sel,
          "--weights",
          w,
          "--json",
        ]);
        if (performance.now() - t0 > CASE_MS) throw new Error("too slow");
        if (r.code === 0) return JSON.parse(r.stdout) !== undefined;
        if (r.code !== 2 || r.stdout !== "") throw new Error(`exit ${r.code}`);
        if (r.stderr.trimEnd().split("\n").length !== 1) throw new Error(`not one line: ${r.stderr}`);
        return true;
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

it("the fuzz helpers can fail: a TypeError is not a good ending", () => {
  expect(() =>
    endsWell(() => {
      throw new TypeError("x");
    }),
  ).toThrow(TypeError);
  // InputError messages are one line whatever text they quote
  expect(new InputError("f", "line 1", "a\nb").message).toBe("f: line 1: a\\nb");
});
