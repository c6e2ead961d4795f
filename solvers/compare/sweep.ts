/**
 * Sweeps of a rule comparison over one or two parameters (issue 12): the selection noise (`beta`,
 * `sigma`, `eps`), one task's weight (`weight.TASK`, the other weights keeping their proportions), the
 * strategy space's `budget` or `k`, or the number of incumbents in a seeded random family
 * (`incumbents`). Every point reports the same columns as `compareRules`; along a one-dimensional sweep
 * the parameter values where a rule's choice changes are located by bisection (`changePoints`).
 *
 * Same inputs, same report: points are computed independently (in worker threads when asked) and
 * assembled in point order, and the bisection runs in the calling thread, so the report does not
 * depend on the number of workers.
 */
import seedrandom from "seedrandom";
import { InputError } from "../../src/errors.js";
import { readDecimal } from "../../src/io/decimal.js";
import { DEFAULT_MAX_PROFILES, DEFAULT_MAX_SWEEP_WORK } from "../../src/limits.js";
import { isFiniteSpace } from "../../src/model/strategies.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { checkWorkLimit, type ProgressSink } from "../../src/work.js";
import { marketProfileCount } from "../marketGame.js";
import {
  type CompareOptions,
  type CompareQuestion,
  type Comparison,
  compareRules,
  type RuleContrast,
  type RuleOutcome,
  ruleChoice,
  WELFARE_RULE,
} from "./question.js";

/** One swept parameter: `points` values evenly spaced from `from` to `to` (both included). */
export interface SweepAxis {
  /** `beta`, `sigma`, `eps`, `weight.TASK`, `budget`, `k` or `incumbents`. */
  name: string;
  from: number;
  to: number;
  points: number;
}

/** Largest number of points of one axis. */
export const MAX_SWEEP_POINTS = 10_000;

/** Parameters taking integer values (their change points are integers, found by integer bisection). */
const INTEGER_PARAMETERS = new Set(["k", "incumbents"]);

/**
 * Parses `NAME=FROM:TO:POINTS`, e.g. `beta=0.5:20:50` or `weight.t1=0:1:11`.
 *
 * @throws InputError naming `where` for a bad name, a non-number, or fewer than 1 or more than
 *   `MAX_SWEEP_POINTS` points (1 point needs FROM = TO).
 * @example
 * parseCompareSweepSpec("eps=0:1:5"); // { name: "eps", from: 0, to: 1, points: 5 }
 */
export function parseCompareSweepSpec(text: string, where = "sweep"): SweepAxis {
  const eq = text.indexOf("=");
  if (eq === -1) throw new InputError(undefined, where, `expected NAME=FROM:TO:POINTS, got "${text}"`);
  const name = text.slice(0, eq).trim();
  if (
    !["beta", "sigma", "eps", "budget", "k", "incumbents"].includes(name) &&
    !(name.startsWith("weight.") && name.length > "weight.".length)
  ) {
    throw new InputError(
      undefined,
      where,
      `unknown parameter "${name}" (known: beta, sigma, eps, weight.TASK, budget, k, incumbents)`,
    );
  }
  const parts = text.slice(eq + 1).split(":");
  if (parts.length !== 3)
    throw new InputError(undefined, where, `expected ${name}=FROM:TO:POINTS, got "${text}"`);
  // the one number parser (decimal only: no 0x3, no Infinity, no silent underflow)
  const [from, to, points] = parts.map((p) => {
    const r = readDecimal(p.trim());
    return r.problem === undefined ? r.value : Number.NaN;
  });
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new InputError(undefined, where, `FROM and TO must be finite decimal numbers, got "${text}"`);
  }
  if (!(Number.isInteger(points) && points! >= 1 && points! <= MAX_SWEEP_POINTS)) {
    throw new InputError(
      undefined,
      where,
      `POINTS must be an integer from 1 to ${MAX_SWEEP_POINTS}, got "${parts[2]}"`,
    );
  }
  if (points === 1 && from !== to) throw new InputError(undefined, where, "one point needs FROM = TO");
  return { name, from: from!, to: to!, points: points! };
}

