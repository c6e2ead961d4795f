/**
 * Sweeps of a rule comparison over one or two parameters: the selection noise (`beta`,
 * `sigma`, `eps`), one task's weight (`weight.TASK`, the other weights keeping their proportions), the
 * strategy space's `budget` or `k`, or the number of incumbents in a seeded random family
 * (`incumbents`). Every point reports the same columns as `compareRules`; along a one-dimensional sweep
 * the parameter values where a rule's choice changes are located by bisection (`changePoints`).
 *
 * Same inputs, same report: points are computed independently (in worker threads when asked) and
 * assembled in point order, and the bisection runs in the calling thread, so the report does not
 * depend on the number of workers.
 */
import { InputError } from "../../src/errors.js";
import { DEFAULT_MAX_PROFILES, DEFAULT_MAX_SWEEP_WORK } from "../../src/limits.js";
import type { Market } from "../../src/model/types.js";
import { checkWorkLimit, type ProgressSink } from "../../src/work.js";
import { marketProfileCount } from "../marketGame.js";
import { type ChangePoint, changePointsOf } from "./change-points.js";
import {
  type CompareOptions,
  type CompareQuestion,
  type Comparison,
  compareRules,
  type RuleContrast,
  type RuleOutcome,
} from "./question.js";
import { type SweepAxis, sweepGrid } from "./sweep-axis.js";
import { applyAll } from "./sweep-parameters.js";
import { type ChangePointsNote, sweepWorkText } from "./words.js";

/** One rule at one point of a sweep (the outcomes reduced to their labels). */
export type SweepRule = Omit<RuleOutcome, "outcomes" | "note"> & {
  /** The chosen strategies (outcome labels). */
  choice: string[];
};

/** One point of a sweep. */
export interface SweepPoint {
  /** Values of the swept parameters, in axis order. */
  values: number[];
  welfareOptimum: number;
  welfareOptimumExact: boolean;
  rules: SweepRule[];
  /** The welfare-optimal choice (`rule: "welfare"`). */
  welfare: SweepRule;
  disagreements: RuleContrast[];
}

/** What a sweep will cost, from its axes alone: points, units per point, their product. */
export interface SweepWorkEstimate {
  /** Points of the grid: the product of the axes' points. */
  points: number;
  /** Units of one point: (rules + the welfare optimum) x the units of one choice. */
  perPoint: number;
  /** `points x perPoint`, the number checked against `maxSweepWork`. */
  units: number;
  /** Choices per point: the rules and the welfare optimum. */
  choices: number;
  /** Units of one choice (`sweepWorkText` words the product, e.g. `9,000,000 points x 5 choices x 1 per choice`). */
  perChoice: number;
}

/** Units of one equilibrium search beyond its joint profiles: the mixed (support) search and the
 * dynamics, which dominate on small games (about 20 ms a rule on `examples/c2-two-producers.json`). */
const EQUILIBRIUM_BASE_UNITS = 50;

/**
 * The work of a sweep, estimated before any allocation: `points x (rules + 1) x u`, where `u` is 1 for a
 * best response (entry, replacement), the number of entrants for sequential entry, and for equilibria
 * `EQUILIBRIUM_BASE_UNITS` plus the joint profiles enumerated (when at most `maxProfiles`).
 *
 * @throws nothing (arithmetic on the axes; infinite profile counts count as not enumerated).
 * @example
 * const m = parseMarket({
 *   tasks: [{ name: "a" }, { name: "b" }],
 *   selection: { rule: "epsilon", eps: 0.1 },
 *   producers: [{ name: "A", quality: [1, 0] }],
 * });
 * const entry = { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } } as const;
 * sweepWorkEstimate(m, entry, 2, [{ name: "eps", from: 0, to: 1, points: 11 }]).units; // 33
 */
export function sweepWorkEstimate(
  market: Market,
  question: CompareQuestion,
  rules: number,
  axes: readonly SweepAxis[],
  maxProfiles: number = DEFAULT_MAX_PROFILES,
): SweepWorkEstimate {
  const points = axes.reduce((n, a) => n * a.points, 1);
  let u = 1;
  if (question.kind === "sequential") u = question.entrants;
  if (question.kind === "equilibrium") {
    const profiles = marketProfileCount(market);
    u = EQUILIBRIUM_BASE_UNITS + (profiles <= maxProfiles ? profiles : 0);
  }
  const choices = rules + 1;
  return { points, perPoint: choices * u, units: points * choices * u, choices, perChoice: u };
}

