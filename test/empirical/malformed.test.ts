/**
 * Malformed input to `modelmarket empirical`: one line on stderr naming the file, line and column,
 * nothing on stdout, exit code 2 (through `main` with a capturing CommandIO).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CommandIO } from "../../cli/command.js";
import { main } from "../../cli/main.js";

const dir = (name: string) => fileURLToPath(new URL(`../fixtures/tables/${name}`, import.meta.url));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CommandIO = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: false,
  };
  const code = await main(["empirical", ...args], io);
  return { code, out, err };
}

describe("malformed score tables", () => {
  const cases: Array<{ file: string; where: string; problem: RegExp }> = [
    // line 3 is "B,4,5": 3 cells for a 4-cell header; the first missing cell is column 4
    { file: "ragged.csv", where: "line 3, column 4", problem: /ragged row: 3 cells, the header has 4/ },
    // line 3 is "B,0.5,n/a": column 3 is not a number
    { file: "non-numeric.csv", where: "line 3, column 3", problem: /not a decimal number: "n\/a"/ },
    // line 5 repeats model A of line 3
    {
      file: "duplicate-model.csv",
      where: "line 5, column 1",
      problem: /duplicate model name "A" \(also line 3\)/,
    },
    // the header repeats task a in column 4
    {
      file: "duplicate-task.csv",
      where: "line 1, column 4",
      problem: /duplicate task name "a" \(also column 2\)/,
    },
    // one comment line and its newline: the header was expected on line 2
    { file: "empty.csv", where: "line 2, column 1", problem: /empty table \(no header row\)/ },
    // comment, header, newline: the first model row was expected on line 3
    { file: "header-only.csv", where: "line 3, column 1", problem: /empty table \(no model rows\)/ },
  ];
  for (const c of cases) {
    it(`${c.file}: ${c.where}`, async () => {
      const path = dir(c.file);
      const { code, out, err } = await run([path]);
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err.endsWith("\n")).toBe(true);
      expect(err.trimEnd().split("\n")).toHaveLength(1);
      expect(err.startsWith(`modelmarket empirical: ${path}: ${c.where}: `)).toBe(true);
      expect(err).toMatch(c.problem);
      expect(err).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    });
  }

  it("a missing file", async () => {
    const { code, err } = await run([dir("no-such-table.csv")]);
    expect(code).toBe(2);
    expect(err).toMatch(/no-such-table\.csv: cannot read file \(no such file\)\n$/);
  });
});

describe("malformed flags", () => {
  const hand = dir("hand-3x2.csv");
  const cases: Array<{ args: string[]; message: RegExp }> = [
    {
      args: ["--sweep", "gamma"],
      message: /--sweep: unknown sweep parameter "gamma" \(known: beta, eps, none\)/,
    },
    {
      args: ["--sweep", "beta:min=0"],
      message: /--sweep min: beta sweeps are geometric: min must be > 0, got 0/,
    },
    { args: ["--sweep", "eps:max=2"], message: /--sweep: eps must lie in \[0, 1\], got 0\.\.2/ },
    {
      args: ["--sweep", "beta:points=2.5"],
      message: /--sweep points: must be an integer in 1\.\.10000, got 2\.5/,
    },
    {
      args: ["--replace", "some"],
      message: /--replace: expected all, none or a number of models, got "some"/,
    },
    {
      args: ["--space", "fixed"],
      message: /--space: an entrant needs a top-k, budget or grid space, got "fixed"/,
    },
    { args: ["--space", "top-k:k=3"], message: /--space k: must be <= 2, got 3/ },
    { args: ["--weights", "1,2,3"], message: /--weights: gives 3 weights for 2 tasks/ },
    { args: ["--rules", "nonsense"], message: /--rules: unknown payoff rule "nonsense"/ },
    { args: ["--selection", "logit"], message: /--selection beta: missing required field/ },
  ];
  for (const c of cases) {
    it(c.args.join(" "), async () => {
      const { code, out, err } = await run([hand, ...c.args]);
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err.trimEnd().split("\n")).toHaveLength(1);
      expect(err).toMatch(c.message);
    });
  }
});
