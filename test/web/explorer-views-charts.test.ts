/**
 * The ratings and design views' SVG charts (web/ratingsCharts.ts, web/designChart.ts) as plain
 * functions: degenerate ranges (every welfare equal up to the last bit, every rating equal) draw a
 * chart instead of looping on ticks that never advance, and a heat map too wide for its box is drawn
 * at its full size for CSS to scale down rather than cut.
 */
import { describe, expect, it } from "vitest";
import { ELO_BASE, ELO_PER_LOGIT } from "../../empirical/index.js";
import { welfareChart } from "../../web/designChart.js";
import type { PartitionView } from "../../web/designCompute.js";
import { forestPlot, heatMap, profileCurve } from "../../web/ratingsCharts.js";

const U = 0.8308055337045563;

function partition(welfare: number[]): PartitionView {
  return {
    parameter: "alpha",
    regions: welfare.map((w, k) => ({
      from: k,
      to: k + 1,
      point: false,
      key: `{t${k}}`,
      welfareWorst: w,
      welfareBest: w,
      optimal: w === Math.max(...welfare),
    })),
    optimum: Math.max(...welfare),
    exact: true,
    method: "exact",
    references: [
      { rule: "winrate", key: "{t0}", welfareWorst: U, welfareBest: U },
      { rule: "weighted-winrate", key: "{t0}", welfareWorst: U + 1.1e-16, welfareBest: U + 1.1e-16 },
    ],
    welfareOptimum: U + 1.1e-16,
    price: { winrate: 1, "weighted-winrate": 1 },
  };
}

const tickLabels = (svg: string) => (svg.match(/text-anchor="end">[^<]*</g) ?? []).length;

describe("the views' charts", () => {
  it("uses the library's Elo scale (the page converts bootstrap logits with these constants)", () => {
    expect(ELO_BASE).toBe(1000);
    expect(ELO_PER_LOGIT).toBe(400 / Math.LN10);
  });

  it("draws welfare that is equal up to rounding as a band, with a few ticks, and marks the optimum", () => {
    const svg = welfareChart({
      labelledBy: "w-title",
      p: partition([U, U]),
      from: 0,
      to: 2,
      current: 1,
      width: 400,
    });
    expect(svg).toContain('role="img" aria-labelledby="w-title"');
    expect(svg).toContain(">optimum<");
    expect(tickLabels(svg)).toBeGreaterThan(0);
    expect(tickLabels(svg)).toBeLessThan(12);
  });

  it("marks the optimal region on the parameter axis", () => {
    const svg = welfareChart({
      labelledBy: "w",
      p: partition([0.6, 0.95, 0.6]),
      from: 0,
      to: 3,
      current: 0.5,
      width: 500,
    });
    // the triangle sits at the middle of the optimal region (1, 2): x = 56 + 1.5 / 3 * (500 - 70)
    expect(svg).toContain(`<path d="M${56 + 0.5 * 430},`);
  });

  it("draws equal ratings and a flat profile without looping", () => {
    const rows = ["a", "b"].map((name) => ({ name, elo: 1000, lower: 1000, upper: 1000 }));
    expect(forestPlot("f-title", rows, 320)).toContain('role="img" aria-labelledby="f-title"');
    const flat = profileCurve({
      labelledBy: "p-title",
      xs: [1, 1, 1],
      rel: [0, 0, 0],
      xLabel: "beta",
      value: 1,
      lower: 1,
      upper: 1,
      width: 300,
    });
    expect(flat).toContain('aria-labelledby="p-title"');
  });

  it("draws a heat map wider than its box at full size, for CSS to scale", () => {
    const names = Array.from({ length: 53 }, (_, k) => `model-${k}`);
    const m = names.map((_, i) =>
      names.map((_, j) => (i === j ? null : { value: i < j ? 0.7 : 0.3, n: 10 })),
    );
    const svg = heatMap("h-title", names, m, 300);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBeGreaterThanOrEqual(80 + 53 * 6 + 60);
    expect(svg).toContain("model-0 vs model-1: 0.700 of 10.0");
  });
});
