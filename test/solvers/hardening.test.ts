/**
 * Solver-side hardening: best responses on 12,000-task tables without recursion
 * on input size, the grid DP's work and memory refused before any allocation, certificates clipped at
 * what the model allows, snapped market-game payoffs and flagged float artifacts, and tie counts cut at
 * `--max-maximisers` marked as such.
 */
import { describe, expect, it } from "vitest";
import { resolveRule } from "../../solvers/bestResponse/context.js";
import { checkGridWork } from "../../solvers/bestResponse/grid.js";
import { bestResponse, entrantBestResponse, payoffCeiling } from "../../solvers/bestResponse/index.js";
import { Rational } from "../../solvers/finite/rational.js";
import { snapPayoffs, tinyProbability } from "../../solvers/finite/snap.js";
import { sequentialEntry } from "../../solvers/sequential.js";
import { parseMarket } from "../../src/io/marketFile.js";
import { BUILTIN_PAYOFF_RULES, payoffRule } from "../../src/model/payoffs.js";
import type { Market, SelectionRule } from "../../src/model/types.js";
import { WorkLimitError } from "../../src/work.js";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { randomMarket, rng } from "../helpers/random.js";

function wideMarket(T: number): Market {
  return parseMarket({
    tasks: Array.from({ length: T }, (_, t) => ({ name: `t${t}` })),
    selection: { rule: "perfect" },
    producers: [{ name: "A", quality: Array.from({ length: T }, (_, t) => (t % 3 === 0 ? 0.5 : 0)) }],
  });
}

describe("12,000 tasks: no recursion depth that grows with the table", () => {
  const market = wideMarket(12_000);

  it("a budget entrant (its DP backtracks through every task)", () => {
    const br = entrantBestResponse(
      market,
      { name: "E", space: { kind: "budget", budget: 1, production: { kind: "linear" } } },
      "winrate",
      { units: 4 },
    );
    expect(br.maximisers.length).toBe(1);
    expect(br.value).toBeGreaterThan(0);
    expect(br.maximisers[0]!.effort!.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-12);
  });

  it("a grid entrant lists tied maximisers up to the cap and says the list is cut", () => {
    const br = entrantBestResponse(
      market,
      { name: "E", space: { kind: "grid", budget: 1, step: 0.5, production: { kind: "linear" } } },
      "winrate",
      { maxMaximisers: 5 },
    );
    expect(br.maximisers.length).toBe(5);
    expect(br.truncated).toBe(true);
  });

  it("a top-k entrant over 12,000 tasks (branch and bound as deep as the table)", () => {
    const br = entrantBestResponse(market, { name: "E", space: { kind: "top-k", k: 2 } }, "winrate", {
      maxMaximisers: 3,
    });
    expect(br.maximisers.length).toBe(3);
    expect(br.truncated).toBe(true);
    const base = entrantBestResponse(market, { name: "E", space: { kind: "top-k", k: 2 } }, "winrate", {
      maxMaximisers: 1,
    });
    expect(br.value).toBe(base.value);
  });
});

