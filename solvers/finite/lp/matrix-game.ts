/**
 * Two-player zero-sum (and, by a shift, constant-sum) matrix games by linear programming, with a
 * certificate on every answer.
 *
 * The row player of payoff matrix `A` (m x n) solves (von Neumann 1928; Dantzig 1951)
 *
 * ```text
 * maximise v   subject to   sum_i x_i A'_ij - v >= 0  (j = 1..n),   sum_i x_i = 1,   x >= 0,   v >= 0
 * ```
 *
 * on the rescaled matrix `A' = (A - min A) / (max A - min A)`, whose entries lie in [0, 1] so its value
 * `v'` lies in [0, 1]: keeping `v` nonnegative avoids javascript-lp-solver's hang on free variables,
 * and the rescaling avoids its wrong answers on badly scaled payoffs. The column player's strategy is
 * the dual of the `n` inequality rows (HiGHS returns it); for javascript-lp-solver, which gives no
 * duals, the column player's LP `minimise w s.t. sum_j A'_ij y_j - w <= 0, sum_j y_j = 1, y, w >= 0`
 * is solved as well.
 *
 * Certificate: whatever the backend returned, the strategies are projected on the simplex (negative
 * entries clipped, renormalised) and two matrix-vector products in the ORIGINAL payoffs give
 *
 * ```text
 * lower = min_j (x^T A)_j     (what x guarantees the row player)
 * upper = max_i (A y)_i       (what y concedes at most)
 * lower <= value of the game <= upper,   gap = upper - lower >= 0
 * ```
 *
 * and the answer is `certified` when `gap <= RELATIVE_TOLERANCE * (max A - min A)`. A failed or
 * uncertified solve is retried with the other backend; if that is not certified either, the best
 * answer is returned with `certified: false` and must not be reported as an equilibrium.
 *
 * Backend choice (`backend: "auto"`): javascript-lp-solver up to `AUTO_JSLP_MAX_SIZE` strategies for
 * the larger side, HiGHS above (measured crossover, see the constant's comment and
 * docs/lp-and-dynamics.md).
 *
 * References: J. von Neumann, "Zur Theorie der Gesellschaftsspiele", Math. Annalen 100 (1928) 295-320;
 * G. B. Dantzig, "A proof of the equivalence of the programming problem and the game problem", in
 * Koopmans (ed.), Activity Analysis of Production and Allocation, 1951, 330-335.
 */
import { InputError } from "../../../src/errors.js";
import { RELATIVE_TOLERANCE } from "../../../src/numeric/tolerance.js";
import type { CscLp, DenseLp, LpBackend, LpBackendName, LpStatus } from "./backend.js";
import { createHighsBackend } from "./highs.js";
import { createJslpBackend } from "./jslp.js";
import { loadJslp } from "./shims.js";

/** Which LP backend `solveMatrixGameLp` starts with. */
export type LpBackendChoice = "auto" | "jslp" | "highs";

/**
 * Crossover of the automatic backend choice: javascript-lp-solver is used while
 * `max(rows, cols) <= AUTO_JSLP_MAX_SIZE`, HiGHS above.
 *
 * Measured (Node 20.20, shared 2-core machine; random n x n games with entries uniform in [0, 1);
 * fastest of 20 certified solves, model construction and certificate included, averaged over 5 games;
 * javascript-lp-solver solves two LPs, one per player, HiGHS one and reads the duals):
 *
 * | n                  | 10   | 15   | 20   | 22   | 25   | 28   | 30   | 35   | 40   |
 * |--------------------|------|------|------|------|------|------|------|------|------|
 * | jslp, ms           | 0.13 | 0.19 | 0.28 | 0.29 | 0.36 | 0.46 | 0.55 | 0.81 | 1.25 |
 * | HiGHS, ms          | 0.26 | 0.29 | 0.29 | 0.29 | 0.25 | 0.29 | 0.30 | 0.45 | 0.78 |
 *
 * and from bench/finite-lp.bench.ts: n = 50: 2.4 vs 1.3 ms, n = 75: 7.2 vs 3.0 ms, n = 100: 41 vs 6.4 ms.
 * The curves cross between n = 22 and n = 25.
 */
export const AUTO_JSLP_MAX_SIZE = 24;

/** A dense payoff matrix, row-major: `A[i][j] = data[i * cols + j]`. */
export interface PayoffMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** The two backends, loaded. */
export interface LpBackends {
  readonly jslp: LpBackend;
  readonly highs: LpBackend;
}

