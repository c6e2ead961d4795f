/**
 * The benchmark-weight design of outcomes that are each a polyhedron in `b` (docs/design.md): pure
 * equilibria of the simultaneous game (`equilibriumWeights.ts`) and the paths of sequential entry
 * (`sequentialWeights.ts`).
 *
 * Under a task-separable rule every payoff is linear in the benchmark weights `b`, so "outcome `o`
 * happens with margin `m`" (every alternative it must beat loses at least `m`: a unilateral deviation
 * of a player, or another strategy of an entrant at its step) is a set of linear inequalities in `b`,
 * and the largest `m` over the admissible `b` (simplex and bounds) is one linear program per outcome,
 * with one row per alternative (Dantzig 1963; solved by HiGHS).
 *
 * - Objective `best` (the best outcome at `b`, e.g. the best equilibrium): the welfare-best outcome
 *   whose LP reaches `m >= -tol` is exact. At its weights it happens, so the best outcome there is at
 *   least as good; and at any `b` the best outcome's own LP succeeds.
 * - Objective `worst` (the worst outcome at `b`: ties and several equilibria are not the designer's
 *   to choose): "no outcome of lower welfare happens at `b`" is a disjunction (some alternative wins
 *   somewhere), not a polyhedron, so LPs give only the upper bound `max W(o)` over implementable
 *   outcomes: at any `b` the worst outcome is itself implementable. The lower bound is certified: at
 *   the LP weights of the implementable outcomes, in decreasing welfare (at most `WORST_CANDIDATES`),
 *   every outcome is enumerated exhaustively and the largest worst welfare found is kept. The gap
 *   between the bounds is stated; it is 0, and the answer exact, when they meet.
 */

import { DEFAULT_MAX_LP_ROWS } from "../../src/limits.js";
import { checkWorkLimit, type ProgressSink } from "../../src/work.js";
import { createHighsBackend } from "../finite/lp/highs.js";
import type { DesignedWeights, DesignMethod, DesignObjective, Implementability } from "./types.js";
import { marginLp } from "./weights.js";

export { DEFAULT_MAX_LP_ROWS };

/** Largest number of candidate weightings at which a `worst` design enumerates every outcome. */
export const WORST_CANDIDATES = 64;

/** One outcome (a pure profile, or an entry path) and whether some admissible `b` makes it happen. */
export interface OutcomeCandidate {
  /** `A={t1} B={t2}` for a profile, `{t1} {t2}` for an entry path, as compare labels them. */
  label: string;
  /** Consumer welfare `U` of the outcome (under the consumer weights). */
  welfare: number;
  implementable: Implementability;
  /** LP optimum: the smallest loss of any alternative at the best `b` (`Infinity`: no alternative exists). */
  margin: number;
  /** Weights attaining `margin` (`null` when the LP failed or no alternative exists). */
  weights: number[] | null;
}

/** Result of a benchmark-weight design of equilibria or of sequential entry. */
export interface OutcomeWeightsDesign {
  kind: "outcome-weights";
  /** What the outcomes are: the pure equilibria of the simultaneous game, or the paths of sequential entry. */
  outcomes: "pure equilibria" | "entry paths";
  rule: string;
  lower: number[];
  upper: number[];
  /** Every outcome (profiles in the game's order, player 0 fastest; paths depth first). */
  candidates: OutcomeCandidate[];
  /** The returned weighting and every outcome at it; `null` when no outcome is implementable. */
  best:
    | (DesignedWeights & {
        /** The outcome whose LP gave `weights` (its margin is `margin`, recomputed at them). */
        from: string;
        /** The worst welfare over every outcome that search finds there (for equilibria: pure and certified mixed). */
        searchWelfareWorst: number;
      })
    | null;
  /** `best`: exact. `worst`: the certified lower bound (the worst outcome at `best.weights`). */
  optimum: number;
  /** Upper bound of the objective: the best welfare over outcomes some admissible `b` implements. */
  upperBound: number;
  /** `upperBound - optimum` (0 for `best`). */
  gap: number;
  /** `true` when the optimum is certified equal to the upper bound. */
  exact: boolean;
  method: DesignMethod;
}

/** Options of `outcomeWeightsDesign`. */
export interface OutcomeWeightsOptions {
  objective: DesignObjective;
  tolerance: number;
  lower: number[];
  upper: number[];
  maxLpRows?: number;
  progress?: ProgressSink;
}

/** The outcomes of a design, as the generic solver reads them. */
export interface OutcomeProblem {
  outcomes: DesignOutcome;
  count: number;
  label: (o: number) => string;
  welfare: (o: number) => number;
  /** `term(alternative) - term(outcome)` per alternative: the LP's rows (at most `rowsPer - 1`). */
  rows: (o: number) => Float64Array[];
  /** Rows of the largest LP, with the sum-to-one row. */
  rowsPer: number;
  /** Every outcome at `b` within the tolerance (indices). */
  at: (b: readonly number[]) => number[];
  T: number;
  /** Default weights when an outcome has no alternative (the consumer weights, clamped to the bounds). */
  fallback: number[];
}

