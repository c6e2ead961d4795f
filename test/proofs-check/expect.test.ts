import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arbitraryBimatrix,
  arbitraryGame,
  arbitraryInstance,
  arbitraryMarket,
  ClaimFailedError,
  defineClaim,
  expectClaim,
  instanceMarket,
} from "../../proofs-check/index.js";
import { intBetween, mixedQuality } from "../../proofs-check/rng.js";
import type { Instance } from "../../proofs-check/types.js";
import { enumMixed, isEquilibriumExact, solveConstantSum } from "../../solvers/finite/index.js";
import { InputError } from "../../src/errors.js";
import { evaluate } from "../../src/model/evaluate.js";

function randomInstance(rng: () => number): Instance {
  const T = intBetween(rng, 1, 3);
  const n = intBetween(rng, 1, 3);
  return {
    weights: Array.from({ length: T }, () => 0.1 + rng()),
    caps: new Array<number>(T).fill(1),
    incumbents: Array.from({ length: n }, () => Array.from({ length: T }, () => mixedQuality(rng, 1))),
    players: [],
    selection: { rule: "logit", beta: 10 * rng() },
    params: {},
  };
}

const base = {
  title: "test claim",
  statement: "s",
  hypothesis: "n in 1..3, T in 1..3, logit beta in [0, 10]",
  predicate: "p",
  generate: randomInstance,
};

const welfareAtMostOne = defineClaim({
  ...base,
  id: "T-U-le-1",
  expectation: "holds",
  check: (inst) => {
    const U = evaluate(instanceMarket(inst), ["winrate"]).welfare.U;
    return U <= 1 + 1e-9 ? { status: "pass" } : { status: "hit", message: `U = ${U}`, details: { U } };
  },
});

const welfareBelowHalf = defineClaim({
  ...base,
  id: "T-U-lt-half",
  expectation: "holds",
  check: (inst) => {
    const U = evaluate(instanceMarket(inst), ["winrate"]).welfare.U;
    return U < 0.5 ? { status: "pass" } : { status: "hit", message: `U = ${U} >= 0.5`, details: { U } };
  },
});

describe("expectClaim", () => {
  it("returns the result of a claim that holds", async () => {
    const r = await expectClaim(welfareAtMostOne, { instances: 300, seed: 1 });
    expect(r.consistent).toBe(true);
    expect(r.tried).toBe(300);
  });

  it("throws with the shrunk counterexample in the message when a claim is violated", async () => {
    const run = expectClaim(welfareBelowHalf, { instances: 300, seed: 1 });
    await expect(run).rejects.toBeInstanceOf(ClaimFailedError);
    const err = (await run.catch((e: unknown) => e)) as ClaimFailedError;
    expect(err.message).toMatch(/^claim T-U-lt-half \(test claim\): expected holds, got violated/);
    expect(err.message).toContain("shrunk instance: {");
    const shrunk = err.result.counterexample!.shrunk.instance;
    expect(err.message).toContain(JSON.stringify(shrunk));
    // the shrunk instance is itself a violation
    expect(evaluate(instanceMarket(shrunk), ["winrate"]).welfare.U).toBeGreaterThanOrEqual(0.5);
  });

  it("is deterministic: same seed, same message", async () => {
    const a = await expectClaim(welfareBelowHalf, { instances: 100, seed: 3 }).catch((e: Error) => e.message);
    const b = await expectClaim(welfareBelowHalf, { instances: 100, seed: 3 }).catch((e: Error) => e.message);
    expect(a).toBe(b);
  });

  it("a witness claim with no witness fails, saying how far it searched", async () => {
    const never = defineClaim({
      ...base,
      id: "T-never",
      expectation: "witness",
      searchBudget: 50,
      check: () => ({ status: "pass" }),
    });
    await expect(expectClaim(never, { instances: 50 })).rejects.toThrow(/expected witness, got no-witness/);
  });
});

