/**
 * C6 weighted winrate helps: with a top-k entrant and logit noise, the worst weighted-winrate-optimal
 * entrant gives at least the welfare of the best winrate-optimal one. Plus two variants that locate
 * where the statement holds: binary incumbents (holds) and unequal caps (fails).
 */
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import type { Instance, Rng } from "../types.js";
import { binaryIncumbents, logitIn, randomBeta, randomMarket, unitCaps } from "./common.js";
import { addTopKEntrant, isTopKEntrantInstance, topKComparison, topKMarket } from "./topk.js";

const PREDICATE =
  "With the entrant's per-task gains from the model's ColumnState (covering t: quality v_t; not: 0), " +
  "payoff(S) = const + sum_{t in S} gain_t, so the maximisers of a rule are the k-sets of largest gains, tasks " +
  "within 1e-9 max_t |gain_t| of the k-th largest being interchangeable (ties). Violation when " +
  "min { U(S) : S maximises weighted winrate } < max { U(S) : S maximises winrate } - 1e-9 max_t v_t.";

function generate(rng: Rng, quality: "mixed" | "binary", caps: "unit" | "random"): Instance {
  const inst = randomMarket(
    rng,
    { n: [1, 6], T: [2, 8], caps, quality },
    { rule: "logit", beta: randomBeta(rng) },
  );
  return addTopKEntrant(rng, inst);
}

function validTopK(inst: Instance): boolean {
  return isTopKEntrantInstance(inst) && logitIn(inst, 0.1, 50);
}

/** C6 as stated: any incumbents (unit caps). */
export const c06WeightedWinrateHelps = defineClaim({
  id: "C6",
  title: "weighted winrate helps (top-k entrant, logit, any incumbents)",
  statement:
    "With a top-k entrant, any incumbents and logit noise: U(entrant optimal under weighted-winrate) >= " +
    "U(entrant optimal under winrate), taking the worst weighted-winrate maximiser against the best winrate " +
    "maximiser when there are ties.",
  hypothesis:
    "Unit caps (v_t = 1). T in 2..8 tasks, n in 1..6 incumbents with qualities in [0, 1] (each 0 or 1 with prob. " +
    "0.15, on the quarter grid with prob. 0.2, else uniform), weights uniform on [0.05, 1] (prob. 0.15 all equal; " +
    "prob. 0.1 one weight 0), k uniform in 1..T-1, logit with beta log-uniform on [0.1, 50] or an integer in 1..10.",
  predicate: PREDICATE,
  expectation: "holds",
  tolerance: RELATIVE_TOLERANCE,
  generate: (rng) => generate(rng, "mixed", "unit"),
  valid: (inst) => validTopK(inst) && unitCaps(inst),
  check: (inst) => topKComparison(inst),
  market: topKMarket,
  module: import.meta.url,
});

/** C6 restricted to binary incumbents (the setting of C7 and C9). */
export const c06Binary = defineClaim({
  id: "C6-binary",
  title: "weighted winrate helps (top-k entrant, logit, binary incumbents)",
  statement: "C6 with every incumbent quality 0 or 1 (each incumbent covers a set of tasks).",
  hypothesis:
    "Unit caps. T in 2..8, n in 1..6 incumbents with each q_{i,t} 0 or 1 (fair coin), weights and k and beta as in C6.",
  predicate: PREDICATE,
  expectation: "holds",
  generate: (rng) => generate(rng, "binary", "unit"),
  valid: (inst) => validTopK(inst) && unitCaps(inst) && binaryIncumbents(inst),
  check: (inst) => topKComparison(inst),
  market: topKMarket,
  module: import.meta.url,
});

/** C6 with unequal caps: expected to fail (the statement needs equal task values). */
export const c06Caps = defineClaim({
  id: "C6-caps",
  title: "weighted winrate helps fails with unequal task caps",
  statement:
    "C6 (binary incumbents) does NOT extend to tasks with unequal value caps v_t: a counterexample exists.",
  hypothesis:
    "Caps uniform on [0.2, 2] (two decimals). T in 2..8, n in 1..6 incumbents with q_{i,t} in {0, v_t} (fair coin), " +
    "weights, k, beta as in C6.",
  predicate: PREDICATE,
  expectation: "falsifiable",
  searchBudget: 20_000,
  generate: (rng) => generate(rng, "binary", "random"),
  valid: (inst) => validTopK(inst) && binaryIncumbents(inst) && inst.caps.every((v) => v >= 0.2 && v <= 2),
  check: (inst) => topKComparison(inst),
  market: topKMarket,
  module: import.meta.url,
});
