/**
 * The producer game with three or more producers uses the N-player methods: a three-producer top-k
 * market whose equilibria are known in closed form (derived below), checked against the report.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mixedReasonText, priceBasisText } from "../../solvers/equilibrium/words.js";
import { type Equilibrium, solveEquilibria } from "../../solvers/index.js";
import { spaceMembership } from "../../src/model/strategies.js";
import type { Market } from "../../src/model/types.js";
import { runCli } from "../helpers/cli.js";

/*
 * Two tasks of weights w1 = 0.6, w2 = 0.4 (caps 1), perfect selection (ties split equally), three
 * producers choosing one task each (top-k, k = 1), weighted winrate. A producer on task t with m others
 * there wins w_t / (m + 1); nobody earns on an uncovered task (quality 0 weighs the win by 0).
 *
 * Against two others on t1 with probabilities a and b (independently), a producer's payoffs are
 *   on t1: w1 E[1/(1+K)] = w1 (1 - (a+b)/2 + ab/3),   K = others on t1,
 *   on t2: w2 E[1/(1+J)] = w2 (1/3 + (a+b)/6 + ab/3), J = others on t2,
 * and their difference times 30 is f(a, b) = 14 - 11 (a + b) + 2ab.
 *  - Pure: two on t1 and one on t2 (t1 pays 0.3 against 0.2 for moving, t2 pays 0.4 against 0.2):
 *    3 equilibria, U = 1. All on one task is not one (0.2 < 0.4; 0.4/3 < 0.6).
 *  - Every producer mixing: f(p2, p3) = f(p1, p3) gives (p2 - p1)(2 p3 - 11) = 0, so p1 = p2 = p3 = p
 *    with p^2 - 11 p + 7 = 0: p = (11 - sqrt(93)) / 2 = 0.678...
 *  - Two mixing at a, the third pure: on t1 (b = 1), f(a, 1) = 3 - 9a = 0, a = 1/3, and the pure one
 *    indeed prefers t1 (0.6 (1 - 1/3 + 1/27) = 0.422 > 0.4 (1/3 + 1/9 + 1/27) = 0.193); on t2 (b = 0),
 *    a = 14/11 > 1: none. One mixing and two pure: its two payoffs are never equal (0.3 vs 0.2, 0.2 vs
 *    0.4, 0.6 vs 0.133). So 7 equilibria: 3 pure, 3 with a = 1/3, 1 symmetric.
 */
const P = (11 - Math.sqrt(93)) / 2;
const W1 = 0.6;
const W2 = 0.4;

function market(): Market {
  const tasks = [
    { name: "t1", weight: W1, cap: 1 },
    { name: "t2", weight: W2, cap: 1 },
  ];
  return {
    tasks,
    selection: { rule: "perfect" },
    producers: ["A", "B", "C"].map((name) => ({
      name,
      quality: [1, 0],
      space: { kind: "top-k", k: 1 } as const,
    })),
  };
}

/** Each producer's probability of task t1. */
function onT1(e: Equilibrium): number[] {
  return e.producers.map((p) => p.mixture!.find((m) => m.label === "{t1}")?.probability ?? 0);
}

/** `U` when producers cover t1 independently with the given probabilities. */
function welfare(ps: number[]): number {
  const none1 = ps.reduce((a, p) => a * (1 - p), 1);
  const none2 = ps.reduce((a, p) => a * p, 1);
  return W1 * (1 - none1) + W2 * (1 - none2);
}

