/**
 * The equilibrium record shared by the pure (dynamics, enumeration) and mixed (finite-game solvers)
 * parts of `solveEquilibria`.
 */
import type { Diversity } from "../../src/model/diversity.js";
import type { DynamicsResult, RegretLine } from "./dynamics.js";

/** Expected diversity measures of a mixed equilibrium (expectations over its joint profiles). */
export interface ExpectedDiversity {
  /** `E[mean pairwise distance]` (`null` with fewer than two producers). */
  meanPairwiseDistance: number | null;
  /** Per producer, `E[L1 distance to the nearest other producer]` (`null` when alone). */
  nearestDistance: Array<number | null>;
  /** Per producer, `E[specialisation index]`. */
  specialisation: number[];
  /** `E[number of tasks with a unique best producer]`. */
  uniqueBestTasks: number;
}

/**
 * Where an equilibrium was found: a code and its numbers (`sourceText` words it). `enumeration`: the
 * exact enumeration of pure profiles; `dynamics`: a converged best-response run (`mode`, from the
 * start labelled `start`); `enummixed` / `lcp`: the exact two-player methods; `lp`: the constant-sum
 * maximin LP (its backend and certified gap); `enumpoly` / `gnm`: the N-player methods (`exact`, else
 * a certified regret bound `epsilon`); `logit`: the logit trace's approximate equilibrium.
 */
export type EquilibriumSource =
  | { code: "enumeration" }
  | { code: "dynamics"; mode: "sequential" | "simultaneous"; start: StartLabel }
  | { code: "enummixed" }
  | { code: "lcp" }
  | { code: "lp"; backend: string; gap: number }
  | { code: "enumpoly"; exact: boolean; epsilon: number }
  | { code: "gnm"; exact: boolean; epsilon: number }
  | { code: "logit"; epsilon: number };

/**
 * A starting profile of the best-response dynamics (`startText` words it): the file's qualities
 * (`file`), the canonical strategy of each space (`canonical`), or the `index`-th seeded random
 * profile (`random`, from 1).
 */
export type StartLabel = { code: "file" } | { code: "canonical" } | { code: "random"; index: number };

/** One equilibrium (pure or mixed) with its welfare, diversity and certificate. */
export interface Equilibrium {
  kind: "pure" | "mixed";
  /** Where it was found, e.g. `{ code: "enumeration" }`, `{ code: "dynamics", mode: "sequential", start: { code: "file" } }`. */
  sources: EquilibriumSource[];
  /** Every producer (fixed ones too): strategy, payoff and, for strategic ones, the regret line. */
  producers: Array<{
    name: string;
    strategic: boolean;
    /** Pure: the quality vector. Mixed: the expected quality vector. */
    quality: number[];
    effort?: number[];
    tasks?: number[];
    /** Mixed: the support, with probabilities. */
    mixture?: Array<{ label: string; probability: number; quality: number[] }>;
    /** Payoff (expected payoff for mixed equilibria, fixed producers included). */
    payoff: number;
    regret?: RegretLine;
  }>;
  /** `U` (for mixed equilibria the exact expectation over the joint profiles of the support). */
  welfare: number;
  /** Diversity of the pure profile; for mixed equilibria, of the most likely pure profile. */
  diversity: Diversity;
  /** Mixed: expected diversity measures over the joint profiles of the support. */
  expectedDiversity?: ExpectedDiversity;
  /** Every regret bound at most the report's tolerance. */
  certified: boolean;
  /** Largest certified regret bound (an `epsilon`-equilibrium when above the tolerance). */
  epsilon: number;
}

/** Report of one dynamics run. */
export interface DynamicsRun extends Omit<DynamicsResult, "profile"> {
  start: StartLabel;
  /** Certified regrets of the final profile (only when converged). */
  certificate?: { certified: boolean; epsilon: number; lines: RegretLine[] };
}

/** The equilibria PoA and PoS range over. */
export interface PriceScope {
  /** Pure equilibria included (all certified ones found). */
  pure: number;
  /**
   * Properly mixed equilibria included: those of `mixed.equilibria` with `certified: true` and
   * `kind: "mixed"` (its pure ones are the pure equilibria again).
   */
  mixed: number;
  /** Approximate mixed equilibria (`certified: false`) left out. */
  excludedApproximate: number;
  /**
   * `true` when the included equilibria attain the minimum and maximum of `U` over every Nash
   * equilibrium (mixed ones included): all pure equilibria enumerated, and either one strategic
   * producer or two with the complete enummixed list.
   */
  allEquilibria: boolean;
  /** Certified equilibria listed and included (pure and mixed); with `pure` 0 too: none was found. */
  found: number;
  /** Certified entries of the mixed list (its pure ones included), all in the prices. */
  mixedCertified: number;
  /** Every pure equilibrium was enumerated (otherwise found by dynamics, not exhaustive). */
  pureExhaustive: boolean;
  /** Strategic producers (players of the game). */
  players: number;
  /** The exact mixed methods that ran (`mixed.methods` without logit tracing). */
  mixedMethods: string[];
  /** The mixed list is proven complete (`mixed.complete`). */
  mixedComplete: boolean;
  /** The welfare optimum is exact (otherwise a local optimum, not proven). */
  optimumExact: boolean;
}
