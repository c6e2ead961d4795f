/**
 * The fast path of plain arena logs (src/io/pairwise-fast.ts) against the general row handler: the
 * same log read with a cluster column (which the fast path does not take, so every row goes through
 * the general handler) and without one must give the same models, tasks, cells, warnings and
 * comments, or the same error, for any mix of plain rows, comments, blank lines, CRLF endings, blanks
 * at field edges, quoted rows, ragged rows, unknown winners and self-battles, at any chunk size.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { totalWeight } from "../../empirical/ratings/bradley-terry.js";
import { comparisonsFrom } from "../../empirical/ratings/comparisons.js";
import { readPairwise } from "../../src/io/pairwise.js";
import { CellTable, RangeNames } from "../../src/io/pairwise-tables.js";
import type { PairwiseData, ReadPairwiseOptions } from "../../src/io/pairwise-types.js";

const dir = mkdtempSync(join(tmpdir(), "mm-pairwise-fast-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ["m0", "m1", "gpt-4o", "ü-model", "a b", " m0", "m1 ", "m2", "m3", "m4", "m5"];
const WINNERS = ["model_a", "model_b", "tie", "tie (bothbad)", " tie", "tie "];
const TASKS = ["coding", "math", "", " math", "数学"];
/** Mostly good values, now and then a bad one (the general handler's errors must come out the same). */
const rare = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 60, arbitrary: good }, { weight: 1, arbitrary: bad });
const name = rare(fc.constantFrom(...NAMES), fc.constant(""));
const winner = rare(fc.constantFrom(...WINNERS), fc.constantFrom("model_c", "", "Model_a"));

const row = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(name, name, winner, fc.constantFrom(...TASKS), fc.nat(9))
      .map(([a, b, w, t, q]) => `${a},${b},${w},${t},q${q}`),
  },
  {
    weight: 1,
    arbitrary: rare(
      fc.constantFrom(
        "# a comment",
        "",
        "   ",
        '"m,0",m1,model_a,coding,q2',
        'm0,"m\n1",tie,math,q3',
        "#m0,m1,tie",
      ),
      // ragged rows
      fc.constantFrom("m0,m1,tie", "m0,m1,tie,coding,q1,extra"),
    ),
  },
);

/**
 * What a read gives: the data without its cluster index, with the overall fit's judgement count, or
 * the error's message.
 */
function outcome(path: string, options: ReadPairwiseOptions): unknown {
  let data: PairwiseData;
  try {
    data = readPairwise(path, options);
  } catch (e) {
    return { error: (e as Error).message.replace(path, "FILE") };
  }
  const { clusters: _c, file: _f, ...rest } = data;
  // the overall fit holds every judgement, with a task or without one (docs/pairwise.md)
  const rows = data.cells.reduce((s, c) => s + c.winsA + c.ties + c.winsB, 0);
  return { ...rest, overall: totalWeight(comparisonsFrom(data, { overall: true })), rows };
}

