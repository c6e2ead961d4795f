import { describe, expect, it } from "vitest";
import type { CommandIO } from "../../cli/command.js";
import { main } from "../../cli/main.js";
import { dynamicsStatusText, mixedReasonText, priceBasisText } from "../../solvers/equilibrium/words.js";
import { enumMixed, payoffRange, regretFloat } from "../../solvers/finite/index.js";
import {
  bestResponseDynamics,
  buildMarketGame,
  certifyProfile,
  type Equilibrium,
  type MarketGame,
  pureEquilibria,
  solveEquilibria,
  solveEquilibriaAsync,
  toNormalFormGame,
} from "../../solvers/index.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { randomMarket, rng } from "./helpers.js";

const CYCLE = "test/fixtures/markets/cycling-menus.json";
const C2 = "test/fixtures/markets/c2-two-producers.json";
const THREE = "test/fixtures/markets/three-strategic.json";

/** The mixed profile of an equilibrium, `x[p][s]` over the game's strategies (labels matched). */
function profileIn(game: MarketGame, e: Equilibrium): number[][] {
  return game.players.map((k, p) => {
    const x = new Array<number>(game.shape[p]!).fill(0);
    for (const m of e.producers[k]!.mixture!) x[game.labels[p]!.indexOf(m.label)] = m.probability;
    return x;
  });
}

/** `E[U]` by brute force over every joint profile of the game. */
function expectedWelfare(game: MarketGame, x: number[][]): number {
  let u = 0;
  for (let flat = 0; flat < game.welfare.length; flat++) {
    let rest = flat;
    let prob = 1;
    for (let p = 0; p < game.shape.length; p++) {
      prob *= x[p]![rest % game.shape[p]!]!;
      rest = Math.floor(rest / game.shape[p]!);
    }
    u += prob * game.welfare[flat]!;
  }
  return u;
}

