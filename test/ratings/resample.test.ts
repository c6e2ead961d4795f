/**
 * The three bootstrap schemes: what each redraws. The cell scheme redraws within each pair (both
 * orders together, Rao and Wu's n - 1 draws), so the same judgements written in alternating order no
 * longer give zero-width intervals; a pair met once still never varies, which the whole-log scheme fixes.
 */

import { join } from "node:path";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { runBootstrap } from "../../empirical/bootstrap-summary.js";
import { multinomialInPlace, parseResample, resamplePairwise } from "../../empirical/resample.js";
import { InputError } from "../../src/errors.js";
import { type PairwiseData, parsePairwise } from "../../src/io/pairwise.js";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";

const total = (d: PairwiseData) =>
  d.cells.reduce((s, c) => s + c.winsA + c.ties + c.winsB + (c.soft?.w.reduce((a, b) => a + b, 0) ?? 0), 0);

describe("parseResample", () => {
  it("reads the three schemes and refuses anything else", () => {
    expect(parseResample(undefined)).toEqual({ kind: "battles" });
    expect(parseResample("cells")).toEqual({ kind: "cells" });
    expect(parseResample("clusters:question_id")).toEqual({ kind: "clusters", column: "question_id" });
    expect(() => parseResample("pairs")).toThrow(InputError);
    expect(() => parseResample("clusters:")).toThrow(/battles, cells or clusters:COLUMN/);
  });
});

describe("multinomial draws", () => {
  it("sum to n and have the right means", () => {
    const rng = seedrandom.alea("m");
    const sums = [0, 0, 0];
    for (let r = 0; r < 2000; r++) {
      const w = [1, 2, 5];
      multinomialInPlace(rng, 40, w);
      expect(w[0]! + w[1]! + w[2]!).toBe(40);
      w.forEach((x, k) => {
        sums[k]! += x;
      });
    }
    // means 5, 10, 25; the mean of 2000 draws has SE below 0.07, so 0.3 is over 4 SE
    expect(Math.abs(sums[0]! / 2000 - 5)).toBeLessThan(0.3);
    expect(Math.abs(sums[1]! / 2000 - 10)).toBeLessThan(0.3);
    expect(Math.abs(sums[2]! / 2000 - 25)).toBeLessThan(0.3);
  });
});