/**
 * Point `i` of `n` from `from` to `to`: `from + (to - from) i / (n - 1)`, the historical formula (kept
 * so that reports do not change), unless it overflows (`(to - from) i` past the double range, as for
 * `1:1e308:5`, or `to - from` itself for ends of opposite signs); then `from (1 - t) + to t`, whose terms are each at most the
 * larger end in size, with both ends halved for the last rounding case.
 */
function between(from: number, to: number, i: number, n: number): number {
  const direct = from + ((to - from) * i) / (n - 1);
  if (Number.isFinite(direct)) return direct;
  const t = i / (n - 1);
  const x = from * (1 - t) + to * t;
  return Number.isFinite(x) ? x : 2 * ((from / 2) * (1 - t) + (to / 2) * t);
}

/** The midpoint of `[a, b]` without overflow (`b - a` overflows for ends of opposite signs near 1.8e308). */
function midpoint(a: number, b: number): number {
  const d = b - a;
  return Number.isFinite(d) ? a + d / 2 : a / 2 + b / 2;
}

/**
 * The values of an axis: `from + (to - from) i / (points - 1)`, the last exactly `to`; integer
 * parameters must land on integers.
 *
 * @throws InputError when an integer parameter's grid has non-integer values.
 * @example
 * axisValues({ name: "eps", from: 0, to: 1, points: 3 }); // [0, 0.5, 1]
 */
export function axisValues(axis: SweepAxis, where = "sweep"): number[] {
  const n = axis.points;
  const xs = Array.from({ length: n }, (_, i) =>
    n === 1 ? axis.from : i === n - 1 ? axis.to : between(axis.from, axis.to, i, n),
  );
  if (INTEGER_PARAMETERS.has(axis.name)) {
    return xs.map((x) => {
      const r = Math.round(x);
      if (Math.abs(x - r) > RELATIVE_TOLERANCE * Math.max(1, Math.abs(x))) {
        throw new InputError(
          undefined,
          where,
          `${axis.name} takes integer values; ${axis.from}:${axis.to}:${n} gives ${x}`,
        );
      }
      return r;
    });
  }
  return xs;
}

/**
 * The first `n` members of the seeded random family of incumbents on `market`'s tasks: fixed
 * producers `I1, I2, ...` with qualities uniform in `[0, v_t]` (`seedrandom.alea`), the same first
 * members for every `n`.
 *
 * @throws nothing for a non-negative integer `n`.
 * @example
 * randomIncumbents(market, 3, "1").map((p) => p.name); // ["I1", "I2", "I3"]
 */
export function randomIncumbents(market: Market, n: number, seed: string): Market["producers"] {
  const rand = seedrandom.alea(`incumbents:${seed}`);
  return Array.from({ length: n }, (_, i) => ({
    name: `I${i + 1}`,
    quality: market.tasks.map((t) => t.cap * rand()),
    space: { kind: "fixed" } as StrategySpace,
  }));
}

function withSpace(space: StrategySpace, name: string, value: number, where: string): StrategySpace {
  if (name === "budget") {
    if (space.kind !== "grid" && space.kind !== "budget") {
      throw new InputError(undefined, where, `budget needs a grid or budget space, not ${space.kind}`);
    }
    if (!(value > 0)) throw new InputError(undefined, where, `budget must be > 0, got ${value}`);
    return { ...space, budget: value };
  }
  if (space.kind !== "top-k")
    throw new InputError(undefined, where, `k needs a top-k space, not ${space.kind}`);
  return { ...space, k: value };
}

/**
 * `market` and `question` with parameter `name` set to `value` (see the module comment).
 *
 * @throws InputError naming `where` for a value out of range or a parameter the question lacks.
 * @example
 * applyParameter(market, { kind: "equilibrium" }, "eps", 0.2, "1").market.selection; // { rule: "epsilon", eps: 0.2 }
 */
