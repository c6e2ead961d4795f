/**
 * ml-matrix (the dense linear algebra of logit tracing), loaded on first use, so that a command that
 * traces no logit path (`entry`, `check`, `equilibrium` on two producers) does not pay for it at start-up
 * (about 65 ms). `mlMatrix` is synchronous because the trace is: under Node it requires the package's
 * CommonJS build on the spot; elsewhere (the explorer's Web Workers) `loadMlMatrix` must be awaited first.
 */
import type * as MlMatrix from "ml-matrix";
import { requireUnderNode } from "../node-require.js";

/** The part of ml-matrix this project calls. */
export type MlMatrixModule = Pick<typeof MlMatrix, "LuDecomposition" | "Matrix">;

let loaded: MlMatrixModule | undefined;

const isModule = (x: unknown): x is MlMatrixModule =>
  typeof (x as Partial<MlMatrixModule> | undefined)?.LuDecomposition === "function";

function keep(mod: unknown): MlMatrixModule {
  if (!isModule(mod)) throw new Error("ml-matrix: the package's exports are not what this version expects");
  loaded = mod;
  return mod;
}

/**
 * Imports ml-matrix once (a no-op afterwards), so that the synchronous solvers can use it anywhere:
 * call it before `solveFiniteSync` or `solveEquilibria` outside Node (a Web Worker, a bundler's
 * browser build); under Node they load it themselves. `solveFinite` and `solveEquilibriaAsync` call it.
 *
 * Source: the package's documentation, https://mljs.github.io/matrix/.
 *
 * @throws Error when the package cannot be imported
 * @example
 * import { loadMlMatrix } from "modelmarket/finite";
 * await loadMlMatrix(); // resolves to undefined; logit tracing can then run synchronously in any environment
 */
export async function loadMlMatrix(): Promise<void> {
  if (loaded !== undefined) return;
  const ns: unknown = await import("ml-matrix");
  keep(isModule(ns) ? ns : (ns as { default?: unknown }).default);
}

/** The loaded package; see `loadMlMatrix`. */
export function mlMatrix(): MlMatrixModule {
  if (loaded !== undefined) return loaded;
  const mod = requireUnderNode("ml-matrix");
  if (mod === undefined) throw new Error("ml-matrix: call loadMlMatrix() first outside Node");
  return keep(mod);
}
