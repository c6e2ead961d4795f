/**
 * proofs-check: every built-in claim on a small number of instances, determinism across workers and
 * shards, the shrinker, the CLI, the library API and the counterexample fixtures (findings).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import {
  BUILTIN_CLAIMS,
  type CheckReport,
  checkClaim,
  defineClaim,
  generateInstance,
  type Instance,
  instanceMarket,
  mergeReports,
  numberCandidates,
  type ReportFile,
  runCheck,
  selectClaims,
  shrink,
  simpler,
} from "../../proofs-check/index.js";
import { WorkerPool } from "../../proofs-check/pool.js";
import { entrantBestResponse } from "../../solvers/index.js";
import { readMarketFile } from "../../src/io/marketFile.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import { registerPayoffRule, unregisterPayoffRule } from "../../src/model/payoffs.js";

const FIXTURES = new URL("../fixtures/counterexamples/", import.meta.url);
/** Claims expected to hold that the full run (20,000 instances, seed 1) violates: findings. */
const FINDINGS = ["C6", "E1-welfare", "E2-diversity", "D-weights-2", "D-power-large"];

function strip(file: ReportFile): CheckReport {
  const { timings: _t, ...report } = file;
  return report;
}

function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), isTTY: false },
    out,
    err,
  };
}

describe("built-in claims on a small run", () => {
  it("every claim agrees with its expectation (findings aside), searches settle within their budgets", async () => {
    const file = await runCheck(BUILTIN_CLAIMS, { seed: 3, instances: 40, workers: 1 });
    expect(file.claims.map((c) => c.id)).toEqual(BUILTIN_CLAIMS.map((c) => c.id));
    for (const c of file.claims) {
      if (FINDINGS.includes(c.id)) continue;
      // the outcome each expectation is consistent with, written out (not read back from the result)
      const expected = { holds: "holds", witness: "witness-found", falsifiable: "counterexample-found" }[
        c.expectation
      ];
      expect({ id: c.id, outcome: c.outcome, consistent: c.consistent }).toEqual({
        id: c.id,
        outcome: expected,
        consistent: true,
      });
      if (c.expectation !== "holds") {
        expect(c.counterexample).not.toBeNull();
        expect(c.tried).toBe(c.firstHit! + 1);
      } else {
        expect(c.tried).toBe(40);
      }
    }
  }, 50_000);

  it("every shrunk hit still meets its claim's hypothesis and is still a hit", async () => {
    const file = await runCheck(selectClaims(BUILTIN_CLAIMS, ["C5", "C7", "C8", "C6-caps"]), {
      seed: 1,
      instances: 10,
      workers: 1,
    });
    for (const c of file.claims) {
      if (c.expectation === "holds") continue;
      const claim = BUILTIN_CLAIMS.find((x) => x.id === c.id)!;
      const shrunk = c.counterexample!.shrunk.instance;
      expect(claim.valid(shrunk)).toBe(true);
      expect(claim.check(shrunk).status).toBe("hit");
    }
  });
});

