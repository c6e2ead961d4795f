/**
 * C1 identity: `sum_i WR_i = 1` and `sum_i WWR_i = U`, for every selection rule.
 */
import { evaluate } from "../../src/model/evaluate.js";
import { weightedWinrate, winrate } from "../../src/model/payoffs.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { instanceMarket } from "../instance.js";
import { ALL_RULES, fmt, randomMarket, randomSelection } from "./common.js";

/** C1. */
export const c01Identity = defineClaim({
  id: "C1",
  title: "winrates sum to 1, weighted winrates to U",
  statement: "For every selection rule, sum_i WR_i = 1 and sum_i WWR_i = U.",
  hypothesis:
    "n in 1..6 producers, T in 1..6 tasks, weights uniform on [0.05, 1] (sometimes equal, sometimes one " +
    "zero), caps 1 or uniform on [0.2, 2]; qualities 0, v_t, quarter grid or uniform on [0, v_t]; " +
    "selection perfect, epsilon (eps uniform on [0, 1], sometimes 0 or 1), logit (beta log-uniform on " +
    "[0.1, 50], sometimes 0 or an integer) or probit (sigma log-uniform on [0.05, 2]).",
  predicate:
    "With the model's evaluate(): |sum_i WR_i - 1| <= tol and |sum_i WWR_i - U| <= tol * max_t v_t, " +
    "tol = 1e-9.",
  expectation: "holds",
  tolerance: RELATIVE_TOLERANCE,
  generate: (rng) =>
    randomMarket(
      rng,
      { n: [1, 6], T: [1, 6], caps: rng() < 0.5 ? "unit" : "random", quality: "mixed" },
      randomSelection(rng, ALL_RULES),
    ),
  valid: (inst) => inst.incumbents.length >= 1 && inst.weights.length >= 1,
  check: (inst) => {
    const ev = evaluate(instanceMarket(inst), [winrate, weightedWinrate]);
    let wr = 0;
    let wwr = 0;
    for (const p of ev.producers) {
      wr += p.payoffs.winrate!;
      wwr += p.payoffs["weighted-winrate"]!;
    }
    const U = ev.welfare.U;
    const scale = Math.max(...inst.caps);
    const tol = RELATIVE_TOLERANCE;
    if (Math.abs(wr - 1) <= tol && Math.abs(wwr - U) <= tol * scale) return { status: "pass" };
    return {
      status: "hit",
      message: `sum WR = ${fmt(wr)} (should be 1), sum WWR = ${fmt(wwr)}, U = ${fmt(U)}`,
      details: { sumWinrate: wr, sumWeightedWinrate: wwr, U },
    };
  },
  module: import.meta.url,
});