describe("resampling schemes", () => {
  // D met A once; A, B, C met 60 times each pair
  const lines = ["model_a,model_b,winner,question_id"];
  let q = 0;
  for (const [a, b] of [
    ["A", "B"],
    ["B", "C"],
    ["A", "C"],
  ])
    for (let k = 0; k < 60; k++) lines.push(`${a},${b},${k % 3 === 0 ? "model_b" : "model_a"},q${q++ % 40}`);
  lines.push("D,A,model_a,q99");
  const text = `${lines.join("\n")}\n`;
  const data = parsePairwise(text, "log.csv", { cluster: "question_id" });

  it("battles: the log's size is kept, and the once-met pair varies", () => {
    const counts = new Set<number>();
    for (let k = 0; k < 50; k++) {
      const r = resamplePairwise(data, seedrandom.alea(`b/${k}`), { kind: "battles" });
      expect(total(r)).toBe(181);
      counts.add(r.cells.at(-1)!.winsA);
    }
    expect(counts.size).toBeGreaterThan(1);
    expect(counts.has(0)).toBe(true);
  });

  it("cells: every pair keeps its size (both orders one stratum), so the once-met pair never varies", () => {
    const sizes = (d: PairwiseData) => {
      const m = new Map<string, number>();
      for (const c of d.cells) {
        const key = [d.models[c.a], d.models[c.b]].sort().join("|");
        m.set(key, (m.get(key) ?? 0) + c.winsA + c.ties + c.winsB);
      }
      return m;
    };
    const before = sizes(data);
    const shares = new Set<number>();
    for (let k = 0; k < 50; k++) {
      const r = resamplePairwise(data, seedrandom.alea(`c/${k}`), { kind: "cells" });
      for (const [key, size] of sizes(r)) expect(size).toBeCloseTo(before.get(key)!, 9);
      expect(r.cells.at(-1)!.winsA).toBe(1);
      shares.add(r.cells[0]!.winsA);
    }
    expect(shares.size).toBeGreaterThan(1);
  });

  it("cells: n - 1 draws weighted back to n (Rao and Wu), so a pair's win share has variance p (1 - p) / (n - 1)", () => {
    const d = parsePairwise(
      `model_a,model_b,winner\n${"A,B,model_a\n".repeat(3)}${"A,B,model_b\n".repeat(2)}`,
      "w.csv",
    );
    const R = 20000;
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < R; k++) {
      const c = resamplePairwise(d, seedrandom.alea(`rw/${k}`), { kind: "cells" }).cells[0]!;
      expect(c.winsA + c.winsB).toBeCloseTo(5, 12);
      const share = c.winsA / 5;
      s += share;
      s2 += share * share;
    }
    const mean = s / R;
    // p = 0.6, n = 5: variance 0.24 / 4 = 0.06 (the naive within-cell bootstrap: 0.24 / 5 = 0.048)
    expect(mean).toBeCloseTo(0.6, 2);
    expect(s2 / R - mean * mean).toBeCloseTo(0.06, 2);
  });

  it("clusters: whole questions are drawn, as many as there are", () => {
    const cl = data.clusters!;
    expect(cl.count).toBe(41);
    for (let k = 0; k < 20; k++) {
      const r = resamplePairwise(data, seedrandom.alea(`q/${k}`), {
        kind: "clusters",
        column: "question_id",
      });
      // each question holds 4 or 5 judgements, so the total is a sum of 41 cluster sizes, not 181 in general
      expect(Number.isInteger(total(r))).toBe(true);
      // question q99 holds exactly D's judgement: its count is how often q99 was drawn
      expect(Number.isInteger(r.cells.at(-1)!.winsA)).toBe(true);
    }
    expect(() => resamplePairwise(data, seedrandom.alea("x"), { kind: "clusters", column: "other" })).toThrow(
      /clusters:other needs the judgements read with that cluster column/,
    );
  });

  it("soft preferences are drawn whole, one judgement each", () => {
    const soft = parsePairwise("model_a,model_b,preference\nA,B,0.7\nA,B,0.7\nA,B,0.2\nB,A,0.9\n", "s.csv");
    for (let k = 0; k < 30; k++) {
      const r = resamplePairwise(soft, seedrandom.alea(`s/${k}`), { kind: "battles" });
      expect(total(r)).toBe(4);
      for (const c of r.cells) for (const w of c.soft!.w) expect(Number.isInteger(w)).toBe(true);
      expect(r.cells[0]!.winsA).toBe(0);
    }
  });

  it("the same judgements in alternating order: neither scheme gives zero-width intervals", async () => {
    const alt = ["model_a,model_b,winner"];
    for (let k = 0; k < 20; k++) alt.push(k % 2 === 0 ? "A,B,model_a" : "B,A,model_a");
    for (let k = 0; k < 20; k++) alt.push(k % 2 === 0 ? "B,C,model_a" : "C,B,model_a");
    const d = parsePairwise(`${alt.join("\n")}\n`, "alt.csv");
    const width = async (kind: "battles" | "cells") => {
      const s = await runBootstrap({
        pairwise: d,
        ratings: true,
        replicates: 60,
        seed: "1",
        resample: { kind },
      });
      return s.ratings![0]!.models.map((m) => m.rating.upper - m.rating.lower);
    };
    // both orders of a pair are one stratum of cells, so cells varies too
    for (const w of await width("cells")) expect(w).toBeGreaterThan(0.3);
    for (const w of await width("battles")) expect(w).toBeGreaterThan(0.3);
  });
});

describe("calibrate --bootstrap", () => {
  it("gives a log-normal interval of beta around the fit (symmetric on the log scale), naming the scheme", async () => {
    const r = await runCli([
      "calibrate",
      join(REPO_ROOT, "data", "wildbench_v2_task_scores.csv"),
      "--pairwise",
      join(REPO_ROOT, "data", "wildbench_v2_pairwise_by_category.csv"),
      "--normalize",
      "minmax",
      "--bootstrap",
      "40",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const fit = JSON.parse(r.stdout).fits[0];
    expect(fit.bootstrap.scheme).toBe("judgements drawn with replacement from the whole log");
    expect(fit.bootstrap.lower).toBeLessThan(fit.pooled.value);
    expect(fit.bootstrap.upper).toBeGreaterThan(fit.pooled.value);
    // normal on the log scale: the estimate is the geometric mean of the ends
    expect(fit.bootstrap.interval).toBe("log-normal");
    expect(Math.log(fit.bootstrap.lower) + Math.log(fit.bootstrap.upper)).toBeCloseTo(
      2 * Math.log(fit.pooled.value),
      9,
    );
    const bad = await runCli(["calibrate", "x.csv", "--pairwise", "y.csv", "--resample", "rows"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--resample: expected battles, cells or clusters:COLUMN, got "rows"/);
  }, 60_000);
});
