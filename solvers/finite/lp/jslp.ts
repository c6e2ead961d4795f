/**
 * LP backend on javascript-lp-solver 1.0.3 (pure JavaScript dense simplex, MIT).
 *
 * Known limits (measured, docs/discussion.md): it hangs on free (`unrestricted`) variables
 * from about 48 columns, rounds returned values to its precision (default 1e-8; we pass 1e-12), and
 * mis-solves badly scaled coefficients (1e7, 1e-8). The backend accepts any problem, but callers
 * should give it nonnegative variables and coefficients of order one; the matrix-game solver
 * (`constant-sum.ts`) rescales payoffs to [0, 1] and keeps every variable nonnegative for it. It gives
 * no row duals.
 *
 * Reference: J. W. Wolcott et al., jsLPSolver, https://github.com/JWally/jsLPSolver.
 */
import type { Model, SolveResult } from "javascript-lp-solver";
import { failedLpResult, type LpBackend, type LpProblem, type LpResult } from "./backend.js";
import { jslpSolver } from "./shims.js";

/** Precision handed to `solver.Solve`; its default (1e-8) rounds every returned value to 1e-8. */
export const JSLP_PRECISION = 1e-12;

const OBJECTIVE = "__objective";

/**
 * Builds the javascript-lp-solver JSON model of `problem`: variable `x{j}`, constraint `r{i}`;
 * finite variable bounds other than `x >= 0` and `x free` become extra constraints `lo{j}`, `up{j}`.
 *
 * @example
 * const model = toJslpModel(problem); // solver.Solve(model, 1e-12)
 */
export function toJslpModel(problem: LpProblem): Model {
  const { numRows, numCols } = problem;
  const constraints: Model["constraints"] = {};
  for (let i = 0; i < numRows; i++) {
    const lo = problem.rowLower[i]!;
    const up = problem.rowUpper[i]!;
    const hasLo = lo > Number.NEGATIVE_INFINITY;
    const hasUp = up < Number.POSITIVE_INFINITY;
    if (hasLo && hasUp) constraints[`r${i}`] = lo === up ? { equal: lo } : { min: lo, max: up };
    else if (hasLo) constraints[`r${i}`] = { min: lo };
    else if (hasUp) constraints[`r${i}`] = { max: up };
  }
  const variables: Model["variables"] = {};
  const unrestricted: Record<string, boolean> = {};
  for (let j = 0; j < numCols; j++) {
    const coefs: Record<string, number> = {};
    const c = problem.cost[j]!;
    if (c !== 0) coefs[OBJECTIVE] = c;
    if (problem.format === "dense") {
      for (let i = 0; i < numRows; i++) {
        const a = problem.matrix[i * numCols + j]!;
        if (a !== 0) coefs[`r${i}`] = a;
      }
    } else {
      for (let k = problem.starts[j]!; k < problem.starts[j + 1]!; k++) {
        coefs[`r${problem.indices[k]!}`] = problem.values[k]!;
      }
    }
    const lo = problem.colLower[j]!;
    const up = problem.colUpper[j]!;
    if (lo === Number.NEGATIVE_INFINITY) unrestricted[`x${j}`] = true;
    else if (lo !== 0) {
      coefs[`lo${j}`] = 1;
      constraints[`lo${j}`] = { min: lo };
    }
    if (up < Number.POSITIVE_INFINITY) {
      coefs[`up${j}`] = 1;
      constraints[`up${j}`] = { max: up };
    }
    variables[`x${j}`] = coefs;
  }
  return {
    optimize: OBJECTIVE,
    opType: problem.sense,
    constraints,
    variables,
    unrestricted,
  };
}

/**
 * Creates the javascript-lp-solver backend. `solve` builds the JSON model, calls
 * `solver.Solve(model, 1e-12)` and reads back `x` (missing variables are zero). No row duals.
 *
 * Reference: G. B. Dantzig, "Linear Programming and Extensions", 1963 (simplex method).
 *
 * @example
 * const r = createJslpBackend().solve(problem);
 * if (r.status === "optimal") console.log(r.x);
 */
export function createJslpBackend(): LpBackend {
  return {
    name: "jslp",
    solve(problem: LpProblem): LpResult {
      let out: SolveResult;
      try {
        out = jslpSolver().Solve(toJslpModel(problem), JSLP_PRECISION) as SolveResult;
      } catch (err) {
        return failedLpResult(problem, "failed", `javascript-lp-solver threw: ${String(err)}`);
      }
      if (!out.feasible) return failedLpResult(problem, "infeasible", "javascript-lp-solver: infeasible");
      if (out.bounded === false)
        return failedLpResult(problem, "unbounded", "javascript-lp-solver: unbounded");
      const x = new Float64Array(problem.numCols);
      for (let j = 0; j < problem.numCols; j++) {
        const v = out[`x${j}`];
        x[j] = typeof v === "number" ? v : 0;
      }
      let objective = 0;
      for (let j = 0; j < problem.numCols; j++) objective += problem.cost[j]! * x[j]!;
      if (!Number.isFinite(objective))
        return failedLpResult(problem, "failed", "javascript-lp-solver: non-finite answer");
      return { status: "optimal", objective, x, rowDual: undefined, detail: "javascript-lp-solver: optimal" };
    },
  };
}
