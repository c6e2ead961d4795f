/** The command line names flags where the library names fields (cli/fields.ts). */
import { describe, expect, it } from "vitest";
import type { FlagSpec } from "../../cli/args.js";
import { limitProblem, translateInputError } from "../../cli/fields.js";
import { InputError } from "../../src/errors.js";
import { WorkLimitError } from "../../src/work.js";

const flags: FlagSpec[] = [
  { name: "weights", kind: "string", help: "" },
  { name: "normalize", kind: "string", help: "" },
  { name: "selection", kind: "string", help: "" },
];

describe("translateInputError", () => {
  it("turns a field into its flag, keeping the file, the rest of the place and the problem", () => {
    const e = translateInputError(new InputError("t.csv", "normalization max", "must be > 0"), flags);
    expect(e.message).toBe("t.csv: --normalize max: must be > 0");
    expect(translateInputError(new InputError(undefined, "selection eps", "too big"), flags).where).toBe(
      "--selection eps",
    );
    expect(translateInputError(new InputError(undefined, "weights", "all zero"), flags).message).toBe(
      "--weights: all zero",
    );
  });

  it("leaves JSON paths, flags already named, and fields the command has no flag for", () => {
    for (const where of ["$.tasks[0].weight", "--space", "space", "line 3, column 2"]) {
      const err = new InputError("f", where, "p");
      expect(translateInputError(err, flags)).toBe(err);
    }
  });
});

describe("library errors name fields, not flags", () => {
  it("no library source outside cli/ puts a flag name in an InputError", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { REPO_ROOT } = await import("../helpers/paths.js");
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith(".ts")) {
          readFileSync(path, "utf8")
            .split("\n")
            .forEach((line, i) => {
              const code = line.trim();
              if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/**")) return;
              // a suggested command line (`modelmarket replace FILE --producer ...`) names its flags
              if (/modelmarket [a-z]+ /.test(code)) return;
              if (/["`]--[a-z]/.test(code) || /[ (]--[a-z][a-z-]+[ )"`]/.test(code))
                offenders.push(`${path.slice(REPO_ROOT.length + 1)}:${i + 1}: ${code}`);
            });
        }
      }
    };
    for (const dir of ["src", "solvers", "proofs-check", "empirical"]) walk(join(REPO_ROOT, dir));
    expect(offenders).toEqual([]);
  });
});

describe("limitProblem", () => {
  it("drops the library's option name from a work-limit error, keeping the numbers", () => {
    const err = new WorkLimitError("maxReplicates", 200_000, 100_000, "bootstrap replicates");
    expect(limitProblem(err)).toBe("200,000 bootstrap replicates exceed the limit of 100,000");
  });
});
