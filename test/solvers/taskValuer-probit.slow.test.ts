/**
 * The slow tier's part of the incremental probit check (test/solvers/taskValuer.test.ts runs the same
 * sweep on up to 5 producers): every built-in rule and the welfare objective under probit, sigma from
 * 0.01 to 1, on seeded random columns of 1 to 127 producers, against a much finer quadrature and against
 * the generic path. Slow because the fine reference costs O(n) normal CDFs per quadrature node.
 */
import { describe, it } from "vitest";
import { probitSweep, RULES } from "./taskValuer-cases.js";

describe("TaskValuer: incremental probit path, up to 127 producers", () => {
  for (const sigma of [0.01, 0.05, 0.25, 1]) {
    for (const rule of RULES) {
      it(`${rule.name} under probit sigma=${sigma}`, () => {
        probitSweep(sigma, rule, [1, 2, 2, 5, 20, 127]);
      });
    }
  }
});
