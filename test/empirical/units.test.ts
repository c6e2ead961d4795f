/**
 * Unit tests of the study's helpers: ranks and Kendall's tau, the synthetic specialist, the sweep
 * grid and option parsers, and the SVG module's ticks, escaping and determinism.
 */
import { describe, expect, it } from "vitest";
import { specialistQuality, syntheticEntrants } from "../../empirical/entrants.js";
import { parseReplaceSpec, parseSweepSpec } from "../../empirical/options.js";
import { argmaxAll, competitionRanks, kendallTau, payoffScale } from "../../empirical/ranking.js";
import {
  escapeXml,
  groupedBarChart,
  lineChart,
  logTicks,
  niceTicks,
  slopeChart,
} from "../../empirical/svg.js";
import type { Task } from "../../src/model/types.js";

const tasks = (caps: number[]): Task[] =>
  caps.map((cap, t) => ({ name: `t${t}`, weight: 1 / caps.length, cap }));

describe("ranks", () => {
  it("competition ranks share a rank within the tolerance", () => {
    expect(competitionRanks([0.5, 0.9, 0.5, 0.1])).toEqual([2, 1, 2, 4]);
    // 0.1 + 0.2 and 0.3 differ by 5.6e-17: a tie
    expect(competitionRanks([0.1 + 0.2, 0.3, 0.2])).toEqual([1, 1, 3]);
    expect(argmaxAll([0.2, 0.7, 0.7])).toEqual([1, 2]);
  });
  it("payoff ties are judged against the rule's largest absolute payoff", () => {
    expect(payoffScale([0.2, -0.7, 0.5])).toBe(0.7);
    expect(payoffScale(new Float64Array([0, 0]))).toBe(1);
    expect(payoffScale([-3])).toBe(3);
  });
  it("Kendall tau-b by hand", () => {
    expect(kendallTau([1, 2, 3], [1, 2, 3])).toBeCloseTo(1, 15);
    expect(kendallTau([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    // x = (1,2,3,4), y = (1,3,2,4): 5 concordant, 1 discordant -> (5 - 1) / 6
    expect(kendallTau([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(4 / 6, 15);
    expect(kendallTau([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

describe("synthetic entrants", () => {
  it("the specialist fills the worst-served tasks to the cap", () => {
    // served/cap: t0 0.9, t1 0.2, t2 0.5 -> order t1, t2, t0; budget 1.5 -> t1 = 1, t2 = 0.5
    expect(specialistQuality(1.5, [0.9, 0.2, 0.5], tasks([1, 1, 1]))).toEqual([0, 1, 0.5]);
    // caps scale the quality, not the budget: cap 2 on t1 -> quality 2 for one budget unit
    expect(specialistQuality(1, [0.9, 0.2, 0.5], tasks([1, 2, 1]))).toEqual([0, 2, 0]);
  });
  it("every candidate has the copy's total scaled quality", () => {
    const c = syntheticEntrants([0.9, 0.8, 0.1], [0.95, 0.3, 0.2], tasks([1, 1, 1]), [0.5]);
    expect(c.map((x) => x.name)).toEqual(["copy", "mix-0.5", "specialist"]);
    for (const x of c) expect(x.quality.reduce((s, v) => s + v, 0)).toBeCloseTo(1.8, 12);
  });
});

describe("sweep and replace specs", () => {
  it("sweep grids", () => {
    expect(parseSweepSpec("beta")!.values).toHaveLength(50);
    expect(parseSweepSpec("eps:points=5,min=0.2,max=0.6")!.values.map((v) => Number(v.toFixed(12)))).toEqual([
      0.2, 0.3, 0.4, 0.5, 0.6,
    ]);
    expect(parseSweepSpec("none")).toBeUndefined();
    expect(() => parseSweepSpec("beta:step=2")).toThrow(/unknown key/);
  });
  it("replace specs", () => {
    expect(parseReplaceSpec("all")).toBe("all");
    expect(parseReplaceSpec("none")).toBe(false);
    expect(parseReplaceSpec("0")).toBe(false);
    expect(parseReplaceSpec("7")).toBe(7);
    expect(() => parseReplaceSpec("-1")).toThrow(/expected all, none or a number/);
  });
});

describe("svg", () => {
  it("ticks", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.71, 0.99, 6)).toEqual([0.75, 0.8, 0.85, 0.9, 0.95]);
    expect(logTicks(1, 1000)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
    expect(logTicks(0.01, 1000)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
  });
  it("escapes text and is deterministic", () => {
    expect(escapeXml(`a < b & "c" 'd'`)).toBe("a &lt; b &amp; &quot;c&quot; &#39;d&#39;");
    const make = () =>
      lineChart({
        title: "U <test>",
        xLabel: "beta",
        yLabel: "U",
        logX: true,
        series: [
          {
            name: "a&b",
            points: [
              [1, 0.5],
              [10, 0.8],
              [100, 0.9],
            ],
          },
          {
            name: "ref",
            points: [
              [1, 0.6],
              [100, 0.6],
            ],
            dashed: true,
          },
        ],
      });
    const svg = make();
    expect(svg).toBe(make());
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg).toContain("U &lt;test&gt;");
    expect(svg).toContain("a&amp;b");
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    // one path per series
    expect(svg.match(/<path /g)).toHaveLength(2);
  });
  it("slope and bar charts draw every item", () => {
    const slope = slopeChart({
      title: "ranks",
      columns: ["winrate", "weighted-winrate"],
      items: [
        { label: "A", ranks: [1, 2] },
        { label: "B", ranks: [2, 1] },
        { label: "C", ranks: [3, 3] },
      ],
    });
    expect(slope.match(/<path /g)).toHaveLength(3);
    expect(slope.match(/<circle /g)).toHaveLength(6);
    // C does not move: drawn in grey
    expect(slope).toContain('stroke="#aaaaaa"');
    const bars = groupedBarChart({
      title: "alloc",
      categories: ["x", "y", "z"],
      yLabel: "q",
      groups: [
        { name: "g1", values: [1, 0, 0.5] },
        { name: "g2", values: [0, 1, 0.25] },
      ],
    });
    expect(bars.match(/<rect [^>]*><title>/g)).toHaveLength(6);
    expect(bars).not.toMatch(/NaN|undefined/);
  });
});