describe("fast-check arbitraries", () => {
  it("arbitraryInstance respects its shape options", () => {
    fc.assert(
      fc.property(
        arbitraryInstance({ minTasks: 2, maxTasks: 3, minProducers: 2, maxProducers: 2, unitCaps: false }),
        (inst) => {
          expect(inst.weights.length).toBeGreaterThanOrEqual(2);
          expect(inst.weights.length).toBeLessThanOrEqual(3);
          expect(inst.incumbents.length).toBe(2);
          expect(inst.weights.some((w) => w > 0)).toBe(true);
          for (const q of inst.incumbents)
            for (const [t, x] of q.entries()) expect(x).toBeLessThanOrEqual(inst.caps[t]!);
        },
      ),
      { seed: 1, numRuns: 200 },
    );
  });

  it("arbitraryMarket: winrates sum to one and weighted winrates to U (C1), every rule", () => {
    fc.assert(
      fc.property(arbitraryMarket(), (m) => {
        const ev = evaluate(m, ["winrate", "weighted-winrate"]);
        const wr = ev.producers.reduce((s, p) => s + p.payoffs.winrate!, 0);
        const wwr = ev.producers.reduce((s, p) => s + p.payoffs["weighted-winrate"]!, 0);
        expect(wr).toBeCloseTo(1, 9);
        expect(wwr).toBeCloseTo(ev.welfare.U, 9);
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it("a false property over markets fails with a shrunk, small counterexample", () => {
    let message = "";
    try {
      fc.assert(
        fc.property(arbitraryMarket({ binary: true }), (m) => evaluate(m, ["winrate"]).welfare.U < 1),
        { seed: 1, numRuns: 500 },
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/Property failed after \d+ tests/);
    expect(message).toMatch(/Shrunk \d+ time/);
  });

  it("arbitraryBimatrix: every enummixed equilibrium has zero regret", () => {
    fc.assert(
      fc.property(arbitraryBimatrix({ maxStrategies: 3 }), (g) => {
        for (const e of enumMixed(g).equilibria) expect(isEquilibriumExact(g, e)).toBe(true);
      }),
      { seed: 1, numRuns: 100 },
    );
  });

  it("arbitraryBimatrix constant-sum games are zero-sum and the LP certifies them", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryBimatrix({ maxStrategies: 3, constantSum: true }), async (g) => {
        for (let k = 0; k < g.payoffs[0]!.length; k++)
          expect(g.payoffs[0]![k]!.add(g.payoffs[1]![k]!).isZero()).toBe(true);
        expect((await solveConstantSum(g)).certified).toBe(true);
      }),
      { seed: 1, numRuns: 30 },
    );
  });

  it("arbitraryGame gives N-player games of the asked shape", () => {
    fc.assert(
      fc.property(arbitraryGame({ minPlayers: 3, maxPlayers: 3, maxStrategies: 2 }), (g) => {
        expect(g.shape.length).toBe(3);
        expect(g.payoffs[0]!.length).toBe(g.shape.reduce((a, b) => a * b, 1));
      }),
      { seed: 1, numRuns: 50 },
    );
  });

  it("bad bounds throw an InputError naming the option at fault", () => {
    const where = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return (err as InputError).where;
      }
      return "(nothing thrown)";
    };
    expect(where(() => arbitraryMarket({ minTasks: 3, maxTasks: 2 }))).toBe("maxTasks");
    expect(where(() => arbitraryMarket({ minProducers: 0 }))).toBe("minProducers");
    expect(where(() => arbitraryInstance({ grid: 0.5 }))).toBe("grid");
    expect(where(() => arbitraryInstance({ rules: [] }))).toBe("rules");
    expect(where(() => arbitraryBimatrix({ minPayoff: 1, maxPayoff: 0 }))).toBe("maxPayoff");
    expect(where(() => arbitraryBimatrix({ minPayoff: 0.5 }))).toBe("minPayoff");
    expect(where(() => arbitraryGame({ minPlayers: 3, maxPlayers: 2 }))).toBe("maxPlayers");
    expect(where(() => arbitraryGame({ minStrategies: 0 }))).toBe("minStrategies");
  });
});
