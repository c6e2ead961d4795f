import { join } from "node:path";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  CHI2_95,
  calibrateNoise,
  calibrationWarningText,
  fitNoise,
  type NoiseObservations,
} from "../../empirical/calibrate.js";
import { InputError } from "../../src/errors.js";
import { parsePairwise, readPairwise } from "../../src/io/pairwise.js";
import { parseScoreTable, readScoreTable } from "../../src/io/scoreTable.js";
import { normalCdf } from "../../src/numeric/normal.js";
import { REPO_ROOT } from "../helpers/paths.js";

/** Judgements between quality differences `d` drawn with `P(win) = prob(d)`, 200 per difference. */
function synthetic(seed: string, prob: (d: number) => number): NoiseObservations {
  const rng = seedrandom.alea(seed);
  const obs: NoiseObservations = { tasks: ["t"], task: [], d: [], s: [], n: [], a: [], b: [] };
  for (let k = -10; k <= 10; k++) {
    const d = k / 10;
    let w = 0;
    for (let r = 0; r < 200; r++) if (rng() < prob(d)) w++;
    obs.task.push(0);
    obs.d.push(d);
    obs.s.push(w);
    obs.n.push(200);
    obs.a.push("a");
    obs.b.push("b");
  }
  return obs;
}

/** Log-likelihood of the logit model at beta, written out independently of calibrate.ts. */
function logitLL(obs: NoiseObservations, beta: number): number {
  let l = 0;
  obs.d.forEach((d, k) => {
    const p = 1 / (1 + Math.exp(-beta * d));
    l += obs.s[k]! * Math.log(p) + (obs.n[k]! - obs.s[k]!) * Math.log(1 - p);
  });
  return l;
}

describe("fitting the noise", () => {
  it("logit: the MLE zeroes the score, and the profile bounds sit where the log-likelihood drops by 1.92", () => {
    const obs = synthetic("logit", (d) => 1 / (1 + Math.exp(-3 * d)));
    const fit = fitNoise(obs, "logit");
    expect(fit.converged).toBe(true);
    expect(fit.lower!).toBeLessThan(3);
    expect(fit.upper!).toBeGreaterThan(3);
    const lmax = logitLL(obs, fit.value!);
    expect(fit.logLikelihood).toBeCloseTo(lmax, 8);
    expect(logitLL(obs, fit.value! + 1e-4)).toBeLessThan(lmax);
    expect(logitLL(obs, fit.value! - 1e-4)).toBeLessThan(lmax);
    expect(logitLL(obs, fit.lower!)).toBeCloseTo(lmax - CHI2_95 / 2, 6);
    expect(logitLL(obs, fit.upper!)).toBeCloseTo(lmax - CHI2_95 / 2, 6);
    expect(fit.pseudoR2).toBeGreaterThan(0);
    expect(fit.llPerJudgement).toBeGreaterThan(fit.llConstantPerJudgement);
  });

  it("probit: sigma recovered within its interval; P = Phi(d / (sigma sqrt 2))", () => {
    const sigma = 0.3;
    const obs = synthetic("probit", (d) => normalCdf(d / (sigma * Math.SQRT2)));
    const fit = fitNoise(obs, "probit");
    expect(fit.parameter).toBe("sigma");
    expect(fit.converged).toBe(true);
    expect(fit.lower!).toBeLessThan(sigma);
    expect(fit.upper!).toBeGreaterThan(sigma);
    expect(fit.lower!).toBeLessThan(fit.value!);
    expect(fit.value!).toBeLessThan(fit.upper!);
  });

  it("no signal: beta near 0 and no better than the constant model; the interval stays in beta >= 0", () => {
    const fit = fitNoise(
      synthetic("flat", () => 0.5),
      "logit",
    );
    expect(fit.value!).toBeGreaterThanOrEqual(0);
    expect(fit.lower!).toBe(0);
    expect(fit.upper!).toBeGreaterThan(0);
    expect(fit.pseudoR2).toBeLessThan(0.01);
  });
});

