/**
 * The C2 example (docs/model.md section 7): tasks (w, 1-w), incumbent (1, 0), entrant top-k k = 1 choosing
 * between copying (1, 0) and specialising (0, 1). With s = 1 - eps/2 (epsilon) or sigmoid(beta)
 * (logit): specialises under winrate iff w <= 1/2, under weighted winrate iff w <= 2s/(2s+1), and
 * welfare prefers specialising iff w <= s.
 */
import { describe, expect, it } from "vitest";
import {
  analyseEntry,
  analyseReplacement,
  entrantBestResponse,
  solveEquilibria,
  welfareOptimalEntrant,
} from "../../solvers/index.js";
import type { Market, SelectionRule, StrategySpace } from "../../src/model/types.js";
import { sigmoid } from "../../src/numeric/normal.js";

const TOPK1: StrategySpace = { kind: "top-k", k: 1 };

function c2Market(w: number, selection: SelectionRule, second?: StrategySpace): Market {
  const producers: Market["producers"] = [{ name: "Inc", quality: [1, 0], space: { kind: "fixed" } }];
  if (second) producers.push({ name: "Sec", quality: [0, 1], space: second });
  return {
    tasks: [
      { name: "t1", weight: w, cap: 1 },
      { name: "t2", weight: 1 - w, cap: 1 },
    ],
    selection,
    producers,
  };
}

/** Tasks chosen by every maximiser: [[1]] = specialise, [[0]] = copy, both when tied. */
function choices(tasks: Array<number[] | undefined>): string {
  return tasks
    .map((t) => (t![0] === 1 ? "specialise" : "copy"))
    .sort()
    .join("+");
}

const SELECTIONS: Array<{ sel: SelectionRule; s: number }> = [
  { sel: { rule: "epsilon", eps: 0.2 }, s: 1 - 0.2 / 2 },
  { sel: { rule: "epsilon", eps: 0.6 }, s: 1 - 0.6 / 2 },
  { sel: { rule: "logit", beta: 1 }, s: sigmoid(1) },
  { sel: { rule: "logit", beta: 3 }, s: sigmoid(3) },
];

describe("C2: copy or specialise", () => {
  for (const { sel, s } of SELECTIONS) {
    const thresholds = { winrate: 0.5, "weighted-winrate": (2 * s) / (2 * s + 1), welfare: s };
    it(`${JSON.stringify(sel)}: thresholds 1/2 <= 2s/(2s+1) <= s, tested on both sides`, () => {
      expect(thresholds.winrate).toBeLessThanOrEqual(thresholds["weighted-winrate"]);
      expect(thresholds["weighted-winrate"]).toBeLessThanOrEqual(thresholds.welfare);
      for (const [rule, th] of Object.entries(thresholds)) {
        for (const [w, expected] of [
          [th - 0.01, "specialise"],
          [th + 0.01, "copy"],
        ] as const) {
          const market = c2Market(w, sel);
          const br =
            rule === "welfare"
              ? welfareOptimalEntrant(market, { name: "E", space: TOPK1 })
              : entrantBestResponse(market, { name: "E", space: TOPK1 }, rule);
          expect(choices(br.maximisers.map((m) => m.tasks)), `${rule} at w=${w}`).toBe(expected);
          // replacement: producers (1,0) and (0,1), the second reconsiders
          const rep = analyseReplacement(c2Market(w, sel, TOPK1), "Sec", rule === "welfare" ? [] : [rule]);
          const resp = rule === "welfare" ? rep.welfareOptimal : rep.rules[0]!;
          expect(choices(resp.maximisers.map((m) => m.tasks)), `replacement ${rule} at w=${w}`).toBe(
            expected,
          );
        }
      }
    });
  }

  it("reports both choices at the exact winrate tie w = 1/2", () => {
    const br = entrantBestResponse(
      c2Market(0.5, { rule: "epsilon", eps: 0.2 }),
      { name: "E", space: TOPK1 },
      "winrate",
    );
    expect(choices(br.maximisers.map((m) => m.tasks))).toBe("copy+specialise");
  });

  it("entry analysis: distance to the incumbent and specialisation of each choice", () => {
    const a = analyseEntry(c2Market(0.6, { rule: "epsilon", eps: 0.1 }), { name: "E", space: TOPK1 }, [
      "winrate",
      "weighted-winrate",
    ]);
    // w = 0.6 in (1/2, 2s/(2s+1) = 0.655]: winrate copies, weighted winrate specialises
    expect(a.rules[0]!.maximisers[0]!.nearestDistance).toBe(0);
    expect(a.rules[1]!.maximisers[0]!.nearestDistance).toBe(2);
    expect(a.rules[1]!.maximisers[0]!.specialisation).toBe(1);
    expect(a.rules[1]!.welfareMax).toBeGreaterThan(a.rules[0]!.welfareMax);
    // U without entry: the incumbent alone on task 1
    expect(a.welfareWithoutEntry).toBeCloseTo(0.6, 12);
  });
});

