/**
 * How `compareRules` obtained each rule's answer and its welfare optimum, as codes with their
 * numbers (what the JSON carries), and the one wording of them (`compareNoteText`,
 * `optimumBasisText`), which the command line and its HTML report call.
 */

import type { BestResponseMethod } from "../bestResponse/types.js";
import { bestResponseMethodText } from "../bestResponse/words.js";
import type { OptimumMethod } from "../equilibrium/optimum.js";
import type { PriceScope } from "../equilibrium/types.js";
import { optimumMethodText, priceBasisText } from "../equilibrium/words.js";

/** How one rule's answer was obtained, or why it is not complete. */
export type CompareNote =
  /** Every tied maximiser of an exact best response. */
  | { code: "every-maximiser"; method: BestResponseMethod }
  /** A best response not proven optimal: the certified gap bound. */
  | { code: "not-proven-optimal"; gapBound: number; method: BestResponseMethod }
  /** The tie list was cut at `maximisers` (the `maxMaximisers` limit). */
  | { code: "tie-list-cut"; maximisers: number }
  /** The welfare optimum over joint strategies, found by `method`. */
  | { code: "joint-optimum"; method: OptimumMethod }
  /** The equilibria found and what the prices range over. */
  | { code: "equilibria"; scope: PriceScope }
  /** Every tie branch of sequential entry (cut at `maxBranches` when `capped`). */
  | {
      code: "tie-branches";
      branches: number;
      capped: boolean;
      maxBranches: number;
      tiesTruncated: boolean;
      tiesPerStep: Array<{ min: number; max: number }>;
    }
  /** One path of sequential entry: the tie-break, each step's tie count (`cut`: its list was cut). */
  | {
      code: "one-path";
      tieBreak: string;
      steps: Array<{ ties: number; cut: boolean }>;
      /** The welfare objective's greedy path (each entrant maximises U). */
      greedy: boolean;
    };

/** What the welfare optimum of a comparison is. */
export type OptimumBasis =
  | "greedy-sequence"
  | "joint-optimum"
  | "welfare-optimal-entrant"
  | "welfare-optimal-replacement";

/**
 * One rule's note in words.
 *
 * Source: the project's own wording (docs/compare.md).
 *
 * @throws nothing
 * @example
 * import { compareNoteText } from "modelmarket/solvers";
 * compareNoteText({ code: "every-maximiser", method: "top-k-select" }); // "every tied maximiser (top-k-select)"
 */
export function compareNoteText(n: CompareNote): string {
  switch (n.code) {
    case "every-maximiser":
      return `every tied maximiser (${bestResponseMethodText(n.method)})`;
    case "not-proven-optimal":
      return `not proven optimal (certified gap <= ${n.gapBound.toExponential(2)}, method ${bestResponseMethodText(n.method)})`;
    case "tie-list-cut":
      return `tie list cut at ${n.maximisers} maximisers (raise maxMaximisers)`;
    case "joint-optimum":
      return optimumMethodText(n.method);
    case "equilibria":
      return priceBasisText(n.scope);
    case "tie-branches":
      return `${n.branches} tie branch(es)${n.capped ? `, cut at ${n.maxBranches}` : ""}${n.tiesTruncated ? ", some tie lists cut at maxMaximisers" : ""}; ties per step ${n.tiesPerStep.map((t) => (t.min === t.max ? `${t.min}` : `${t.min}-${t.max}`)).join(",")}`;
    case "one-path":
      return `tie-break ${n.tieBreak}; ties per step ${n.steps.map((s) => `${s.ties}${s.cut ? "+" : ""}`).join(",")}${n.steps.some((s) => s.cut) ? " (+: list cut at maxMaximisers)" : ""}${n.greedy ? "; greedy: each entrant maximises U, not a joint optimum" : ""}`;
  }
}

/**
 * What a comparison's welfare optimum is, in words, with the note of the welfare objective's answer.
 *
 * Source: the project's own wording (docs/compare.md).
 *
 * @throws nothing
 * @example
 * import { optimumBasisText } from "modelmarket/solvers";
 * optimumBasisText("welfare-optimal-entrant", { code: "every-maximiser", method: "top-k-select" }); // "the welfare-optimal entrant (every tied maximiser (top-k-select))"
 */
export function optimumBasisText(basis: OptimumBasis, note: CompareNote): string {
  switch (basis) {
    case "greedy-sequence":
      return "the greedy sequence in which each entrant maximises U (not a proven joint optimum)";
    case "joint-optimum":
      return `the welfare optimum over joint strategies (${compareNoteText(note)})`;
    case "welfare-optimal-entrant":
      return `the welfare-optimal entrant (${compareNoteText(note)})`;
    case "welfare-optimal-replacement":
      return `the welfare-optimal replacement (${compareNoteText(note)})`;
  }
}

/** Why a sweep's change points were or were not located, and how. */
export type ChangePointsNote =
  /** A two-parameter sweep: change points are located along one-dimensional sweeps only. */
  | { code: "two-dimensional" }
  /** Turned off (`noChangePoints`). */
  | { code: "turned-off" }
  /** A continuous budget space's choice changes continuously: no point to locate. */
  | { code: "continuous-choice" }
  /** An integer parameter: each change point is the first integer with the new choice. */
  | { code: "integer" }
  /** Bisected to `tolerance`; each change point is the midpoint of `[lower, upper]`. */
  | { code: "bisected"; tolerance: number }
  /** One shard of a sweep: the change points are located after the merge. */
  | { code: "shard"; index: number; count: number };

/**
 * A sweep's change-point note in words.
 *
 * Source: the project's own wording (docs/compare.md, "Sweeps").
 *
 * @throws nothing
 * @example
 * import { changePointsNoteText } from "modelmarket/solvers";
 * changePointsNoteText({ code: "bisected", tolerance: 1e-12 }); // "bisected to 1e-12; value is the midpoint of [lower, upper]"
 */
export function changePointsNoteText(n: ChangePointsNote): string {
  switch (n.code) {
    case "two-dimensional":
      return "change points are located along one-dimensional sweeps only";
    case "turned-off":
      return "not computed (turned off)";
    case "continuous-choice":
      return "not computed: a continuous budget space's choice changes continuously";
    case "integer":
      return "integer parameter: value is the first integer with the new choice";
    case "bisected":
      return `bisected to ${n.tolerance}; value is the midpoint of [lower, upper]`;
    case "shard":
      return `shard ${n.index}/${n.count}: change points are located after the merge`;
  }
}

/**
 * What a sweep will cost (`sweepWorkEstimate`'s answer), in words: its points, the choices per point
 * and the units per choice, e.g. `9,000,000 points x 5 choices x 1 per choice`.
 *
 * Source: the estimate is `points x (rules + 1) x units per choice`, as `sweepWorkEstimate` defines it
 * (the work-limit convention of docs/reference.md, "Limits").
 *
 * @throws nothing
 * @example
 * import { sweepWorkText } from "modelmarket/solvers";
 * sweepWorkText({ points: 11, perPoint: 3, units: 33, choices: 3, perChoice: 1 }); // "11 points x 3 choices x 1 per choice"
 */
export function sweepWorkText(estimate: { points: number; choices: number; perChoice: number }): string {
  const f = (n: number) => n.toLocaleString("en-US");
  return `${f(estimate.points)} points x ${estimate.choices} choices x ${f(estimate.perChoice)} per choice`;
}
