/**
 * The work-limit table of docs/reference.md states the library's defaults (src/limits.ts, solvers/design/): each
 * default appears, formatted, in the row of its flag, so a changed constant fails here until the
 * docs follow.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_SE_WORK } from "../../empirical/ratings/sparse.js";
import { DEFAULT_MAX_LPS, DEFAULT_MAX_SOLVES, DEFAULT_MAX_STRATEGIES } from "../../solvers/design/index.js";
import {
  DEFAULT_MAX_BOOTSTRAP_WORK,
  DEFAULT_MAX_EQUILIBRIA,
  DEFAULT_MAX_EQUILIBRIUM_WORK,
  DEFAULT_MAX_PROFILES,
  DEFAULT_MAX_RATING_MEMORY_MB,
  DEFAULT_MAX_REPLACEMENT_WORK,
  DEFAULT_MAX_SWEEP_WORK,
} from "../../src/limits.js";
import { REPO_ROOT } from "../helpers/paths.js";

const reference = readFileSync(join(REPO_ROOT, "docs/reference.md"), "utf8");

describe("docs/reference.md states the work limits' defaults", () => {
  const rows: Array<[string, number]> = [
    ["--max-sweep-work", DEFAULT_MAX_SWEEP_WORK],
    ["--max-profiles", DEFAULT_MAX_PROFILES],
    ["--max-fit-memory", DEFAULT_MAX_RATING_MEMORY_MB],
    ["--max-bootstrap-work", DEFAULT_MAX_BOOTSTRAP_WORK],
    ["--max-se-work", DEFAULT_MAX_SE_WORK],
    ["--max-replacement-work", DEFAULT_MAX_REPLACEMENT_WORK],
    ["--max-equilibrium-work", DEFAULT_MAX_EQUILIBRIUM_WORK],
    ["--max-equilibria", DEFAULT_MAX_EQUILIBRIA],
    ["--max-lps", DEFAULT_MAX_LPS],
    ["--max-strategies", DEFAULT_MAX_STRATEGIES],
    ["--max-solves", DEFAULT_MAX_SOLVES],
  ];
  for (const [flag, value] of rows) {
    it(`${flag} (${value})`, () => {
      const row = reference.split("\n").find((l) => l.startsWith("|") && l.includes(`\`${flag}\` (`));
      expect(row, `a table row naming ${flag}`).toBeDefined();
      expect(row).toContain(`\`${flag}\` (${value.toLocaleString("en-US")}`);
    });
  }
});
