// Mutation testing of the core files (`npm run mutation`; slow, not part of CI). Scores per file go to
// reports/mutation/ (HTML and JSON) and the console table; docs/discussion.md records them. Narrow a
// run to some files and to their group's tests (vitest.mutation.config.ts), as the recorded runs did:
//   MUTATION_TESTS=model npm run mutation -- --mutate src/model/selection/probit.ts
//   MUTATION_TESTS=finite npm run mutation -- --mutate 'solvers/finite/lcp/index.ts,solvers/finite/enummixed/*.ts'
// timeoutMS is added to each mutant's expected time: a mutant that loops forever costs that much.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "vitest.mutation.config.ts" },
  coverageAnalysis: "perTest",
  mutate: [
    "src/model/selection/logit.ts",
    "src/model/payoffs.ts",
    "solvers/finite/lcp/index.ts",
    "solvers/finite/enummixed/*.ts",
    "src/model/selection/probit.ts",
  ],
  reporters: ["clear-text", "html", "json", "progress"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  concurrency: 1,
  timeoutMS: 10000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  thresholds: { high: 85, low: 70, break: null },
};
