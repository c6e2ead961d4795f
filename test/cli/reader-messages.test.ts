/**
 * The pairwise reader's messages as the command line prints them (issue 21, items 12 and 13): one
 * line, the file, where, the problem, and the flag that fixes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type LeaderboardOptions, ratingLeaderboards } from "../../empirical/ratings/leaderboard.js";
import { InputError } from "../../src/errors.js";
import { parsePairwise } from "../../src/io/pairwise.js";
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
    // both models' outputs have the same lengths on each instruction, so the joint difficulty fit's 7
    // parameters are not determined (a length slope common to both is undone by the difficulties): not
    // estimable, exit 1, and the same with the flag given
    expect(auto.code).toBe(1);
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
    expect(JSON.parse(auto.stdout).lengthControlled.difficulty.reason).toEqual({
      code: "not-identified",
      parameters: 7,
    });
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

describe("refusals that name the file and the flag (item 13)", () => {
  it("--prior none without maximum-likelihood ratings, and Davidson on soft preferences, name the file", async () => {
    const noMle = file("nomle.csv", "model_a,model_b,winner\na,b,model_a\nb,c,tie\n");
    expect(await userError(["ratings", noMle, "--prior", "none"])).toBe(
      `modelmarket ratings: ${noMle}: --prior: maximum-likelihood ratings do not exist (never loses: a); allow the weak prior (prior auto or always)`,
    );
    const soft = file("soft.csv", "model_a,model_b,preference\na,b,0.7\nb,a,0.4\n");
    expect(await userError(["ratings", soft, "--ties", "davidson"])).toMatch(
      new RegExp(
        `^modelmarket ratings: ${soft.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: --ties: Davidson's tie model needs hard outcomes`,
      ),
    );
  });

  it("an empty --seed is refused (it printed 'seed ;')", async () => {
    expect(
      await userError(["ratings", "data/vicuna80_human_judgements.csv", "--bootstrap", "39", "--seed", ""]),
    ).toBe("modelmarket ratings: --seed: must not be empty (any other text is a seed)");
  });

  it("--gamed takes only a version of the baseline (BASELINE_SUFFIX)", async () => {
    expect(
      await userError([
        "ratings",
        "data/alpacaeval2_annotations_partial.csv",
        "--task",
        "overall",
        "--length-controlled",
        "gpt4_1106_preview",
        "--gamed",
        "gpt4",
      ]),
    ).toBe(
      'modelmarket ratings: --gamed: "gpt4" is not a version of the baseline "gpt4_1106_preview" (AlpacaEval\'s gamed baselines are gpt4_1106_preview_verbose and gpt4_1106_preview_concise)',
    );
  });

  it("an instruction missing from --difficulty names the file and its key, index", async () => {
    expect(
      await userError([
        "ratings",
        "data/alpacaeval2_annotations_partial.csv",
        "--task",
        "overall",
        "--length-controlled",
        "gpt4_1106_preview",
        "--instructions",
        "dataset",
        "--difficulty",
        "data/alpacaeval2_instruction_difficulty.csv",
      ]),
    ).toBe(
      "modelmarket ratings: data/alpacaeval2_instruction_difficulty.csv: index: no row for instruction \"helpful_base\" (the file is keyed by its first column, AlpacaEval's index: the instruction's position 0..804, which is instruction_id in the shipped annotation CSVs; --instructions names the judgements' column holding that key)",
    );
  });

  it("--gamed-judgements takes only versions of the --length-controlled baseline (the same rule)", async () => {
    expect(
      await userError([
        "ratings",
        "data/alpacaeval2_annotations_partial.csv",
        "--task",
        "overall",
        "--length-controlled",
        "claude-2",
        "--difficulty",
        "data/alpacaeval2_instruction_difficulty.csv",
        "--gamed-judgements",
        "data/alpacaeval2_gamed_judgements.csv",
      ]),
    ).toBe(
      'modelmarket ratings: data/alpacaeval2_gamed_judgements.csv: model: "gpt4_1106_preview_verbose" is not a version of the baseline "claude-2" (AlpacaEval\'s gamed baselines are claude-2_verbose and claude-2_concise)',
    );
  });
});

describe("ratingLeaderboards checks its options at run time (item 13)", () => {
  const data = parsePairwise("model_a,model_b,winner\na,b,model_a\nb,a,tie\n", "r.csv");
  it.each([
    [{ anchor: "gpt4" }, 'anchor: must be { kind: "mean" } or { kind: "model", model: NAME }, got "gpt4"'],
    [{ anchor: { model: "a" } }, 'anchor: must be { kind: "mean" } or { kind: "model", model: NAME }'],
    [{ anchor: { kind: "model" } }, "anchor: must be"],
    [{ ties: "draw" }, 'ties: must be one of "half", "davidson", got "draw"'],
    [{ prior: "never" }, 'prior: must be one of "auto", "always", "none", got "never"'],
  ])("%j", (opts, message) => {
    expect(() => ratingLeaderboards(data, opts as unknown as LeaderboardOptions)).toThrow(message);
    expect(() => ratingLeaderboards(data, opts as unknown as LeaderboardOptions)).toThrow(InputError);
  });
  it("valid anchors are taken", () => {
    expect(ratingLeaderboards(data, { anchor: { kind: "model", model: "b" } })[0]!.rows.length).toBe(2);
  });
});
