/**
 * Family partitions against independent computations: C2's closed-form threshold over mix lambda, and a
 * menu replacement's alpha boundaries found in the test by scanning and bisecting the payoffs that
 * `evaluate` reports (no code of solvers/design involved).
 */
import { describe, expect, it } from "vitest";
import { designBenchmark, type FamilyDesign } from "../../solvers/design/index.js";
import { designMethodText } from "../../solvers/design/words.js";
import { parseMarket } from "../../src/io/marketFile.js";
import { evaluate } from "../../src/model/evaluate.js";
import { registerRuleFamily, unregisterRuleFamily } from "../../src/model/payoffs.js";
import type { Market } from "../../src/model/types.js";
import { rng } from "../helpers/random.js";

const entry = { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } } as const;

function c2(w: number, eps: number): Market {
  return parseMarket({
    tasks: [
      { name: "t1", weight: w },
      { name: "t2", weight: 1 - w },
    ],
    selection: { rule: "epsilon", eps },
    producers: [{ name: "I", quality: [1, 0] }],
  });
}

async function family(
  m: Market,
  q: Parameters<typeof designBenchmark>[1],
  search: object,
  opts = {},
): Promise<FamilyDesign> {
  const r = await designBenchmark(m, q, { kind: "family", ...search } as never, opts);
  if (r.result.kind !== "family") throw new Error("not a family design");
  return r.result;
}

