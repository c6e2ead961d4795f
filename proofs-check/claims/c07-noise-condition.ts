/**
 * C7 noise condition: under epsilon with a top-k entrant, C6 holds for eps <= 1/n and can fail above.
 */
import { defineClaim } from "../define.js";
import { uniform } from "../rng.js";
import type { Instance, Rng } from "../types.js";
import { binaryIncumbents, randomMarket, unitCaps } from "./common.js";
import { addTopKEntrant, isTopKEntrantInstance, topKComparison, topKMarket } from "./topk.js";

const PREDICATE =
  "As C6 (per-task gains from the model's ColumnState, ties within 1e-9 of the k-th largest gain): violation " +
  "when min U over weighted-winrate maximisers < max U over winrate maximisers - 1e-9.";

function generate(rng: Rng, quality: "mixed" | "binary", eps: "small" | "large"): Instance {
  const inst = randomMarket(rng, { n: [1, 6], T: [2, 8], caps: "unit", quality }, { rule: "perfect" });
  const n = inst.incumbents.length;
  // eps <= 1/n includes its end point; eps > 1/n is open at 1/n
  const e = eps === "small" ? (rng() < 0.1 ? 1 / n : uniform(rng, 0, 1 / n)) : uniform(rng, 1 / n, 1);
  inst.selection = { rule: "epsilon", eps: eps === "large" && e === 1 / n ? 1 : e };
  return addTopKEntrant(rng, inst);
}

function validBase(inst: Instance): boolean {
  return isTopKEntrantInstance(inst) && inst.selection.rule === "epsilon" && unitCaps(inst);
}

const epsOf = (inst: Instance) => (inst.selection as { eps: number }).eps;

/** C7, eps <= 1/n: holds (binary incumbents). */
export const c07SmallEps = defineClaim({
  id: "C7-small-eps",
  title: "C6 under epsilon holds for eps <= 1/n (binary incumbents)",
  statement:
    "Under epsilon selection with a top-k entrant and binary (0/1) incumbents, C6 holds when eps <= 1/n " +
    "(n the number of incumbents).",
  hypothesis:
    "Unit caps. T in 2..8, n in 1..6 incumbents with q_{i,t} in {0, 1} (fair coin), weights uniform on [0.05, 1] " +
    "(sometimes equal or with a zero), k uniform in 1..T-1, eps uniform on [0, 1/n] (exactly 1/n with prob. 0.1).",
  predicate: PREDICATE,
  expectation: "holds",
  generate: (rng) => generate(rng, "binary", "small"),
  valid: (inst) => validBase(inst) && binaryIncumbents(inst) && epsOf(inst) <= 1 / inst.incumbents.length,
  check: (inst) => topKComparison(inst),
  market: topKMarket,
  module: import.meta.url,
});

/** C7, eps > 1/n: a counterexample must be found (binary incumbents). */
export const c07LargeEps = defineClaim({
  id: "C7-large-eps",
  title: "C6 under epsilon fails for some eps > 1/n (binary incumbents)",
  statement:
    "Under epsilon selection with a top-k entrant and binary (0/1) incumbents, C6 can fail when eps > 1/n.",
  hypothesis: "As C7-small-eps, but eps uniform on (1/n, 1].",
  predicate: PREDICATE,
  expectation: "falsifiable",
  searchBudget: 50_000,
  generate: (rng) => generate(rng, "binary", "large"),
  valid: (inst) => validBase(inst) && binaryIncumbents(inst) && epsOf(inst) > 1 / inst.incumbents.length,
  check: (inst) => topKComparison(inst),
  market: topKMarket,
  module: import.meta.url,
});

/** C7 with non-binary incumbents: eps <= 1/n is not enough. */
export const c07Continuous = defineClaim({
  id: "C7-continuous",
  title: "eps <= 1/n is not enough with non-binary incumbents",
  statement:
    "The eps <= 1/n condition of C7 needs binary incumbents: with qualities strictly between 0 and 1 a " +
    "counterexample exists even for eps <= 1/n (a task whose best incumbent is slightly above 0 gives the " +
    "entrant the full 1 - eps winrate gain but no welfare-neutral weighted-winrate tie).",
  hypothesis:
    "Unit caps. T in 2..8, n in 1..6 incumbents with qualities 0 or 1 (prob. 0.15 each), quarter grid (0.2) or " +
    "uniform on [0, 1]; weights, k as in C7-small-eps; eps uniform on [0, 1/n].",
  predicate: PREDICATE,
  expectation: "falsifiable",
  searchBudget: 50_000,
  generate: (rng) => generate(rng, "mixed", "small"),
  valid: (inst) => validBase(inst) && epsOf(inst) <= 1 / inst.incumbents.length,
  check: (inst) => topKComparison(inst),
  market: topKMarket,
  module: import.meta.url,
});
