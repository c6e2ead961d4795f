/**
 * Two tiers of tests (ARCHITECTURE.md, "The test tiers"); CI (`.ci/run`) runs both.
 *
 * - `unit` (`npm test`): every `test/**\/*.test.ts` but the slow ones. Its files share worker
 *   processes (`isolate: false`: each file's modules are loaded once per worker, not once per file,
 *   which halves the suite's CPU), so a test file must leave global state as it found it (a registered
 *   payoff rule or rule family is unregistered in `finally`/`afterEach`, a changed directory restored).
 *   A file that replaces modules (`vi.mock`), which a shared module cache would defeat, is named
 *   `*.isolated.test.ts` and runs in `npm test` too, in its own process (project `unit-isolated`).
 * - `slow` (`npm run test:slow`): the inherently heavy checks, each in its own process: a real browser
 *   (`test/web/`: the explorer; the reports' screenshots), a real Slurm, the Kubernetes recipe run shard
 *   by shard, the Docker image replayed. A new heavy file is named `*.slow.test.ts` (or goes in `test/web/`).
 *
 * `npx vitest run FILE` runs one file in whichever tier holds it.
 */
import { defineConfig } from "vitest/config";

const SLOW = ["test/**/*.slow.test.ts", "test/web/**/*.test.ts"];
const ISOLATED = ["test/**/*.isolated.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    pool: "forks",
    // with MODELMARKET_TEST_CPU_LOG=FILE, each test file's CPU time goes to FILE (`npm run test:cpu`)
    setupFiles: ["test/helpers/cpu-log.ts"],
    reporters: ["default", "./test/summaryReporter.ts"],
    // `npm run coverage` (the unit tier with coverage; CI runs it as its unit-tier run): a floor on the
    // core layers, set just under what they measure, so a change that leaves code untested fails. Code
    // run only by a CLI child process or a worker thread is not counted (v8 covers the test processes).
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts", "solvers/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "coverage",
      // measured on 7 December 2026: src/ lines 94.8, functions 97.4, branches 85.8, statements 93.2;
      // solvers/ lines 97.8, functions 98.0, branches 89.3, statements 96.8
      thresholds: {
        "src/**/*.ts": { lines: 94, functions: 96, branches: 85, statements: 92 },
        "solvers/**/*.ts": { lines: 97, functions: 97, branches: 88, statements: 96 },
      },
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...SLOW, ...ISOLATED],
          isolate: false,
        },
      },
      { extends: true, test: { name: "unit-isolated", include: ISOLATED } },
      { extends: true, test: { name: "slow", include: SLOW } },
    ],
  },
});
