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
import { CPU_LOG, cpuSeconds, logCpu } from "./cpu.js";
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
  const start = CPU_LOG === undefined ? 0 : cpuSeconds();
  const r = spawnSync("bash", ["-o", "pipefail", "-c", line], {
    cwd: box.dir,
    env: box.env,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
  });
  if (CPU_LOG !== undefined) logCpu(cpuSeconds() - start, `  $ ${line}`);
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

/**
 * The arguments of a plain `modelmarket ARGS` (or `node bin/modelmarket.js ARGS`) line (quotes and a trailing `# comment` as bash reads them),
 * or undefined when the line needs a shell: a pipe, a redirect, `&&`, `;`, a variable, a glob, standard
 * input (`--stdin`, `-`), or another program.
 *
 * @example
 * plainCommand("modelmarket ratings t.csv --task 'Coding & Debugging'"); // ["ratings", "t.csv", "--task", "Coding & Debugging"]
 */
export function plainCommand(line: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end === -1 || (c === '"' && /[$`\\]/.test(line.slice(i + 1, end)))) return undefined;
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === " " || c === "\t") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "#" && word === undefined) break;
    else if (/[|&;<>()$`\\*?[\]{}~!]/.test(c)) return undefined;
    else word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  // `node bin/modelmarket.js` is what `modelmarket` runs (the docs show both)
  const skip =
    words[0] === "modelmarket" ? 1 : words[0] === "node" && words[1] === "bin/modelmarket.js" ? 2 : 0;
  if (skip === 0 || words.includes("--stdin") || words.includes("-")) return undefined;
  return words.slice(skip);
}

/**
 * Runs a documented command line in the sandbox, as `runShell` does. A plain `modelmarket ARGS` line
 * (`plainCommand`) runs in this process, through the built CLI's `main` (dist/cli/main.js, what
 * bin/modelmarket.js calls) in the sandbox directory: the same code, exit code and output without
 * starting Node and loading the package again for each of the docs' many commands. A crash is exit 70,
 * as bin/modelmarket.js makes it. Any other line runs in bash.
 */
export async function runCommand(line: string, box: Sandbox, timeoutMs = 120_000): Promise<ShellResult> {
  const argv = plainCommand(line);
  if (argv === undefined) return runShell(line, box, timeoutMs);
  const start = CPU_LOG === undefined ? 0 : cpuSeconds();
  const cli = (await import(join(REPO_ROOT, "dist", "cli", "main.js"))) as {
    main: (argv: string[], io: object) => Promise<number>;
  };
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (t: string) => {
      stdout += t;
    },
    stderr: (t: string) => {
      stderr += t;
    },
    isTTY: false,
  };
  const cwd = process.cwd();
  let status: number;
  process.chdir(box.dir);
  try {
    status = await cli.main(argv, io);
  } catch (err) {
    stderr += `modelmarket: ${err instanceof Error ? err.stack : String(err)}\n`;
    status = 70;
  } finally {
    process.chdir(cwd);
  }
  if (CPU_LOG !== undefined) logCpu(cpuSeconds() - start, `  $ ${line}`);
  return { status, stdout, stderr };
}
