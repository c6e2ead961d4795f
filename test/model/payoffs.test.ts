/**
 * src/model/payoffs.ts: each built-in rule's formula (checked by hand on a column whose pieces are
 * known), the derived `taskTerm`, the registry (names, refusal of invalid rules with `InputError`,
 * built-ins that cannot be removed) and `payoffRule`'s error.
 */
import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { ColumnState } from "../../src/model/column.js";
import { MarketEvaluator } from "../../src/model/evaluate.js";
import {
  averageScore,
  BUILTIN_PAYOFF_RULES,
  columnTerm,
  marginalContribution,
  type PayoffRule,
  pairwiseWinrate,
  payoffRule,
  payoffRuleNames,
  registerPayoffRule,
  unregisterPayoffRule,
  WELFARE_TERM,
  weightedPairwiseWinrate,
  weightedWinrate,
  winrate,
} from "../../src/model/payoffs.js";

// epsilon = 0.3 on [0.9, 0.5, 0.5] (cap 1): pi = [0.7 + 0.1, 0.1, 0.1] = [0.8, 0.1, 0.1],
// U = 0.72 + 0.05 + 0.05 = 0.82; without producer 0: [0.5, 0.5] -> U = 0.5; without 1: [0.9, 0.5] ->
// pi = [0.85, 0.15], U = 0.84; P(0 beats j) = 0.7 + 0.15 = 0.85, P(1 beats 2) = 1/2, P(1 beats 0) = 0.15.
const column = new ColumnState({ rule: "epsilon", eps: 0.3 });
column.load([0.9, 0.5, 0.5], 3, 1);

const EXPECTED: Record<string, [number, number, number]> = {
  winrate: [0.8, 0.1, 0.1],
  "pairwise-winrate": [0.85, (0.15 + 0.5) / 2, (0.15 + 0.5) / 2],
  "weighted-winrate": [0.72, 0.05, 0.05],
  "weighted-pairwise-winrate": [0.85 * 0.9, 0.325 * 0.5, 0.325 * 0.5],
  "marginal-contribution": [0.82 - 0.5, 0.82 - 0.84, 0.82 - 0.84],
  "average-score": [0.9, 0.5, 0.5],
};

describe("the built-in rules' formulas", () => {
  it("give the hand-computed terms through taskTerm, columnTerm and MarketEvaluator alike", () => {
    expect(BUILTIN_PAYOFF_RULES.map((r) => r.name)).toEqual(Object.keys(EXPECTED));
    const ev = new MarketEvaluator([{ name: "t", weight: 1, cap: 1 }], { rule: "epsilon", eps: 0.3 });
    ev.run(new Float64Array([0.9, 0.5, 0.5]), 3);
    BUILTIN_PAYOFF_RULES.forEach((rule, r) => {
      for (let i = 0; i < 3; i++) {
        const want = EXPECTED[rule.name]![i]!;
        expect(rule.taskTerm!(column, i), `${rule.name} ${i}`).toBeCloseTo(want, 14);
        expect(columnTerm(rule.builtin!, column, i)).toBe(rule.taskTerm!(column, i));
        expect(ev.payoff(r, i), `evaluator ${rule.name} ${i}`).toBeCloseTo(want, 14);
      }
    });
  });

  it("describe themselves with their formula", () => {
    const formulas = [
      "pi_it",
      "P_t(i beats j)",
      "pi_it q_it",
      "P_t(i beats j) q_it",
      "U(all) - U(all but i)",
      "w_t q_it",
    ];
    BUILTIN_PAYOFF_RULES.forEach((rule, r) => {
      expect(rule.description).toContain(formulas[r]!);
    });
  });

  it("read only the costly piece they name", () => {
    const reads = BUILTIN_PAYOFF_RULES.map((r) => r.builtin!.reads);
    expect(reads).toEqual(["none", "pairwise", "none", "pairwise", "without", "none"]);
    // combine ignores the pieces it does not read: NaN there changes nothing
    const N = Number.NaN;
    expect(winrate.builtin!.combine(0.25, N, N, N, N)).toBe(0.25);
    expect(weightedWinrate.builtin!.combine(0.25, 0.5, N, N, N)).toBe(0.125);
    expect(pairwiseWinrate.builtin!.combine(N, N, 0.75, N, N)).toBe(0.75);
    expect(weightedPairwiseWinrate.builtin!.combine(N, 0.5, 0.75, N, N)).toBe(0.375);
    expect(marginalContribution.builtin!.combine(N, N, N, 0.75, 0.5)).toBe(0.25);
    expect(averageScore.builtin!.combine(N, 0.5, N, N, N)).toBe(0.5);
    expect(WELFARE_TERM.combine(N, N, N, 0.75, N)).toBe(0.75);
  });

  it("sum to the totals the model promises: winrate to 1, weighted winrate to U", () => {
    const wr = [0, 1, 2].reduce((s, i) => s + winrate.taskTerm!(column, i), 0);
    const wwr = [0, 1, 2].reduce((s, i) => s + weightedWinrate.taskTerm!(column, i), 0);
    expect(wr).toBeCloseTo(1, 15);
    expect(wwr).toBeCloseTo(column.welfare, 15);
  });
});

