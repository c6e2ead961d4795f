/**
 * An integer (fraction-free) simplex tableau that pivots on `number`s while that is exact and on
 * BigInt from then on: the arithmetic of `enummixed` (reverse search) and `lcp` (Lemke-Howson).
 *
 * Layout: `rows` constraint rows, optionally followed by one objective row; columns
 * `[rhs | var_0 .. var_{nvars-1}]`. Every entry equals `det * (B^{-1} [b | M])` for the current basis
 * `B` (Edmonds' integer pivoting, see `integer-tableau.ts`): a pivot on `(r, c)` replaces every other
 * row `i` by `(T_i * T_rc - T_ic * T_r) / det` (an exact division) and sets `det := T_rc`. `det` may be
 * negative when pivots of either sign are made (the lock-step tableau of `enummixed`).
 *
 * Exactness of the `number` mode: the tableau stays in doubles while every entry (and `det`) is at
 * most `NUMBER_SAFE = 2^26` in magnitude. Then each product is at most 2^52, each difference of two
 * products at most 2^53, so every intermediate is an exactly represented integer, and the exact
 * quotient is an integer that IEEE division returns exactly. The check is made after every pivot (the
 * running maximum of the new entries); the first pivot that would leave the range converts the
 * tableau to BigInt for good (`stats.conversions`), so no value is ever rounded.
 *
 * Reference: J. Edmonds, "Systems of distinct representatives and linear algebra", J. Res. NBS 71B
 * (1967); D. Avis, "lrs: a revised implementation of the reverse search vertex enumeration algorithm"
 * (2000), whose hybrid arithmetic (machine integers until overflow, then multiple precision) this
 * follows.
 */
import { HALF, HALF2, NUMBER_LIMIT, NUMBER_SAFE, signMulSub } from "./exact-doubles.js";
import { BIGINT_RATIO, lexMinRatioRow } from "./lex-ratio.js";

/** Counters of the arithmetic actually used, shared by the tableaux of one computation. */
export interface PivotStats {
  /** Pivots done exactly in doubles. */
  numberPivots: number;
  /** Pivots done in BigInt (entries above `NUMBER_SAFE`). */
  bigintPivots: number;
  /** Tableaux converted from doubles to BigInt (the fallback taken). */
  conversions: number;
}

/**
 * Fresh zeroed counters.
 *
 * @example
 * const stats = newPivotStats(); // { numberPivots: 0, bigintPivots: 0, conversions: 0 }
 */
export function newPivotStats(): PivotStats {
  return { numberPivots: 0, bigintPivots: 0, conversions: 0 };
}

function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** An integer tableau in doubles (exact, small entries) or BigInt (any size). */
export class HybridTableau {
  /** Constraint rows. */
  readonly rows: number;
  /** Variables (columns after the rhs). */
  readonly nvars: number;
  /** Row width `1 + nvars`. */
  readonly w: number;
  /** Whether row `rows` is an objective row (pivoted along, never a pivot row). */
  readonly hasObjective: boolean;
  /** `true` once the tableau is in BigInt. */
  isBig: boolean;
  /** Entries in `number` mode (`(rows + objective) * w`). */
  num: Float64Array;
  /** Entries in BigInt mode. */
  big: bigint[];
  detN: number;
  detB: bigint;
  /** `basis[i]`: variable basic in row i. */
  readonly basis: Int32Array;
  /** `rowOf[v]`: row where v is basic, -1 when nonbasic. */
  readonly rowOf: Int32Array;
  /** Columns of the lexicographic ratio test after the rhs (the variables of the starting basis). */
  readonly lexCols: Int32Array;
  /** 1: lexicographic columns minimised (perturbation `+eps`); -1: maximised (`-eps`, Gambit's). */
  readonly lexSign: 1 | -1;
  readonly stats: PivotStats;
  /** Largest entry magnitude (and |det|) in `number` mode. */
  maxAbs: number;
  /** Scratch list of the columns a pivot updates. */
  private readonly active: Int32Array;
  /** Scratch buffers of the split pivot (allocated on first use). */
  private scratch: Float64Array | null = null;
  private rowHi: Float64Array | null = null;
  private rowLo: Float64Array | null = null;

