/**
 * The incremental `TaskValuer` path (solvers/bestResponse/incremental.ts) against the generic one, which
 * reloads the whole column into a `ColumnState` on every call: every built-in rule and the welfare
 * objective, under perfect, epsilon and logit (beta from 0 to 1e4), on seeded random columns with ties,
 * own qualities above, at and below the others' maximum, and one or two producers; and under probit
 * against a much finer quadrature (to 1e-12 per unit of cap) and against the generic path (to that path's
 * own quadrature error): here sigma 0.25 and 1 on columns of up to 5 producers, and the edge cases (up to
 * 127 producers, sigma 0.01 to 1); taskValuer-probit.slow.test.ts runs the sweep at sigma 0.01, 0.05,
 * 0.25 and 1 on up to 127 producers (the slow tier: the fine reference costs O(n) normal CDFs per
 * quadrature node, and narrow kernels have many nodes).
 */
import { describe, expect, it } from "vitest";
import { TaskValuer } from "../../solvers/index.js";
import { BUILTIN_PAYOFF_RULES, type PayoffRule } from "../../src/model/payoffs.js";
import type { Market, SelectionRule } from "../../src/model/types.js";
import { type Rng, rng } from "./helpers.js";
import {
  FINE_AGREEMENT,
  fineProbitTerm,
  GENERIC_AGREEMENT,
  oneTask,
  probes,
  probitSweep,
  RULES,
  randomMarket,
  type Worst,
} from "./taskValuer-cases.js";

const SELECTIONS: SelectionRule[] = [
  { rule: "perfect" },
  { rule: "epsilon", eps: 0 },
  { rule: "epsilon", eps: 0.2 },
  { rule: "epsilon", eps: 1 },
  { rule: "logit", beta: 0 },
  { rule: "logit", beta: 0.7 },
  { rule: "logit", beta: 20 },
  { rule: "logit", beta: 300 },
  { rule: "logit", beta: 1e4 },
];

/**
 * Largest `|fast - generic| / max(|generic|, 1e-300)` over every probe of every task, for the term and
 * for `lastWelfare`. The marginal contribution `U_t - U_{-i}` is a difference of two values of order
 * `U_t`, so its error is measured against `w_t v_t` (both paths compute `U_{-i}` by different but
 * equally accurate formulas, so the difference carries their rounding of `U_t`).
 */
function compare(market: Market, slot: number, rule: PayoffRule, r: Rng): Worst {
  const fast = new TaskValuer(market, slot, rule);
  const slow = new TaskValuer(market, slot, rule, { incremental: false });
  expect(fast.incremental).toBe(true);
  expect(slow.incremental).toBe(false);
  const worst: Worst = { diff: 0, where: "" };
  for (let t = 0; t < market.tasks.length; t++) {
    const scale = market.tasks[t]!.weight * Math.max(1, market.tasks[t]!.cap);
    for (const q of probes(r, market, slot, t)) {
      const a = fast.value(t, q);
      const b = slow.value(t, q);
      const wa = fast.lastWelfare;
      const wb = slow.lastWelfare;
      const ref = rule.name === "marginal-contribution" ? Math.max(Math.abs(b), scale) : Math.abs(b);
      const d = Math.max(
        Math.abs(a - b) / Math.max(ref, 1e-300),
        Math.abs(wa - wb) / Math.max(Math.abs(wb), 1e-300),
      );
      if (!(d <= worst.diff)) {
        worst.diff = d;
        worst.where = `task ${t} q=${q}: term ${a} vs ${b}, welfare ${wa} vs ${wb}`;
      }
    }
  }
  return worst;
}

