/**
 * C2 (docs/model.md section 7): along a sweep of the first task's weight w, the entrant stops
 * specialising at w = 1/2 under winrate, at 2s/(2s+1) under weighted winrate, and welfare stops
 * preferring specialisation at w = s. The sweep's bisection must recover these closed forms to 1e-9,
 * for epsilon noise (s = 1 - eps/2) and logit noise (s = sigmoid(beta)), in entry and in replacement.
 */
import { describe, expect, it } from "vitest";
import { type ChangePoint, type CompareQuestion, sweepRules } from "../../solvers/index.js";
import type { Market } from "../../src/model/types.js";
import { c2Market, run } from "./helpers.js";

const ENTRY: CompareQuestion = { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } };
// up to 0.9999 so that s = sigmoid(8) = 0.99966 lies inside
const AXIS = [{ name: "weight.t1", from: 0.02, to: 0.9999, points: 9 }];

function closedForms(s: number): Record<string, number> {
  return { winrate: 0.5, "weighted-winrate": (2 * s) / (2 * s + 1), welfare: s };
}

function expectClosedForms(cps: ChangePoint[], s: number): void {
  const want = closedForms(s);
  // one change per rule, from specialising ({t2}) below to copying ({t1}) above
  expect(cps.map((c) => c.rule).sort()).toEqual(Object.keys(want).sort());
  for (const cp of cps) {
    expect(cp.parameter).toBe("weight.t1");
    expect(Math.abs(cp.value - want[cp.rule]!)).toBeLessThan(1e-9);
    expect(cp.lower).toBeLessThanOrEqual(cp.upper);
    // the bracket is the tie band (payoffs within the 1e-9 tolerance), narrow and centred
    expect(cp.upper - cp.lower).toBeLessThan(1e-6);
  }
}

const NOISES: Array<{ label: string; selection: Market["selection"]; s: number }> = [
  ...[0.1, 0.3, 0.6, 0.9].map((eps) => ({
    label: `epsilon eps=${eps}`,
    selection: { rule: "epsilon" as const, eps },
    s: 1 - eps / 2,
  })),
  ...[0.25, 1, 3, 8].map((beta) => ({
    label: `logit beta=${beta}`,
    selection: { rule: "logit" as const, beta },
    s: 1 / (1 + Math.exp(-beta)),
  })),
];

describe("C2 change points by bisection", () => {
  for (const n of NOISES) {
    it(`entry, ${n.label} (s = ${n.s.toFixed(4)})`, async () => {
      const rep = await sweepRules(c2Market(n.selection), ENTRY, ["winrate", "weighted-winrate"], AXIS);
      expectClosedForms(rep.changePoints, n.s);
      for (const cp of rep.changePoints) {
        expect(cp.before).toBe("{t2}");
        expect(cp.after).toBe("{t1}");
      }
    });
  }

  it("replacement: producers (1, 0) and (0, 1), the second re-chooses one task", async () => {
    for (const n of [NOISES[1]!, NOISES[6]!]) {
      const market: Market = {
        ...c2Market(n.selection),
        producers: [
          { name: "A", quality: [1, 0], space: { kind: "fixed" } },
          { name: "B", quality: [0, 1], space: { kind: "top-k", k: 1 } },
        ],
      };
      const rep = await sweepRules(
        market,
        { kind: "replace", producer: "B" },
        ["winrate", "weighted-winrate"],
        AXIS,
      );
      expectClosedForms(rep.changePoints, n.s);
    }
  });

  it("a grid point on a threshold (a tie) still gives one change point at the closed form", async () => {
    // 0:1:11 puts w = 0.5 on the grid, where winrate's entrant is indifferent
    const rep = await sweepRules(
      c2Market({ rule: "epsilon", eps: 0.2 }),
      ENTRY,
      ["winrate"],
      [{ name: "weight.t1", from: 0, to: 1, points: 11 }],
    );
    const mid = rep.points[5]!.rules[0]!;
    expect(mid.choice.sort()).toEqual(["{t1}", "{t2}"]);
    const wr = rep.changePoints.filter((c) => c.rule === "winrate");
    expect(wr).toHaveLength(1);
    expect(Math.abs(wr[0]!.value - 0.5)).toBeLessThan(1e-9);
  });

  it("the command line reports changePoints in its JSON (the shipped C5/C2 example)", async () => {
    const { code, out } = await run([
      "compare",
      "examples/c5-witness.json",
      "--entry",
      "top-k:k=1",
      "--rules",
      "winrate,weighted-winrate",
      "--sweep",
      "weight.t1=0.05:0.95:7",
      "--json",
    ]);
    expect(code).toBe(0);
    const rep = JSON.parse(out);
    expect(rep.thresholdTolerance).toBeGreaterThan(0);
    expectClosedForms(rep.changePoints, 1 - 0.3 / 2);
  });
});
