/**
 * The layer rule (.dependency-cruiser.cjs, ARCHITECTURE.md) catches a wrong-way import: a planted
 * `src/model` module importing `solvers/` fails the check, the same import the right way passes.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/paths.js";

const work = mkdtempSync(join(tmpdir(), "modelmarket-deps-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
}

/** Runs the project's depcruise with the project's rules on the fixture tree in `dir`. */
function cruise(dir: string): { status: number | null; output: string } {
  const bin = join(REPO_ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
  const run = spawnSync(process.execPath, [bin, "--config", ".dependency-cruiser.cjs", "src", "solvers"], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function fixture(name: string, modelImportsSolver: boolean): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(REPO_ROOT, ".dependency-cruiser.cjs"), join(dir, ".dependency-cruiser.cjs"));
  write(
    `${name}/tsconfig.json`,
    JSON.stringify({ compilerOptions: { module: "ESNext", moduleResolution: "Bundler" } }),
  );
  write(`${name}/src/errors.ts`, "export const E = 1;\n");
  write(`${name}/src/model/payoffs.ts`, `import { E } from "../errors.js";\nexport const P = E;\n`);
  write(
    `${name}/solvers/solve.ts`,
    modelImportsSolver
      ? "export const S = 2;\n"
      : `import { P } from "../src/model/payoffs.js";\nexport const S = P;\n`,
  );
  if (modelImportsSolver) {
    write(`${name}/src/model/wrong.ts`, `import { S } from "../../solvers/solve.js";\nexport const W = S;\n`);
  }
  return dir;
}

describe("the dependency rule", () => {
  it("passes imports that go down the layers", () => {
    const { status, output } = cruise(fixture("down", false));
    expect(output).toContain("no dependency violations");
    expect(status).toBe(0);
  });

  it("fails a planted wrong-way import (model -> solvers) and names the rule", () => {
    const { status, output } = cruise(fixture("up", true));
    expect(status).not.toBe(0);
    expect(output).toContain("model-imports-only-numeric-and-below");
    expect(output).toContain("src/model/wrong.ts → solvers/solve.ts");
  });
});
