/**
 * The error types of modelmarket: the bottom layer, imported by every other layer.
 *
 * Policy: a problem with what a user gave (a file, a field, a flag, a value passed to a public
 * function) is an `InputError`; a broken internal invariant is an `InternalError` (a bug in
 * modelmarket: please report it). `RangeError` and `TypeError` are never thrown on purpose.
 * Library errors speak of fields and values (`entrant.k`, `weights`); only the command line
 * translates them into flag names.
 */

/**
 * A problem with what the user gave: the command line prints its message on one line,
 * `modelmarket: FILE: WHERE: problem`, and exits with code 2; library callers can read the fields.
 *
 * @example
 * const err = new InputError("market.json", "$.tasks[1].weight", "must be >= 0, got -1");
 * // err.message === "market.json: $.tasks[1].weight: must be >= 0, got -1"
 */
export class InputError extends Error {
  /** The file the problem is in, or `undefined` for flags and library values. */
  readonly file: string | undefined;
  /** Where in the input: a JSON path (`$.tasks[0].weight`), `line 3, column 2`, or a field name. */
  readonly where: string | undefined;
  /** What is wrong, in words. */
  readonly problem: string;

  /**
   * @throws nothing for valid inputs of the declared types
   */
  constructor(file: string | undefined, where: string | undefined, problem: string) {
    super([file, where, problem].filter((part) => part !== undefined && part !== "").join(": "));
    this.name = "InputError";
    this.file = file;
    this.where = where;
    this.problem = problem;
  }
}

/**
 * A broken internal invariant: a bug in modelmarket, never the user's fault.
 *
 * @example
 * const err = new InternalError("pivot row out of range");
 * // err.message === "internal error: pivot row out of range"
 */
export class InternalError extends Error {
  constructor(message: string) {
    super(`internal error: ${message}`);
    this.name = "InternalError";
  }
}

/**
 * Throws an `InternalError` when `condition` is false (an invariant, not input validation).
 *
 * @throws InternalError when the condition does not hold.
 * @example
 * assert(1 + 1 === 2, "arithmetic");
 */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new InternalError(message);
}
