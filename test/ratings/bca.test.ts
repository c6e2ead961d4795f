/**
 * The BCa interval of the ratings: the normal quantile it needs, the interval's formula against a hand
 * computation, and the acceleration from the influence values against a brute-force jackknife (leave
 * one judgement out and refit), under each resampling scheme's units.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { runBootstrap } from "../../empirical/bootstrap-summary.js";
import { quantile } from "../../empirical/quantile.js";
import { bcaInterval, normalQuantile, ratingAccelerations } from "../../empirical/ratings/bca.js";
import { fitBradleyTerry } from "../../empirical/ratings/bradley-terry.js";
import { comparisonsFrom } from "../../empirical/ratings/comparisons.js";
import { parsePairwise } from "../../src/io/pairwise.js";
import { normalCdf } from "../../src/numeric/normal.js";

describe("normalQuantile", () => {
  it("inverts normalCdf to rounding over (1e-100, 1 - 1e-12)", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    // normalCdf's own relative accuracy in the far tail bounds the refinement
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 8);
    for (const p of [1e-100, 1e-20, 1e-5, 0.01, 0.02425, 0.1, 0.3, 0.7, 0.9, 0.97575, 0.999, 1 - 1e-12]) {
      const x = normalQuantile(p);
      expect(Math.abs(normalCdf(x) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-9);
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});

describe("bcaInterval", () => {
  const v = Array.from({ length: 199 }, (_, k) => k / 10);
  it("is the percentile interval when the estimate is the median and a = 0", () => {
    const median = quantile(v, 0.5);
    expect(bcaInterval(median, v, 0)).toEqual({ lower: quantile(v, 0.025), upper: quantile(v, 0.975) });
  });
  it("moves the levels by 2 z0 (a = 0) and by the accelerated formula, as computed by hand", () => {
    // 60 of 199 replicates below the estimate 5.95
    const z0 = normalQuantile(60 / 199);
    const za = normalQuantile(0.025);
    const zb = normalQuantile(0.975);
    expect(bcaInterval(5.95, v, 0)).toEqual({
      lower: quantile(v, normalCdf(2 * z0 + za)),
      upper: quantile(v, normalCdf(2 * z0 + zb)),
    });
    const a = 0.05;
    const level = (z: number) => normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
    expect(bcaInterval(5.95, v, a)).toEqual({ lower: quantile(v, level(za)), upper: quantile(v, level(zb)) });
  });
  it("falls back to the percentile interval when every replicate is on one side", () => {
    expect(bcaInterval(-1, v, 0)).toEqual({ lower: quantile(v, 0.025), upper: quantile(v, 0.975) });
  });
});

describe("ratingAccelerations", () => {
  // a small unbalanced log: 4 models, 150 judgements with ties, strengths spread over 2 logits
  const rng = seedrandom.alea("bca");
  const theta = [1, 0.3, -0.2, -1.1];
  const rows = ["model_a,model_b,winner,question_id"];
  for (let k = 0; k < 150; k++) {
    const a = Math.floor(rng() ** 1.5 * 4);
    let b = Math.floor(rng() * 3);
    if (b >= a) b++;
    const p = 1 / (1 + Math.exp(-(theta[a]! - theta[b]!)));
    const u = rng();
    rows.push(`m${a},m${b},${u < 0.1 ? "tie" : rng() < p ? "model_a" : "model_b"},q${k % 50}`);
  }
  const lines = rows.slice(1);
  const fitOf = (ls: string[]) =>
    fitBradleyTerry(
      comparisonsFrom(parsePairwise(`${[rows[0], ...ls].join("\n")}\n`, "log.csv"), { overall: true }),
    );
  const data = parsePairwise(`${rows.join("\n")}\n`, "log.csv", { cluster: "question_id" });
  const fit = fitOf(lines);
  const order = data.models.map((m) => fit.models.indexOf(m));
  const ratings = order.map((k) => fit.ratings[k]!);

  /** The jackknife acceleration over units (groups of line indices), Efron and Tibshirani (1993) eq. 14.15. */
  function jackknife(units: number[][]): number[] {
    const loo = units.map((u) => {
      const f = fitOf(lines.filter((_, k) => !u.includes(k)));
      return data.models.map((name) => f.ratings[f.models.indexOf(name)]!);
    });
    return data.models.map((_, m) => {
      const mean = loo.reduce((s, r) => s + r[m]!, 0) / loo.length;
      let s2 = 0;
      let s3 = 0;
      for (const r of loo) {
        s2 += (mean - r[m]!) ** 2;
        s3 += (mean - r[m]!) ** 3;
      }
      return s3 / (6 * s2 ** 1.5);
    });
  }

  it("battles: agrees with the jackknife over judgements", () => {
    const a = ratingAccelerations(
      data,
      { overall: true },
      ratings,
      [0, 0, 0, 0],
      { kind: "mean" },
      { kind: "battles" },
    );
    const jack = jackknife(lines.map((_, k) => [k]));
    // the influence values are the jackknife's limit; on 150 judgements they agree to a few percent
    a.forEach((x, m) => {
      expect(Math.abs(x - jack[m]!)).toBeLessThan(0.15 * Math.abs(jack[m]!) + 0.002);
    });
    expect(a.some((x) => Math.abs(x) > 0.005)).toBe(true);
  });

  it("clusters: agrees with the jackknife over whole questions", () => {
    const a = ratingAccelerations(
      data,
      { overall: true },
      ratings,
      [0, 0, 0, 0],
      { kind: "mean" },
      {
        kind: "clusters",
        column: "question_id",
      },
    );
    const units = Array.from({ length: 50 }, (_, q) => lines.flatMap((_, k) => (k % 50 === q ? [k] : [])));
    const jack = jackknife(units);
    a.forEach((x, m) => {
      expect(Math.abs(x - jack[m]!)).toBeLessThan(0.2 * Math.abs(jack[m]!) + 0.003);
    });
  });

  it("the ratings command's bootstrap prints BCa intervals that differ from the percentile ones", async () => {
    const spec = {
      pairwise: data,
      ratings: true,
      replicates: 200,
      seed: "1",
      resample: { kind: "battles" as const },
    };
    const bca = await runBootstrap(spec, { workers: 1 });
    const pct = await runBootstrap({ ...spec, ratingInterval: "percentile" as const }, { workers: 1 });
    expect(bca.ratingInterval).toBe("bca");
    expect(pct.ratingInterval).toBe("percentile");
    const b = bca.ratings![0]!.models;
    const p = pct.ratings![0]!.models;
    expect(b.map((m) => m.rating.estimate)).toEqual(p.map((m) => m.rating.estimate));
    expect(b.some((m, k) => Math.abs(m.rating.lower - p[k]!.rating.lower) > 1e-3)).toBe(true);
    for (const m of b)
      expect(m.rating.lower < m.rating.estimate && m.rating.estimate < m.rating.upper).toBe(true);
  });
});
