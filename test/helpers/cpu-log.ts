/**
 * A vitest setup file: with MODELMARKET_TEST_CPU_LOG set, appends each test file's CPU time (its
 * process's and that of the child processes it waited for: CLI runs, the browser) to that file, one
 * line `SECONDS<TAB>FILE`; `npm run test:cpu` ranks them (ARCHITECTURE.md, "The test tiers"). Without
 * the variable it does nothing.
 */
import { afterAll, expect } from "vitest";
import { CPU_LOG, cpuSeconds, logCpu } from "./cpu.js";

if (CPU_LOG !== undefined) {
  // a setup file runs again before each test file, in the process that runs it, so this is the file's
  // start (its imports included); a worker's own start-up goes to its first file
  const start = cpuSeconds();
  afterAll(() => logCpu(cpuSeconds() - start, expect.getState().testPath ?? "?"));
}
