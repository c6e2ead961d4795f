/**
 * The existence check of Bradley-Terry with covariates (issue 21, item 5a): an LP decides whether the
 * ratings and the covariates together separate the outcomes (Albert and Anderson 1984; Konis 2007).
 * Before it, the controlled fit said "converged" on 8 battles with coefficient standard errors of 1e6.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fitControlledBradleyTerry } from "../../empirical/ratings/controlled.js";
import { type SeparationDesign, separatingDirection } from "../../empirical/ratings/separation.js";
import { InputError } from "../../src/errors.js";
import { parsePairwise, readPairwise } from "../../src/io/pairwise.js";
import { alea } from "../../src/numeric/alea.js";
import { REPO_ROOT } from "../helpers/paths.js";

function design(x: number[][], side: Array<1 | -1 | 0>): SeparationDesign {
  return { rows: x.length, columns: x[0]!.length, row: (r, out) => out.set(x[r]!), side: (r) => side[r]! };
}

describe("separatingDirection", () => {
  it("finds complete and quasi-complete separation, and none where the outcomes overlap", () => {
    expect(Array.from(separatingDirection(design([[1], [-1]], [1, -1]))!)).toEqual([1]);
    expect(separatingDirection(design([[1], [-1], [1]], [1, -1, -1]))).toBeNull();
    // quasi-complete: the undecided rows pin the second coordinate, the first separates
    const v = separatingDirection(
      design(
        [
          [1, 0],
          [0, 1],
          [0, -1],
        ],
        [1, 0, 0],
      ),
    )!;
    expect(v[0]).toBeGreaterThan(0);
    expect(Math.abs(v[1]!)).toBeLessThan(1e-9);
    // an undecided row on the only direction: no separation
    expect(separatingDirection(design([[1], [1]], [1, 0]))).toBeNull();
  });

  it("random designs: logistic outcomes overlap; outcomes decided by a hyperplane are separated along it", () => {
    const rng = alea("separation");
    for (const separated of [false, true]) {
      const beta = Array.from({ length: 6 }, () => rng() * 2 - 1);
      const x: number[][] = [];
      const side: Array<1 | -1> = [];
      for (let r = 0; r < 3000; r++) {
        const row = Array.from({ length: 6 }, () => rng() * 2 - 1);
        const z = row.reduce((s, xk, k) => s + xk * beta[k]!, 0);
        x.push(row);
        side.push(separated ? (z > 0 ? 1 : -1) : rng() < 1 / (1 + Math.exp(-z)) ? 1 : -1);
      }
      const v = separatingDirection(design(x, side));
      if (!separated) expect(v).toBeNull();
      else {
        // every row on its side of v
        for (let r = 0; r < x.length; r++)
          expect(side[r]! * x[r]!.reduce((s, xk, k) => s + xk * v![k]!, 0)).toBeGreaterThan(-1e-9);
      }
    }
  });
});

describe("fitControlledBradleyTerry where no maximum exists", () => {
  const data = readPairwise(join(REPO_ROOT, "test", "fixtures", "pairwise", "fastchat-8.json"), {
    controls: ["length", "headers", "lists", "bold"],
  });

  it("the trial's 8 battles: the prior goes on every model and coefficient, and says why", () => {
    const fit = fitControlledBradleyTerry(data);
    expect(fit.converged).toBe(true);
    expect(fit.prior.applied).toBe(true);
    expect(fit.prior.reason).toMatchObject({ code: "no-mle", everyModel: true });
    const why = fit.prior.reason!.code === "no-mle" ? fit.prior.reason!.components.at(-1)!.why : null;
    expect(why?.code).toBe("separated");
    // finite and of the order of the prior's information, not the 1.7e6..5.3e6 of the flat direction
    for (const c of fit.coefficients) expect(c.standardError).toBeLessThan(10);
    for (const se of fit.standardErrors) expect(se).toBeLessThan(10);
  });

  it("an unknown task is refused with the tasks it could be, overall first", () => {
    expect(() => fitControlledBradleyTerry(data, "nosuch")).toThrow(
      /unknown task "nosuch" \(known: overall(, |\))/,
    );
  });

  it("prior none refuses, naming the field prior", () => {
    expect(() => fitControlledBradleyTerry(data, "overall", { prior: "none" })).toThrow(InputError);
    expect(() => fitControlledBradleyTerry(data, "overall", { prior: "none" })).toThrow(
      /^prior: maximum-likelihood ratings do not exist \(the ratings and the covariates together separate/,
    );
  });

  it("overlapping data keep the maximum-likelihood fit (no prior)", () => {
    const rng = alea("overlap");
    const rows = ["model_a,model_b,winner,length_a,length_b"];
    for (let k = 0; k < 400; k++) {
      const a = Math.floor(rng() * 3);
      const b = (a + 1 + Math.floor(rng() * 2)) % 3;
      rows.push(
        `m${a},m${b},${rng() < 0.5 ? "model_a" : "model_b"},${Math.floor(rng() * 500)},${Math.floor(rng() * 500)}`,
      );
    }
    const fit = fitControlledBradleyTerry(
      parsePairwise(`${rows.join("\n")}\n`, "o.csv", { controls: ["length"] }),
    );
    expect(fit.prior).toEqual({ applied: false, reason: null });
  });
});
