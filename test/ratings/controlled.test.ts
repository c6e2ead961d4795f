/**
 * Controlled ratings: Bradley-Terry with style covariates recovers known strengths and a known style
 * effect from seeded simulated battles (where the plain fit is fooled by length), and the
 * length-controlled win rate recovers a known GLM; on AlpacaEval 2.0, with AlpacaEval's published
 * instruction difficulties and gamed-baseline judgements (shipped, checked by their sha256), the
 * published weights give the published board exactly, and the agreement of our fits with it is measured
 * and stated (docs/pairwise.md).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { kendallTau } from "../../empirical/ranking.js";
import { fitBradleyTerry } from "../../empirical/ratings/bradley-terry.js";
import { comparisonsFrom } from "../../empirical/ratings/comparisons.js";
import { fitControlledBradleyTerry } from "../../empirical/ratings/controlled.js";
import { lengthControlledFromWeights, lengthControlledWinRates } from "../../empirical/ratings/lc-glm.js";
import {
  readGamedJudgements,
  readGlmWeights,
  readInstructionDifficulty,
} from "../../src/io/alpacaeval-glm.js";
import { parsePairwise, readPairwise } from "../../src/io/pairwise.js";
import { REPO_ROOT } from "../helpers/paths.js";

const sig = (z: number) => 1 / (1 + Math.exp(-z));

describe("style-controlled Bradley-Terry", () => {
  // strengths; model m3 writes three times as long as the others, and length is worth gamma
  const R = [0.6, 0.2, -0.2, -0.6];
  const LEN = [100, 100, 100, 300];
  const GAMMA = 1.2;
  const rng = seedrandom.alea("style");
  const rows = ["model_a,model_b,winner,length_a,length_b"];
  const feats: number[] = [];
  const pairs: Array<[number, number, number, number]> = [];
  for (let k = 0; k < 12_000; k++) {
    const a = Math.floor(rng() * 4);
    let b = Math.floor(rng() * 3);
    if (b >= a) b++;
    const la = LEN[a]! * (0.5 + rng());
    const lb = LEN[b]! * (0.5 + rng());
    pairs.push([a, b, la, lb]);
    feats.push((la - lb) / (la + lb + 1));
  }
  const mean = feats.reduce((s, x) => s + x, 0) / feats.length;
  const sd = Math.sqrt(feats.reduce((s, x) => s + (x - mean) ** 2, 0) / feats.length);
  pairs.forEach(([a, b, la, lb], k) => {
    const p = sig(R[a]! - R[b]! + GAMMA * ((feats[k]! - mean) / sd));
    rows.push(`m${a},m${b},${rng() < p ? "model_a" : "model_b"},${la.toFixed(1)},${lb.toFixed(1)}`);
  });
  const data = parsePairwise(`${rows.join("\n")}\n`, "style.csv", { controls: ["length"] });

  it("recovers the strengths and the style coefficient within 4 standard errors", () => {
    const fit = fitControlledBradleyTerry(data);
    expect(fit.converged).toBe(true);
    const c = fit.coefficients[0]!;
    expect(Math.abs(c.estimate - GAMMA)).toBeLessThan(4 * c.standardError);
    data.models.forEach((m, k) => {
      const truth = R[Number(m.slice(1))]!;
      expect(Math.abs(fit.ratings[k]! - truth)).toBeLessThan(4 * fit.standardErrors[k]!);
    });
  });

  it("the plain fit is fooled by length: it rates the long-winded m3 far above its strength", () => {
    const plain = fitBradleyTerry(comparisonsFrom(data, { overall: true }));
    const k3 = data.models.indexOf("m3");
    expect(plain.ratings[k3]! - R[3]!).toBeGreaterThan(0.5);
  });
});

describe("length-controlled win rate", () => {
  it("recovers sigmoid(theta) of a known GLM from seeded soft preferences", () => {
    const rng = seedrandom.alea("lc");
    const THETA = -0.4;
    const PHI = -1.5;
    const lines = ["instruction_id,dataset,generator_1,generator_2,preference,len_1,len_2"];
    const deltas: number[] = [];
    const rows: Array<[number, number]> = [];
    for (let i = 0; i < 4000; i++) {
      const l1 = 500 + 1000 * rng();
      const l2 = 300 + 2000 * rng();
      rows.push([l1, l2]);
      deltas.push(l1 - l2);
    }
    const m = deltas.reduce((s, x) => s + x, 0) / deltas.length;
    const sd = Math.sqrt(deltas.reduce((s, x) => s + (x - m) ** 2, 0) / (deltas.length - 1));
    rows.forEach(([l1, l2], i) => {
      const p = sig(THETA + PHI * Math.tanh((l1 - l2) / sd));
      lines.push(
        `${i},d,base,model,${(1 + (rng() < p ? 1 : 0)).toFixed(1)},${l1.toFixed(0)},${l2.toFixed(0)}`,
      );
    });
    const data = parsePairwise(`${lines.join("\n")}\n`, "lc.csv", { controls: ["length"] });
    const res = lengthControlledWinRates(data, "base");
    expect(res.difficulty).toBeNull();
    const [row] = res.rows;
    expect(row!.converged).toBe(true);
    // 4000 Bernoulli judgements: the intercept's SE is about 0.035 logits, under a point of win rate
    expect(Math.abs(row!.lengthControlledWinRate - 100 * sig(THETA))).toBeLessThan(3);
    expect(Math.abs(row!.lengthSlope - PHI)).toBeLessThan(0.3);
  });

  it("with instruction difficulty: recovers each model's win rate at equal length from seeded soft preferences", () => {
    // 5 models x 400 instructions against a baseline; d_i ~ N(0, 1) enters with slope 1 (the joint
    // difficulty model is then exact, and the difficulties are recovered up to a shift and scale)
    const rng = seedrandom.alea("lc-difficulty");
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const I = 400;
    const d = Array.from({ length: I }, gauss);
    const THETA = [-1.5, -0.5, 0, 0.6, 1.2];
    const PHI = [-2, -1, -1.5, -0.5, -1.2];
    const PSI = [1, 1, 1, 1, 1];
    const lines = ["instruction_id,dataset,generator_1,generator_2,preference,len_1,len_2"];
    const truth: number[] = [];
    THETA.forEach((theta, m) => {
      const rows = d.map(() => [800 + 600 * rng(), 300 + (500 + 300 * m) * rng()] as const);
      const deltas = rows.map(([a, b]) => a - b);
      const mean = deltas.reduce((s, x) => s + x, 0) / I;
      const sd = Math.sqrt(deltas.reduce((s, x) => s + (x - mean) ** 2, 0) / (I - 1));
      truth.push((100 * d.reduce((s, di) => s + sig(theta + PSI[m]! * di), 0)) / I);
      rows.forEach(([l1, l2], i) => {
        // a soft preference: the probability itself, as AlpacaEval 2.0's weighted judge records it
        const p = sig(theta + PHI[m]! * Math.tanh((l1 - l2) / sd) + PSI[m]! * d[i]!);
        lines.push(`${i},d,base,m${m},${(2 - (1 - p)).toFixed(6)},${l1.toFixed(0)},${l2.toFixed(0)}`);
      });
    });
    const data = parsePairwise(`${lines.join("\n")}\n`, "lcd.csv", {
      controls: ["length"],
      cluster: "instruction_id",
    });
    const res = lengthControlledWinRates(data, "base");
    expect(res.difficulty!.converged).toBe(true);
    expect(res.difficulty!.instructions).toBe(I);
    for (const row of res.rows) {
      const m = Number(row.model.slice(1));
      expect(row.converged).toBe(true);
      // noise-free soft preferences: the GLM is the true model, so the fit recovers it up to the
      // rounding of the preferences to 6 decimals
      expect(Math.abs(row.lengthControlledWinRate - truth[m]!)).toBeLessThan(0.01);
      expect(Math.abs(row.lengthSlope - PHI[m]!)).toBeLessThan(1e-3);
      expect(Math.abs(row.difficultySlope - 1)).toBeLessThan(1e-3);
    }
    // without the difficulty term the same data give a different (attenuated) answer
    const minimal = lengthControlledWinRates(data, "base", { difficulty: false });
    const gaps = minimal.rows.map((r) =>
      Math.abs(r.lengthControlledWinRate - truth[Number(r.model.slice(1))]!),
    );
    expect(Math.max(...gaps)).toBeGreaterThan(1);
  });

  it("the gamed baselines pull the length and difficulty slopes towards theirs (AlpacaEval's regularisation)", () => {
    const rng = seedrandom.alea("lc-gamed");
    const I = 300;
    const d = Array.from({ length: I }, () => 2 * rng() - 1);
    // [name, theta, phi]: the gamed versions have no intercept in the GLM (theta 0)
    const gens: Array<[string, number, number]> = [
      ["base_verbose", 0, -1],
      ["base_concise", 0, -1],
      ["m", -0.5, -4],
    ];
    const lines = ["instruction_id,dataset,generator_1,generator_2,preference,len_1,len_2"];
    for (const [name, theta, phi] of gens) {
      const rows = d.map(() => [500 + 500 * rng(), 200 + 900 * rng()] as const);
      const deltas = rows.map(([a, b]) => a - b);
      const mean = deltas.reduce((s, x) => s + x, 0) / I;
      const sd = Math.sqrt(deltas.reduce((s, x) => s + (x - mean) ** 2, 0) / (I - 1));
      rows.forEach(([l1, l2], i) => {
        const p = sig(theta + phi * Math.tanh((l1 - l2) / sd) + d[i]!);
        lines.push(`${i},d,base,${name},${(1 + p).toFixed(6)},${l1.toFixed(0)},${l2.toFixed(0)}`);
      });
    }
    const data = parsePairwise(`${lines.join("\n")}\n`, "gamed.csv", {
      controls: ["length"],
      cluster: "instruction_id",
    });
    const plain = lengthControlledWinRates(data, "base").rows.find((r) => r.model === "m")!;
    const reg = lengthControlledWinRates(data, "base", { gamed: ["base_verbose", "base_concise"] });
    expect(reg.gamed).toEqual(["base_verbose", "base_concise"]);
    const m = reg.rows.find((r) => r.model === "m")!;
    expect(m.converged).toBe(true);
    // unregularised, the slope is the model's own (-4); the gamed rows (total weight 0.2) pull it towards -1
    expect(Math.abs(plain.lengthSlope + 4)).toBeLessThan(0.05);
    expect(m.lengthSlope).toBeGreaterThan(plain.lengthSlope + 0.05);
    expect(m.lengthSlope).toBeLessThan(-1);
  });

  function published(): Map<string, number> {
    const lines = readFileSync(join(REPO_ROOT, "data", "alpacaeval2_published_leaderboard.csv"), "utf8")
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("#"));
    const col = lines[0]!.split(",").indexOf("length_controlled_winrate");
    return new Map(
      lines.slice(1).map((l) => [l.split(",")[0]!, Number(l.split(",")[col])] as [string, number]),
    );
  }

  const AE2 = join(REPO_ROOT, "data", "alpacaeval2_annotations_partial.csv");
  const DIFFICULTY = join(REPO_ROOT, "data", "alpacaeval2_instruction_difficulty.csv");
  const GAMED = join(REPO_ROOT, "data", "alpacaeval2_gamed_judgements.csv");
  const WEIGHTS = join(REPO_ROOT, "data", "alpacaeval2_glm_weights.csv");
  const readAe2 = () => readPairwise(AE2, { controls: ["length"], cluster: "instruction_id" });

  /** Kendall tau, and the median and largest |difference| (with its model) against the published board. */
  function agreement(rows: ReadonlyArray<{ model: string; lengthControlledWinRate: number }>) {
    const pub = published();
    const both = rows.filter((r) => Number.isFinite(pub.get(r.model) ?? Number.NaN));
    const ours = both.map((r) => r.lengthControlledWinRate);
    const theirs = both.map((r) => pub.get(r.model)!);
    const diffs = both
      .map((r, k) => ({ model: r.model, d: Math.abs(ours[k]! - theirs[k]!) }))
      .sort((a, b) => a.d - b.d);
    return {
      n: both.length,
      tau: kendallTau(ours, theirs)!,
      median: diffs[(both.length - 1) / 2]!.d,
      max: diffs.at(-1)!,
    };
  }

  it("the shipped hub files are AlpacaEval's, byte for byte (the sha256 pinned for them), in instruction order", () => {
    const body = (path: string) => {
      const text = readFileSync(path, "utf8");
      const lines = text.split("\n");
      expect(lines[0]!.startsWith("# ") && lines[1]!.startsWith("# ")).toBe(true);
      return lines.slice(2).join("\n");
    };
    const sha = (t: string) => createHash("sha256").update(t, "utf8").digest("hex");
    expect(sha(body(DIFFICULTY))).toBe("e28d875bb334f75e17acd1e4ed659b261860e3db379cf5de29060301bed0a18b");
    expect(sha(body(GAMED))).toBe("97aeec3f1c7de6dee6fd31fe66f1702623f4614c3efe1c6fc5f4927cd5fd674d");
    const d = readInstructionDifficulty(DIFFICULTY);
    expect([...d.keys()]).toEqual(Array.from({ length: 805 }, (_, i) => String(i)));
    const gamed = readGamedJudgements(GAMED);
    expect(gamed).toHaveLength(1610);
    for (const m of ["gpt4_1106_preview_verbose", "gpt4_1106_preview_concise"]) {
      const rows = gamed.filter((g) => g.model === m);
      expect(rows.map((g) => g.instruction)).toEqual([...d.keys()]);
      // the gamed file carries the same difficulties (to the last bits of their printing)
      expect(Math.max(...rows.map((g) => Math.abs(g.difficulty - d.get(g.instruction)!)))).toBeLessThan(
        1e-15,
      );
    }
  });

  it("the published weights and difficulties give the published board (AlpacaEval's predict_winrate)", () => {
    const pub = published();
    const weights = readGlmWeights(WEIGHTS);
    const d = [...readInstructionDifficulty(DIFFICULTY).values()];
    // AlpacaEval averages over the model's annotation rows, taking row k's difficulty as instruction
    // k's: a model with missing annotations averages over the first (rows) difficulties
    const rowsOf = new Map<string, number>();
    for (const line of readFileSync(AE2, "utf8").split("\n").slice(3)) {
      const m = line.split(",")[3];
      if (m !== undefined) rowsOf.set(m, (rowsOf.get(m) ?? 0) + 1);
    }
    const base = weights.get("gpt4_1106_preview")!;
    let exact = 0;
    const off: Record<string, number> = {};
    for (const [model, w] of weights) {
      const p = pub.get(model);
      if (p === undefined || !Number.isFinite(p)) continue;
      const x = lengthControlledFromWeights(w, base, d.slice(0, rowsOf.get(model) ?? 805));
      if (Math.abs(x - p) < 1e-9) exact++;
      else off[model] = Number((x - p).toPrecision(2));
    }
    // docs/pairwise.md: 194 of the 199 published figures to 1e-9; five were published from other weights
    expect(exact).toBe(194);
    expect(off).toEqual({
      "llama-2-70b-chat-hf": -0.012,
      "platolm-7b": -0.011,
      "dbrx-instruct": -0.19,
      "zephyr-7b-alpha-ExPO": -3.3e-8,
      NullModel: -0.13,
    });
  });

  it("AlpacaEval 2.0: agreement with the published length-controlled board is as documented", () => {
    const data = readAe2();
    const difficulty = readInstructionDifficulty(DIFFICULTY);
    const gamedJudgements = readGamedJudgements(GAMED);
    const measure = (opts: Parameters<typeof lengthControlledWinRates>[2]) => {
      const res = lengthControlledWinRates(data, "gpt4_1106_preview", opts);
      expect(res.rows.every((r) => r.converged)).toBe(true);
      return agreement(res.rows);
    };
    // docs/pairwise.md, "Controlled ratings" (tolerances 0.0005 on tau, 0.0005 points on differences
    // under 1, 0.05 above)
    const published = measure({ instructionDifficulty: difficulty, gamedJudgements });
    expect(published.n).toBe(55);
    expect(Math.abs(published.tau - 0.9919)).toBeLessThan(0.0005);
    expect(Math.abs(published.median - 0.045)).toBeLessThan(0.0005);
    expect(published.max.model).toBe("text_davinci_001");
    expect(Math.abs(published.max.d - 0.117)).toBeLessThan(0.0005);
    const noGamed = measure({ instructionDifficulty: difficulty });
    expect(Math.abs(noGamed.tau - 0.888)).toBeLessThan(0.0005);
    expect(Math.abs(noGamed.median - 1.03)).toBeLessThan(0.05);
    expect(noGamed.max.model).toBe("gpt4_gamed");
    expect(Math.abs(noGamed.max.d - 13.22)).toBeLessThan(0.05);
    const fittedGamed = measure({ gamedJudgements });
    expect(Math.abs(fittedGamed.tau - 0.9825)).toBeLessThan(0.0005);
    expect(Math.abs(fittedGamed.median - 0.63)).toBeLessThan(0.05);
    expect(Math.abs(fittedGamed.max.d - 2.73)).toBeLessThan(0.05);
    const fitted = measure({});
    expect(Math.abs(fitted.tau - 0.888)).toBeLessThan(0.0005);
    expect(Math.abs(fitted.median - 0.51)).toBeLessThan(0.05);
    expect(Math.abs(fitted.max.d - 15.6)).toBeLessThan(0.05);
    const minimal = measure({ difficulty: false });
    expect(Math.abs(minimal.tau - 0.78)).toBeLessThan(0.005);
    expect(Math.abs(minimal.median - 4.76)).toBeLessThan(0.05);
    expect(Math.abs(minimal.max.d - 28.0)).toBeLessThan(0.05);
    const raw = agreement(
      lengthControlledWinRates(data, "gpt4_1106_preview", { difficulty: false }).rows.map((r) => ({
        model: r.model,
        lengthControlledWinRate: r.winRate,
      })),
    );
    expect(Math.abs(raw.tau - 0.846)).toBeLessThan(0.005);
  });

  it("AlpacaEval's L1 penalty explains the rest: at the C its weights imply, the fit gives its weights and board", () => {
    const data = readAe2();
    const opts = {
      instructionDifficulty: readInstructionDifficulty(DIFFICULTY),
      gamedJudgements: readGamedJudgements(GAMED),
    };
    const weights = readGlmWeights(WEIGHTS);
    const pub = published();
    // scikit-learn's LogisticRegressionCV grid (Cs = 10): 10^(-4 + 8k/9)
    const grid = Array.from({ length: 10 }, (_, k) => 10 ** (-4 + (8 * k) / 9));
    const fits = grid.map((C) => lengthControlledWinRates(data, "gpt4_1106_preview", { ...opts, l1C: C }));
    for (const f of fits) expect(f.rows.every((r) => r.converged)).toBe(true);
    const coefficientGaps: number[] = [];
    const closest: Array<{ model: string; lengthControlledWinRate: number }> = [];
    fits[0]!.rows.forEach((row, k) => {
      const w = weights.get(row.model);
      if (w === undefined || !Number.isFinite(pub.get(row.model) ?? Number.NaN)) return;
      const gap = (r: typeof row) =>
        Math.max(
          Math.abs(r.intercept - w.intercept),
          Math.abs(r.lengthSlope - w.lengthSlope),
          Math.abs(r.difficultySlope - w.difficultySlope),
        );
      const gaps = fits.map((f) => gap(f.rows[k]!));
      const best = gaps.indexOf(Math.min(...gaps));
      coefficientGaps.push(gaps[best]!);
      closest.push(fits[best]!.rows[k]!);
    });
    // docs/pairwise.md: every model's published weights within 2.2e-3 logits of one grid point's L1
    // fit, and its published figure within 0.016 points (median 0.0008) of that fit's
    expect(coefficientGaps).toHaveLength(55);
    expect(Math.max(...coefficientGaps)).toBeLessThan(2.2e-3);
    const sorted = coefficientGaps.slice().sort((x, y) => x - y);
    expect(Math.abs(sorted[27]! - 4.5e-4)).toBeLessThan(0.5e-4);
    const a = agreement(closest);
    expect(a.max.d).toBeLessThan(0.016);
    expect(a.median).toBeLessThan(0.001);
  });
});
