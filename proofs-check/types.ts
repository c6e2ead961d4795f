/**
 * The vocabulary of proofs-check: instances, verdicts, claims.
 *
 * A claim is a statement about the market model that is checked on seeded random instances. Every
 * claim has a generator (instance `k` is a pure function of the seed, the claim id and `k`), a
 * predicate that returns `pass` or a `hit` with its witness, and an expectation that says which
 * outcome the reconstruction of the paper predicts.
 */
import type { SelectionRule, StrategySpace } from "../src/model/types.js";

/**
 * What the checker expects of a claim:
 * - `holds`: a universal statement; every instance must pass (a hit is a violation).
 * - `witness`: an existence statement; the search must find an instance (a hit is a witness).
 * - `falsifiable`: a universal statement the reconstruction says is false; the search must find a
 *   counterexample (a hit is a counterexample).
 */
export type Expectation = "holds" | "witness" | "falsifiable";

/**
 * The one representation of a random instance, shared by every claim so that one shrinker, one
 * market-file printer and one JSON form serve them all. A claim uses the parts it needs and leaves
 * the others empty.
 *
 * Tasks are `weights.length` long; every quality vector (incumbents, menu options) has one entry per
 * task. Weights need not be normalised (the market normalises them).
 */
export interface Instance {
  /** Task weights `w_t >= 0` (unnormalised). */
  weights: number[];
  /** Task value caps `v_t > 0`. */
  caps: number[];
  /** Fixed producers' qualities, `incumbents[i][t]` in `[0, v_t]`. */
  incumbents: number[][];
  /** Strategic producers (an entrant, or the players of a game), by strategy space. */
  players: StrategySpace[];
  /** The selection rule. */
  selection: SelectionRule;
  /** Claim-specific scalars (e.g. `w`, `n`, `m`); integers where the claim says so. */
  params: Record<string, number>;
}

/** The result of a predicate on one instance. */
export type Verdict =
  | { status: "pass" }
  /** The statement says nothing about this instance (e.g. a game with no pure equilibrium). */
  | { status: "vacuous" }
  | {
      status: "hit";
      /** One line: what was found (a violation, a witness or a counterexample). */
      message: string;
      /** The numbers that show it (JSON-serialisable). */
      details: Record<string, unknown>;
    };

/** A claim: a statement, its exact hypothesis, a generator and a predicate. */
export interface Claim {
  /** Identifier, e.g. `C6` or `C3-logit`. `--claim C3` selects every id equal to or starting with `C3-`. */
  id: string;
  /** Short title, e.g. "weighted winrate helps (top-k entrant, logit)". */
  title: string;
  /** The statement, in words. */
  statement: string;
  /** The exact hypothesis: parameter ranges and the instance distribution. */
  hypothesis: string;
  /** What the predicate checks, precisely (including how ties and tolerances are treated). */
  predicate: string;
  expectation: Expectation;
  /** Relative tolerance of the predicate's comparisons (times the scale it names). */
  tolerance: number;
  /**
   * For `witness` and `falsifiable` claims: the search tries instances `0, 1, ...` up to
   * `max(--instances, searchBudget)` and stops at the first hit. Ignored for `holds` claims.
   */
  searchBudget?: number;
  /** Instance `k` from its own random stream (`rng` is seeded from the seed, the id and `k`). */
  generate: (rng: Rng, k: number) => Instance;
  /** Whether an instance satisfies the hypothesis (the shrinker keeps only such instances). */
  valid: (instance: Instance) => boolean;
  /** The predicate. */
  check: (instance: Instance) => Verdict;
  /**
   * Optional: the market file that shows a hit (read by `modelmarket evaluate`). Defaults to the
   * incumbents plus the players at their first strategy; claims override it to show the hit.
   */
  market?: (instance: Instance, verdict: Verdict) => MarketFile | undefined;
  /**
   * Optional module URL exporting this claim (as a named export), so that worker threads can load
   * it. Built-in claims set it; user claims set `import.meta.url` to run on workers.
   */
  module?: string;
}

/** A uniform random number generator on `[0, 1)`. */
export type Rng = () => number;

/** A market file object, the JSON format of `parseMarket` (src/io/marketFile.ts). */
export interface MarketFile {
  name?: string;
  description?: string;
  tasks: Array<{ name: string; weight: number; cap?: number }>;
  selection: SelectionRule;
  producers: Array<{ name: string; quality: number[]; space?: unknown }>;
}
