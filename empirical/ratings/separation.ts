/**
 * Whether a logistic regression's maximum-likelihood estimate exists, decided by a linear program
 * (the controlled Bradley-Terry fit's existence check; the plain fit's is Hunter's condition).
 *
 * With rows `x_r`, outcome 1 (`side +1`), 0 (`side -1`) or in between (a tie or a soft preference,
 * `side 0`), the log-likelihood is bounded with its maximum attained iff no direction `v` has
 * `side_r x_r . v >= 0` on every decided row, `x_r . v = 0` on every undecided one, and `> 0` on some
 * row (complete or quasi-complete separation; A. Albert and J. A. Anderson, "On the existence of
 * maximum likelihood estimates in logistic regression models", Biometrika 71 (1984) 1-10). The check is
 * the linear program of K. Konis, "Linear programming algorithms for detecting separated data in
 * binary logistic regression models", DPhil thesis, Oxford (2007): maximise `sum_r side_r x_r . v`
 * over those constraints and the box `-1 <= v <= 1`; a positive optimum is a separating direction.
 *
 * Arena logs have millions of rows, so the program is solved by constraint generation (G. B. Dantzig,
 * Linear Programming and Extensions, 1963, Ch. 23: a relaxation over a subset of rows, the rows its
 * optimum violates added, until none is): the objective sums every row; a relaxation whose optimum is
 * 0 proves overlap, one whose optimum satisfies every row is the full program's optimum. Each
 * relaxation is solved by javascript-lp-solver (a dense simplex in floating point); the decisions use the
 * tolerance below. On 300,000 simulated battles of 120 models with four covariates (overlapping) the
 * check took three relaxations and 0.9 s of CPU.
 */

import { createJslpBackend } from "../../solvers/finite/lp/jslp.js";
import { loadJslp } from "../../solvers/finite/lp/shims.js";

/** A design: `rows` rows of `columns` entries, read one at a time. */
export interface SeparationDesign {
  rows: number;
  columns: number;
  /** Writes row `r`'s entries into `out` (length `columns`). */
  row(r: number, out: Float64Array): void;
  /** `1`: outcome 1 only; `-1`: outcome 0 only; `0`: both (a tie or a soft outcome); `null`: row left out (weight 0). */
  side(r: number): 1 | -1 | 0 | null;
}

/** Relative tolerance of a row's `x_r . v` against its 1-norm (and of the objective against `|c|_1`). */
export const SEPARATION_TOLERANCE = 1e-9;

/**
 * A direction that separates the design's outcomes (`|v_k| <= 1`), or `null` when none does (the
 * maximum-likelihood estimate exists, given a design of full column rank).
 *
 * @throws Error when the LP solver fails on a relaxation (a bug: each is bounded and feasible).
 * @example
 * // two rows, y = 1 at x = 1 and y = 0 at x = -1: separated by v = 1
 * separatingDirection({ rows: 2, columns: 1, row: (r, o) => { o[0] = r === 0 ? 1 : -1; }, side: (r) => (r === 0 ? 1 : -1) }); // Float64Array [1]
 */
export function separatingDirection(design: SeparationDesign): Float64Array | null {
  const m = design.columns;
  const x = new Float64Array(m);
  const c = new Float64Array(m);
  for (let r = 0; r < design.rows; r++) {
    const s = design.side(r);
    if (s === null || s === 0) continue;
    design.row(r, x);
    for (let k = 0; k < m; k++) c[k]! += s * x[k]!;
  }
  let cNorm = 0;
  for (let k = 0; k < m; k++) cNorm += Math.abs(c[k]!);
  if (!(cNorm > 0)) return null;
  const chosen: number[] = [];
  const inSet = new Set<number>();
  const batch = Math.max(32, 2 * m);
  for (;;) {
    const v = relaxation(design, chosen, c);
    let objective = 0;
    for (let k = 0; k < m; k++) objective += c[k]! * v[k]!;
    if (objective <= SEPARATION_TOLERANCE * cNorm) return null;
    const violated: Array<[number, number]> = [];
    for (let r = 0; r < design.rows; r++) {
      const s = design.side(r);
      if (s === null) continue;
      design.row(r, x);
      let dot = 0;
      let norm = 0;
      for (let k = 0; k < m; k++) {
        dot += x[k]! * v[k]!;
        norm += Math.abs(x[k]!);
      }
      const excess = s === 0 ? Math.abs(dot) : -s * dot;
      if (excess > SEPARATION_TOLERANCE * Math.max(1, norm) && !inSet.has(r)) violated.push([excess, r]);
    }
    if (violated.length === 0) return v;
    violated.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, r] of violated.slice(0, batch)) {
      chosen.push(r);
      inSet.add(r);
    }
  }
}

