/**
 * Writing result files without leaving half-written output behind, and without replacing what the
 * path names: a regular file (or a new one) is written to a sibling temporary file and renamed over
 * it (atomic on POSIX file systems); a symbolic link is followed and its final target replaced the
 * same way, so the link stays a link; a character device (`/dev/null`, a terminal) or a FIFO is
 * written in place, since renaming over it would replace the device node with a regular file.
 */
import { chmodSync, lstatSync, readlinkSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../errors.js";

/** Symbolic links followed before giving up (the kernel's own limit on Linux is 40). */
const MAX_LINK_HOPS = 40;

function code(err: unknown): string {
  return err instanceof Error && "code" in err ? String((err as NodeJS.ErrnoException).code) : "error";
}

/**
 * The path a write to `path` lands on: symbolic links followed to their final target, which may
 * not exist yet (a dangling link is written through, creating its target).
 *
 * @throws InputError when the links loop or cannot be read.
 * @example
 * resolveOutputPath("report.json"); // "report.json" (no link)
 */
export function resolveOutputPath(path: string): string {
  let p = path;
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(p).isSymbolicLink();
    } catch (err) {
      if (code(err) === "ENOENT") return p;
      throw new InputError(path, undefined, `cannot write (${code(err)})`);
    }
    if (!isLink) return p;
    try {
      p = resolve(dirname(p), readlinkSync(p));
    } catch (err) {
      throw new InputError(path, undefined, `cannot write (${code(err)})`);
    }
  }
  throw new InputError(path, undefined, `cannot write (more than ${MAX_LINK_HOPS} symbolic links: ELOOP)`);
}

/**
 * Writes `text` to `path`: atomically for a regular file (new or existing, directly or through
 * symbolic links, keeping an existing file's permission bits), in place for a character device or a
 * FIFO. The path `-` is not special here: the command line maps it to standard output first.
 *
 * @throws InputError naming the file when it is a directory or another kind of special file, or
 *   cannot be written (`cannot write (EACCES)` and the like).
 * @example
 * // not run: writes report.json in the current folder
 * writeFileAtomic("report.json", JSON.stringify(report));
 */
export function writeFileAtomic(path: string, text: string): void {
  const target = resolveOutputPath(path);
  let mode: number | undefined;
  try {
    const st = statSync(target);
    if (st.isCharacterDevice() || st.isFIFO()) {
      try {
        writeFileSync(target, text);
      } catch (err) {
        throw new InputError(path, undefined, `cannot write (${code(err)})`);
      }
      return;
    }
    if (st.isDirectory()) throw new InputError(path, undefined, "cannot write: it is a directory");
    if (!st.isFile()) {
      throw new InputError(path, undefined, "cannot write: not a regular file, character device or FIFO");
    }
    mode = st.mode & 0o7777;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (code(err) !== "ENOENT") throw new InputError(path, undefined, `cannot write (${code(err)})`);
  }
  const tmp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
  try {
    writeFileSync(tmp, text, { flag: "wx" });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw new InputError(path, undefined, `cannot write (${code(err)})`);
  }
}
