/**
 * Issue 21: a bootstrap replicate whose refitted noise is on its infinite boundary counts as infinite,
 * not as missing. Its leaderboards are the rule's limit there (logit `beta = infinity` and probit
 * `sigma = 0`: `perfect`; probit `sigma = infinity`: uniform), not a silent `beta = 20`; the percentile
 * interval keeps it (`quantileWithInfinities`), so its upper end is infinite when the 97.5% point falls
 * on or interpolates towards an infinite replicate; text, JSON, CSV, workers and shards agree. Data:
 * test/fixtures/pairwise/fastchat-8.json (8 FastChat battles) and fastchat-8-scores.csv.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type BootstrapSpec, bootstrapReplicate } from "../../empirical/bootstrap.js";
import { quantile, quantileWithInfinities } from "../../empirical/quantile.js";
import { readPairwise } from "../../src/io/pairwise.js";
import { readScoreTable } from "../../src/io/scoreTable.js";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";

const FIX = join(REPO_ROOT, "test", "fixtures", "pairwise");
const SCORES = join(FIX, "fastchat-8-scores.csv");
const BATTLES8 = join(FIX, "fastchat-8.json");
const table = readScoreTable(SCORES);
const pairwise = readPairwise(BATTLES8);
const tmp = mkdtempSync(join(tmpdir(), "modelmarket-infbeta-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("quantileWithInfinities", () => {
  it("keeps infinite values, drops NaN, and takes the interpolation's limit", () => {
    expect(quantileWithInfinities([1, 2, 3, Number.POSITIVE_INFINITY], 0.5)).toBe(2.5);
    // between 3 and infinity: infinite (quantile, which drops it, says 3)
    expect(quantileWithInfinities([1, 2, 3, Number.POSITIVE_INFINITY], 0.9)).toBe(Number.POSITIVE_INFINITY);
    expect(quantile([1, 2, 3, Number.POSITIVE_INFINITY], 0.9)).toBe(2.8);
    // on an order statistic: that value, not NaN from 0 * (infinity - 3)
    expect(quantileWithInfinities([1, 2, 3, Number.POSITIVE_INFINITY], 2 / 3)).toBe(3);
    expect(quantileWithInfinities([1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], 0.75)).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(quantileWithInfinities([Number.NaN, 1, 2, Number.NaN], 1)).toBe(2);
    expect(quantileWithInfinities([Number.NaN], 0.5)).toBeNaN();
    // 40 values, 1 infinite: the 97.5% point (order statistic 39.025) interpolates towards it
    const forty = Array.from({ length: 39 }, (_, k) => k + 1);
    expect(quantileWithInfinities([...forty, Number.POSITIVE_INFINITY], 0.975)).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(quantileWithInfinities([...forty, 40], 0.975)).toBeCloseTo(39.025, 12);
  });
});

describe("a replicate on a boundary: its noise and its leaderboards", () => {
  const spec = (selection: BootstrapSpec["selection"], t = table): BootstrapSpec => ({
    table: t,
    pairwise,
    selection,
    replicates: 40,
    seed: "1",
  });

  it("logit beta = infinity is Infinity, and its leaderboards are perfect selection's", () => {
    const noises = Array.from({ length: 40 }, (_, k) => bootstrapReplicate(spec({ fit: "logit" }), k).noise);
    const infinite = noises.flatMap((x, k) => (x === Number.POSITIVE_INFINITY ? [k] : []));
    expect(infinite).toHaveLength(5);
    expect(noises.every((x) => x !== null)).toBe(true);
    for (const k of infinite)
      expect(bootstrapReplicate(spec({ fit: "logit" }), k).payoffs).toEqual(
        bootstrapReplicate(spec({ rule: "perfect" }), k).payoffs,
      );
    // a finite refit is evaluated at its own beta, so it differs from perfect
    const finite = noises.findIndex((x) => x !== null && Number.isFinite(x) && x > 0);
    const own = bootstrapReplicate(spec({ fit: "logit" }), finite);
    expect(own.payoffs).toEqual(
      bootstrapReplicate(spec({ rule: "logit", beta: own.noise! }), finite).payoffs,
    );
    expect(own.payoffs).not.toEqual(bootstrapReplicate(spec({ rule: "perfect" }), finite).payoffs);
  });

  it("probit sigma = 0 is perfect (not evaluated at sigma 0); sigma = infinity is uniform", () => {
    const zero = Array.from({ length: 40 }, (_, k) => k).filter(
      (k) => bootstrapReplicate(spec({ fit: "probit" }), k).noise === 0,
    );
    expect(zero).toHaveLength(5);
    for (const k of zero) {
      const r = bootstrapReplicate(spec({ fit: "probit" }), k);
      expect(r.payoffs.flat().every(Number.isFinite)).toBe(true);
      expect(r.payoffs).toEqual(bootstrapReplicate(spec({ rule: "perfect" }), k).payoffs);
    }
    // scores reversed: the worse-scored model wins, so sigma's fit is infinite (no favouring)
    const reversed = { ...table, scores: table.scores.map((row) => row.map((x) => 1 - x)) };
    const point = bootstrapReplicate(spec({ fit: "probit" }, reversed), -1);
    expect(point.noise).toBe(Number.POSITIVE_INFINITY);
    expect(point.payoffs).toEqual(bootstrapReplicate(spec({ rule: "logit", beta: 0 }, reversed), -1).payoffs);
  });
});

describe("calibrate --bootstrap 40 on 8 battles: the infinite replicates are in the interval", () => {
  const argv = ["calibrate", SCORES, "--pairwise", BATTLES8, "--bootstrap", "40"];

  it("the upper end is infinity (5 of 40 replicates infinite): text, JSON null, CSV empty", async () => {
    const text = await runCli(argv);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      "pooled bootstrap: beta 95% percentile interval 6.5046..infinity (40 replicates; judgements drawn with replacement from the whole log); percentile, not normal on the log scale: 5 of 40 replicates fit beta on a boundary (0 or infinite; 5 infinite), which has no log\n",
    );
    const boot = JSON.parse((await runCli([...argv, "--json"])).stdout).fits[0].bootstrap;
    expect(boot.upper).toBeNull();
    expect(boot.lower).toBeCloseTo(6.5046, 4);
    expect(boot.reason).toEqual({
      code: "boundary-replicates",
      boundary: 5,
      infinite: 5,
      leftOut: 0,
      replicates: 40,
    });
    const csv = (await runCli([...argv, "--csv"])).stdout;
    expect(csv).toMatch(/\nall,pooled,bootstrap\.beta,10\.06\d+,6\.50\d+,\n/);
    expect(csv).not.toMatch(/Infinity/);
  });

  it("the same bytes with --workers 1, --workers 2 and two shards merged", async () => {
    const one = await runCli([...argv, "--workers", "1", "--json"]);
    const two = await runCli([...argv, "--workers", "2", "--json"]);
    expect(two.stdout).toBe(one.stdout);
    const dir = join(tmp, "shards");
    for (const k of [2, 1]) {
      const r = await runCli([...argv, "--shard", `${k}/2`, "--out", dir]);
      expect(r.code).toBe(0);
    }
    expect((await runCli(["merge", dir, "--json"])).stdout).toBe(one.stdout);
    expect((await runCli(["merge", dir])).stdout).toBe((await runCli(argv)).stdout);
  }, 120_000);
});
