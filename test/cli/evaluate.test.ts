import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const EXAMPLE = "examples/three-producers.json";
const RULES = [
  "winrate",
  "pairwise-winrate",
  "weighted-winrate",
  "weighted-pairwise-winrate",
  "marginal-contribution",
  "average-score",
];

interface EvalJson {
  selection: { rule: string };
  welfare: { U: number; perfect: number; single: number };
  producers: Array<{ name: string; payoffs: Record<string, number> }>;
}

describe("modelmarket evaluate", () => {
  it("prints JSON with welfare and every rule's payoff per producer", async () => {
    const res = await runCli(["evaluate", EXAMPLE, "--json"]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as EvalJson;
    expect(Object.keys(out.welfare)).toEqual(expect.arrayContaining(["U", "perfect", "single"]));
    expect(out.producers.map((p) => p.name)).toEqual(["Generalist", "Copycat", "Specialist"]);
    for (const p of out.producers) expect(Object.keys(p.payoffs)).toEqual(RULES);
    const wwr = out.producers.reduce((s, p) => s + p.payoffs["weighted-winrate"]!, 0);
    expect(wwr).toBeCloseTo(out.welfare.U, 12);
  });

  it("the example shows winrate and weighted winrate ranking the copy and the specialist differently", async () => {
    const out = JSON.parse((await runCli(["evaluate", EXAMPLE, "--json"])).stdout) as EvalJson;
    const [, copy, spec] = out.producers;
    expect(copy!.payoffs.winrate).toBeGreaterThan(spec!.payoffs.winrate!);
    expect(spec!.payoffs["weighted-winrate"]).toBeGreaterThan(copy!.payoffs["weighted-winrate"]!);
  });

  it("flags override the file", async () => {
    const base = JSON.parse((await runCli(["evaluate", EXAMPLE, "--json"])).stdout) as EvalJson;
    const res = await runCli([
      "evaluate",
      EXAMPLE,
      "--selection",
      "epsilon:eps=1",
      "--weights",
      "1,1,1,1",
      "--json",
    ]);
    const out = JSON.parse(res.stdout) as EvalJson & { tasks: Array<{ weight: number }> };
    expect(out.selection).toEqual({ rule: "epsilon", eps: 1 });
    expect(out.tasks.map((t) => t.weight)).toEqual([0.25, 0.25, 0.25, 0.25]);
    // uniform choice: every winrate is 1/3
    for (const p of out.producers) expect(p.payoffs.winrate).toBeCloseTo(1 / 3, 12);
    expect(out.welfare.U).not.toBeCloseTo(base.welfare.U, 6);
  });

  it("prints a readable table", async () => {
    const res = await runCli(["evaluate", EXAMPLE]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ {2}perfect {2}0\.6950 /m);
    expect(res.stdout).toMatch(/^ {2}single {3}0\.6450 /m);
    expect(res.stdout).toMatch(/Specialist\s+0\.\d{4} \(3\)/);
    expect(res.stdout).toContain("meanPairwiseDistance 0.8333");
  });

  it("--help shows usage and examples, top-level too", async () => {
    const top = await runCli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("Examples:");
    const sub = await runCli(["evaluate", "--help"]);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain("Usage: modelmarket evaluate FILE");
    expect(sub.stdout).toContain("Examples:");
    expect(sub.stdout).toContain("--selection");
  });
});