describe("determinism", () => {
  const claims = selectClaims(BUILTIN_CLAIMS, ["C3", "C6", "C7", "C9"]);

  it("gives the same report for 1 and 2 worker threads", async () => {
    const one = await runCheck(claims, { seed: "abc", instances: 600, workers: 1 });
    const two = await runCheck(claims, { seed: "abc", instances: 600, workers: 2 });
    expect(strip(two)).toEqual(strip(one));
    expect(two.timings.workers).toBe(2);
  }, 30_000);

  it("runs repeatedly on a started pool (two jobs in flight per worker) with the report of one thread", async () => {
    // 4000 instances: two jobs per holds claim, so both workers hold queued jobs
    const one = await runCheck(claims, { seed: "abc", instances: 4000, workers: 1 });
    const pool = new WorkerPool(2, [...new Set(claims.map((c) => c.module!))]);
    try {
      for (let k = 0; k < 2; k++) {
        const two = await runCheck(claims, { seed: "abc", instances: 4000, pool });
        expect(strip(two)).toEqual(strip(one));
        expect(two.timings.workers).toBe(2);
        expect(two.timings.poolStartMs).toBe(0);
      }
    } finally {
      await pool.close();
    }
    const bare = new WorkerPool(1, []);
    try {
      await expect(runCheck(claims, { seed: "abc", instances: 10, pool: bare })).rejects.toThrow(
        /did not load/,
      );
    } finally {
      await bare.close();
    }
  }, 60_000);

  it("merged shards give the report of one run; a missing shard is refused", async () => {
    const full = await runCheck(claims, { seed: 9, instances: 700, workers: 1 });
    const parts = await Promise.all(
      [1, 2, 3].map((index) =>
        runCheck(claims, { seed: 9, instances: 700, workers: 1, shard: { index, count: 3 } }),
      ),
    );
    expect(mergeReports(parts.map(strip))).toEqual(strip(full));
    expect(() => mergeReports(parts.slice(0, 2).map(strip))).toThrow(/missing shard/);
  });

  it("a different seed gives different instances", async () => {
    const a = await runCheck(selectClaims(BUILTIN_CLAIMS, ["C7-large-eps"]), {
      seed: 1,
      instances: 10,
      workers: 1,
    });
    const b = await runCheck(selectClaims(BUILTIN_CLAIMS, ["C7-large-eps"]), {
      seed: 2,
      instances: 10,
      workers: 1,
    });
    expect(a.claims[0]!.counterexample!.instance).not.toEqual(b.claims[0]!.counterexample!.instance);
  });
});

describe("shrinker", () => {
  it("proposes only simpler numbers", () => {
    expect(numberCandidates(0.4372, 1)).toEqual([0, 1, 0.4, 0.44, 0.437]);
    expect(numberCandidates(5)).toEqual([0, 1, 2, 4]);
    for (const c of numberCandidates(0.1234567)) expect(simpler(c, 0.1234567)).toBe(true);
    expect(simpler(0.5, 0.25)).toBe(true);
    expect(simpler(0.25, 0.5)).toBe(false);
  });

  it("reduces a C7 counterexample to fewer producers, fewer tasks and rounder numbers", () => {
    const claim = BUILTIN_CLAIMS.find((c) => c.id === "C7-large-eps")!;
    // the first counterexample of the full run (seed 1), as generated
    const big = generateInstance(claim, "1", 65);
    expect(claim.check(big).status).toBe("hit");
    const s = shrink(claim, big);
    expect(s.verdict.status).toBe("hit");
    expect(claim.valid(s.instance)).toBe(true);
    expect(s.instance.weights.length).toBeLessThan(big.weights.length);
    expect(s.instance.incumbents.length).toBeLessThanOrEqual(big.incumbents.length);
    const digits = (inst: Instance) => JSON.stringify(inst).length;
    expect(digits(s.instance)).toBeLessThan(digits(big) / 2);
    expect(s.instance).toEqual({
      weights: [0.15, 0.4],
      caps: [1, 1],
      incumbents: [
        [0, 1],
        [0, 1],
        [0, 1],
      ],
      players: [{ kind: "top-k", k: 1 }],
      selection: { rule: "epsilon", eps: 0.5 },
      params: {},
    });
  });
});

describe("counterexample fixtures (findings)", () => {
  for (const id of FINDINGS) {
    it(`${id}: the stored counterexample is still a violation, and its market file parses`, () => {
      const fx = JSON.parse(readFileSync(new URL(`${id}.instance.json`, FIXTURES), "utf8")) as {
        instance: Instance;
      };
      const claim = BUILTIN_CLAIMS.find((c) => c.id === id)!;
      expect(claim.valid(fx.instance)).toBe(true);
      expect(claim.check(fx.instance).status).toBe("hit");
      const market = readMarketFile(new URL(`${id}.market.json`, FIXTURES).pathname);
      expect(market.producers.length).toBe(fx.instance.incumbents.length + fx.instance.players.length);
    });
  }

  it("C6: the solvers confirm the violation independently (entrantBestResponse, all ties)", () => {
    const fx = JSON.parse(readFileSync(new URL("C6.instance.json", FIXTURES), "utf8")) as {
      instance: Instance;
    };
    const market = instanceMarket({ ...fx.instance, players: [] });
    const entrant = { name: "entrant", space: fx.instance.players[0]! };
    const wr = entrantBestResponse(market, entrant, "winrate");
    const wwr = entrantBestResponse(market, entrant, "weighted-winrate");
    const welfare = (q: number[]) =>
      consumerWelfare({
        ...market,
        producers: [...market.producers, { name: "e", quality: q, space: { kind: "fixed" } }],
      });
    const bestWR = Math.max(...wr.maximisers.map((m) => welfare(m.quality)));
    const worstWWR = Math.min(...wwr.maximisers.map((m) => welfare(m.quality)));
    expect(bestWR - worstWWR).toBeGreaterThan(1e-3);
  });
});

