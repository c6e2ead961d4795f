/** Model replacement (empirical/replacement.ts): which models, each one's re-allocation, the summary. */
import { describe, expect, it } from "vitest";
import { leaderboards } from "../../empirical/leaderboards.js";
import { replacedModels, replacementStudy, replacementSummary } from "../../empirical/replacement.js";
import { payoffRule } from "../../src/model/payoffs.js";
import { D, fakeSolver, handContext } from "./hand-context.js";

describe("replacedModels", () => {
  it("takes the best N by average-score rank, ties in table order", () => {
    expect(replacedModels([3, 1, 2], "all")).toEqual([1, 2, 0]);
    expect(replacedModels([3, 1, 2], 2)).toEqual([1, 2]);
    expect(replacedModels([2, 1, 1], 1)).toEqual([1]);
    expect(replacedModels([2, 1, 1], 2.9)).toEqual([1, 2]);
    expect(replacedModels([2, 1, 1], 10)).toEqual([1, 2, 0]);
    expect(replacedModels([2, 1, 1], 0)).toEqual([]);
  });
});

describe("replacementSummary", () => {
  const br = (welfare: number, specialisation: number, nearestDistance: number) => ({
    rule: "winrate",
    quality: [0, 0],
    payoff: 0,
    welfare,
    maximisers: 1,
    truncated: false,
    welfareRange: [welfare, welfare] as [number, number],
    exact: true,
    gapBound: 0,
    specialisation,
    nearestDistance,
  });
  const model = (name: string, s: number, d: number, after: ReturnType<typeof br>) => ({
    name,
    budget: 1,
    nearestBefore: d,
    specialisationBefore: s,
    perRule: [after],
  });

  it("averages the changes and counts losses and moves closer beyond the tolerance", () => {
    const U = 0.6;
    const models = [
      // welfare 0.5 (a loss), specialisation 0.2 -> 0.6, distance 0.4 -> 0.1 (closer)
      model("x", 0.2, 0.4, br(0.5, 0.6, 0.1)),
      // welfare equal to U up to rounding (no loss), specialisation 0.5 -> 0.3, distance unchanged up to rounding
      model("y", 0.5, 0.3, br(0.6 - 1e-17, 0.3, 0.3 - 1e-17)),
    ];
    const [s] = replacementSummary([payoffRule("winrate")], models, U, 2);
    expect(s!.rule).toBe("winrate");
    expect(s!.meanWelfareChange).toBeCloseTo(-0.05, D);
    expect(s!.welfareLosses).toBe(1);
    expect(s!.meanSpecialisationChange).toBeCloseTo((0.4 - 0.2) / 2, D);
    expect(s!.meanNearestDistanceChange).toBeCloseTo(-0.15, D);
    expect(s!.movesCloser).toBe(1);
  });

  it("has zero means when no model is replaced", () => {
    const [s] = replacementSummary([payoffRule("winrate")], [], 0.6, 2);
    expect(s).toEqual({
      rule: "winrate",
      meanWelfareChange: 0,
      welfareLosses: 0,
      meanSpecialisationChange: 0,
      meanNearestDistanceChange: 0,
      movesCloser: 0,
    });
  });
});

describe("replacementStudy", () => {
  it("is null when replacement is off or there is no solver", () => {
    const ctx = handContext();
    const b = leaderboards(ctx);
    expect(
      replacementStudy(
        ctx,
        b,
        false,
        fakeSolver(() => [0, 0]),
      ),
    ).toBeNull();
    expect(replacementStudy(ctx, b, "all", undefined)).toBeNull();
  });

  it("re-optimises the best N by average score in a budget of their own total quality", () => {
    const ctx = handContext({ rules: ["winrate"] });
    const solver = fakeSolver(() => [0.6, 0.6]);
    const rep = replacementStudy(ctx, leaderboards(ctx), 2, solver)!;
    // average score: B 0.6 > A 0.5 > C 0.3
    expect(rep.selected).toBe("the 2 best of 3 by average score");
    expect(rep.models.map((m) => m.name)).toEqual(["B", "A"]);
    expect(solver.calls).toEqual(
      ["B", "A"].flatMap((name) => ctx.ruleNames.map((r) => `incumbent ${name} ${r} budget`)),
    );
    const B = rep.models[0]!;
    expect(B.budget).toBeCloseTo(1.2, D);
    // B (0.6, 0.6) to A: 0.2 + 0.4 = 0.6, to C: 0.4 + 0.2 = 0.6
    expect(B.nearestBefore).toBeCloseTo(0.6, D);
    expect(B.specialisationBefore).toBeCloseTo(0, D);
    // answered (0.6, 0.6), measured against A and C only
    expect(B.perRule[0]!.nearestDistance).toBeCloseTo(0.6, D);
    // A (0.8, 0.2) before: nearest is B at 0.6
    expect(rep.models[1]!.nearestBefore).toBeCloseTo(0.6, D);
    expect(rep.summary.map((s) => s.rule)).toEqual(ctx.ruleNames);
    // the fake solver's welfare 0.5 against U = 0.63
    expect(rep.summary[0]!.meanWelfareChange).toBeCloseTo(0.5 - 0.63, D);
    expect(rep.summary[0]!.welfareLosses).toBe(2);
  });

  it("says all models when N covers them, and a model with nothing to re-allocate stays", () => {
    const table = {
      comments: [],
      tasks: ["a", "b"],
      models: ["A", "B", "Z"],
      scores: [
        [8, 2],
        [6, 6],
        [0, 0],
      ],
    };
    const ctx = handContext({ rules: ["winrate"] }, table);
    const solver = fakeSolver(() => [0.6, 0.6]);
    const b = leaderboards(ctx);
    const rep = replacementStudy(ctx, b, 3, solver)!;
    expect(rep.selected).toBe("all 3 models");
    expect(rep.models.map((m) => m.name)).toEqual(["B", "A", "Z"]);
    expect(solver.calls.some((c) => c.includes(" Z "))).toBe(false);
    const z = rep.models[2]!;
    expect(z.budget).toBe(0);
    const wr = ctx.ruleNames.indexOf("winrate");
    expect(z.perRule[wr]!.quality).toEqual([0, 0]);
    expect(z.perRule[wr]!.welfare).toBeCloseTo(b.U, D);
    expect(z.perRule[wr]!.payoff).toBeCloseTo(b.payoffs[wr]![2]!, D);
    expect(z.perRule[wr]!.exact).toBe(true);
    expect(z.perRule[wr]!.maximisers).toBe(1);
  });
});
