/**
 * Shapes of benchmark design (docs/design.md): what is searched, the options, and the report.
 */
import type { ProgressSink } from "../../src/work.js";
import type { CompareOptions, CompareQuestion } from "../compare/index.js";
import type { OutcomeWeightsDesign } from "./outcomeWeights.js";

/** The question producers answer: the compare questions (entry, replacement, equilibrium, sequential). */
export type DesignQuestion = CompareQuestion;

/** A designer's objective over tied best responses and several equilibria: the worst or the best. */
export type DesignObjective = "worst" | "best";

/** What is designed. */
export type DesignSearch =
  | {
      kind: "family";
      /** A registered rule family, e.g. `power-winrate`. */
      family: string;
      /** The parameter searched over `[from, to]`. */
      parameter: string;
      from: number;
      to: number;
      /** The family's other numeric parameters, held fixed. */
      params?: Record<string, number>;
      /** Text parameters (`mix`: `{ rules: "winrate+weighted-winrate" }`). */
      text?: Record<string, string>;
      /**
       * A second range: a two-parameter design, in rows of this parameter (a numeric parameter of the
       * family, or one named inside a text parameter, as `alpha` in `rules=winrate+power-winrate:alpha=1`).
       */
      second?: { parameter: string; from: number; to: number };
    }
  | {
      kind: "benchmark-weights";
      /** The rule producers are paid under (default `weighted-winrate`); must be task-separable. */
      rule?: string;
      /** Bounds `w_t / within <= b_t <= within w_t` (default: the whole simplex). */
      within?: number;
    };

/** Options of `designBenchmark`. */
export interface DesignOptions extends CompareOptions {
  /** Default `worst`. */
  objective?: DesignObjective;
  /** Sampled partitions: equally spaced samples before bisection (default 101). */
  samples?: number;
  /** Width to which boundaries are located (default `1e-9 x max(1, |from|, |to|)`). */
  parameterTolerance?: number;
  /** Largest strategy table (default `DEFAULT_MAX_STRATEGIES`). */
  maxStrategies?: number;
  /** Sampled partitions: largest number of solves (samples plus bisection steps; default 20000). */
  maxSolves?: number;
  /** Weight designs: largest number of weight LPs, two per class of strategies (default `DEFAULT_MAX_LPS`). */
  maxLps?: number;
  /** Equilibrium and sequential weight designs: largest number of LP rows over all outcomes (default `DEFAULT_MAX_LP_ROWS`). */
  maxLpRows?: number;
  /** Two-parameter designs: equally spaced rows of the second parameter before bisection (default 11). */
  rows?: number;
  /** Two-parameter designs: rows are bisected until this close (default `1e-3 x` the row step). */
  secondTolerance?: number;
  /** Progress of long designs (solves or LPs). */
  progress?: ProgressSink;
}

/** One response a design leads to: a tied best response or an equilibrium. */
export interface DesignResponse {
  label: string;
  /** Consumer welfare `U` (under the consumer weights). */
  welfare: number;
}

/** A set of parameter values with the same response: an open interval, or a single point. */
export interface DesignRegion {
  from: number;
  to: number;
  /** `true` for a single point (a tie between the neighbouring responses, or alpha = 0). */
  point: boolean;
  /** Canonical text of the response (sorted labels): equal responses, equal keys. */
  key: string;
  responses: DesignResponse[];
  welfareWorst: number;
  welfareBest: number;
  /** The region attains the design optimum under the objective. */
  optimal: boolean;
}

/**
 * How a design was obtained and what guarantees it (`designMethodText` words it):
 * `exact-partition` over all `strategies` of a finite table (the family's structure gives every
 * boundary); `sampled-partition`, `samples` equally spaced values with boundaries bisected (`solves`
 * solves; a region narrower than `gap` can be missed); `rows`, a two-parameter design in `rows` rows of
 * `parameter` (`asked` equally spaced, bisected to `tolerance`), each row by `row`; `class-lps`, one LP
 * per class of payoff-identical strategies; `outcome-lps`, one LP per outcome (`lps` LPs of at most
 * `rowsPer` rows x `columns` columns), with, for the best outcome, its exactness, and for the worst,
 * the implementable outcomes `tried` and the `gap` (`objective` `null`: no LP succeeded).
 */