/** The outcomes' kind, reported. */
export type DesignOutcome = OutcomeWeightsDesign["outcomes"];

/** Every outcome's margin LP, with the solver's own margins beside the recomputed ones. */
async function solveAll(
  p: OutcomeProblem,
  opts: OutcomeWeightsOptions,
): Promise<{ candidates: OutcomeCandidate[]; lpMargins: number[] }> {
  const lp = await createHighsBackend();
  const { tolerance: tol, lower, upper } = opts;
  const zero = new Float64Array(p.T);
  const candidates: OutcomeCandidate[] = [];
  const lpMargins: number[] = [];
  for (let o = 0; o < p.count; o++) {
    const r = marginLp(lp, zero, p.rows(o), lower, upper);
    lpMargins.push(r.lpMargin);
    candidates.push({
      label: p.label(o),
      welfare: p.welfare(o),
      implementable: r.margin > tol ? "strict" : r.margin >= -tol ? "tie-only" : "never",
      margin: r.margin,
      weights: r.weights,
    });
    opts.progress?.({ done: o + 1, total: p.count, unit: "LPs" });
  }
  return { candidates, lpMargins };
}

/**
 * The design over the outcomes of `p` (see the file comment).
 *
 * @throws WorkLimitError (`maxLpRows`) above the limit, before any LP is solved.
 */
export async function outcomeWeightsDesign(
  p: OutcomeProblem,
  ruleName: string,
  opts: OutcomeWeightsOptions,
): Promise<OutcomeWeightsDesign> {
  checkWorkLimit(
    "maxLpRows",
    p.count * p.rowsPer,
    opts.maxLpRows ?? DEFAULT_MAX_LP_ROWS,
    `LP rows (${p.count} ${p.outcomes} x ${p.rowsPer} rows of ${p.T + 1} columns)`,
  );
  const { candidates, lpMargins } = await solveAll(p, opts);
  const { tolerance: tol, lower, upper } = opts;
  // implementable outcomes, welfare-best first (larger margins first among equal welfare)
  const order = candidates
    .map((_, o) => o)
    .filter((o) => candidates[o]!.implementable !== "never")
    .sort(
      (x, y) =>
        candidates[y]!.welfare - candidates[x]!.welfare || candidates[y]!.margin - candidates[x]!.margin,
    );
  const lps = { outcomes: p.outcomes, lps: p.count, rowsPer: p.rowsPer, columns: p.T + 1 };
  const method: DesignMethod = { code: "outcome-lps", ...lps, objective: null, tried: 0, gap: Number.NaN };
  const upperBound = order.length === 0 ? Number.NaN : candidates[order[0]!]!.welfare;
  const at = (o: number) => {
    const weights = candidates[o]!.weights?.slice() ?? p.fallback.slice();
    const found = p.at(weights);
    const w = found.map((e) => p.welfare(e));
    return { o, weights, found, worst: Math.min(...w), best: Math.max(...w) };
  };
  let chosen: ReturnType<typeof at> | null = null;
  let tried = 0;
  if (opts.objective === "best") {
    if (order.length > 0) chosen = at(order[0]!);
  } else {
    for (const o of order) {
      // a candidate's worst outcome is at most its own welfare: none further down can do better
      if (chosen !== null && chosen.worst >= candidates[o]!.welfare - tol) break;
      if (tried >= WORST_CANDIDATES) break;
      tried++;
      const c = at(o);
      if (chosen === null || c.worst > chosen.worst + tol) chosen = c;
    }
  }
  const base = {
    kind: "outcome-weights" as const,
    outcomes: p.outcomes,
    rule: ruleName,
    lower,
    upper,
    candidates,
  };
  if (chosen === null)
    return { ...base, best: null, optimum: Number.NaN, upperBound, gap: Number.NaN, exact: false, method };
  const own = candidates[chosen.o]!;
  const optimum = opts.objective === "best" ? own.welfare : chosen.worst;
  const gap = Math.max(0, upperBound - optimum);
  return {
    ...base,
    best: {
      weights: chosen.weights,
      from: own.label,
      margin: own.margin,
      lpMargin: lpMargins[chosen.o]!,
      responses: chosen.found.map((e) => ({ label: p.label(e), welfare: p.welfare(e) })),
      welfareWorst: chosen.worst,
      welfareBest: chosen.best,
      verified: false,
      searchWelfareWorst: Number.NaN,
    },
    optimum,
    upperBound,
    gap,
    exact: opts.objective === "best" || gap <= tol,
    method: { ...method, objective: opts.objective === "best" ? "best" : "worst", tried, gap },
  };
}
