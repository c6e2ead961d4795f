/**
 * Real judgements nobody on the project wrote (data/README.md has their sources and licences), checked
 * against the reference implementations' numbers:
 *
 * - Vicuna80 human judgements: Bradley-Terry Elo against FastChat's `compute_bt` (lm-sys/FastChat
 *   @0e6d3e4, fastchat/serve/monitor/rating_systems.py: `fit_bt` by L-BFGS with gtol 1e-6, then
 *   `scale_and_offset` with scale 400 and initial rating 1000; its ratings keep mean 1000 because every
 *   gradient sums to 0). The reference figures below are that code's output on this file, run with
 *   numpy 2.4.6 and scipy 1.17.1. Its L-BFGS stops at gtol 1e-6, so it sits up to 0.02 Elo from the
 *   exact maximum that Newton's method reaches.
 * - AlpacaEval 1.0 and 2.0 annotations: each model's win rate against the baseline (ties and AlpacaEval's
 *   draws as half, soft preferences as their probability, rows without a verdict left out) against
 *   the published leaderboard (tatsu-lab/alpaca_eval @cd543a1), to 5e-5 points.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fitBradleyTerry, fitBradleyTerryMM } from "../../empirical/ratings/bradley-terry.js";
import { comparisonsFrom } from "../../empirical/ratings/comparisons.js";
import { winrates } from "../../empirical/ratings/winrate.js";
import { readPairwise } from "../../src/io/pairwise.js";
import { REPO_ROOT } from "../helpers/paths.js";

const FASTCHAT_ELO: Record<string, number> = {
  bard: 909.3817,
  gpt35: 919.2988,
  gpt4: 1133.5435,
  "guanaco-13b": 964.4759,
  "guanaco-33b": 991.7516,
  "guanaco-65b": 994.3688,
  "guanaco-7b": 986.147,
  "vicuna-13b": 971.7461,
  claude: 1129.2866,
};

describe("Vicuna80 human judgements", () => {
  const data = readPairwise(join(REPO_ROOT, "data", "vicuna80_human_judgements.csv"), {
    cluster: "question_id",
  });

  it("reads 7,040 judgements of 9 models in 9 categories, 80 questions", () => {
    const total = data.cells.reduce((s, c) => s + c.winsA + c.ties + c.winsB, 0);
    expect(total).toBe(7040);
    expect(data.models).toHaveLength(9);
    expect(data.tasks).toHaveLength(9);
    expect(data.clusters!.count).toBe(80);
  });

  it("Bradley-Terry Elo within 0.02 of FastChat's compute_bt, and Hunter's MM agrees with Newton", () => {
    const comp = comparisonsFrom(data, { overall: true });
    const fit = fitBradleyTerry(comp);
    expect(fit.converged).toBe(true);
    expect(fit.prior.applied).toBe(false);
    for (const [k, m] of fit.models.entries())
      expect(Math.abs(fit.elo[k]! - FASTCHAT_ELO[m]!)).toBeLessThan(0.02);
    const mm = fitBradleyTerryMM(comp);
    mm.ratings.forEach((r, k) => {
      expect(r).toBeCloseTo(fit.ratings[k]!, 8);
    });
  });
});

/** The published `win_rate` per model (first column: the model). */
function published(file: string): Map<string, number> {
  const lines = readFileSync(join(REPO_ROOT, "data", file), "utf8")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"));
  const header = lines[0]!.split(",");
  const col = header.indexOf("win_rate");
  return new Map(
    lines.slice(1).map((l) => [l.split(",")[0]!, Number(l.split(",")[col])] as [string, number]),
  );
}

describe.each([
  ["alpacaeval1_annotations.csv", "alpacaeval1_published_leaderboard.csv", "text_davinci_003", 50],
  ["alpacaeval2_annotations_partial.csv", "alpacaeval2_published_leaderboard.csv", "gpt4_1106_preview", 55],
])("AlpacaEval %s", (annotations, leaderboard, baseline, compared) => {
  const data = readPairwise(join(REPO_ROOT, "data", annotations));

  it(`every model's win rate against ${baseline} equals the published one to 5e-5 points`, () => {
    expect(data.format).toBe("alpacaeval");
    const wr = winrates(comparisonsFrom(data, { overall: true }));
    const pub = published(leaderboard);
    let n = 0;
    data.models.forEach((m, k) => {
      const p = pub.get(m);
      if (m === baseline || p === undefined || Number.isNaN(p)) return;
      n++;
      expect(Math.abs(100 * wr.overall[k]!.value - p)).toBeLessThan(5e-5);
    });
    expect(n).toBe(compared);
  });
});

describe("AlpacaEval 2.0's soft preferences", () => {
  it("are kept as fractional outcomes (one judgement each), not split into weighted rows", () => {
    const data = readPairwise(join(REPO_ROOT, "data", "alpacaeval2_annotations_partial.csv"));
    const comp = comparisonsFrom(data, { overall: true });
    expect(comp.soft!).toBeGreaterThan(40_000);
    const softCells = data.cells.filter((c) => c.soft !== undefined);
    const outside = softCells.flatMap((c) => c.soft!.p.filter((p) => !(p > 0 && p < 1)));
    expect(outside).toEqual([]);
    expect(softCells.length).toBeGreaterThan(50);
  });
});
