/**
 * Issue 21 (a new user's trial): fits that claimed convergence where none exists. Each case is the
 * trial's own input (test/fixtures/pairwise/fastchat-8.json: 8 FastChat battles with style metadata;
 * huge-scores.csv: scores 1e300, 1e-300 and 1.7e308 on one task).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";

const FIX = join(REPO_ROOT, "test", "fixtures", "pairwise");
const BATTLES8 = join(FIX, "fastchat-8.json");
const HUGE = join(FIX, "huge-scores.csv");

describe("calibrate on scores of 1e300", () => {
  it("is not 'converged' at beta = 0 with a gradient of 1.7e308: NOT CONVERGED, exit 1", async () => {
    const r = await runCli(["calibrate", HUGE, "--pairwise", BATTLES8, "--normalize", "none", "--json"]);
    expect(r.code).toBe(1);
    const pooled = JSON.parse(r.stdout).fits[0].pooled;
    expect(pooled.converged).toBe(false);
    expect(pooled.value).toBeNull();
    const text = await runCli(["calibrate", HUGE, "--pairwise", BATTLES8, "--normalize", "none"]);
    expect(text.stdout).toMatch(
      /pooled: beta: no maximum-likelihood value \(not converged\); gradient \S+, iterations \d+ NOT CONVERGED/,
    );
    // the writing task alone (differences 0.1 and 0.2) fits as before
    expect(text.stdout).toMatch(/writing +10\.4573/);
  });
});

describe("ratings --control style on 8 battles the covariates separate", () => {
  it("adds the prior and says why (it used to say 'converged' with standard errors of 1e6)", async () => {
    const r = await runCli(["ratings", BATTLES8, "--task", "overall", "--control", "style"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /controlled ratings .*: converged, gradientNorm \S+; maximum-likelihood ratings do not exist \(the ratings and the covariates together separate the wins from the losses: .*\): one virtual judgement per model against rating 0, and one virtual tie per coefficient at 0, added\n/,
    );
    const json = JSON.parse(
      (await runCli(["ratings", BATTLES8, "--task", "overall", "--control", "style", "--json"])).stdout,
    );
    for (const c of json.controlled.coefficients) expect(c.standardError).toBeLessThan(10);
  });

  it("--prior none refuses with one line naming --prior, exit 2", async () => {
    const r = await runCli([
      "ratings",
      BATTLES8,
      "--task",
      "overall",
      "--control",
      "style",
      "--prior",
      "none",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^modelmarket ratings: --prior: maximum-likelihood ratings do not exist \(the ratings and the covariates/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("--bootstrap below 39 replicates", () => {
  it("is refused with one line naming --bootstrap (it printed a '95%' interval missing the estimate)", async () => {
    for (const argv of [
      ["ratings", "data/vicuna80_human_judgements.csv", "--task", "overall", "--bootstrap", "1"],
      ["calibrate", HUGE, "--pairwise", BATTLES8, "--normalize", "minmax", "--bootstrap", "38"],
    ]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(
        new RegExp(
          `^modelmarket ${argv[0]}: --bootstrap: (1 replicate is|38 replicates are) too few for a 95% interval.*at least 39.*\\n$`,
        ),
      );
    }
  });
});

describe("calibrate --bootstrap on 8 battles: the percentile interval says why", () => {
  it("names the boundary replicates, text and JSON (it switched from the log-normal interval silently)", async () => {
    const argv = [
      "calibrate",
      join(FIX, "fastchat-8-scores.csv"),
      "--pairwise",
      BATTLES8,
      "--bootstrap",
      "40",
    ];
    const text = await runCli(argv);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /pooled bootstrap: beta 95% percentile interval \S+ \(40 replicates; [^)]*\); percentile, not normal on the log scale: \d+ of 40 replicates fit beta on a boundary \(0 or infinite; \d+ infinite\), which has no log/,
    );
    const boot = JSON.parse((await runCli([...argv, "--json"])).stdout).fits[0].bootstrap;
    expect(boot.interval).toBe("percentile");
    expect(boot.reason).toMatchObject({ code: "boundary-replicates", replicates: 40 });
    expect(boot.reason.boundary).toBeGreaterThan(0);
    expect(boot.reason.leftOut).toBeLessThanOrEqual(boot.reason.boundary);
  });
});
