/**
 * LP backend on HiGHS 1.15.3 compiled to WebAssembly (`highs` npm package, MIT).
 *
 * The WebAssembly module is loaded once per process (about 70 ms; the promise is cached), after which
 * every solve is synchronous. Problems are passed as CSC arrays to `raw.lpCall` (the LP-text API is
 * 2-4 times slower). HiGHS returns row duals, so one solve of a matrix game gives both players'
 * strategies.
 *
 * Reference: Q. Huangfu and J. A. J. Hall, "Parallelizing the dual revised simplex method",
 * Mathematical Programming Computation 10 (2018) 119-142; https://highs.dev.
 */
import loadHighs, { type Highs } from "highs";
import {
  type CscLp,
  denseToCsc,
  failedLpResult,
  type LpBackend,
  type LpProblem,
  type LpResult,
} from "./backend.js";

let highsPromise: Promise<Highs> | undefined;

/**
 * Loads the HiGHS WebAssembly runtime once per process and returns the cached instance.
 *
 * @example
 * const highs = await loadHighsOnce();
 */
export function loadHighsOnce(): Promise<Highs> {
  if (highsPromise === undefined) {
    highsPromise = loadHighs().catch((err: unknown) => {
      highsPromise = undefined;
      throw err;
    });
  }
  return highsPromise;
}

const STATUS_NAMES: Record<number, string> = {
  0: "notSet",
  1: "loadError",
  2: "modelError",
  3: "presolveError",
  4: "solveError",
  5: "postsolveError",
  6: "empty",
  7: "optimal",
  8: "infeasible",
  9: "unboundedOrInfeasible",
  10: "unbounded",
  11: "objectiveBound",
  12: "objectiveTarget",
  13: "timeLimit",
  14: "iterationLimit",
  15: "unknown",
  16: "solutionLimit",
  17: "interrupted",
};

function finiteOr(inf: number, v: Float64Array): Float64Array {
  // HiGHS wants its own infinity value for missing bounds (it is IEEE infinity in this build).
  const out = new Float64Array(v.length);
  for (let k = 0; k < v.length; k++) {
    const x = v[k]!;
    out[k] = x === Number.POSITIVE_INFINITY ? inf : x === Number.NEGATIVE_INFINITY ? -inf : x;
  }
  return out;
}

/**
 * Creates the HiGHS backend (awaits the one-time WebAssembly load). `solve` converts dense problems to
 * CSC, calls `raw.lpCall` and maps the model status: 7 → `"optimal"`, 8 → `"infeasible"`,
 * 10 → `"unbounded"`, anything else → `"failed"`.
 *
 * Reference: Huangfu and Hall 2018 (dual revised simplex); https://highs.dev.
 *
 * @example
 * const highs = await createHighsBackend();
 * const r = highs.solve(problem); // r.rowDual holds the row duals
 */
export async function createHighsBackend(): Promise<LpBackend> {
  const highs = await loadHighsOnce();
  const inf = highs.infinity;
  return {
    name: "highs",
    solve(problem: LpProblem): LpResult {
      const csc: CscLp = problem.format === "csc" ? problem : denseToCsc(problem);
      let out: ReturnType<Highs["raw"]["lpCall"]>;
      try {
        out = highs.raw.lpCall({
          numCols: csc.numCols,
          numRows: csc.numRows,
          sense:
            csc.sense === "max"
              ? highs.constants.objectiveSense.maximize
              : highs.constants.objectiveSense.minimize,
          colCost: csc.cost,
          colLower: finiteOr(inf, csc.colLower),
          colUpper: finiteOr(inf, csc.colUpper),
          rowLower: finiteOr(inf, csc.rowLower),
          rowUpper: finiteOr(inf, csc.rowUpper),
          matrix: {
            format: "csc",
            numRows: csc.numRows,
            numCols: csc.numCols,
            starts: csc.starts,
            indices: csc.indices,
            values: csc.values,
          },
        });
      } catch (err) {
        return failedLpResult(problem, "failed", `HiGHS threw: ${String(err)}`);
      }
      if (out.status === -1)
        return failedLpResult(problem, "failed", "HiGHS: lpCall returned an error status");
      const code = out.value.modelStatus as number;
      const name = STATUS_NAMES[code] ?? `status ${code}`;
      if (code === 8) return failedLpResult(problem, "infeasible", "HiGHS: infeasible");
      if (code === 10) return failedLpResult(problem, "unbounded", "HiGHS: unbounded");
      if (code !== 7) return failedLpResult(problem, "failed", `HiGHS: model status ${name}`);
      const x = Float64Array.from(out.value.solution.colValue);
      let objective = 0;
      for (let j = 0; j < csc.numCols; j++) objective += csc.cost[j]! * x[j]!;
      return {
        status: "optimal",
        objective,
        x,
        rowDual: Float64Array.from(out.value.solution.rowDual),
        detail: `HiGHS: ${name}`,
      };
    },
  };
}
