/**
 * Strategy spaces are honoured by the producer game: a file quality outside its producer's space is
 * only a starting point, and no reported equilibrium, optimum or price uses a strategy outside the
 * declared spaces (the certificate checks membership).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  analyseReplacement,
  bestResponseDynamics,
  certifyProfile,
  type EquilibriumReport,
  solveEquilibria,
} from "../../solvers/index.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import { spaceMembership, spaceProblemText } from "../../src/model/strategies.js";
import type { Market, Production, StrategySpace, Task } from "../../src/model/types.js";
import { runCli } from "../helpers/cli.js";

/** examples/three-producers.json with top-k(k=1) spaces for Generalist and Specialist (file qualities outside them). */
function topKMarket(): Market {
  const m = readMarketFile("examples/three-producers.json", {
    selection: { rule: "logit", beta: 2 },
    weights: { code: 0.1, math: 0.45, law: 0.3, poetry: 0.15 },
  });
  const space: StrategySpace = { kind: "top-k", k: 1 };
  return {
    ...m,
    producers: m.producers.map((p) =>
      p.name === "Generalist" || p.name === "Specialist" ? { ...p, space } : p,
    ),
  };
}

/** Every strategy a report shows for a strategic producer, with the producer's name. */
function reportedStrategies(
  rep: EquilibriumReport,
  market: Market,
): Array<{ name: string; quality: number[] }> {
  const out: Array<{ name: string; quality: number[] }> = [];
  const strategic = new Set(rep.strategic);
  for (const e of [...rep.pure, ...rep.approximate, ...rep.mixed.equilibria]) {
    for (const p of e.producers) {
      if (!strategic.has(p.name)) continue;
      if (p.mixture) for (const m of p.mixture) out.push({ name: p.name, quality: m.quality });
      else out.push({ name: p.name, quality: p.quality });
    }
  }
  rep.optimum.profile.forEach((s, i) => {
    const name = market.producers[i]!.name;
    if (strategic.has(name)) out.push({ name, quality: s.quality });
  });
  return out;
}

describe("the issue's report: a file quality outside its top-k space", () => {
  const market = topKMarket();

  it("is not certified as an equilibrium, and the certificate says why", () => {
    const file = market.producers.map((p) => ({ quality: p.quality.slice() }));
    const cert = certifyProfile(market, "weighted-winrate", file);
    expect(cert.certified).toBe(false);
    expect(cert.outsideSpace).toEqual(["Generalist", "Specialist"]);
    const line = cert.lines.find((l) => l.producer === "Specialist")!;
    expect(line.inSpace).toBe(false);
    expect(line.spaceProblem).toMatchObject({ code: "neither-zero-nor-cap", task: "code", quality: 0.2 });
    expect(spaceProblemText(line.spaceProblem!)).toMatch(/neither 0 nor its cap/);
  });

  it("is left by the dynamics in their first round, even though it pays more than any top-k strategy", () => {
    const run = bestResponseDynamics(market, "weighted-winrate");
    expect(run.movedIntoSpace).toEqual(["Generalist", "Specialist"]);
    for (const i of [0, 2]) {
      expect(spaceMembership(market.producers[i]!.space, run.profile[i]!.quality, market.tasks).member).toBe(
        true,
      );
    }
  });

  it("gives one pure equilibrium ({math}, {math}), not two, and a price of stability >= 1", () => {
    // before: 2 pure equilibria, one with the Specialist at its file quality, and PoS 0.9885
    const rep = solveEquilibria(market, "weighted-winrate");
    expect(rep.pureExhaustive).toBe(true);
    expect(rep.pure).toHaveLength(1);
    const eq = rep.pure[0]!;
    expect(eq.producers[0]!.tasks).toEqual([1]);
    expect(eq.producers[2]!.tasks).toEqual([1]);
    expect(rep.optimum.exact).toBe(true);
    expect(rep.priceOfStability!).toBeGreaterThanOrEqual(1);
    expect(rep.priceOfAnarchy!).toBeGreaterThanOrEqual(rep.priceOfStability!);
    for (const s of reportedStrategies(rep, market)) {
      const p = market.producers.find((q) => q.name === s.name)!;
      expect(spaceMembership(p.space, s.quality, market.tasks).member).toBe(true);
    }
  });
});