export function applyParameter(
  market: Market,
  question: CompareQuestion,
  name: string,
  value: number,
  seed: string,
  where = "sweep",
): { market: Market; question: CompareQuestion } {
  const fail = (problem: string): never => {
    throw new InputError(undefined, where, problem);
  };
  switch (name) {
    case "beta":
      if (!(value >= 0)) fail(`beta must be >= 0, got ${value}`);
      return { market: { ...market, selection: { rule: "logit", beta: value } }, question };
    case "sigma":
      if (!(value > 0)) fail(`sigma must be > 0, got ${value}`);
      return { market: { ...market, selection: { rule: "probit", sigma: value } }, question };
    case "eps":
      if (!(value >= 0 && value <= 1)) fail(`eps must be in [0, 1], got ${value}`);
      return { market: { ...market, selection: { rule: "epsilon", eps: value } }, question };
    case "budget":
    case "k": {
      if (name === "k" && !(value >= 1 && value <= market.tasks.length)) {
        fail(`k must be from 1 to ${market.tasks.length} (the tasks), got ${value}`);
      }
      switch (question.kind) {
        case "entry":
          return {
            market,
            question: {
              ...question,
              entrant: { ...question.entrant, space: withSpace(question.entrant.space, name, value, where) },
            },
          };
        case "sequential":
          return { market, question: { ...question, space: withSpace(question.space, name, value, where) } };
        case "replace": {
          const p = market.producers.find((x) => x.name === question.producer);
          const space = question.space ?? p?.space ?? { kind: "fixed" };
          return { market, question: { ...question, space: withSpace(space, name, value, where) } };
        }
        case "equilibrium": {
          let touched = false;
          const producers = market.producers.map((p) => {
            const fits =
              name === "k" ? p.space.kind === "top-k" : p.space.kind === "grid" || p.space.kind === "budget";
            if (!fits) return p;
            touched = true;
            return { ...p, space: withSpace(p.space, name, value, where) };
          });
          if (!touched)
            fail(`no strategic producer has a ${name === "k" ? "top-k" : "grid or budget"} space`);
          return { market: { ...market, producers }, question };
        }
      }
      break;
    }
    case "incumbents": {
      if (!(Number.isInteger(value) && value >= 0)) fail(`incumbents must be an integer >= 0, got ${value}`);
      // the strategic producers (and the one that re-chooses) stay; the fixed ones are replaced
      const keep = market.producers.filter(
        (p) => p.space.kind !== "fixed" || (question.kind === "replace" && p.name === question.producer),
      );
      const family = randomIncumbents(market, value, seed).map((p) => {
        let nm = p.name;
        while (keep.some((k) => k.name === nm)) nm = `${nm}'`;
        return { ...p, name: nm };
      });
      return { market: { ...market, producers: [...family, ...keep] }, question };
    }
    default: {
      if (!name.startsWith("weight.")) fail(`unknown parameter "${name}"`);
      const task = name.slice("weight.".length);
      const t = market.tasks.findIndex((x) => x.name === task);
      if (t < 0) fail(`unknown task "${task}" (known: ${market.tasks.map((x) => x.name).join(", ")})`);
      if (!(value >= 0 && value <= 1)) fail(`a task weight must be in [0, 1], got ${value}`);
      const rest = market.tasks.reduce((a, x, k) => (k === t ? a : a + x.weight), 0);
      if (!(rest > 0) && value < 1) fail(`the other tasks' weights are all zero: cannot scale them`);
      const tasks = market.tasks.map((x, k) => ({
        ...x,
        weight: k === t ? value : rest > 0 ? (x.weight * (1 - value)) / rest : 0,
      }));
      return { market: { ...market, tasks }, question };
    }
  }
  return fail(`unknown parameter "${name}"`);
}

function applyAll(
  market: Market,
  question: CompareQuestion,
  axes: readonly SweepAxis[],
  values: readonly number[],
  seed: string,
): { market: Market; question: CompareQuestion } {
  let cur = { market, question };
  axes.forEach((a, k) => {
    cur = applyParameter(cur.market, cur.question, a.name, values[k]!, seed, `sweep ${a.name}`);
  });
  return cur;
}

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

