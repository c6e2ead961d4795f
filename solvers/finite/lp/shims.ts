/**
 * Typed entry points of the two LP packages, independent of the module resolution a compiler uses.
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
import * as jslpNamespace from "javascript-lp-solver";

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
  const first = (namespace as { default?: unknown }).default;
  if (isExport(first)) return first as T;
  const second = (first as { default?: unknown } | undefined)?.default;
  if (isExport(second)) return second as T;
  throw new Error(`${what}: the package's default export is not what this version expects`);
}

/**
 * `import loadHighs from "highs"`, typed, and imported on the first call: the package's 170 kB of
 * JavaScript is then parsed only by a process that solves with HiGHS, not by every `check` shard or
 * command that merely imports the LP backends.
 */
export const loadHighs: HighsLoader = async (options) => {
  const load = defaultExport<HighsLoader>(await import("highs"), (x) => typeof x === "function", "highs");
  return load(options);
};

/** `import solver from "javascript-lp-solver"`, typed. */
export const jslpSolver: JslpSolver = defaultExport<JslpSolver>(
  jslpNamespace,
  (x) => typeof (x as { Solve?: unknown } | undefined)?.Solve === "function",
  "javascript-lp-solver",
);