/** Options of `sweepRules`. */
export interface SweepOptions extends CompareOptions {
  /** Seed of the `incumbents` family (default `1`). */
  familySeed?: string;
  /** Worker threads (default 1: in this thread). Rules must then be given by name. */
  workers?: number;
  /**
   * Absolute width to which change points are bisected (default `1e-12 x max(1, |from|, |to|)`);
   * integer parameters are bisected to consecutive integers.
   */
  thresholdTolerance?: number;
  /** Skip the bisection of change points. */
  noChangePoints?: boolean;
  /** Hears the sweep's points as they are done. */
  progress?: ProgressSink;
  /** Refuse sweeps whose `sweepWorkEstimate` exceeds this (default `DEFAULT_MAX_SWEEP_WORK`). */
  maxSweepWork?: number;
  /**
   * Only the points of the grid indices `i` with `i mod count = index - 1` (a shard, 1-based): the
   * report then holds those points only, and no change points (see `sweepShardPoints`).
   */
  shard?: { index: number; count: number };
  /**
   * The points of the whole grid, already computed (the merge of a sharded sweep, in grid order):
   * they are checked against the grid and used as they are; change points are located as usual.
   */
  points?: readonly SweepPoint[];
}

/** Everything `sweepRules` reports. */
export interface SweepReport {
  question: CompareQuestion;
  axes: SweepAxis[];
  rules: string[];
  /** Points in row-major order (the first axis slowest). */
  points: SweepPoint[];
  /** Change points of a one-dimensional sweep (empty for two dimensions). */
  changePoints: ChangePoint[];
  /** The bisection's width (`null` when no bisection ran). */
  thresholdTolerance: number | null;
  /** Why change points were or were not computed (worded by `changePointsNoteText`). */
  changePointsNote: ChangePointsNote;
}

function compact(r: RuleOutcome): SweepRule {
  const { outcomes, note: _note, ...rest } = r;
  return { ...rest, choice: outcomes.map((o) => o.label) };
}

/** The inputs of one sweep, as sent to worker threads (plain data). */
export interface SweepTask {
  market: Market;
  question: CompareQuestion;
  rules: string[];
  axes: SweepAxis[];
  opts: CompareOptions & { familySeed?: string };
}

/**
 * Computes one point of a sweep (what a worker thread runs).
 *
 * @throws InputError from the parameters and the solvers.
 * @example
 * const task = {
 *   market,
 *   question: { kind: "entry" as const, entrant: { name: "E", space: { kind: "top-k" as const, k: 1 } } },
 *   rules: ["winrate", "weighted-winrate"],
 *   axes: [{ name: "weight.law", from: 0, to: 1, points: 3 }],
 *   opts: {},
 * };
 * sweepPoint(task, [0.3]).rules[0]!.stats.welfareMax; // 0.846 (winrate's choice at weight.law = 0.3)
 */
export function sweepPoint(task: SweepTask, values: readonly number[]): SweepPoint {
  const { market, question } = applyAll(
    task.market,
    task.question,
    task.axes,
    values,
    task.opts.familySeed ?? "1",
  );
  const c: Comparison = compareRules(market, question, task.rules, task.opts);
  return {
    values: values.slice(),
    welfareOptimum: c.welfareOptimum,
    welfareOptimumExact: c.welfareOptimumExact,
    rules: c.rules.map(compact),
    welfare: compact(c.welfare),
    disagreements: c.disagreements,
  };
}

/**
 * Sweeps `compareRules` over one or two parameters: every point answers `question` under every rule
 * in `rules` (names) with the same columns; a one-dimensional sweep over a finite choice space also
 * gets its change points, bisected to `thresholdTolerance`. Points run in `opts.workers` worker threads
 * (default 1, this thread) and the report is the same for any number of workers.
 *
 * @throws InputError for bad axes or parameters (naming `sweep NAME`) and from the solvers.
 * @example
 * const rep = await sweepRules(market, { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } },
 *   ["winrate", "weighted-winrate"], [{ name: "weight.law", from: 0, to: 1, points: 11 }]);
 * rep.changePoints; // [{ rule: "winrate", parameter: "weight.law", value: 0.5088, before: "{code}", after: "{law}", ... }, ...]
 */
