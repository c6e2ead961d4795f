/**
 * LP backend on HiGHS 1.15.3 compiled to WebAssembly (`highs` npm package, MIT).
 *
 * The WebAssembly module is loaded once per process (about 70 ms; the promise is cached), after which
 * every solve is synchronous. Problems are passed as CSC arrays to the raw (C-API) interface — the
 * LP-text API is 2-4 times slower — on one persistent instance, so that solver options can be set
 * (`raw.lpCall` takes none). HiGHS returns row duals, so one solve of a matrix game gives both players'
 * strategies.
 *
 * Reference: Q. Huangfu and J. A. J. Hall, "Parallelizing the dual revised simplex method",
 * Mathematical Programming Computation 10 (2018) 119-142; https://highs.dev.
 */
import type { Highs } from "highs";
import {
  type CscLp,
  denseToCsc,
  failedLpResult,
  type LpBackend,
  type LpProblem,
  type LpResult,
} from "./backend.js";
import { loadHighs } from "./shims.js";

let highsPromise: Promise<Highs> | undefined;

/**
 * Loads the HiGHS WebAssembly runtime once per process and returns the cached instance. Not exported:
 * HiGHS's type declarations need the DOM's `WebAssembly` types, which a consumer's `tsc` without
 * `skipLibCheck` would then have to find; the public API is `createHighsBackend`.
 */
function loadHighsOnce(): Promise<Highs> {
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
 * HiGHS options of the fast path. Measured on dense game LPs (min of 30 solves, n x n random games):
 * primal simplex without presolve takes 0.66 / 1.4 / 5.8 ms at n = 30 / 50 / 100 against 2.3 / 2.8 /
 * 12 ms for the defaults (`raw.lpCall`, dual simplex with presolve). A solve that does not end
 * optimal is repeated with HiGHS's defaults.
 */
export const HIGHS_FAST_OPTIONS: Readonly<Record<string, string | number | boolean>> = {
  output_flag: false,
  presolve: "off",
  simplex_strategy: 4,
};

/**
 * Creates the HiGHS backend (awaits the one-time WebAssembly load). `solve` converts dense problems to
 * CSC and solves them on one persistent HiGHS instance with `HIGHS_FAST_OPTIONS` (primal simplex, no
 * presolve), then, if that did not end optimal, once more with HiGHS's default options. The model
 * status maps 7 → `"optimal"`, 8 → `"infeasible"`, 10 → `"unbounded"`, anything else → `"failed"`.
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
  // One persistent native instance for the backend's lifetime (solves are synchronous, never nested).
  const raw = highs.raw.createModel();

  function run(
    csc: CscLp,
    fast: boolean,
  ): { code: number; detail: string; x?: Float64Array; dual?: Float64Array } {
    raw.clearModel();
    raw.resetOptions();
    raw.setOptionValue("output_flag", false);
    if (fast) {
      for (const [k, v] of Object.entries(HIGHS_FAST_OPTIONS)) {
        if (raw.setOptionValue(k, v).status === -1)
          return { code: -1, detail: `HiGHS: option ${k} = ${v} rejected` };
      }
    }
    const passed = raw.passModel({
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
    if (passed.status === -1) return { code: -1, detail: "HiGHS: passModel returned an error status" };
    if (raw.run().status === -1) return { code: -1, detail: "HiGHS: run returned an error status" };
    const code = raw.getModelStatus() as number;
    const name = STATUS_NAMES[code] ?? `status ${code}`;
    const how = fast ? "primal simplex, no presolve" : "default options";
    if (code !== 7) return { code, detail: `HiGHS (${how}): ${name}` };
    const sol = raw.getSolution();
    if (sol.status === -1) return { code: -1, detail: "HiGHS: getSolution returned an error status" };
    return {
      code,
      detail: `HiGHS (${how}): ${name}`,
      x: Float64Array.from(sol.value.colValue),
      dual: Float64Array.from(sol.value.rowDual),
    };
  }

  return {
    name: "highs",
    solve(problem: LpProblem): LpResult {
      const csc: CscLp = problem.format === "csc" ? problem : denseToCsc(problem);
      let out: ReturnType<typeof run>;
      try {
        out = run(csc, true);
        if (out.code !== 7) {
          const first = out.detail;
          out = run(csc, false);
          out = { ...out, detail: `${first}; retried: ${out.detail}` };
        }
      } catch (err) {
        return failedLpResult(problem, "failed", `HiGHS threw: ${String(err)}`);
      }
      if (out.code === 8) return failedLpResult(problem, "infeasible", out.detail);
      if (out.code === 10) return failedLpResult(problem, "unbounded", out.detail);
      if (out.code !== 7 || out.x === undefined) return failedLpResult(problem, "failed", out.detail);
      let objective = 0;
      for (let j = 0; j < csc.numCols; j++) objective += csc.cost[j]! * out.x[j]!;
      return { status: "optimal", objective, x: out.x, rowDual: out.dual, detail: out.detail };
    },
  };
}
