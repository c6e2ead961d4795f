/**
 * The shapes of the empirical study: its options and every part of its report. The study's
 * modules fill them (setup.ts, leaderboards.ts, entry.ts, replacement.ts, sweep.ts) and study.ts
 * assembles the whole; the report renderers (text.ts, report.ts, charts.ts) read them.
 */
import type { Normalization } from "../src/io/scoreTable.js";
import type { PayoffRule } from "../src/model/payoffs.js";
import type { SelectionRule, StrategySpace, Task } from "../src/model/types.js";
import type { BootstrapSummary } from "./bootstrap-summary.js";
import type { CalibrationReport } from "./calibrate.js";
import type { BestResponseOutcome, StudySolver } from "./solver.js";

/** The noise parameter swept and its values. */
export interface NoiseSweep {
  /** `beta` sweeps `logit:beta=x`; `eps` sweeps `epsilon:eps=x`. */
  parameter: "eps" | "beta";
  values: number[];
}

/** Options of `runEmpiricalStudy`. */
export interface EmpiricalOptions {
  /** Selection rule of the main analysis. */
  selection: SelectionRule;
  normalization?: Normalization;
  /** Task weights in task order or by name (uniform when absent). */
  weights?: number[] | Record<string, number>;
  /**
   * Payoff rules (separable ones; names or rule objects). Default: the six built-ins. `winrate`,
   * `weighted-winrate` and `average-score` are always included (they anchor the comparisons).
   */
  rules?: readonly (string | PayoffRule)[];
  /** The entrant's strategy space for best responses (`top-k`, `budget`, `grid`); none when absent. */
  space?: StrategySpace;
  /**
   * Model replacement: each replaced incumbent re-allocates its own total scaled quality
   * `B_i = sum_t q_it / v_t` in a `budget` space (linear production) under each rule. `"all"` replaces
   * every model (the default), a number `N` the `N` best by average score, `false` none. Under logit,
   * perfect and epsilon the best responses are incremental (solvers/bestResponse/incremental.ts): all
   * 126 LiveBench models take about 3 s. Probit has no incremental path and one LiveBench model takes
   * about 100 s (all six rules), so pass a small `N` there.
   */
  replacement?: false | "all" | number;
  /**
   * Refuse a replacement study past this many work units, `replaced models x rules x models x tasks`
   * (each best response evaluates every model on every task; default `DEFAULT_MAX_REPLACEMENT_WORK`).
   */
  maxReplacementWork?: number;
  /** The noise sweep; none when absent. */
  sweep?: NoiseSweep;
  /** Specialist weights of the interpolated synthetic entrants (default 0.25, 0.5, 0.75). */
  lambdas?: readonly number[];
  /** The file name, for the report and error messages. */
  file?: string;
  /** Best responses (needed for `space` and `replacement`). */
  solver?: StudySolver;
  /**
   * Whether the sweep recomputes the best-response entrant at every point (default: only for `top-k`
   * spaces, whose best responses are cheap; a `budget` best response on 126 models takes seconds).
   */
  sweepBestResponse?: boolean;
}

/** One model's row of the side-by-side leaderboards. */
export interface LeaderboardRow {
  name: string;
  /** Weighted mean of the raw (unnormalised) scores, `sum_t w_t x_it`. */
  rawMean: number;
  /** Payoff under each rule, keyed by rule name. */
  payoffs: Record<string, number>;
  /** Competition rank (1 = best) under each rule. */
  ranks: Record<string, number>;
  /** `rank under winrate - rank under the rule`: positive = the model climbs relative to winrate. */
  shiftVsWinrate: Record<string, number>;
  /** `rank under average-score - rank under the rule`: positive = climbs relative to the benchmark mean. */
  shiftVsAverage: Record<string, number>;
}

/** An entrant (real or synthetic) evaluated against a fixed set of incumbents. */
export interface EntrantOutcome {
  name: string;
  quality: number[];
  /** Entrant's payoff under each rule. */
  payoffs: Record<string, number>;
  /** Welfare `U` after entry. */
  welfare: number;
}

/** The entrant a rule picks from a menu of candidates. */
export interface RuleChoice {
  rule: string;
  /** The chosen candidate (first maximiser in menu order). */
  choice: string;
  /** All candidates within the tolerance of the maximum payoff. */
  tied: string[];
  /** Welfare after the chosen candidate enters. */
  welfare: number;
}

/** Best response of an entrant or incumbent under one rule. */
export interface RuleBestResponse extends BestResponseOutcome {
  rule: string;
  /** `1 - H(q / sum q) / log T`. */
  specialisation: number;
  /** L1 distance (on `q / v`) to the nearest other producer. */
  nearestDistance: number;
}

