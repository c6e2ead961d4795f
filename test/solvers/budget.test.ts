import { describe, expect, it } from "vitest";
import { bestResponse, withEntrant } from "../../solvers/index.js";
import type { Production, SelectionRule, StrategySpace } from "../../src/model/types.js";
import { randomMarket, randomSelection, rng } from "./helpers.js";

const PRODUCTIONS: Production[] = [
  { kind: "linear" },
  { kind: "power", a: 0.5 },
  { kind: "power", a: 2 },
  { kind: "exponential", k: 3 },
];

describe("continuous budget best response", () => {
  const cases: Array<[SelectionRule["rule"], string]> = [
    ["logit", "winrate"],
    ["logit", "weighted-winrate"],
    ["logit", "marginal-contribution"],
    ["logit", "welfare"],
    ["probit", "weighted-pairwise-winrate"],
    ["probit", "welfare"],
    ["epsilon", "weighted-winrate"],
    ["perfect", "winrate"],
    ["logit", "average-score"],
  ];
  for (const [sel, rule] of cases) {
    it(`${sel} ${rule}: the certified gap bounds the optimum of a much finer grid`, () => {
      const r = rng(`budget-${sel}-${rule}`);
      for (let k = 0; k < 3; k++) {
        const T = 2 + Math.floor(r() * 3);
        const n = 1 + Math.floor(r() * 3);
        const market = withEntrant(randomMarket(r, T, n, randomSelection(sel, r)), {
          name: "E",
          space: { kind: "fixed" },
        });
        const production = PRODUCTIONS[k % PRODUCTIONS.length]!;
        const budget = 0.5 + r();
        const space: StrategySpace = { kind: "budget", budget, production };
        // a grid 16 (resp. 128) times finer is feasible for the continuous problem: it must respect the bound
        const fine = bestResponse(market, n, rule, {
          space: { kind: "grid", budget, step: budget / 1024, production },
          maxMaximisers: 1,
        });
        for (const units of [8, 64]) {
          const br = bestResponse(market, n, rule, { space, units });
          expect(Number.isFinite(br.gapBound)).toBe(true);
          const coarse = bestResponse(market, n, rule, {
            space: { kind: "grid", budget, step: budget / units, production },
          });
          // refinement never loses against the grid it starts from
          expect(br.value).toBeGreaterThanOrEqual(coarse.value - 1e-12);
          expect(fine.value).toBeLessThanOrEqual(br.value + br.gapBound + 1e-12);
          // the bound itself, however coarse, is above the finer optimum (not only thanks to refinement)
          expect(br.upperBound!).toBeGreaterThanOrEqual(fine.value - 1e-12);
          expect(br.upperBound!).toBeGreaterThanOrEqual(br.value);
          // the payoff reported is the payoff of the effort reported
          const check = bestResponse(market, n, rule, {
            space: { kind: "menu", options: [br.maximisers[0]!.quality] },
          });
          expect(Math.abs(check.value - br.value)).toBeLessThanOrEqual(1e-12);
          expect(br.maximisers[0]!.effort!.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(
            budget * (1 + 1e-12),
          );
        }
      }
    });
  }

  it("average-score with concave production is exact (water-filling)", () => {
    const r = rng("waterfill");
    for (const production of [PRODUCTIONS[0]!, PRODUCTIONS[1]!, PRODUCTIONS[3]!]) {
      const market = withEntrant(randomMarket(r, 4, 2, { rule: "logit", beta: 5 }), {
        name: "E",
        space: { kind: "fixed" },
      });
      const br = bestResponse(market, 2, "average-score", {
        space: { kind: "budget", budget: 1.3, production },
      });
      expect(br.exact).toBe(true);
      expect(br.method).toMatch(/water-filling/);
      const fine = bestResponse(market, 2, "average-score", {
        space: { kind: "grid", budget: 1.3, step: 1.3 / 2000, production },
        maxMaximisers: 1,
      });
      expect(fine.value).toBeLessThanOrEqual(br.value + br.gapBound + 1e-12);
      expect(br.value - fine.value).toBeLessThanOrEqual(1e-3);
    }
  });

  it("gives no certificate (Infinity) for a user rule with unknown properties", async () => {
    const { registerPayoffRule, unregisterPayoffRule } = await import("../../src/model/payoffs.js");
    registerPayoffRule({
      name: "test-pi-squared",
      description: "sum_t w_t pi^2",
      taskTerm: (c, i) => c.pi[i]! ** 2,
    });
    try {
      const market = randomMarket(rng("user-budget"), 3, 2, { rule: "logit", beta: 4 });
      const m = withEntrant(market, { name: "E", space: { kind: "fixed" } });
      const br = bestResponse(m, 2, "test-pi-squared", {
        space: { kind: "budget", budget: 1, production: { kind: "linear" } },
      });
      expect(br.gapBound).toBe(Number.POSITIVE_INFINITY);
      expect(br.exact).toBe(false);
    } finally {
      unregisterPayoffRule("test-pi-squared");
    }
  });
});
