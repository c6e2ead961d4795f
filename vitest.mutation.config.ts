/**
 * The tests Stryker runs against the mutated core files (`npm run mutation`): the unit and property
 * tests of the model and the finite-game algorithms, without the slow end-to-end suites (workers,
 * the CLI, the real tables) that do not test these files more closely and would time out.
 */
import { defineConfig } from "vitest/config";

/**
 * `MUTATION_TESTS=model` or `=finite` narrows the run to the tests of one group of core files (the
 * model's own tests already kill what they can; the best-response suites only add minutes per mutant).
 */
const SUITES: Record<string, string[]> = {
  model: ["test/model/**/*.test.ts"],
  finite: [
    "test/finite/{lcp,lcp-exact,enummixed,enummixed-reverse,enummixed-cliques,game,known-games,random,rational,nash-methods,limits}.test.ts",
  ],
  solvers: ["test/solvers/{incremental,bestResponse,taskValuer}.test.ts"],
};
const chosen = process.env.MUTATION_TESTS;
if (chosen !== undefined && SUITES[chosen] === undefined) {
  throw new Error(`MUTATION_TESTS must be one of ${Object.keys(SUITES).join(", ")}, got ${chosen}`);
}

export default defineConfig({
  test: {
    include: chosen === undefined ? Object.values(SUITES).flat() : SUITES[chosen]!,
    testTimeout: 120_000,
    pool: "forks",
  },
});