describe("the registry", () => {
  const added: string[] = [];
  afterEach(() => {
    for (const name of added.splice(0)) unregisterPayoffRule(name);
  });

  it("lists the built-ins first, then registered rules, and finds them by name", () => {
    const rule: PayoffRule = {
      name: "test-pi-squared",
      description: "pi^2",
      taskTerm: (c, i) => c.pi[i]! ** 2,
    };
    registerPayoffRule(rule);
    added.push(rule.name);
    expect(payoffRuleNames()).toEqual([...BUILTIN_PAYOFF_RULES.map((r) => r.name), "test-pi-squared"]);
    expect(payoffRule("test-pi-squared")).toBe(rule);
    expect(payoffRule("winrate")).toBe(winrate);
  });

  const refuse = (rule: unknown, where: string, problem: RegExp): void => {
    let caught: unknown;
    try {
      registerPayoffRule(rule as PayoffRule);
    } catch (err) {
      caught = err;
    }
    expect(caught, JSON.stringify(rule)).toBeInstanceOf(InputError);
    expect((caught as InputError).where).toBe(where);
    expect((caught as InputError).problem).toMatch(problem);
  };

  it("refuses invalid rules with an InputError naming the field, and registers nothing", () => {
    const before = payoffRuleNames();
    const term = () => 0;
    refuse(null, "rule", /object/);
    refuse("winrate", "rule", /object/);
    refuse({ name: "", description: "", taskTerm: term }, "rule.name", /word/);
    refuse({ name: "has space", description: "", taskTerm: term }, "rule.name", /word/);
    refuse({ name: "a,b", description: "", taskTerm: term }, "rule.name", /word/);
    refuse({ name: 7, description: "", taskTerm: term }, "rule.name", /word/);
    refuse({ name: "winrate", description: "", taskTerm: term }, "rule.name", /already registered/);
    refuse({ name: "ok-name", description: 3, taskTerm: term }, "rule.description", /string/);
    refuse({ name: "ok-name", description: "" }, "rule", /exactly one of taskTerm and payoff/);
    refuse({ name: "ok-name", description: "", taskTerm: term, payoff: term }, "rule", /exactly one/);
    refuse({ name: "ok-name", description: "", taskTerm: 1 }, "rule.taskTerm", /function/);
    refuse({ name: "ok-name", description: "", payoff: "x" }, "rule.payoff", /function/);
    refuse(
      { name: "ok-name", description: "", taskTerm: term, builtin: winrate.builtin },
      "rule.builtin",
      /built-in/,
    );
    expect(payoffRuleNames()).toEqual(before);
  });

  it("accepts a non-separable rule and names with digits, dots and underscores", () => {
    registerPayoffRule({ name: "t.2_x", description: "", payoff: () => 1 });
    added.push("t.2_x");
    expect(payoffRule("t.2_x").payoff!({ tasks: [], selection: { rule: "perfect" }, producers: [] }, 0)).toBe(
      1,
    );
  });

  it("cannot remove a built-in rule; removing an unknown name does nothing", () => {
    expect(() => unregisterPayoffRule("winrate")).toThrow(InputError);
    expect(() => unregisterPayoffRule("winrate")).toThrow(/^rule: cannot remove built-in rule winrate$/);
    expect(payoffRule("winrate")).toBe(winrate);
    const before = payoffRuleNames();
    unregisterPayoffRule("never-registered");
    expect(payoffRuleNames()).toEqual(before);
  });

  it("payoffRule names the field and lists the known rules for an unknown name", () => {
    let caught: unknown;
    try {
      payoffRule("nope", "rules");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).where).toBe("rules");
    expect((caught as InputError).problem).toBe(
      `unknown payoff rule "nope" (known: ${payoffRuleNames().join(", ")}; families: power-winrate:..., threshold-winrate:..., mix:...)`,
    );
    expect(() => payoffRule("nope")).toThrow(/^rule: unknown payoff rule "nope"/);
  });
});