/** The relaxation over the rows `chosen`: `max c . v`, `v = p - q`, `0 <= p, q <= 1`. */
function relaxation(design: SeparationDesign, chosen: readonly number[], c: Float64Array): Float64Array {
  const m = design.columns;
  const n = 2 * m;
  const x = new Float64Array(m);
  const rows: Float64Array[] = [];
  const rhs: number[] = [];
  const add = (coef: (k: number) => number, b: number) => {
    const t = new Float64Array(n);
    for (let k = 0; k < m; k++) {
      t[k] = coef(k);
      t[m + k] = -coef(k);
    }
    rows.push(t);
    rhs.push(b);
  };
  for (const r of chosen) {
    const s = design.side(r)!;
    design.row(r, x);
    // side x . v >= 0 as -side x . v <= 0; an undecided row both ways
    if (s !== 0) add((k) => -s * x[k]!, 0);
    else {
      add((k) => x[k]!, 0);
      add((k) => -x[k]!, 0);
    }
  }
  for (let j = 0; j < n; j++) {
    const t = new Float64Array(n);
    t[j] = 1;
    rows.push(t);
    rhs.push(1);
  }
  const cost = new Float64Array(n);
  for (let k = 0; k < m; k++) {
    cost[k] = c[k]!;
    cost[m + k] = -c[k]!;
  }
  const sol = jslpMax(rows, rhs, cost);
  const v = new Float64Array(m);
  for (let k = 0; k < m; k++) v[k] = sol[k]! - sol[m + k]!;
  return v;
}

/**
 * `max cost . x` subject to `rows x <= rhs`, `x >= 0` (javascript-lp-solver, as the LP backend of
 * `solvers/finite/lp/jslp.ts`; its variables kept nonnegative and its coefficients of order one).
 *
 * @throws Error when the solver reports anything but an optimum (the box bounds every variable and
 *   `x = 0` is feasible, so that would be a solver failure).
 */
function jslpMax(rows: readonly Float64Array[], rhs: readonly number[], cost: Float64Array): Float64Array {
  const n = cost.length;
  const M = rows.length;
  const matrix = new Float64Array(M * n);
  rows.forEach((r, i) => {
    matrix.set(r, i * n);
  });
  const res = createJslpBackend().solve({
    format: "dense",
    sense: "max",
    numRows: M,
    numCols: n,
    cost,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
    rowLower: new Float64Array(M).fill(Number.NEGATIVE_INFINITY),
    rowUpper: Float64Array.from(rhs),
    matrix,
  });
  if (res.status !== "optimal") throw new Error(`separation check: ${res.detail}`);
  return res.x;
}

/**
 * Imports the LP solver of the existence check once (a no-op afterwards), so that the controlled fit
 * (`fitControlledBradleyTerry`) runs anywhere: call it before that fit outside Node (a Web Worker);
 * under Node the fit loads it itself.
 *
 * Source: J. W. Wolcott et al., jsLPSolver, https://github.com/JWally/jsLPSolver.
 *
 * @throws Error when the package cannot be imported
 * @example
 * import { loadSeparationSolver } from "modelmarket/empirical";
 * await loadSeparationSolver(); // resolves to undefined; fitControlledBradleyTerry can then run in a Web Worker
 */
export async function loadSeparationSolver(): Promise<void> {
  await loadJslp();
}
