/**
 * The C2 table (copy versus specialise, two tasks, two models) and the C9 closed forms of docs/model.md
 * section 7, computed by the model and compared with the formulas.
 */
import { describe, expect, it } from "vitest";
import { parseMarket } from "../../src/io/marketFile.js";
import { evaluate } from "../../src/model/evaluate.js";
import type { SelectionRule } from "../../src/model/types.js";
import { sigmoid } from "../../src/numeric/normal.js";

function twoTask(w: number, entrant: number[], selection: SelectionRule) {
  return evaluate(
    parseMarket({
      tasks: [
        { name: "a", weight: w },
        { name: "b", weight: 1 - w },
      ],
      selection,
      producers: [
        { name: "incumbent", quality: [1, 0] },
        { name: "entrant", quality: entrant },
      ],
    }),
  );
}

const CASES: Array<{ selection: SelectionRule; s: number }> = [
  { selection: { rule: "epsilon", eps: 0.2 }, s: 1 - 0.2 / 2 },
  { selection: { rule: "epsilon", eps: 0.6 }, s: 1 - 0.6 / 2 },
  { selection: { rule: "logit", beta: 1 }, s: sigmoid(1) },
  { selection: { rule: "logit", beta: 3 }, s: sigmoid(3) },
];

describe.each(CASES)("C2 with $selection.rule (s = $s)", ({ selection, s }) => {
  it("payoffs and welfare of copy and specialise follow the table", () => {
    for (const w of [0.1, 0.3, 0.5, 0.62, 0.8, 0.95]) {
      const copy = twoTask(w, [1, 0], selection).producers[1]!;
      const spec = twoTask(w, [0, 1], selection);
      const sp = spec.producers[1]!;
      // copy: both tasks are ties, so the entrant gets half of every query
      expect(copy.payoffs.winrate).toBeCloseTo(0.5, 12);
      expect(copy.payoffs["weighted-winrate"]).toBeCloseTo(w / 2, 12);
      expect(twoTask(w, [1, 0], selection).welfare.U).toBeCloseTo(w, 12);
      // specialise: the better answer is picked with probability s on each task
      expect(sp.payoffs.winrate).toBeCloseTo(w * (1 - s) + (1 - w) * s, 12);
      expect(sp.payoffs["weighted-winrate"]).toBeCloseTo((1 - w) * s, 12);
      expect(spec.welfare.U).toBeCloseTo(s, 12);
    }
  });

  it("the three thresholds: 1/2 (winrate), 2s/(2s+1) (weighted winrate), s (welfare), in that order", () => {
    const tWR = 0.5;
    const tWWR = (2 * s) / (2 * s + 1);
    const tU = s;
    expect(tWR).toBeLessThanOrEqual(tWWR);
    expect(tWWR).toBeLessThanOrEqual(tU);
    const prefersSpecialise = (w: number) => {
      const c = twoTask(w, [1, 0], selection);
      const p = twoTask(w, [0, 1], selection);
      return {
        winrate: p.producers[1]!.payoffs.winrate! - c.producers[1]!.payoffs.winrate!,
        weighted: p.producers[1]!.payoffs["weighted-winrate"]! - c.producers[1]!.payoffs["weighted-winrate"]!,
        welfare: p.welfare.U - c.welfare.U,
      };
    };
    const d = 1e-3;
    for (const [threshold, key] of [
      [tWR, "winrate"],
      [tWWR, "weighted"],
      [tU, "welfare"],
    ] as const) {
      expect(prefersSpecialise(threshold - d)[key]).toBeGreaterThan(0);
      expect(prefersSpecialise(threshold + d)[key]).toBeLessThan(0);
      expect(Math.abs(prefersSpecialise(threshold)[key])).toBeLessThan(1e-12);
    }
  });

  it("the replacement variant: producers (1,0) and (0,1); the second considers (1,0)", () => {
    for (const w of [0.3, 0.55, 0.9]) {
      const stay = twoTask(w, [0, 1], selection).producers[1]!;
      const move = twoTask(w, [1, 0], selection).producers[1]!;
      // the same two markets as entry: the specialist prefers to stay iff the entrant would specialise
      expect(stay.payoffs.winrate! >= move.payoffs.winrate!).toBe(w <= 0.5);
      expect(stay.payoffs["weighted-winrate"]! >= move.payoffs["weighted-winrate"]!).toBe(
        w <= (2 * s) / (2 * s + 1),
      );
    }
  });
});

describe("C9 closed forms (logit, binary qualities)", () => {
  it("dWR, dWWR and dU of covering a task that m of n incumbents cover", () => {
    for (const beta of [0.5, 2, 5]) {
      const E = Math.exp(beta);
      for (let n = 1; n <= 6; n++) {
        for (let m = 0; m <= n; m++) {
          const market = (cover: number) =>
            evaluate(
              parseMarket({
                tasks: [{ name: "t" }],
                selection: { rule: "logit", beta },
                producers: [
                  ...Array.from({ length: n }, (_, i) => ({ name: `i${i}`, quality: [i < m ? 1 : 0] })),
                  { name: "entrant", quality: [cover] },
                ],
              }),
            );
          const on = market(1);
          const off = market(0);
          const A = E * (m + 1) + n - m;
          const B = E * m + n - m + 1;
          const e = (ev: ReturnType<typeof market>) => ev.producers[n]!.payoffs;
          expect(e(on).winrate! - e(off).winrate!).toBeCloseTo(((E - 1) * (B - 1)) / (A * B), 12);
          expect(e(on)["weighted-winrate"]! - e(off)["weighted-winrate"]!).toBeCloseTo((E * B) / (A * B), 12);
          expect(on.welfare.U - off.welfare.U).toBeCloseTo((E * (n + 1)) / (A * B), 12);
        }
      }
    }
  });
});
