/**
 * The design claims' stored counterexamples (test/fixtures/counterexamples/D-*.instance.json) confirmed
 * by designBenchmark, independently of the claims' own predicates.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { instanceMarket } from "../../proofs-check/instance.js";
import type { Instance } from "../../proofs-check/types.js";
import { designBenchmark } from "../../solvers/design/index.js";

function fixture(id: string): Instance {
  const url = new URL(`../fixtures/counterexamples/${id}.instance.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { instance: Instance }).instance;
}

describe("design claims: counterexamples confirmed by the design solver", () => {
  it("D-weights-2: no weighting within a factor 2 reaches the welfare-optimal entrant", async () => {
    const inst = fixture("D-weights-2");
    const market = instanceMarket({ ...inst, players: [] });
    const q = { kind: "entry", entrant: { name: "E", space: inst.players[0]! } } as const;
    const r = await designBenchmark(market, q, { kind: "benchmark-weights", within: 2 });
    expect(r.result.optimum).toBeLessThan(r.welfareOptimum - 1e-6);
    // with the whole simplex the optimum is reached
    const free = await designBenchmark(market, q, { kind: "benchmark-weights" });
    expect(free.result.optimum).toBeCloseTo(free.welfareOptimum, 12);
  });

  it("D-power-large: the alpha partition shows welfare falling between alpha = 1 and alpha = 8", async () => {
    const inst = fixture("D-power-large");
    const market = instanceMarket({ ...inst, players: [] });
    const q = { kind: "entry", entrant: { name: "E", space: inst.players[0]! } } as const;
    const r = await designBenchmark(market, q, {
      kind: "family",
      family: "power-winrate",
      parameter: "alpha",
      from: 1,
      to: 8,
    });
    if (r.result.kind !== "family") throw new Error("family");
    const at = (a: number) =>
      r.result.kind === "family" ? r.result.regions.find((g) => g.from <= a && a <= g.to)! : undefined!;
    expect(at(8).welfareWorst).toBeLessThan(at(1).welfareBest - 1e-6);
    expect(r.result.exact).toBe(true);
  });
});