describe("best-response dynamics", () => {
  it("cycle on matching pennies and are reported as not converged", () => {
    const market = readMarketFile(CYCLE);
    for (const mode of ["sequential", "simultaneous"] as const) {
      const run = bestResponseDynamics(market, "winrate", undefined, { mode });
      expect(run.converged).toBe(false);
      expect(run.cycle).not.toBeNull();
      expect(run.status).not.toBe("converged");
      expect(dynamicsStatusText(run)).toMatch(/did not converge/);
    }
    const rep = solveEquilibria(market, "winrate");
    expect(rep.pure).toHaveLength(0);
    expect(rep.pureExhaustive).toBe(true);
    expect(rep.runs.every((r) => !r.converged)).toBe(true);
    // the unique equilibrium is mixed: A plays (1/3, 2/3), B plays (2/3, 1/3)
    expect(rep.mixed.equilibria).toHaveLength(1);
    const [a, b] = rep.mixed.equilibria[0]!.producers;
    expect(a!.mixture!.map((m) => m.probability)).toEqual([1 / 3, 2 / 3]);
    expect(b!.mixture!.map((m) => m.probability)).toEqual([2 / 3, 1 / 3]);
  });

  it("stop at the round limit without claiming convergence", () => {
    const run = bestResponseDynamics(readMarketFile(CYCLE), "winrate", undefined, { maxRounds: 1 });
    expect(run.converged).toBe(false);
    expect(run.rounds).toBe(1);
  });

  it("pure equilibria equal exhaustive enumeration and every converged run is certified (random grid and top-k games)", () => {
    const r = rng("eq-random");
    for (let k = 0; k < 6; k++) {
      const base = randomMarket(r, 3, 1, { rule: "logit", beta: 2 + 6 * r() });
      const spaces: StrategySpace[] = [
        { kind: "top-k", k: 1 },
        { kind: "grid", budget: 1, step: 0.25, production: { kind: "linear" } },
      ];
      const market: Market = {
        ...base,
        producers: [
          ...base.producers,
          { name: "S1", quality: [0, 0, 0], space: spaces[k % 2]! },
          { name: "S2", quality: [0, 0, 0], space: spaces[(k + 1) % 2]! },
        ],
      };
      for (const rule of ["winrate", "weighted-winrate", "marginal-contribution"]) {
        const rep = solveEquilibria(market, rule, { randomStarts: 2 });
        const game = buildMarketGame(market, rule);
        const enumerated = pureEquilibria(game, rep.tolerance).length;
        expect(rep.pure).toHaveLength(enumerated);
        for (const run of rep.runs) {
          if (!run.converged) continue;
          expect(run.certificate!.certified).toBe(true);
        }
        for (const e of rep.pure) {
          const cert = certifyProfile(
            market,
            rule,
            e.producers.map((p) => ({ quality: p.quality })),
          );
          expect(cert.certified).toBe(true);
          expect(e.welfare).toBeLessThanOrEqual(rep.optimum.welfare + 1e-12);
        }
        if (rep.pure.length > 0) expect(rep.priceOfAnarchy!).toBeGreaterThanOrEqual(rep.priceOfStability!);
      }
    }
  });

  it("marginal contribution: the welfare optimum is an equilibrium (potential game), so PoS = 1", () => {
    // U is an exact potential of the marginal-contribution game: a deviation changes the deviator's
    // payoff U - U_{-i} by exactly the change in U
    const r = rng("potential");
    const base = randomMarket(r, 3, 1, { rule: "logit", beta: 5 });
    const market: Market = {
      ...base,
      producers: [
        ...base.producers,
        { name: "S1", quality: [0, 0, 0], space: { kind: "top-k", k: 1 } },
        { name: "S2", quality: [0, 0, 0], space: { kind: "top-k", k: 2 } },
      ],
    };
    const rep = solveEquilibria(market, "marginal-contribution");
    expect(rep.pure.length).toBeGreaterThan(0);
    expect(rep.priceOfStability!).toBeCloseTo(1, 12);
  });

  it("continuous budgets: fixed points carry a finite certified epsilon", () => {
    const base = randomMarket(rng("budget-eq"), 3, 1, { rule: "logit", beta: 4 });
    const space: StrategySpace = { kind: "budget", budget: 1, production: { kind: "power", a: 0.5 } };
    const market: Market = {
      ...base,
      producers: [
        ...base.producers,
        { name: "S1", quality: [0, 0, 0], space },
        { name: "S2", quality: [0, 0, 0], space },
      ],
    };
    const rep = solveEquilibria(market, "weighted-winrate", { randomStarts: 1, maxRounds: 30, units: 128 });
    expect(rep.mixed.status).toBe("skipped");
    expect(rep.optimum.exact).toBe(false);
    // this seeded market has both kinds of run: fixed points of the grid dynamics whose continuous
    // certificate shows a small positive epsilon (so not certified at the tolerance), and 2-cycles
    const converged = rep.runs.filter((r) => r.converged);
    const cycling = rep.runs.filter((r) => !r.converged);
    expect(converged.length).toBeGreaterThan(0);
    expect(cycling.length).toBeGreaterThan(0);
    for (const run of converged) {
      const c = run.certificate!;
      expect(c.epsilon).toBeGreaterThan(0);
      expect(c.epsilon).toBeLessThan(0.01);
      expect(c.certified).toBe(c.epsilon <= rep.tolerance);
    }
    for (const run of cycling) {
      expect(run.status).toBe("cycle");
      expect(dynamicsStatusText(run)).toMatch(/did not converge: the dynamics cycle/);
      expect(run.certificate ?? null).toBeNull();
    }
  });
});

