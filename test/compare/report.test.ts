/**
 * `compare --report FILE.html`: a self-contained page (no external resources) with the charts the
 * issue names; test/compare/report-render.slow.test.ts renders such pages in headless Chromium.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMPARE_STATISTICS } from "../../solvers/index.js";
import { run } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "modelmarket-compare-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function report(args: string[], name: string): Promise<string> {
  const path = join(tmp, name);
  const { code, err } = await run(["compare", ...args, "--report", path]);
  expect(err).toBe("");
  expect(code).toBe(0);
  const html = readFileSync(path, "utf8");
  expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
  // self-contained: no scripts, stylesheets or images fetched from elsewhere
  expect(html).not.toMatch(/<script|<link|src="http|href="http/);
  return path;
}

describe("compare --report", () => {
  it("a sweep: welfare and specialisation per rule with the change points marked", async () => {
    const sweepPath = await report(
      ["examples/c5-witness.json", "--entry", "top-k:k=1", "--sweep", "weight.t1=0.05:0.95:10"],
      "sweep.html",
    );
    const html = readFileSync(sweepPath, "utf8");
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain("consumer welfare U");
    expect(html).toContain("specialisation index");
    expect(html).toContain("winrate changes at 0.5");
    expect(html).toContain("weighted-winrate changes at 0.62963");
    expect(html).toContain("welfare changes at 0.85");
  });

  it("a 2-D sweep: one pair of charts per value of the second parameter", async () => {
    const p = await report(
      [
        "test/fixtures/markets/c2-two-producers.json",
        "--equilibrium",
        "--rules",
        "winrate,weighted-winrate",
        "--sweep",
        "weight.t1=0.5:0.9:5",
        "--sweep",
        "eps=0:0.4:3",
      ],
      "sweep2.html",
    );
    expect(readFileSync(p, "utf8").match(/<svg /g)).toHaveLength(6);
  });

  it("a single comparison: the chosen quality vectors per rule as grouped bars", async () => {
    const barsPath = await report(["examples/three-producers.json", "--entry", "top-k:k=2"], "bars.html");
    const html = readFileSync(barsPath, "utf8");
    expect(html.match(/<svg /g)).toHaveLength(1);
    expect(html).toContain("Chosen quality per task, by rule");
    for (const t of ["code", "math", "law", "poetry"]) expect(html).toContain(`>${t}</text>`);
    // the statistics table heads each column with its JSON name, as --json and --csv do
    const head = /<thead><tr>\n(.*)\n<\/tr><\/thead>/.exec(html)![1]!;
    expect([...head.matchAll(/<th>([^<]*)<\/th>/g)].map((m) => m[1])).toEqual([
      "rule",
      "chosen",
      ...COMPARE_STATISTICS.filter((s) => s !== "outcomes"),
      "complete",
    ]);
  });
});