  private constructor(
    rows: number,
    nvars: number,
    hasObjective: boolean,
    stats: PivotStats,
    lexCols: Int32Array,
    lexSign: 1 | -1,
  ) {
    this.rows = rows;
    this.nvars = nvars;
    this.w = 1 + nvars;
    this.hasObjective = hasObjective;
    this.isBig = false;
    const size = (rows + (hasObjective ? 1 : 0)) * this.w;
    this.num = new Float64Array(size);
    this.big = [];
    this.detN = 1;
    this.detB = 1n;
    this.basis = new Int32Array(rows);
    this.rowOf = new Int32Array(nvars).fill(-1);
    this.lexCols = lexCols;
    this.lexSign = lexSign;
    this.stats = stats;
    this.maxAbs = 1;
    this.active = new Int32Array(this.w);
  }

  /**
   * The slack basis of `{ z >= 0 : M z <= 1 }` (`M` an `r x d` integer matrix): variables
   * `z_0..z_{d-1}` then slacks `d..d+r-1`. With `objective`, an objective row `[0 | objective | 0]`
   * (reduced costs times det; minimise `objective . z`). Starts in doubles when every entry is at
   * most `NUMBER_SAFE`, else in BigInt (counted as a conversion). `lexSign` picks the perturbation of
   * the ratio test (`lexMinRatioRow`): 1 for `1 + (eps, eps^2, ...)`, -1 for Gambit's `1 - (...)`.
   *
   * @example
   * const tab = HybridTableau.polytope([[2n, 1n], [1n, 3n]], newPivotStats());
   */
  static polytope(
    M: readonly (readonly bigint[])[],
    stats: PivotStats,
    objective?: readonly bigint[],
    lexSign: 1 | -1 = 1,
  ): HybridTableau {
    const r = M.length;
    const d = r === 0 ? 0 : M[0]!.length;
    const lex = new Int32Array(r);
    for (let i = 0; i < r; i++) lex[i] = d + i;
    const tab = new HybridTableau(r, d + r, objective !== undefined, stats, lex, lexSign);
    const w = tab.w;
    let small = true;
    const limit = BigInt(NUMBER_SAFE);
    for (const row of M) for (const v of row) if (absBig(v) > limit) small = false;
    if (objective) for (const v of objective) if (absBig(v) > limit) small = false;
    const big: bigint[] = new Array<bigint>(tab.num.length).fill(0n);
    for (let i = 0; i < r; i++) {
      big[i * w] = 1n;
      for (let j = 0; j < d; j++) big[i * w + 1 + j] = M[i]![j]!;
      big[i * w + 1 + d + i] = 1n;
      tab.basis[i] = d + i;
      tab.rowOf[d + i] = i;
    }
    if (objective) for (let j = 0; j < d; j++) big[r * w + 1 + j] = objective[j]!;
    if (small) {
      let max = 1;
      for (let k = 0; k < big.length; k++) {
        const x = Number(big[k]!);
        tab.num[k] = x;
        if (Math.abs(x) > max) max = Math.abs(x);
      }
      tab.maxAbs = max;
    } else {
      tab.isBig = true;
      tab.big = big;
      stats.conversions++;
    }
    return tab;
  }

  /**
   * A copy sharing the counters.
   *
   * @example
   * const copy = tab.clone();
   */
  clone(): HybridTableau {
    const { rows, nvars, hasObjective, stats, lexCols, lexSign } = this;
    const c = new HybridTableau(rows, nvars, hasObjective, stats, lexCols, lexSign);
    c.copyFrom(this);
    return c;
  }

