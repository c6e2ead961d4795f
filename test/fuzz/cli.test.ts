/**
 * A few dozen seeded cases of the command-line fuzzer (test/fuzz/cli-fuzz.ts) in every `npm test`;
 * `npm run fuzz` runs the long stream.
 */
import { describe, expect, it } from "vitest";
import { fuzzCase } from "./cli-fuzz.js";

describe("command-line fuzzing (seeded)", () => {
  it("40 cases keep every invariant", async () => {
    const problems: string[] = [];
    const codes = new Set<number>();
    for (let k = 0; k < 40; k++) {
      const o = await fuzzCase("npm-test", k);
      codes.add(o.code);
      if (o.problem !== undefined) problems.push(`case ${k}: ${o.argv.join(" ")}: ${o.problem}`);
    }
    expect(problems).toEqual([]);
    // the stream reaches both answers and refusals
    expect(codes.has(0) && codes.has(2)).toBe(true);
  }, 120_000);
});
