/**
 * The flags the producer-game commands share (entry, replace, compare, equilibrium, sequential):
 * their definitions for `--help` and their parsing, in one place so that a default or a range is
 * stated once.
 */
import { InputError } from "../src/errors.js";
import { DEFAULT_MAX_MAXIMISERS, DEFAULT_MAX_PROFILES, DEFAULT_UNITS } from "../src/limits.js";
import { payoffRule } from "../src/model/payoffs.js";
import { type FlagSpec, flagList, flagNumber, type ParsedArgs } from "./args.js";

// the library's one definition of each default (src/limits.ts), re-exported for the commands
export { DEFAULT_MAX_MAXIMISERS, DEFAULT_MAX_PROFILES, DEFAULT_UNITS };

/** `--units K`. */
export const UNITS_FLAG: FlagSpec = {
  name: "units",
  kind: "integer",
  placeholder: "K",
  help: `continuous budgets: grid units of the solve and certificate (default ${DEFAULT_UNITS})`,
};

/** `--max-maximisers M`. */
export const MAX_MAXIMISERS_FLAG: FlagSpec = {
  name: "max-maximisers",
  kind: "integer",
  placeholder: "M",
  help: `list at most M tied best responses (default ${DEFAULT_MAX_MAXIMISERS})`,
};

/** Flags shared by the producer-game commands. */
export const SOLVER_FLAGS: FlagSpec[] = [
  UNITS_FLAG,
  MAX_MAXIMISERS_FLAG,
  { name: "json", kind: "boolean", help: "print JSON (with certificates) instead of tables" },
  {
    name: "csv",
    kind: "boolean",
    help: "print CSV (one row per observation, full precision) instead of tables",
  },
  {
    name: "output",
    kind: "string",
    output: true,
    placeholder: "PATH",
    help: "also write the JSON report to PATH (atomically, through symbolic links; - = standard output, in place of the tables)",
  },
];

/**
 * `--rules R1,R2` and its synonym `--rule`, the help naming the default (`payoff rules (default …)`).
 *
 * @example
 * rulesFlagSpecs("all built-ins"); // the --rules and --rule specs
 */
export function rulesFlagSpecs(defaultText: string): FlagSpec[] {
  return [
    {
      name: "rules",
      kind: "string",
      placeholder: "R1,R2",
      help: `payoff rules (default ${defaultText})`,
      repeatable: true,
    },
    { name: "rule", kind: "string", placeholder: "R1,R2", help: "same as --rules", repeatable: true },
  ];
}

/**
 * Positive integer flag or its default.
 *
 * @throws InputError naming the flag when the value is outside `1..max`.
 */
export function positiveInt(args: ParsedArgs, name: string, fallback: number, max = 1e7): number {
  const v = flagNumber(args, name, fallback);
  if (v < 1 || v > max)
    throw new InputError(undefined, `--${name}`, `must be between 1 and ${max}, got ${v}`);
  return v;
}

/** `--units` (1..100000, default `DEFAULT_UNITS`). */
export function unitsFlag(args: ParsedArgs): number {
  return positiveInt(args, "units", DEFAULT_UNITS, 100000);
}

/** `--max-profiles` (1..1e9, default `DEFAULT_MAX_PROFILES`). */
export function maxProfilesFlag(args: ParsedArgs): number {
  return positiveInt(args, "max-profiles", DEFAULT_MAX_PROFILES, 1e9);
}

/**
 * The best-response limits `--units` and `--max-maximisers`, in that order.
 *
 * @throws InputError naming the flag when a value is out of range.
 */
export function solveLimits(args: ParsedArgs): { units: number; maxMaximisers: number } {
  return {
    units: unitsFlag(args),
    maxMaximisers: positiveInt(args, "max-maximisers", DEFAULT_MAX_MAXIMISERS),
  };
}

/**
 * Rejoins rule-family specs that the comma split of a list flag cut apart: `mix:lambda=0.5`,
 * `rules=a+b` -> `mix:lambda=0.5,rules=a+b`. A piece with `=` and no `:` is a parameter of the spec
 * before it (a rule name never contains `=`).
 *
 * @throws nothing.
 * @example
 * joinFamilySpecs(["winrate", "mix:lambda=0.5", "rules=winrate+weighted-winrate"]); // ["winrate", "mix:lambda=0.5,rules=winrate+weighted-winrate"]
 */
export function joinFamilySpecs(pieces: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of pieces) {
    if (out.length > 0 && p.includes("=") && !p.includes(":")) out[out.length - 1] += `,${p}`;
    else out.push(p);
  }
  return out;
}

/**
 * The rule list of `--rules`/`--rule` (default: `fallback`), validated.
 *
 * @throws InputError naming the flag when a rule is unknown.
 */
export function rulesFlag(args: ParsedArgs, name: string, fallback: readonly string[]): string[] {
  const list = joinFamilySpecs(flagList(args, name));
  const rules = list.length > 0 ? list : fallback.slice();
  for (const r of rules) payoffRule(r, `--${name}`);
  return rules;
}

/**
 * The rule list of `--rules` or its synonym `--rule` (one of them, possibly repeated, comma lists),
 * or `fallback`; every name validated.
 *
 * @throws InputError when both flags are given or a rule is unknown.
 * @example
 * rulesFromFlags(args, ["winrate"]);
 */
export function rulesFromFlags(args: ParsedArgs, fallback: readonly string[]): string[] {
  if (args.flags.has("rules") && args.flags.has("rule"))
    throw new InputError(undefined, "--rule", "give --rules or --rule (the same flag), not both");
  return rulesFlag(args, args.flags.has("rule") ? "rule" : "rules", fallback);
}