  /**
   * Overwrites this tableau with `src` (same shape), reusing the buffers: the depth-first searches keep
   * one tableau per depth and copy into it, so that no pivot allocates.
   *
   * @example
   * slot.copyFrom(parent);
   */
  copyFrom(src: HybridTableau): void {
    this.isBig = src.isBig;
    if (src.isBig) {
      const b = this.big;
      const s = src.big;
      if (b.length !== s.length) this.big = s.slice();
      else for (let k = 0; k < s.length; k++) b[k] = s[k]!;
      this.detB = src.detB;
    } else {
      this.num.set(src.num);
      this.detN = src.detN;
      this.maxAbs = src.maxAbs;
    }
    this.basis.set(src.basis);
    this.rowOf.set(src.rowOf);
  }

  private toBig(): void {
    const big = this.big.length === this.num.length ? this.big : new Array<bigint>(this.num.length);
    for (let k = 0; k < this.num.length; k++) big[k] = BigInt(this.num[k]!);
    this.big = big;
    this.detB = BigInt(this.detN);
    this.isBig = true;
    this.stats.conversions++;
  }

  /** Sign of entry `(i, j)` (j = 0: rhs; j = 1 + v: variable v). */
  sign(i: number, j: number): number {
    if (this.isBig) {
      const v = this.big[i * this.w + j]!;
      return v > 0n ? 1 : v < 0n ? -1 : 0;
    }
    const v = this.num[i * this.w + j]!;
    return v > 0 ? 1 : v < 0 ? -1 : 0;
  }

  /** Entry `(i, j)` as a BigInt. */
  entry(i: number, j: number): bigint {
    return this.isBig ? this.big[i * this.w + j]! : BigInt(this.num[i * this.w + j]!);
  }

  /** Sign of `det`. */
  detSign(): number {
    return this.isBig ? (this.detB > 0n ? 1 : -1) : this.detN > 0 ? 1 : -1;
  }

  /** `det` as a BigInt. */
  det(): bigint {
    return this.isBig ? this.detB : BigInt(this.detN);
  }

  /**
   * Numerator of variable v's value (`value = numerator / det`); 0 when nonbasic.
   *
   * @example
   * tab.valueNumerator(0);
   */
  valueNumerator(v: number): bigint {
    const i = this.rowOf[v]!;
    return i < 0 ? 0n : this.entry(i, 0);
  }

  /**
   * Lexicographic minimum-ratio test for entering variable `v` (det > 0): among rows with a positive
   * entry in v's column, the one whose `(rhs, lex columns) / entry` is lexicographically smallest; -1
   * when there is none. The lexicographic columns are those of the starting basis, so every basis
   * reached is lexicographically feasible (the perturbed polytope is simple: no cycling).
   *
   * @example
   * HybridTableau.polytope([[2n, 1n], [1n, 3n]], newPivotStats()).leavingRow(0); // 0
   */
  leavingRow(v: number): number {
    return this.isBig
      ? lexMinRatioRow(BIGINT_RATIO, this.big, this.w, this.rows, 1 + v, this.lexCols, this.lexSign)
      : this.leavingRowNum(v);
  }

  /**
   * The number-mode ratio test: `lexMinRatioRow(NUMBER_RATIO, ...)` with the arithmetic written
   * inline (same rows visited, same comparisons, same answer; test/finite/lex-ratio.test.ts checks it
   * against the generic routine on random degenerate tableaux). It stays specialised because the
   * generic routine, once it has also run on BigInt tableaux in the same process (enummixed does so
   * at degenerate vertices, and any tableau converted to BigInt), sees two element kinds and two
   * arithmetics at each call site: measured on a 12x12 polytope, the number-mode test then took 3.6
   * times as long (3.6 against 1.0 ms for 2000 sweeps over the nonbasic variables), and enummixed
   * 10x10 about 11% longer. The BigInt mode, rarer and dominated by BigInt products, uses the generic
   * routine, as `IntegerTableau` does.
   */
  private leavingRowNum(v: number): number {
    const { num: t, w, rows, lexCols, lexSign } = this;
    const col = 1 + v;
    let best = -1;
    let bestPiv = 0;
    for (let i = 0; i < rows; i++) {
      const piv = t[i * w + col]!;
      if (piv <= 0) continue;
      if (best < 0) {
        best = i;
        bestPiv = piv;
        continue;
      }
      const a = i * w;
      const b = best * w;
      let cmp = signMulSub(t[a]!, bestPiv, t[b]!, piv);
      for (let k = 0; cmp === 0 && k < lexCols.length; k++) {
        const c = 1 + lexCols[k]!;
        cmp = lexSign * signMulSub(t[a + c]!, bestPiv, t[b + c]!, piv);
      }
      if (cmp < 0) {
        best = i;
        bestPiv = piv;
      }
    }
    return best;
  }

