/**
 * The lexicographic minimum-ratio test (the leaving row of a pivot), written once for the integer
 * tableaux of `enummixed` and `lcp`: generic over the integer type, doubles holding exact integers
 * (`HybridTableau` in number mode) or BigInt (`HybridTableau` in BigInt mode, `IntegerTableau`).
 *
 * Among the rows with a positive entry in the entering column, the leaving row is the one whose vector
 * `(rhs, lexicographic columns) / entry` is lexicographically smallest. Rows are compared without
 * division: `a_k / p_a < b_k / p_b` iff `a_k p_b - b_k p_a < 0` (both entries positive), so the test is
 * exact. With the columns of the starting basis as the lexicographic columns, every basis reached is
 * lexicographically feasible: the perturbed polytope `M z <= 1 + (eps, eps^2, ...)` is simple, pivots
 * never cycle and the leaving row is unique.
 *
 * Reference: G. B. Dantzig, A. Orden, P. Wolfe, "The generalized simplex method for minimizing a linear
 * form under linear inequality restraints", Pacific J. Math. 5 (1955) 183-195 (the lexicographic rule);
 * B. von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory vol. 3 (2002),
 * sec. 3.
 */

/** The two integer operations the ratio test needs, exact for the integer type `I`. */
export interface RatioArithmetic<I> {
  /** `x > 0`. */
  positive(x: I): boolean;
  /** The sign (-1, 0 or 1) of `a * b - c * d`, exactly. */
  signMulSub(a: I, b: I, c: I, d: I): number;
}

/**
 * BigInt arithmetic for the ratio test (products are exact at any size).
 *
 * @example
 * BIGINT_RATIO.signMulSub(2n, 3n, 1n, 6n); // 0
 */
export const BIGINT_RATIO: RatioArithmetic<bigint> = {
  positive: (x) => x > 0n,
  signMulSub: (a, b, c, d) => {
    const l = a * b;
    const r = c * d;
    return l < r ? -1 : l > r ? 1 : 0;
  },
};

/**
 * The leaving row of the lexicographic minimum-ratio test for the column `col` of a flat row-major
 * integer tableau `t` (`rows` rows of width `w`, entry `(i, j)` at `t[i * w + j]`, the right-hand side
 * in column 0), comparing the right-hand sides and then the columns `1 + lexVars[k]` in order. Returns
 * -1 when no row has a positive entry in `col` (an unbounded direction). The tableau's common
 * denominator (its determinant) must be positive, which both integer tableaux keep when this is called.
 * With `lexSign = -1` the ratios of the lexicographic columns are maximised instead (the right-hand
 * side is still minimised): the perturbation `1 - (eps, eps^2, ...)`, which is Gambit's (its tableaux
 * have right-hand side -1 and `LemkeTableau::ExitIndex` keeps the largest ratio).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * // rows (rhs, entering column) = (1, 2), (1, 1): ratios 1/2 and 1/1, so row 0 leaves
 * lexMinRatioRow(BIGINT_RATIO, [1n, 2n, 1n, 1n, 1n, 0n], 3, 2, 1, [1]); // 0
 */
export function lexMinRatioRow<I>(
  arith: RatioArithmetic<I>,
  t: ArrayLike<I>,
  w: number,
  rows: number,
  col: number,
  lexVars: ArrayLike<number>,
  lexSign: 1 | -1 = 1,
): number {
  let best = -1;
  let bestPiv = t[0]!;
  for (let i = 0; i < rows; i++) {
    const piv = t[i * w + col]!;
    if (!arith.positive(piv)) continue;
    if (best < 0) {
      best = i;
      bestPiv = piv;
      continue;
    }
    // row i against row best: t[i][c] / piv  vs  t[best][c] / bestPiv, c = rhs, then lex columns
    const a = i * w;
    const b = best * w;
    let cmp = arith.signMulSub(t[a]!, bestPiv, t[b]!, piv);
    for (let k = 0; cmp === 0 && k < lexVars.length; k++) {
      const c = 1 + lexVars[k]!;
      cmp = lexSign * arith.signMulSub(t[a + c]!, bestPiv, t[b + c]!, piv);
    }
    if (cmp < 0) {
      best = i;
      bestPiv = piv;
    }
  }
  return best;
}
