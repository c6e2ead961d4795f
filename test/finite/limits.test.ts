/**
 * Work limits (solver side): `nash` estimates the work of enummixed, lcp and the dynamics before
 * starting and refuses what exceeds a settable limit with one line naming the flag, instead of running
 * for minutes and dying with a heap out-of-memory abort (enummixed 20 x 20, lcp 30 x 30).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { enumMixed, isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import { randomGame } from "../../solvers/finite/generators.js";
import { lemkeHowson } from "../../solvers/finite/lcp/index.js";
import { polytopeVertexBound } from "../../solvers/finite/methods/limits.js";
import { solveFinite } from "../../solvers/finite/solve.js";
import { checkSolveWork } from "../../solvers/finite/solve-sync.js";
import { enumerateVertices } from "../../solvers/finite/tableau/integer-tableau.js";
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

  it("enummixed 20 x 20 and lcp 30 x 30 are refused before any work; raised limits pass the check", async () => {
    const g20 = randomGame([20, 20], seedrandom.alea("a"));
    const g30 = randomGame([30, 30], seedrandom.alea("b"));
    await expect(solveFinite(g20, "enummixed")).rejects.toBeInstanceOf(WorkLimitError);
    await expect(solveFinite(g30, "lcp")).rejects.toThrow(/Lemke-Howson paths .* exceed the limit/);
    expect(() => checkSolveWork(g20, "enummixed", { maxVertices: 1e8 })).not.toThrow();
    expect(() => checkSolveWork(g30, "lcp", { startOnly: true })).not.toThrow();
    expect(() => checkSolveWork(g30, "fp", { iterations: 1e9 })).toThrow(WorkLimitError);
  });

  it("square games up to 19 x 19 (enummixed) and 21 x 21 (lcp) pass the default limits, sizes the references run", () => {
    const g = (n: number) => randomGame([n, n], seedrandom.alea("c"));
    expect(() => checkSolveWork(g(16), "enummixed", {})).not.toThrow();
    expect(() => checkSolveWork(g(19), "enummixed", {})).not.toThrow();
    expect(() => checkSolveWork(g(20), "enummixed", {})).toThrow(WorkLimitError);
    expect(() => checkSolveWork(g(20), "lcp", {})).not.toThrow();
    expect(() => checkSolveWork(g(21), "lcp", {})).not.toThrow();
    expect(() => checkSolveWork(g(22), "lcp", {})).toThrow(WorkLimitError);
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

  it("lemkeHowson with continuation refuses 22 x 22 naming maxPaths; startOnly is not limited", () => {
    const g22 = randomGame([22, 22], seedrandom.alea("lcp22"));
    expect(() => lemkeHowson(g22)).toThrow(/maxPaths/);
    const g4 = randomGame([4, 4], seedrandom.alea("lcp4"));
    expect(() => lemkeHowson(g4, { maxPaths: 5 })).toThrow(WorkLimitError);
    expect(lemkeHowson(g4, { accessible: false, maxPaths: 5 }).equilibria.length).toBeGreaterThan(0);
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

  it("lcp on a 30 x 30 .nfg: exit 2, one line naming --max-paths", async () => {
    const path = nfg(30);
    const r = await runCli(["nash", path, "--method", "lcp"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--max-paths: .* Lemke-Howson paths/);
  });

  it("a limit flag only applies to its method", async () => {
    const r = await runCli(["nash", nfg(3), "--method", "fp", "--max-vertices", "5"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-vertices: only applies to --method enummixed/);
  });
});