  /**
   * Integer pivot: variable `v` enters in row `row` (its entry must be nonzero). Returns the leaving
   * variable. Exact in either mode; converts to BigInt when the result would leave the safe range.
   *
   * @example
   * const tab = HybridTableau.polytope([[2n, 1n], [1n, 3n]], newPivotStats());
   * tab.pivot(tab.leavingRow(0), 0); // 2: slack 0 leaves
   */
  pivot(row: number, v: number): number {
    const leaving = this.basis[row]!;
    // the columns that change: rhs, every nonbasic variable, and the leaving one
    const active = this.active;
    let na = 0;
    active[na++] = 0;
    for (let u = 0; u < this.nvars; u++) if (this.rowOf[u]! < 0 || u === leaving) active[na++] = 1 + u;
    if (!this.isBig) {
      const ok = this.maxAbs <= NUMBER_SAFE ? this.pivotNum(row, v, na) : this.pivotSplit(row, v, na);
      if (!ok) this.toBig();
      else if (this.maxAbs > NUMBER_LIMIT) this.toBig();
    }
    if (this.isBig) this.pivotBig(row, v, na);
    this.basis[row] = v;
    this.rowOf[leaving] = -1;
    this.rowOf[v] = row;
    return leaving;
  }

  /** The pivot in doubles when every entry is at most 2^26: products exact, results below 2^53. */
  private pivotNum(row: number, v: number, na: number): boolean {
    const { num: t, w, rows, basis, active } = this;
    const nrows = rows + (this.hasObjective ? 1 : 0);
    const col = 1 + v;
    const rb = row * w;
    const p = t[rb + col]!;
    const det = this.detN;
    let max = Math.abs(p);
    for (let k = 0; k < na; k++) {
      const x = Math.abs(t[rb + active[k]!]!);
      if (x > max) max = x;
    }
    for (let i = 0; i < nrows; i++) {
      if (i === row) continue;
      const a = i * w;
      const f = t[a + col]!;
      if (f === 0) {
        if (p !== det) {
          for (let k = 0; k < na; k++) {
            const j = a + active[k]!;
            const x = (t[j]! * p) / det;
            t[j] = x;
            if (Math.abs(x) > max) max = Math.abs(x);
          }
        } else {
          for (let k = 0; k < na; k++) {
            const x = Math.abs(t[a + active[k]!]!);
            if (x > max) max = x;
          }
        }
      } else {
        for (let k = 0; k < na; k++) {
          const j = a + active[k]!;
          const x = (t[j]! * p - f * t[rb + active[k]!]!) / det;
          t[j] = x;
          if (Math.abs(x) > max) max = Math.abs(x);
        }
      }
      if (i < rows) t[a + 1 + basis[i]!] = p;
    }
    this.detN = p;
    this.maxAbs = max;
    this.stats.numberPivots++;
    return true;
  }

