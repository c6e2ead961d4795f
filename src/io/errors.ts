import { readFileSync } from "node:fs";

/**
 * User-facing input errors.
 *
 * Every problem with what a user gave us (a file, a flag, a value) is thrown as an `InputError`. The
 * command line catches it and prints one line, `modelmarket: FILE: PATH: problem`, with exit code 2 and
 * no stack trace. Library callers can catch it and read the structured fields.
 *
 * @example
 * throw new InputError("market.json", "$.tasks[1].weight", "must be >= 0, got -1");
 */
export class InputError extends Error {
  /** The file the problem is in, or `undefined` for flags and library values. */
  readonly file: string | undefined;
  /** Where in the input: a JSON path (`$.tasks[0].weight`), `line 3, column 2`, or a flag name. */
  readonly where: string | undefined;
  /** What is wrong, in words. */
  readonly problem: string;

  constructor(file: string | undefined, where: string | undefined, problem: string) {
    super([file, where, problem].filter((part) => part !== undefined && part !== "").join(": "));
    this.name = "InputError";
    this.file = file;
    this.where = where;
    this.problem = problem;
  }
}

/** Exit code for user errors (bad files, flags or values). */
export const EXIT_INPUT_ERROR = 2;

/**
 * Reads a UTF-8 text file; a missing or unreadable file is an `InputError` naming it.
 *
 * @example
 * const text = readTextFile("market.json");
 */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(path, undefined, `cannot read file (${code === "ENOENT" ? "no such file" : code})`);
  }
}