describe("the fast path of plain long-format logs", () => {
  it("reads every log as the general row handler does (same cells, order, lines, errors)", () => {
    let k = 0;
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 40 }),
        fc.constantFrom("\n", "\r\n"),
        fc.integer({ min: 16, max: 200 }),
        fc.boolean(),
        fc.boolean(),
        (rows, eol, chunkBytes, skipSelf, taskColumn) => {
          const header = taskColumn
            ? "model_a,model_b,winner,task,qid"
            : "model_a,model_b,winner,category,qid";
          const path = join(dir, `log${k++}.csv`);
          writeFileSync(path, [header, ...rows].join(eol) + eol);
          const fast = outcome(path, { chunkBytes, skipSelf });
          const general = outcome(path, { chunkBytes, skipSelf, cluster: "qid" });
          expect(fast).toEqual(general);
          if (!("error" in (fast as object)))
            expect((fast as { overall: number }).overall).toBe((fast as { rows: number }).rows);
          // one chunk and small chunks agree too
          expect(outcome(path, { skipSelf })).toEqual(fast);
        },
      ),
      { seed: 20261207, numRuns: 400 },
    );
  });

  it("the overall fit counts rows with and without a task, by either path (issue 21)", () => {
    const path = join(dir, "mixed-task.csv");
    writeFileSync(path, "model_a,model_b,winner,category\nA,C,model_b,x\nB,C,tie,y\nA,B,model_a,\n");
    for (const options of [{}, { cluster: "category" }]) {
      const overall = comparisonsFrom(readPairwise(path, options), { overall: true });
      expect(totalWeight(overall)).toBe(3);
      expect(overall.models).toEqual(["A", "C", "B"]);
    }
  });

  it("takes a plain log's rows (the cells count every battle) and numbers models in order of appearance", () => {
    const path = join(dir, "plain.csv");
    writeFileSync(
      path,
      "model_a,model_b,winner,category\nB,A,model_a,x\nA,B,tie (bothbad),\nA,C,model_b,y\nB,A,tie,x\n",
    );
    const d = readPairwise(path);
    expect(d.models).toEqual(["B", "A", "C"]);
    expect(d.tasks).toEqual(["x", "y"]);
    expect(d.cells).toEqual([
      { a: 0, b: 1, task: 0, winsA: 1, ties: 1, winsB: 0, line: 2 },
      { a: 1, b: 0, task: -1, winsA: 0, ties: 1, winsB: 0, line: 3 },
      { a: 1, b: 2, task: 1, winsA: 0, ties: 0, winsB: 1, line: 4 },
    ]);
  });

  it("a bad byte after ASCII chunks is found at its line, at any chunk size (the Latin-1 shortcut)", () => {
    const path = join(dir, "bad-utf8.csv");
    const rows = Array.from({ length: 30 }, (_, k) => `m${k % 3},m${(k + 1) % 3},tie,x`).join("\n");
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`model_a,model_b,winner,category\n${rows}\nm0,m`),
        Buffer.from([0xff]),
        Buffer.from(",tie,x\n"),
      ]),
    );
    // (the byte offset is counted within the chunk read, so only the line and column are compared)
    for (const chunkBytes of [16, 64, 1 << 20])
      expect(outcome(path, { chunkBytes })).toEqual({
        error: expect.stringMatching(/^FILE: line 32, column 5: invalid UTF-8 \(byte 0xff at offset \d+\)/),
      });
  });
});

describe("the lookup tables", () => {
  it("CellTable agrees with a Map through its dense growth and its switch to hashing", () => {
    // keys up to 3,000 models and 40 tasks pass the dense limit, so both indices are exercised
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(3000), fc.nat(3000), fc.integer({ min: -1, max: 40 })), { maxLength: 3000 }),
        (keys) => {
          const table = new CellTable();
          const map = new Map<string, number>();
          for (const [a, b, t] of keys) {
            const key = `${a}|${b}|${t}`;
            expect(table.get(a, b, t)).toBe(map.get(key) ?? -1);
            if (!map.has(key)) {
              map.set(key, map.size);
              table.set(a, b, t, map.size - 1);
            }
          }
          for (const [key, v] of map) {
            const [a, b, t] = key.split("|").map(Number) as [number, number, number];
            expect(table.get(a, b, t)).toBe(v);
          }
          expect(table.get(3001, 0, 0)).toBe(-1);
        },
      ),
      { seed: 7, numRuns: 30 },
    );
  });

  it("RangeNames adds each name once, found by any range holding it, through growth", () => {
    const added: string[] = [];
    const names = new RangeNames((n) => added.push(n) - 1);
    const text = Array.from({ length: 500 }, (_, k) => `name${k % 300}`).join(",");
    let start = 0;
    const ids: number[] = [];
    for (const part of text.split(",")) {
      ids.push(names.id(text, start, start + part.length));
      start += part.length + 1;
    }
    expect(added).toEqual(Array.from({ length: 300 }, (_, k) => `name${k}`));
    expect(ids).toEqual(Array.from({ length: 500 }, (_, k) => k % 300));
  });
});
