import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  describeModelMatch,
  matchModels,
  parsePairwise,
  readPairwise,
  WILDBENCH_OVERALL,
  wildbenchReward,
} from "../../src/io/pairwise.js";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";

const WB = join(REPO_ROOT, "data", "wildbench_v2_pairwise_by_category.csv");
const FIX = join(REPO_ROOT, "test", "fixtures", "pairwise");

describe("WildBench pairwise counts", () => {
  const data = readPairwise(WB);

  it("loads: 924 rows, five categories as tasks, ALL rows as overall judgements", () => {
    expect(data.format).toBe("wildbench");
    expect(data.cells).toHaveLength(924);
    expect(data.tasks).toEqual([
      "Creative Tasks",
      "Planning & Reasoning",
      "Math & Data Analysis",
      "Information/Advice seeking",
      "Coding & Debugging",
    ]);
    expect(data.cells.filter((c) => c.task === -1)).toHaveLength(924 / 6);
    expect(data.comments[0]).toMatch(/^WildBench v2 pairwise/);
  });

  it("the per-category reward equals the source's formula for the documented examples", () => {
    const a = data.models.indexOf("gpt-4o-2024-05-13");
    const b = data.models.indexOf("claude-3-haiku-20240307");
    const cells = data.cells.filter((c) => c.a === a && c.b === b);
    const coding = cells.find((c) => c.task === data.tasks.indexOf("Coding & Debugging"))!;
    const all = cells.find((c) => c.task === -1)!;
    // data/README.md: Coding & Debugging 0.5462; ALL 0.4326 (ALL's total counts items without a verdict)
    expect(wildbenchReward(coding.levels)).toBeCloseTo(0.5462, 4);
    expect(wildbenchReward(all.levels)).toBeCloseTo(0.4326, 4);
    // the row itself: 78, 66, 2, 21, 6 of 173 -> (78 + 33 - 10.5 - 6) / 173
    expect(coding.levels).toEqual({ winMuch: 78, win: 66, tie: 2, lose: 21, loseMuch: 6, total: 173 });
    expect(wildbenchReward(coding.levels)).toBe((78 + 0.5 * 66 - 0.5 * 21 - 6) / 173);
  });

  it("maps win_much and win to wins, tie to ties, lose and lose_much to losses", () => {
    const c = data.cells[0]!;
    const l = c.levels!;
    expect(c.winsA).toBe(l.winMuch + l.win);
    expect(c.ties).toBe(l.tie);
    expect(c.winsB).toBe(l.lose + l.loseMuch);
    expect(WILDBENCH_OVERALL).toBe("ALL");
  });
});

describe("battle logs", () => {
  it("CSV and JSON Lines give the same aggregated cells (ties of both kinds, weights, task or category)", () => {
    const csv = readPairwise(join(FIX, "battles.csv"));
    const jsonl = readPairwise(join(FIX, "battles.jsonl"));
    expect(csv.format).toBe("battles");
    expect(csv.models).toEqual(["A", "B", "C"]);
    expect(csv.tasks).toEqual(["code", "law"]);
    const strip = (d: typeof csv) => d.cells.map(({ line: _l, ...c }) => c);
    expect(strip(jsonl)).toEqual(strip(csv));
    const ab = csv.cells.find((c) => c.a === 0 && c.b === 1 && c.task === 0)!;
    expect([ab.winsA, ab.ties, ab.winsB]).toEqual([1, 0, 1]);
    const ac = csv.cells.find((c) => c.a === 0 && c.b === 2 && c.task === 1)!;
    expect(ac.ties).toBe(1);
    const bcCode = csv.cells.find((c) => c.a === 1 && c.b === 2 && c.task === 0)!;
    expect(bcCode.winsA).toBe(2);
  });

  it("without a task column every judgement is overall (task -1)", () => {
    const d = parsePairwise("model_a,model_b,winner\nX,Y,model_b\n", "t.csv");
    expect(d.tasks).toEqual([]);
    expect(d.cells[0]!.task).toBe(-1);
  });
});

