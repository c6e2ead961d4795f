import { join } from "node:path";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  type BootstrapSpec,
  binomial,
  bootstrapReplicate,
  DEFAULT_MAX_REPLICATES,
} from "../../empirical/bootstrap.js";
import { checkReplicates, quantile, runBootstrap } from "../../empirical/bootstrap-summary.js";
import { InputError } from "../../src/errors.js";
import { readPairwise } from "../../src/io/pairwise.js";
import { readScoreTable } from "../../src/io/scoreTable.js";
import { MIN_BOOTSTRAP_REPLICATES } from "../../src/limits.js";
import { WorkLimitError } from "../../src/work.js";
import { REPO_ROOT } from "../helpers/paths.js";

const table = readScoreTable(join(REPO_ROOT, "data", "wildbench_v2_task_scores.csv"));
const pairwise = readPairwise(join(REPO_ROOT, "data", "wildbench_v2_pairwise_by_category.csv"));

describe("the bootstrap", () => {
  const spec: BootstrapSpec = {
    table,
    pairwise,
    normalization: { kind: "minmax" },
    selection: { fit: "logit" },
    space: { kind: "top-k", k: 2 },
    ratings: true,
    replicates: 39,
    seed: "7",
  };

  it("same seed, same numbers on one core and on two workers", async () => {
    const one = await runBootstrap(spec, { workers: 1 });
    const two = await runBootstrap(spec, { workers: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(one.noise!.lower).toBeLessThanOrEqual(one.noise!.estimate);
    expect(one.noise!.upper).toBeGreaterThanOrEqual(one.noise!.estimate);
    expect(one.ratings).toHaveLength(6);
    expect(one.bestResponse!.perRule).toHaveLength(one.rules.length);
  }, 120_000);

  it("replicates depend on the seed and their index only", () => {
    const a = bootstrapReplicate(spec, 3);
    const b = bootstrapReplicate(spec, 3);
    const c = bootstrapReplicate({ ...spec, seed: "8" }, 3);
    expect(b).toEqual(a);
    expect(c.noise).not.toBe(a.noise);
  });

  it("with a table alone the tasks are resampled", async () => {
    const s = await runBootstrap({ table, normalization: { kind: "minmax" }, replicates: 39, seed: "1" });
    expect(s.resampled).toBe("tasks");
    const wr = s.kendall.find((k) => k.a === "winrate" && k.b === "weighted-winrate")!;
    expect(wr.lower).toBeLessThanOrEqual(wr.upper);
    expect(s.top[0]!.shares.reduce((t, x) => t + x.share, 0)).toBeCloseTo(1, 12);
  });

  it("refuses a replicate count that is not an integer >= 1, naming the field", async () => {
    for (const replicates of [0, -3, 1.5, Number.NaN]) {
      const err = await runBootstrap({ table, replicates, seed: "1" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect(err).not.toBeInstanceOf(WorkLimitError);
      expect((err as InputError).where).toBe("replicates");
    }
  });

  it("refuses fewer than 39 replicates (a 95% interval's ends are the 2.5% and 97.5% order statistics), naming the field", async () => {
    expect(MIN_BOOTSTRAP_REPLICATES).toBe(39);
    for (const replicates of [1, 2, 38]) {
      const err = await runBootstrap({ table, replicates, seed: "1" }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).where).toBe("replicates");
      expect((err as InputError).problem).toMatch(/too few for a 95% interval.*at least 39/);
    }
    expect(() => checkReplicates(39)).not.toThrow();
  });

  it("refuses more replicates than maxReplicates (default 100,000) as a work limit, before any work", async () => {
    const over = await runBootstrap({ table, replicates: 40, seed: "1" }, { maxReplicates: 39 }).catch(
      (e: unknown) => e,
    );
    expect(over).toBeInstanceOf(WorkLimitError);
    const w = over as WorkLimitError;
    expect([w.limitName, w.estimate, w.limit]).toEqual(["maxReplicates", 40, 39]);
    expect(w.problem).toBe("40 bootstrap replicates exceed the limit of 39 (maxReplicates)");
    expect(DEFAULT_MAX_REPLICATES).toBe(100_000);
    // a million replicates would take hours: refused at once
    const big = await runBootstrap({ table, replicates: 100_001, seed: "1" }).catch((e: unknown) => e);
    expect((big as WorkLimitError).limit).toBe(100_000);
    expect(() => checkReplicates(100_000)).not.toThrow();
    expect(() => checkReplicates(100_001, Number.POSITIVE_INFINITY)).not.toThrow();
    for (const bad of [0, -1, Number.NaN]) {
      expect(() => checkReplicates(39, bad)).toThrow(InputError);
      expect(() => checkReplicates(39, bad)).toThrow(/maxReplicates/);
    }
  });

  it("runs exactly at the limit", async () => {
    const s = await runBootstrap(
      { table, normalization: { kind: "minmax" }, replicates: 39, seed: "1" },
      { maxReplicates: 39 },
    );
    expect(s.replicates).toBe(39);
  });
});

describe("building blocks", () => {
  it("binomial draws have the right mean and variance (n = 30 and n = 1000)", () => {
    const rng = seedrandom.alea("binomial");
    const f = () => rng();
    for (const [n, p] of [
      [30, 0.3],
      [1000, 0.07],
      [500, 0.5],
    ] as const) {
      let m = 0;
      let v = 0;
      const R = 20000;
      for (let k = 0; k < R; k++) {
        const x = binomial(f, n, p);
        expect(x >= 0 && x <= n).toBe(true);
        m += x;
        v += x * x;
      }
      m /= R;
      v = v / R - m * m;
      // 5 standard errors of the mean and of the variance estimate
      expect(Math.abs(m - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / R));
      expect(Math.abs(v / (n * p * (1 - p)) - 1)).toBeLessThan(5 * Math.sqrt(2 / R));
    }
  });

  it("quantiles: type 7 interpolates, type 1 returns an order statistic", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.5, true)).toBe(2);
    expect(quantile([Number.NaN], 0.5)).toBeNaN();
  });
});