describe("replacement says when the current quality is outside the space", () => {
  it("the Specialist's file quality is a reference only; a top-k producer at a top-k quality is a member", () => {
    const a = analyseReplacement(topKMarket(), "Specialist", ["weighted-winrate"]);
    expect(a.currentInSpace.member).toBe(false);
    expect(a.currentInSpace.problem).toMatchObject({ code: "neither-zero-nor-cap" });
    const c2 = readMarketFile("test/fixtures/markets/c2-two-producers.json");
    expect(analyseReplacement(c2, "A", ["winrate"]).currentInSpace.member).toBe(true);
  });
});

describe("the issue's command line", () => {
  it("prints one pure equilibrium, names the two file qualities outside their spaces, PoS >= 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mm-spaces-"));
    try {
      const file = join(dir, "that.json");
      const raw = JSON.parse(readFileSync("examples/three-producers.json", "utf8"));
      delete raw.$schema;
      for (const p of raw.producers) if (p.name !== "Copycat") p.space = { kind: "top-k", k: 1 };
      writeFileSync(file, JSON.stringify(raw));
      const args = ["equilibrium", file, "--rule", "weighted-winrate", "--selection", "logit:beta=2"];
      args.push("--weights", "code=0.1,math=0.45,law=0.3,poetry=0.15");
      const text = await runCli(args);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/pure equilibria: 1 \(all, by enumeration\)/);
      expect(text.stdout).toMatch(
        /Specialist's file quality is not in its space \(quality 0\.2 on task code is neither 0 nor its cap\)/,
      );
      const json = JSON.parse((await runCli([...args, "--json"])).stdout);
      expect(json.pure).toHaveLength(1);
      expect(json.priceOfStability).toBeGreaterThanOrEqual(1);
      expect(json.outsideSpace.map((o: { producer: string }) => o.producer)).toEqual([
        "Generalist",
        "Specialist",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("spaceMembership", () => {
  const tasks: Task[] = [
    { name: "a", weight: 0.5, cap: 1 },
    { name: "b", weight: 0.3, cap: 2 },
    { name: "c", weight: 0.2, cap: 0.5 },
  ];
  const power: Production = { kind: "power", a: 0.5 };

  it("top-k: exactly k tasks at their cap, the rest 0", () => {
    const s: StrategySpace = { kind: "top-k", k: 2 };
    expect(spaceMembership(s, [1, 2, 0], tasks).member).toBe(true);
    expect(spaceMembership(s, [1, 0, 0], tasks).member).toBe(false);
    expect(spaceMembership(s, [1, 2, 0.5], tasks).member).toBe(false);
    expect(spaceMembership(s, [1, 1.9, 0], tasks).member).toBe(false);
    expect(spaceMembership(s, [1 + 1e-12, 2, 0], tasks).member).toBe(true);
  });

  it("menu: one of the options (within the tolerance of the caps)", () => {
    const s: StrategySpace = {
      kind: "menu",
      options: [
        [0.2, 0.4, 0.1],
        [1, 0, 0],
      ],
    };
    expect(spaceMembership(s, [0.2, 0.4, 0.1], tasks).member).toBe(true);
    expect(spaceMembership(s, [0.2, 0.4, 0.1 + 1e-6], tasks).member).toBe(false);
  });

  it("budget: the least effort reaching the qualities fits the budget", () => {
    const s: StrategySpace = { kind: "budget", budget: 1, production: power };
    // efforts 0.25, 0.25, 0.5 give fractions 0.5, 0.5, sqrt(0.5)
    const q = [0.5, 1, 0.5 * Math.sqrt(0.5)];
    expect(spaceMembership(s, q, tasks).member).toBe(true);
    expect(spaceMembership({ ...s, budget: 0.99 }, q, tasks).member).toBe(false);
    const exp: StrategySpace = { kind: "budget", budget: 5, production: { kind: "exponential", k: 1 } };
    expect(spaceMembership(exp, [1, 0, 0], tasks).member).toBe(false); // the cap is never reached
    expect(spaceMembership(exp, [1 - Math.exp(-2), 0, 0], tasks).member).toBe(true);
  });

  it("grid: efforts on the step grid within the budget", () => {
    const s: StrategySpace = { kind: "grid", budget: 1, step: 0.25, production: power };
    expect(spaceMembership(s, [0.5, 2 * Math.sqrt(0.75), 0], tasks).member).toBe(true);
    expect(spaceMembership(s, [0.5, 2, 0], tasks).member).toBe(false); // 0.25 + 1 > 1
    expect(spaceMembership(s, [0.6, 0, 0], tasks).member).toBe(false); // 0.36 is off the grid
  });

  it("fixed: anything (the producer's own quality)", () => {
    expect(spaceMembership({ kind: "fixed" }, [0.3, 0.3, 0.3], tasks).member).toBe(true);
  });
});

/** A random space of the given kind over `tasks`. */
function spaceArb(tasks: readonly Task[]): fc.Arbitrary<StrategySpace> {
  const T = tasks.length;
  const production = fc.constantFrom<Production>(
    { kind: "linear" },
    { kind: "power", a: 0.5 },
    { kind: "exponential", k: 2 },
  );
  return fc.oneof(
    fc.constant<StrategySpace>({ kind: "fixed" }),
    fc.integer({ min: 1, max: T }).map((k): StrategySpace => ({ kind: "top-k", k })),
    fc
      .array(fc.tuple(...tasks.map((t) => fc.integer({ min: 0, max: 4 }).map((u) => (u / 4) * t.cap))), {
        minLength: 1,
        maxLength: 3,
      })
      .map((options): StrategySpace => ({ kind: "menu", options })),
    fc
      .tuple(fc.constantFrom(0.5, 1), production)
      .map(([budget, p]): StrategySpace => ({ kind: "grid", budget, step: 0.25, production: p })),
    fc
      .tuple(fc.constantFrom(0.5, 1), production)
      .map(([budget, p]): StrategySpace => ({ kind: "budget", budget, production: p })),
  );
}

const marketArb: fc.Arbitrary<Market> = fc
  .tuple(
    fc.array(fc.tuple(fc.double({ min: 0.1, max: 1, noNaN: true }), fc.constantFrom(0.5, 1, 2)), {
      minLength: 2,
      maxLength: 3,
    }),
    fc.double({ min: 1, max: 8, noNaN: true }),
  )
  .chain(([raw, beta]) => {
    const total = raw.reduce((a, [w]) => a + w, 0);
    const tasks: Task[] = raw.map(([w, cap], t) => ({ name: `t${t}`, weight: w / total, cap }));
    const producer = (i: number) =>
      fc
        .tuple(spaceArb(tasks), fc.tuple(...tasks.map((t) => fc.double({ min: 0, max: t.cap, noNaN: true }))))
        .map(([space, quality]) => ({ name: `P${i}`, space, quality: [...quality] }));
    return fc
      .tuple(producer(0), producer(1), producer(2))
      .map((producers): Market => ({ tasks, selection: { rule: "logit", beta }, producers }));
  });

describe("property: no reported strategy lies outside its producer's space", () => {
  it("for random markets with mixed space kinds and file qualities anywhere in [0, v_t]", () => {
    fc.assert(
      fc.property(marketArb, fc.constantFrom("winrate", "weighted-winrate"), (market, rule) => {
        const rep = solveEquilibria(market, rule, { randomStarts: 1, maxRounds: 20, units: 16 });
        for (const s of reportedStrategies(rep, market)) {
          const p = market.producers.find((q) => q.name === s.name)!;
          const m = spaceMembership(p.space, s.quality, market.tasks);
          if (!m.member) throw new Error(`${s.name} (${p.space.kind}): ${m.problem}`);
        }
        for (const e of [...rep.pure, ...rep.mixed.equilibria.filter((x) => x.certified)]) {
          for (const p of e.producers) if (p.regret) expect(p.regret.inSpace).toBe(true);
        }
        if (rep.priceOfStability !== null && rep.optimum.exact) {
          expect(rep.priceOfStability).toBeGreaterThanOrEqual(1 - 1e-9);
        }
      }),
      { numRuns: 40, seed: 19 },
    );
  });
});
