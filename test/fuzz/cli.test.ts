/**
 * A few hundred seeded cases of the command-line fuzzer (test/fuzz/cli-fuzz.ts) in every `npm test`,
 * a few seconds of CPU (the `check` base, which starts worker threads, runs in the long stream only);
 * `npm run fuzz` runs the long stream over every base.
 */
import { describe, expect, it } from "vitest";
import { fuzzCase } from "./cli-fuzz.js";

describe("command-line fuzzing (seeded)", () => {
  it("300 cases keep every invariant", async () => {
    const problems: string[] = [];
    const codes = new Set<number>();
    const commands = new Set<string>();
    for (let k = 0; k < 300; k++) {
      const o = await fuzzCase("npm-test", k, { threads: false });
      codes.add(o.code);
      commands.add(o.argv[0]!);
      if (o.problem !== undefined) problems.push(`case ${k}: ${o.argv.join(" ")}: ${o.problem}`);
    }
    expect(problems).toEqual([]);
    // the stream reaches both answers and refusals, on every command it covers
    expect(codes.has(0) && codes.has(2)).toBe(true);
    expect([...commands].sort()).toEqual([
      "calibrate",
      "compare",
      "empirical",
      "entry",
      "equilibrium",
      "evaluate",
      "nash",
      "ratings",
      "replace",
      "sequential",
    ]);
  }, 300_000);
});
