/**
 * Each documented command runs once (test/docs/fenced-blocks.test.ts: the docs' `sh` blocks and the
 * `--help` examples). The sandboxes hold the same shipped files, so a command line run again gives
 * the same result:
 *
 * - a command that leaves no file behind (`writesFiles`) is run once per `commandKey`, and every later
 *   page or help text gets that run's exit code and output;
 * - a command that writes files (a report, `--out`, a redirect) is run once per `commandKey` and per
 *   content of the sandbox paths its line names (the files or folders it reads, and those it writes):
 *   a later run with the same line and the same named paths gets that run's result, and the files the
 *   first run wrote or changed are copied into its sandbox, where a later command of its page may
 *   read them. A line that changes directory or removes files always runs.
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { commandKey, writesFiles } from "../helpers/budget.js";
import { runCommand, type Sandbox, type ShellResult } from "../helpers/sandbox.js";

/** Every regular file below `dir` that a command wrote (symlinks, the shipped folders, are skipped). */
function filesOf(dir: string, root = dir, out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink() || (dir === root && (name === "node_modules" || name === ".bin"))) continue;
    if (st.isDirectory()) filesOf(p, root, out);
    else if (st.isFile()) out.set(relative(root, p), readFileSync(p));
  }
  return out;
}

/** A hash of the sandbox paths the line names (each word that is a file or folder there). */
function namedPaths(command: string, dir: string): string {
  const h = createHash("sha256");
  for (const word of command.split(/[\s'"=<>|&;]+/)) {
    const p = join(dir, word);
    if (word === "" || word.startsWith("-") || !existsSync(p)) continue;
    h.update(`${word}\0`);
    // a shipped file (below a folder linked into the repository) is the same in every sandbox
    if (lstatSync(join(dir, word.split("/")[0]!)).isSymbolicLink()) continue;
    const files = lstatSync(p).isDirectory() ? filesOf(p) : new Map([["", readFileSync(p)]]);
    for (const [rel, data] of [...files].sort(([a], [b]) => a.localeCompare(b)))
      h.update(`${rel}\0`).update(data).update("\0");
  }
  return h.digest("hex");
}

/** The runs of documented command lines of one test file (see the module comment). */
export class CommandRuns {
  private readonly results = new Map<string, { result: ShellResult; files?: Map<string, Buffer> }>();
  /** How many lines were answered by an earlier run. */
  reused = 0;

  private keyOf(command: string, box: Sandbox): string | undefined {
    const writes = writesFiles(command);
    if (writes && /(^|[\s;&|])(cd|rm)\s/.test(command)) return undefined;
    return writes ? `${commandKey(command)}\0${namedPaths(command, box.dir)}` : commandKey(command);
  }

  /** `true` when `run(command, box)` would get an earlier run's result (a page ran the same line). */
  ran(command: string, box: Sandbox): boolean {
    const key = this.keyOf(command, box);
    return key !== undefined && this.results.has(key);
  }

  async run(command: string, box: Sandbox, timeoutMs: number): Promise<ShellResult> {
    const writes = writesFiles(command);
    const key = this.keyOf(command, box);
    if (key === undefined) return runCommand(command, box, timeoutMs);
    const earlier = this.results.get(key);
    if (earlier !== undefined) {
      this.reused++;
      for (const [rel, data] of earlier.files ?? []) {
        mkdirSync(dirname(join(box.dir, rel)), { recursive: true });
        writeFileSync(join(box.dir, rel), data);
      }
      return earlier.result;
    }
    const before = writes ? filesOf(box.dir) : undefined;
    const result = await runCommand(command, box, timeoutMs);
    if (before === undefined) this.results.set(key, { result });
    else {
      const files = new Map<string, Buffer>();
      for (const [rel, data] of filesOf(box.dir)) if (!before.get(rel)?.equals(data)) files.set(rel, data);
      this.results.set(key, { result, files });
    }
    return result;
  }
}