describe("grid DP work and memory", () => {
  it("budget 1 at step 0.00001 is refused before any work, naming the limit", () => {
    expect(() => checkGridWork(4, { budget: 1, step: 0.00001, production: { kind: "linear" } }, {})).toThrow(
      WorkLimitError,
    );
    expect(() =>
      checkGridWork(4, { budget: 1, step: 0.001, production: { kind: "linear" } }, {}),
    ).not.toThrow();
  });

  it("entry on the example: exit 2, one line naming --entrant and the flag that raises the limit", async () => {
    const r = await runCli([
      "entry",
      `${REPO_ROOT}/examples/three-producers.json`,
      "--entrant",
      "grid:budget=1,step=0.00001",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /--entrant: 40,000,800,004 grid DP cell updates .* exceed the limit of 1,000,000,000; use a coarser step or raise --max-grid-work/,
    );
  });
});

describe("certificates clipped at what the model allows", () => {
  it("budget bounds never exceed the rule's ceiling (winrates 1, the rest sum_t w_t v_t)", () => {
    const r = rng("ceiling");
    const selections: SelectionRule[] = [
      { rule: "logit", beta: 50 },
      { rule: "perfect" },
      { rule: "probit", sigma: 0.05 },
    ];
    for (let k = 0; k < 12; k++) {
      const market = randomMarket(r, selections[k % 3]!, { maxN: 3, maxT: 3 });
      const space = {
        kind: "budget" as const,
        budget: 0.5 + 2 * r(),
        production: k % 2 === 0 ? { kind: "linear" as const } : { kind: "power" as const, a: 2 },
      };
      for (const rule of [...BUILTIN_PAYOFF_RULES.map((x) => x.name), "welfare"]) {
        const br = bestResponse(market, 0, rule, { space, units: 8 });
        const ceiling = payoffCeiling(resolveRule(rule), market);
        expect(Number.isFinite(ceiling)).toBe(true);
        expect(br.upperBound!).toBeLessThanOrEqual(ceiling);
        expect(br.value + br.gapBound).toBeLessThanOrEqual(ceiling + 1e-12);
      }
    }
  });

  it("the ceilings", () => {
    const market = parseMarket({
      tasks: [
        { name: "a", weight: 1, cap: 2 },
        { name: "b", weight: 3, cap: 1 },
      ],
      selection: { rule: "perfect" },
      producers: [{ name: "A", quality: [0, 0] }],
    });
    expect(payoffCeiling(payoffRule("winrate"), market)).toBe(1);
    expect(payoffCeiling(payoffRule("weighted-winrate"), market)).toBeCloseTo(1.25, 15);
  });
});

describe("exact solvers on float payoffs", () => {
  it("snapPayoffs merges values within the tolerance of a run's first value, never chaining", () => {
    const t = Float64Array.of(0.5, 0.5 + 1e-15, 1, 0.25, 1 - 2e-16);
    expect(snapPayoffs(t)).toBe(2);
    expect(Array.from(t)).toEqual([0.5, 0.5, 1 - 2e-16, 0.25, 1 - 2e-16]);
    const chain = Float64Array.of(0, 0.6e-9, 1.2e-9, 1);
    snapPayoffs(chain);
    expect(Array.from(chain)).toEqual([0, 0, 1.2e-9, 1]);
  });

  it("tinyProbability flags probabilities of order 1e-15", () => {
    const tiny = Rational.parse("1/1000000000000000");
    expect(tinyProbability([[tiny, Rational.ONE.sub(tiny)]])).toBeCloseTo(1e-15, 25);
    expect(tinyProbability([[Rational.parse("1/3"), Rational.parse("2/3")]])).toBeNull();
  });

  it("nash --snap on a market file solves the snapped game", async () => {
    const file = `${REPO_ROOT}/test/fixtures/markets/c2-two-producers.json`;
    const plain = await runCli(["nash", file]);
    const snapped = await runCli(["nash", file, "--snap"]);
    expect(snapped.code).toBe(0);
    expect(snapped.stdout).toBe(plain.stdout);
    const nfg = await runCli(["nash", `${REPO_ROOT}/test/fixtures/nfg/pd.nfg`, "--snap"]);
    expect(nfg.code).toBe(2);
    expect(nfg.stderr).toMatch(/--snap: only applies to market files/);
  });
});

describe("sequential: tie counts cut at --max-maximisers are marked", () => {
  const market = parseMarket({
    tasks: "abcdefg".split("").map((name) => ({ name })),
    selection: { rule: "perfect" },
    producers: [{ name: "A", quality: [0, 0, 0, 0, 0, 0, 0] }],
  });

  it("C(7, 3) = 35 tied responses: the count 20 is marked truncated (JSON and table)", async () => {
    const rep = sequentialEntry(market, 1, { kind: "top-k", k: 3 }, "winrate", { maxMaximisers: 20 });
    expect(rep.steps[0]!.ties).toBe(20);
    expect(rep.steps[0]!.tiesTruncated).toBe(true);
    const all = sequentialEntry(market, 1, { kind: "top-k", k: 3 }, "winrate", { maxMaximisers: 100 });
    expect(all.steps[0]!.ties).toBe(35);
    expect(all.steps[0]!.tiesTruncated).toBe(false);
  });
});
