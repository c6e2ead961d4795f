/**
 * Benchmark-weight designs against brute force: every top-k strategy's best-response status on a fine
 * grid of the simplex (computed by `entrantBestResponse` with `b` set, not by solvers/design), and
 * the implementing weights re-verified by `entry` from the command line.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { entrantBestResponse } from "../../solvers/bestResponse/index.js";
import { designBenchmark, type WeightsDesign } from "../../solvers/design/index.js";
import { parseMarket } from "../../src/io/marketFile.js";
import type { Market } from "../../src/model/types.js";
import { runCli } from "../helpers/cli.js";
import { rng } from "../helpers/random.js";
import { simplexGrid as grid, withB } from "./simplex.js";

const entrant = { name: "E", space: { kind: "top-k", k: 1 } } as const;
const entry = { kind: "entry", entrant } as const;

function randomMarket(seed: number): Market {
  const r = rng(`weights-${seed}`);
  const T = 3;
  const q = () => Array.from({ length: T }, () => Math.round(r() * 20) / 20);
  return parseMarket({
    tasks: Array.from({ length: T }, (_, t) => ({ name: `t${t}`, weight: 1 + Math.floor(r() * 4) })),
    selection: { rule: "logit", beta: 2 + 8 * r() },
    producers: [
      { name: "A", quality: q() },
      { name: "B", quality: q() },
    ],
  });
}

async function weights(
  m: Market,
  rule: string,
  within: number | undefined,
  objective: "worst" | "best" = "worst",
): Promise<WeightsDesign> {
  const r = await designBenchmark(
    m,
    entry,
    { kind: "benchmark-weights", rule, ...(within ? { within } : {}) },
    { objective },
  );
  if (r.result.kind !== "benchmark-weights") throw new Error("not a weight design");
  return r.result;
}

describe("benchmark-weight LPs", () => {
  it("agree with brute force over a fine simplex grid on random small markets", async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const m = randomMarket(seed);
      for (const [rule, within] of [
        ["weighted-winrate", 2],
        ["winrate", undefined],
      ] as const) {
        const d = await weights(m, rule, within);
        // brute force: the response at each grid b, from the best-response solver
        let gridBest = Number.NEGATIVE_INFINITY;
        const seen = new Set<string>();
        for (const b of grid(40, d.lower, d.upper)) {
          const br = entrantBestResponse(withB(m, b), entrant, rule);
          const labels = br.maximisers.map((x) => `{${x.tasks!.map((t) => m.tasks[t]!.name).join(",")}}`);
          const worst = Math.min(...br.maximisers.map((x) => x.welfare));
          gridBest = Math.max(gridBest, worst);
          if (labels.length === 1) seen.add(labels[0]!);
        }
        // the LP optimum is at least what the grid finds, and a strategy the grid sees win alone is implementable
        expect(d.optimum).toBeGreaterThanOrEqual(gridBest - 1e-9);
        for (const label of seen) {
          const c = d.classes.find((x) => x.labels.includes(label))!;
          expect(c.implementable).not.toBe("never");
        }
        // a strategy the LP calls never implementable never wins on the grid
        for (const c of d.classes.filter((x) => x.implementable === "never"))
          for (const l of c.labels) expect(seen.has(l)).toBe(false);
        // the implementing weights are admissible and the best-response solver confirms them
        const best = d.best!;
        expect(best.verified).toBe(true);
        expect(best.weights.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 9);
        best.weights.forEach((x, t) => {
          expect(x).toBeGreaterThanOrEqual(d.lower[t]! - 1e-9);
          expect(x).toBeLessThanOrEqual(d.upper[t]! + 1e-9);
        });
        // within the LP optimum's margin the grid has a point implementing it when the margin is large
        if (best.margin > 0.05) expect(gridBest).toBeCloseTo(d.optimum, 9);
      }
    }
  });

  it("the implementing weights re-verified by `entry --benchmark-weights`", async () => {
    const m = randomMarket(3);
    const d = await weights(m, "weighted-winrate", 2);
    const dir = mkdtempSync(join(tmpdir(), "design-"));
    const file = join(dir, "m.json");
    writeFileSync(
      file,
      JSON.stringify({
        tasks: m.tasks.map((t) => ({ name: t.name, weight: t.weight })),
        selection: m.selection,
        producers: m.producers.map((p) => ({ name: p.name, quality: p.quality })),
      }),
    );
    const res = await runCli([
      "entry",
      file,
      "--entrant",
      "top-k:k=1",
      "--rule",
      "weighted-winrate",
      "--benchmark-weights",
      d.best!.weights.map((x) => x.toPrecision(17)).join(","),
      "--json",
    ]);
    rmSync(dir, { recursive: true });
    expect(res.code).toBe(0);
    // the entry command's maximisers are exactly the design's responses
    const out = JSON.parse(res.stdout) as {
      rules: Array<{ bestResponse: { maximisers: Array<{ tasks: number[] }> } }>;
    };
    const labels = out.rules[0]!.bestResponse.maximisers.map(
      (x) => `{${x.tasks.map((t) => m.tasks[t]!.name).join(",")}}`,
    );
    expect(labels).toEqual(d.best!.responses.map((r) => r.label));
  });

  it("worst and best objectives differ on a market with tied best responses", async () => {
    // perfect selection, equal weights: covering t1 (incumbent 0.5) or t2 (incumbent 0.2) earns the same
    // under every power-winrate (the entrant wins the task outright with quality 1) but gives U 0.6 or 0.75
    const m = parseMarket({
      tasks: [{ name: "t1" }, { name: "t2" }],
      selection: { rule: "perfect" },
      producers: [{ name: "I", quality: [0.5, 0.2] }],
    });
    const worst = await designBenchmark(m, entry, {
      kind: "family",
      family: "power-winrate",
      parameter: "alpha",
      from: 0,
      to: 2,
    });
    const best = await designBenchmark(
      m,
      entry,
      { kind: "family", family: "power-winrate", parameter: "alpha", from: 0, to: 2 },
      { objective: "best" },
    );
    if (worst.result.kind !== "family" || best.result.kind !== "family") throw new Error("family");
    expect(worst.result.regions.map((r) => r.key)).toEqual(["{t1} | {t2}"]);
    expect(worst.result.optimum).toBeCloseTo(0.6, 14); // the designer gets the worse tied response
    expect(best.result.optimum).toBeCloseTo(0.75, 14);
    expect(worst.priceOfBenchmark.winrate).toBeCloseTo(1, 14);
    // benchmark weights break the tie: b_t2 > b_t1 makes t2 the unique response, under either objective
    const w = await weights(m, "winrate", 2, "worst");
    expect(w.optimum).toBeCloseTo(0.75, 14);
    expect(w.best!.responses.map((r) => r.label)).toEqual(["{t2}"]);
    expect(w.best!.weights[1]!).toBeGreaterThan(w.best!.weights[0]!);
  });
  it("maxLps bounds the LPs, two per class of strategies, before any is solved", async () => {
    const m = randomMarket(1);
    const search = { kind: "benchmark-weights", rule: "weighted-winrate", within: 2 } as const;
    const full = await designBenchmark(m, entry, search);
    if (full.result.kind !== "benchmark-weights") throw new Error("weights");
    const lps = 2 * full.result.classes.length;
    await expect(designBenchmark(m, entry, search, { maxLps: lps - 1 })).rejects.toMatchObject({
      name: "WorkLimitError",
      limitName: "maxLps",
      estimate: lps,
      limit: lps - 1,
    });
    const at = await designBenchmark(m, entry, search, { maxLps: lps });
    expect(at.result).toEqual(full.result);
  });
});
