/**
 * The floating methods of `nash` as a library (`solveFinite`, `lpReport`, `dynamicsReport`,
 * `checkFloatRegret`): every profile reported has small regret, an uncertified LP answer or a dynamic
 * that did not converge is never reported as an equilibrium, and the market-file loader.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { DynamicsResult } from "../../solvers/finite/dynamics/index.js";
import { type FloatProfile, fromBimatrix, payoffRange, regretFloat } from "../../solvers/finite/game.js";
import type { ConstantSumLpResult } from "../../solvers/finite/lp/index.js";
import { DYNAMICS_METHODS, dynamicsReport } from "../../solvers/finite/methods/dynamics.js";
import { failureText } from "../../solvers/finite/methods/failure.js";
import { lpReport } from "../../solvers/finite/methods/lp.js";
import { checkFloatRegret } from "../../solvers/finite/methods/regret-check.js";
import { renderJson, renderText } from "../../solvers/finite/render.js";
import { type NashMethod, solveFinite } from "../../solvers/finite/solve.js";
import { gameFromFile, marketGameFromFile } from "../../solvers/marketGameFile.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const nfg = (name: string) => gameFromFile(join(HERE, "../fixtures/nfg", name));
const C2 = join(HERE, "../fixtures/markets/c2-two-producers.json");

const pennies = fromBimatrix(
  [
    [1, -1],
    [-1, 1],
  ],
  [
    [-1, 1],
    [1, -1],
  ],
  "pennies",
);

/** Asserts the report has one floating equilibrium whose regret, recomputed, is within `tol * range`. */
function expectSmallRegret(report: Awaited<ReturnType<typeof solveFinite>>, tol: number): FloatProfile {
  expect(report.failure).toBeUndefined();
  expect(report.exact).toBe(false);
  expect(report.equilibria).toHaveLength(1);
  const profile = report.equilibria[0]!.profile as FloatProfile;
  const range = payoffRange(report.game);
  for (const r of regretFloat(report.game, profile)) expect(r).toBeLessThanOrEqual(tol * range);
  return profile;
}

