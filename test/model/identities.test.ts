/**
 * C1 (docs/model.md section 7) as a property over seeded random markets, for every selection rule, plus the
 * definitions of the other payoff rules checked against direct computations.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/model/evaluate.js";
import { payoffRule, registerPayoffRule, unregisterPayoffRule } from "../../src/model/payoffs.js";
import { beatProbability, choiceProbabilities } from "../../src/model/selection/index.js";
import type { Market } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { ALL_SELECTIONS, randomMarket, rng } from "../helpers/random.js";

const INSTANCES = 200;

function maxCap(m: Market): number {
  return Math.max(...m.tasks.map((t) => t.cap));
}

describe.each(ALL_SELECTIONS)("C1 identity under $rule", (selection) => {
  it(`sum_i WR_i = 1 and sum_i WWR_i = U on ${INSTANCES} random markets`, () => {
    const r = rng(`c1-${selection.rule}`);
    for (let k = 0; k < INSTANCES; k++) {
      const market = randomMarket(r, selection);
      const ev = evaluate(market);
      const wr = ev.producers.reduce((s, p) => s + p.payoffs.winrate!, 0);
      const wwr = ev.producers.reduce((s, p) => s + p.payoffs["weighted-winrate"]!, 0);
      expect(Math.abs(wr - 1)).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
      expect(Math.abs(wwr - ev.welfare.U)).toBeLessThanOrEqual(RELATIVE_TOLERANCE * maxCap(market));
      // the reference points bracket U where they must: U <= U_perfect always
      expect(ev.welfare.U).toBeLessThanOrEqual(ev.welfare.perfect + RELATIVE_TOLERANCE * maxCap(market));
    }
  });

  it("every payoff rule equals its definition computed directly", () => {
    const r = rng(`defs-${selection.rule}`);
    for (let k = 0; k < 40; k++) {
      const market = randomMarket(r, selection, { maxN: 5, maxT: 4 });
      const ev = evaluate(market);
      const n = market.producers.length;
      const column = (t: number, without = -1) =>
        market.producers.filter((_, i) => i !== without).map((p) => p.quality[t]!);
      const welfare = (without = -1) =>
        market.tasks.reduce((s, task, t) => {
          const col = column(t, without);
          if (col.length === 0) return s;
          const pi = choiceProbabilities(selection, col, task.cap);
          return s + task.weight * col.reduce((u, q, i) => u + pi[i]! * q, 0);
        }, 0);
      const U = welfare();
      expect(Math.abs(ev.welfare.U - U)).toBeLessThan(1e-12);
      market.producers.forEach((p, i) => {
        let wr = 0;
        let pwr = 0;
        let wpwr = 0;
        let avg = 0;
        market.tasks.forEach((task, t) => {
          const pi = choiceProbabilities(selection, column(t), task.cap);
          wr += task.weight * pi[i]!;
          avg += task.weight * p.quality[t]!;
          let mean = 1;
          if (n > 1) {
            mean = 0;
            market.producers.forEach((o, j) => {
              if (j !== i)
                mean += beatProbability(selection, p.quality[t]!, o.quality[t]!, task.cap) / (n - 1);
            });
          }
          pwr += task.weight * mean;
          wpwr += task.weight * mean * p.quality[t]!;
        });
        const got = ev.producers[i]!.payoffs;
        expect(Math.abs(got.winrate! - wr)).toBeLessThan(1e-12);
        expect(Math.abs(got["pairwise-winrate"]! - pwr)).toBeLessThan(1e-12);
        expect(Math.abs(got["weighted-pairwise-winrate"]! - wpwr)).toBeLessThan(1e-12);
        expect(Math.abs(got["average-score"]! - avg)).toBeLessThan(1e-12);
        expect(Math.abs(got["marginal-contribution"]! - (U - welfare(i)))).toBeLessThan(1e-10);
      });
    }
  });
});

describe("user-registered payoff rules", () => {
  it("separable (taskTerm) and non-separable (payoff) rules evaluate beside the built-ins", () => {
    registerPayoffRule({
      name: "test-squared-winrate",
      description: "sum_t w_t pi_it^2",
      taskTerm: (c, i) => c.pi[i]! ** 2,
    });
    registerPayoffRule({
      name: "test-best-task-count",
      description: "number of tasks on which i has the highest quality",
      payoff: (m, i) =>
        m.tasks.filter((_, t) => m.producers.every((p) => p.quality[t]! <= m.producers[i]!.quality[t]!))
          .length,
    });
    try {
      const r = rng("user-rules");
      for (let k = 0; k < 30; k++) {
        const market = randomMarket(r, ALL_SELECTIONS[k % 4]!);
        const ev = evaluate(market, ["winrate", "test-squared-winrate", "test-best-task-count"]);
        ev.producers.forEach((p, i) => {
          const direct = market.tasks.reduce((s, task, t) => {
            const pi = choiceProbabilities(
              market.selection,
              market.producers.map((o) => o.quality[t]!),
              task.cap,
            );
            return s + task.weight * pi[i]! ** 2;
          }, 0);
          expect(Math.abs(p.payoffs["test-squared-winrate"]! - direct)).toBeLessThan(1e-12);
          expect(p.payoffs["test-squared-winrate"]!).toBeLessThanOrEqual(p.payoffs.winrate! + 1e-12);
          const best = market.tasks.filter((_, t) =>
            market.producers.every((o) => o.quality[t]! <= market.producers[i]!.quality[t]!),
          ).length;
          expect(p.payoffs["test-best-task-count"]).toBe(best);
        });
      }
      expect(() => registerPayoffRule({ name: "winrate", description: "", taskTerm: () => 0 })).toThrow(
        "already registered",
      );
      expect(() => payoffRule("no-such-rule")).toThrow('unknown payoff rule "no-such-rule"');
    } finally {
      unregisterPayoffRule("test-squared-winrate");
      unregisterPayoffRule("test-best-task-count");
    }
  });
});
