/**
 * Library errors name fields and values (`weights`, `space production`, `method`); the command line
 * names its flags. This is the one place that maps one to the other.
 */
import { InputError } from "../src/errors.js";
import type { LimitReached } from "../src/limits.js";
import { WorkLimitError } from "../src/work.js";
import type { FlagSpec } from "./args.js";

/** Library field names whose flag is spelled differently; every other field is its own flag name. */
export const FLAG_FOR_FIELD: Readonly<Record<string, string>> = {
  normalization: "normalize",
};

/**
 * The error with its field turned into the command's flag (`space production` -> `--space production`,
 * `selection eps` -> `--selection eps`)
 * when the command has that flag; JSON paths, positions and unknown fields are left as they are.
 *
 * @example
 * translateInputError(new InputError(undefined, "weights", "all task weights are zero"), [
 *   { name: "weights", kind: "string", help: "" },
 * ]).message; // "--weights: all task weights are zero"
 */
export function translateInputError(err: InputError, flags: readonly FlagSpec[]): InputError {
  if (err instanceof WorkLimitError) {
    // a limit the command did not word itself: name the flag that raises it, when there is one
    const flag = flagForLimit(err.limitName);
    if (flags.some((f) => f.name === flag))
      return new InputError(err.file, err.where, `${limitProblem(err)}; raise it with --${flag} N`);
    return err;
  }
  const where = err.where;
  if (where === undefined || where.startsWith("$") || where.startsWith("-")) return err;
  const field = /^[A-Za-z][A-Za-z0-9-]*/.exec(where)?.[0];
  if (field === undefined) return err;
  const flag = FLAG_FOR_FIELD[field] ?? field;
  if (!flags.some((f) => f.name === flag)) return err;
  return new InputError(err.file, `--${flag}${where.slice(field.length)}`, err.problem);
}

/**
 * A work-limit error's problem without the library's option name (`... exceed the limit of 100
 * (maxReplicates)` -> `... exceed the limit of 100`): the command line names its flag instead.
 *
 * @example
 * limitProblem(new WorkLimitError("maxPaths", 3e8, 1e8, "Lemke-Howson paths")); // "300,000,000 Lemke-Howson paths exceed the limit of 100,000,000"
 */
export function limitProblem(err: WorkLimitError): string {
  return err.summary;
}

/** A count as the limit messages print it: grouped digits, or an exponent past 1e15. */
function count(n: number): string {
  return Number.isFinite(n) && n < 1e15 ? Math.round(n).toLocaleString("en-US") : n.toExponential(2);
}

/**
 * A limit a report reached (a method skipped, a list cut), in words, with the flag that raises it
 * when the command has one (`flags` maps library options to flag names).
 *
 * @example
 * limitText(limitReached("enumMixedLimit", 70, 30, "strategies m + n of enummixed"), { enumMixedLimit: "mixed-limit" });
 * // "strategies m + n of enummixed: 70 > 30 (raise it with --mixed-limit)"
 */
export function limitText(l: LimitReached, flags: Readonly<Record<string, string>>): string {
  const flag = flags[l.option];
  return `${l.what}: ${count(l.estimate)} > ${count(l.limit)}${flag === undefined ? "" : ` (raise it with --${flag})`}`;
}

/**
 * The flag of a library limit option: its name in kebab case (`maxSweepWork` -> `max-sweep-work`).
 *
 * @example
 * flagForLimit("maxSweepWork"); // "max-sweep-work"
 */
export function flagForLimit(limitName: string): string {
  return FLAG_FOR_FIELD[limitName] ?? limitName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
