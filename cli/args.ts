/**
 * A small, strict flag parser shared by every command.
 *
 * Why not a library: the error contract (one line naming the flag and the problem, exit code 2) and
 * the "flags override the file" semantics are easier to keep exact in forty lines than through a
 * general-purpose parser's hooks.
 */
import { InputError } from "../src/errors.js";
import { readDecimal } from "../src/io/decimal.js";

export type FlagKind = "string" | "number" | "integer" | "boolean";

export interface FlagSpec {
  /** Long name without the dashes, e.g. `selection`. */
  name: string;
  kind: FlagKind;
  /** One-line description for `--help`. */
  help: string;
  /** May be given several times; values are collected in order. */
  repeatable?: boolean;
  /** Value placeholder for `--help`, e.g. `RULE`. */
  placeholder?: string;
  /**
   * An output file: checked before the command runs (`checkOutputPath`: not a directory, its folder
   * exists) so that a long run does not fail at its end; `-` means standard output.
   */
  output?: boolean;
  /**
   * An input file (besides the positional arguments, which are all inputs): no output flag may name
   * the same file (`checkNotAnInput`).
   */
  input?: boolean;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, Array<string | number | boolean>>;
}

/**
 * Parses `argv` against `specs`. `--name value` and `--name=value` are accepted; `--help` is always
 * known. Throws `InputError` naming the flag on unknown flags, missing values and bad numbers.
 *
 * @example
 * parseArgs(["m.json", "--json"], [{ name: "json", kind: "boolean", help: "" }]);
 */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const positional: string[] = [];
  const flags = new Map<string, Array<string | number | boolean>>();
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === "--") {
      positional.push(...argv.slice(k + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "-") {
      if (arg.startsWith("-") && arg !== "-" && !/^-\d/.test(arg)) {
        throw new InputError(undefined, arg, "unknown flag (flags are long: --name)");
      }
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (name === "help") {
      flags.set("help", [true]);
      continue;
    }
    const spec = byName.get(name);
    if (spec === undefined) {
      const known = specs.map((s) => `--${s.name}`).join(", ");
      throw new InputError(undefined, `--${name}`, `unknown flag (known: ${known || "none"}, --help)`);
    }
    let raw: string | undefined;
    if (spec.kind === "boolean") {
      if (eq !== -1) throw new InputError(undefined, `--${name}`, "takes no value");
      raw = undefined;
    } else if (eq !== -1) {
      raw = arg.slice(eq + 1);
    } else {
      raw = argv[k + 1];
      if (raw === undefined || (raw.startsWith("--") && raw.length > 2)) {
        throw new InputError(undefined, `--${name}`, `needs a value (${spec.placeholder ?? spec.kind})`);
      }
      k++;
    }
    const value = convert(spec, raw);
    const list = flags.get(name);
    if (list !== undefined && !spec.repeatable) {
      throw new InputError(undefined, `--${name}`, "given more than once");
    }
    if (list === undefined) flags.set(name, [value]);
    else list.push(value);
  }
  return { positional, flags };
}

function convert(spec: FlagSpec, raw: string | undefined): string | number | boolean {
  if (spec.kind === "boolean") return true;
  const text = raw ?? "";
  if (spec.kind === "string") return text;
  const read = readDecimal(text.trim());
  if (read.problem !== undefined) {
    throw new InputError(
      undefined,
      `--${spec.name}`,
      `must be a finite number written in decimal, got "${text}"`,
    );
  }
  const value = read.value;
  if (spec.kind === "integer" && !Number.isInteger(value)) {
    throw new InputError(undefined, `--${spec.name}`, `must be an integer, got "${text}"`);
  }
  return value;
}

/** The single value of a flag, or `undefined`. */
export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name)?.[0];
  return v === undefined ? undefined : String(v);
}

/** The single numeric value of a flag, or `fallback`. */
export function flagNumber(args: ParsedArgs, name: string, fallback: number): number;
export function flagNumber(args: ParsedArgs, name: string): number | undefined;
export function flagNumber(args: ParsedArgs, name: string, fallback?: number): number | undefined {
  const v = args.flags.get(name)?.[0];
  return typeof v === "number" ? v : fallback;
}

/** Whether a boolean flag was given. */
export function flagBoolean(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name)?.[0] === true;
}

/**
 * All values of a repeatable flag, split on commas too (`--rule a,b --rule c`). An empty item
 * (`--rules ""`, `--claim a,,b`) is an error rather than "no filter": it never silently means "all".
 *
 * @throws InputError naming the flag when an item is empty.
 */
export function flagList(args: ParsedArgs, name: string): string[] {
  return (args.flags.get(name) ?? []).flatMap((v) =>
    String(v)
      .split(",")
      .map((s) => {
        const item = s.trim();
        if (item === "") {
          throw new InputError(
            undefined,
            `--${name}`,
            `empty item in "${String(v)}" (give a name, or leave the flag out)`,
          );
        }
        return item;
      }),
  );
}

/**
 * The single value of a string flag that must not be empty (a name, a path), or `undefined`.
 *
 * @throws InputError naming the flag when the value is empty or only white space.
 */
export function flagNonEmpty(args: ParsedArgs, name: string): string | undefined {
  const v = flagString(args, name);
  if (v !== undefined && v.trim() === "") throw new InputError(undefined, `--${name}`, "must not be empty");
  return v;
}

/** Requires exactly `count` positional arguments; `names` label them in the error. */
export function requirePositional(args: ParsedArgs, names: readonly string[]): string[] {
  if (args.positional.length < names.length) {
    throw new InputError(undefined, names[args.positional.length], "missing argument (see --help)");
  }
  if (args.positional.length > names.length) {
    throw new InputError(undefined, args.positional[names.length], "unexpected extra argument");
  }
  return args.positional.slice();
}
