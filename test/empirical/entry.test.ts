/**
 * Market entry (empirical/entry.ts) and the report's form of a best response (empirical/solver.ts) on
 * the hand table; the numbers are worked out in hand.test.ts.
 */
import { describe, expect, it } from "vitest";
import {
  bestResponseEntry,
  choicesOf,
  evaluateEntrants,
  incumbentEntry,
  syntheticEntry,
} from "../../empirical/entry.js";
import { leaderboards } from "../../empirical/leaderboards.js";
import { nearestTo, ruleBestResponse } from "../../empirical/solver.js";
import { InputError } from "../../src/errors.js";
import { payoffRule } from "../../src/model/payoffs.js";
import { D, expectCloseAll, fakeSolver, handContext } from "./hand-context.js";

describe("evaluateEntrants and choicesOf", () => {
  it("runs each candidate in the spare row: payoffs per rule and welfare after entry", () => {
    const ctx = handContext();
    const b = leaderboards(ctx);
    const copy = { name: "copy", quality: [0.6, 0.6] };
    const spec = { name: "specialist", quality: [0.2, 1] };
    const e = evaluateEntrants(b.ev, ctx.q, ctx.n, ctx.T, [copy, spec]);
    const wr = ctx.ruleNames.indexOf("winrate");
    expect(e.payoffs[wr]![0]).toBeCloseTo(0.25, D);
    expect(e.payoffs[wr]![1]).toBeCloseTo(0.425, D);
    expect(e.welfare[0]).toBeCloseTo(0.64, D);
    expect(e.welfare[1]).toBeCloseTo(0.78, D);
    // the last candidate stays in the spare row
    expect(Array.from(ctx.q.subarray(6))).toEqual([0.2, 1]);
  });

  it("picks the first maximiser in menu order, lists every tie, reports its welfare", () => {
    const rules = [payoffRule("winrate"), payoffRule("average-score")];
    const menu = [{ name: "x" }, { name: "y" }, { name: "z" }];
    const c = choicesOf(
      rules,
      menu,
      [
        [0.1, 0.5, 0.5 + 1e-17],
        [0.9, 0.2, 0.3],
      ],
      [0.4, 0.6, 0.7],
    );
    expect(c[0]).toEqual({ rule: "winrate", choice: "y", tied: ["y", "z"], welfare: 0.6 });
    expect(c[1]).toEqual({ rule: "average-score", choice: "x", tied: ["x"], welfare: 0.4 });
  });
});

describe("incumbents as entrants", () => {
  it("welfare gains are U(all) - U(all but the model); the alignment is Kendall tau with them", () => {
    const ctx = handContext();
    const e = incumbentEntry(ctx, leaderboards(ctx).payoffs);
    const gains = e.incumbentsAsEntrants.map((x) => x.welfareGain);
    expectCloseAll(gains, [0.075, 0.09, -0.025]);
    expect(e.incumbentsAsEntrants[1]!.payoffs.winrate).toBeCloseTo(0.45, D);
    expect(e.alignmentWithWelfare["marginal-contribution"]).toBeCloseTo(1, D);
    expect(e.alignmentWithWelfare.winrate).toBeCloseTo(2 / Math.sqrt(6), D);
  });
});

