/**
 * Best-response polytopes `{ z >= 0 : M z <= 1 }` as integer (fraction-free) simplex tableaux with a
 * lexicographic ratio test. Shared by `enummixed` (vertex enumeration) and `lcp` (Lemke-Howson).
 *
 * Tableau: one row per constraint of `M z + s = 1`, columns `[rhs | z_0..z_{d-1} | s_0..s_{r-1}]`.
 * All entries are integers equal to `det * (B^{-1} [1 | M | I])` where `det` is the (positive)
 * determinant of the current basis; a pivot on entry `(r, c)` replaces every other row `i` by
 * `(T[i] * T[r][c] - T[i][c] * T[r]) / det` (Edmonds' integer pivoting, the division is exact) and then
 * `det := T[r][c]`. Basic variable in row `i` has value `T[i][0] / det`.
 *
 * Degeneracy: the ratio test is lexicographic on the rows of `[B^{-1} 1 | B^{-1}]` (the slack columns
 * hold `B^{-1}`), i.e. it works on the perturbed polytope `M z <= 1 + (eps, eps^2, ...)`, which is simple;
 * every basis reached is lexicographically feasible, pivots never cycle, and every vertex of the
 * original polytope is the limit of some perturbed vertex.
 *
 * References: J. Edmonds, "Systems of distinct representatives and linear algebra" (1967) for integer
 * pivoting; D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash equilibria for
 * two-player games", Economic Theory 42 (2010) 9-37; B. von Stengel, "Computing equilibria for
 * two-person games", Handbook of Game Theory vol. 3 (2002), sec. 3-6.
 */
import { checkWorkLimit } from "../../../src/work.js";
import { polytopeVertexBound } from "../methods/limits.js";
import { BIGINT_RATIO, lexMinRatioRow } from "./lex-ratio.js";

/**
 * Default limit of `enumerateVertices`, which holds every vertex in memory: 2.5e6 bounded vertices
 * admits a 17 x 17 game's polytope (upper bound 2,163,150; random games have far fewer) and refuses
 * 18 x 18 (6,249,100).
 */
export const DEFAULT_MAX_LISTED_VERTICES = 2_500_000;

/** An integer tableau of `{ z >= 0 : M z <= 1 }` with a lexicographically feasible basis. */
export class IntegerTableau {
  /** Number of structural variables `z` (dimension). */
  readonly d: number;
  /** Number of constraints (rows), one slack each. */
  readonly r: number;
  /** Row width `1 + d + r`. */
  readonly w: number;
  /** Flat row-major tableau, `t[i * w + j]`. */
  t: bigint[];
  /** Determinant of the basis (positive). */
  det: bigint;
  /** `basis[i]` is the variable basic in row i (`< d`: z, `>= d`: slack `v - d`). */
  basis: Int32Array;
  /** `rowOf[v]` is the row where v is basic, or -1 when v is nonbasic. */
  rowOf: Int32Array;
  /** The slack variables `d .. d + r - 1`: the lexicographic columns of the ratio test (`B^{-1}`). */
  readonly slacks: Int32Array;

  private constructor(
    d: number,
    r: number,
    t: bigint[],
    det: bigint,
    basis: Int32Array,
    rowOf: Int32Array,
    slacks?: Int32Array,
  ) {
    this.d = d;
    this.r = r;
    this.w = 1 + d + r;
    this.t = t;
    this.det = det;
    this.basis = basis;
    this.rowOf = rowOf;
    this.slacks = slacks ?? Int32Array.from({ length: r }, (_, i) => d + i);
  }

  /**
   * The slack basis (`z = 0`) of `{ z >= 0 : M z <= 1 }`; `M` must be an `r x d` matrix of integers.
   * Boundedness needs `M > 0` entrywise (callers shift payoffs to be positive).
   *
   * @example
   * const tab = IntegerTableau.initial([[2n, 1n], [1n, 3n]]);
   */
  static initial(M: readonly (readonly bigint[])[]): IntegerTableau {
    const r = M.length;
    const d = r === 0 ? 0 : M[0]!.length;
    const w = 1 + d + r;
    const t = new Array<bigint>(r * w).fill(0n);
    for (let i = 0; i < r; i++) {
      t[i * w] = 1n;
      for (let j = 0; j < d; j++) t[i * w + 1 + j] = M[i]![j]!;
      t[i * w + 1 + d + i] = 1n;
    }
    const basis = new Int32Array(r);
    const rowOf = new Int32Array(d + r).fill(-1);
    for (let i = 0; i < r; i++) {
      basis[i] = d + i;
      rowOf[d + i] = i;
    }
    return new IntegerTableau(d, r, t, 1n, basis, rowOf);
  }

  /**
   * A deep copy (the depth-first search keeps one tableau per open basis).
   *
   * @example
   * const copy = tab.clone();
   */
  clone(): IntegerTableau {
    return new IntegerTableau(
      this.d,
      this.r,
      this.t.slice(),
      this.det,
      this.basis.slice(),
      this.rowOf.slice(),
      this.slacks,
    );
  }

