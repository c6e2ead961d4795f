/**
 * A scratch directory that looks to a user like a checkout of the package: the shipped folders
 * (`bin`, `dist`, `examples`, `data`, `schema`, `package.json`) are symlinks into the repository, `modelmarket` on PATH runs the built CLI (`node bin/modelmarket.js`), and
 * `node_modules/modelmarket` points at the repository, so `import ... from "modelmarket"` resolves
 * through the package's own `exports` (the compiled `dist/`), as it does for a consumer. Commands write
 * their outputs (reports, counterexamples) into the scratch directory, never into the repository.
 * Needs the build (`npm test` runs `npm run build` first through `pretest`).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./paths.js";

export interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  remove: () => void;
}

const LINKED = ["bin", "dist", "examples", "data", "schema", "package.json"];

/** Why the built CLI cannot run, or undefined when `dist/` is there. */
export function buildMissing(): string | undefined {
  return existsSync(join(REPO_ROOT, "dist", "cli", "main.js"))
    ? undefined
    : "dist/ is missing: run `npm run build` (npm test does it through pretest)";
}

/**
 * Creates a sandbox (see the module comment). With `consumer: true` its package.json is a consumer
 * project's own (`"type": "module"`), not the package's, so "modelmarket" resolves only through
 * `node_modules/modelmarket`, as after `npm install`.
 */
export function makeSandbox(prefix: string, opts: { consumer?: boolean } = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), `modelmarket-${prefix}-`));
  for (const name of LINKED) {
    if (name === "package.json" && opts.consumer === true)
      writeFileSync(join(dir, name), '{ "name": "consumer", "private": true, "type": "module" }\n');
    else symlinkSync(join(REPO_ROOT, name), join(dir, name));
  }
  // the repository's dependencies (and the package itself, by name) for TypeScript blocks
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, join(dir, "node_modules", "modelmarket"));
  // the peer dependency a consumer installs next to the package
  symlinkSync(join(REPO_ROOT, "node_modules", "fast-check"), join(dir, "node_modules", "fast-check"));
  const binDir = join(dir, ".bin");
  mkdirSync(binDir);
  const shim = join(binDir, "modelmarket");
  writeFileSync(
    shim,
    `#!/bin/sh\nexec "${process.execPath}" "${join(REPO_ROOT, "bin", "modelmarket.js")}" "$@"\n`,
  );
  chmodSync(shim, 0o755);
  const env = {
    ...process.env,
    PATH: `${binDir}:${join(REPO_ROOT, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
    NO_COLOR: "1",
  };
  return { dir, env, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ShellResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `line` with bash (pipefail) in the sandbox; `timeoutMs` kills a hung command. */
export function runShell(line: string, box: Sandbox, timeoutMs = 120_000): ShellResult {
  const r = spawnSync("bash", ["-o", "pipefail", "-c", line], {
    cwd: box.dir,
    env: box.env,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Exit codes a documented command may end with: 0, and 1 for `check`, whose exit 1 reports a claim
 * that contradicts its expectation (the README's Results explain the known ones). Exit 2 (bad input)
 * or a crash is never accepted.
 */
export function acceptedExit(command: string): number[] {
  return /\bcheck\b/.test(command) ? [0, 1] : [0];
}
