/**
 * The synchronous half of the on-demand package loaders (`lp/shims.ts`, `dynamics/ml-matrix.ts`): a
 * solver whose `solve` is synchronous cannot await `import()`, so under Node it requires the package's
 * CommonJS build on the spot. Not part of the public API.
 */

/**
 * `require(pkg)` under Node, `undefined` elsewhere (a browser bundle, where the caller's async loader
 * must have run first). `node:module` is reached through `process.getBuiltinModule`, so that no static
 * import puts it in the explorer's bundle.
 */
export function requireUnderNode(pkg: string): unknown {
  const nodeModule = globalThis.process?.getBuiltinModule?.("node:module") as
    | typeof import("node:module")
    | undefined;
  return nodeModule?.createRequire(import.meta.url)(pkg);
}