describe("library API: a user-defined claim about a user-defined payoff rule", () => {
  it("states and checks a claim with defineClaim / checkClaim, and finds a counterexample", async () => {
    registerPayoffRule({
      name: "test-squared-winrate",
      description: "sum_t w_t pi^2",
      taskTerm: (c, i) => c.pi[i]! ** 2,
    });
    try {
      // false claim: squared winrates sum to 1 (they do only when one producer takes everything)
      const claim = defineClaim({
        id: "USER-1",
        title: "squared winrates sum to one",
        statement: "sum_i sum_t w_t pi_it^2 = 1",
        hypothesis: "two producers, one task, logit beta in [0, 5], qualities uniform on [0, 1]",
        predicate: "|sum - 1| <= 1e-9",
        expectation: "falsifiable",
        searchBudget: 100,
        generate: (rng) => ({
          weights: [1],
          caps: [1],
          incumbents: [[rng()], [rng()]],
          players: [],
          selection: { rule: "logit", beta: 5 * rng() },
          params: {},
        }),
        check: (inst) => {
          const m = instanceMarket(inst);
          let sum = 0;
          const pi = [0, 1].map((i) => m.producers[i]!.quality[0]!);
          const e = pi.map((q) => Math.exp((inst.selection as { beta: number }).beta * q));
          for (const x of e) sum += (x / (e[0]! + e[1]!)) ** 2;
          return Math.abs(sum - 1) <= 1e-9
            ? { status: "pass" }
            : { status: "hit", message: `sum = ${sum}`, details: { sum } };
        },
      });
      const { result } = await checkClaim(claim, { instances: 20, seed: 5 });
      expect(result.outcome).toBe("counterexample-found");
      expect(result.tried).toBe(1);
      expect(result.counterexample!.market).not.toBeNull();
    } finally {
      unregisterPayoffRule("test-squared-winrate");
    }
  });
});

describe("modelmarket check (CLI)", () => {
  it("runs, lists, shards and merges; exit codes 0 / 1 / 2", async () => {
    const a = captureIO();
    expect(await main(["check", "--claim", "C9", "--instances", "30", "--workers", "1"], a.io)).toBe(0);
    expect(a.out.join("")).toMatch(/C9\s+holds\s+30\s+0/);
    expect(a.err.join("")).toBe(""); // no progress bar when not a terminal

    const b = captureIO();
    expect(await main(["check", "--list"], b.io)).toBe(0);
    expect(
      b.out
        .join("")
        .split("\n")
        .filter((l) => l.trim() !== "").length,
    ).toBe(BUILTIN_CLAIMS.length);

    const c = captureIO();
    expect(await main(["check", "--shard", "3/2"], c.io)).toBe(2);
    expect(c.err.join("")).toMatch(/--shard/);

    const d = captureIO();
    expect(await main(["check", "--claim", "nope"], d.io)).toBe(2);

    const e = captureIO();
    expect(await main(["check", "merge"], e.io)).toBe(2);
  });

  it("exits 1 when a claim contradicts its expectation", async () => {
    const io = captureIO();
    // C6 with the seed and count of the full run reaches its first violation (instance 486)
    expect(await main(["check", "--claim", "C6", "--instances", "500", "--workers", "1"], io.io)).toBe(1);
    expect(io.out.join("")).toMatch(/C6 violation \(instance 486/);
  });
});
