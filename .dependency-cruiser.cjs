/**
 * The layer rule of modelmarket (ARCHITECTURE.md): imports only go down.
 *
 *   src/errors.ts, src/work.ts, src/limits.ts, src/threads.ts, src/textFile.ts < src/numeric < src/model < src/io (and the facade src/index.ts)
 *   < solvers < proofs-check, empirical < cli < web, bin
 *
 * test/ and bench/ may import anything; nothing else may import them. `npm run deps` checks this
 * and .ci/run fails on any violation; test/architecture.test.ts proves a planted wrong-way import
 * is caught.
 */

/** Folders (as path regexes) above each layer: a module of the layer may not import them. */
const ABOVE_SOLVERS = "^(proofs-check|empirical|cli|web|bin)/";
const ABOVE_IO = `^src/index\\.ts$|^solvers/|${ABOVE_SOLVERS}`;
const ABOVE_MODEL = `^src/io/|${ABOVE_IO}`;
const ABOVE_NUMERIC = `^src/model/|${ABOVE_MODEL}`;
const ABOVE_BOTTOM = `^src/numeric/|${ABOVE_NUMERIC}`;

/** One rule per layer: what it may not import. */
const layers = [
  [
    "bottom-imports-only-bottom",
    "^src/(errors|work|limits|threads|textFile)\\.ts$|^src/worker-boot\\.mjs$",
    ABOVE_BOTTOM,
  ],
  ["numeric-imports-only-errors-work", "^src/numeric/", ABOVE_NUMERIC],
  ["model-imports-only-numeric-and-below", "^src/model/", ABOVE_MODEL],
  ["io-imports-only-model-and-below", "^src/io/", ABOVE_IO],
  ["src-facade-imports-only-src", "^src/index\\.ts$", `^solvers/|${ABOVE_SOLVERS}`],
  ["solvers-import-only-src", "^solvers/", ABOVE_SOLVERS],
  // modelmarket/finite is a stand-alone game library: it knows no market (src/model), reads no market
  // file (src/io) and uses no other solver; the market-to-game adapter is solvers/marketGameFile.ts.
  [
    "finite-is-a-stand-alone-game-library",
    "^solvers/finite/",
    "^src/(model|io)/|^src/index\\.ts$|^solvers/(?!finite/)",
  ],
  ["proofs-check-does-not-import-empirical-or-above", "^proofs-check/", "^(empirical|cli|web|bin)/"],
  ["empirical-does-not-import-proofs-check-or-above", "^empirical/", "^(proofs-check|cli|web|bin)/"],
  ["cli-does-not-import-web", "^cli/", "^(web|bin)/"],
  // The explorer and the bin script are users of the package: they import it by its name
  // (`modelmarket`, `modelmarket/solvers`, resolved through package.json `exports` to dist/), never
  // the source folders, so they see exactly what an installed package offers.
  ["web-imports-only-the-package", "^web/", "^(src|solvers|proofs-check|empirical|cli)/"],
  ["bin-imports-only-the-build", "^bin/", "^(src|solvers|proofs-check|empirical|cli|web)/"],
];

module.exports = {
  forbidden: [
    ...layers.map(([name, from, to]) => ({
      name,
      severity: "error",
      comment: "Imports only go down the layers of ARCHITECTURE.md.",
      from: { path: from },
      to: { path: to },
    })),
    {
      name: "library-does-not-import-tests-or-bench",
      severity: "error",
      comment: "test/ and bench/ sit beside the layers: they may import anything, nothing imports them.",
      from: { path: "^(src|solvers|proofs-check|empirical|cli|web|bin)/" },
      to: { path: "^(test|bench)/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import the cruiser cannot resolve would escape the layer rules, so it is an error.",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "A cycle makes two modules one layer; break it by moving the shared part down. Type-only imports are erased at run time, so a cycle through one does not count.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^node_modules/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
