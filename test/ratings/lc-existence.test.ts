/**
 * Existence of AlpacaEval's length-controlled GLM (A. Albert and J. A. Anderson, Biometrika 71, 1984):
 * a model whose judgements the length term alone orders, and a joint difficulty fit with more
 * parameters than its judgements determine or with separated judgements, are reported as not
 * estimable with the reason, never as a finite number with standard error 0; the command exits 1, as
 * for a rating fit that did not converge. The separation programme itself is checked against a brute
 * force over directions on small random designs.
 */
import { join } from "node:path";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { lengthControlledWinRates } from "../../empirical/ratings/lc-glm.js";
import { logisticSeparation, positiveDefinite } from "../../empirical/ratings/lc-separation.js";
import { readPairwise } from "../../src/io/pairwise.js";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";

const FIX = join(REPO_ROOT, "test", "fixtures", "pairwise");
/** From a new user's trial: y beat x only when shorter, z only when longer (AlpacaEval annotations layout). */
const SEPARATED = join(FIX, "lc-separated.json");
/** 2 models x 4 instructions, 6 judgements: 7 parameters of the joint difficulty fit (issue 21, item 6). */
const UNIDENTIFIED = join(FIX, "lc-unidentified.json");
/** 2 models x 4 instructions, 8 judgements, full rank; modelX's hard verdicts are ordered by its length. */
const JOINT_SEPARATED = join(FIX, "lc-joint-separated.json");

describe("the length-controlled GLM's existence", () => {
  it("a model whose judgements the length term orders is not estimable (separated), not 100.00 with SE 0", () => {
    const data = readPairwise(SEPARATED, { controls: ["length"] });
    const res = lengthControlledWinRates(data, "x", { difficulty: false });
    expect(res.rows.map((r) => r.model)).toEqual(["y", "z"]);
    for (const r of res.rows) {
      expect(r.converged).toBe(false);
      expect(r.reason?.code).toBe("separated");
      expect(r.lengthControlledWinRate).toBeNaN();
      expect(r.lcStandardError).toBeNaN();
      expect(r.lengthSlope).toBeNaN();
      expect(r.winRate).toBe(50);
    }
    expect(res.rows[1]!.reason).toEqual({ code: "separated", terms: ["lengthSlope"] });
  });

  it("a joint difficulty fit with more parameters than judgements says so, and no model gets a number", () => {
    const data = readPairwise(UNIDENTIFIED, { controls: ["length"], cluster: "instruction" });
    const res = lengthControlledWinRates(data, "gpt4_1106_preview");
    expect(res.difficulty?.reason).toEqual({ code: "not-identified", parameters: 7 });
    expect(res.difficulty?.converged).toBe(false);
    for (const r of res.rows) {
      expect(r.reason).toEqual({ code: "no-difficulty" });
      expect(r.lengthControlledWinRate).toBeNaN();
    }
  });

  it("a full-rank joint difficulty fit with separated judgements is not estimable (separated)", () => {
    const data = readPairwise(JOINT_SEPARATED, { controls: ["length"], cluster: "instruction" });
    const res = lengthControlledWinRates(data, "base");
    expect(res.difficulty?.reason?.code).toBe("separated");
    expect(res.difficulty?.separationChecked).toBe(true);
    for (const r of res.rows) expect(r.reason).toEqual({ code: "no-difficulty" });
    // without the difficulty term modelY's soft verdicts still have a fit; modelX's are separated
    const plain = lengthControlledWinRates(data, "base", { difficulty: false });
    const byModel = new Map(plain.rows.map((r) => [r.model, r]));
    expect(byModel.get("modelX")!.reason?.code).toBe("separated");
    expect(byModel.get("modelY")!.converged).toBe(true);
    expect(byModel.get("modelY")!.reason).toBeNull();
    expect(Number.isFinite(byModel.get("modelY")!.lengthControlledWinRate)).toBe(true);
  });

  it("hard verdicts that overlap (AlpacaEval 1.0's annotations) go through the programme and still fit", () => {
    const data = readPairwise(join(FIX, "alpaca-lengths.csv"), { controls: ["length"] });
    const res = lengthControlledWinRates(data, "text_davinci_003", { difficulty: false });
    expect(res.rows).toHaveLength(4);
    for (const r of res.rows) {
      expect(r.converged).toBe(true);
      expect(r.reason).toBeNull();
      expect(r.lcStandardError).toBeGreaterThanOrEqual(0);
    }
  });

  it("the command prints the reason and exits 1 (as a rating fit that did not converge)", async () => {
    const sep = await runCli(["ratings", SEPARATED, "--length-controlled", "x", "--instructions", "none"]);
    expect(sep.code).toBe(1);
    expect(sep.stderr).toBe("");
    expect(sep.stdout).toMatch(/\n {2}y +50\.00 +- +- +- {2}not estimable: the judgements are separated/);
    const un = await runCli([
      "ratings",
      UNIDENTIFIED,
      "--task",
      "overall",
      "--length-controlled",
      "gpt4_1106_preview",
      "--instructions",
      "instruction",
      "--json",
    ]);
    expect(un.code).toBe(1);
    const lc = JSON.parse(un.stdout).lengthControlled;
    expect(lc.difficulty.reason).toEqual({ code: "not-identified", parameters: 7 });
    expect(lc.rows[0].lengthControlledWinRate).toBeNull();
    const text = await runCli([
      "ratings",
      UNIDENTIFIED,
      "--task",
      "overall",
      "--length-controlled",
      "gpt4_1106_preview",
      "--instructions",
      "instruction",
    ]);
    expect(text.stdout).toContain("(not estimable: the judgements do not determine the 7 parameters)");
  });
});