  /**
   * Lexicographic minimum-ratio test for entering variable `v`: among rows with a positive entry in v's
   * column, the row whose vector `(rhs, B^{-1} row) / entry` is lexicographically smallest. Returns -1
   * when the column has no positive entry (unbounded direction; cannot happen when `M > 0`).
   *
   * @example
   * const row = IntegerTableau.initial([[2n, 1n], [1n, 3n]]).leavingRow(0); // 0: ratio 1/2 < 1/1
   */
  leavingRow(v: number): number {
    return lexMinRatioRow(BIGINT_RATIO, this.t, this.w, this.r, 1 + v, this.slacks);
  }

  /**
   * Integer pivot: variable `v` enters in row `row` (whose basic variable leaves). Returns the leaving
   * variable. `T[i] := (T[i] * p - T[i][v] * T[row]) / det` for `i != row`, `det := p`.
   *
   * @example
   * const tab = IntegerTableau.initial([[2n, 1n], [1n, 3n]]);
   * tab.pivot(tab.leavingRow(0), 0); // 2: slack 0 leaves; now z_0 = 1/2
   */
  pivot(row: number, v: number): number {
    const { t, w, r } = this;
    const col = 1 + v;
    const p = t[row * w + col]!;
    const det = this.det;
    const leaving = this.basis[row]!;
    const rb = row * w;
    // columns of variables that stay basic are unit vectors times det; they become unit vectors times p
    const skip = new Uint8Array(w);
    for (let i = 0; i < r; i++) if (i !== row) skip[1 + this.basis[i]!] = 1;
    for (let i = 0; i < r; i++) {
      if (i === row) continue;
      const a = i * w;
      const f = t[a + col]!;
      if (f === 0n) {
        if (p !== det) {
          for (let j = 0; j < w; j++) if (skip[j] === 0 && t[a + j] !== 0n) t[a + j] = (t[a + j]! * p) / det;
        }
      } else {
        for (let j = 0; j < w; j++) {
          if (skip[j] === 1) continue;
          t[a + j] = (t[a + j]! * p - f * t[rb + j]!) / det;
        }
      }
      const own = 1 + this.basis[i]!;
      t[a + own] = p;
    }
    this.det = p;
    this.basis[row] = v;
    this.rowOf[leaving] = -1;
    this.rowOf[v] = row;
    return leaving;
  }

  /**
   * Numerator of variable v's value (`value = numerator / det`); 0 when nonbasic.
   *
   * @example
   * tab.valueNumerator(0) * 1n; // z_0 * det
   */
  valueNumerator(v: number): bigint {
    const i = this.rowOf[v]!;
    return i < 0 ? 0n : this.t[i * this.w]!;
  }

  /**
   * `true` when variable v is 0 at the current vertex (nonbasic, or basic at level 0: degenerate).
   *
   * @example
   * IntegerTableau.initial([[1n]]).isZero(0); // true: z = 0 at the start
   */
  isZero(v: number): boolean {
    const i = this.rowOf[v]!;
    return i < 0 || this.t[i * this.w] === 0n;
  }

  /**
   * A string identifying the basis (the set of basic variables, one flag character per variable).
   *
   * @example
   * IntegerTableau.initial([[1n, 1n]]).basisKey(); // "001"
   */
  basisKey(): string {
    const flags = new Uint8Array(this.d + this.r);
    for (let i = 0; i < this.r; i++) flags[this.basis[i]!] = 1;
    return String.fromCharCode(...flags.map((f) => 48 + f));
  }

  /**
   * The basis key after variable `enter` replaces the basic variable of row `row` (no pivoting), to
   * test whether a neighbour was visited before paying for the pivot.
   *
   * @example
   * IntegerTableau.initial([[1n, 1n]]).neighbourKey(0, 0); // "100"
   */
  neighbourKey(row: number, enter: number): string {
    const flags = new Uint8Array(this.d + this.r);
    for (let i = 0; i < this.r; i++) flags[this.basis[i]!] = 1;
    flags[this.basis[row]!] = 0;
    flags[enter] = 1;
    return String.fromCharCode(...flags.map((f) => 48 + f));
  }
}

/**
 * Integer, strictly positive payoff matrices of a two-player game with the same equilibria:
 * `A' = L A - min(L A) + 1` (and the same for B), with `L` the lcm of all payoff denominators. Positive
 * affine maps of a player's payoffs leave best responses, hence equilibria, unchanged.
 *
 * @example
 * positiveIntegerBimatrix([[Rational.parse("1/2")]], [[Rational.parse("-1")]]); // { A: [[1n]], B: [[1n]] }
 */
export function positiveIntegerBimatrix(
  A: readonly (readonly { num: bigint; den: bigint }[])[],
  B: readonly (readonly { num: bigint; den: bigint }[])[],
): { A: bigint[][]; B: bigint[][] } {
  return { A: positiveInteger(A), B: positiveInteger(B) };
}

