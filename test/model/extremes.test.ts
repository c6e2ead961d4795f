/**
 * The model over the whole range the validator accepts: overflow of the
 * weights, probit as sigma -> 0 and at large q / sigma, the specialisation index at the ends of the
 * double range, and one tie rule for `marginal-contribution` under `perfect`; with a seeded property
 * test of the C1 identities and `0 <= U <= U_perfect` over extreme but valid markets.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TERM } from "../../solvers/bestResponse/incremental.js";
import { ProbitOthers } from "../../solvers/bestResponse/incremental-probit.js";
import { analyseEntry } from "../../solvers/entry.js";
import { buildMarketGame, pureEquilibria } from "../../solvers/marketGame.js";
import { parseMarket, readMarketFile } from "../../src/io/marketFile.js";
import { specialisationIndex } from "../../src/model/diversity.js";
import { evaluate } from "../../src/model/evaluate.js";
import { choiceProbabilities, probitKernel, selectionKernel } from "../../src/model/selection/index.js";
import { perfectWelfareWithout } from "../../src/model/selection/perfect.js";
import type { Market, SelectionRule } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { REPO_ROOT } from "../helpers/paths.js";

const EXAMPLE = `${REPO_ROOT}/examples/three-producers.json`;

describe("weights near the largest double", () => {
  it("--weights 1e308,1e308,1,1 normalises to 1/2, 1/2 and two negligible weights", () => {
    const m = readMarketFile(EXAMPLE, { weights: [1e308, 1e308, 1, 1] });
    expect(m.tasks[0]!.weight).toBe(0.5);
    expect(m.tasks[1]!.weight).toBe(0.5);
    expect(m.tasks[2]!.weight).toBeGreaterThan(0);
    expect(m.tasks[2]!.weight).toBeLessThan(1e-300);
    const ev = evaluate(m);
    const ref = evaluate(readMarketFile(EXAMPLE, { weights: [1, 1, 0, 0] }));
    expect(ev.welfare.U).toBeCloseTo(ref.welfare.U, 14);
    expect(ev.welfare.U).toBeGreaterThan(0.5);
  });
});

describe("value caps the model cannot compute on", () => {
  it("a subnormal cap is refused with one line naming the field", () => {
    const market = {
      tasks: [{ name: "a", cap: 5e-324 }],
      selection: { rule: "perfect" },
      producers: [{ name: "A", quality: [0] }],
    };
    expect(() => parseMarket(market, "m.json")).toThrow(
      /^m\.json: \$\.tasks\[0\]\.cap: must be at least 2\.2250738585072014e-308 \(the smallest normal double\), got 5e-324$/,
    );
  });
});

describe("probit as sigma -> 0 reaches perfect", () => {
  it("sigma = 1e-20 on the example market: the choice probabilities and U of perfect", () => {
    const probit = evaluate(readMarketFile(EXAMPLE, { selection: { rule: "probit", sigma: 1e-20 } }));
    const perfect = evaluate(readMarketFile(EXAMPLE, { selection: { rule: "perfect" } }));
    expect(probit.welfare.U).toBeCloseTo(perfect.welfare.U, 12);
    expect(probit.welfare.U).toBeLessThanOrEqual(probit.welfare.perfect + 1e-15);
    probit.producers.forEach((p, i) => {
      p.choice.forEach((pi, t) => {
        expect(pi).toBeCloseTo(perfect.producers[i]!.choice[t]!, 12);
      });
      expect(p.payoffs["marginal-contribution"]).toBeCloseTo(
        perfect.producers[i]!.payoffs["marginal-contribution"]!,
        12,
      );
    });
  });

  it("entry under sigma = 1e-20 never reports welfare above the cap", () => {
    const m = readMarketFile(EXAMPLE, { selection: { rule: "probit", sigma: 1e-20 } });
    const perfect = readMarketFile(EXAMPLE, { selection: { rule: "perfect" } });
    for (const space of [
      { kind: "top-k" as const, k: 1 },
      { kind: "top-k" as const, k: 2 },
    ]) {
      const a = analyseEntry(m, { name: "E", space }, ["winrate", "weighted-winrate"]);
      const b = analyseEntry(perfect, { name: "E", space }, ["winrate", "weighted-winrate"]);
      for (const r of [...a.rules, a.welfareOptimal]) {
        expect(r.welfareMax).toBeLessThanOrEqual(1);
        for (const mx of r.maximisers) expect(mx.welfare).toBeLessThanOrEqual(1);
      }
      expect(a.welfareOptimal.welfareMax).toBeCloseTo(b.welfareOptimal.welfareMax, 12);
    }
  });

  it("every sigma from 1e-300 to 1e-6 keeps sum pi = 1 and U_t <= max q", () => {
    const column = [0.9, 0.9 - 1e-13, 0.3, 0, 0.9];
    for (let e = -300; e <= -6; e += 7) {
      const pi = choiceProbabilities({ rule: "probit", sigma: 10 ** e }, column);
      const sum = pi.reduce((s, p) => s + p, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
      const u = pi.reduce((s, p, i) => s + p * column[i]!, 0);
      expect(u).toBeLessThanOrEqual(0.9 + 1e-15);
      expect(pi[2]).toBe(0);
      expect(pi[3]).toBe(0);
    }
  });
});

describe("probit precision at large q / sigma (relative coordinates)", () => {
  it("two identical producers at quality 1, sigma = 1e-11: pi = 1/2 each and U = 1", () => {
    const pi = choiceProbabilities({ rule: "probit", sigma: 1e-11 }, [1, 1]);
    expect(Math.abs(pi[0]! - 0.5)).toBeLessThan(1e-12);
    expect(Math.abs(pi[1]! - 0.5)).toBeLessThan(1e-12);
    expect(Math.abs(pi[0]! + pi[1]! - 1)).toBeLessThan(1e-12);
  });

  it("the best-response evaluator (incremental probit) agrees: pi = 1/2 and U = 1 at sigma = 1e-11", () => {
    for (const sigma of [1e-11, 1e-13, 1e-15]) {
      const ev = new ProbitOthers(new Float64Array([1]), 1, 1, sigma, TERM.winrate);
      expect(Math.abs(ev.term(0, 1) - 0.5)).toBeLessThan(1e-12);
      expect(Math.abs(ev.welfare - 1)).toBeLessThan(1e-12);
      // far below and far above the other: 0 and 1
      expect(ev.term(0, 0.5)).toBe(0);
      expect(ev.term(0, 1 + 1e-9)).toBeCloseTo(1, 12);
    }
  });

  it("symmetric ties: k tied producers share 1/k at every q / sigma up to 1e15", () => {
    for (const k of [2, 3, 5, 8]) {
      for (let e = 0; e <= 15; e += 3) {
        const sigma = 10 ** -e;
        const pi = choiceProbabilities({ rule: "probit", sigma }, Array(k).fill(1));
        for (const p of pi) expect(Math.abs(p - 1 / k)).toBeLessThan(1e-12);
      }
    }
  });

  it("translating every column leaves the probabilities unchanged to 1e-12 (q / sigma up to 1e15)", () => {
    const base = [0, 0.3, 0.35, 1.2, -0.4, 0.31];
    for (const sigma of [1, 0.1]) {
      const ref = choiceProbabilities(
        { rule: "probit", sigma },
        base.map((x) => (x + 1) * sigma),
      );
      for (const shift of [1e3, 1e6, 1e9, 1e12, 1e15]) {
        // the shifted column: (shift + x) sigma, x multiples of sigma apart
        const col = base.map((x) => (shift + x) * sigma);
        // the column as actually stored (rounded), so the reference uses the same differences
        const diffs = col.map((c) => (c - col[0]!) / sigma);
        const exact = choiceProbabilities({ rule: "probit", sigma: 1 }, diffs);
        const pi = choiceProbabilities({ rule: "probit", sigma }, col);
        pi.forEach((p, i) => {
          expect(Math.abs(p - exact[i]!)).toBeLessThan(1e-12);
        });
        if (shift <= 1e6)
          pi.forEach((p, i) => {
            expect(Math.abs(p - ref[i]!)).toBeLessThan(1e-9);
          });
      }
    }
  });

  it("the welfare without the best producer, far above the rest, is integrated on its own grid", () => {
    const q = [1, 0.5, 0.4, 0.4];
    const kernel = probitKernel(1e-20);
    const pi = new Float64Array(4);
    const out = new Float64Array(4);
    kernel.choice(q, 4, 1, pi);
    kernel.welfareWithout(q, 4, 1, pi, out);
    expect(out[0]).toBeCloseTo(0.5, 12);
    expect(out[1]).toBeCloseTo(1, 12);
    // 0.5 and 0.4 at sigma = 0.05: the reduced column on its own grid equals the direct evaluation
    const k2 = probitKernel(0.002);
    const q2 = [1, 0.5, 0.45, 0.4];
    k2.choice(q2, 4, 1, pi);
    k2.welfareWithout(q2, 4, 1, pi, out);
    const direct = choiceProbabilities({ rule: "probit", sigma: 0.002 }, [0.5, 0.45, 0.4]);
    expect(out[0]).toBeCloseTo(direct[0]! * 0.5 + direct[1]! * 0.45 + direct[2]! * 0.4, 12);
  });

  it("a 2x2 top-k game at sigma = 1e-10 has all 4 pure equilibria (winrate 1/2 everywhere)", () => {
    const m = parseMarket({
      tasks: [{ name: "a" }, { name: "b" }],
      selection: { rule: "probit", sigma: 1e-10 },
      producers: [
        { name: "A", quality: [1, 0], space: { kind: "top-k", k: 1 } },
        { name: "B", quality: [0, 1], space: { kind: "top-k", k: 1 } },
      ],
    });
    const g = buildMarketGame(m, "winrate");
    for (const row of g.payoffs) for (const x of row) expect(Math.abs(x - 0.5)).toBeLessThan(1e-12);
    expect(pureEquilibria(g, RELATIVE_TOLERANCE).length).toBe(4);
  });
});

describe("specialisation index at the ends of the double range", () => {
  it("is finite and in [0, 1]", () => {
    expect(specialisationIndex([5e-324, 0])).toBe(1);
    expect(specialisationIndex([5e-324, 5e-324])).toBe(0);
    expect(specialisationIndex([1e308, 1e308])).toBe(0);
    expect(specialisationIndex([Number.MAX_VALUE, 0, 0])).toBe(1);
    expect(specialisationIndex([5e-324, 1])).toBeGreaterThan(0.99);
  });
});

describe("marginal contribution under perfect: one tie rule", () => {
  it("U without a producer is the perfect welfare of the column without it (near-ties split)", () => {
    const q = [1, 1 - 1e-12, 1 - 2e-10, 0.5];
    const out = new Float64Array(4);
    perfectWelfareWithout(q, 4, 1, out);
    for (let k = 0; k < 4; k++) {
      const rest = q.filter((_, i) => i !== k);
      const pi = choiceProbabilities({ rule: "perfect" }, rest);
      const u = rest.reduce((s, x, i) => s + pi[i]! * x, 0);
      expect(Math.abs(out[k]! - u)).toBeLessThan(1e-15);
    }
    // the old rule (plain max of the others) would give 1 for k = 1; the market without 1 splits
    expect(out[1]).toBeCloseTo((1 + 1 - 2e-10) / 2, 15);
  });

  it("evaluate's marginal contribution equals U(all) - U(all but i) for perfect and epsilon", () => {
    for (const selection of [{ rule: "perfect" }, { rule: "epsilon", eps: 0.2 }] as SelectionRule[]) {
      const market: Market = {
        tasks: [
          { name: "a", weight: 0.5, cap: 1 },
          { name: "b", weight: 0.5, cap: 2 },
        ],
        selection,
        producers: [
          { name: "A", quality: [1, 2], space: { kind: "fixed" } },
          { name: "B", quality: [1 - 1e-12, 2 - 3e-9], space: { kind: "fixed" } },
          { name: "C", quality: [1 - 5e-10, 1], space: { kind: "fixed" } },
        ],
      };
      const ev = evaluate(market);
      market.producers.forEach((_, i) => {
        const without = evaluate({ ...market, producers: market.producers.filter((_, j) => j !== i) });
        expect(ev.producers[i]!.payoffs["marginal-contribution"]).toBeCloseTo(
          ev.welfare.U - without.welfare.U,
          14,
        );
      });
    }
  });
});

/** Extreme but valid numbers: zeros, subnormals, and magnitudes up to the largest double. */
const magnitude = fc.oneof(
  fc.constantFrom(0, 5e-324, 1e-308, 1e-300, 1e-12, 1, 1e12, 1e300, 1e308, Number.MAX_VALUE),
  fc.integer({ min: -320, max: 307 }).map((e) => 10 ** e),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

const selectionArb: fc.Arbitrary<SelectionRule> = fc.oneof(
  fc.constant<SelectionRule>({ rule: "perfect" }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((eps): SelectionRule => ({ rule: "epsilon", eps })),
  fc.integer({ min: -12, max: 300 }).map((e): SelectionRule => ({ rule: "logit", beta: 10 ** e })),
  fc.constant<SelectionRule>({ rule: "logit", beta: 0 }),
  fc.integer({ min: -320, max: 300 }).map((e): SelectionRule => ({ rule: "probit", sigma: 10 ** e })),
);

const marketArb = fc
  .record({
    n: fc.integer({ min: 1, max: 5 }),
    T: fc.integer({ min: 1, max: 4 }),
    selection: selectionArb,
  })
  .chain(({ n, T, selection }) =>
    fc.record({
      selection: fc.constant(selection),
      weights: fc.array(magnitude, { minLength: T, maxLength: T }),
      caps: fc.array(
        magnitude.filter((c) => c >= 2.2250738585072014e-308),
        { minLength: T, maxLength: T },
      ),
      // qualities as fractions of the cap: 0, subnormal shares, near-ties and 1
      fractions: fc.array(
        fc.array(
          fc.oneof(
            fc.constantFrom(0, 5e-324, 1e-300, 1 - 1e-15, 1),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          {
            minLength: T,
            maxLength: T,
          },
        ),
        { minLength: n, maxLength: n },
      ),
    }),
  );

describe("property: C1 identities and 0 <= U <= U_perfect over extreme valid markets", () => {
  it("holds for every rule (seeded fast-check)", () => {
    fc.assert(
      fc.property(marketArb, ({ selection, weights, caps, fractions }) => {
        if (!weights.some((w) => w > 0)) weights[0] = 1;
        const market = parseMarket({
          tasks: caps.map((cap, t) => ({ name: `t${t}`, weight: weights[t]!, cap })),
          selection,
          producers: fractions.map((f, i) => ({
            name: `P${i}`,
            quality: f.map((x, t) => Math.min(x * caps[t]!, caps[t]!)),
          })),
        });
        const ev = evaluate(market);
        const maxCap = Math.max(...market.tasks.map((t) => t.cap));
        const wr = ev.producers.reduce((s, p) => s + p.payoffs.winrate!, 0);
        const wwr = ev.producers.reduce((s, p) => s + p.payoffs["weighted-winrate"]!, 0);
        expect(Number.isFinite(ev.welfare.U)).toBe(true);
        expect(Math.abs(wr - 1)).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
        expect(Math.abs(wwr - ev.welfare.U)).toBeLessThanOrEqual(RELATIVE_TOLERANCE * maxCap);
        expect(ev.welfare.U).toBeGreaterThanOrEqual(0);
        expect(ev.welfare.U).toBeLessThanOrEqual(ev.welfare.perfect * (1 + 1e-12));
        // per task: probabilities sum to 1 and U_t <= max q_t
        const kernel = selectionKernel(market.selection);
        market.tasks.forEach((task, t) => {
          const col = market.producers.map((p) => p.quality[t]!);
          const pi = new Float64Array(col.length);
          kernel.choice(col, col.length, task.cap, pi);
          const sum = pi.reduce((s, p) => s + p, 0);
          expect(Math.abs(sum - 1)).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
          const ut = pi.reduce((s, p, i) => s + p * col[i]!, 0);
          expect(ut).toBeLessThanOrEqual(Math.max(...col) * (1 + 1e-12));
        });
        for (const p of ev.producers) {
          for (const v of Object.values(p.payoffs)) expect(Number.isNaN(v)).toBe(false);
        }
        for (const s of ev.diversity.specialisation) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
      }),
      { seed: 20260209, numRuns: 300 },
    );
  });
});
