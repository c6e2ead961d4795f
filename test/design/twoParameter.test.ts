/**
 * Two-parameter designs: mix lambda (winrate to power-winrate) x the power's alpha on the design menu.
 * Each row is the one-parameter partition at its alpha; across rows the bisected change brackets the
 * alpha at which power-winrate itself switches (the lambda = 0 edge of the rectangle), found by the
 * exact one-parameter design of power-winrate.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { designBenchmark, type FamilyDesign2D } from "../../solvers/design/index.js";
import { parseMarket } from "../../src/io/marketFile.js";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";

const market = parseMarket(JSON.parse(readFileSync(join(REPO_ROOT, "examples", "design-menu.json"), "utf8")));
const question = { kind: "replace", producer: "Lab" } as const;
const search = {
  kind: "family",
  family: "mix",
  parameter: "lambda",
  from: 0,
  to: 1,
  text: { rules: "winrate+power-winrate:alpha=1" },
  second: { parameter: "alpha", from: 0, to: 6 },
} as const;

describe("two-parameter family designs", () => {
  it("rows are the one-parameter partitions; the change across rows brackets power-winrate's switch", async () => {
    const r = await designBenchmark(market, question, search, { rows: 7 });
    const d = r.result as FamilyDesign2D;
    expect(d.kind).toBe("family-2d");
    expect(d.rowsExact).toBe(true);
    expect(d.gap).toBeCloseTo(1, 12);
    // every row equals the one-parameter design at its alpha
    for (const row of [d.rows[0]!, d.rows[d.rows.length - 1]!]) {
      const one = await designBenchmark(market, question, {
        ...search,
        second: undefined,
        text: { rules: `winrate+power-winrate:alpha=${row.value}` },
      });
      if (one.result.kind !== "family") throw new Error("family");
      expect(row.regions.map((g) => [g.key, g.from, g.to])).toEqual(
        one.result.regions.map((g) => [g.key, g.from, g.to]),
      );
    }
    // at lambda = 0 the rule is power-winrate: its exact alpha boundary lies between the last row whose
    // partition is one region and the first that starts with the specialist, rows secondTolerance apart
    const pw = await designBenchmark(market, question, {
      kind: "family",
      family: "power-winrate",
      parameter: "alpha",
      from: 0,
      to: 6,
    });
    if (pw.result.kind !== "family") throw new Error("family");
    const boundary = pw.result.regions.find((g) => g.point)!.from;
    expect(boundary).toBeCloseTo(4.798525, 5);
    const k = d.rows.findIndex((row) => row.regions.length > 1);
    expect(d.rows[k - 1]!.regions).toHaveLength(1);
    expect(d.rows[k - 1]!.value).toBeLessThanOrEqual(boundary);
    expect(d.rows[k]!.value).toBeGreaterThanOrEqual(boundary);
    expect(d.rows[k]!.value - d.rows[k - 1]!.value).toBeLessThanOrEqual(d.secondTolerance);
    expect(d.rows[k]!.regions[0]!.key).toBe("(0.95,0.2,0.2)");
    // the optimum: the balanced option, welfare 0.8196, present in every row
    expect(d.optimum).toBeCloseTo(r.welfareOptimum, 12);
  });

  it("names bad second parameters and bounds the rows", async () => {
    await expect(
      designBenchmark(market, question, { ...search, second: { parameter: "beta", from: 0, to: 1 } }),
    ).rejects.toThrow(/no parameter "beta", and no text parameter names it/);
    await expect(
      designBenchmark(market, question, { ...search, second: { parameter: "lambda", from: 0, to: 1 } }),
    ).rejects.toThrow(/same parameter/);
    await expect(designBenchmark(market, question, search, { rows: 7, maxSolves: 10 })).rejects.toMatchObject(
      {
        name: "WorkLimitError",
        limitName: "maxSolves",
      },
    );
  });

  it("the CLI takes --range twice: tidy rows carry the second parameter", async () => {
    const argv = [
      "design",
      "examples/design-menu.json",
      "--replace",
      "Lab",
      "--family",
      "mix",
      "--range",
      "lambda=0:1",
      "--range",
      "alpha=0:6",
      "--param",
      "rules=winrate+power-winrate:alpha=1",
      "--rows",
      "4",
    ];
    const res = await runCli([...argv, "--csv"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('region,0,0,1,"(0.3,0.9,0.8)",alpha,0');
    const bad = await runCli(argv.slice(0, 8).concat(["--rows", "4"]));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--rows: only applies with two ranges");
  });
});