describe("malformed pairwise files: one-line errors with line and column", () => {
  const cases: Array<[string, RegExp]> = [
    [
      "bad-winner.csv",
      /bad-winner\.csv: line 3, column 3: winner must be one of "model_a", "model_b", "tie", "tie \(bothbad\)", got "draw"$/,
    ],
    ["bad-weight.csv", /bad-weight\.csv: line 3, column 4: weight must be a finite number >= 0, got "-2"$/],
    ["ragged.csv", /ragged\.csv: line 3, column 3: ragged row: 2 cells, the header has 3$/],
    [
      "self.csv",
      /self\.csv: line 2, column 2: a model cannot face itself \("A"\); such rows can be skipped with a count \((--)?skipSelf\)/,
    ],
    ["wildbench-bad-count.csv", /wildbench-bad-count\.csv: line 3, column 5: not a decimal number: "x"$/],
    ["wildbench-bad-total.csv", /wildbench-bad-total\.csv: line 2, column 9: total 16 differs from the sum/],
    ["bad-json.jsonl", /bad-json\.jsonl: line 2, column \d+: not valid JSON$/],
    ["unknown-layout.csv", /unknown-layout\.csv: line 1, column 1: header lacks the column "model_a"/],
    ["unclosed-quote.csv", /unclosed-quote\.csv: line 2, column 3: CSV syntax: this quote is never closed$/],
  ];
  for (const [file, message] of cases) {
    it(`${file}`, () => {
      let err: unknown;
      try {
        readPairwise(join(FIX, file));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain("\n");
    });
  }

  it("a header naming a column twice is refused at the second, in every layout (issue 21, item 3)", () => {
    for (const [text, message] of [
      [
        "model_a,model_b,winner,winner\nA,B,model_a,model_b\n",
        'line 1, column 4: duplicate column "winner" (also column 3)',
      ],
      [
        "model_a,model_a,winner\nA,B,model_a\n",
        'line 1, column 2: duplicate column "model_a" (also column 1)',
      ],
      [
        '# c\nmodel_a,"model_b",winner,task,task\nA,B,tie,x,y\n',
        'line 2, column 5: duplicate column "task" (also column 4)',
      ],
      [
        "generator_1,generator_2,preference,preference\nA,B,1,2\n",
        'line 1, column 4: duplicate column "preference"',
      ],
    ] as const)
      expect(() => parsePairwise(text, "d.csv")).toThrow(`d.csv: ${message}`);
    // unnamed columns (an index column written by pandas) may repeat
    expect(parsePairwise(",,model_a,model_b,winner\n0,0,A,B,tie\n").cells).toHaveLength(1);
  });

  it("JSON values and layouts are checked with the message that fits them (issue 21, item 13)", () => {
    const cases: Array<[string, string]> = [
      [
        '[{"model_a":"a","model_b":"b","winner":"model_a","weight":1e999}]',
        "line 1, $[0].weight: not a finite number (beyond +-1.8e308)",
      ],
      [
        '[{"generator_1":"x","generator_2":"y","preference":"2"}]',
        'line 1, $[0].preference: must be a number, got string "2"',
      ],
      [
        '[{"model_a":"a","model_b":"b","preference":"0.5"}]',
        'line 1, $[0].preference: must be a number, got string "0.5"',
      ],
      [
        '[\n{"model_a":"a"},\n{"model_a":"a","model_b":"b","winner":"tie","model_a":"c"}]',
        "line 2, $[0].model_b: must be a non-empty string, got undefined",
      ],
      [
        '[{"model_a":"a","model_b":"b","winner":"tie"},\n{"model_a":"a","model_b":"b","winner":"tie","model_a":"c"}]',
        'line 2, $[1].model_a: duplicate key "model_a"',
      ],
      [
        '{"model_a":"a","model_b":"b","winner":"tie","model_a":"c"}\n',
        'line 1, $.model_a: duplicate key "model_a"',
      ],
      [
        '[{"generator_1":"x","generator_2":"y","preference":2,"output_1":"a","output_2":7}]',
        "line 1, $[0].output_2: must be the answer's text (a string), got 7",
      ],
      ["[]", "no judgements (an empty JSON array)"],
    ];
    for (const [text, message] of cases)
      expect(() => parsePairwise(text, "j.json")).toThrow(`j.json: ${message}`);
    // an AlpacaEval length is the answer's length in characters, never a number standing for it
    expect(() =>
      parsePairwise(
        '[{"generator_1":"x","generator_2":"y","preference":2,"output_1":"a","output_2":7}]',
        "j.json",
        {
          controls: ["length"],
        },
      ),
    ).toThrow(/j\.json: line 1, \$\[0\]\.output_2: /);
  });

  it("CSV: an unclosed quote is reported where it opened; semicolons and tabs are named (item 13)", () => {
    expect(() =>
      parsePairwise('model_a,model_b,winner\na,b,model_a\nb,c,"model_b\nc,a,tie\n', "q.csv"),
    ).toThrow(/^q\.csv: line 3, column 5: CSV syntax: this quote is never closed$/);
    expect(() => parsePairwise("model_a;model_b;winner\na;b;model_a\n", "s.csv")).toThrow(
      's.csv: line 1, column 1: the header is one field holding semicolons: the file looks semicolon-separated, and CSV needs commas (header lacks the column "model_a")',
    );
    expect(() => parsePairwise("model_a\tmodel_b\twinner\na\tb\tmodel_a\n", "t.tsv")).toThrow(
      /^t\.tsv: line 1, column 1: the header is one field holding tabs: the file looks tab-separated/,
    );
  });

  it("a row of weight 0 is no judgement: a model with only such rows is left out (item 13)", () => {
    const d = parsePairwise(
      "model_a,model_b,winner,weight\na,b,model_a,1\nb,a,tie,2\na,c,model_b,0\n",
      "z.csv",
    );
    expect(d.models).toEqual(["a", "b"]);
    expect(d.cells).toHaveLength(2);
    expect(() => parsePairwise("model_a,model_b,winner,weight\na,b,model_a,0\n", "z.csv")).toThrow(
      "z.csv: no judgements (its one row has weight 0)",
    );
  });

  it("weights are bounded by 2^53 in total, so that the intervals never overflow (item 13)", () => {
    const csv = "model_a,model_b,winner,weight\na,b,model_a,1e300\nb,a,model_a,1e300\na,c,tie,1\n";
    expect(() => parsePairwise(csv, "w.csv")).toThrow(
      /^w\.csv: line 2: the total weight of the judgements exceeds 2\^53/,
    );
    expect(parsePairwise("model_a,model_b,winner,weight\na,b,model_a,9e15\n").cells[0]!.winsA).toBe(9e15);
  });

  it("line numbers count comment, blank and whitespace-only lines, with and without quoted fields", () => {
    const plain = "# c\nmodel_a,model_b,winner\n\nA,B,model_a\n# d\n   \nA,B,draw\n";
    expect(() => parsePairwise(plain, "p.csv")).toThrow(/^p\.csv: line 7, column 3: winner must be/);
    const quoted = 'model_a,model_b,winner\n"A, the first",B,model_a\n\n"A\nB",C,draw\n';
    expect(() => parsePairwise(quoted, "q.csv")).toThrow(/^q\.csv: line 5, column 3: winner must be/);
  });

  it("a total weight over 2^53 is refused (else the fit reports 'converged' with Infinity, the intervals overflow)", () => {
    const csv = "model_a,model_b,winner,weight\nA,B,model_a,1e308\nB,A,model_a,1e308\nA,B,tie,1e308\n";
    expect(() => parsePairwise(csv, "w.csv")).toThrow(
      /^w\.csv: line \d+: the total weight of the judgements exceeds 2\^53/,
    );
    const jsonl = '{"model_a":"A","model_b":"B","winner":"model_a","weight":1e308}\n'.repeat(2);
    expect(() => parsePairwise(jsonl, "w.jsonl")).toThrow(
      /^w\.jsonl: line 1: the total weight .* exceeds 2\^53/,
    );
    const wb =
      "model,reference,category,win_much,win,tie,lose,lose_much,total\nA,B,ALL,1e308,0,0,0,0,1e308\nC,B,ALL,1e308,0,0,0,0,1e308\n";
    expect(() => parsePairwise(wb, "wb.csv")).toThrow(/^wb\.csv: line 2: the total weight .* exceeds 2\^53/);
  });

  it("the ratings command exits 2 with the one-line message and no stack trace", async () => {
    const r = await runCli(["ratings", join(FIX, "bad-winner.csv")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^modelmarket ratings: .*bad-winner\.csv: line 3, column 3: winner must be/);
  });

  it("calibrate exits 2 on a malformed pairwise file too", async () => {
    const r = await runCli(["calibrate", join(FIX, "scores.csv"), "--pairwise", join(FIX, "bad-json.jsonl")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("model names between pairwise data and a score table", () => {
  it("are reported by name in both directions", () => {
    const m = matchModels(["A", "B", "X"], ["A", "B", "C"]);
    expect(m).toEqual({ common: ["A", "B"], pairwiseOnly: ["X"], tableOnly: ["C"] });
    expect(describeModelMatch(m)).toBe(
      'in the pairwise data, not the score table: "X"; in the score table, not the pairwise data: "C"',
    );
  });
});
