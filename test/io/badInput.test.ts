/**
 * Bad input: every case gets one line naming the file, the JSON path (or line and column) and the
 * problem, exit code 2, no stack trace and nothing on stdout.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "modelmarket-bad-"));

const GOOD = {
  tasks: [{ name: "code", weight: 2 }, { name: "law" }],
  selection: { rule: "logit", beta: 8 },
  producers: [
    { name: "A", quality: [0.9, 0.1] },
    { name: "B", effort: [0.3, 0.7], budget: 1, production: { kind: "power", a: 0.5 } },
  ],
};

function variant(edit: (m: Record<string, unknown> & typeof GOOD) => void): string {
  const m = structuredClone(GOOD) as Record<string, unknown> & typeof GOOD;
  edit(m);
  return JSON.stringify(m, null, 2);
}

const CASES: Array<{ name: string; text: string; args?: string[]; expected: string }> = [
  {
    name: "missing field",
    text: variant((m) => delete (m as Partial<typeof GOOD>).tasks),
    expected: "$.tasks: missing required field",
  },
  {
    name: "extra field",
    text: variant((m) => Object.assign(m.producers[0]!, { qualty: [1, 1] })),
    expected: "$.producers[0].qualty: unknown field",
  },
  {
    name: "wrong vector length",
    text: variant((m) => (m.producers[0]!.quality = [0.5, 0.5, 0.5])),
    expected: "$.producers[0].quality: must have 2 entries (one per task), got 3",
  },
  {
    name: "NaN literal",
    text: JSON.stringify(GOOD, null, 2).replace('"weight": 2', '"weight": NaN'),
    expected: "line 5, column 17: NaN is not a JSON number",
  },
  {
    name: "Infinity literal",
    text: JSON.stringify(GOOD).replace('"beta":8', '"beta":Infinity'),
    expected: "line 1, column 89: Infinity is not a JSON number",
  },
  {
    name: "number that overflows to Infinity",
    text: JSON.stringify(GOOD).replace('"beta":8', '"beta":1e999'),
    expected: "$.selection.beta: must be finite, got Infinity",
  },
  {
    name: "number given as a string",
    text: variant((m) => ((m.tasks[0] as Record<string, unknown>).weight = "NaN")),
    expected: '$.tasks[0].weight: must be a number, got string "NaN"',
  },
  {
    name: "negative weight",
    text: variant((m) => ((m.tasks[1] as Record<string, unknown>).weight = -1)),
    expected: "$.tasks[1].weight: must be >= 0, got -1",
  },
  {
    name: "all-zero weights",
    text: variant((m) => {
      (m.tasks[0] as Record<string, unknown>).weight = 0;
      (m.tasks[1] as Record<string, unknown>).weight = 0;
    }),
    expected: "$.tasks: all task weights are zero",
  },
  {
    name: "quality above its cap",
    text: variant((m) => (m.producers[0]!.quality = [1.5, 0])),
    expected: '$.producers[0].quality[0]: quality 1.5 is above the cap 1 of task "code"',
  },
  {
    name: "effort over budget",
    text: variant((m) => (m.producers[1]!.effort = [0.6, 0.7])),
    expected: "$.producers[1].effort: total effort 1.3 is over the budget 1",
  },
  {
    name: "unknown selection rule in the file",
    text: variant((m) => (m.selection = { rule: "softmax", beta: 1 } as typeof GOOD.selection)),
    expected: '$.selection.rule: unknown selection rule "softmax" (known: perfect, epsilon, logit, probit)',
  },
  {
    name: "unknown selection rule in a flag",
    text: JSON.stringify(GOOD),
    args: ["--selection", "gumbel:beta=2"],
    expected: '--selection rule: unknown selection rule "gumbel"',
  },
  {
    name: "bad selection parameter in a flag",
    text: JSON.stringify(GOOD),
    args: ["--selection", "epsilon:eps=1.5"],
    expected: "--selection eps: must be <= 1, got 1.5",
  },
  {
    name: "unknown flag",
    text: JSON.stringify(GOOD),
    args: ["--frobnicate"],
    expected: "--frobnicate: unknown flag",
  },
  {
    name: "negative weight in a flag",
    text: JSON.stringify(GOOD),
    args: ["--weights", "1,-2"],
    expected: "--weights: weight must be >= 0, got -2",
  },
  {
    name: "wrong number of weights in a flag",
    text: JSON.stringify(GOOD),
    args: ["--weights", "1,2,3"],
    expected: "--weights: gives 3 weights for 2 tasks",
  },
  {
    name: "duplicate producer names",
    text: variant((m) => (m.producers[1]!.name = "A")),
    expected: '$.producers[1].name: duplicate producer name "A"',
  },
  {
    name: "malformed JSON",
    text: '{\n  "tasks": [\n    {"name": "a",}\n  ]\n}',
    expected: 'line 3, column 18: malformed JSON: expected a quoted field name, found "}"',
  },
  {
    name: "empty file",
    text: "",
    expected: "line 1, column 1: malformed JSON: expected a value, found end of file",
  },
];

describe("bad market files and flags", () => {
  it.each(CASES)("$name", async ({ name, text, args, expected }) => {
    const file = join(dir, `${name.replace(/\W+/g, "-")}.json`);
    writeFileSync(file, text);
    const res = await runCli(["evaluate", file, ...(args ?? [])]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe("");
    const lines = res.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
    if (!expected.startsWith("--")) expect(lines[0]).toContain(file);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unreadable file (missing, or a directory) names the file", async () => {
    const missing = await runCli(["evaluate", join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.json: cannot read file (no such file)");
    const folder = join(dir, "folder.json");
    mkdirSync(folder);
    const isDir = await runCli(["evaluate", folder]);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toContain("folder.json: cannot read file (a folder, not a file)");
  });

  it("an unknown command, a missing argument and an extra argument exit with 2", async () => {
    expect((await runCli(["evalute"])).code).toBe(2);
    const noFile = await runCli(["evaluate"]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("FILE: missing argument");
    const extra = await runCli(["evaluate", "a.json", "b.json"]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("b.json: unexpected extra argument");
  });
});