/** Options of `solveMatrixGameLp`. */
export interface MatrixGameLpOptions {
  /** First backend to try (default `"auto"`: by size, see `AUTO_JSLP_MAX_SIZE`). */
  readonly backend?: LpBackendChoice;
  /** Try the other backend when the first answer is not certified (default `true`). */
  readonly fallback?: boolean;
}

/** One backend's attempt, with its own certificate. */
export interface LpAttempt {
  readonly backend: LpBackendName;
  /** The status the backend reported (for javascript-lp-solver the worse of its two LPs). */
  readonly status: LpStatus;
  /** `min_j (x^T A)_j` for this attempt's `x` (`-Infinity` when it gave none). */
  readonly lower: number;
  /** `max_i (A y)_i` for this attempt's `y` (`Infinity` when it gave none). */
  readonly upper: number;
  readonly gap: number;
  readonly certified: boolean;
  readonly detail: string;
}

/** The answer of `solveMatrixGameLp`: a certified (or explicitly uncertified) pair of strategies. */
export interface MatrixGameLpResult {
  /** Row player's mixed strategy `x` (on the simplex). */
  readonly rowStrategy: number[];
  /** Column player's mixed strategy `y` (on the simplex). */
  readonly colStrategy: number[];
  /** `(lower + upper) / 2`, the value of the game to within `gap / 2` (row player's payoff). */
  readonly value: number;
  /** `min_j (x^T A)_j`: the row player's guaranteed payoff. */
  readonly lower: number;
  /** `max_i (A y)_i`: the most the column player concedes. */
  readonly upper: number;
  /** `upper - lower` (nonnegative up to rounding). */
  readonly gap: number;
  /** `RELATIVE_TOLERANCE * (max A - min A)`: the largest gap that certifies. */
  readonly tolerance: number;
  /** Backend whose answer is returned (`"none"` for a constant matrix, solved without an LP). */
  readonly backend: LpBackendName | "none";
  /** `true` only when `gap <= tolerance`: then `(x, y)` is an equilibrium to that accuracy. */
  readonly certified: boolean;
  /** Every backend tried, in order. */
  readonly attempts: LpAttempt[];
}

/**
 * Loads both LP backends (HiGHS's WebAssembly once per process, about 70 ms the first time).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const backends = await loadLpBackends();
 * const r = solveMatrixGameLp(payoffMatrix([[1, -1], [-1, 1]]), backends);
 */
export async function loadLpBackends(): Promise<LpBackends> {
  await loadJslp();
  return { jslp: createJslpBackend(), highs: await createHighsBackend() };
}

/**
 * Builds a `PayoffMatrix` from nested arrays (`A[i][j]`, rows of equal length).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const a = payoffMatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]); // rock-paper-scissors
 */
export function payoffMatrix(rows: ReadonlyArray<ArrayLike<number>>): PayoffMatrix {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0]!.length;
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const row = rows[i]!;
    if (row.length !== n)
      throw new InputError(undefined, `A[${i}]`, `has ${row.length} entries, expected ${n}`);
    for (let j = 0; j < n; j++) data[i * n + j] = row[j]!;
  }
  return { rows: m, cols: n, data };
}

/**
 * The backend `"auto"` picks for an m x n game: `"jslp"` when `max(m, n) <= AUTO_JSLP_MAX_SIZE`, else
 * `"highs"` (the measured crossover, see `AUTO_JSLP_MAX_SIZE`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * autoBackend(10, 10); // "jslp"
 * autoBackend(100, 100); // "highs"
 */
export function autoBackend(rows: number, cols: number): LpBackendName {
  return Math.max(rows, cols) <= AUTO_JSLP_MAX_SIZE ? "jslp" : "highs";
}

/**
 * Projects a backend's vector on the probability simplex: negatives clipped to 0, then divided by the
 * sum. Returns `undefined` when nothing positive (or something non-finite) is left.
 */
function toSimplex(
  v: ArrayLike<number>,
  offset: number,
  length: number,
  sign: number,
): Float64Array | undefined {
  const out = new Float64Array(length);
  let sum = 0;
  for (let k = 0; k < length; k++) {
    const x = sign * v[offset + k]!;
    if (!Number.isFinite(x)) return undefined;
    const c = Math.max(x, 0);
    out[k] = c;
    sum += c;
  }
  if (!(sum > 0)) return undefined;
  for (let k = 0; k < length; k++) out[k] = out[k]! / sum;
  return out;
}

