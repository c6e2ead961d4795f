/**
 * Sweep parameters: the grid of an axis, a task weight set with the others keeping their
 * proportions, the noise parameters, the spaces, and the seeded incumbents family.
 */
import { describe, expect, it } from "vitest";
import {
  applyParameter,
  axisValues,
  type CompareQuestion,
  parseCompareSweepSpec,
  randomIncumbents,
} from "../../solvers/index.js";
import { readMarketFile } from "../../src/io/marketFile.js";

const THREE = readMarketFile("examples/three-producers.json");
const ENTRY: CompareQuestion = { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } };

describe("sweep parameters", () => {
  it("parses NAME=FROM:TO:POINTS and spaces the grid evenly, ending exactly at TO", () => {
    expect(parseCompareSweepSpec("weight.law=0:1:5")).toEqual({
      name: "weight.law",
      from: 0,
      to: 1,
      points: 5,
    });
    const xs = axisValues({ name: "eps", from: 0.1, to: 0.7, points: 4 });
    expect(xs[0]).toBe(0.1);
    expect(xs[3]).toBe(0.7);
    expect(xs[1]).toBeCloseTo(0.3, 15);
    expect(xs[2]).toBeCloseTo(0.5, 15);
    expect(axisValues({ name: "k", from: 1, to: 4, points: 4 })).toEqual([1, 2, 3, 4]);
    for (const bad of [
      "beta",
      "beta=1:2",
      "beta=a:2:3",
      "beta=1:2:0",
      "beta=1:2:1",
      "nu=1:2:3",
      "weight.=0:1:2",
    ]) {
      expect(() => parseCompareSweepSpec(bad), bad).toThrow();
    }
    expect(() => axisValues({ name: "k", from: 1, to: 2, points: 3 })).toThrow(/integer/);
  });

  it("weight.TASK sets one weight; the others keep their proportions and the sum stays 1", () => {
    const { market } = applyParameter(THREE, ENTRY, "weight.law", 0.5, "1");
    const w = market.tasks.map((t) => t.weight);
    expect(w[2]).toBe(0.5);
    const before = THREE.tasks.map((t) => t.weight);
    expect(w[0]! / w[1]!).toBeCloseTo(before[0]! / before[1]!, 12);
    expect(w[1]! / w[3]!).toBeCloseTo(before[1]! / before[3]!, 12);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("noise parameters set the selection rule; spaces take budget and k", () => {
    expect(applyParameter(THREE, ENTRY, "beta", 3, "1").market.selection).toEqual({ rule: "logit", beta: 3 });
    expect(applyParameter(THREE, ENTRY, "sigma", 0.2, "1").market.selection).toEqual({
      rule: "probit",
      sigma: 0.2,
    });
    expect(applyParameter(THREE, ENTRY, "eps", 0.2, "1").market.selection).toEqual({
      rule: "epsilon",
      eps: 0.2,
    });
    expect(() => applyParameter(THREE, ENTRY, "eps", 1.5, "1")).toThrow(/eps/);
    const q = applyParameter(THREE, ENTRY, "k", 3, "1").question;
    expect(q.kind === "entry" && q.entrant.space).toEqual({ kind: "top-k", k: 3 });
    expect(() => applyParameter(THREE, ENTRY, "budget", 2, "1")).toThrow(/grid or budget/);
  });

  it("incumbents: the first N of one seeded family replace the fixed producers", () => {
    const five = randomIncumbents(THREE, 5, "7");
    const three = randomIncumbents(THREE, 3, "7");
    expect(five.slice(0, 3)).toEqual(three);
    expect(randomIncumbents(THREE, 3, "8")).not.toEqual(three);
    const { market } = applyParameter(THREE, ENTRY, "incumbents", 3, "7");
    expect(market.producers.map((p) => p.name)).toEqual(["I1", "I2", "I3"]);
    for (const p of market.producers) {
      p.quality.forEach((q, t) => {
        expect(q).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThanOrEqual(THREE.tasks[t]!.cap);
      });
    }
  });
});
