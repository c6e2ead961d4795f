/**
 * The shipped AlpacaEval 1.0 annotations hold falcon-40b-instruct's rows twice (data/README.md,
 * "Pairwise judgements"): the facts that note states, read off the file and the published board, and
 * its cost, a standard error too small by about 1/sqrt(2) with every estimate unchanged.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ratingLeaderboards } from "../../empirical/ratings/leaderboard.js";
import { parsePairwise } from "../../src/io/pairwise.js";
import { REPO_ROOT } from "../helpers/paths.js";

const FILE = "data/alpacaeval1_annotations.csv";
const text = readFileSync(join(REPO_ROOT, FILE), "utf8");
const lines = text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
const falcon = lines.filter((l) => l.split(",")[3] === "falcon-40b-instruct");

describe("data/alpacaeval1_annotations.csv: falcon-40b-instruct twice", () => {
  it("has 805 exact duplicate pairs of falcon-40b-instruct rows, no falcon-7b-instruct, and 40b's output length", () => {
    expect(falcon.length).toBe(1610);
    const counts = new Map<string, number>();
    for (const l of falcon) counts.set(l, (counts.get(l) ?? 0) + 1);
    expect(counts.size).toBe(805);
    expect([...counts.values()].every((c) => c === 2)).toBe(true);
    expect(lines.some((l) => l.includes("falcon-7b-instruct"))).toBe(false);
    const meanLength = [...counts.keys()].reduce((s, l) => s + Number(l.split(",")[6]), 0) / 805;
    expect(Math.round(meanLength)).toBe(662);
  });

  it("the published board gives falcon-7b-instruct 40b's figures with its own average length", () => {
    const board = readFileSync(join(REPO_ROOT, "data/alpacaeval1_published_leaderboard.csv"), "utf8")
      .split("\n")
      .map((l) => l.split(","));
    const row = (m: string) => board.find((r) => r[0] === m)!;
    const [b40, b7] = [row("falcon-40b-instruct"), row("falcon-7b-instruct")];
    expect(b7.slice(1, 7)).toEqual(b40.slice(1, 7));
    expect([b40[8], b7[8]]).toEqual(["662", "478"]);
  });

  it("the duplicates leave the rating unchanged and shrink its standard error by about 1/sqrt(2)", () => {
    const seen = new Set<string>();
    const deduplicated = text
      .split("\n")
      .filter((l) => {
        if (l.split(",")[3] !== "falcon-40b-instruct") return true;
        if (seen.has(l)) return false;
        seen.add(l);
        return true;
      })
      .join("\n");
    const falconRow = (t: string) =>
      ratingLeaderboards(parsePairwise(t, FILE), { tasks: ["overall"] })[0]!.rows.find(
        (r) => r.name === "falcon-40b-instruct",
      )!;
    const [twice, once] = [falconRow(text), falconRow(deduplicated)];
    expect(once.judgements).toBe(805);
    expect(twice.judgements).toBe(1610);
    expect(Math.abs(twice.rating - once.rating)).toBeLessThan(1e-6);
    expect(twice.standardError).toBeCloseTo(0.052, 3);
    expect(once.standardError).toBeCloseTo(0.071, 3);
  });
});
