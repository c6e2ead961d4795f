import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CommandIO } from "../../cli/command.js";
import { main } from "../../cli/main.js";

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CommandIO = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTTY: false };
  const code = await main(argv, io);
  return { code, out, err };
}

const C2 = "test/fixtures/markets/c2-two-producers.json";
const CYCLE = "test/fixtures/markets/cycling-menus.json";
const THREE = "examples/three-producers.json";

describe("modelmarket entry", () => {
  it("reports each rule's best response and the welfare-optimal entrant (JSON with certificates)", async () => {
    const { code, out } = await run([
      "entry",
      C2,
      "--entrant",
      "top-k:k=1",
      "--rules",
      "winrate,weighted-winrate",
      "--json",
    ]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    expect(rep.rules.map((r: { rule: string }) => r.rule)).toEqual(["winrate", "weighted-winrate"]);
    // the file's two producers are incumbents here; w = 0.6: winrate's entrant covers t1
    expect(rep.rules[0].bestResponse.exact).toBe(true);
    expect(rep.rules[0].bestResponse.gapBound).toBe(0);
    expect(typeof rep.welfareWithoutEntry).toBe("number");
    expect(rep.welfareOptimal.rule).toBe("welfare");
  });

  it("prints tables and writes --output atomically", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mm-entry-"));
    const path = join(dir, "entry.json");
    const { code, out } = await run([
      "entry",
      THREE,
      "--entrant",
      "grid:budget=1,step=0.1",
      "--output",
      path,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/^welfareWithoutEntry \d\.\d{4}$/m);
    expect(out).toMatch(/\(welfare optimum\)/);
    expect(JSON.parse(readFileSync(path, "utf8")).entrant.name).toBe("Entrant");
  });

  it("continuous budgets show the certified gap", async () => {
    const { code, out } = await run([
      "entry",
      THREE,
      "--entrant",
      "budget:budget=1,production=power,a=0.5",
      "--rules",
      "weighted-winrate",
      "--units",
      "64",
      "--json",
    ]);
    expect(code).toBe(0);
    const br = JSON.parse(out).rules[0].bestResponse;
    expect(br.gapBound).toBeGreaterThanOrEqual(0);
    expect(br.gapBound).toBeLessThan(0.1);
  });

  for (const [argv, pattern] of [
    [["entry", THREE], /--entrant: missing required flag/],
    [["entry", THREE, "--entrant", "top-k:k=9"], /--entrant/],
    [["entry", THREE, "--entrant", "top-k:k=1", "--rules", "nope"], /--rules: unknown payoff rule "nope"/],
    [["entry", THREE, "--entrant", "top-k:k=1", "--bogus"], /--bogus: unknown flag/],
    [["entry", THREE, "--entrant", "top-k:k=1", "--units", "0"], /--units: must be between/],
    [["replace", THREE, "--producer", "Nobody"], /unknown producer "Nobody"/],
    [
      ["replace", THREE, "--producer", "Copycat"],
      /--space: producer "Copycat" has a fixed strategy: give a space/,
    ],
    [["equilibrium", THREE, "--rule", "nope"], /unknown payoff rule/],
    [["sequential", THREE, "--space", "top-k:k=1"], /--entrants: missing required flag/],
    [["sequential", THREE, "--entrants", "2"], /--space: missing required flag/],
    [["sequential", THREE, "--entrants", "2", "--space", "fixed"], /--space/],
  ] as const) {
    it(`bad input exits 2 with one line: ${argv.slice(2).join(" ")}`, async () => {
      const { code, out, err } = await run([...argv]);
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err).toMatch(pattern);
      expect(err.trimEnd().split("\n")).toHaveLength(1);
    });
  }
});

describe("modelmarket replace", () => {
  it("C2 replacement: the second producer reconsiders", async () => {
    const { code, out } = await run([
      "replace",
      C2,
      "--producer",
      "B",
      "--rules",
      "winrate,weighted-winrate",
      "--json",
    ]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    // A covers t1 (w = 0.6): winrate has B copy t1, weighted winrate keeps B on t2
    expect(rep.rules[0].maximisers.map((m: { tasks: number[] }) => m.tasks)).toEqual([[0]]);
    expect(rep.rules[1].maximisers.map((m: { tasks: number[] }) => m.tasks)).toEqual([[1]]);
    expect(rep.welfareNow).toBeCloseTo(0.95, 12);
  });
});

describe("modelmarket equilibrium", () => {
  it("reports certified equilibria, PoA and PoS", async () => {
    const { code, out } = await run(["equilibrium", C2, "--rule", "winrate", "--json"]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    expect(rep.converged).toBe(true);
    expect(rep.pure).toHaveLength(1);
    expect(rep.pure[0].producers[0].regret.regret).toBe(0);
    expect(rep.priceOfAnarchy).toBeCloseTo(0.95 / 0.6, 10);
    expect(rep.runs[0]).toHaveProperty("rounds");
  });

  it("says in words and JSON when the dynamics do not converge", async () => {
    const text = await run(["equilibrium", CYCLE, "--rule", "winrate"]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/did not converge: the dynamics cycle/);
    expect(text.out).toMatch(/pure equilibria: 0/);
    const json = JSON.parse((await run(["equilibrium", CYCLE, "--rule", "winrate", "--json"])).out);
    expect(json.converged).toBe(false);
    expect(json.runs.every((r: { converged: boolean }) => !r.converged)).toBe(true);
    expect(json.pure).toEqual([]);
  });

  it("--help shows examples", async () => {
    for (const cmd of ["entry", "replace", "equilibrium", "sequential"]) {
      const { code, out } = await run([cmd, "--help"]);
      expect(code).toBe(0);
      expect(out).toMatch(/Examples:\n {2}modelmarket /);
    }
  });
});

describe("modelmarket sequential", () => {
  it("records welfare and diversity after each entry, per rule", async () => {
    const { code, out } = await run([
      "sequential",
      THREE,
      "--entrants",
      "3",
      "--space",
      "top-k:k=1",
      "--rule",
      "winrate,weighted-winrate",
      "--json",
    ]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    expect(rep.rules).toHaveLength(2);
    for (const r of rep.rules) {
      expect(r.steps).toHaveLength(3);
      for (const s of r.steps) expect(s.diversity.specialisation).toHaveLength(3 + r.steps.indexOf(s) + 1);
    }
  });
});
