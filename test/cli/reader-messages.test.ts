/**
 * The pairwise reader's messages as the command line prints them (issue 21, items 12 and 13): one
 * line, the file, where, the problem, and the flag that fixes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "modelmarket-reader-messages-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A user error: exit 2, nothing on stdout, one line on stderr. */
async function userError(argv: string[]): Promise<string> {
  const r = await runCli(argv);
  expect(r.code, argv.join(" ")).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  return r.stderr.trimEnd();
}

/** AlpacaEval's annotations.json layout: the instruction's text, no instruction_id. */
function annotations(): string {
  const rows: string[] = [];
  const instructions = ["Write a haiku.", "Explain gravity.", "Sum 2+2.", "Name a colour."];
  instructions.forEach((instruction, k) => {
    for (const [g, p] of [
      ["modelX", 1 + (k % 2)],
      ["modelY", 2 - (k % 2)],
    ] as const)
      rows.push(
        JSON.stringify({
          instruction,
          output_1: "short".repeat(k + 1),
          output_2: "a longer answer".repeat(k + 2),
          generator_1: "base",
          generator_2: g,
          dataset: "helpful_base",
          preference: p,
        }),
      );
  });
  return `[\n${rows.join(",\n")}\n]\n`;
}

describe("--length-controlled and the instruction column (item 12)", () => {
  it("AlpacaEval's annotations.json takes `instruction` by default, as --instructions instruction", async () => {
    const path = file("annotations.json", annotations());
    const auto = await runCli(["ratings", path, "--length-controlled", "base", "--json"]);
    expect(auto.stderr).toBe("");
    expect(auto.code).toBe(0);
    const given = await runCli([
      "ratings",
      path,
      "--length-controlled",
      "base",
      "--instructions",
      "instruction",
      "--json",
    ]);
    expect(auto.stdout).toBe(given.stdout);
    const lc = JSON.parse(auto.stdout).lengthControlled as { difficulty: { instructions: number } };
    expect(lc.difficulty.instructions).toBe(4);
  });

  it("a missing instruction column points to --instructions", async () => {
    const path = file("annotations-q.json", annotations());
    expect(await userError(["ratings", path, "--length-controlled", "base", "--instructions", "qid"])).toBe(
      `modelmarket ratings: ${path}: line 2, $[0]: no cluster key "qid": name the column of each judgement's instruction with --instructions COLUMN (--instructions none: no difficulty term)`,
    );
  });

  it("a log without lengths says so, not that it lacks the instruction column", async () => {
    expect(
      await userError(["ratings", "data/vicuna80_human_judgements.csv", "--length-controlled", "gpt4"]),
    ).toMatch(
      /^modelmarket ratings: data\/vicuna80_human_judgements\.csv: line \d+, column 1: --length-controlled needs each answer's length, and the file has none \(control "length" needs the columns length_a and length_b\)$/,
    );
  });
});
