/**
 * The one lexicographic minimum-ratio test (`tableau/lex-ratio.ts`), in doubles and in BigInt, against
 * a reference that divides exactly (rationals) and sorts the ratio vectors lexicographically; and the
 * two tableaux that call it.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rational } from "../../solvers/finite/rational.js";
import { NUMBER_RATIO } from "../../solvers/finite/tableau/exact-doubles.js";
import { HybridTableau, newPivotStats } from "../../solvers/finite/tableau/hybrid-tableau.js";
import { IntegerTableau } from "../../solvers/finite/tableau/integer-tableau.js";
import { BIGINT_RATIO, lexMinRatioRow } from "../../solvers/finite/tableau/lex-ratio.js";

/**
 * Reference: the row with a positive entry whose `(rhs, lex columns) / entry` is lexicographically least
 * (with `sign = -1`: rhs least, then each lexicographic column greatest, Gambit's rule).
 */
function reference(
  t: bigint[],
  w: number,
  rows: number,
  col: number,
  lexVars: number[],
  sign: 1 | -1 = 1,
): number {
  let best = -1;
  let bestKey: Rational[] = [];
  for (let i = 0; i < rows; i++) {
    const piv = t[i * w + col]!;
    if (piv <= 0n) continue;
    const key = [0, ...lexVars.map((v) => 1 + v)].map((c) => Rational.of(t[i * w + c]!, piv));
    let less = best < 0;
    for (let k = 0; !less && k < key.length; k++) {
      const c = (k === 0 ? 1 : sign) * key[k]!.compare(bestKey[k]!);
      if (c !== 0) {
        less = c < 0;
        break;
      }
    }
    if (less) {
      best = i;
      bestKey = key;
    }
  }
  return best;
}

describe("lexMinRatioRow", () => {
  it("breaks ratio ties with the lexicographic columns, and returns -1 without a positive entry", () => {
    // rows [rhs | col 1 | lex col 2]: rows 0 and 1 tie on rhs/entry (1/2 = 2/4); lex column 1/2 vs 1/4
    const t = [1n, 2n, 1n, 2n, 4n, 1n, 5n, 1n, 0n];
    expect(lexMinRatioRow(BIGINT_RATIO, t, 3, 3, 1, [1])).toBe(1);
    expect(lexMinRatioRow(NUMBER_RATIO, Float64Array.from(t, Number), 3, 3, 1, [1])).toBe(1);
    expect(lexMinRatioRow(BIGINT_RATIO, [1n, -1n, 1n, 0n], 2, 2, 1, [])).toBe(-1);
    // Gambit's rule (lexSign -1): the larger lexicographic ratio wins the tie, 1/2 against 1/4
    expect(lexMinRatioRow(BIGINT_RATIO, t, 3, 3, 1, [1], -1)).toBe(0);
    expect(lexMinRatioRow(NUMBER_RATIO, Float64Array.from(t, Number), 3, 3, 1, [1], -1)).toBe(0);
  });

  it("doubles and BigInt agree with the exact reference on random degenerate tableaux (fast-check)", () => {
    const arb = fc
      .record({ rows: fc.integer({ min: 1, max: 6 }), lex: fc.integer({ min: 0, max: 4 }) })
      .chain(({ rows, lex }) =>
        fc.record({
          rows: fc.constant(rows),
          lex: fc.constant(lex),
          // small entries make ties (degeneracy) common; large ones exercise the split products
          t: fc.array(
            fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -(2 ** 49), max: 2 ** 49 })),
            { minLength: rows * (2 + lex), maxLength: rows * (2 + lex) },
          ),
          // the last row a positive multiple (1 or 2) of the first: a tie on every column
          copy: fc.constantFrom(0, 1, 2),
          sign: fc.constantFrom<1 | -1>(1, -1),
        }),
      );
    fc.assert(
      fc.property(arb, ({ rows, lex, t, copy, sign }) => {
        const w = 2 + lex;
        if (copy > 0 && rows > 1) for (let j = 0; j < w; j++) t[(rows - 1) * w + j] = copy * t[j]!;
        const lexVars = Array.from({ length: lex }, (_, k) => 1 + k);
        const big = t.map((v) => BigInt(v));
        const want = reference(big, w, rows, 1, lexVars, sign);
        expect(lexMinRatioRow(BIGINT_RATIO, big, w, rows, 1, lexVars, sign)).toBe(want);
        expect(lexMinRatioRow(NUMBER_RATIO, Float64Array.from(t), w, rows, 1, lexVars, sign)).toBe(want);
      }),
      { seed: 11, numRuns: 500, endOnFailure: true },
    );
  });

  it("the number-mode test of HybridTableau (hand-specialised) is the generic one, on random pivot walks (fast-check)", () => {
    const arb = fc.record({
      // entries 1..4: many ties, so the lexicographic columns decide often
      M: fc.array(fc.array(fc.bigInt({ min: 1n, max: 4n }), { minLength: 3, maxLength: 3 }), {
        minLength: 2,
        maxLength: 5,
      }),
      walk: fc.array(fc.nat({ max: 7 }), { maxLength: 8 }),
      sign: fc.constantFrom<1 | -1>(1, -1),
    });
    fc.assert(
      fc.property(arb, ({ M, walk, sign }) => {
        const tab = HybridTableau.polytope(M, newPivotStats(), undefined, sign);
        expect(tab.isBig).toBe(false);
        const check = () => {
          const big = Array.from(tab.num, (x) => BigInt(x));
          for (let v = 0; v < tab.nvars; v++) {
            if (tab.rowOf[v]! >= 0) continue;
            const want = reference(big, tab.w, tab.rows, 1 + v, Array.from(tab.lexCols), sign);
            expect(tab.leavingRow(v)).toBe(want);
            expect(lexMinRatioRow(NUMBER_RATIO, tab.num, tab.w, tab.rows, 1 + v, tab.lexCols, sign)).toBe(
              want,
            );
            expect(lexMinRatioRow(BIGINT_RATIO, big, tab.w, tab.rows, 1 + v, tab.lexCols, sign)).toBe(want);
          }
        };
        check();
        for (const step of walk) {
          const v = step % tab.nvars;
          if (tab.rowOf[v]! >= 0) continue;
          const row = tab.leavingRow(v);
          if (row < 0) continue;
          tab.pivot(row, v);
          check();
        }
      }),
      { seed: 5, numRuns: 200, endOnFailure: true },
    );
  });

  it("both tableaux pick the same leaving rows on the same polytope, in doubles and in BigInt", () => {
    const M = [
      [2n, 1n, 1n],
      [1n, 2n, 1n],
      [1n, 1n, 2n],
    ];
    const huge = M.map((row) => row.map((v) => v * 10n ** 20n));
    for (const matrix of [M, huge]) {
      const a = IntegerTableau.initial(matrix);
      const b = HybridTableau.polytope(matrix, newPivotStats());
      expect(b.isBig).toBe(matrix === huge);
      for (const v of [0, 1, 2, 0, 4, 1]) {
        if (a.rowOf[v]! >= 0) continue;
        const row = a.leavingRow(v);
        expect(b.leavingRow(v)).toBe(row);
        if (row < 0) continue;
        expect(b.pivot(row, v)).toBe(a.pivot(row, v));
      }
    }
  });
});
