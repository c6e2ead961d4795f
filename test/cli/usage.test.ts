/**
 * The usage line of the commands that read pairwise judgements names every flag of their flag table
 * (a flag left out of it was found only by reading the whole --help), and `--bootstrap`'s help says
 * what each command's bootstrap gives intervals for.
 */
import { describe, expect, it } from "vitest";
import { spec as calibrate } from "../../cli/commands/calibrate-flags.js";
import { spec as empirical } from "../../cli/commands/empirical-flags.js";
import { spec as ratings } from "../../cli/commands/ratings-flags.js";

describe("usage lines of ratings, calibrate and empirical", () => {
  for (const spec of [ratings, calibrate, empirical]) {
    it(`${spec.name}: the usage line names every flag`, () => {
      const missing = spec.flags
        .map((f) => `--${f.name}`)
        .filter((f) => !spec.usage.includes(`${f} `) && !spec.usage.includes(`${f}]`));
      expect(missing).toEqual([]);
    });
  }

  it("--bootstrap says what it gives intervals for, per command", () => {
    const help = (s: typeof ratings) => s.flags.find((f) => f.name === "bootstrap")!.help;
    expect(help(ratings)).toContain("ratings and ranks");
    expect(help(calibrate)).toContain("beta or sigma");
    expect(help(calibrate)).not.toContain("rank");
    expect(help(empirical)).toContain("payoffs");
  });

  it("--pairwise lists every format the reader takes", () => {
    for (const s of [calibrate, empirical]) {
      const help = s.flags.find((f) => f.name === "pairwise")!.help;
      for (const format of ["CSV", "JSON Lines", "JSON array", "AlpacaEval", "WildBench"])
        expect(help, `${s.name}: ${format}`).toContain(format);
    }
  });
});
