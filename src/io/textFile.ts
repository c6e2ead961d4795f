import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";

/**
 * Reads a UTF-8 text file; a missing or unreadable file is an `InputError` naming it.
 *
 * @throws InputError when the file cannot be read.
 * @example
 * const text = readTextFile("examples/three-producers.json");
 */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(path, undefined, `cannot read file (${code === "ENOENT" ? "no such file" : code})`);
  }
}
