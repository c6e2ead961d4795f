/**
 * The empirical study on a hand-made table (test/fixtures/tables/hand-3x2.csv), every number worked
 * out by hand in the comments.
 *
 * Table (0-10 scale, `--normalize scale:max=10`), tasks a and b with equal weights 1/2:
 *   A = (0.8, 0.2)   B = (0.6, 0.6)   C = (0.2, 0.4)
 * Selection `epsilon:eps=0.3` with n = 3: pi = 0.7 * perfect + 0.3/3 = 0.7 * perfect + 0.1.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { projectSolver } from "../../empirical/solver.js";
import { runEmpiricalStudy } from "../../empirical/study.js";
import type { EmpiricalReport } from "../../empirical/study-types.js";
import { readScoreTable } from "../../src/io/scoreTable.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/tables/hand-3x2.csv", import.meta.url));
const D = 12; // decimal places for toBeCloseTo

function study(extra: Partial<Parameters<typeof runEmpiricalStudy>[1]> = {}): EmpiricalReport {
  return runEmpiricalStudy(readScoreTable(FIXTURE), {
    selection: { rule: "epsilon", eps: 0.3 },
    normalization: { kind: "scale", max: 10 },
    lambdas: [0.5],
    replacement: false,
    ...extra,
  });
}

const row = (r: EmpiricalReport, name: string) => r.leaderboards.rows.find((x) => x.name === name)!;

describe("hand-made 3 x 2 table under epsilon:eps=0.3", () => {
  const r = study();

  it("welfare", () => {
    // task a: best A -> pi = (0.8, 0.1, 0.1); U_a = 0.8*0.8 + 0.1*0.6 + 0.1*0.2 = 0.64 + 0.06 + 0.02 = 0.72
    // task b: best B -> pi = (0.1, 0.8, 0.1); U_b = 0.1*0.2 + 0.8*0.6 + 0.1*0.4 = 0.02 + 0.48 + 0.04 = 0.54
    // U = (0.72 + 0.54) / 2 = 0.63
    expect(r.welfare.perTask[0]).toBeCloseTo(0.72, D);
    expect(r.welfare.perTask[1]).toBeCloseTo(0.54, D);
    expect(r.welfare.U).toBeCloseTo(0.63, D);
    // U_perfect = (0.8 + 0.6) / 2 = 0.7; U_single = max(0.5, 0.6, 0.3) = 0.6 (B)
    expect(r.welfare.perfect).toBeCloseTo(0.7, D);
    expect(r.welfare.single).toBeCloseTo(0.6, D);
    expect(r.welfare.singleBest).toBe("B");
  });

  it("leaderboards", () => {
    // winrate: A = (0.8 + 0.1)/2 = 0.45, B = (0.1 + 0.8)/2 = 0.45, C = (0.1 + 0.1)/2 = 0.1
    expect(row(r, "A").payoffs.winrate).toBeCloseTo(0.45, D);
    expect(row(r, "B").payoffs.winrate).toBeCloseTo(0.45, D);
    expect(row(r, "C").payoffs.winrate).toBeCloseTo(0.1, D);
    // weighted winrate: A = (0.8*0.8 + 0.1*0.2)/2 = 0.33, B = (0.1*0.6 + 0.8*0.6)/2 = 0.27,
    // C = (0.1*0.2 + 0.1*0.4)/2 = 0.03; sum 0.63 = U
    expect(row(r, "A").payoffs["weighted-winrate"]).toBeCloseTo(0.33, D);
    expect(row(r, "B").payoffs["weighted-winrate"]).toBeCloseTo(0.27, D);
    expect(row(r, "C").payoffs["weighted-winrate"]).toBeCloseTo(0.03, D);
    // average score: A = 0.5, B = 0.6, C = 0.3; raw means 5, 6, 3
    expect(row(r, "A").payoffs["average-score"]).toBeCloseTo(0.5, D);
    expect(row(r, "B").payoffs["average-score"]).toBeCloseTo(0.6, D);
    expect(row(r, "C").rawMean).toBeCloseTo(3, D);
    // pairwise, P(i beats j) = 0.7 * 1[q_i > q_j] + 0.15:
    // task a: A 0.85 (beats both), B (0.15 + 0.85)/2 = 0.5, C 0.15
    // task b: B 0.85, C (0.85 vs A + 0.15 vs B)/2 = 0.5, A 0.15
    // PWR: A = (0.85 + 0.15)/2 = 0.5, B = (0.5 + 0.85)/2 = 0.675, C = (0.15 + 0.5)/2 = 0.325
    expect(row(r, "A").payoffs["pairwise-winrate"]).toBeCloseTo(0.5, D);
    expect(row(r, "B").payoffs["pairwise-winrate"]).toBeCloseTo(0.675, D);
    expect(row(r, "C").payoffs["pairwise-winrate"]).toBeCloseTo(0.325, D);
    // marginal contribution, with two producers U_t = 0.7 max + 0.3 mean:
    // without A: a: 0.7*0.6 + 0.3*0.4 = 0.54, b: 0.7*0.6 + 0.3*0.5 = 0.57 -> 0.555, MC_A = 0.075
    // without B: a: 0.7*0.8 + 0.3*0.5 = 0.71, b: 0.7*0.4 + 0.3*0.3 = 0.37 -> 0.54,  MC_B = 0.09
    // without C: a: 0.7*0.8 + 0.3*0.7 = 0.77, b: 0.7*0.6 + 0.3*0.4 = 0.54 -> 0.655, MC_C = -0.025
    expect(row(r, "A").payoffs["marginal-contribution"]).toBeCloseTo(0.075, D);
    expect(row(r, "B").payoffs["marginal-contribution"]).toBeCloseTo(0.09, D);
    expect(row(r, "C").payoffs["marginal-contribution"]).toBeCloseTo(-0.025, D);
  });

  it("ranks and rank changes", () => {
    // winrate: A and B tie at 0.45 -> both rank 1, C rank 3
    expect([row(r, "A"), row(r, "B"), row(r, "C")].map((x) => x.ranks.winrate)).toEqual([1, 1, 3]);
    // weighted winrate: A 0.33 > B 0.27 > C 0.03
    expect([row(r, "A"), row(r, "B"), row(r, "C")].map((x) => x.ranks["weighted-winrate"])).toEqual([
      1, 2, 3,
    ]);
    // average score: B 0.6 > A 0.5 > C 0.3
    expect([row(r, "A"), row(r, "B"), row(r, "C")].map((x) => x.ranks["average-score"])).toEqual([2, 1, 3]);
    // shift vs winrate = rank_WR - rank_rule: B under weighted winrate 1 - 2 = -1; A 1 - 1 = 0
    expect(row(r, "B").shiftVsWinrate["weighted-winrate"]).toBe(-1);
    expect(row(r, "A").shiftVsWinrate["weighted-winrate"]).toBe(0);
    // shift vs average = rank_AVG - rank_rule: A under weighted winrate 2 - 1 = +1, B 1 - 2 = -1
    expect(row(r, "A").shiftVsAverage["weighted-winrate"]).toBe(1);
    expect(row(r, "B").shiftVsAverage["weighted-winrate"]).toBe(-1);
    expect(row(r, "C").shiftVsAverage["weighted-winrate"]).toBe(0);
    // PWR: B 0.675 > A 0.5 > C 0.325; MC: B 0.09 > A 0.075 > C -0.025
    expect(row(r, "B").ranks["pairwise-winrate"]).toBe(1);
    expect(row(r, "C").ranks["marginal-contribution"]).toBe(3);
    expect(r.leaderboards.top.winrate).toEqual(["A", "B"]);
    expect(r.leaderboards.top["weighted-winrate"]).toEqual(["A"]);
    // Kendall tau-b(WR, WWR): pairs (A,B) tied in WR, (A,C) and (B,C) concordant:
    // (2 - 0) / sqrt((3 - 1)(3 - 0)) = 2 / sqrt(6)
    expect(r.leaderboards.kendall.winrate!["weighted-winrate"]).toBeCloseTo(2 / Math.sqrt(6), D);
  });

  it("each model as an entrant: welfare gain = U(all) - U(all but it)", () => {
    const gain = Object.fromEntries(r.entry.incumbentsAsEntrants.map((x) => [x.name, x.welfareGain]));
    expect(gain.A).toBeCloseTo(0.075, D);
    expect(gain.B).toBeCloseTo(0.09, D);
    expect(gain.C).toBeCloseTo(-0.025, D);
    // winrate payoffs (0.45, 0.45, 0.1) vs gains (0.075, 0.09, -0.025): pair (A,B) tied in WR,
    // (A,C), (B,C) concordant -> tau-b = 2 / sqrt(2 * 3)
    expect(r.entry.alignmentWithWelfare.winrate).toBeCloseTo(2 / Math.sqrt(6), D);
  });

  it("synthetic entrants", () => {
    const syn = r.entry.synthetic;
    // best incumbent B = (0.6, 0.6), budget 1.2; b is worse served (0.54 < 0.72), so the specialist
    // puts 1 on b and the remaining 0.2 on a: (0.2, 1.0); mix-0.5 = (0.4, 0.8)
    expect(syn.copied).toBe("B");
    expect(syn.budget).toBeCloseTo(1.2, D);
    expect(syn.specialistTasks).toEqual(["b", "a"]);
    const c = Object.fromEntries(syn.candidates.map((x) => [x.name, x]));
    expect(c.specialist!.quality[0]).toBeCloseTo(0.2, D);
    expect(c.specialist!.quality[1]).toBeCloseTo(1, D);
    expect(c["mix-0.5"]!.quality[0]).toBeCloseTo(0.4, D);
    // with 4 producers pi = 0.7 perfect + 0.075.
    // copy (0.6, 0.6): a -> 0.075; b ties with B -> 0.35 + 0.075 = 0.425.
    //   WR = (0.075 + 0.425)/2 = 0.25; WWR = (0.075*0.6 + 0.425*0.6)/2 = 0.15
    //   U: a 0.7*0.8 + 0.075*(0.8+0.6+0.2+0.6) = 0.725; b 0.7*0.6 + 0.075*(0.2+0.6+0.4+0.6) = 0.555 -> 0.64
    expect(c.copy!.payoffs.winrate).toBeCloseTo(0.25, D);
    expect(c.copy!.payoffs["weighted-winrate"]).toBeCloseTo(0.15, D);
    expect(c.copy!.welfare).toBeCloseTo(0.64, D);
    // mix (0.4, 0.8): a 0.075, b best 0.775. WR = 0.425; WWR = (0.075*0.4 + 0.775*0.8)/2 = 0.325
    //   U: a 0.56 + 0.075*2.0 = 0.71; b 0.7*0.8 + 0.075*2.0 = 0.71 -> 0.71
    expect(c["mix-0.5"]!.payoffs.winrate).toBeCloseTo(0.425, D);
    expect(c["mix-0.5"]!.payoffs["weighted-winrate"]).toBeCloseTo(0.325, D);
    expect(c["mix-0.5"]!.welfare).toBeCloseTo(0.71, D);
    // specialist (0.2, 1.0): WR = 0.425 (ties with mix); WWR = (0.075*0.2 + 0.775*1)/2 = 0.395
    //   U: a 0.56 + 0.075*1.8 = 0.695; b 0.7 + 0.075*2.2 = 0.865 -> 0.78
    expect(c.specialist!.payoffs.winrate).toBeCloseTo(0.425, D);
    expect(c.specialist!.payoffs["weighted-winrate"]).toBeCloseTo(0.395, D);
    expect(c.specialist!.welfare).toBeCloseTo(0.78, D);
    // every candidate has average score (sum of q)/2 = 0.6
    for (const x of syn.candidates) expect(x.payoffs["average-score"]).toBeCloseTo(0.6, D);
    const choice = Object.fromEntries(syn.choices.map((x) => [x.rule, x]));
    // winrate is indifferent between mix and specialist and reports the first (mix, U = 0.71);
    // weighted winrate picks the specialist (U = 0.78), which is also the welfare optimum
    expect(choice.winrate!.tied).toEqual(["mix-0.5", "specialist"]);
    expect(choice.winrate!.choice).toBe("mix-0.5");
    expect(choice.winrate!.welfare).toBeCloseTo(0.71, D);
    expect(choice["weighted-winrate"]!.choice).toBe("specialist");
    expect(choice["weighted-winrate"]!.tied).toEqual(["specialist"]);
    expect(choice["average-score"]!.tied).toEqual(["copy", "mix-0.5", "specialist"]);
    expect(syn.welfareOptimal.choice).toBe("specialist");
    expect(syn.welfareOptimal.welfare).toBeCloseTo(0.78, D);
  });

  it("top-k(k=1) best-response entrant", () => {
    const br = study({ space: { kind: "top-k", k: 1 }, solver: projectSolver }).entry.bestResponse!;
    const by = Object.fromEntries(br.perRule.map((x) => [x.rule, x]));
    // entrant quality 1 on a, 0 on b: best on a (pi = 0.7 + 0.075 = 0.775), still chosen on b by the
    // uniform part (pi = 0.075). WR = (0.775 + 0.075)/2 = 0.425; WWR = (0.775*1 + 0.075*0)/2 = 0.3875.
    // Covering b instead gives the same two numbers, so both rules are indifferent (2 maximisers).
    // U after entry:
    //   on a: a 0.7*1 + 0.075*(0.8+0.6+0.2+1) = 0.895, b 0.7*0.6 + 0.075*(0.2+0.6+0.4+0) = 0.51 -> 0.7025
    //   on b: a 0.7*0.8 + 0.075*1.6 = 0.68, b 0.7*1 + 0.075*2.2 = 0.865 -> 0.7725
    expect(by.winrate!.payoff).toBeCloseTo(0.425, D);
    expect(by["weighted-winrate"]!.payoff).toBeCloseTo(0.3875, D);
    for (const rule of ["winrate", "weighted-winrate"]) {
      expect(by[rule]!.maximisers).toBe(2);
      expect(by[rule]!.welfareRange[0]).toBeCloseTo(0.7025, D);
      expect(by[rule]!.welfareRange[1]).toBeCloseTo(0.7725, D);
    }
    // marginal contribution maximises U: it covers b (U 0.7725, MC = 0.7725 - 0.63 = 0.1425)
    expect(by["marginal-contribution"]!.quality).toEqual([0, 1]);
    expect(by["marginal-contribution"]!.welfare).toBeCloseTo(0.7725, D);
    expect(by["marginal-contribution"]!.payoff).toBeCloseTo(0.1425, D);
  });

  it("an eps sweep ends in the uniform rule, where every leaderboard but the quality-blind ones ties", () => {
    const sw = study({ sweep: { parameter: "eps", values: [0, 0.3, 1] } }).sweep!;
    // eps = 0.3 reproduces the main analysis
    expect(sw.points[1]!.welfare).toBeCloseTo(0.63, D);
    expect(sw.points[1]!.entrantChoice["weighted-winrate"]).toBe("specialist");
    // eps = 1: pi = 1/3 everywhere, U = mean quality = (0.8+0.6+0.2 + 0.2+0.6+0.4)/6 = 2.8/6
    expect(sw.points[2]!.welfare).toBeCloseTo(2.8 / 6, D);
    // eps = 0 (perfect): U = U_perfect = 0.7 > U_single = 0.6
    expect(sw.points[0]!.welfare).toBeCloseTo(0.7, D);
    // U >= U_single at eps = 0 (0.7) and 0.3 (0.63) but not at eps = 1 (0.467): crossover at 0.3
    expect(sw.summary.crossover).toBeCloseTo(0.3, D);
    expect(sw.summary.aggregationBeatsSingle).toBe(2);
  });
});