/** Where a rule's choice changes along a one-dimensional sweep. */
export interface ChangePoint {
  /** Rule name, or `welfare` for the welfare-optimal choice. */
  rule: string;
  parameter: string;
  /** The change point: midpoint of `[lower, upper]`. */
  value: number;
  /** Largest value found with the `before` choice. */
  lower: number;
  /** Smallest value found with the `after` choice (`upper - lower` is the bracket left). */
  upper: number;
  /** Choice key below and above. */
  before: string;
  after: string;
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
  /** Why change points were or were not computed. */
  changePointsNote: string;
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
 * sweepPoint(task, [0.3]).rules[0]!.stats.welfare_max; // 0.846 (winrate's choice at weight.law = 0.3)
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

/** What a sweep will cost, from its axes alone: points, units per point, their product. */
export interface SweepWorkEstimate {
  /** Points of the grid: the product of the axes' points. */
  points: number;
  /** Units of one point: (rules + the welfare optimum) x the units of one choice. */
  perPoint: number;
  /** `points x perPoint`, the number checked against `maxSweepWork`. */
  units: number;
  /** The product in words, e.g. `"9,000,000 points x 5 choices x 1"`. */
  text: string;
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
  const f = (n: number) => n.toLocaleString("en-US");
  return {
    points,
    perPoint: choices * u,
    units: points * choices * u,
    text: `${f(points)} points x ${choices} choices x ${f(u)} per choice`,
  };
}

/**
 * All points' parameter values, row-major.
 *
 * @throws InputError (naming `sweep NAME`) when an integer parameter's (`k`, `incumbents`) grid has
 *   non-integer values (from `axisValues`).
 * @example
 * sweepGrid([{ name: "k", from: 1, to: 2, points: 2 }, { name: "eps", from: 0, to: 1, points: 2 }]); // [[1, 0], [1, 1], [2, 0], [2, 1]]
 */
export function sweepGrid(axes: readonly SweepAxis[]): number[][] {
  const lists = axes.map((a) => axisValues(a, `sweep ${a.name}`));
  let grid: number[][] = [[]];
  for (const xs of lists) grid = grid.flatMap((g) => xs.map((x) => [...g, x]));
  return grid;
}

function finiteChoice(market: Market, q: CompareQuestion): boolean {
  switch (q.kind) {
    case "entry":
      return isFiniteSpace(q.entrant.space);
    case "sequential":
      return isFiniteSpace(q.space);
    case "replace": {
      const p = market.producers.find((x) => x.name === q.producer);
      const s = q.space ?? p?.space;
      return s !== undefined && isFiniteSpace(s);
    }
    case "equilibrium":
      return market.producers.every((p) => isFiniteSpace(p.space));
  }
}

/**
 * Locates where `keyAt` changes from `before` (at `lo`) to `after` (at `hi`): two bisections, one for
 * the end of the `before` region and one for the start of the `after` region, each to `tol` (integers:
 * to consecutive integers). A tie band between them (both choices within the tolerance) is centred.
 */
function locate(
  lo: number,
  hi: number,
  before: string,
  after: string,
  keyAt: (x: number) => string,
  tol: number,
  integer: boolean,
): { lower: number; upper: number; value: number } {
  const mid = (a: number, b: number) => (integer ? Math.floor((a + b) / 2) : midpoint(a, b));
  const done = (a: number, b: number) => (integer ? b - a <= 1 : b - a <= tol);
  let a = lo;
  let b = hi;
  // each step halves [a, b] (or shrinks it by at least one integer), so the loops end
  while (!done(a, b)) {
    const m = mid(a, b);
    if (m <= a || m >= b) break;
    if (keyAt(m) === before) a = m;
    else b = m;
  }
  const lower = a;
  let c = a;
  let d = hi;
  while (!done(c, d)) {
    const m = mid(c, d);
    if (m <= c || m >= d) break;
    if (keyAt(m) === after) d = m;
    else c = m;
  }
  const upper = d;
  return { lower, upper, value: integer ? upper : midpoint(lower, upper) };
}

/**
 * A grid point can land inside the tie band of a change (both choices tied, the choice is their
 * union): the two changes into and out of the tie are one change point, centred on the band.
 */
function mergeTies(cps: readonly ChangePoint[], integer: boolean): ChangePoint[] {
  const out: ChangePoint[] = [];
  for (const cp of cps) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.after === cp.before) {
      const union = new Set([...prev.before.split(" | "), ...cp.after.split(" | ")]);
      const mid = new Set(cp.before.split(" | "));
      if (union.size === mid.size && [...mid].every((x) => union.has(x))) {
        const lower = prev.lower;
        const upper = cp.upper;
        out[out.length - 1] = {
          ...prev,
          lower,
          upper,
          value: integer ? upper : midpoint(lower, upper),
          after: cp.after,
        };
        continue;
      }
    }
    out.push(cp);
  }
  return out;
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
    estimate.units,
    opts.maxSweepWork ?? DEFAULT_MAX_SWEEP_WORK,
    `sweep work units (${estimate.text})`,
  );
  // the sink hears sweep points only (and a function cannot go to a worker thread)
  const { workers = 1, progress, thresholdTolerance, noChangePoints, maxSweepWork: _max, ...rest } = opts;
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
  let points: SweepPoint[];
  if (workers <= 1 || grid.length < 2) {
    points = [];
    for (const values of grid) {
      points.push(sweepPoint(task, values));
      progress?.({ done: points.length, total: grid.length, unit: "sweep points" });
    }
  } else {
    const { runSweepPoints } = await import("./pool.js");
    points = await runSweepPoints(task, grid, Math.min(workers, grid.length), progress);
  }

  const changePoints: ChangePoint[] = [];
  let note: string;
  let tol: number | null = null;
  if (axes.length !== 1) note = "change points are located along one-dimensional sweeps only";
  else if (noChangePoints) note = "not computed (turned off)";
  else if (!finiteChoice(market, question))
    note = "not computed: a continuous budget space's choice changes continuously";
  else {
    const axis = axes[0]!;
    const integer = INTEGER_PARAMETERS.has(axis.name);
    tol = integer ? 1 : (thresholdTolerance ?? 1e-12 * Math.max(1, Math.abs(axis.from), Math.abs(axis.to)));
    if (!(tol > 0)) throw new InputError(undefined, "thresholdTolerance", `must be > 0, got ${tol}`);
    const names = [...rules, WELFARE_RULE];
    for (const name of names) {
      const keyAt = (x: number): string => {
        const { market: m, question: q } = applyAll(market, question, axes, [x], task.opts.familySeed!);
        return ruleChoice(m, q, name === WELFARE_RULE ? null : name, task.opts).key;
      };
      const keyOf = (p: SweepPoint) =>
        name === WELFARE_RULE ? p.welfare.key : p.rules.find((r) => r.rule === name)!.key;
      const found: ChangePoint[] = [];
      for (let i = 0; i + 1 < points.length; i++) {
        const k0 = keyOf(points[i]!);
        const k1 = keyOf(points[i + 1]!);
        if (k0 === k1) continue;
        const x0 = points[i]!.values[0]!;
        const x1 = points[i + 1]!.values[0]!;
        const lo = Math.min(x0, x1);
        const hi = Math.max(x0, x1);
        const [before, after] = x0 <= x1 ? [k0, k1] : [k1, k0];
        const loc = locate(lo, hi, before, after, keyAt, tol, integer);
        found.push({ rule: name, parameter: axis.name, ...loc, before, after });
      }
      changePoints.push(...mergeTies(found, integer));
    }
    note = integer
      ? "integer parameter: value is the first integer with the new choice"
      : `bisected to ${tol}; value is the midpoint of [lower, upper]`;
  }
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
