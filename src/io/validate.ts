/**
 * Path-tracking validation helpers: every failure is an `InputError` naming the file and the JSON path.
 */
import { InputError } from "../errors.js";

/** Validation context: the file name (or undefined for library values). */
export class Validator {
  constructor(readonly file: string | undefined) {}

  fail(path: string, problem: string): never {
    throw new InputError(this.file, path, problem);
  }

  /** A plain object whose keys are all among `allowed`; `required` must be present. */
  object(
    value: unknown,
    path: string,
    allowed: readonly string[],
    required: readonly string[] = [],
  ): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(path, `must be an object, got ${describe(value)}`);
    }
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key))
        this.fail(`${path}.${key}`, `unknown field (allowed: ${allowed.join(", ")})`);
    }
    for (const key of required) {
      if (obj[key] === undefined) this.fail(`${path}.${key}`, "missing required field");
    }
    return obj;
  }

  array(
    value: unknown,
    path: string,
    opts: { nonEmpty?: boolean; length?: number; lengthOf?: string } = {},
  ): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `must be an array, got ${describe(value)}`);
    if (opts.nonEmpty && value.length === 0) this.fail(path, "must not be empty");
    if (opts.length !== undefined && value.length !== opts.length) {
      this.fail(
        path,
        `must have ${opts.length} entries${opts.lengthOf ? ` (${opts.lengthOf})` : ""}, got ${value.length}`,
      );
    }
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== "string") this.fail(path, `must be a string, got ${describe(value)}`);
    if (value.trim() === "") this.fail(path, "must not be empty");
    return value;
  }

  /** A finite number within optional bounds (`min`/`max` inclusive, `gt` exclusive). */
  number(
    value: unknown,
    path: string,
    bounds: { min?: number; max?: number; gt?: number; integer?: boolean } = {},
  ): number {
    if (typeof value !== "number") this.fail(path, `must be a number, got ${describe(value)}`);
    if (Number.isNaN(value)) this.fail(path, "must be a number, got NaN");
    if (!Number.isFinite(value)) this.fail(path, `must be finite, got ${value}`);
    if (bounds.integer && !Number.isInteger(value)) this.fail(path, `must be an integer, got ${value}`);
    if (bounds.gt !== undefined && !(value > bounds.gt))
      this.fail(path, `must be > ${bounds.gt}, got ${value}`);
    if (bounds.min !== undefined && value < bounds.min)
      this.fail(path, `must be >= ${bounds.min}, got ${value}`);
    if (bounds.max !== undefined && value > bounds.max)
      this.fail(path, `must be <= ${bounds.max}, got ${value}`);
    return value;
  }

  /** One of the listed strings. */
  oneOf<T extends string>(value: unknown, path: string, options: readonly T[], what: string): T {
    if (typeof value !== "string" || !options.includes(value as T)) {
      this.fail(
        path,
        `unknown ${what} ${typeof value === "string" ? `"${value}"` : describe(value)} (known: ${options.join(", ")})`,
      );
    }
    return value as T;
  }
}

/** Short description of a JSON value's type for messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return `string "${value.length > 20 ? `${value.slice(0, 20)}...` : value}"`;
  return typeof value === "object" ? "an object" : typeof value;
}