/** `min_j (x^T A)_j`. */
function guaranteedLower(a: PayoffMatrix, x: Float64Array): number {
  const { rows: m, cols: n, data } = a;
  let lower = Number.POSITIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += x[i]! * data[i * n + j]!;
    if (s < lower) lower = s;
  }
  return lower;
}

/** `max_i (A y)_i`. */
function concededUpper(a: PayoffMatrix, y: Float64Array): number {
  const { rows: m, cols: n, data } = a;
  let upper = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += data[i * n + j]! * y[j]!;
    if (s > upper) upper = s;
  }
  return upper;
}

/**
 * The row player's LP on the rescaled matrix `s` (entries in [0, 1]), variables `(x_0..x_{m-1}, v)`:
 * `max v s.t. sum_i s_ij x_i - v >= 0 (row j), sum_i x_i = 1 (row n), x >= 0, v >= 0`.
 * Built in CSC (HiGHS) or dense (javascript-lp-solver) form.
 */
function rowPlayerLp(s: PayoffMatrix, format: "dense" | "csc"): DenseLp | CscLp {
  const { rows: m, cols: n, data } = s;
  const numCols = m + 1;
  const numRows = n + 1;
  const cost = new Float64Array(numCols);
  cost[m] = 1;
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(Number.POSITIVE_INFINITY);
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows).fill(Number.POSITIVE_INFINITY);
  rowLower[n] = 1;
  rowUpper[n] = 1;
  const common = { sense: "max" as const, numRows, numCols, cost, colLower, colUpper, rowLower, rowUpper };
  if (format === "dense") {
    const matrix = new Float64Array(numRows * numCols);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) matrix[j * numCols + i] = data[i * n + j]!;
      matrix[j * numCols + m] = -1;
    }
    for (let i = 0; i < m; i++) matrix[n * numCols + i] = 1;
    return { format: "dense", ...common, matrix };
  }
  let nnz = n; // the v column
  for (let k = 0; k < data.length; k++) if (data[k] !== 0) nnz++;
  nnz += m; // the simplex row
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let pos = 0;
  for (let i = 0; i < m; i++) {
    starts[i] = pos;
    for (let j = 0; j < n; j++) {
      const a = data[i * n + j]!;
      if (a !== 0) {
        indices[pos] = j;
        values[pos] = a;
        pos++;
      }
    }
    indices[pos] = n;
    values[pos] = 1;
    pos++;
  }
  starts[m] = pos;
  for (let j = 0; j < n; j++) {
    indices[pos] = j;
    values[pos] = -1;
    pos++;
  }
  starts[numCols] = pos;
  return { format: "csc", ...common, starts, indices, values };
}

/**
 * The column player's problem as a row player's LP (for backends without duals): in the game with
 * matrix `C = 1 - s^T` (n x m, entries in [0, 1]) the row player is our column player, and
 * `maximise u s.t. sum_j C_ji y_j - u >= 0, sum_j y_j = 1, y, u >= 0` has value `1 - v'`. (The direct
 * form `minimise w s.t. s y - w <= 0` makes javascript-lp-solver hang on some 75 x 75 random games.)
 */
function colPlayerLp(s: PayoffMatrix): DenseLp {
  const { rows: m, cols: n, data } = s;
  const c = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c[j * m + i] = 1 - data[i * n + j]!;
  return rowPlayerLp({ rows: n, cols: m, data: c }, "dense") as DenseLp;
}

interface Candidate {
  attempt: LpAttempt;
  x: Float64Array | undefined;
  y: Float64Array | undefined;
}

function attemptWith(
  backend: LpBackend,
  a: PayoffMatrix,
  scaled: PayoffMatrix,
  tolerance: number,
): Candidate {
  const m = a.rows;
  const n = a.cols;
  const primal = backend.solve(rowPlayerLp(scaled, backend.name === "highs" ? "csc" : "dense"));
  let status: LpStatus = primal.status;
  let detail = primal.detail;
  let x: Float64Array | undefined;
  let y: Float64Array | undefined;
  if (primal.status === "optimal") {
    x = toSimplex(primal.x, 0, m, 1);
    // HiGHS: the dual of a ">=" row of a maximisation is <= 0; the column strategy is its negation.
    if (primal.rowDual !== undefined) y = toSimplex(primal.rowDual, 0, n, -1);
  }
  if (y === undefined && primal.status === "optimal") {
    const dual = backend.solve(colPlayerLp(scaled));
    if (dual.status !== "optimal") {
      status = dual.status;
      detail = `${detail}; column player's LP: ${dual.detail}`;
    } else y = toSimplex(dual.x, 0, n, 1);
  }
  const lower = x === undefined ? Number.NEGATIVE_INFINITY : guaranteedLower(a, x);
  const upper = y === undefined ? Number.POSITIVE_INFINITY : concededUpper(a, y);
  const gap = upper - lower;
  const certified = x !== undefined && y !== undefined && gap <= tolerance;
  if (status === "optimal" && (x === undefined || y === undefined)) {
    status = "failed";
    detail = `${detail}; returned no usable strategy`;
  }
  return { attempt: { backend: backend.name, status, lower, upper, gap, certified, detail }, x, y };
}