describe("TaskValuer: incremental path equals the generic ColumnState path", () => {
  for (const selection of SELECTIONS) {
    const label = Object.entries(selection)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    for (const rule of RULES) {
      it(`${rule.name} under ${label}`, () => {
        const r = rng(`taskValuer/${label}/${rule.name}`);
        let worst: Worst = { diff: 0, where: "" };
        for (const n of [1, 2, 2, 3, 5, 8, 20]) {
          for (let rep = 0; rep < 4; rep++) {
            const market = randomMarket(r, n, 4, selection);
            const slot = Math.floor(r() * n);
            const w = compare(market, slot, rule, r);
            if (!(w.diff <= worst.diff)) worst = { diff: w.diff, where: `n=${n} slot=${slot} ${w.where}` };
          }
        }
        expect(worst.diff, worst.where).toBeLessThanOrEqual(1e-12);
      });
    }
  }

  it("takes the incremental path under probit and keeps the generic one for user rules", () => {
    const r = rng("taskValuer/generic");
    const probit = randomMarket(r, 4, 3, { rule: "probit", sigma: 0.2 });
    expect(new TaskValuer(probit, 1, BUILTIN_PAYOFF_RULES[0]!).incremental).toBe(true);
    const squared: PayoffRule = {
      name: "squared-winrate",
      description: "sum_t w_t pi_it^2",
      taskTerm: (c, i) => c.pi[i]! ** 2,
    };
    const logit = randomMarket(r, 4, 3, { rule: "logit", beta: 5 });
    expect(new TaskValuer(logit, 1, squared).incremental).toBe(false);
  });

  it("does not overflow or lose tiny pairwise probabilities at beta = 1e4", () => {
    // others [0.2, 0.5, 0.5] probed far above and below; others [1, 0.95] probed at 0.93, where
    // P(beats 0.95) = sigmoid(-200) is tiny but not 0 while exp(beta (q - max)) underflows
    const cases: Array<{ others: number[]; probes: number[] }> = [
      { others: [0.2, 0.5, 0.5], probes: [0, 0.1, 0.2, 0.45, 0.49, 0.499, 0.5, 0.501, 0.51, 0.6, 1] },
      { others: [1, 0.95], probes: [0.9, 0.93, 0.94, 0.949, 0.95, 0.99, 1] },
    ];
    for (const { others, probes } of cases) {
      const market: Market = {
        tasks: [{ name: "t", weight: 1, cap: 1 }],
        selection: { rule: "logit", beta: 1e4 },
        producers: [...others, 0].map((q, i) => ({
          name: `P${i}`,
          quality: [q],
          space: { kind: "fixed" } as const,
        })),
      };
      const slot = others.length;
      for (const rule of RULES) {
        const fast = new TaskValuer(market, slot, rule);
        const slow = new TaskValuer(market, slot, rule, { incremental: false });
        for (const q of probes) {
          const a = fast.value(0, q);
          const b = slow.value(0, q);
          expect(Number.isFinite(a) && Number.isFinite(fast.lastWelfare)).toBe(true);
          const ref = rule.name === "marginal-contribution" ? 1 : Math.max(Math.abs(b), 1e-300);
          expect(Math.abs(a - b) / ref, `${rule.name} at q = ${q}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(fast.lastWelfare - slow.lastWelfare)).toBeLessThanOrEqual(1e-12 * slow.lastWelfare);
        }
      }
    }
  });
});

describe("TaskValuer: incremental probit path", () => {
  // the narrow kernels (sigma 0.01 and 0.05, many quadrature nodes per unit of cap) in the slow tier
  for (const sigma of [0.25, 1]) {
    for (const rule of RULES) {
      it(`${rule.name} under probit sigma=${sigma} (up to 5 producers)`, () => {
        probitSweep(sigma, rule, [1, 2, 2, 5]);
      });
    }
  }

  it("handles the others all tied, a single other, and own qualities far from the others", () => {
    const cases: Array<{ others: number[]; cap: number; sigma: number }> = [
      { others: Array.from({ length: 19 }, () => 0.6), cap: 1, sigma: 0.05 },
      { others: Array.from({ length: 126 }, () => 0.6), cap: 1, sigma: 0.01 },
      { others: Array.from({ length: 126 }, () => 1), cap: 1, sigma: 0.25 },
      { others: [0, 0, 0, 0], cap: 1, sigma: 0.01 },
      { others: [0.3], cap: 1, sigma: 0.01 },
      { others: [0.3], cap: 1, sigma: 1 },
      { others: [40, 40, 39.9, 12], cap: 100, sigma: 0.05 },
    ];
    for (const { others, cap, sigma } of cases) {
      const market = oneTask(others, cap, sigma);
      const slot = others.length;
      const qs = [0, cap, others[0]!, others[0]! + sigma, others[0]! - 3 * sigma, 0.5 * cap, 0.999 * cap];
      for (const rule of RULES) {
        const fast = new TaskValuer(market, slot, rule);
        const slow = new TaskValuer(market, slot, rule, { incremental: false });
        for (const q of qs.filter((x) => x >= 0 && x <= cap)) {
          const a = fast.value(0, q);
          const b = slow.value(0, q);
          const ref = fineProbitTerm(rule, [...others, q], slot, cap, sigma);
          const where = `${rule.name}, ${others.length} others, sigma ${sigma}, q = ${q}: ${a} vs ${b} vs ${ref.term}`;
          const scale = Math.max(1, cap);
          expect(Math.abs(a - ref.term), where).toBeLessThanOrEqual(FINE_AGREEMENT * scale);
          expect(Math.abs(fast.lastWelfare - ref.welfare), where).toBeLessThanOrEqual(FINE_AGREEMENT * scale);
          expect(Math.abs(a - b), where).toBeLessThanOrEqual(GENERIC_AGREEMENT * scale);
          expect(Math.abs(fast.lastWelfare - slow.lastWelfare), where).toBeLessThanOrEqual(
            GENERIC_AGREEMENT * scale,
          );
        }
      }
    }
  });

  it("gives the closed form Phi((q - q_1)/(sigma sqrt 2)) with one other", () => {
    const market = oneTask([0.5], 1, 0.25);
    const tv = new TaskValuer(market, 1, BUILTIN_PAYOFF_RULES[0]!);
    // Phi(0.2 / (0.25 sqrt 2)) = Phi(0.565685424949238)
    expect(Math.abs(tv.value(0, 0.7) - 0.7141961775233342)).toBeLessThanOrEqual(1e-13);
  });
});
