/**
 * `require("modelmarket")` (and every subpath) says the package is ES modules only and how to load it,
 * instead of Node's ERR_PACKAGE_PATH_NOT_EXPORTED (which it said before the "require" condition).
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/paths.js";

describe("require() of the package", () => {
  for (const name of ["modelmarket", "modelmarket/solvers", "modelmarket/finite", "modelmarket/empirical"]) {
    it(`require("${name}") explains that the package is ESM-only`, () => {
      // the package resolves itself by name from inside its own folder (self-reference through exports)
      const r = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(name)})`], {
        cwd: REPO_ROOT,
        encoding: "utf8",
      });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("modelmarket is an ES module package and cannot be loaded with require()");
      expect(r.stderr).not.toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
    });
  }
});