export async function sweepRules(
  market: Market,
  question: CompareQuestion,
  rules: readonly string[],
  axes: readonly SweepAxis[],
  opts: SweepOptions = {},
): Promise<SweepReport> {
  checkSweep(market, question, rules, axes, opts);
  // the sink hears sweep points only (and a function cannot go to a worker thread)
  const {
    workers = 1,
    progress,
    thresholdTolerance,
    noChangePoints,
    shard,
    points: given,
    maxSweepWork: _max,
    ...rest
  } = opts;
  const task: SweepTask = {
    market,
    question,
    rules: rules.slice(),
    axes: axes.map((a) => ({ ...a })),
    opts: { ...rest, familySeed: opts.familySeed ?? "1" },
  };
  const grid = sweepGrid(axes);
  // every point's parameters are applied once here, so that bad values fail before any work starts
  for (const values of grid) applyAll(market, question, axes, values, task.opts.familySeed!);
  // a shard computes the points of its grid indices, each from the whole grid's values
  const mine = shard === undefined ? grid : grid.filter((_, i) => i % shard.count === shard.index - 1);
  const points = await computePoints(task, grid, mine, given, workers, progress);
  if (shard !== undefined) {
    return {
      question,
      axes: axes.map((a) => ({ ...a })),
      rules: rules.slice(),
      points,
      changePoints: [],
      thresholdTolerance: null,
      changePointsNote: { code: "shard", index: shard.index, count: shard.count },
    };
  }

  const {
    changePoints,
    note,
    tolerance: tol,
  } = changePointsOf(market, question, rules, axes, points, {
    ...task.opts,
    ...(thresholdTolerance === undefined ? {} : { thresholdTolerance }),
    ...(noChangePoints === undefined ? {} : { noChangePoints }),
  });
  return {
    question,
    axes: axes.map((a) => ({ ...a })),
    rules: rules.slice(),
    points,
    changePoints,
    thresholdTolerance: tol,
    changePointsNote: note,
  };
}

/** The axes are one or two distinct parameters, and the sweep's work (a shard's share) is within its limit. */
function checkSweep(
  market: Market,
  question: CompareQuestion,
  rules: readonly string[],
  axes: readonly SweepAxis[],
  opts: SweepOptions,
): void {
  if (axes.length < 1 || axes.length > 2) {
    throw new InputError(undefined, "sweep", `give one or two parameters, got ${axes.length}`);
  }
  if (axes.length === 2 && axes[0]!.name === axes[1]!.name) {
    throw new InputError(undefined, "sweep", `parameter "${axes[0]!.name}" is swept twice`);
  }
  // estimated from the axes alone, before the grid is allocated
  const estimate = sweepWorkEstimate(market, question, rules.length, axes, opts.maxProfiles);
  checkWorkLimit(
    "maxSweepWork",
    // a shard computes one in `count` points
    opts.shard === undefined ? estimate.units : Math.ceil(estimate.units / opts.shard.count),
    opts.maxSweepWork ?? DEFAULT_MAX_SWEEP_WORK,
    `sweep work units (${sweepWorkText(estimate)})`,
  );
}

/**
 * The points of `mine` (grid values): `given` ones (a merge's, checked to be the whole grid's, in
 * order), or computed in this thread or on `workers` worker threads.
 */
async function computePoints(
  task: SweepTask,
  grid: readonly number[][],
  mine: readonly number[][],
  given: readonly SweepPoint[] | undefined,
  workers: number,
  progress: SweepOptions["progress"],
): Promise<SweepPoint[]> {
  if (given !== undefined) {
    const same = (p: SweepPoint, i: number) =>
      p.values.length === grid[i]!.length && p.values.every((x, k) => Object.is(x, grid[i]![k]));
    if (given.length !== grid.length || !given.every(same))
      throw new InputError(
        undefined,
        "points",
        `must be the ${grid.length} points of the sweep's grid, in order`,
      );
    return given.slice();
  }
  if (workers <= 1 || mine.length < 2) {
    const points: SweepPoint[] = [];
    for (const values of mine) {
      points.push(sweepPoint(task, values));
      progress?.({ done: points.length, total: mine.length, unit: "sweep points" });
    }
    return points;
  }
  const { runSweepPoints } = await import("./pool.js");
  return runSweepPoints(task, mine, Math.min(workers, mine.length), progress);
}
