/**
 * The words of a design's method: the one place that turns its code and numbers (how a partition or
 * the weights were obtained, and what guarantees them) into the sentence the command line and the
 * explorer print. The design solvers return the code only.
 */
import type { DesignMethod } from "./types.js";

/** Why the exact partition of each family is exact. */
const EXACT_BECAUSE: Readonly<Record<string, string>> = {
  mix: "payoffs linear in lambda: boundaries are the crossings of the upper envelope",
  "power-winrate":
    "payoff differences are exponential sums in alpha: zeros isolated by Descartes' rule and Rolle, bisected",
  "threshold-winrate": "payoffs are step functions of tau: boundaries at the quality ratios q/v",
};

/**
 * How a design was obtained and what guarantees it (`method` of a family, two-parameter, weight or
 * outcome design), in words, with its numbers.
 *
 * Source: the exact partitions follow the families' structure (upper envelopes of lines; Descartes'
 * rule of signs for exponential sums, G. Polya and G. Szego, Problems and Theorems in Analysis II,
 * Part V); the weight designs solve one LP per class or outcome (HiGHS: Q. Huangfu and J. A. J. Hall,
 * Math. Prog. Comp. 10, 2018).
 *
 * @throws nothing
 * @example
 * import { designMethodText } from "modelmarket/solvers";
 * designMethodText({ code: "class-lps", classes: 3, strategies: 4 }); // "one LP per class of payoff-identical strategies (3 classes of 4 strategies), HiGHS; margins recomputed from the weights"
 */
export function designMethodText(method: DesignMethod): string {
  switch (method.code) {
    case "exact-partition":
      return `exact over all ${method.strategies} strategies (${EXACT_BECAUSE[method.family] ?? method.family})`;
    case "sampled-partition":
      return `sampled: ${method.samples} equally spaced values, boundaries bisected (${method.solves} solves); a region narrower than the step ${method.gap} between two samples with the same response can be missed`;
    case "rows":
      return `${method.rows} rows of ${method.parameter} (${method.asked} equally spaced, neighbours with different partitions bisected to ${method.tolerance.toPrecision(3)}); along each row: ${designMethodText(method.row)}`;
    case "class-lps":
      return `one LP per class of payoff-identical strategies (${method.classes} classes of ${method.strategies} strategies), HiGHS; margins recomputed from the weights`;
    case "outcome-lps": {
      const base = `one LP per ${method.outcomes === "pure equilibria" ? "pure profile" : "entry path"} (${method.lps} LPs of at most ${method.rowsPer} rows x ${method.columns} columns, HiGHS); margins recomputed from the weights`;
      if (method.objective === null) return base;
      return method.objective === "best"
        ? `${base}; the best outcome is exact`
        : `${base}; worst outcome: upper bound from the LPs, certified lower bound from every outcome at the LP weights of ${method.tried} implementable one(s) (gap ${method.gap.toPrecision(4)})`;
    }
  }
}