describe("three producers, top-k: every equilibrium, against the closed form", () => {
  const rep = solveEquilibria(market(), "weighted-winrate", { randomStarts: 0 });

  it("enumpoly lists the 7 equilibria, proven complete, every one certified", () => {
    expect(rep.mixed.methods).toEqual(["enumpoly"]);
    expect(rep.mixed.complete).toBe(true);
    expect(rep.mixed.equilibria).toHaveLength(7);
    for (const e of rep.mixed.equilibria) {
      expect(e.certified).toBe(true);
      expect(e.epsilon).toBeLessThanOrEqual(rep.tolerance);
    }
    const found = rep.mixed.equilibria
      .map((e) =>
        onT1(e)
          .map((p) => p.toFixed(9))
          .join(" "),
      )
      .sort();
    const third = (1 / 3).toFixed(9);
    const expected = [
      ["1", "1", "0"],
      ["1", "0", "1"],
      ["0", "1", "1"],
      ["1", third, third],
      [third, "1", third],
      [third, third, "1"],
      [P, P, P].map((p) => p.toFixed(9)),
    ]
      .map((x) => x.map((v) => (v === "1" ? (1).toFixed(9) : v === "0" ? (0).toFixed(9) : v)).join(" "))
      .sort();
    expect(found).toEqual(expected);
  });

  it("welfare, PoA and PoS over the complete list: U = 1 at the pure ones, the symmetric one is the worst", () => {
    for (const e of rep.mixed.equilibria) expect(e.welfare).toBeCloseTo(welfare(onT1(e)), 12);
    expect(rep.priceScope.allEquilibria).toBe(true);
    expect(rep.optimum.welfare).toBeCloseTo(1, 12);
    expect(rep.priceOfStability!).toBeCloseTo(1, 12);
    expect(rep.priceOfAnarchy!).toBeCloseTo(1 / welfare([P, P, P]), 9);
    expect(priceBasisText(rep.priceScope)).toMatch(/proven complete/);
  });

  it("every strategy in a mixture lies in its producer's space", () => {
    const m = market();
    for (const e of rep.mixed.equilibria)
      for (const [i, p] of e.producers.entries())
        for (const s of p.mixture!)
          expect(spaceMembership(m.producers[i]!.space, s.quality, m.tasks).member).toBe(true);
  });

  it("gnm (forced by maxSupports) finds certified equilibria among these, and says the list is not complete", () => {
    const g = solveEquilibria(market(), "weighted-winrate", {
      randomStarts: 0,
      maxSupports: 1,
      gnmStarts: 3,
    });
    expect(g.mixed.methods).toEqual(["gnm"]);
    expect(g.mixed.complete).toBe(false);
    expect(mixedReasonText(g.mixed.reasons)).toMatch(
      /27 support profiles, above enumpoly's limit, so gnm ran/,
    );
    expect(g.mixed.limits).toEqual([
      {
        code: "work-limit",
        option: "maxSupports",
        estimate: 27,
        limit: 1,
        what: "support profiles of enumpoly",
      },
    ]);
    expect(g.priceScope.allEquilibria).toBe(false);
    expect(priceBasisText(g.priceScope)).toMatch(
      /not proven complete.*PoA is a lower bound and PoS an upper bound/,
    );
    const all = rep.mixed.equilibria.map((e) => onT1(e));
    for (const e of g.mixed.equilibria) {
      const x = onT1(e);
      expect(all.some((y) => y.every((v, k) => Math.abs(v - x[k]!) < 1e-9))).toBe(true);
    }
    expect(g.mixed.equilibria.length).toBeGreaterThan(0);
  });

  it("the command says which list is proven complete", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mm-np-"));
    try {
      const file = join(dir, "closed-form.json");
      const m = market();
      writeFileSync(
        file,
        JSON.stringify({ ...m, producers: m.producers.map(({ name, space }) => ({ name, space })) }),
      );
      const r = await runCli(["equilibrium", file, "--rule", "weighted-winrate", "--starts", "1"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/methods: enumpoly; proven complete \(every equilibrium\)/);
      expect(r.stdout).toMatch(/enumpoly: all 7 equilibria .*; proven complete/);
      expect(r.stdout).toMatch(
        /3 pure \(all of them\) and 4 certified mixed equilibria \(enumpoly, proven complete\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
