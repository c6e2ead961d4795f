/** The study's inputs (empirical/setup.ts): rules with their anchors, flat qualities, the context. */
import { describe, expect, it } from "vitest";
import { byName, flatQualities, studyContext, studyRules } from "../../empirical/setup.js";
import { InputError } from "../../src/errors.js";
import { readScoreTable } from "../../src/io/scoreTable.js";
import { BUILTIN_PAYOFF_RULES, payoffRule } from "../../src/model/payoffs.js";
import { HAND_TABLE, handContext } from "./hand-context.js";

describe("studyRules", () => {
  it("defaults to the six built-ins, anchors already among them", () => {
    expect(studyRules().map((r) => r.name)).toEqual(BUILTIN_PAYOFF_RULES.map((r) => r.name));
  });
  it("appends the missing anchors in order and keeps each rule once", () => {
    expect(
      studyRules(["marginal-contribution", "average-score", "marginal-contribution"]).map((r) => r.name),
    ).toEqual(["marginal-contribution", "average-score", "winrate", "weighted-winrate"]);
  });
  it("refuses unknown and non-separable rules, naming the field rules", () => {
    expect(() => studyRules(["no-such-rule"])).toThrow(InputError);
    const whole = { ...payoffRule("winrate"), name: "whole-market", taskTerm: undefined, builtin: undefined };
    const err = (() => {
      try {
        studyRules([whole]);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).where).toBe("rules");
    expect((err as InputError).problem).toMatch(/whole-market is not task-separable/);
  });
});

describe("flatQualities and byName", () => {
  it("lays producers out row by row with zeroed spare rows", () => {
    expect(
      Array.from(
        flatQualities(
          [
            [1, 2],
            [3, 4],
          ],
          1,
        ),
      ),
    ).toEqual([1, 2, 3, 4, 0, 0]);
    expect(flatQualities([]).length).toBe(0);
  });
  it("keys records in the order of the names", () => {
    const rec = byName(["z", "a", "m"], (name, r) => `${name}${r}`);
    expect(Object.keys(rec)).toEqual(["z", "a", "m"]);
    expect(rec).toEqual({ z: "z0", a: "a1", m: "m2" });
  });
});

describe("studyContext", () => {
  it("reads the hand table: normalised qualities, a spare row, the anchors' indices", () => {
    const ctx = handContext({ rules: ["marginal-contribution"] });
    expect(ctx.names).toEqual(["A", "B", "C"]);
    expect(ctx.n).toBe(3);
    expect(ctx.T).toBe(2);
    expect(ctx.caps).toEqual([1, 1]);
    expect(ctx.qualities).toEqual([
      [0.8, 0.2],
      [0.6, 0.6],
      [0.2, 0.4],
    ]);
    expect(Array.from(ctx.q)).toEqual([0.8, 0.2, 0.6, 0.6, 0.2, 0.4, 0, 0]);
    expect(ctx.ruleNames).toEqual(["marginal-contribution", "winrate", "weighted-winrate", "average-score"]);
    expect([ctx.WR, ctx.WWR, ctx.AVG]).toEqual([1, 2, 3]);
    expect(ctx.tasks.map((t) => t.weight)).toEqual([0.5, 0.5]);
  });
  it("validates the table's options before the rules (the market first)", () => {
    const table = readScoreTable(HAND_TABLE);
    const opts = { selection: { rule: "perfect" as const }, weights: [1, 2, 3], rules: ["no-such-rule"] };
    expect(() => studyContext(table, opts)).toThrow(/weights/);
    expect(() => studyContext(table, { ...opts, weights: [1, 3] })).toThrow(/no-such-rule/);
  });
});
