/**
 * Typed entry points of the two LP packages, each loaded on first use (a command that solves no LP,
 * such as `check` or `entry`, loads neither), independent of the module resolution a compiler uses.
 *
 * Both packages ship one CommonJS-flavoured `.d.ts` for their ES-module and CommonJS builds. Under
 * `moduleResolution: "bundler"` a default import is typed as the loader (HiGHS) or the solver object
 * (javascript-lp-solver); under `"nodenext"` the same import is typed as the whole CommonJS module, so
 * `loadHighs()` is "not callable" and `solver.Solve` "does not exist", although Node's ES-module build
 * of each package does export them as `default`. Reading `default` off the namespace here, once, with
 * an explicit type, compiles the same under both resolutions and keeps the rest of the code typed.
 * Not part of the public API.
 */
import type { Highs, InitOptions } from "highs";
import type { Model, SolveResult } from "javascript-lp-solver";
import { requireUnderNode } from "../node-require.js";

/** The HiGHS WebAssembly loader (the `highs` package's default export). */
export type HighsLoader = (options?: InitOptions) => Promise<Highs>;

/** The part of javascript-lp-solver's solver object this project calls. */
export interface JslpSolver {
  Solve(model: Model, precision?: number): SolveResult | unknown;
}

/**
 * The default export of an ES-module namespace; a CommonJS module seen through interop may nest it
 * once more (`namespace.default.default`), which `isExport` tells apart.
 */
function defaultExport<T>(namespace: unknown, isExport: (x: unknown) => boolean, what: string): T {
  if (isExport(namespace)) return namespace as T;
  const first = (namespace as { default?: unknown }).default;
  if (isExport(first)) return first as T;
  const second = (first as { default?: unknown } | undefined)?.default;
  if (isExport(second)) return second as T;
  throw new Error(`${what}: the package's default export is not what this version expects`);
}

const isLoader = (x: unknown) => typeof x === "function";
const isSolver = (x: unknown) => typeof (x as { Solve?: unknown } | undefined)?.Solve === "function";

/** `import loadHighs from "highs"`, typed, imported on the first call. */
export async function loadHighs(options?: InitOptions): Promise<Highs> {
  const loader = defaultExport<HighsLoader>(await import("highs"), isLoader, "highs");
  return loader(options);
}

let jslp: JslpSolver | undefined;

/**
 * `import solver from "javascript-lp-solver"`, typed, imported on first use. `loadJslp` imports it
 * anywhere (the explorer's bundle too); `jslpSolver` is synchronous, because a backend's `solve` is:
 * after `loadJslp` it returns the loaded solver, before it (under Node) it requires the package's
 * CommonJS build on the spot.
 */
export async function loadJslp(): Promise<JslpSolver> {
  jslp ??= defaultExport<JslpSolver>(await import("javascript-lp-solver"), isSolver, "javascript-lp-solver");
  return jslp;
}

/** The loaded javascript-lp-solver; see `loadJslp`. */
export function jslpSolver(): JslpSolver {
  if (jslp !== undefined) return jslp;
  // Node only: the explorer calls loadJslp first, through loadLpBackends
  const mod = requireUnderNode("javascript-lp-solver");
  if (mod === undefined) throw new Error("javascript-lp-solver: call loadJslp() first outside Node");
  jslp = defaultExport<JslpSolver>(mod, isSolver, "javascript-lp-solver");
  return jslp;
}
