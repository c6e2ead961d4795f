/**
 * Output paths of the command line (`--output`, `--report`): `-` is standard output,
 * anything else a file written by `writeFileAtomic` (atomic for regular files and through symbolic
 * links, in place for character devices and FIFOs).
 */
import { type Stats, statSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../src/errors.js";
import { resolveOutputPath, writeFileAtomic } from "../src/io/output.js";
import type { CommandIO } from "./command.js";

/** The path that means standard output wherever a command takes an output file. */
export const STDOUT_PATH = "-";

/**
 * Writes `text` to the output path `path` (`-`: standard output); `flag` (e.g. `--output`) is named in
 * the error when the file cannot be written.
 *
 * @throws InputError naming the file (and the flag) when it cannot be written.
 * @example
 * writeOutput(io, "-", "{}\n"); // prints {} on standard output
 */
export function writeOutput(io: CommandIO, path: string, text: string, flag?: string): void {
  if (path === STDOUT_PATH) {
    io.stdout(text);
    return;
  }
  try {
    writeFileAtomic(path, text);
  } catch (err) {
    // the library names the file; the command line adds the flag that named it
    if (err instanceof InputError && flag !== undefined && err.where === undefined)
      throw new InputError(err.file, flag, err.problem);
    throw err;
  }
}

/** `statSync(path)`, or `undefined` when there is nothing there (or it cannot be read). */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Checks before any work that `path` can be written (so a long run does not fail at its end): not a
 * directory or another special file, and its (link-resolved) folder exists. `-` always passes.
 *
 * @throws InputError naming the flag and the path.
 * @example
 * checkOutputPath("--json", "report.json");
 */
export function checkOutputPath(flag: string, path: string): void {
  if (path === STDOUT_PATH) return;
  if (path === "")
    throw new InputError(undefined, flag, "must not be empty (give a file, or - for standard output)");
  const target = resolveOutputPath(path);
  const st = statOrUndefined(target);
  if (st?.isDirectory()) throw new InputError(path, flag, "is a directory (give a file name)");
  if (st !== undefined && !st.isFile() && !st.isCharacterDevice() && !st.isFIFO()) {
    throw new InputError(path, flag, "not a regular file, character device or FIFO");
  }
  if (st === undefined) {
    const dir = dirname(target);
    const d = statOrUndefined(dir);
    if (d === undefined || !d.isDirectory()) {
      throw new InputError(path, flag, `cannot write: folder ${dir} does not exist`);
    }
  }
}

/**
 * Refuses an output path that names one of the command's own inputs (the same file, through symbolic
 * or hard links: compared by device and inode), before any work: writing the report would destroy
 * the data it came from. `-` and paths that do not exist yet always pass.
 *
 * @throws InputError naming the flag, the path and the input it would overwrite.
 * @example
 * checkNotAnInput("--report", "report.html", ["scores.csv"]);
 */
export function checkNotAnInput(flag: string, path: string, inputs: readonly string[]): void {
  if (path === STDOUT_PATH) return;
  const out = statOrUndefined(path);
  // only regular files are replaced; writing to a device or FIFO destroys nothing
  if (out === undefined || !out.isFile()) return;
  for (const input of inputs) {
    const st = statOrUndefined(input);
    if (st !== undefined && st.dev === out.dev && st.ino === out.ino) {
      const how = input === path ? "" : ` (${input})`;
      throw new InputError(path, flag, `is an input of this command${how}; give another output file`);
    }
  }
}
