/**
 * The words of a best response's method: the one place that turns its code into the name the command
 * line and the explorer print. The solvers return the code only.
 */
import type { BestResponseMethod } from "./types.js";

const WORDS: Readonly<Record<BestResponseMethod, string>> = {
  fixed: "fixed",
  "brute-force": "brute-force",
  "menu-enumeration": "menu-enumeration",
  "top-k-select": "top-k-select",
  "grid-dp": "grid-dp",
  "budget-refine": "budget-refine (grid DP + pattern search, interval-bound certificate)",
  "budget-refine-uncertified": "budget-refine (no certificate for this rule)",
  "water-filling-greedy": "water-filling (greedy, linear)",
  "water-filling-bisection": "water-filling (bisection on lambda, Lagrangian dual certificate)",
};

/**
 * Which algorithm produced a best response (`BestResponse.method`), in words: the exact methods by
 * their names, the budget methods with their certificate.
 *
 * Source: water-filling as in S. Boyd and L. Vandenberghe, Convex Optimization (2004), Example 5.2;
 * the grid DP is the knapsack recursion (R. Bellman, Dynamic Programming, 1957).
 *
 * @throws nothing
 * @example
 * import { bestResponseMethodText } from "modelmarket/solvers";
 * bestResponseMethodText("water-filling-greedy"); // "water-filling (greedy, linear)"
 */
export function bestResponseMethodText(method: BestResponseMethod): string {
  return WORDS[method];
}
