/** The producer-game commands' shared flags (cli/solverFlags.ts): one definition, one parser. */
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../cli/args.js";
import { command as compare } from "../../cli/commands/compare.js";
import { command as entry } from "../../cli/commands/entry.js";
import { command as equilibrium } from "../../cli/commands/equilibrium.js";
import { command as replace } from "../../cli/commands/replace.js";
import { command as sequential } from "../../cli/commands/sequential.js";
import {
  DEFAULT_MAX_PROFILES,
  MAX_MAXIMISERS_FLAG,
  maxProfilesFlag,
  rulesFlagSpecs,
  rulesFromFlags,
  SOLVER_FLAGS,
  solveLimits,
  UNITS_FLAG,
} from "../../cli/solverFlags.js";
import { InputError } from "../../src/errors.js";

const specs = [
  ...SOLVER_FLAGS,
  ...rulesFlagSpecs("x"),
  { name: "max-profiles", kind: "integer" as const, help: "" },
];
/** The InputError `f` throws (undefined when it throws none). */
function thrown(f: () => unknown): InputError | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  return undefined;
}
const args = (...argv: string[]) => parseArgs(argv, specs);

describe("solveLimits", () => {
  it("gives the defaults, reads the flags and names the flag out of range", () => {
    expect(solveLimits(args())).toEqual({ units: 256, maxMaximisers: 20 });
    expect(solveLimits(args("--units", "8", "--max-maximisers", "3"))).toEqual({
      units: 8,
      maxMaximisers: 3,
    });
    expect(() => solveLimits(args("--units", "100001"))).toThrow("must be between 1 and 100000, got 100001");
    // --units is checked first
    expect(thrown(() => solveLimits(args("--units", "0", "--max-maximisers", "0")))?.where).toBe("--units");
    expect(() => solveLimits(args("--max-maximisers", "0"))).toThrow(/--max-maximisers/);
  });
  it("max-profiles defaults to DEFAULT_MAX_PROFILES and stops at 1e9", () => {
    expect(maxProfilesFlag(args())).toBe(DEFAULT_MAX_PROFILES);
    expect(() => maxProfilesFlag(args("--max-profiles", "1000000001"))).toThrow(/between 1 and 1000000000/);
  });
});

describe("rulesFromFlags", () => {
  it("reads --rules or --rule, not both, and validates the names", () => {
    expect(rulesFromFlags(args(), ["winrate"])).toEqual(["winrate"]);
    expect(rulesFromFlags(args("--rule", "average-score,winrate"), [])).toEqual(["average-score", "winrate"]);
    expect(() => rulesFromFlags(args("--rule", "winrate", "--rules", "winrate"), [])).toThrow(/not both/);
    expect(thrown(() => rulesFromFlags(args("--rules", "nope"), []))?.where).toBe("--rules");
    expect(thrown(() => rulesFromFlags(args("--rule", "nope"), []))?.where).toBe("--rule");
  });
});

describe("the commands share the definitions", () => {
  it("every producer-game command lists the same --units and --max-maximisers", () => {
    for (const c of [entry, replace, compare, equilibrium, sequential]) {
      expect(
        c.flags.find((f) => f.name === "units"),
        c.name,
      ).toBe(UNITS_FLAG);
      expect(
        c.flags.find((f) => f.name === "max-maximisers"),
        c.name,
      ).toBe(MAX_MAXIMISERS_FLAG);
    }
    expect(UNITS_FLAG.help).toMatch(/\(default 256\)$/);
  });
});