describe("solveFinite: floating methods", () => {
  it("lp: the constant-sum fixture's value 13/11 and equilibrium (5/11, 6/11), (4/11, 7/11)", async () => {
    const report = await solveFinite(nfg("constant-sum-2x2.nfg"), "lp");
    const [x, y] = expectSmallRegret(report, 1e-9);
    expect(x![0]).toBeCloseTo(5 / 11, 9);
    expect(y![0]).toBeCloseTo(4 / 11, 9);
    expect(report.outcome?.certified).toBe(true);
    const values = (report.details?.values ?? []) as number[];
    expect(values[0]).toBeCloseTo(13 / 11, 9);
    expect(values[1]).toBeCloseTo(4 - 13 / 11, 9);
  });

  it("lp: rock-paper-scissors, value 0", async () => {
    const report = await solveFinite(nfg("rps.nfg"), "lp");
    const profile = expectSmallRegret(report, 1e-9);
    for (const x of profile) for (const v of x) expect(v).toBeCloseTo(1 / 3, 9);
    const values = (report.details?.values ?? []) as number[];
    expect(values).toHaveLength(2);
    expect(Math.abs(values[0]!)).toBeLessThan(1e-9);
  });

  it("lp: a game that is not constant-sum is an InputError on --method lp", async () => {
    await expect(solveFinite(nfg("bos-outcome.nfg"), "lp")).rejects.toThrow(/method: lp needs a two-player/);
  });

  it("every dynamic solves matching pennies to its tolerance", async () => {
    for (const method of DYNAMICS_METHODS) {
      // fictitious play and regret matching approach the interior equilibrium slowly (~1/sqrt(t))
      const tolerance = method === "fp" ? 1e-2 : method === "regret" ? 1e-3 : 1e-6;
      // replicator cycles around an interior equilibrium of a zero-sum game: give it a pure one
      const game = method === "replicator" ? nfg("pd.nfg") : pennies;
      const report = await solveFinite(game, method, { tolerance });
      const profile = expectSmallRegret(report, tolerance);
      expect(report.outcome?.converged, method).toBe(true);
      // in pennies, with the row player at 1/2 + d, the column player's regret is 4 |d| y (y its
      // weight on the worse column, >= 1/2 - d'): regret <= 2 tolerance bounds |d| by about tolerance
      if (method !== "replicator") {
        const bound = tolerance / (1 - 2 * tolerance) + 1e-12;
        for (const x of profile) expect(Math.abs(x[0]! - 0.5)).toBeLessThanOrEqual(bound);
      }
      expect(renderText(report)).toMatch(/^NE(,\d\.\d{6}){4}\n$/);
    }
  });

  it("N players: logit and replicator on McKelvey's 2x2x2 game", async () => {
    const game = nfg("mckelvey-2x2x2.nfg");
    for (const method of ["logit", "replicator"] as NashMethod[]) {
      expectSmallRegret(await solveFinite(game, method), 1e-6);
    }
  });

  it("Shapley's game: fictitious play does not converge; nothing is reported as an equilibrium", async () => {
    const report = await solveFinite(nfg("shapley.nfg"), "fp", { iterations: 2000 });
    expect(report.equilibria).toEqual([]);
    expect(report.complete).toBe(false);
    expect(report.outcome?.converged).toBe(false);
    expect(failureText(report.failure!)).toMatch(/^fp did not converge after 2000 iterations \(max regret /);
    expect(report.lastProfile).toBeDefined();
    expect(renderText(report)).toBe("");
    const json = JSON.parse(renderJson(report)) as { equilibria: unknown[]; lastProfile: number[][] };
    expect(json.equilibria).toEqual([]);
    expect(json.lastProfile).toHaveLength(2);
  });

  it("the same seed gives deeply equal reports; a different seed may start elsewhere", async () => {
    const game = nfg("rps.nfg");
    const a = await solveFinite(game, "fp", { seed: "x", iterations: 500 });
    const b = await solveFinite(game, "fp", { seed: "x", iterations: 500 });
    expect(renderJson(a)).toBe(renderJson(b));
    const c = await solveFinite(game, "replicator", { seed: "x", iterations: 50 });
    const d = await solveFinite(game, "replicator", { seed: "x", iterations: 50 });
    expect(renderJson(c)).toBe(renderJson(d));
  });
});

describe("the reports never print an unchecked profile", () => {
  const lpResult = (certified: boolean, profile: [number[], number[]]): ConstantSumLpResult => ({
    profile,
    values: [0, 0],
    constant: 0,
    lower: certified ? 0 : -0.25,
    upper: certified ? 0 : 0.25,
    gap: certified ? 0 : 0.5,
    tolerance: 2e-9,
    backend: "jslp",
    certified,
    attempts: [],
  });

  it("an uncertified LP answer: no equilibrium, certified false with the interval, a one-line failure", () => {
    const report = lpReport(
      pennies,
      lpResult(false, [
        [0.75, 0.25],
        [0.5, 0.5],
      ]),
    );
    expect(report.equilibria).toEqual([]);
    expect(report.outcome).toMatchObject({ certified: false, lower: -0.25, upper: 0.25, gap: 0.5 });
    expect(report.failure).toMatchObject({ code: "lp-not-certified", lower: -0.25, upper: 0.25, gap: 0.5 });
    expect(failureText(report.failure!)).toMatch(
      /^lp answer not certified: the value lies in \[-0\.25, 0\.25\], gap 0\.5 > tolerance 2e-9/,
    );
    expect(failureText(report.failure!)).not.toContain("\n");
    expect(renderText(report)).toBe("");
  });

  it("a 'certified' LP answer that fails the regret check is not printed either", () => {
    const report = lpReport(
      pennies,
      lpResult(true, [
        [1, 0],
        [0.5, 0.5],
      ]),
    );
    expect(report.equilibria).toEqual([]);
    expect(failureText(report.failure!)).toMatch(/failed the regret check/);
  });

  it("a dynamic that claims convergence on a bad profile is rejected by the regret check", () => {
    const claimed: DynamicsResult = {
      profile: [
        [1, 0],
        [1, 0],
      ],
      maxRegret: 0,
      regrets: [0, 0],
      iterations: 3,
      converged: true,
    };
    const report = dynamicsReport(pennies, "fp", claimed, 1e-6);
    expect(report.equilibria).toEqual([]);
    expect(report.outcome?.converged).toBe(false);
    expect(failureText(report.failure!)).toMatch(/fp profile failed the regret check \(max regret 2, /);
  });

  it("checkFloatRegret: tolerance relative to the payoff range, probability vectors required", () => {
    expect(
      checkFloatRegret(
        pennies,
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        1e-9,
      ),
    ).toMatchObject({ maxRegret: 0, threshold: 2e-9, passed: true });
    const off = checkFloatRegret(
      pennies,
      [
        [0.5005, 0.4995],
        [0.5, 0.5],
      ],
      1e-3,
    );
    // the column player gains 0.001 by deviating, within 1e-3 x range 2
    expect(off.maxRegret).toBeCloseTo(0.001, 12);
    expect(off.passed).toBe(true);
    expect(
      checkFloatRegret(
        pennies,
        [
          [0.6, 0.6],
          [0.5, 0.5],
        ],
        1e-3,
      ).passed,
    ).toBe(false);
    expect(
      checkFloatRegret(
        pennies,
        [
          [1.5, -0.5],
          [0.5, 0.5],
        ],
        1e-3,
      ).passed,
    ).toBe(false);
  });
});

describe("marketGameFromFile", () => {
  it("builds the C2 producer game: players A and B, strategies {t1} and {t2}, exact binary payoffs", () => {
    const game = marketGameFromFile(C2);
    expect(game.players).toEqual(["A", "B"]);
    expect(game.shape).toEqual([2, 2]);
    expect(game.strategies).toEqual([
      ["{t1}", "{t2}"],
      ["{t1}", "{t2}"],
    ]);
    // every payoff is a dyadic rational (the exact value of a double)
    for (const t of game.payoffs) {
      for (const v of t) expect(v.den & (v.den - 1n)).toBe(0n);
    }
  });

  it("the rule changes the game", () => {
    const ww = marketGameFromFile(C2);
    const wr = marketGameFromFile(C2, { rule: "winrate" });
    expect(ww.title).toBe("market game (weighted-winrate)");
    expect(wr.title).toBe("market game (winrate)");
    expect(ww.payoffs[0]!.some((v, k) => !v.equals(wr.payoffs[0]![k]!))).toBe(true);
  });

  it("enummixed on the market game: three exact equilibria with zero regret", async () => {
    const report = await solveFinite(marketGameFromFile(C2), "enummixed");
    expect(report.equilibria).toHaveLength(3);
    for (const e of report.equilibria) for (const r of e.regret) expect(String(r)).toBe("0");
  });
});