describe("exact partitions", () => {
  it("C2 entry over mix lambda (winrate to weighted winrate) switches at the closed-form threshold", async () => {
    // C2 (docs/model.md section 7): s = 1 - eps/2. Copy (1,0): WR = 1/2, WWR = w/2. Specialise (0,1):
    // WR = w(1-s) + (1-w)s, WWR = (1-w)s. Mix lambda WR + (1-lambda) WWR; specialise - copy
    // = lambda B + (1-lambda) A with A = (1-w)s - w/2, B = w(1-s) + (1-w)s - 1/2: zero at A / (A - B).
    for (const [w, eps] of [
      [0.6, 0.1],
      [0.55, 0.3],
      [0.62, 0.02],
    ] as const) {
      const s = 1 - eps / 2;
      const A = (1 - w) * s - w / 2;
      const B = w * (1 - s) + (1 - w) * s - 0.5;
      const lambda = A / (A - B);
      expect(lambda).toBeGreaterThan(0);
      expect(lambda).toBeLessThan(1);
      const d = await family(c2(w, eps), entry, {
        family: "mix",
        parameter: "lambda",
        from: 0,
        to: 1,
        text: { rules: "winrate+weighted-winrate" },
      });
      expect(d.exact).toBe(true);
      expect(d.regions.map((r) => r.key)).toEqual(["{t2}", "{t1} | {t2}", "{t1}"]);
      expect(d.regions[0]!.to).toBeCloseTo(lambda, 12);
      expect(d.regions[1]!.point).toBe(true);
      expect(d.regions[1]!.from).toBeCloseTo(lambda, 12);
      // welfare: specialising gives (1-w) s + w... U = w*1*(s) + (1-w)*s? check against evaluate
      const spec = evaluate(
        parseMarket({
          tasks: [
            { name: "t1", weight: w },
            { name: "t2", weight: 1 - w },
          ],
          selection: { rule: "epsilon", eps },
          producers: [
            { name: "I", quality: [1, 0] },
            { name: "E", quality: [0, 1] },
          ],
        }),
      ).welfare.U;
      expect(d.regions[0]!.welfareWorst).toBeCloseTo(spec, 14);
      expect(d.regions[0]!.optimal).toBe(true);
      expect(d.regions[2]!.optimal).toBe(false);
    }
  });

  it("top-k entry with 0/1 qualities separates only alpha = 0 from the rest", async () => {
    // with qualities 0 or at the cap, power-winrate equals weighted winrate for every alpha > 0
    const d = await family(c2(0.6, 0.1), entry, {
      family: "power-winrate",
      parameter: "alpha",
      from: 0,
      to: 3,
    });
    expect(d.regions.map((r) => [r.point, r.key])).toEqual([
      [true, "{t1}"],
      [false, "{t2}"],
    ]);
    expect(d.regions[1]!.from).toBe(0);
  });

  it("menu replacement: alpha boundaries equal those found by scanning and bisecting evaluate's payoffs", async () => {
    let multi = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const r = rng(`menu-${seed}`);
      const T = 3;
      const options = Array.from({ length: 5 }, () =>
        Array.from({ length: T }, () => Math.round((0.05 + 0.95 * r()) * 100) / 100),
      );
      const m = parseMarket({
        tasks: Array.from({ length: T }, (_, t) => ({ name: `t${t}`, weight: 1 + Math.floor(r() * 3) })),
        selection: { rule: "logit", beta: 2 + 6 * r() },
        producers: [
          { name: "A", quality: Array.from({ length: T }, () => Math.round(r() * 100) / 100) },
          { name: "B", quality: Array.from({ length: T }, () => Math.round(r() * 100) / 100) },
          { name: "R", quality: options[0]!, space: { kind: "menu", options } },
        ],
      });
      const lo = 0;
      const hi = 8;
      const d = await family(
        m,
        { kind: "replace", producer: "R" },
        { family: "power-winrate", parameter: "alpha", from: lo, to: hi },
      );
      // independent: payoff of each option at alpha from evaluate(), the envelope's switches by scan + bisection
      const pay = (o: number, a: number) => {
        const mm = {
          ...m,
          producers: m.producers.map((p, i) => (i === 2 ? { ...p, quality: options[o]! } : p)),
        };
        return evaluate(mm, [`power-winrate:alpha=${a}`]).producers[2]!.payoffs[`power-winrate:alpha=${a}`]!;
      };
      const best = (a: number) => {
        const v = options.map((_, o) => pay(o, a));
        return v.indexOf(Math.max(...v));
      };
      const switches: number[] = [];
      const N = 400;
      let prev = best(lo + 1e-9);
      let xPrev = lo + 1e-9;
      for (let k = 1; k <= N; k++) {
        const x = lo + ((hi - lo) * k) / N;
        const b = best(x);
        if (b !== prev) {
          let a = xPrev;
          let z = x;
          for (let it = 0; it < 50; it++) {
            const mid = (a + z) / 2;
            if (best(mid) === prev) a = mid;
            else z = mid;
          }
          switches.push((a + z) / 2);
          prev = b;
        }
        xPrev = x;
      }
      const found = d.regions.filter((g) => !g.point && g.from > lo).map((g) => g.from);
      expect(found.length).toBe(switches.length);
      for (const [k, x] of found.entries()) expect(x).toBeCloseTo(switches[k]!, 7);
      if (switches.length >= 1) multi++;
    }
    expect(multi).toBeGreaterThanOrEqual(2);
  });

  it("a sampled partition (a user family equal to mix) finds the exact boundary to the tolerance and states its gap", async () => {
    registerRuleFamily({
      name: "my-mix",
      description: "lambda winrate + (1 - lambda) weighted winrate",
      parameters: [{ name: "lambda", min: 0, max: 1 }],
      make: ({ lambda }) => ({
        description: "mix",
        taskTerm: (c, i) => lambda! * c.pi[i]! + (1 - lambda!) * c.pi[i]! * c.q[i]!,
      }),
    });
    try {
      const m = c2(0.6, 0.1);
      const d = await family(
        m,
        entry,
        { family: "my-mix", parameter: "lambda", from: 0, to: 1 },
        { samples: 11, parameterTolerance: 1e-10 },
      );
      expect(d.exact).toBe(false);
      expect(d.gap).toBeCloseTo(0.1, 15);
      expect(d.method).toMatchObject({ code: "sampled-partition" });
      expect(designMethodText(d.method)).toMatch(/can be missed/);
      // probes within the payoff tolerance of the crossing see a tie: a region narrower than 1e-6
      const keys = d.regions.filter((g) => g.to - g.from > 1e-6).map((g) => g.key);
      expect(keys).toEqual(["{t2}", "{t1}"]);
      expect(d.regions.filter((g) => g.to - g.from <= 1e-6).every((g) => g.key === "{t1} | {t2}")).toBe(true);
      // the tie band around the crossing is about tolerance / slope = 1e-9 / 0.17 wide
      expect(d.regions.find((g) => g.key === "{t1}")!.from).toBeCloseTo(8 / 17, 7);
    } finally {
      unregisterRuleFamily("my-mix");
    }
  });

  it("threshold-winrate boundaries sit at the quality ratios", async () => {
    const m = parseMarket({
      tasks: [{ name: "a" }, { name: "b" }],
      selection: { rule: "logit", beta: 5 },
      producers: [
        { name: "I", quality: [0.9, 0.1] },
        {
          name: "R",
          quality: [0.3, 0.3],
          space: {
            kind: "menu",
            options: [
              [0.3, 0.8],
              [0.6, 0.2],
            ],
          },
        },
      ],
    });
    const d = await family(
      m,
      { kind: "replace", producer: "R" },
      { family: "threshold-winrate", parameter: "tau", from: 0, to: 1 },
    );
    expect(d.exact).toBe(true);
    // R's ratios 0.2, 0.3, 0.6, 0.8: the response can change only there
    for (const g of d.regions) {
      if (g.from === 0) continue;
      expect([0.2, 0.3, 0.6, 0.8].some((x) => Math.abs(g.from - x) < 1e-8)).toBe(true);
    }
    expect(new Set(d.regions.map((g) => g.key)).size).toBeGreaterThan(1);
  });
});
