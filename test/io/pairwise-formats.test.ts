/**
 * The log formats evaluators have, read directly: FastChat's cleaned battle JSON (an array of objects,
 * pretty-printed over many lines), AlpacaEval's annotations.json, soft preferences, self-battles, and
 * streaming in small chunks giving the same aggregate as reading the whole text.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { type PairwiseData, parsePairwise, readPairwise } from "../../src/io/pairwise.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "mm-pairwise-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const battle = (a: string, b: string, winner: string, q: string, ta: number, tb: number, h = 0) => ({
  model_a: a,
  model_b: b,
  winner,
  judge: "arena_user_1",
  turn: 1,
  anony: true,
  language: "English",
  conv_metadata: {
    sum_user_tokens: 12,
    sum_assistant_a_tokens: ta,
    sum_assistant_b_tokens: tb,
    header_count_a: { h1: h, h2: 0 },
    header_count_b: { h1: 0, h2: 0 },
    list_count_a: { ordered: 1, unordered: 0 },
    list_count_b: { ordered: 0, unordered: 2 },
    bold_count_a: { "**": 0, __: 0 },
    bold_count_b: { "**": 3, __: 0 },
  },
  question_id: q,
  category: "coding",
});

const FASTCHAT = JSON.stringify(
  [
    battle("gpt-4", "claude", "model_a", "q1", 300, 100, 2),
    battle("claude", "gpt-4", "tie (bothbad)", "q1", 80, 90),
    battle("claude", "llama", "tie", "q2", 50, 60),
    battle("llama", "gpt-4", "model_b", "q3", 20, 200),
    battle("gpt-4", "llama", "model_b", "q3", 20, 200),
  ],
  null,
  2,
);

const strip = (d: PairwiseData) => d.cells.map(({ line: _l, ...c }) => c);

describe("FastChat's cleaned battle JSON", () => {
  it("reads model_a, model_b, winner (both ties), category and question_id, token and style counts", () => {
    const d = parsePairwise(FASTCHAT, "battles.json", {
      cluster: "question_id",
      controls: ["length", "headers", "bold"],
    });
    expect(d.format).toBe("fastchat");
    expect(d.models).toEqual(["gpt-4", "claude", "llama"]);
    expect(d.tasks).toEqual(["coding"]);
    expect(d.cells.find((c) => c.a === 1 && c.b === 0)!.ties).toBe(1);
    expect(d.clusters!.count).toBe(3);
    const ctl = d.controls!;
    expect(ctl.names).toEqual(["length", "headers", "bold"]);
    // row 0: 300 vs 100 tokens, headers {h1: 2, h2: 0} summed as FastChat does, bold 0 vs 3
    expect([ctl.valuesA.slice(0, 3), ctl.valuesB.slice(0, 3)]).toEqual([
      [300, 2, 0],
      [100, 0, 3],
    ]);
    expect(ctl.outcome).toEqual([1, 0.5, 0.5, 0, 0]);
  });

  it("streams in 7-byte chunks to the same aggregate, with the object's line in errors", () => {
    const p = file("battles.json", FASTCHAT);
    expect(strip(readPairwise(p, { chunkBytes: 7 }))).toEqual(strip(parsePairwise(FASTCHAT, p)));
    const bad = FASTCHAT.replace('"winner": "tie"', '"winner": "draw"');
    const err = (() => {
      try {
        readPairwise(file("bad.json", bad), { chunkBytes: 7 });
      } catch (e) {
        return e;
      }
    })() as InputError;
    expect(err).toBeInstanceOf(InputError);
    // the third object starts at the third line that opens an element ("  {")
    const starts = bad.split("\n").flatMap((l, k) => (l === "  {" ? [k + 1] : []));
    expect(err.where).toBe(`line ${starts[2]}, $[2].winner`);
    expect(err.message).toMatch(/got "draw"/);
  });

  it("refuses what is not an array of objects, and a truncated array", () => {
    expect(() => parsePairwise("[1, 2]", "x.json")).toThrow(/expected a JSON array of objects, got "1"/);
    expect(() => parsePairwise(FASTCHAT.slice(0, -10), "x.json")).toThrow(/unexpected end of the file/);
    expect(() => parsePairwise(`${FASTCHAT} 5`, "x.json")).toThrow(/text after the end of the JSON array/);
  });
});

describe("self-battles", () => {
  const text = "model_a,model_b,winner\nA,B,model_a\nA,A,tie\nB,A,model_a\nB,B,model_b\n";

  it("are an error naming the line, or skipped with a count when asked", () => {
    expect(() => parsePairwise(text, "s.csv")).toThrow(
      /s\.csv: line 3, column 2: a model cannot face itself \("A"\)/,
    );
    const d = parsePairwise(text, "s.csv", { skipSelf: true });
    expect(d.warnings).toEqual([{ code: "skipped-self-battles", rows: 2 }]);
    expect(d.cells).toHaveLength(2);
    const j = JSON.stringify([battle("x", "x", "tie", "q", 1, 1)]);
    expect(() => parsePairwise(j, "j.json")).toThrow(/line 1, \$\[0\]\.model_b: a model cannot face itself/);
  });

  it("--skip-self prints the count on stderr", async () => {
    const r = await runCli(["ratings", file("self.csv", text), "--skip-self", "--task", "overall"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("modelmarket ratings: warning: skipped 2 self-battles");
    const e = await runCli(["ratings", file("self2.csv", text)]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(
      /line 3, column 2: a model cannot face itself \("A"\); such rows can be skipped with a count \(--skip-self\)/,
    );
  });
});

describe("AlpacaEval annotations.json and soft preferences", () => {
  const ann = JSON.stringify(
    [
      {
        instruction: "i1",
        output_1: "aaaa",
        output_2: "bb",
        generator_1: "base",
        generator_2: "m",
        dataset: "koala",
        preference: 1.75,
      },
      {
        instruction: "i2",
        output_1: "aa",
        output_2: "bbbb",
        generator_1: "base",
        generator_2: "m",
        dataset: "koala",
        preference: 1,
      },
      {
        instruction: "i3",
        output_1: "a",
        output_2: "b",
        generator_1: "base",
        generator_2: "m",
        dataset: "oasst",
        preference: null,
      },
      {
        instruction: "i4",
        output_1: "a",
        output_2: "b",
        generator_1: "base",
        generator_2: "m",
        dataset: "oasst",
        preference: 0,
      },
    ],
    null,
    1,
  );

  it("maps AlpacaEval's 1..2 scale to P(generator_1 wins) = 2 - preference; null is skipped with a count; 0 is a draw", () => {
    const d = parsePairwise(ann, "annotations.json", { controls: ["length"] });
    expect(d.format).toBe("alpacaeval");
    expect(d.tasks).toEqual(["koala", "oasst"]);
    const koala = d.cells.find((c) => c.task === 0)!;
    expect(koala.soft).toEqual({ p: [0.25], w: [1] });
    expect(koala.winsA).toBe(1);
    expect(d.cells.find((c) => c.task === 1)!.ties).toBe(1);
    expect(d.warnings).toEqual([{ code: "skipped-no-verdict", rows: 1 }]);
    expect(d.controls!.valuesA).toEqual([4, 2, 1]);
    expect(d.controls!.valuesB).toEqual([2, 4, 1]);
  });

  it("the long format's preference column is P(model_a wins) in [0, 1]; out of range is a one-line error", () => {
    const d = parsePairwise("model_a,model_b,preference\nA,B,0.7\nA,B,0.7\nA,B,1\n", "p.csv");
    expect(d.cells[0]).toMatchObject({ winsA: 1, soft: { p: [0.7], w: [2] } });
    expect(() => parsePairwise("model_a,model_b,preference\nA,B,1.5\n", "p.csv")).toThrow(
      /p\.csv: line 2, column 3: preference must be a probability in \[0, 1\] that model_a wins, got "1\.5"/,
    );
    expect(() =>
      parsePairwise("instruction_id,generator_1,generator_2,preference\n1,A,B,2.5\n", "a.csv"),
    ).toThrow(/line 2, column 4: preference must be 0 \(a draw\) or in \[1, 2\]/);
  });
});

describe("streaming CSV", () => {
  it("small chunks give the same aggregate, quoted names with line breaks included", () => {
    const text =
      '# comment\nmodel_a,model_b,winner,task\n"gpt\n4",b,model_a,t1\nb,"gpt\n4",tie,t2\nc,b,model_b,t1\n';
    const p = file("q.csv", text);
    for (const chunkBytes of [3, 5, 16, 1 << 20])
      expect(strip(readPairwise(p, { chunkBytes }))).toEqual(strip(parsePairwise(text, p)));
    const bad = file("bad.csv", `${text}c,b,draw,t1\n`);
    expect(() => readPairwise(bad, { chunkBytes: 4 })).toThrow(
      /bad\.csv: line 8, column 3: winner must be one of/,
    );
  });
});
