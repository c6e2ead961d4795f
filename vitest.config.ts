/**
 * Two tiers of tests (ARCHITECTURE.md, "The test tiers"); CI (`.ci/run`) runs both.
 *
 * - `unit` (`npm test`): every `test/**\/*.test.ts` but the slow ones. Its files share worker
 *   processes (`isolate: false`: each file's modules are loaded once per worker, not once per file,
 *   which halves the suite's CPU), so a test file must leave global state as it found it (a registered
 *   payoff rule or rule family is unregistered in `finally`/`afterEach`, a changed directory restored).
 * - `slow` (`npm run test:slow`): the inherently heavy checks, each in its own process: a real browser
 *   (`test/web/`: the explorer), a real Slurm, the Kubernetes recipe run shard by shard, the report's
 *   screenshots. A new heavy file is named `*.slow.test.ts` (or goes in `test/web/`).
 *
 * `npx vitest run FILE` runs one file in whichever tier holds it.
 */
import { defineConfig } from "vitest/config";

const SLOW = ["test/**/*.slow.test.ts", "test/web/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    pool: "forks",
    // with MODELMARKET_TEST_CPU_LOG=FILE, each test file's CPU time goes to FILE (`npm run test:cpu`)
    setupFiles: ["test/helpers/cpu-log.ts"],
    reporters: ["default", "./test/summaryReporter.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: SLOW, isolate: false },
      },
      { extends: true, test: { name: "slow", include: SLOW } },
    ],
  },
});