describe("synthetic entry", () => {
  it("copies the named model, orders the specialist's tasks worst-served first, picks per rule", () => {
    const ctx = handContext();
    const { candidates, synthetic: s } = syntheticEntry(ctx, leaderboards(ctx), "B", [0.5]);
    expect(candidates.map((c) => c.name)).toEqual(["copy", "mix-0.5", "specialist"]);
    expect(s.copied).toBe("B");
    expect(s.budget).toBeCloseTo(1.2, D);
    expect(s.specialistTasks).toEqual(["b", "a"]);
    expect(s.welfareWithoutEntry).toBeCloseTo(0.63, D);
    expect(s.candidates.map((c) => c.welfare).map((w) => Number(w.toFixed(12)))).toEqual([0.64, 0.71, 0.78]);
    const by = Object.fromEntries(s.choices.map((c) => [c.rule, c]));
    expect(by.winrate!.tied).toEqual(["mix-0.5", "specialist"]);
    expect(by["weighted-winrate"]!.choice).toBe("specialist");
    expect(s.welfareOptimal.choice).toBe("specialist");
    expect(s.welfareOptimal.welfare).toBeCloseTo(0.78, D);
  });

  it("copying another model changes the budget and the candidates", () => {
    const ctx = handContext();
    const { synthetic: s } = syntheticEntry(ctx, leaderboards(ctx), "C", [0.5]);
    expect(s.budget).toBeCloseTo(0.6, D);
    expect(s.candidates[0]!.quality).toEqual([0.2, 0.4]);
    // budget 0.6 all on the worse-served task b: one task only
    expect(s.specialistTasks).toEqual(["b"]);
  });
});

describe("best-response entry", () => {
  it("is null without a space or with a fixed one, and needs a solver otherwise", () => {
    const ctx = handContext();
    expect(bestResponseEntry(ctx, undefined, undefined, 0.63)).toBeNull();
    expect(bestResponseEntry(ctx, { kind: "fixed" }, undefined, 0.63)).toBeNull();
    expect(() => bestResponseEntry(ctx, { kind: "top-k", k: 1 }, undefined, 0.63)).toThrow(InputError);
    expect(() => bestResponseEntry(ctx, { kind: "top-k", k: 1 }, undefined, 0.63)).toThrow(/needs a solver/);
  });

  it("asks the solver once per rule and adds specialisation and the nearest model's distance", () => {
    const ctx = handContext({ rules: ["winrate"] });
    const solver = fakeSolver((rule) => (rule.name === "winrate" ? [1, 0] : [0.5, 0.5]));
    const br = bestResponseEntry(ctx, { kind: "top-k", k: 1 }, solver, 0.63)!;
    expect(br.space).toMatch(/top-k/);
    expect(br.welfareWithoutEntry).toBe(0.63);
    expect(solver.calls).toEqual(ctx.ruleNames.map((r) => `entrant ${r} top-k epsilon`));
    expect(br.perRule.map((x) => x.rule)).toEqual(ctx.ruleNames);
    // (1, 0) to A (0.8, 0.2): 0.2 + 0.2 = 0.4; to B 1.0; to C 1.2
    expect(br.perRule[0]!.nearestDistance).toBeCloseTo(0.4, D);
    expect(br.perRule[0]!.specialisation).toBeCloseTo(1, D);
    // (0.5, 0.5) to B: 0.2; spread evenly: specialisation 0
    expect(br.perRule[1]!.nearestDistance).toBeCloseTo(0.2, D);
    expect(br.perRule[1]!.specialisation).toBeCloseTo(0, D);
    expect(br.perRule[1]!.welfare).toBe(0.5);
  });
});

describe("nearestTo and ruleBestResponse", () => {
  it("measures L1 distance on q / v to the nearest other producer", () => {
    expect(
      nearestTo(
        [1, 0],
        [
          [0, 1],
          [1, 0.5],
        ],
        [1, 1],
      ),
    ).toBeCloseTo(0.5, D);
    // caps scale the distance: |1 - 0| / 2 + |0 - 1| / 1
    expect(nearestTo([1, 0], [[0, 1]], [2, 1])).toBeCloseTo(1.5, D);
    expect(nearestTo([1, 0], [], [1, 1])).toBe(Number.POSITIVE_INFINITY);
  });
  it("keeps the solver's outcome and names the rule", () => {
    const out = {
      quality: [0, 2],
      payoff: 0.3,
      welfare: 0.9,
      maximisers: 2,
      truncated: true,
      welfareRange: [0.8, 0.9] as [number, number],
      exact: false,
      gapBound: 1e-3,
    };
    const r = ruleBestResponse(payoffRule("winrate"), out, [[0, 1]], [1, 2]);
    expect(r).toEqual({ rule: "winrate", ...out, specialisation: 1, nearestDistance: 0.5 });
  });
});
