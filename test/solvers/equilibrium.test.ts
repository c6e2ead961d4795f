import { describe, expect, it } from "vitest";
import {
  bestResponseDynamics,
  buildMarketGame,
  certifyProfile,
  pureEquilibria,
  solveEquilibria,
} from "../../solvers/index.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { randomMarket, rng } from "./helpers.js";

const CYCLE = "test/fixtures/markets/cycling-menus.json";

describe("best-response dynamics", () => {
  it("cycle on matching pennies and are reported as not converged", () => {
    const market = readMarketFile(CYCLE);
    for (const mode of ["sequential", "simultaneous"] as const) {
      const run = bestResponseDynamics(market, "winrate", undefined, { mode });
      expect(run.converged).toBe(false);
      expect(run.cycle).not.toBeNull();
      expect(run.status).toMatch(/did not converge/);
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
    for (const run of rep.runs) {
      if (run.converged) expect(Number.isFinite(run.certificate!.epsilon)).toBe(true);
      else expect(run.status).toMatch(/did not converge/);
    }
  });
});
