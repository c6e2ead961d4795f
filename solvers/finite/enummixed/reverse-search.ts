/**
 * Extreme equilibria of a bimatrix game by lexicographic reverse search over one best-response
 * polytope, the other one followed in lock-step (the method of lrsnash: Avis, Rosenberg, Savani and
 * von Stengel 2010, sec. 5; Avis and Fukuda 1992 for reverse search).
 *
 * Positive integer payoffs `A, B` (`m x n`), polytopes `P = { x >= 0 : B^T x <= 1 }` (variables
 * `x_i`, label i; slacks `t_j`, label m + j) and `Q = { y >= 0 : A y <= 1 }` (variables `y_j`, label
 * m + j; slacks `s_i`, label i).
 *
 * Reverse search on P: the objective "minimise sum x" is optimal exactly at the slack basis (x = 0,
 * the root). The parent of any other lexicographically feasible basis is its simplex pivot by Bland's
 * rule (smallest-index improving variable enters, lexicographic ratio test picks the leaving row).
 * The children of a basis are found by trying every nonbasic variable v with a positive reduced
 * cost: its pivot (row r, leaving u) is a child iff u is the Bland choice of the new basis, a sign
 * test on the current objective and pivot rows. Nothing is stored per vertex: the search keeps one
 * tableau per depth (depth at most the length of a simplex path), so memory does not grow with the
 * number of vertices, except for a set of the degenerate vertices of P met (to visit each once).
 *
 * Lock-step Q: at a basis of P with basic labels L, the complementary basis of Q has the variables
 * with labels L nonbasic. When P pivots (v enters, u leaves), Q's complementary basis changes by one
 * exchange (the variable labelled v leaves, the one labelled u enters): one pivot of either sign. At a
 * nondegenerate vertex x of P whose complementary Q basis is nonsingular, the face of Q carrying the
 * labels x misses is that basis' point y alone, and (x, y) is an equilibrium iff y >= 0 (read off the
 * tableau's rhs). At degenerate vertices, or when that basis is singular, the face's vertices are
 * enumerated exactly (vertices of Q restricted to the free columns, kept if they carry the labels).
 */
import type { ProgressSink } from "../../../src/work.js";
import { signMulSub } from "../tableau/exact-doubles.js";
import { HybridTableau, newPivotStats, type PivotStats } from "../tableau/hybrid-tableau.js";
import { enumerateVertices } from "../tableau/integer-tableau.js";
import { ComplementFilter } from "./complement-filter.js";

/** An extreme equilibrium as exact numerators over a common denominator per player. */
export interface RawEquilibrium {
  x: bigint[];
  xDen: bigint;
  y: bigint[];
  yDen: bigint;
}

/** Counters of one reverse search. */
export interface ReverseSearchStats extends PivotStats {
  /** Lexicographically feasible bases of the enumerated polytope visited (the origin included). */
  bases: number;
  /** Distinct vertices of the enumerated polytope (the origin included). */
  vertices: number;
  /** Vertices of the enumerated polytope that are degenerate (several bases). */
  degenerateVertices: number;
  /** Faces of the other polytope enumerated in full (degenerate or singular cases). */
  faceEnumerations: number;
  /** Largest depth of the search tree. */
  maxDepth: number;
  /** Completely labelled vertex pairs found (the extreme equilibria, unnormalised). */
  equilibria: number;
  /** Nondegenerate vertices whose complementary point was proved infeasible in doubles (`ComplementFilter`). */
  filtered: number;
}

/** Counters at zero, for a new search. */
export function newReverseSearchStats(): ReverseSearchStats {
  return {
    ...newPivotStats(),
    bases: 0,
    vertices: 0,
    degenerateVertices: 0,
    faceEnumerations: 0,
    maxDepth: 0,
    equilibria: 0,
    filtered: 0,
  };
}

