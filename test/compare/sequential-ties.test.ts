/**
 * Ties in sequential entry: `--tie-break all` enumerates every tied branch (checked against an
 * independent recursion over the tied best responses), the other tie-breaks pick the branch they say,
 * and the tie count of every step is printed.
 */
import { describe, expect, it } from "vitest";
import {
  entrantBestResponse,
  parseTieBreak,
  sequentialBranches,
  sequentialEntry,
} from "../../solvers/index.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { run } from "./helpers.js";

const TOP1: StrategySpace = { kind: "top-k", k: 1 };
const TOP2: StrategySpace = { kind: "top-k", k: 2 };

/** Every path of tied best responses, by plain recursion (labels of the chosen task sets). */
function allPaths(market: Market, entrants: number, space: StrategySpace, rule: string, k = 1): string[][] {
  if (k > entrants) return [[]];
  const name = `Entrant${k}`;
  const br = entrantBestResponse(market, { name, space }, rule, { maxMaximisers: 100 });
  return br.maximisers.flatMap((m) => {
    const next: Market = {
      ...market,
      producers: [...market.producers, { name, quality: m.quality, space: { kind: "fixed" } }],
    };
    return allPaths(next, entrants, space, rule, k + 1).map((rest) => [m.tasks!.join("+"), ...rest]);
  });
}

const C2 = readMarketFile("test/fixtures/markets/c2-two-producers.json");
const THREE = readMarketFile("examples/three-producers.json", { selection: { rule: "perfect" } });

describe("sequential entry with ties", () => {
  it("C2 under winrate: the second entrant is indifferent between t1 and t2; both branches", () => {
    const all = sequentialBranches(C2, 2, TOP1, "winrate");
    expect(all.complete).toBe(true);
    // in the order the best response lists its tied maximisers
    expect(all.branches.map((b) => b.steps.map((s) => s.chosen.tasks!.join("+")))).toEqual([
      ["0", "1"],
      ["0", "0"],
    ]);
    expect(all.tiesPerStep).toEqual([
      { min: 1, max: 1 },
      { min: 2, max: 2 },
    ]);
    expect(all.welfareMin).toBeLessThan(all.welfareMax);
  });

  for (const [label, market, entrants, space, rule] of [
    ["C2 winrate, 3 entrants", C2, 3, TOP1, "winrate"],
    ["three producers, perfect selection, top-2, winrate", THREE, 3, TOP2, "winrate"],
    [
      "three producers, perfect selection, top-2, marginal contribution",
      THREE,
      3,
      TOP2,
      "marginal-contribution",
    ],
    [
      "three producers, perfect selection, top-3, weighted winrate",
      THREE,
      3,
      { kind: "top-k", k: 3 },
      "weighted-winrate",
    ],
  ] as const) {
    it(`every branch, in order: ${label}`, () => {
      const want = allPaths(market, entrants, space, rule);
      const got = sequentialBranches(market, entrants, space, rule, { maxMaximisers: 100 });
      expect(got.complete).toBe(true);
      expect(got.branches.map((b) => b.steps.map((s) => s.chosen.tasks!.join("+")))).toEqual(want);
      expect(want.length).toBeGreaterThan(1);
      // the range of outcomes is the range over the branches
      const ws = got.branches.map((b) => b.welfare);
      expect(got.welfareMin).toBe(Math.min(...ws));
      expect(got.welfareMax).toBe(Math.max(...ws));
      // first = the first branch; welfare-best/worst at every step lie within the range
      const first = sequentialEntry(market, entrants, space, rule, { maxMaximisers: 100 });
      expect(first.steps.map((s) => s.chosen.tasks)).toEqual(
        got.branches[0]!.steps.map((s) => s.chosen.tasks),
      );
      for (const tb of ["welfare-best", "welfare-worst", "random:3"]) {
        const rep = sequentialEntry(market, entrants, space, rule, {
          maxMaximisers: 100,
          tieBreak: parseTieBreak(tb),
        });
        const path = rep.steps.map((s) => s.chosen.tasks!.join("+"));
        expect(want).toContainEqual(path);
      }
    });
  }

  it("the cap on branches is stated and the result marked incomplete", () => {
    const capped = sequentialBranches(THREE, 3, TOP2, "winrate", { maxBranches: 2 });
    expect(capped.branches).toHaveLength(2);
    expect(capped.capped).toBe(true);
    expect(capped.complete).toBe(false);
  });

  it("welfare-best and welfare-worst pick the best and worst tied entry", () => {
    // the second C2 entrant: t1 and t2 tie under winrate, with different welfare
    const best = sequentialEntry(C2, 2, TOP1, "winrate", { tieBreak: { kind: "welfare-best" } });
    const worst = sequentialEntry(C2, 2, TOP1, "winrate", { tieBreak: { kind: "welfare-worst" } });
    const all = sequentialBranches(C2, 2, TOP1, "winrate");
    expect(best.steps[1]!.welfare).toBe(all.welfareMax);
    expect(worst.steps[1]!.welfare).toBe(all.welfareMin);
    expect(best.steps[1]!.ties).toBe(2);
  });

  it("random tie-breaks are seeded: same seed, same path", () => {
    const a = sequentialEntry(THREE, 3, TOP2, "winrate", { tieBreak: { kind: "random", seed: "9" } });
    const b = sequentialEntry(THREE, 3, TOP2, "winrate", { tieBreak: { kind: "random", seed: "9" } });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("the command line prints the ties of every step, the default stated in --help", async () => {
    const help = await run(["sequential", "--help"]);
    expect(help.out).toMatch(/--tie-break.*first \(default/);
    const all = await run([
      "sequential",
      "test/fixtures/markets/c2-two-producers.json",
      "--entrants",
      "2",
      "--space",
      "top-k:k=1",
      "--rule",
      "winrate",
      "--tie-break",
      "all",
    ]);
    expect(all.code).toBe(0);
    expect(all.out).toContain("2 branch(es) (every branch explored)");
    expect(all.out).toContain("ties per step (fewest-most over branches): 1, 2");
    const one = await run([
      "sequential",
      "test/fixtures/markets/c2-two-producers.json",
      "--entrants",
      "2",
      "--space",
      "top-k:k=1",
      "--rule",
      "winrate",
      "--tie-break",
      "welfare-worst",
      "--json",
    ]);
    const rep = JSON.parse(one.out);
    expect(rep.tieBreak).toBe("welfare-worst");
    expect(rep.rules[0].steps.map((s: { ties: number }) => s.ties)).toEqual([1, 2]);
    const bad = await run([
      "sequential",
      "x.json",
      "--entrants",
      "1",
      "--space",
      "top-k:k=1",
      "--tie-break",
      "coin",
    ]);
    expect(bad.code).toBe(2);
  });
});
