/**
 * A certified floating-point filter for the complementary-basis test of `enummixed`'s reverse search.
 *
 * At a nondegenerate vertex `x` of `P = { x >= 0 : B^T x <= 1 }` with support `S` (`x_i > 0`) and tight
 * columns `T` (`(B^T x)_j = 1`), `|S| = |T| = k`, the only candidate partner in
 * `Q = { y >= 0 : A y <= 1 }` is the basic point of Q's complementary basis: `y_T = A[S,T]^{-1} 1`,
 * `y_j = 0` off `T`. `(x, y)` is an equilibrium iff `y_T >= 0` and `(A y)_i <= 1` for `i` outside `S`.
 * Almost every vertex fails this test (a random 16 x 16 game: 67 equilibria among 129,000 vertices), so
 * instead of pivoting an exact tableau of Q in lock-step with P (one multiple-precision pivot per
 * vertex), this filter solves the `k x k` system in doubles and proves the failure: it rejects a
 * vertex only when a rigorous bound on the floating error shows `y` is infeasible. Whatever it cannot
 * prove (an equilibrium, a singular or ill-conditioned `A[S,T]`) goes to the exact test.
 *
 * The proof is the standard verification of an approximate inverse (Rump, "Verification methods:
 * rigorous results using floating-point arithmetic", Acta Numerica 19 (2010) 287-449, sec. 10;
 * Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed. (2002), sec. 3.1 for the bound
 * `|fl(a . b) - a . b| <= gamma_k |a| . |b|`, `gamma_k = k u / (1 - k u)`, `u = 2^-53`): with `R`
 * approximately `M^{-1}` and `alpha >= ||I - R M||_inf` (computed with its rounding error added),
 * `alpha < 1` proves `M` nonsingular and `||y - y~||_inf <= || |R| |1 - M y~| ||_inf / (1 - alpha)`. Each
 * computed quantity is inflated by `delta = (k + 4) 2^-50`, eight times `gamma_{k+4}`, which covers
 * the rounding of every dot product, sum and norm formed here. The payoffs must be exact doubles
 * (integers of magnitude at most 2^53); `create` returns `null` otherwise and the caller stays exact.
 */

/** The filter over the integer payoff matrix `A` of the other polytope (`m x n`). */
export class ComplementFilter {
  private readonly m: number;
  private readonly n: number;
  /** `A` row-major, as doubles (exact). */
  private readonly a: Float64Array;
  /** Scratch: `M = A[S,T]`, its elimination copy, `R`, the approximate `y`, the residual bounds. */
  private readonly mat: Float64Array;
  private readonly work: Float64Array;
  private readonly inv: Float64Array;
  private readonly y: Float64Array;
  private readonly res: Float64Array;

  private constructor(a: Float64Array, m: number, n: number) {
    this.m = m;
    this.n = n;
    this.a = a;
    const k = Math.min(m, n);
    this.mat = new Float64Array(k * k);
    this.work = new Float64Array(k * k);
    this.inv = new Float64Array(k * k);
    this.y = new Float64Array(k);
    this.res = new Float64Array(k);
  }