describe("mixed equilibria over finite spaces", () => {
  it("C2 under weighted winrate: two specialised pure and one mixed equilibrium, exact, with expectations", () => {
    const market = readMarketFile(C2);
    const rep = solveEquilibria(market, "weighted-winrate");
    expect(rep.mixed.methods).toEqual(["enummixed"]);
    expect(rep.mixed.complete).toBe(true);
    expect(rep.mixed.constantSum).toBeNull();
    expect(rep.mixed.converged).toBeNull();
    const kinds = rep.mixed.equilibria.map((e) => e.kind).sort();
    expect(kinds).toEqual(["mixed", "pure", "pure"]);
    const mixed = rep.mixed.equilibria.find((e) => e.kind === "mixed")!;
    const game = buildMarketGame(market, "weighted-winrate");
    const x = profileIn(game, mixed);
    expect(Math.max(...regretFloat(toNormalFormGame(game, market), x))).toBeLessThanOrEqual(1e-12);
    expect(mixed.welfare).toBeCloseTo(expectedWelfare(game, x), 14);
    // both producers play task 1 with probability a: they differ (distance 2) with probability 2a(1-a)
    const a = mixed.producers[0]!.mixture!.find((m) => m.label === "{t1}")!.probability;
    expect(mixed.expectedDiversity!.meanPairwiseDistance!).toBeCloseTo(4 * a * (1 - a), 14);
    expect(mixed.expectedDiversity!.uniqueBestTasks).toBeCloseTo(2 * 2 * a * (1 - a), 14);
    // the most likely profile is both on task 1 (a > 1/2): distance 0
    // a = 37/45: B indifferent between t1 (0.3 a + 0.57 (1 - a)) and t2 (0.38 a + 0.2 (1 - a))
    expect(a).toBeCloseTo(37 / 45, 12);
    expect(mixed.diversity.meanPairwiseDistance).toBe(0);
    // PoA ranges over pure and certified mixed equilibria, exhaustively
    expect(rep.priceScope).toMatchObject({ pure: 2, mixed: 1, excludedApproximate: 0, allEquilibria: true });
    expect(rep.priceOfAnarchy!).toBeCloseTo(rep.optimum.welfare / mixed.welfare, 12);
    expect(rep.priceOfStability!).toBeCloseTo(1, 12);
  });

  it("solves a 15 x 15 two-producer game (above the old 24-strategy limit) exactly; Lemke-Howson above the limit", () => {
    const tasks = [0.3, 0.2, 0.15, 0.15, 0.1, 0.1].map((w, t) => ({ name: `t${t + 1}`, weight: w, cap: 1 }));
    const market: Market = {
      tasks,
      selection: { rule: "logit", beta: 8 },
      producers: ["A", "B"].map((name) => ({
        name,
        quality: [1, 1, 0, 0, 0, 0],
        space: { kind: "top-k", k: 2 } as StrategySpace,
      })),
    };
    const game = buildMarketGame(market, "weighted-winrate");
    expect(game.shape).toEqual([15, 15]);
    const nfg = toNormalFormGame(game, market);
    const rep = solveEquilibria(market, "weighted-winrate");
    expect(rep.mixed.methods).toEqual(["enummixed"]);
    expect(rep.mixed.complete).toBe(true);
    expect(rep.mixed.equilibria).toHaveLength(enumMixed(nfg).equilibria.length);
    expect(rep.mixed.equilibria.some((e) => e.kind === "mixed")).toBe(true);
    for (const e of rep.mixed.equilibria) {
      expect(e.certified).toBe(true);
      const x = profileIn(game, e);
      expect(Math.max(...regretFloat(nfg, x))).toBeLessThanOrEqual(1e-12);
      expect(e.welfare).toBeCloseTo(expectedWelfare(game, x), 14);
    }
    const lcp = solveEquilibria(market, "weighted-winrate", { enumMixedLimit: 20, randomStarts: 0 });
    expect(lcp.mixed.methods).toEqual(["lcp"]);
    expect(lcp.mixed.complete).toBe(false);
    expect(mixedReasonText(lcp.mixed.reasons)).toMatch(/may be incomplete/);
    expect(lcp.priceScope.allEquilibria).toBe(false);
    expect(priceBasisText(lcp.priceScope)).toMatch(/PoA is a lower bound/);
    const welfares = rep.mixed.equilibria.map((e) => e.welfare);
    for (const e of lcp.mixed.equilibria) {
      expect(welfares.some((w) => Math.abs(w - e.welfare) <= 1e-12)).toBe(true);
    }
  });

  it("constant-sum (winrate between two producers): the certified LP, alone above the exact limits", async () => {
    const c2 = await solveEquilibriaAsync(readMarketFile(C2), "winrate");
    expect(c2.mixed.methods).toEqual(["enummixed", "lp"]);
    const cs = c2.mixed.constantSum!;
    expect(cs.constant).toBeCloseTo(1, 15);
    expect(cs.lp!.certified).toBe(true);
    expect(cs.lp!.passed).toBe(true);
    expect(cs.lp!.gap).toBeLessThanOrEqual(cs.lp!.lpTolerance);
    expect(cs.lp!.value).toBeCloseTo(0.5, 9);
    // the LP's equilibrium is the unique (pure) one, already listed
    expect(c2.mixed.equilibria).toHaveLength(1);
    expect(c2.mixed.equilibria[0]!.sources.some((s) => s.code === "lp")).toBe(true);

    const cycle = readMarketFile(CYCLE);
    const lp = await solveEquilibriaAsync(cycle, "winrate", {
      enumMixedLimit: 0,
      lcpLimit: 0,
      randomStarts: 0,
    });
    expect(lp.mixed.methods).toEqual(["lp"]);
    expect(lp.mixed.complete).toBe(false);
    expect(lp.mixed.constantSum!.exact).toBe(true);
    expect(lp.mixed.status).toBe("solved");
    const [eq] = lp.mixed.equilibria;
    expect(eq!.kind).toBe("mixed");
    expect(eq!.certified).toBe(true);
    const [a, b] = eq!.producers;
    expect(a!.mixture!.map((m) => m.probability)[0]).toBeCloseTo(1 / 3, 9);
    expect(b!.mixture!.map((m) => m.probability)[0]).toBeCloseTo(2 / 3, 9);
    expect(eq!.epsilon).toBeLessThanOrEqual(lp.mixed.constantSum!.lp!.threshold);
    expect(lp.priceScope).toMatchObject({ pure: 0, mixed: 1, excludedApproximate: 0, allEquilibria: false });

    // the synchronous call has no LP backends and says so
    const sync = solveEquilibria(cycle, "winrate", { randomStarts: 0 });
    expect(sync.mixed.methods).toEqual(["enummixed"]);
    expect(sync.mixed.constantSum!.lp).toBeNull();
    expect(mixedReasonText(sync.mixed.reasons)).toMatch(/LP not run/);
  });

  it("three producers: every equilibrium by enumpoly, proven complete, so PoA and PoS range over all of them", () => {
    const market = readMarketFile(THREE);
    const rep = solveEquilibria(market, "weighted-winrate", { randomStarts: 0 });
    expect(rep.mixed.methods).toEqual(["enumpoly"]);
    expect(rep.mixed.complete).toBe(true);
    expect(rep.mixed.completeness?.code).toBe("all-supports-certified");
    const game = buildMarketGame(market, "weighted-winrate");
    const nfg = toNormalFormGame(game, market);
    for (const e of rep.mixed.equilibria) {
      expect(e.certified).toBe(true);
      expect(Math.max(...regretFloat(nfg, profileIn(game, e)))).toBeLessThanOrEqual(rep.tolerance);
    }
    // the three pure equilibria are in enumpoly's list too
    expect(rep.mixed.equilibria.filter((e) => e.kind === "pure")).toHaveLength(rep.pure.length);
    expect(rep.priceScope.allEquilibria).toBe(true);
    const ws = [...rep.pure, ...rep.mixed.equilibria].map((e) => e.welfare);
    expect(rep.priceOfAnarchy!).toBeCloseTo(rep.optimum.welfare / Math.min(...ws), 12);
    expect(priceBasisText(rep.priceScope)).toMatch(
      /\(enumpoly, proven complete\); these attain the worst and best U/,
    );
  });

  it("three producers, enumpoly and gnm ruled out: an approximate logit equilibrium with a passing regret certificate, or 'not converged'", () => {
    const market = readMarketFile(THREE);
    const noExact = { maxSupports: 1, maxGnmWork: 1 };
    const rep = solveEquilibria(market, "weighted-winrate", { randomStarts: 0, ...noExact });
    expect(rep.pureExhaustive).toBe(true);
    expect(rep.pure).toHaveLength(3);
    expect(rep.mixed.methods).toEqual(["logit"]);
    expect(rep.mixed.status).toBe("approximate");
    expect(rep.mixed.converged).toBe(true);
    expect(rep.mixed.complete).toBe(false);
    const [eq] = rep.mixed.equilibria;
    const game = buildMarketGame(market, "weighted-winrate");
    const nfg = toNormalFormGame(game, market);
    const x = profileIn(game, eq!);
    const maxRegret = Math.max(...regretFloat(nfg, x));
    const attempt = rep.mixed.attempts[0]!;
    expect(attempt.threshold).toBeCloseTo(1e-6 * payoffRange(nfg), 18);
    expect(maxRegret).toBeLessThanOrEqual(attempt.threshold);
    expect(eq!.epsilon).toBeCloseTo(maxRegret, 15);
    expect(eq!.kind).toBe("mixed");
    expect(eq!.certified).toBe(false);
    expect(eq!.welfare).toBeCloseTo(expectedWelfare(game, x), 14);
    // excluded from PoA / PoS, which range over the three pure equilibria only
    expect(rep.priceScope).toMatchObject({ pure: 3, mixed: 0, excludedApproximate: 1, allEquilibria: false });
    expect(rep.priceOfAnarchy!).toBeCloseTo(rep.optimum.welfare / rep.pure[0]!.welfare, 12);

    const capped = solveEquilibria(market, "weighted-winrate", {
      randomStarts: 0,
      logitIterations: 3,
      ...noExact,
    });
    expect(capped.mixed.status).toBe("not converged");
    expect(capped.mixed.converged).toBe(false);
    expect(capped.mixed.equilibria).toEqual([]);
    expect(mixedReasonText(capped.mixed.reasons)).toMatch(
      /did not converge after 3 steps .*no mixed equilibrium reported/,
    );
    expect(capped.mixed.attempts[0]!.maxRegret).toBeGreaterThan(capped.mixed.attempts[0]!.threshold);
  });

  it("the command reports the methods, completeness and convergence (text and JSON)", async () => {
    const run = async (argv: string[]) => {
      let out = "";
      const io: CommandIO = { stdout: (t) => (out += t), stderr: () => {}, isTTY: false };
      return { code: await main(argv, io), out };
    };
    const json = JSON.parse((await run(["equilibrium", THREE, "--starts", "1", "--json"])).out);
    expect(json.mixed).toMatchObject({
      status: "solved",
      methods: ["enumpoly"],
      complete: true,
      converged: null,
    });
    expect(json.mixed.completeness.code).toBe("all-supports-certified");
    const mixedOnes = json.mixed.equilibria.filter((e: Equilibrium) => e.kind === "mixed");
    expect(mixedOnes[0].expectedDiversity).toHaveProperty("meanPairwiseDistance");
    expect(json.priceScope).toMatchObject({
      pure: 3,
      mixed: mixedOnes.length,
      excludedApproximate: 0,
      allEquilibria: true,
    });
    const text = (await run(["equilibrium", THREE, "--starts", "1"])).out;
    expect(text).toMatch(/\nmixed equilibrium \d+: welfare \d\.\d{4} \(expected\), expectedDiversity: /);
    expect(text).toMatch(/methods: enumpoly; proven complete \(every equilibrium\)/);
    const c2 = JSON.parse((await run(["equilibrium", C2, "--rule", "winrate", "--json"])).out);
    expect(c2.mixed.methods).toEqual(["enummixed", "lp"]);
    expect(c2.mixed.constantSum.lp.certified).toBe(true);
    const c2text = (await run(["equilibrium", C2, "--rule", "weighted-winrate"])).out;
    expect(c2text).toMatch(/methods: enummixed; complete \(every extreme equilibrium\)/);
    expect((await run(["equilibrium", THREE, "--mixed-tolerance", "2"])).code).toBe(2);
  });
});
