/**
 * Work limits (solver side): `nash` estimates the work of enummixed and the dynamics before starting,
 * counts Lemke-Howson's paths against a memory-sized limit as it runs, and refuses what exceeds a
 * settable limit with one line naming the flag, instead of running for minutes and dying with a heap
 * out-of-memory abort; the defaults accept the sizes the reference tools run without a flag.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fictitiousPlay } from "../../solvers/finite/dynamics/fictitious-play.js";
import { logitTracing } from "../../solvers/finite/dynamics/logit-tracing.js";
import { regretMatching } from "../../solvers/finite/dynamics/regret-matching.js";
import { replicatorDynamics } from "../../solvers/finite/dynamics/replicator.js";
import { enumMixed, isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { randomGame } from "../../solvers/finite/generators.js";
import { lemkeHowson } from "../../solvers/finite/lcp/index.js";
import {
  defaultMaxPaths,
  lcpBytesPerPath,
  PRODUCER_LCP_MEMORY,
  polytopeVertexBound,
} from "../../solvers/finite/methods/limits.js";
import { solveFinite } from "../../solvers/finite/solve.js";
import { checkSolveWork } from "../../solvers/finite/solve-sync.js";
import { enumerateVertices } from "../../solvers/finite/tableau/integer-tableau.js";
import { defaultMemoryBudget } from "../../src/limits.js";
import { WorkLimitError } from "../../src/work.js";
import { runCli } from "../helpers/cli.js";

function nfg(n: number): string {
  const rng = seedrandom.alea(`limits-${n}`);
  const values = Array.from({ length: 2 * n * n }, () => Math.floor(rng() * 100));
  const path = join(mkdtempSync(join(tmpdir(), "mm-limits-")), `g${n}.nfg`);
  writeFileSync(path, `NFG 1 R "random" { "1" "2" } { ${n} ${n} }\n${values.join(" ")}\n`);
  return path;
}

describe("work estimates", () => {
  it("the upper-bound theorem: cyclic polytope vertex counts", () => {
    expect(polytopeVertexBound(2, 5)).toBe(5); // a pentagon
    expect(polytopeVertexBound(3, 6)).toBe(8); // a 3-polytope with 6 facets: at most 8 vertices
    expect(polytopeVertexBound(12, 24)).toBe(24752);
    expect(polytopeVertexBound(20, 40)).toBe(40060020);
  });

  it("enummixed 20 x 20 is refused before any work; raised limits pass the check", async () => {
    const g20 = randomGame([20, 20], seedrandom.alea("a"));
    const g30 = randomGame([30, 30], seedrandom.alea("b"));
    await expect(solveFinite(g20, "enummixed")).rejects.toBeInstanceOf(WorkLimitError);
    await expect(solveFinite(g30, "lcp", { maxPaths: 59 })).rejects.toThrow(
      /60 Lemke-Howson paths .* exceed the limit of 59/,
    );
    expect(() => checkSolveWork(g20, "enummixed", { maxVertices: 1e8 })).not.toThrow();
    expect(() => checkSolveWork(g30, "lcp", { startOnly: true, maxPaths: 1 })).not.toThrow();
    expect(() => checkSolveWork(g30, "fp", { iterations: 1e9 })).toThrow(WorkLimitError);
  });

  it("the defaults accept what lrsnash and gambit-lcp run without a flag: enummixed to 19 x 19, lcp 20 x 20 and 30 x 30", () => {
    const g = (n: number) => randomGame([n, n], seedrandom.alea("c"));
    expect(() => checkSolveWork(g(16), "enummixed", {})).not.toThrow();
    expect(() => checkSolveWork(g(18), "enummixed", {})).not.toThrow();
    expect(() => checkSolveWork(g(19), "enummixed", {})).not.toThrow();
    expect(() => checkSolveWork(g(20), "enummixed", {})).toThrow(WorkLimitError);
    for (const n of [20, 30, 40]) expect(() => checkSolveWork(g(n), "lcp", {})).not.toThrow();
    // measured: random 20 x 20 games follow 2,160 and 6,800 paths, 30 x 30 ones 15,180 and 24,420 (the
    // search's heap about 7 KB a path); the memory-sized default admits them with room to spare even
    // with a 1 GiB heap (a 512 MiB budget)
    expect(lcpBytesPerPath(30, 30)).toBe(11_712);
    expect(defaultMaxPaths(20, 20, 2 ** 29)).toBeGreaterThan(10 * 6_800);
    expect(defaultMaxPaths(30, 30, 2 ** 29)).toBeGreaterThan(1.5 * 24_420);
    expect(defaultMaxPaths(30, 30)).toBe(Math.floor(defaultMemoryBudget() / 11_712));
    expect(defaultMemoryBudget()).toBeGreaterThanOrEqual(2 ** 28);
    // the producer game's default is fixed, not the machine's: there the limit cuts the list
    expect(defaultMaxPaths(16, 16, PRODUCER_LCP_MEMORY)).toBe(169_466);
  });
});

describe("the same guard on the library's entry points", () => {
  const g20 = randomGame([20, 20], seedrandom.alea("entry"));
  it("enumMixed and isNondegenerate refuse 20 x 20 before any work, naming maxVertices", () => {
    for (const f of [() => enumMixed(g20), () => isNondegenerate(g20)]) {
      let caught: unknown;
      try {
        f();
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(WorkLimitError);
      expect((caught as WorkLimitError).limitName).toBe("maxVertices");
    }
    // a raised limit is honoured the other way too: a small game under a tiny limit is refused
    const g3 = randomGame([3, 3], seedrandom.alea("small"));
    expect(() => enumMixed(g3, { maxVertices: 10 })).toThrow(WorkLimitError);
    expect(() => isNondegenerate(g3, { maxVertices: 10 })).toThrow(WorkLimitError);
    expect(enumMixed(g3, { maxVertices: 100 }).equilibria.length).toBeGreaterThan(0);
  });

  it("lemkeHowson with continuation counts its paths against maxPaths as it runs; startOnly is not limited", () => {
    const g6 = randomGame([6, 6], seedrandom.alea("lcp6"));
    const all = lemkeHowson(g6).paths.length;
    expect(all).toBeGreaterThan(12); // more than the m + n paths from the artificial equilibrium
    expect(lemkeHowson(g6, { maxPaths: all }).paths).toHaveLength(all);
    let caught: unknown;
    try {
      lemkeHowson(g6, { maxPaths: all - 1 });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WorkLimitError);
    expect((caught as WorkLimitError).limitName).toBe("maxPaths");
    expect((caught as WorkLimitError).estimate).toBe(all);
    expect(() => lemkeHowson(g6, { maxPaths: 11 })).toThrow(WorkLimitError); // refused before any path
    expect(lemkeHowson(g6, { accessible: false, maxPaths: 5 }).equilibria.length).toBeGreaterThan(0);
  });

  it("the dynamics called directly refuse past maxEvaluations (iterations x profiles x players), as solveFinite does", () => {
    const g = randomGame([10, 10, 10], seedrandom.alea("dyn"));
    const runs = [fictitiousPlay, regretMatching, replicatorDynamics, logitTracing] as const;
    for (const run of runs) {
      let caught: unknown;
      try {
        run(g, { maxIterations: 1e8 });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(WorkLimitError);
      expect((caught as WorkLimitError).limitName).toBe("maxEvaluations");
      expect((caught as WorkLimitError).estimate).toBe(1e8 * 1000 * 3);
      expect(() => run(g, { maxIterations: 10, maxEvaluations: 29_999 })).toThrow(WorkLimitError);
      expect(run(g, { maxIterations: 10, maxEvaluations: 30_000 }).iterations).toBeLessThanOrEqual(10);
    }
  });

  it("enumerateVertices (every vertex held in memory) refuses 18 x 18 before any work, naming maxVertices", () => {
    const big = Array.from({ length: 18 }, (_, i) =>
      Array.from({ length: 18 }, (_, j) => BigInt(1 + ((i * 7 + j * 5) % 11))),
    );
    let caught: unknown;
    try {
      enumerateVertices(big, 0, 18, 36);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WorkLimitError);
    expect((caught as WorkLimitError).limitName).toBe("maxVertices");
    expect((caught as Error).message).toMatch(
      /6,249,100 polytope vertices held in memory .* exceed the limit of 2,500,000/,
    );
    // the bound is the upper-bound theorem's: a square 2 x 2 polytope has at most 4 vertices
    const square = [
      [1n, 2n],
      [2n, 1n],
    ];
    expect(() => enumerateVertices(square, 0, 2, 4, { maxVertices: 3 })).toThrow(WorkLimitError);
    expect(enumerateVertices(square, 0, 2, 4, { maxVertices: 4 })).toHaveLength(4);
  });
});

describe("the nash command", () => {
  it("enummixed on a 20 x 20 .nfg: exit 2, one line naming --max-vertices", async () => {
    const r = await runCli(["nash", nfg(20), "--method", "enummixed"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(
      /--max-vertices: 80,120,040 best-response polytope vertices .* raise it with --max-vertices N/,
    );
  });

  it("lcp on a 12 x 12 .nfg past --max-paths: exit 2, one line naming --max-paths, nothing printed", async () => {
    const path = nfg(12);
    const r = await runCli(["nash", path, "--method", "lcp", "--max-paths", "30"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--max-paths: 31 Lemke-Howson paths .* exceed the limit of 30/);
  });

  it("a limit flag only applies to its method", async () => {
    const r = await runCli(["nash", nfg(3), "--method", "fp", "--max-vertices", "5"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-vertices: only applies to --method enummixed/);
  });
});