describe("C2: equilibria of the two-producer game", () => {
  // both producers top-k k = 1 on tasks (w, 1-w), epsilon = 0.1 (s = 0.95), w = 0.6
  const market: Market = {
    tasks: [
      { name: "t1", weight: 0.6, cap: 1 },
      { name: "t2", weight: 0.4, cap: 1 },
    ],
    selection: { rule: "epsilon", eps: 0.1 },
    producers: [
      { name: "A", quality: [1, 0], space: TOPK1 },
      { name: "B", quality: [0, 1], space: TOPK1 },
    ],
  };
  const profiles = (rep: ReturnType<typeof solveEquilibria>) =>
    rep.pure.map((e) => e.producers.map((p) => (p.quality[0] === 1 ? "1" : "2")).join("")).sort();

  it("winrate: both copy task 1 (unique pure equilibrium), PoA = s / w", () => {
    const rep = solveEquilibria(market, "winrate");
    expect(rep.pureExhaustive).toBe(true);
    expect(profiles(rep)).toEqual(["11"]);
    expect(rep.pure[0]!.welfare).toBeCloseTo(0.6, 12);
    expect(rep.optimum.exact).toBe(true);
    expect(rep.optimum.welfare).toBeCloseTo(0.95, 12);
    expect(rep.priceOfAnarchy).toBeCloseTo(0.95 / 0.6, 10);
    for (const e of rep.pure) expect(e.certified).toBe(true);
  });

  it("weighted winrate: the two specialised profiles, plus a mixed equilibrium; PoS = 1", () => {
    const rep = solveEquilibria(market, "weighted-winrate");
    expect(profiles(rep)).toEqual(["12", "21"]);
    for (const e of rep.pure) expect(e.welfare).toBeCloseTo(0.95, 12);
    expect(rep.priceOfStability).toBeCloseTo(1, 12);
    expect(rep.mixed.status).toBe("solved");
    // extreme equilibria: the two pure ones and one fully mixed
    expect(rep.mixed.equilibria).toHaveLength(3);
    expect(rep.mixed.equilibria.filter((e) => e.kind === "pure")).toHaveLength(2);
    const mixedOnly = rep.mixed.equilibria.filter((e) => e.producers.every((p) => p.mixture!.length === 2));
    expect(mixedOnly).toHaveLength(1);
    // by hand: each plays t1 with probability a = 37/45 (0.57 - 0.27 a = 0.2 + 0.18 a), so
    // U = a^2 0.6 + 2a(1 - a) 0.95 + (1 - a)^2 0.4 = 1409.4 / 2025 = 0.696
    expect(mixedOnly[0]!.welfare).toBeCloseTo(0.696, 12);
    expect(rep.priceOfAnarchy!).toBeCloseTo(0.95 / 0.696, 10);
  });
});