describe("scores of any scale (issue 21: 1e300 claimed convergence at beta = 0)", () => {
  it("the fit is equivariant: differences times 2^900 give beta / 2^900 (and the same likelihood)", () => {
    const obs = synthetic("logit", (d) => 1 / (1 + Math.exp(-3 * d)));
    const fit = fitNoise(obs, "logit");
    for (const factor of [2 ** 900, 1e300, 1e-300]) {
      const big = fitNoise({ ...obs, d: obs.d.map((d) => d * factor) }, "logit");
      expect(big.converged).toBe(true);
      expect(big.value! * factor).toBeCloseTo(fit.value!, 6);
      expect(big.upper! * factor).toBeCloseTo(fit.upper!, 6);
      expect(big.standardError! * factor).toBeCloseTo(fit.standardError!, 6);
      expect(big.logLikelihood).toBeCloseTo(fit.logLikelihood, 6);
    }
    const probit = fitNoise(obs, "probit");
    for (const factor of [2 ** 900, 1e300, 1e-300]) {
      // sigma is in the units of the scores: it scales with them
      const big = fitNoise({ ...obs, d: obs.d.map((d) => d * factor) }, "probit");
      expect(big.converged).toBe(true);
      expect(big.value! / factor).toBeCloseTo(probit.value!, 6);
      expect(big.standardError! / factor).toBeCloseTo(probit.standardError!, 6);
    }
  });

  it("differences 1e300 and 1.7e308 beside 0.1: never 'converged' with a large gradient", () => {
    // the trial's cells (scores 1e300, 1e-300, 1.7e308 on coding; 0.5..0.7 on writing), one judgement each
    const obs: NoiseObservations = {
      tasks: ["coding", "writing"],
      task: [0, 0, 1, 1, 0, 0, 1, 1],
      d: [1e300, -1.7e308, 0.1, -0.1, -1e300, 1.7e308, 0.1, -0.2],
      s: [1, 0, 0.5, 0.5, 0, 1, 1, 0],
      n: [1, 1, 1, 1, 1, 1, 1, 1],
      a: ["alpha", "beta", "gamma", "alpha", "beta", "gamma", "beta", "alpha"],
      b: ["beta", "gamma", "alpha", "gamma", "alpha", "beta", "gamma", "beta"],
    };
    for (const model of ["logit", "probit"] as const) {
      const fit = fitNoise(obs, model);
      // the pooled log-likelihood's maximum is near the writing task's (beta 10.46): beta = 0 is no answer
      if (fit.converged) {
        expect(fit.value).not.toBe(0);
        expect(fit.gradient).toBeLessThan(1e-6);
      } else expect(fit.value).toBeNull();
      expect(fit.logLikelihood).toBeGreaterThan(8 * Math.log(0.5));
    }
  });

  it("a difference that overflows is an InputError, not a fit", () => {
    const obs: NoiseObservations = {
      tasks: ["t"],
      task: [0],
      d: [Number.POSITIVE_INFINITY],
      s: [1],
      n: [1],
      a: ["a"],
      b: ["b"],
    };
    expect(() => fitNoise(obs, "logit")).toThrow(/quality difference of a and b is not finite/);
  });
});

describe("calibrating against a score table", () => {
  it("WildBench: pooled and per-task fits converge; unmatched models are named", () => {
    const cal = calibrateNoise(
      readScoreTable(join(REPO_ROOT, "data", "wildbench_v2_task_scores.csv")),
      readPairwise(join(REPO_ROOT, "data", "wildbench_v2_pairwise_by_category.csv")),
      { normalization: { kind: "minmax" } },
    );
    expect(cal.pooled.converged).toBe(true);
    expect(cal.pooled.gradient).toBeLessThan(1e-6);
    expect(cal.pooled.lower!).toBeLessThan(cal.pooled.value!);
    expect(cal.pooled.upper!).toBeGreaterThan(cal.pooled.value!);
    expect(cal.perTask.map((t) => t.task)).toHaveLength(5);
    for (const t of cal.perTask) expect(t.converged).toBe(true);
    expect(cal.models.tableOnly).toContain("Athene-70B");
    expect(cal.models.pairwiseOnly).toContain("Qwen1.5-72B-Chat");
    expect(cal.warnings[0]).toMatchObject({ code: "models-left-out" });
    expect(calibrationWarningText(cal.warnings[0]!)).toContain('"Athene-70B"');
    expect(cal.curves).toHaveLength(5);
  });

  it("files with no common model are an InputError naming the models", () => {
    const table = parseScoreTable("model,code\nA,1\nB,2\n", "s.csv");
    const data = parsePairwise("model_a,model_b,winner,task\nX,Y,model_a,code\n", "p.csv");
    expect(() => calibrateNoise(table, data)).toThrow(InputError);
    expect(() => calibrateNoise(table, data)).toThrow(/not the score table: "X", "Y"/);
  });
});
