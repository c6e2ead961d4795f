/**
 * The error types of modelmarket: the bottom layer, imported by every other layer.
 *
 * Policy: a problem with what a user gave (a file, a field, a flag, a value passed to a public
 * function) is an `InputError`; a broken internal invariant is an `InternalError` (a bug in
 * modelmarket: please report it). `RangeError` and `TypeError` are never thrown on purpose.
 * Library errors speak of fields and values (`entrant k`, `weights`); only the command line
 * translates them into flag names.
 */

/**
 * A problem with what the user gave: the command line prints its message on one line,
 * `modelmarket: FILE: WHERE: problem`, and exits with code 2; library callers can read the fields.
 * The message is always one line (`oneLine`); the fields keep the text as given.
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
   * The library option that accepts this input (`skipSelf`), when there is one: the message names it
   * in brackets, and the command line names its flag instead.
   */
  readonly option: string | undefined;

  /**
   * @throws nothing for valid inputs of the declared types
   */
  constructor(file: string | undefined, where: string | undefined, problem: string, option?: string) {
    // one line, whatever user text (a flag's value, a file's cell) the parts quote
    const text = option === undefined ? problem : `${problem} (${option})`;
    super(oneLine([file, where, text].filter((part) => part !== undefined && part !== "").join(": ")));
    this.name = "InputError";
    this.file = file;
    this.where = where;
    this.problem = problem;
    this.option = option;
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

/** Characters a message shows as escapes: controls, format characters (zero-width space, BOM), lone
 * surrogates, private-use and unassigned code points, and every white space but the plain space. */
const INVISIBLE = /[\p{C}\s]/u;

/**
 * A message on one line with nothing invisible in it: line breaks, control and format characters and
 * white space other than the plain space (which may come from a file's contents or a flag's value)
 * are shown as escapes (`\n`, `\u001b`, `\u00a0`).
 *
 * @example
 * oneLine("a\nb\u00a0c"); // "a\\nb\\u00a0c"
 */
export function oneLine(message: string): string {
  const escapes: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  let out = "";
  for (const c of message) {
    if (c === " " || !INVISIBLE.test(c)) {
      out += c;
      continue;
    }
    const cp = c.codePointAt(0)!;
    out += escapes[c] ?? (cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, "0")}`);
  }
  return out;
}
