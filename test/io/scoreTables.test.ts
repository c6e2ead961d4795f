/**
 * Every `*_task_scores.csv` of data/ loads as a market; MT-Bench-101 row means equal the
 * published averages.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScoreTable, readScoreTable, scoreTableMarket } from "../../src/io/scoreTable.js";
import { evaluate } from "../../src/model/evaluate.js";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";

const DATA = join(REPO_ROOT, "data");

// data//README.md, "Published per-model averages"
const MTBENCH_AVERAGES: Record<string, number> = {
  "Llama2-7B-Chat": 6.53,
  "Qwen-7B-Chat": 7.12,
  "ChatGLM2-6B": 5.56,
  "ChatGLM3-6B": 6.47,
  "InternLM2-Chat-7B-SFT": 6.69,
  "Yi-6B-Chat": 6.93,
  "Mistral-7B-Instruct-v0.2": 6.95,
  "Vicuna-13B-v1.5": 6.37,
  "Baize-13B-v2": 6.12,
  "UltraLM-13B-v2.0": 4.61,
  "Llama2-13B-Chat": 7.15,
  "Qwen-14B-Chat": 7.82,
  "Baichuan2-13B-Chat": 7.0,
  "InternLM2-Chat-20B-SFT": 6.95,
  "Yi-34B-Chat": 8.1,
  "Mixtral-8x7B-Instruct-v0.1": 7.38,
  "GPT-3.5": 7.99,
  "GPT-4": 8.86,
};

describe("real score tables", () => {
  const files = readdirSync(DATA).filter((f) => f.endsWith("_task_scores.csv"));

  it("finds the three task-score tables", () => {
    expect(files.sort()).toEqual([
      "livebench_2026_01_08_task_scores.csv",
      "mtbench101_task_scores.csv",
      "wildbench_v2_task_scores.csv",
    ]);
  });

  it.each(files)("%s loads as a market under every normalisation", (file) => {
    const table = readScoreTable(join(DATA, file));
    expect(table.comments[0]).toMatch(/github|arXiv|from/i);
    const nonNegative = table.scores.every((row) => row.every((x) => x >= 0));
    const normalizations = nonNegative
      ? [{ kind: "minmax" as const }, { kind: "scale" as const, max: 100 }]
      : [{ kind: "minmax" as const }];
    for (const normalization of normalizations) {
      const market = scoreTableMarket(table, { selection: { rule: "logit", beta: 10 }, normalization });
      expect(market.producers).toHaveLength(table.models.length);
      const ev = evaluate(market);
      const wr = ev.producers.reduce((s, p) => s + p.payoffs.winrate!, 0);
      expect(wr).toBeCloseTo(1, 9);
    }
  });

  it("MT-Bench-101 row means equal the published averages within 0.005", () => {
    const table = readScoreTable(join(DATA, "mtbench101_task_scores.csv"));
    expect(table.models).toHaveLength(18);
    expect(table.tasks).toHaveLength(13);
    for (const [model, avg] of Object.entries(MTBENCH_AVERAGES)) {
      const row = table.scores[table.models.indexOf(model)]!;
      const mean = row.reduce((s, x) => s + x, 0) / row.length;
      expect(Math.abs(mean - avg)).toBeLessThanOrEqual(0.005);
    }
  });

  it("MT-Bench-101 with dialogue counts as weights evaluates from the command line", async () => {
    const res = await runCli([
      "evaluate",
      join(DATA, "mtbench101_task_scores.csv"),
      "--selection",
      "logit:beta=20",
      "--normalize",
      "scale:max=10",
      "--weights",
      "CM=80,SI=149,AR=153,TS=83,CC=147,CR=136,FR=74,SC=77,SA=73,MR=108,GR=71,IC=150,PI=87",
      "--json",
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as {
      tasks: Array<{ weight: number }>;
      welfare: { U: number; perfect: number };
    };
    expect(out.tasks[0]!.weight).toBeCloseTo(80 / 1388, 12);
    expect(out.welfare.U).toBeLessThanOrEqual(out.welfare.perfect);
  });

  it("WildBench has negative scores: scale is refused, minmax works", async () => {
    const file = join(DATA, "wildbench_v2_task_scores.csv");
    const bad = await runCli(["evaluate", file, "--selection", "perfect"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--normalize: scores go down to`);
    expect(bad.stderr).toContain(`(use normalization "minmax")`);
    const good = await runCli(["evaluate", file, "--selection", "perfect", "--normalize", "minmax"]);
    expect(good.code).toBe(0);
  });
});

describe("score table parsing", () => {
  it("reads comments, header and rows; normalises", () => {
    const table = parseScoreTable("# source: hand-made\nmodel,a,b\nX,2,8\nY,4,4\n", "t.csv");
    expect(table).toEqual({
      comments: ["source: hand-made"],
      tasks: ["a", "b"],
      models: ["X", "Y"],
      scores: [
        [2, 8],
        [4, 4],
      ],
    });
    const minmax = scoreTableMarket(table, {
      selection: { rule: "perfect" },
      normalization: { kind: "minmax" },
    });
    expect(minmax.producers.map((p) => p.quality)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    const scaled = scoreTableMarket(table, {
      selection: { rule: "perfect" },
      normalization: { kind: "scale", max: 10 },
    });
    expect(scaled.producers[0]!.quality).toEqual([0.2, 0.8]);
    const none = scoreTableMarket(table, {
      selection: { rule: "perfect" },
      normalization: { kind: "none" },
      weights: [3, 1],
    });
    expect(none.tasks.map((t) => [t.weight, t.cap])).toEqual([
      [0.75, 8],
      [0.25, 8],
    ]);
  });

  it.each([
    ["model,a,b\nX,1\n", "line 2, column 3: ragged row: 2 cells, the header has 3"],
    ["model,a,b\nX,1,abc\n", 'line 2, column 3: not a decimal number: "abc"'],
    ["model,a,b\nX,1,2\nX,3,4\n", 'line 3, column 1: duplicate model name "X" (also line 2)'],
    ["model,a,a\nX,1,2\n", 'line 1, column 3: duplicate task name "a" (also column 2)'],
    ["# only a comment\n", "empty table (no header row)"],
    ["model,a\n", "empty table (no model rows)"],
    ["model,a\nX,NaN\n", 'line 2, column 2: not a finite number (NaN, Infinity, or beyond +-1.8e308): "NaN"'],
  ])("malformed CSV %j", async (text, expected) => {
    expect(() => parseScoreTable(text, "t.csv")).toThrow(expected);
  });
});