function positiveInteger(M: readonly (readonly { num: bigint; den: bigint }[])[]): bigint[][] {
  let l = 1n;
  for (const row of M) {
    for (const x of row) {
      let a = l;
      let b = x.den;
      while (b !== 0n) [a, b] = [b, a % b];
      l = (l / a) * x.den;
    }
  }
  const ints = M.map((row) => row.map((x) => x.num * (l / x.den)));
  let min: bigint | undefined;
  for (const row of ints) for (const v of row) if (min === undefined || v < min) min = v;
  const shift = 1n - (min ?? 0n);
  return ints.map((row) => row.map((v) => v + shift));
}

/** A vertex of `{ z >= 0 : M z <= 1 }` with its labels. */
export interface PolytopeVertex {
  /** Numerators of the coordinates `z_k = coords[k] / den`, reduced by their common gcd with den. */
  coords: bigint[];
  den: bigint;
  /** Bit mask over all labels (32 labels per word): bit set when the label's variable is 0. */
  labels: Uint32Array;
  /** Number of (lexicographically feasible) bases found at this vertex; > 1 only at degenerate ones. */
  bases: number;
}

/**
 * All vertices of the polytope `{ z >= 0 : M z <= 1 }` (`M > 0`, so bounded), by depth-first search
 * over the lexicographically feasible bases (the vertices of the perturbed, simple polytope), each
 * reached by one integer pivot; bases are deduplicated by their set of basic variables. Variable `z_k`
 * carries label `zLabel + k`, constraint `i` carries label `sLabel + i` (a label is present when the
 * variable or slack is 0).
 *
 * Idea: the graph of a simple polytope is connected and each edge from a basis is one entering
 * variable with its unique lexicographic ratio-test row, so a graph search visits every basis
 * (Avis-Fukuda 1992 reverse search walks the same graph without a visited set).
 *
 * Unlike the reverse search of `enumMixed` it keeps every vertex and basis in memory, so it is refused
 * before any work when the upper-bound theorem allows more than `options.maxVertices` vertices
 * (`polytopeVertexBound(d, d + r)` for `M` of `r` rows and `d` columns; default
 * `DEFAULT_MAX_LISTED_VERTICES`, which admits 17 x 17 games' polytopes and refuses 18 x 18).
 *
 * @throws WorkLimitError (`maxVertices`) when the bound exceeds the limit.
 * @example
 * enumerateVertices([[1n, 2n], [2n, 1n]], 0, 2, 4).length; // 4 vertices: 0, (1/2,0), (0,1/2), (1/3,1/3)
 */
export function enumerateVertices(
  M: readonly (readonly bigint[])[],
  zLabel: number,
  sLabel: number,
  nLabels: number,
  options: { maxVertices?: number } = {},
): PolytopeVertex[] {
  const d0 = M[0]?.length ?? 0;
  checkWorkLimit(
    "maxVertices",
    polytopeVertexBound(d0, d0 + M.length),
    options.maxVertices ?? DEFAULT_MAX_LISTED_VERTICES,
    `polytope vertices held in memory (upper bound for ${d0} variables and ${M.length} constraints)`,
  );
  const start = IntegerTableau.initial(M);
  const { d, r } = start;
  const words = Math.ceil(nLabels / 32);
  const visited = new Set<string>([start.basisKey()]);
  const byKey = new Map<string, PolytopeVertex>();
  const out: PolytopeVertex[] = [];
  const stack: IntegerTableau[] = [start];
  while (stack.length > 0) {
    const tab = stack.pop()!;
    // record the vertex
    const coords = new Array<bigint>(d);
    let g = tab.det;
    for (let k = 0; k < d; k++) {
      const v = tab.valueNumerator(k);
      coords[k] = v;
      if (v !== 0n) g = gcd(g, v);
    }
    const den = tab.det / g;
    for (let k = 0; k < d; k++) coords[k] = coords[k]! / g;
    const key = `${coords.join(",")}/${den}`;
    const seen = byKey.get(key);
    if (seen !== undefined) seen.bases++;
    else {
      const labels = new Uint32Array(words);
      for (let k = 0; k < d; k++) {
        if (coords[k] === 0n) {
          const l = zLabel + k;
          labels[l >>> 5]! |= 1 << (l & 31);
        }
      }
      for (let i = 0; i < r; i++) {
        if (tab.isZero(d + i)) {
          const l = sLabel + i;
          labels[l >>> 5]! |= 1 << (l & 31);
        }
      }
      const v: PolytopeVertex = { coords, den, labels, bases: 1 };
      byKey.set(key, v);
      out.push(v);
    }
    // neighbours
    for (let v = 0; v < d + r; v++) {
      if (tab.rowOf[v]! >= 0) continue;
      const row = tab.leavingRow(v);
      if (row < 0) continue;
      const nk = tab.neighbourKey(row, v);
      if (visited.has(nk)) continue;
      visited.add(nk);
      const child = tab.clone();
      child.pivot(row, v);
      stack.push(child);
    }
  }
  return out;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