/** `gcd(a, b)` for `a, b >= 0` (the callers pass vertex numerators and a feasible basis's determinant). */
function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Options of `reverseSearchEquilibria`. */
export interface ReverseSearchOptions {
  /** Receives progress (vertices visited, equilibria found) about every 100 ms. */
  progress?: ProgressSink;
  /** Test complementary points with the certified floating filter (default `true`; `false`: Q in lock-step). */
  filter?: boolean;
  /** Only walk the vertices of P (no equilibrium tests): for counting vertices and degeneracy. */
  verticesOnly?: boolean;
  /** Stop at the first degenerate vertex of P (after counting it). */
  stopAtDegenerate?: boolean;
}

/**
 * Every extreme equilibrium `(x, y)` (unnormalised: `x` a vertex of P, `y` of Q) of the game with
 * positive integer payoffs `A`, `B` (`m x n`), by reverse search over P. `onEquilibrium` receives
 * each completely labelled pair once per (x vertex, y vertex); the caller normalises and dedupes.
 *
 * With `filter` (the default, when `A`'s entries are exact doubles) Q is not pivoted in lock-step: at
 * each nondegenerate vertex a certified floating solve (`ComplementFilter`) proves most complementary
 * points infeasible, and only the others get Q's exact complementary basis, rebuilt from the slack
 * basis. Both ways give the same equilibria; the filter saves one multiple-precision pivot per vertex.
 *
 * @example
 * const stats = reverseSearchEquilibria([[3n, 1n], [1n, 2n]], [[2n, 1n], [1n, 3n]], (e) => list.push(e));
 */
