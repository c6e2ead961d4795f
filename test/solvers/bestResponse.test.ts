import { describe, expect, it } from "vitest";
import {
  bestResponse,
  entrantBestResponse,
  welfareOptimalResponse,
  withEntrant,
} from "../../solvers/index.js";
import { evaluate } from "../../src/model/evaluate.js";
import { BUILTIN_PAYOFF_RULES, registerPayoffRule, unregisterPayoffRule } from "../../src/model/payoffs.js";
import type { SelectionRule, StrategySpace } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { bruteForce, key, randomMarket, randomSelection, rng } from "./helpers.js";

const SELECTIONS: SelectionRule["rule"][] = ["perfect", "epsilon", "logit", "probit"];
const RULES = BUILTIN_PAYOFF_RULES.map((r) => r.name);

function spacesFor(T: number, r: () => number): StrategySpace[] {
  const menu = Array.from({ length: 4 }, () => Array.from({ length: T }, () => (r() < 0.3 ? 0 : r())));
  return [
    { kind: "menu", options: [...menu, menu[0]!.slice()] },
    { kind: "top-k", k: 1 + Math.floor(r() * (T - 1)) },
    { kind: "grid", budget: 1, step: 0.25, production: { kind: "linear" } },
    { kind: "grid", budget: 1.5, step: 0.3, production: { kind: "power", a: 0.5 } },
    { kind: "grid", budget: 1, step: 0.2, production: { kind: "exponential", k: 2 } },
  ];
}

describe("best responses equal brute force on seeded random markets", () => {
  for (const sel of SELECTIONS) {
    const instances = sel === "probit" ? 3 : 8;
    it(`${sel}: every space and payoff rule`, () => {
      const r = rng(`br-${sel}`);
      let checked = 0;
      for (let k = 0; k < instances; k++) {
        const T = 2 + Math.floor(r() * 3);
        const n = 1 + Math.floor(r() * 3);
        const market = withEntrant(randomMarket(r, T, n, randomSelection(sel, r)), {
          name: "E",
          space: { kind: "fixed" },
        });
        // menus live on cap-scaled qualities
        const spaces = spacesFor(T, r).map((s) =>
          s.kind === "menu"
            ? { ...s, options: s.options.map((o) => o.map((x, t) => x * market.tasks[t]!.cap)) }
            : s,
        );
        for (const space of spaces) {
          for (const rule of RULES) {
            // the complete list is compared with brute force: room for every tie (the default lists 20)
            const br = bestResponse(market, n, rule, { space, maxMaximisers: 100 });
            const bf = bruteForce(market, n, rule, space, br.tolerance);
            expect(br.exact).toBe(true);
            expect(Math.abs(br.value - bf.value)).toBeLessThanOrEqual(1e-9);
            const got = new Set(br.maximisers.map((m) => key(m.quality)));
            expect([...got].sort()).toEqual([...bf.keys].sort());
            for (const m of br.maximisers) {
              expect(Math.abs(m.welfare - bf.welfareOf.get(key(m.quality))!)).toBeLessThanOrEqual(1e-9);
              expect(m.payoff).toBeGreaterThanOrEqual(br.value - br.tolerance);
            }
            checked++;
          }
        }
      }
      expect(checked).toBe(instances * 5 * RULES.length);
    });
  }
});

describe("top-k ties", () => {
  it("lists every optimal subset when gains tie at the k-th boundary", () => {
    // four identical tasks, no incumbents covering them: every 2-subset is optimal
    const market = {
      tasks: [0, 1, 2, 3].map((t) => ({ name: `t${t}`, weight: 0.25, cap: 1 })),
      selection: { rule: "logit", beta: 3 } as SelectionRule,
      producers: [{ name: "A", quality: [0.5, 0.5, 0.5, 0.5], space: { kind: "fixed" } as StrategySpace }],
    };
    const br = entrantBestResponse(market, { name: "E", space: { kind: "top-k", k: 2 } }, "winrate");
    expect(br.maximisers.map((m) => m.tasks)).toHaveLength(6);
    const capped = entrantBestResponse(market, { name: "E", space: { kind: "top-k", k: 2 } }, "winrate", {
      maxMaximisers: 4,
    });
    expect(capped.truncated).toBe(true);
    expect(capped.maximisers).toHaveLength(4);
  });
});

describe("welfare-optimal response", () => {
  it("maximises U by brute force", () => {
    const r = rng("welfare-opt");
    for (let k = 0; k < 6; k++) {
      const market = withEntrant(randomMarket(r, 3, 2, randomSelection("logit", r)), {
        name: "E",
        space: { kind: "fixed" },
      });
      const space: StrategySpace = { kind: "grid", budget: 1, step: 0.2, production: { kind: "linear" } };
      const br = welfareOptimalResponse(market, 2, { space });
      let best = Number.NEGATIVE_INFINITY;
      for (const q of bruteQualities(space, market)) {
        const producers = market.producers.map((p, i) => (i === 2 ? { ...p, quality: q } : p));
        best = Math.max(best, evaluate({ ...market, producers }, []).welfare.U);
      }
      expect(Math.abs(br.value - best)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(br.maximisers[0]!.welfare - br.value)).toBeLessThanOrEqual(1e-12);
    }
  });
});

function bruteQualities(space: StrategySpace, market: { tasks: { cap: number }[] }): number[][] {
  if (space.kind !== "grid") throw new Error("grid only");
  const K = Math.round(space.budget / space.step);
  const out: number[][] = [];
  const rec = (t: number, left: number, acc: number[]) => {
    if (t === market.tasks.length) {
      out.push(acc.slice());
      return;
    }
    for (let u = 0; u <= left; u++) {
      acc.push(market.tasks[t]!.cap * Math.min(u * space.step, 1));
      rec(t + 1, left - u, acc);
      acc.pop();
    }
  };
  rec(0, K, []);
  return out;
}

describe("non-separable user rules", () => {
  it("are brute-forced over finite spaces and refused above the limit or on budgets", () => {
    registerPayoffRule({
      name: "test-max-share",
      description: "1 if i has the largest average score, else 0",
      payoff: (m, i) => {
        const avg = m.producers.map((p) => p.quality.reduce((s, q, t) => s + m.tasks[t]!.weight * q, 0));
        return avg[i]! >= Math.max(...avg) - RELATIVE_TOLERANCE ? 1 : 0;
      },
    });
    try {
      const market = randomMarket(rng("nonsep"), 3, 2, { rule: "logit", beta: 4 }, false);
      const br = entrantBestResponse(market, { name: "E", space: { kind: "top-k", k: 3 } }, "test-max-share");
      expect(br.method).toBe("brute-force");
      expect(br.value).toBe(1);
      expect(() =>
        entrantBestResponse(
          market,
          { name: "E", space: { kind: "budget", budget: 1, production: { kind: "linear" } } },
          "test-max-share",
        ),
      ).toThrow(/not task-separable/);
      expect(() =>
        entrantBestResponse(
          market,
          { name: "E", space: { kind: "grid", budget: 1, step: 0.01, production: { kind: "linear" } } },
          "test-max-share",
          { bruteForceLimit: 100 },
        ),
      ).toThrow(/brute-force limit/);
    } finally {
      unregisterPayoffRule("test-max-share");
    }
  });
});
