/**
 * The layer rule (.dependency-cruiser.cjs, ARCHITECTURE.md) catches a wrong-way import: a planted
 * `src/model` module importing `solvers/` fails the check, the same import the right way passes; a
 * planted `solvers/finite` module importing the market model, a market reader or another solver fails
 * the stand-alone rule of `modelmarket/finite`, while finite's own imports of `src/errors.ts` and of
 * its own modules pass.
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

function fixture(name: string, modelImportsSolver: boolean, extra: Record<string, string> = {}): string {
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
  write(`${name}/src/io/marketFile.ts`, `import { P } from "../model/payoffs.js";\nexport const M = P;\n`);
  write(`${name}/solvers/finite/game.ts`, `import { E } from "../../src/errors.js";\nexport const G = E;\n`);
  write(`${name}/solvers/finite/solve.ts`, `import { G } from "./game.js";\nexport const F = G;\n`);
  for (const [path, text] of Object.entries(extra)) write(`${name}/${path}`, text);
  return dir;
}

describe("the dependency rule", () => {
  it("passes imports that go down the layers", () => {
    const { status, output } = cruise(fixture("down", false));
    expect(output).toContain("no dependency violations");
    expect(status).toBe(0);
  });

  // one run over a tree with every planted import: each one is named, under its rule
  it("fails a planted wrong-way import (model -> solvers) and planted imports of the market model, a market reader and another solver from solvers/finite, naming each rule", () => {
    const plant = (target: string) => `import * as x from "${target}";\nexport const B = x;\n`;
    const { status, output } = cruise(
      fixture("up", true, {
        "solvers/finite/bad-model.ts": plant("../../src/model/payoffs.js"),
        "solvers/finite/bad-io.ts": plant("../../src/io/marketFile.js"),
        "solvers/finite/bad-solver.ts": plant("../solve.js"),
      }),
    );
    expect(status).not.toBe(0);
    expect(output).toContain("model-imports-only-numeric-and-below");
    expect(output).toContain("src/model/wrong.ts → solvers/solve.ts");
    for (const arrow of [
      "solvers/finite/bad-model.ts → src/model/payoffs.ts",
      "solvers/finite/bad-io.ts → src/io/marketFile.ts",
      "solvers/finite/bad-solver.ts → solvers/solve.ts",
    ]) {
      expect(output).toMatch(
        new RegExp(`finite-is-a-stand-alone-game-library: ${arrow.replace(/[.]/g, "\\.")}`),
      );
    }
    // finite's own imports (of src/errors.ts and of its own modules) are not named
    expect(output).not.toContain("solvers/finite/solve.ts →");
    expect(output).not.toContain("solvers/finite/game.ts →");
  });
});
