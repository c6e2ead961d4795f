import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const MIX = ["--family", "mix", "--range", "lambda=0:1", "--param", "rules=winrate+weighted-winrate"];
const C2 = ["design", "examples/c2-entry.json", "--entry", "top-k:k=1"];

describe("modelmarket design", () => {
  it("--json carries the regions, the references and the price of the benchmark", async () => {
    const res = await runCli([...C2, ...MIX, "--json"]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as {
      result: { regions: { key: string; to: number }[]; exact: boolean };
      priceOfBenchmark: Record<string, number>;
    };
    expect(out.result.exact).toBe(true);
    expect(out.result.regions.map((r) => r.key)).toEqual(["{t2}", "{t1} | {t2}", "{t1}"]);
    expect(out.result.regions[0]!.to).toBeCloseTo(8 / 17, 12);
    expect(out.priceOfBenchmark.winrate).toBeCloseTo(0.95 / 0.6, 12);
  });

  it("--csv is tidy: one row per region x statistic, then references and the optimum", async () => {
    const res = await runCli([...C2, ...MIX, "--csv"]);
    const lines = res.stdout.trim().split("\n");
    expect(lines[0]).toBe("section,index,from,to,response,statistic,value");
    expect(lines.filter((l) => l.startsWith("region,")).length).toBe(9);
    expect(lines.some((l) => l.startsWith("reference,") && l.includes("priceOfBenchmark"))).toBe(true);
  });

  it("--report writes an HTML page with the shaded chart and the price of the benchmark", async () => {
    const dir = mkdtempSync(join(tmpdir(), "design-cli-"));
    try {
      const path = join(dir, "d.html");
      const res = await runCli([...C2, ...MIX, "--report", path]);
      expect(res.code).toBe(0);
      const html = readFileSync(path, "utf8");
      expect(html).toContain("<svg");
      expect(html).toContain("The price of the benchmark");
      expect(html).toContain('fill="#c8e6c9"'); // the optimal region, shaded green
      const w = await runCli([
        ...C2,
        "--benchmark-weights",
        "--within",
        "2",
        "--report",
        join(dir, "w.html"),
      ]);
      expect(w.code).toBe(0);
      expect(readFileSync(join(dir, "w.html"), "utf8")).toContain("Benchmark weights for weighted-winrate");
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("a sampled question (equilibria) says it is sampled and states its gap", async () => {
    const res = await runCli([
      "design",
      "examples/c2-two-producers.json",
      "--equilibrium",
      ...MIX,
      "--samples",
      "11",
      "--parameter-tolerance",
      "1e-4",
      "--json",
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { result: { exact: boolean; gap: number; method: string } };
    expect(out.result.exact).toBe(false);
    expect(out.result.gap).toBeCloseTo(0.1, 15);
  });

  it("--max-lps limits the weight LPs (two per class): one line naming the flag above it, exit 2", async () => {
    const W = [...C2, "--benchmark-weights", "--within", "2"];
    // c2-entry's top-k k=1 entrant has two classes of strategies: four LPs
    const over = await runCli([...W, "--max-lps", "3"]);
    expect(over.code).toBe(2);
    expect(over.stderr).toBe(
      "modelmarket design: 4 linear programs (two per class of strategies) exceed the limit of 3; raise it with --max-lps N\n",
    );
    const at = await runCli([...W, "--max-lps", "4", "--json"]);
    expect(at.code).toBe(0);
    expect(at.stdout).toBe((await runCli([...W, "--json"])).stdout);
    const zero = await runCli([...W, "--max-lps", "0"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--max-lps: must be between 1 and");
  });

  it("bad input is one line naming the flag, exit 2", async () => {
    const cases: [string[], string][] = [
      [[...C2], "--family: give --family NAME --range P=FROM:TO, or --benchmark-weights (one of them)"],
      [[...C2, "--family", "nope", "--range", "a=0:1"], "--family: unknown rule family"],
      [
        [...C2, "--family", "power-winrate", "--range", "beta=0:1"],
        '--range: power-winrate has no parameter "beta"',
      ],
      [
        [...C2, "--family", "power-winrate", "--range", "alpha=2:1"],
        "--range: alpha must run from FROM < TO",
      ],
      [[...C2, "--family", "power-winrate"], "--range: --family needs --range P=FROM:TO"],
      [[...C2, "--benchmark-weights", "--within", "0.5"], "--within: must be a factor >= 1"],
      [
        [
          "design",
          "examples/c2-entry.json",
          "--sequential",
          "2",
          "--space",
          "budget:budget=1",
          "--benchmark-weights",
        ],
        "--space: the weight design needs a finite space (menu, top-k, grid), got budget",
      ],
      [[...C2, ...MIX, "--objective", "median"], '--objective: must be worst or best, got "median"'],
      [[...C2, "--benchmark-weights", "--rule", "nope"], '--rule: unknown payoff rule "nope"'],
    ];
    for (const [argv, msg] of cases) {
      const res = await runCli(argv);
      expect(res.code, argv.join(" ")).toBe(2);
      expect(res.stderr.split("\n").filter((l) => l !== "").length).toBe(1);
      expect(res.stderr).toContain(msg);
    }
  });
});
