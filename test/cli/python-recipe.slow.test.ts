/**
 * The Python recipe of docs/python.md runs and prints what the page says (which reproduces the
 * README's "Real benchmarks" numbers), where `python3` has pandas and SciPy; elsewhere it skips and
 * says why (.ci/run installs them when it can). The recipe calls `npx --no-install modelmarket`; here
 * it calls `node bin/modelmarket.js`, the same program without npm's start-up.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/paths.js";

const page = readFileSync(join(REPO_ROOT, "docs/python.md"), "utf8");
const blocks = [...page.matchAll(/```(\w+)\n([\s\S]*?)```/g)];
const code = blocks.find((m) => m[1] === "python")![2]!;
const stated = blocks
  .find((m) => m[1] === "text")![2]!
  .trim()
  .split("\n");

// The first python3 on PATH may be a version manager's (pyenv) without Debian's packages, which
// `apt-get install python3-pandas` puts under /usr/bin/python3: the first of the two that has both.
const python = ["python3", "/usr/bin/python3"].find((exe) => {
  const probe = spawnSync(exe, ["-c", "import pandas, scipy"], { encoding: "utf8" });
  return probe.error === undefined && probe.status === 0;
});
const missing = python === undefined;
if (missing)
  console.warn(
    "python-recipe: skipped (python3 with pandas and scipy not found; apt-get install python3-pandas python3-scipy)",
  );

const dir = mkdtempSync(join(tmpdir(), "modelmarket-python-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("docs/python.md", () => {
  it("calls the command as the README says to in a clone", () => {
    expect(code).toContain('MODELMARKET = ["npx", "--no-install", "modelmarket"]');
    expect(stated.length).toBe(3);
  });

  it.skipIf(missing)(
    "the recipe prints the page's lines (the README's results)",
    () => {
      const script = join(dir, "recipe.py");
      writeFileSync(
        script,
        code.replace(
          'MODELMARKET = ["npx", "--no-install", "modelmarket"]',
          `MODELMARKET = ["${process.execPath}", "bin/modelmarket.js"]`,
        ),
      );
      const r = spawnSync(python!, [script], { cwd: REPO_ROOT, encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout.trim().split("\n")).toEqual(stated);
      // the numbers the README states
      const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
      expect(readme).toContain(
        "Kendall tau 0.974 on\n  MT-Bench-101, 0.997 on WildBench, 0.976 on LiveBench",
      );
      expect(readme).toContain("(MT-Bench: `U` 0.9648 against 0.8685)");
      expect(stated[0]).toContain("specialist 0.9648, copy 0.8685");
    },
    120_000,
  );
});