// Over 80 lines: the reverse-search loop of Avis and Fukuda (down to a child, back up to the parent) over one tableau whose state every step shares.
export function reverseSearchEquilibria(
  A: readonly (readonly bigint[])[],
  B: readonly (readonly bigint[])[],
  onEquilibrium: (e: RawEquilibrium) => void,
  stats: ReverseSearchStats,
  options: ReverseSearchOptions = {},
): void {
  const { progress, filter = true, verticesOnly = false, stopAtDegenerate = false } = options;
  const m = A.length;
  const n = m === 0 ? 0 : A[0]!.length;
  const V = m + n;
  const Bt: bigint[][] = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => B[i]![j]!));
  const objective = Array.from({ length: m }, () => 1n);
  const P0 = HybridTableau.polytope(Bt, stats, objective);
  const Q0 = HybridTableau.polytope(A, stats);
  const qVar = (label: number) => (label < m ? n + label : label - m);
  const objRow = n; // P has n constraint rows; row n is the objective

  // one slot per depth, reused
  const Ps: HybridTableau[] = [P0];
  const Qs: (HybridTableau | null)[] = [Q0];
  const Qslots: HybridTableau[] = [Q0];
  const next: number[] = [0];
  const degenerateSeen = new Set<string>();
  const xNum = new Array<bigint>(m);
  let lastReport = 0;
  const certify = filter && !verticesOnly ? ComplementFilter.create(A) : null;
  // Q pivoted along with P only when the filter cannot be used and equilibria are wanted
  const lockStep = certify === null && !verticesOnly;
  let stop = false;
  const S = new Int32Array(m);
  const T = new Int32Array(n);
  const inS = new Uint8Array(m);
  const qExact = Q0.clone();

  /** With the filter: `true` when Q's complementary point is proved infeasible, else Q rebuilt exactly. */
  const filtered = (P: HybridTableau): { rejected: boolean; Q: HybridTableau | null } => {
    let k = 0;
    let kt = 0;
    for (let i = 0; i < m; i++) if (inS[i] === 1) S[k++] = i;
    for (let j = 0; j < n; j++) if (P.rowOf[m + j]! < 0) T[kt++] = j;
    if (k === kt && certify!.rejects(S, T, k, inS)) {
      stats.filtered++;
      return { rejected: true, Q: null };
    }
    return { rejected: false, Q: rebuild(Q0, qExact, P, qVar) ? qExact : null };
  };

  const visit = (P: HybridTableau, lockStep: HybridTableau | null): void => {
    let Q = lockStep;
    stats.bases++;
    if (progress !== undefined && (stats.bases & 63) === 0) {
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        progress({ done: stats.vertices, unit: "vertices", detail: `${stats.equilibria} equilibria` });
      }
    }
    let degenerate = false;
    let zero = true;
    for (let i = 0; i < n; i++) if (P.sign(i, 0) === 0) degenerate = true;
    // the support of x from signs alone: most vertices are rejected before any BigInt is made
    for (let k = 0; k < m; k++) {
      const r = P.rowOf[k]!;
      inS[k] = r >= 0 && P.sign(r, 0) !== 0 ? 1 : 0;
      if (inS[k] === 1) zero = false;
    }
    const fillX = () => {
      for (let k = 0; k < m; k++) xNum[k] = inS[k] === 1 ? P.valueNumerator(k) : 0n;
    };
    if (degenerate) {
      fillX();
      const key = xKey(xNum, P.det());
      if (degenerateSeen.has(key)) return;
      degenerateSeen.add(key);
      stats.degenerateVertices++;
      if (stopAtDegenerate) stop = true;
    }
    stats.vertices++;
    if (zero || verticesOnly) return;
    if (!degenerate && certify !== null) {
      const f = filtered(P);
      if (f.rejected) return;
      Q = f.Q;
    }
    if (!degenerate) fillX();
    if (!degenerate && Q !== null) {
      // the complementary basis of Q: an equilibrium iff its basic solution is >= 0
      const ds = Q.detSign();
      for (let i = 0; i < m; i++) if (Q.sign(i, 0) * ds < 0) return;
      const y = new Array<bigint>(n).fill(0n);
      for (let j = 0; j < n; j++) y[j] = Q.valueNumerator(j) * BigInt(ds);
      emit(xNum, P.det(), y, Q.det() * BigInt(ds));
      return;
    }
    // the face of Q with the labels x misses: y_j = 0 where t_j > 0, (A y)_i = 1 where x_i > 0
    stats.faceEnumerations++;
    const freeCols: number[] = [];
    for (let j = 0; j < n; j++) if (P.valueNumerator(m + j) === 0n) freeCols.push(j);
    const tight: number[] = [];
    for (let i = 0; i < m; i++) if (xNum[i] !== 0n) tight.push(i);
    if (freeCols.length === 0) return;
    const sub = A.map((row) => freeCols.map((j) => row[j]!));
    for (const v of enumerateVertices(sub, 0, freeCols.length, freeCols.length + m)) {
      let ok = true;
      for (const i of tight) {
        const l = freeCols.length + i;
        if ((v.labels[l >>> 5]! & (1 << (l & 31))) === 0) ok = false;
      }
      if (!ok) continue;
      if (v.coords.every((c) => c === 0n)) continue;
      const y = new Array<bigint>(n).fill(0n);
      freeCols.forEach((j, k) => {
        y[j] = v.coords[k]!;
      });
      emit(xNum, P.det(), y, v.den);
    }
  };

  const emit = (x: readonly bigint[], xDen: bigint, y: bigint[], yDen: bigint): void => {
    stats.equilibria++;
    onEquilibrium({ x: x.slice(), xDen, y, yDen });
  };

  visit(P0, Q0);
  let depth = 0;
  while (depth >= 0 && !stop) {
    const P = Ps[depth]!;
    const Q = Qs[depth]!;
    let v = next[depth]!;
    let found = false;
    let r = -1;
    for (; v < V; v++) {
      if (P.rowOf[v]! >= 0) continue;
      if (P.sign(objRow, 1 + v) <= 0) continue; // the child's parent pivot must improve
      r = P.leavingRow(v);
      if (r < 0) continue;
      if (!isReverse(P, r, v, P.basis[r]!, objRow)) continue;
      found = true;
      break;
    }
    if (!found) {
      depth--;
      continue;
    }
    next[depth] = v + 1;
    const d1 = depth + 1;
    if (Ps.length <= d1) {
      Ps.push(P.clone());
      Qslots.push(lockStep ? Q0.clone() : Q0);
      Qs.push(null);
      next.push(0);
    } else Ps[d1]!.copyFrom(P);
    const child = Ps[d1]!;
    const u = child.pivot(r, v);
    // Q follows: the variable labelled v leaves its basis, the one labelled u enters
    let qc: HybridTableau | null = null;
    const slot = Qslots[d1]!;
    if (!lockStep) {
      // the filter tests each vertex on its own (or no vertex is tested): no lock-step tableau
    } else if (Q !== null) {
      const qr = Q.rowOf[qVar(v)]!;
      if (Q.sign(qr, 1 + qVar(u)) !== 0) {
        slot.copyFrom(Q);
        slot.pivot(qr, qVar(u));
        qc = slot;
      }
    } else {
      qc = rebuild(Q0, slot, child, qVar) ? slot : null;
    }
    Qs[d1] = qc;
    next[d1] = 0;
    depth = d1;
    if (depth > stats.maxDepth) stats.maxDepth = depth;
    visit(child, qc);
  }
}