  /**
   * The filter for `Q = { y >= 0 : A y <= 1 }`, or `null` when some entry of `A` is not an exact double
   * (magnitude above 2^53), where the floating solve would start from rounded data.
   *
   * @example
   * ComplementFilter.create([[3n, 1n], [1n, 2n]]); // a filter
   * ComplementFilter.create([[2n ** 60n]]); // null
   */
  static create(A: readonly (readonly bigint[])[]): ComplementFilter | null {
    const m = A.length;
    const n = m === 0 ? 0 : A[0]!.length;
    const a = new Float64Array(m * n);
    const limit = 2n ** 53n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const v = A[i]![j]!;
        if (v > limit || v < -limit) return null;
        a[i * n + j] = Number(v);
      }
    }
    return new ComplementFilter(a, m, n);
  }

  /**
   * `true` only when it is proved that `A[S,T]` is nonsingular and that its basic point `y`
   * (`A[S,T] y_T = 1`, `y = 0` off `T`) is not in Q: some `y_j < 0`, or some `(A y)_i > 1` with `i`
   * outside `S`. `false` means "not proved" (the exact test decides). `S` and `T` list `k >= 1`
   * distinct rows and columns; `inS[i]` is 1 for the rows of `S`.
   *
   * @example
   * const f = ComplementFilter.create([[1n, 3n], [3n, 1n]])!;
   * f.rejects(Int32Array.of(0), Int32Array.of(0), 1, Uint8Array.of(1, 0)); // true: (A y)_1 = 3 > 1
   */
  rejects(S: Int32Array, T: Int32Array, k: number, inS: Uint8Array): boolean {
    const delta = (k + 4) * 2 ** -50;
    if (!this.invert(S, T, k)) return false;
    const alpha = this.inverseError(k, delta);
    if (!(alpha < 0.5)) return false;
    const { mat: M, inv: R, y, res } = this;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += R[j * k + l]!;
      y[j] = s;
    }
    // residual bounds |1 - M y~| + rounding, then the error bound e >= ||y - y~||_inf
    for (let i = 0; i < k; i++) {
      let s = 0;
      let sAbs = 0;
      for (let j = 0; j < k; j++) {
        const p = M[i * k + j]! * y[j]!;
        s += p;
        sAbs += Math.abs(p);
      }
      res[i] = Math.abs(1 - s) + delta * (sAbs + 1);
    }
    let e = 0;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += Math.abs(R[j * k + l]!) * res[l]!;
      if (s > e) e = s;
    }
    e = (e * (1 + delta)) / (1 - alpha) + Number.MIN_VALUE;
    for (let j = 0; j < k; j++) if (y[j]! + e * (1 + delta) < 0) return true;
    const { a, n } = this;
    for (let i = 0; i < this.m; i++) {
      if (inS[i] === 1) continue;
      let s = 0;
      let sAbs = 0;
      let norm = 0;
      for (let l = 0; l < k; l++) {
        const v = a[i * n + T[l]!]!;
        const p = v * y[l]!;
        s += p;
        sAbs += Math.abs(p);
        norm += Math.abs(v);
      }
      // (A y)_i >= s - delta sAbs - norm e, all inflated
      if (s - delta * sAbs - norm * e * (1 + delta) - delta > 1) return true;
    }
    return false;
  }

  /** `R ~ M^{-1}` for `M = A[S,T]` by Gauss-Jordan with partial pivoting; `false` on a zero pivot. */
  private invert(S: Int32Array, T: Int32Array, k: number): boolean {
    const { a, n, mat: M, work: W, inv: R } = this;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const v = a[S[i]! * n + T[j]!]!;
        M[i * k + j] = v;
        W[i * k + j] = v;
        R[i * k + j] = i === j ? 1 : 0;
      }
    }
    for (let c = 0; c < k; c++) {
      let p = c;
      for (let i = c + 1; i < k; i++) if (Math.abs(W[i * k + c]!) > Math.abs(W[p * k + c]!)) p = i;
      const piv = W[p * k + c]!;
      if (piv === 0 || !Number.isFinite(piv)) return false;
      if (p !== c) {
        for (let j = 0; j < k; j++) {
          swap(W, p * k + j, c * k + j);
          swap(R, p * k + j, c * k + j);
        }
      }
      for (let j = 0; j < k; j++) {
        W[c * k + j] = W[c * k + j]! / piv;
        R[c * k + j] = R[c * k + j]! / piv;
      }
      for (let i = 0; i < k; i++) {
        if (i === c) continue;
        const f = W[i * k + c]!;
        if (f === 0) continue;
        for (let j = 0; j < k; j++) {
          W[i * k + j] = W[i * k + j]! - f * W[c * k + j]!;
          R[i * k + j] = R[i * k + j]! - f * R[c * k + j]!;
        }
      }
    }
    return true;
  }

  /** An upper bound on `||I - R M||_inf`, the rounding of `R M` included (NaN when not finite). */
  private inverseError(k: number, delta: number): number {
    const { mat: M, inv: R } = this;
    let alpha = 0;
    for (let i = 0; i < k; i++) {
      let row = 0;
      for (let j = 0; j < k; j++) {
        let s = 0;
        let sAbs = 0;
        for (let l = 0; l < k; l++) {
          const p = R[i * k + l]! * M[l * k + j]!;
          s += p;
          sAbs += Math.abs(p);
        }
        row += Math.abs((i === j ? 1 : 0) - s) + delta * (sAbs + 1);
      }
      if (!(row < Number.POSITIVE_INFINITY)) return Number.NaN; // overflow or NaN: nothing proved
      if (row > alpha) alpha = row;
    }
    return alpha * (1 + delta);
  }
}

function swap(t: Float64Array, i: number, j: number): void {
  const x = t[i]!;
  t[i] = t[j]!;
  t[j] = x;
}
