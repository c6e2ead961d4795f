/**
 * The tests Stryker runs against the mutated core files (`npm run mutation`): the unit and property
 * tests of the model and the finite-game algorithms, without the slow end-to-end suites (workers,
 * the CLI, the real tables) that do not test these files more closely and would time out.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/model/**/*.test.ts",
      "test/finite/{lcp,enummixed,game,known-games,random,rational,nash-methods}.test.ts",
      "test/solvers/{incremental,bestResponse,taskValuer}.test.ts",
    ],
    testTimeout: 120_000,
    pool: "forks",
  },
});
