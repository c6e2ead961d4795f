/**
 * The leaderboards (empirical/leaderboards.ts) on the hand table; the numbers are worked out in
 * hand.test.ts: under epsilon:eps=0.3, pi = 0.7 * perfect + 0.1.
 */
import { describe, expect, it } from "vitest";
import { leaderboards } from "../../empirical/leaderboards.js";
import { D, expectCloseAll, handContext } from "./hand-context.js";

describe("leaderboards of the hand table", () => {
  const ctx = handContext();
  const b = leaderboards(ctx);
  const r = (name: string) => ctx.ruleNames.indexOf(name);

  it("welfare with every model present", () => {
    expect(b.U).toBeCloseTo(0.63, D);
    expect(b.perTask[0]).toBeCloseTo(0.72, D);
    expect(b.perTask[1]).toBeCloseTo(0.54, D);
  });

  it("payoffs and competition ranks per rule", () => {
    const wr = b.payoffs[r("winrate")]!;
    const wwr = b.payoffs[r("weighted-winrate")]!;
    expectCloseAll(wr, [0.45, 0.45, 0.1]);
    expectCloseAll(wwr, [0.33, 0.27, 0.03]);
    expect(b.ranks[r("winrate")]).toEqual([1, 1, 3]);
    expect(b.ranks[r("average-score")]).toEqual([2, 1, 3]);
  });

  it("rows: raw weighted mean, payoffs, ranks and both rank shifts", () => {
    const [A, B, C] = b.rows;
    expect(A!.name).toBe("A");
    // raw scores: (8 + 2)/2 = 5, (6 + 6)/2 = 6, (2 + 4)/2 = 3
    expect([A!.rawMean, B!.rawMean, C!.rawMean]).toEqual([5, 6, 3]);
    expect(A!.payoffs["weighted-winrate"]).toBeCloseTo(0.33, D);
    expect(B!.ranks["weighted-winrate"]).toBe(2);
    // shift vs winrate = rank_WR - rank_rule; shift vs average = rank_AVG - rank_rule
    expect(B!.shiftVsWinrate["weighted-winrate"]).toBe(-1);
    expect(A!.shiftVsAverage["weighted-winrate"]).toBe(1);
    expect(C!.shiftVsAverage["weighted-winrate"]).toBe(0);
    expect(Object.keys(A!.payoffs)).toEqual(ctx.ruleNames);
  });

  it("top models (every tie) and Kendall tau-b between rules", () => {
    expect(b.top.winrate).toEqual(["A", "B"]);
    expect(b.top["average-score"]).toEqual(["B"]);
    // WR vs WWR: (A,B) tied in WR, two concordant pairs: 2 / sqrt(2 * 3)
    expect(b.kendall.winrate!["weighted-winrate"]).toBeCloseTo(2 / Math.sqrt(6), D);
    expect(b.kendall["weighted-winrate"]!.winrate).toBeCloseTo(2 / Math.sqrt(6), D);
    expect(b.kendall["average-score"]!["average-score"]).toBeCloseTo(1, D);
  });

  it("leaves the evaluator at the market of all models", () => {
    expect(b.ev.welfare).toBeCloseTo(0.63, D);
  });
});