export type DesignMethod =
  | { code: "exact-partition"; family: string; strategies: number }
  | { code: "sampled-partition"; samples: number; solves: number; gap: number }
  | { code: "rows"; rows: number; parameter: string; asked: number; tolerance: number; row: DesignMethod }
  | { code: "class-lps"; classes: number; strategies: number }
  | {
      code: "outcome-lps";
      outcomes: "pure equilibria" | "entry paths";
      lps: number;
      rowsPer: number;
      columns: number;
      objective: "best" | "worst" | null;
      tried: number;
      gap: number;
    };

/** Result of a one-parameter family design. */
export interface FamilyDesign {
  kind: "family";
  family: string;
  parameter: string;
  from: number;
  to: number;
  regions: DesignRegion[];
  /** `true` when no region can have been missed (structure-exact partition of a finite table). */
  exact: boolean;
  /** How the partition was obtained and what guarantees it. */
  method: DesignMethod;
  /** Sampled partitions: regions narrower than this can be missed (0 when exact). */
  gap: number;
  /** Width to which each boundary is located. */
  parameterTolerance: number;
  /** The optimum of the objective over the regions. */
  optimum: number;
}

/** Result of a two-parameter family design: rows of the second parameter, each a one-parameter partition. */
export interface FamilyDesign2D {
  kind: "family-2d";
  family: string;
  parameter: string;
  from: number;
  to: number;
  second: { parameter: string; from: number; to: number };
  /** In increasing value of the second parameter; `optimal` marks the regions at the global optimum. */
  rows: Array<{ value: number; regions: DesignRegion[]; exact: boolean; gap: number }>;
  /** Every row's partition is exact (no region missed along a row). */
  rowsExact: boolean;
  /** Across rows: a change narrower than this (the row step) between two rows with equal partitions can be missed. */
  gap: number;
  /** Rows with different partitions were bisected until this close. */
  secondTolerance: number;
  optimum: number;
  method: DesignMethod;
}

/** Whether a class of payoff-identical strategies is a best response for some admissible `b`. */
export type Implementability = "strict" | "tie-only" | "never";

/** One class of strategies whose payoffs agree for every `b` (usually one strategy). */
export interface WeightClass {
  labels: string[];
  welfareWorst: number;
  welfareBest: number;
  implementable: Implementability;
  /** LP optimum of `max m : payoff(class) - payoff(other) >= m for every other class`. */
  margin: number;
  /** Weights attaining `margin` (`null` when the LP failed). */
  weights: number[] | null;
}

/** The weights a design returns, with what they lead to and its independent check. */
export interface DesignedWeights {
  weights: number[];
  /** Verified margin at `weights`: the response's payoff minus the best payoff of what it must beat. */
  margin: number;
  /** LP margin of the same problem. */
  lpMargin: number;
  /** What the weights lead to: every tied best response, pure equilibrium or tie branch. */
  responses: DesignResponse[];
  welfareWorst: number;
  welfareBest: number;
  /**
   * The project's own solver, run on the market with these benchmark weights (the best response;
   * `solveEquilibria`'s pure equilibria; every tie branch of `sequentialBranches`), returns exactly
   * `responses`: an independent check of the LP's answer.
   */
  verified: boolean;
}

/** Result of a benchmark-weight design. */
export interface WeightsDesign {
  kind: "benchmark-weights";
  rule: string;
  lower: number[];
  upper: number[];
  classes: WeightClass[];
  /** The design optimum: the implementing weights and what they lead to; `null` if none (no LP succeeded). */
  best: DesignedWeights | null;
  optimum: number;
  method: DesignMethod;
}

/** The welfare of a standard rule's response on the same question. */
export interface ReferenceRule {
  rule: string;
  key: string;
  welfareWorst: number;
  welfareBest: number;
}

/** Everything `designBenchmark` reports. */
export interface DesignReport {
  question: DesignQuestion;
  objective: DesignObjective;
  result: FamilyDesign | FamilyDesign2D | WeightsDesign | OutcomeWeightsDesign;
  /** Winrate and weighted winrate on the same question and market. */
  references: ReferenceRule[];
  /** The welfare-optimal response (what a designer could at most hope for). */
  welfareOptimum: number;
  /**
   * "The price of the benchmark": the design optimum divided by each standard rule's welfare (under
   * the objective), `null` when that welfare is not positive.
   */
  priceOfBenchmark: Record<string, number | null>;
  /** Absolute tolerance of payoff ties (`RELATIVE_TOLERANCE x max(1, max cap)`). */
  tolerance: number;
}