/** Whether the pivot (row r: v enters, u leaves) leads to a child: u is Bland's choice after it. */
function isReverse(P: HybridTableau, r: number, v: number, u: number, objRow: number): boolean {
  // after the pivot, reduced cost of w (times det') is (obj_w * p - obj_v * T_rw) / det, det > 0;
  // w < u nonbasic (other than v) must not be improving (>= 0)
  for (let w = 0; w < u; w++) {
    if (w === v || P.rowOf[w]! >= 0) continue;
    if (P.isBig) {
      const t = P.big;
      const W = P.w;
      const lhs = t[objRow * W + 1 + w]! * t[r * W + 1 + v]!;
      const rhs = t[objRow * W + 1 + v]! * t[r * W + 1 + w]!;
      if (lhs < rhs) return false;
    } else {
      const t = P.num;
      const W = P.w;
      const s = signMulSub(
        t[objRow * W + 1 + w]!,
        t[r * W + 1 + v]!,
        t[objRow * W + 1 + v]!,
        t[r * W + 1 + w]!,
      );
      if (s < 0) return false;
    }
  }
  return true;
}

/**
 * Builds in `slot` the complementary basis of Q for P's current basis (Q nonbasic = labels basic in
 * P), from Q's slack basis by exchanges on nonzero entries; `false` when that basis is singular.
 */
function rebuild(
  Q0: HybridTableau,
  slot: HybridTableau,
  P: HybridTableau,
  qVar: (label: number) => number,
): boolean {
  slot.copyFrom(Q0);
  const want = new Uint8Array(slot.nvars); // 1: should be basic in Q
  want.fill(1);
  for (let l = 0; l < P.nvars; l++) if (P.rowOf[l]! >= 0) want[qVar(l)] = 0;
  for (let e = 0; e < slot.nvars; e++) {
    if (want[e] === 0 || slot.rowOf[e]! >= 0) continue;
    let row = -1;
    for (let i = 0; i < slot.rows; i++) {
      if (want[slot.basis[i]!] === 0 && slot.sign(i, 1 + e) !== 0) {
        row = i;
        break;
      }
    }
    if (row < 0) return false;
    slot.pivot(row, e);
  }
  return true;
}

/**
 * The vertex `x / det` in lowest terms, as text. A feasible basis of P has `det > 0` (every pivot of the
 * lexicographic ratio test is on a positive entry) and `x >= 0`, so no sign needs normalising.
 */
function xKey(x: readonly bigint[], det: bigint): string {
  let g = det;
  for (const v of x) g = gcd(g, v); // gcd(g, 0) = g
  return `${x.map((v) => v / g).join(",")}/${det / g}`;
}