  /**
   * The pivot in doubles for entries up to 2^50: `(a p - f b) / det` from 25-bit halves (three exact
   * partial sums), the quotient estimated in floating point and corrected by its exact remainder.
   * Writes to a scratch copy; `false` (tableau untouched) when a result would exceed `NUMBER_LIMIT`.
   */
  private pivotSplit(row: number, v: number, na: number): boolean {
    const { w, rows, basis, active } = this;
    const nrows = rows + (this.hasObjective ? 1 : 0);
    const src = this.num;
    if (this.scratch === null) {
      this.scratch = new Float64Array(src.length);
      this.rowHi = new Float64Array(w);
      this.rowLo = new Float64Array(w);
    }
    const t = this.scratch;
    const rh = this.rowHi!;
    const rl = this.rowLo!;
    t.set(src);
    const col = 1 + v;
    const rb = row * w;
    const p = src[rb + col]!;
    const det = this.detN;
    const ph = Math.floor(p / HALF);
    const pl = p - ph * HALF;
    const dh = Math.floor(det / HALF);
    const dl = det - dh * HALF;
    let max = Math.abs(p);
    for (let k = 0; k < na; k++) {
      const j = active[k]!;
      const b = src[rb + j]!;
      const bh = Math.floor(b / HALF);
      rh[j] = bh;
      rl[j] = b - bh * HALF;
      if (Math.abs(b) > max) max = Math.abs(b);
    }
    for (let i = 0; i < nrows; i++) {
      if (i === row) continue;
      const a0 = i * w;
      const f = src[a0 + col]!;
      const fh = Math.floor(f / HALF);
      const fl = f - fh * HALF;
      for (let k = 0; k < na; k++) {
        const j = active[k]!;
        const a = src[a0 + j]!;
        const ah = Math.floor(a / HALF);
        const al = a - ah * HALF;
        const bh = rh[j]!;
        const bl = rl[j]!;
        // X = a p - f b = H 2^50 + M 2^25 + L, each partial sum exact (below 2^53)
        const H = ah * ph - fh * bh;
        const M = ah * pl + al * ph - fh * bl - fl * bh;
        const L = al * pl - fl * bl;
        const q0 = Math.round((H * HALF2 + M * HALF + L) / det);
        if (!(Math.abs(q0) <= NUMBER_LIMIT)) return false;
        // exact remainder X - q0 det (|q - q0| <= 1, so it is at most |det|)
        const qh = Math.floor(q0 / HALF);
        const ql = q0 - qh * HALF;
        const R = (H - qh * dh) * HALF2 + (M - qh * dl - ql * dh) * HALF + (L - ql * dl);
        const q = q0 + R / det;
        if (Math.abs(q) > NUMBER_LIMIT) return false;
        t[a0 + j] = q;
        if (Math.abs(q) > max) max = Math.abs(q);
      }
      if (i < rows) t[a0 + 1 + basis[i]!] = p;
    }
    this.scratch = src;
    this.num = t;
    this.detN = p;
    this.maxAbs = max;
    this.stats.numberPivots++;
    return true;
  }

  private pivotBig(row: number, v: number, na: number): void {
    const { big: t, w, rows, basis, active } = this;
    const nrows = rows + (this.hasObjective ? 1 : 0);
    const col = 1 + v;
    const rb = row * w;
    const p = t[rb + col]!;
    const det = this.detB;
    for (let i = 0; i < nrows; i++) {
      if (i === row) continue;
      const a = i * w;
      const f = t[a + col]!;
      if (f === 0n) {
        if (p !== det) {
          for (let k = 0; k < na; k++) {
            const j = active[k]!;
            const x = t[a + j]!;
            if (x !== 0n) t[a + j] = (x * p) / det;
          }
        }
      } else {
        for (let k = 0; k < na; k++) {
          const j = active[k]!;
          t[a + j] = (t[a + j]! * p - f * t[rb + j]!) / det;
        }
      }
      if (i < rows) t[a + 1 + basis[i]!] = p;
    }
    this.detB = p;
    this.stats.bigintPivots++;
  }

  /**
   * A string identifying the basis (one flag character per variable).
   *
   * @example
   * HybridTableau.polytope([[1n, 1n]], newPivotStats()).basisKey(); // "001"
   */
  basisKey(): string {
    let s = "";
    for (let v = 0; v < this.nvars; v++) s += this.rowOf[v]! >= 0 ? "1" : "0";
    return s;
  }
}
