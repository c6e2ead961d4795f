/**
 * One small linear-programming interface shared by every LP backend of modelmarket.
 *
 * A problem is
 *
 * ```text
 * optimise (max or min)   c^T x
 * subject to              rowLower <= M x <= rowUpper
 *                         colLower <=   x <= colUpper
 * ```
 *
 * with the constraint matrix `M` given densely (row-major) or in compressed sparse column (CSC) form.
 * Infinite bounds are `Infinity` / `-Infinity`. Backends (`jslp.ts`: javascript-lp-solver,
 * `highs.ts`: HiGHS compiled to WebAssembly) solve it synchronously; loading HiGHS is the only
 * asynchronous step and happens once per process.
 *
 * Reference: G. B. Dantzig, "Linear Programming and Extensions", Princeton University Press, 1963.
 */

/** Backend identifiers. */
export type LpBackendName = "jslp" | "highs";

/** Fields common to dense and sparse problems. All vectors are copied by the backends, never kept. */
export interface LpCommon {
  /** `"max"` maximises `c^T x`, `"min"` minimises it. */
  readonly sense: "max" | "min";
  /** Number of constraint rows. */
  readonly numRows: number;
  /** Number of variables (columns). */
  readonly numCols: number;
  /** Objective coefficients `c`, length `numCols`. */
  readonly cost: Float64Array;
  /** Lower bounds of the variables (`-Infinity` for a free variable), length `numCols`. */
  readonly colLower: Float64Array;
  /** Upper bounds of the variables (`Infinity` for none), length `numCols`. */
  readonly colUpper: Float64Array;
  /** Lower bounds of the row activities `M x` (`-Infinity` for none), length `numRows`. */
  readonly rowLower: Float64Array;
  /** Upper bounds of the row activities (`Infinity` for none), length `numRows`. */
  readonly rowUpper: Float64Array;
}

/** A problem whose constraint matrix is dense, row-major: `M[i][j] = matrix[i * numCols + j]`. */
export interface DenseLp extends LpCommon {
  readonly format: "dense";
  readonly matrix: Float64Array;
}

/**
 * A problem whose constraint matrix is in compressed sparse column form: column `j` holds the entries
 * `values[k]` in rows `indices[k]` for `starts[j] <= k < starts[j + 1]`.
 */
export interface CscLp extends LpCommon {
  readonly format: "csc";
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** Any LP problem a backend accepts. */
export type LpProblem = DenseLp | CscLp;

/** Outcome of a solve. `"failed"` covers solver errors and limits (no trustworthy answer). */
export type LpStatus = "optimal" | "infeasible" | "unbounded" | "failed";

/** What a backend returns. Values are as reported by the backend: callers must verify them. */
export interface LpResult {
  readonly status: LpStatus;
  /** `c^T x` as reported by the backend (`NaN` unless `status` is `"optimal"`). */
  readonly objective: number;
  /** Primal solution, length `numCols` (zeros unless `status` is `"optimal"`). */
  readonly x: Float64Array;
  /**
   * Row duals `d objective / d (active row bound)`, length `numRows`, when the backend provides them
   * (HiGHS does; javascript-lp-solver does not, so it is `undefined` there).
   */
  readonly rowDual: Float64Array | undefined;
  /** One line on what the backend said, for diagnostics. */
  readonly detail: string;
}

/**
 * An LP solver. `solve` is synchronous and never throws for an optimisation outcome (infeasible,
 * unbounded, failure): it reports it in `status`.
 *
 * @example
 * const backend: LpBackend = (await loadLpBackends()).jslp;
 * backend.name; // "jslp"
 */
export interface LpBackend {
  readonly name: LpBackendName;
  solve(problem: LpProblem): LpResult;
}

/**
 * Converts a dense row-major problem to CSC, dropping exact zeros. Cost `O(numRows * numCols)`.
 *
 * @example
 * const csc = denseToCsc(dense); // csc.starts.length === dense.numCols + 1
 */
export function denseToCsc(problem: DenseLp): CscLp {
  const { numRows, numCols, matrix } = problem;
  let nnz = 0;
  for (let k = 0; k < matrix.length; k++) if (matrix[k] !== 0) nnz++;
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let pos = 0;
  for (let j = 0; j < numCols; j++) {
    starts[j] = pos;
    for (let i = 0; i < numRows; i++) {
      const a = matrix[i * numCols + j]!;
      if (a !== 0) {
        indices[pos] = i;
        values[pos] = a;
        pos++;
      }
    }
  }
  starts[numCols] = pos;
  return {
    format: "csc",
    sense: problem.sense,
    numRows,
    numCols,
    cost: problem.cost,
    colLower: problem.colLower,
    colUpper: problem.colUpper,
    rowLower: problem.rowLower,
    rowUpper: problem.rowUpper,
    starts,
    indices,
    values,
  };
}

/**
 * A result carrying no answer (objective `NaN`, `x` all zeros, no duals), with the given status and
 * explanation; backends return it for every non-optimal outcome.
 *
 * @example
 * return failedLpResult(problem, "infeasible", "javascript-lp-solver: infeasible");
 */
export function failedLpResult(
  problem: LpProblem,
  status: Exclude<LpStatus, "optimal">,
  detail: string,
): LpResult {
  return {
    status,
    objective: Number.NaN,
    x: new Float64Array(problem.numCols),
    rowDual: undefined,
    detail,
  };
}
