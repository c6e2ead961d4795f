/**
 * Flags that a new user's re-trial found silently ignored or badly named: a bootstrap-only flag
 * without `--bootstrap` is refused (one line, exit 2) as `--difficulty` without `--length-controlled` is.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const VICUNA = "data/vicuna80_human_judgements.csv";
const TABLE = "test/fixtures/pairwise/scores.csv";
const BATTLES = "test/fixtures/pairwise/battles.csv";

describe("bootstrap-only flags need --bootstrap", () => {
  const cases: Array<[string, string]> = [
    ["rank-interval", "calibrated"],
    ["interval", "percentile"],
    ["seed", "5"],
    ["resample", "cells"],
    ["workers", "2"],
    ["max-replicates", "10"],
    ["max-bootstrap-work", "100"],
  ];
  for (const [flag, value] of cases)
    it(`ratings --${flag} without --bootstrap: exit 2, one line`, async () => {
      const r = await runCli(["ratings", VICUNA, "--task", "overall", `--${flag}`, value]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`modelmarket ratings: --${flag}: needs --bootstrap N\n`);
    });

  it("calibrate and empirical --seed without --bootstrap are refused; --bootstrap 0 too", async () => {
    const cal = await runCli(["calibrate", TABLE, "--pairwise", BATTLES, "--seed", "3"]);
    expect([cal.code, cal.stderr]).toEqual([2, "modelmarket calibrate: --seed: needs --bootstrap N\n"]);
    const emp = await runCli(["empirical", TABLE, "--workers", "2", "--bootstrap", "0"]);
    expect([emp.code, emp.stderr]).toEqual([2, "modelmarket empirical: --workers: needs --bootstrap N\n"]);
  });

  it("a bad value is still named as such, and the flags with --bootstrap run", async () => {
    const bad = await runCli(["ratings", VICUNA, "--workers", "0"]);
    expect(bad.stderr).toContain("--workers: must be an integer in 1..64, got 0");
    const ok = await runCli([
      "calibrate",
      TABLE,
      "--pairwise",
      BATTLES,
      "--bootstrap",
      "39",
      "--seed",
      "3",
      "--json",
    ]);
    expect(ok.code).toBe(0);
  });
});
