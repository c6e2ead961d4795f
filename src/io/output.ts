/**
 * Writing result files without leaving half-written output behind: write a sibling temporary file,
 * then rename it over the target (atomic on POSIX file systems).
 */
import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../errors.js";

/**
 * Writes `text` to `path` atomically. Throws `InputError` naming the file when it cannot be written.
 *
 * @example
 * writeFileAtomic("report.json", JSON.stringify(report));
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    const reason =
      err instanceof Error && "code" in err ? String((err as NodeJS.ErrnoException).code) : "error";
    throw new InputError(path, undefined, `cannot write (${reason})`);
  }
}