/** Everything the study reports. */
export interface EmpiricalReport {
  source: { file: string | null; comments: string[]; models: number; normalization: string };
  selection: string;
  tasks: Task[];
  rules: string[];
  welfare: { U: number; perfect: number; single: number; singleBest: string; perTask: number[] };
  leaderboards: {
    rows: LeaderboardRow[];
    /** Top model(s) under each rule. */
    top: Record<string, string[]>;
    /** Kendall tau-b between the payoffs of every pair of rules, `kendall[a][b]`. */
    kendall: Record<string, Record<string, number | null>>;
  };
  entry: {
    /** Each model as an entrant against all the others. */
    incumbentsAsEntrants: Array<{
      name: string;
      payoffs: Record<string, number>;
      /** `U(all) - U(all but the model)`: the welfare its entry adds. */
      welfareGain: number;
    }>;
    /** Per rule: Kendall tau between the entrants' payoffs and their welfare gains. */
    alignmentWithWelfare: Record<string, number | null>;
    synthetic: {
      /** The incumbent copied (best by `average-score`). */
      copied: string;
      /** The tasks the specialist covers, worst-served first. */
      specialistTasks: string[];
      /** Scaled quality budget `sum_t q_t / v_t` of every candidate. */
      budget: number;
      welfareWithoutEntry: number;
      candidates: EntrantOutcome[];
      choices: RuleChoice[];
      /** The welfare-maximising candidate. */
      welfareOptimal: { choice: string; welfare: number };
    };
    bestResponse: null | {
      space: string;
      welfareWithoutEntry: number;
      perRule: RuleBestResponse[];
    };
  };
  replacement: null | {
    space: string;
    /** Which models were replaced: `all`, or the best `N` by average score. */
    selected: string;
    models: Array<{
      name: string;
      budget: number;
      nearestBefore: number;
      specialisationBefore: number;
      perRule: RuleBestResponse[];
    }>;
    /** Per rule: averages over the replaced models. */
    summary: Array<{
      rule: string;
      meanWelfareChange: number;
      /** Models whose best response lowers `U` (by more than the tolerance). */
      welfareLosses: number;
      meanSpecialisationChange: number;
      meanNearestDistanceChange: number;
      /** Models whose best response moves closer to its nearest other producer. */
      movesCloser: number;
    }>;
  };
  sweep: null | SweepReport;
  /** The noise fitted to pairwise judgements, when the caller ran the study at it (`empirical --pairwise`). */
  calibration?: CalibrationReport;
  /** Seeded bootstrap intervals, when the caller computed them (`empirical --bootstrap N`). */
  uncertainty?: BootstrapSummary;
}

/** One point of the noise sweep. */
export interface SweepPoint {
  value: number;
  welfare: number;
  perfect: number;
  single: number;
  /** Kendall tau-b of each rule's leaderboard against winrate's. */
  kendallVsWinrate: Record<string, number | null>;
  /** Top model under each rule (first on ties) and the welfare of committing to it alone. */
  top: Record<string, string>;
  topScore: Record<string, number>;
  /** The synthetic entrant each rule picks and the welfare after it enters. */
  entrantChoice: Record<string, string>;
  /** Every candidate tied for the rule's maximum (the choice is the first, in menu order). */
  entrantTied: Record<string, string[]>;
  entrantWelfare: Record<string, number>;
  /** The welfare after the welfare-optimal synthetic entrant enters. */
  entrantWelfareOptimal: number;
  /** Best-response entrant welfare per rule (only when best responses are swept). */
  bestResponseWelfare: Record<string, number> | null;
  /** Whether winrate's and weighted winrate's best-response entrants have the same quality vector. */
  bestResponseAgree: boolean | null;
}

/** The noise sweep and where the rules disagree. */
export interface SweepReport {
  parameter: "eps" | "beta";
  points: SweepPoint[];
  summary: {
    /** Points where winrate and weighted winrate have different top models. */
    topDisagreements: number;
    /** Points where they pick different synthetic entrants (first maximiser in menu order). */
    entrantDisagreements: number;
    /** Points where no candidate is optimal under both rules (their tied sets are disjoint). */
    entrantStrictDisagreements: number;
    /** Largest `U(weighted-winrate's entrant) - U(winrate's entrant)` over the sweep, and where. */
    maxEntrantCost: { value: number; at: number };
    /** Smallest such difference (negative: weighted winrate's pick is worse for consumers). */
    minEntrantCost: { value: number; at: number };
    /** Points where aggregation beats committing to the single best model (`U > U_single`). */
    aggregationBeatsSingle: number;
    /** The smallest parameter value (beta) / largest (eps) from which `U >= U_single` on the grid. */
    crossover: number | null;
    minKendallWinrateWeighted: { value: number | null; at: number };
    /** Points where the winrate and weighted-winrate best-response entrants differ (null: not swept). */
    bestResponseDisagreements: number | null;
    /** Range of `U(weighted winrate's best response) - U(winrate's best response)` (null: not swept). */
    bestResponseCost: null | { min: number; max: number };
  };
}
