/**
 * The one parser of numbers written as text (CSV cells, `--weights`, spec values such as
 * `logit:beta=8`, numeric flags): plain decimal notation only.
 *
 * Why not `Number(text)`: it also reads `0x8`, `0b101`, `0o7`, `Infinity`, `""` (as 0) and `" "`
 * (as 0), so a typo silently becomes a number. Here a number is
 * `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, nothing else, and its value must be
 * a finite double that is not a non-zero literal rounded to 0. `NaN`, `Infinity` and a decimal beyond
 * the double range are all refused in one wording (`NOT_FINITE`), wherever they are typed.
 */
import { InputError } from "../errors.js";

/** The decimal grammar (anchored; no surrounding whitespace). */
export const DECIMAL_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Words JavaScript would read as non-finite numbers: `NaN`, `Infinity`, `inf`, any case, signed. */
const NON_FINITE_WORD = /^[+-]?(?:nan|inf|infinity)$/i;

/** The one wording of a value that is not a finite number: NaN, an infinity, or beyond the double range. */
const NOT_FINITE = "not a finite number (NaN, Infinity, or beyond +-1.8e308)";

/**
 * Whether `text` is a word for a non-finite number (`NaN`, `-Infinity`, `inf`), as opposed to a word
 * such as `power` that a spec may take as a value.
 *
 * @throws nothing (a regular-expression test).
 * @example
 * isNonFiniteWord("-Infinity"); // true
 * isNonFiniteWord("power"); // false
 */
export function isNonFiniteWord(text: string): boolean {
  return NON_FINITE_WORD.test(text);
}

/**
 * Whether `text` is written as a decimal number (the grammar only; the value may still overflow).
 *
 * @throws nothing (a regular-expression test).
 * @example
 * isDecimal("1.5e-3"); // true
 * isDecimal("0x8"); // false
 */
export function isDecimal(text: string): boolean {
  return DECIMAL_PATTERN.test(text);
}

/**
 * Why `text` is not an acceptable decimal number, or `undefined` with the value when it is.
 * Shared by {@link parseDecimal} and callers that build their own error (a CSV cell's line and column).
 *
 * @throws nothing: a bad number is reported in `problem`, never thrown.
 * @example
 * readDecimal("8"); // { value: 8 }
 * readDecimal("0x8"); // { problem: 'not a decimal number: "0x8"' }
 */
export function readDecimal(text: string): { value: number; problem?: undefined } | { problem: string } {
  const shown = text.length > 40 ? `${text.slice(0, 40)}...` : text;
  if (NON_FINITE_WORD.test(text)) return { problem: `${NOT_FINITE}: "${shown}"` };
  if (!DECIMAL_PATTERN.test(text)) {
    return { problem: text === "" ? "empty, expected a number" : `not a decimal number: "${shown}"` };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) return { problem: `${NOT_FINITE}: "${shown}"` };
  if (value === 0 && /[1-9]/.test(text.replace(/[eE].*$/, ""))) {
    return { problem: `too small, rounds to 0 (below 5e-324): "${shown}"` };
  }
  // -0 is read as 0: no quantity of the model distinguishes them
  return { value: value === 0 ? 0 : value };
}

/**
 * Parses a decimal number; anything else is an `InputError(file, where, problem)`.
 * Leading and trailing whitespace (any Unicode white space) is ignored.
 *
 * @param text the text as typed or as read from a file.
 * @param file the file it comes from (`undefined` for flags).
 * @param where the flag or `line L, column C` for the message.
 * @throws InputError when `text` is not a finite decimal number.
 * @example
 * parseDecimal("2.5", undefined, "--weights"); // 2.5
 * let message = "";
 * try {
 *   parseDecimal("0b101", undefined, "--weights");
 * } catch (e) {
 *   message = (e as Error).message;
 * }
 * message; // '--weights: not a decimal number: "0b101"'
 */
export function parseDecimal(text: string, file: string | undefined, where: string): number {
  const r = readDecimal(text.trim());
  if (r.problem !== undefined) throw new InputError(file, where, r.problem);
  return r.value;
}