/**
 * Solves the zero-sum matrix game `A` (row player maximises `x^T A y`, column player minimises it) by
 * LP and certifies the answer: see the module comment for the LP, the rescaling and the certificate
 * `min_j (x^T A)_j <= value <= max_i (A y)_i`, certified when the gap is at most
 * `RELATIVE_TOLERANCE * (max A - min A)`. Falls back to the other backend when the first answer is
 * not certified. Synchronous once the backends are loaded.
 *
 * References: von Neumann 1928 (minimax theorem); Dantzig 1951 (LP formulation).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const backends = await loadLpBackends();
 * const r = solveMatrixGameLp(payoffMatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]), backends);
 * // r.value ≈ 0, r.rowStrategy ≈ [1/3, 1/3, 1/3], r.certified === true
 */
export function solveMatrixGameLp(
  a: PayoffMatrix,
  backends: LpBackends,
  options: MatrixGameLpOptions = {},
): MatrixGameLpResult {
  const { rows: m, cols: n, data } = a;
  if (m < 1 || n < 1 || data.length !== m * n) {
    throw new InputError(undefined, "A", `needs at least one row and one column (got ${m} x ${n})`);
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (!Number.isFinite(v))
      throw new InputError(undefined, `A[${Math.floor(k / n)}][${k % n}]`, `is not finite: ${v}`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const range = hi - lo;
  const tolerance = RELATIVE_TOLERANCE * range;
  if (!(range > 0)) {
    // Constant matrix: every profile is an equilibrium; no LP needed.
    const x = new Array<number>(m).fill(0);
    const y = new Array<number>(n).fill(0);
    x[0] = 1;
    y[0] = 1;
    return {
      rowStrategy: x,
      colStrategy: y,
      value: lo,
      lower: lo,
      upper: lo,
      gap: 0,
      tolerance,
      backend: "none",
      certified: true,
      attempts: [],
    };
  }
  const scaledData = new Float64Array(data.length);
  for (let k = 0; k < data.length; k++) scaledData[k] = (data[k]! - lo) / range;
  const scaled: PayoffMatrix = { rows: m, cols: n, data: scaledData };

  const choice = options.backend ?? "auto";
  const first: LpBackendName = choice === "auto" ? autoBackend(m, n) : choice;
  const order: LpBackendName[] = [first];
  if (options.fallback ?? true) order.push(first === "jslp" ? "highs" : "jslp");

  const candidates: Candidate[] = [];
  for (const name of order) {
    const c = attemptWith(backends[name], a, scaled, tolerance);
    candidates.push(c);
    if (c.attempt.certified) break;
  }
  let best = candidates[0]!;
  for (const c of candidates) if (c.attempt.gap < best.attempt.gap) best = c;
  const x = best.x ?? new Float64Array(m).fill(1 / m);
  const y = best.y ?? new Float64Array(n).fill(1 / n);
  const lower = guaranteedLower(a, x);
  const upper = concededUpper(a, y);
  return {
    rowStrategy: Array.from(x),
    colStrategy: Array.from(y),
    value: (lower + upper) / 2,
    lower,
    upper,
    gap: upper - lower,
    tolerance,
    backend: best.attempt.backend,
    certified: best.attempt.certified,
    attempts: candidates.map((c) => c.attempt),
  };
}

let backendsPromise: Promise<LpBackends> | undefined;

/**
 * Like `solveMatrixGameLp`, loading (once per process) the backends first.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const r = await solveMatrixGame(payoffMatrix([[1, -1], [-1, 1]])); // r.value ≈ 0
 */
export async function solveMatrixGame(
  a: PayoffMatrix,
  options: MatrixGameLpOptions = {},
): Promise<MatrixGameLpResult> {
  backendsPromise ??= loadLpBackends().catch((err: unknown) => {
    backendsPromise = undefined;
    throw err;
  });
  return solveMatrixGameLp(a, await backendsPromise, options);
}