describe("logisticSeparation", () => {
  /**
   * Brute force for two columns: a separating direction, if any, can be taken perpendicular to a row
   * (the cone's extreme rays lie on constraint boundaries) or along +-e_j; the candidates are checked.
   */
  function bruteSeparated(x: Float64Array, y: number[]): boolean {
    const R = y.length;
    const cands: Array<[number, number]> = [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ];
    for (let r = 0; r < R; r++) {
      cands.push([-x[2 * r + 1]!, x[2 * r]!], [x[2 * r + 1]!, -x[2 * r]!]);
    }
    return cands.some(([a, b]) => {
      let strict = false;
      for (let r = 0; r < R; r++) {
        const z = a * x[2 * r]! + b * x[2 * r + 1]!;
        const tol = 1e-12 * (Math.abs(a) + Math.abs(b));
        if (y[r]! > 0 && y[r]! < 1) {
          if (Math.abs(z) > tol) return false;
        } else if ((y[r] === 1 ? z : -z) < -tol) return false;
        else if (Math.abs(z) > tol) strict = true;
      }
      return strict;
    });
  }

  it("agrees with the brute force on 400 random two-column designs (an intercept and a length term)", () => {
    const rng = seedrandom.alea("separation");
    let separated = 0;
    for (let trial = 0; trial < 400; trial++) {
      const R = 2 + Math.floor(rng() * 6);
      const x = new Float64Array(2 * R);
      const y: number[] = [];
      for (let r = 0; r < R; r++) {
        x[2 * r] = 1;
        x[2 * r + 1] = Math.round(8 * (2 * rng() - 1)) / 8;
        const u = rng();
        y.push(u < 0.45 ? 0 : u < 0.9 ? 1 : 0.5);
      }
      const lp = logisticSeparation(x, 2, y, new Array(R).fill(1)) !== null;
      expect(lp).toBe(bruteSeparated(x, y));
      if (lp) separated++;
    }
    // both answers occur often enough for the comparison to mean something
    expect(separated).toBeGreaterThan(50);
    expect(separated).toBeLessThan(350);
  });

  it("leaves out rows of weight 0, and knows a singular Gram matrix", () => {
    const x = new Float64Array([1, 1, 1, 2, 1, 3]);
    expect(logisticSeparation(x, 2, [0, 1, 0], [1, 1, 1])).toBeNull();
    expect(logisticSeparation(x, 2, [0, 1, 0], [1, 1, 0])).not.toBeNull();
    expect(positiveDefinite(Float64Array.from([1, 1, 1, 1]), 2)).toBe(false);
    expect(positiveDefinite(Float64Array.from([2, 1, 1, 1]), 2)).toBe(true);
  });
});
