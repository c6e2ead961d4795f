/**
 * The data types of the market model (see docs/reference.md and docs/model.md sections 1-5).
 */

/** A task type: a share of consumer queries and the largest quality an answer can have on it. */
export interface Task {
  name: string;
  /** Share of queries, `w_t >= 0`; weights of a market are normalised to sum to 1. */
  weight: number;
  /** Value cap `v_t > 0`: quality on this task lies in `[0, v_t]`. */
  cap: number;
  /**
   * Benchmark weight `b_t >= 0` (docs/model.md section 4a): the weight the leaderboard gives the task,
   * under which producers are paid; normalised to sum to 1 over tasks. Absent: `b = w`. Welfare is
   * always computed under `w`.
   */
  benchmarkWeight?: number;
}

/** Production function `f`: effort on a task to the fraction of its cap reached. */
export type Production =
  | { kind: "linear" }
  | { kind: "power"; a: number }
  | { kind: "exponential"; k: number };

/** The noisy aggregation rule on one task: qualities of the column to choice probabilities. */
export type SelectionRule =
  | { rule: "perfect" }
  | { rule: "epsilon"; eps: number }
  | { rule: "logit"; beta: number }
  | { rule: "probit"; sigma: number };

export type SelectionRuleName = SelectionRule["rule"];

/** What a strategic producer may choose (docs/model.md section 5). */
export type StrategySpace =
  | { kind: "fixed" }
  | { kind: "menu"; options: number[][] }
  | { kind: "top-k"; k: number }
  | { kind: "budget"; budget: number; production: Production }
  | { kind: "grid"; budget: number; step: number; production: Production };

export type StrategySpaceKind = StrategySpace["kind"];

/** How a producer's current quality vector came about, when it came from effort. */
export interface EffortAllocation {
  effort: number[];
  budget: number;
  production: Production;
}

/** A producer (model) in the market. */
export interface Producer {
  name: string;
  /** Current quality vector `q_i`, one entry per task, `0 <= q_{i,t} <= v_t`. */
  quality: number[];
  /** Present when the quality was given as an effort allocation. */
  effort?: EffortAllocation;
  /** What the producer may re-choose; `fixed` when absent. */
  space: StrategySpace;
}

/** A market: tasks, producers and the selection rule. Weights are normalised. */
export interface Market {
  tasks: Task[];
  selection: SelectionRule;
  producers: Producer[];
}
