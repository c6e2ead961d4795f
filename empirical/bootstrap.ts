/**
 * Seeded bootstrap for the study's leaderboards and the ratings: replicate `k` resamples the
 * judgements (or, with only a score table, the tasks) from its own random stream `alea(seed/k)`, so
 * its numbers depend on the seed and `k` only: the same on one core or on any number of workers.
 *
 * Resampling: with pairwise data, the judgements are redrawn by `spec.resample` (`resample.ts`: the
 * whole log by default, whole clusters, or within each cell). The score table is kept (it holds means only), and the noise is refitted to each
 * replicate's judgements when the selection is fitted, so the fit's uncertainty reaches every
 * leaderboard. With a score table alone, each replicate draws `T` of the `T` tasks with replacement
 * (the bootstrap over tasks; best-response entrants are then compared by welfare only).
 *
 * Source: B. Efron and R. Tibshirani, An Introduction to the Bootstrap (1993), Ch. 6 and 13 (percentile
 * intervals).
 */

import { InputError } from "../src/errors.js";
import type { PairwiseData } from "../src/io/pairwise.js";
import { type Normalization, type ScoreTable, scoreTableMarket } from "../src/io/scoreTable.js";
import { DEFAULT_MAX_REPLICATES } from "../src/limits.js";
import { MarketEvaluator } from "../src/model/evaluate.js";
import { payoffRule } from "../src/model/payoffs.js";
import type { SelectionRule, StrategySpace } from "../src/model/types.js";
import { alea } from "../src/numeric/alea.js";
import type { ProgressSink } from "../src/work.js";
import { fitNoise, type NoiseModel, noiseObservations } from "./calibrate.js";
import { argmaxAll, competitionRanks, kendallTau } from "./ranking.js";
import { fitBradleyTerry } from "./ratings/bradley-terry.js";
import {
  comparisonsOnLayout,
  type PairLayout,
  pairLayout,
  type TaskSelector,
} from "./ratings/comparisons.js";
import { fitDavidson } from "./ratings/davidson.js";
import type { Anchor, PriorPolicy } from "./ratings/types.js";
import { type ResampleScheme, resamplePairwise } from "./resample.js";
import { flatQualities, studyRules } from "./setup.js";
import { projectSolver } from "./solver.js";

export { binomial, resamplePairwise } from "./resample.js";

export { DEFAULT_MAX_REPLICATES };

/** What is resampled and recomputed. Plain data (it is sent to worker threads). */
export interface BootstrapSpec {
  /** The score table of the leaderboards (omit for ratings only). */
  table?: ScoreTable;
  /** Pairwise judgements (resampled when given; required for `selection: { fit }` and `ratings`). */
  pairwise?: PairwiseData;
  normalization?: Normalization;
  weights?: number[] | Record<string, number>;
  /** A fixed selection rule, or `{ fit: "logit" | "probit" }` to refit the noise per replicate. */
  selection?: SelectionRule | { fit: NoiseModel };
  /** Payoff rule names (default: the study's rules). */
  rules?: string[];
  /** The entrant's space: its best response under each rule is recomputed per replicate. */
  space?: StrategySpace;
  /** Bradley-Terry ratings per task and overall from each replicate's judgements. */
  ratings?: boolean;
  /** The tasks rated with `ratings` (`overall` or the data's task names), in order; default overall then every task. */
  ratingTasks?: string[];
  /** How the replicates' ratings are fitted (default: ties half a win, mean anchor, prior auto). */
  ratingOptions?: { ties?: "half" | "davidson"; anchor?: Anchor; prior?: PriorPolicy };
  /** What each replicate redraws from the judgements (default `battles`: the whole log; see `resample.ts`). */
  resample?: ResampleScheme;
  /** The ratings' interval: `bca` (default; `ratings/bca.ts`) or `percentile`. */
  ratingInterval?: "bca" | "percentile";
  /**
   * The ranks' interval: `percentile` (default; the 2.5% and 97.5% order statistics of the replicates'
   * ranks) or `calibrated` (the same at the level the iterated bootstrap calibrates to 95%;
   * `ratings/rank-calibrated.ts`).
   */
  rankInterval?: "percentile" | "calibrated";
  /** `false`: skip the score table's leaderboards (only the refitted noise is wanted, as in `calibrate`). */
  leaderboards?: boolean;
  replicates: number;
  seed: string;
}

/** One replicate's numbers (plain arrays: structured-clone friendly). */
export interface ReplicateResult {
  k: number;
  /**
   * The refitted beta or sigma: `Infinity` or 0 on a boundary; `null` when the selection is fixed or the
   * fit did not converge.
   */
  noise: number | null;
  /** `payoffs[r][i]` per rule and model (empty without a table). */
  payoffs: number[][];
  ranks: number[][];
  /** Kendall tau-b for each pair of rules `a < b` in order `(0,1), (0,2), ..., (1,2), ...` (NaN: undefined). */
  kendall: number[];
  /** Index of the top model (first maximiser) per rule. */
  top: number[];
  /** Welfare after the best-response entrant enters, per rule, and its quality vector as a key. */
  bestResponseWelfare: number[] | null;
  bestResponseKey: string[] | null;
  /** Ratings: `[task][model]` over `ratingSelectors` and `ratingModels`. */
  ratings: number[][] | null;
  /** The fits' groups (models that met, directly or through others), as `ratings`. */
  ratingGroups?: number[][] | null;
}

/** The task-resampled table: `T` columns drawn with replacement (names made unique). */
function resampleTasks(
  table: ScoreTable,
  weights: number[] | Record<string, number> | undefined,
  rng: () => number,
): { table: ScoreTable; weights: number[] | undefined } {
  const T = table.tasks.length;
  const pick = Array.from({ length: T }, () => Math.min(T - 1, Math.floor(rng() * T)));
  const w =
    weights === undefined
      ? undefined
      : Array.isArray(weights)
        ? pick.map((t) => weights[t]!)
        : pick.map((t) => weights[table.tasks[t]!]!);
  return {
    table: {
      ...table,
      tasks: pick.map((t, k) => `${table.tasks[t]}#${k}`),
      scores: table.scores.map((row) => pick.map((t) => row[t]!)),
    },
    weights: w,
  };
}

/**
 * The models rated in a spec's replicates: the pairwise models, in the data's order.
 *
 * @example
 * ratingModels({ pairwise: data, replicates: 1, seed: "1" }); // data.models
 */
export function ratingModels(spec: BootstrapSpec): string[] {
  return spec.pairwise?.models.slice() ?? [];
}

/**
 * The tasks rated in a spec's replicates, each with its selector: `ratingTasks`, else overall then
 * every task of the judgements; the order of `ReplicateResult.ratings`.
 *
 * @example
 * ratingSelectors({ pairwise: data, ratingTasks: ["overall"], replicates: 1, seed: "1" }); // [{ task: "overall", selector: { overall: true } }]
 */
export function ratingSelectors(spec: BootstrapSpec): Array<{ task: string; selector: TaskSelector }> {
  const tasks = spec.ratingTasks ?? ["overall", ...(spec.pairwise?.tasks ?? [])];
  return tasks.map((task) => ({
    task,
    selector: task === "overall" ? { overall: true as const } : { task },
  }));
}

/**
 * Computes replicate `k` (or, for `k = -1`, the point estimate on the data as given).
 *
 * @throws InputError when the spec is inconsistent (a fitted selection without pairwise data).
 * @example
 * const spec = { table: wildbenchTable, pairwise, normalization: { kind: "minmax" as const }, selection: { fit: "logit" as const }, replicates: 20, seed: "1" };
 * bootstrapReplicate(spec, -1).noise; // 4.30 (beta fitted on the data as given)
 * bootstrapReplicate(spec, 0).noise; // 4.33 (beta fitted on replicate 0's resampled judgements)
 */
export function bootstrapReplicate(spec: BootstrapSpec, k: number): ReplicateResult {
  const rng = alea(`${spec.seed}/bootstrap/${k}`);
  const draw = () => rng();
  const data =
    spec.pairwise === undefined
      ? undefined
      : k < 0
        ? spec.pairwise
        : resamplePairwise(spec.pairwise, draw, spec.resample);
  const { noise, selection } = replicateSelection(spec, data);
  const out: ReplicateResult = {
    k,
    noise,
    payoffs: [],
    ranks: [],
    kendall: [],
    top: [],
    bestResponseWelfare: null,
    bestResponseKey: null,
    ratings: null,
  };
  if (spec.table !== undefined && spec.leaderboards !== false)
    replicateLeaderboards(
      spec,
      spec.table,
      data === undefined && k >= 0 ? draw : null,
      leaderboardSelection(spec, selection, k),
      out,
    );
  if (spec.ratings === true && data !== undefined) {
    const fits = replicateRatings(spec, data, k < 0 ? undefined : warmStarts(spec));
    out.ratings = fits.map((f) => f.ratings);
    out.ratingGroups = fits.map((f) => f.groups);
  }
  return out;
}

/**
 * The replicate's selection rule: the noise refitted to its judgements, or the fixed rule. A fit on a
 * boundary is the rule's limit there: logit `beta = infinity` and probit `sigma = 0` (the better-scored
 * model always wins) are `perfect` (the limit of both: the best answer, ties split evenly), probit
 * `sigma = infinity` is the uniform rule (`logit` at `beta = 0`); the noise is then `Infinity` or 0, a
 * value like any other. A fit that did not converge has no value (`noise: null`) and no selection
 * (`null`): its leaderboards, if wanted, use the data's own fit (`leaderboardSelection`).
 */
function replicateSelection(
  spec: BootstrapSpec,
  data: PairwiseData | undefined,
): { noise: number | null; selection: SelectionRule | null } {
  const sel = spec.selection;
  if (sel === undefined) return { noise: null, selection: { rule: "logit", beta: 20 } };
  if (!("fit" in sel)) return { noise: null, selection: sel };
  if (data === undefined || spec.table === undefined)
    throw new InputError(undefined, "selection", "a fitted noise needs a score table and pairwise data");
  const { obs } = noiseObservations(spec.table, data, {
    ...(spec.normalization === undefined ? {} : { normalization: spec.normalization }),
    ...(spec.weights === undefined ? {} : { weights: spec.weights }),
  });
  const fit = fitNoise(obs, sel.fit, undefined, false);
  if (fit.boundary === "infinite")
    return sel.fit === "logit"
      ? { noise: Number.POSITIVE_INFINITY, selection: { rule: "perfect" } }
      : { noise: Number.POSITIVE_INFINITY, selection: { rule: "logit", beta: 0 } };
  if (fit.value === null) return { noise: null, selection: null };
  // probit sigma = 0 is not evaluated (it divides by sigma): its limit is perfect
  if (sel.fit === "probit" && fit.boundary === "zero")
    return { noise: fit.value, selection: { rule: "perfect" } };
  return {
    noise: fit.value,
    selection:
      sel.fit === "logit" ? { rule: "logit", beta: fit.value } : { rule: "probit", sigma: fit.value },
  };
}

/** The data's own fitted selection per spec (the point estimate's), computed once per spec object. */
const dataSelection = new WeakMap<BootstrapSpec, SelectionRule | null>();

/**
 * The selection of replicate `k`'s leaderboards: its own, or, when its fit did not converge, the data's
 * (counted in the summary: `NoiseIntervalReason.leftOut`).
 *
 * @throws InputError when neither the replicate's fit nor the data's converged.
 */
function leaderboardSelection(spec: BootstrapSpec, own: SelectionRule | null, k: number): SelectionRule {
  if (own !== null) return own;
  let data = k < 0 ? null : dataSelection.get(spec);
  if (data === undefined) {
    data = replicateSelection(spec, spec.pairwise).selection;
    dataSelection.set(spec, data);
  }
  if (data === null)
    throw new InputError(
      undefined,
      "pairwise",
      "the noise fitted to the judgements did not converge, so there is no selection rule for the leaderboards; give a fixed selection rule",
    );
  return data;
}

/**
 * The score table's leaderboards at `selection` into `out`: payoffs, ranks, Kendall taus, top models
 * and best responses. `drawTasks` (a table without judgements) resamples the tasks first.
 */
function replicateLeaderboards(
  spec: BootstrapSpec,
  given: ScoreTable,
  drawTasks: (() => number) | null,
  selection: SelectionRule,
  out: ReplicateResult,
): void {
  let table = given;
  let weights = spec.weights;
  if (drawTasks !== null) {
    const r = resampleTasks(given, spec.weights, drawTasks);
    table = r.table;
    weights = r.weights;
  }
  const market = scoreTableMarket(table, {
    selection,
    ...(spec.normalization === undefined ? {} : { normalization: spec.normalization }),
    ...(weights === undefined ? {} : { weights }),
  });
  const rules = studyRules(spec.rules?.map((r) => payoffRule(r, "rules")));
  const n = market.producers.length;
  const ev = new MarketEvaluator(market.tasks, selection, rules);
  ev.run(flatQualities(market.producers.map((p) => p.quality)), n);
  out.payoffs = rules.map((_, r) => Array.from({ length: n }, (_, i) => ev.payoff(r, i)));
  out.ranks = out.payoffs.map((p) => competitionRanks(p, scaleOf(p)));
  for (let a = 0; a < rules.length; a++)
    for (let b = a + 1; b < rules.length; b++)
      out.kendall.push(kendallTau(out.payoffs[a]!, out.payoffs[b]!) ?? Number.NaN);
  out.top = out.payoffs.map((p) => argmaxAll(p, scaleOf(p))[0]!);
  if (spec.space !== undefined && spec.space.kind !== "fixed") {
    const space = spec.space;
    const brs = rules.map((rule) => projectSolver.entrant(market, space, rule));
    out.bestResponseWelfare = brs.map((b) => b.welfare);
    out.bestResponseKey = brs.map((b) => b.quality.map((x) => x.toPrecision(9)).join(","));
  }
}

/** The ratings of the data as given, per selector: where every replicate's Newton fit starts. */
const startsOf = new WeakMap<BootstrapSpec, number[][]>();

/**
 * The data's fit per selector (overall first), computed once per spec object (a worker thread holds
 * one): replicate refits start there instead of at 0 and take fewer Newton steps. The start changes
 * only the path, not the maximum (the fit converges to the same certificate), and every replicate
 * starts from the same point whichever worker runs it, so results stay independent of the workers.
 */
function warmStarts(spec: BootstrapSpec): number[][] {
  let starts = startsOf.get(spec);
  if (starts === undefined) {
    starts = replicateRatings(spec, spec.pairwise!).map((f) => f.ratings);
    startsOf.set(spec, starts);
  }
  return starts;
}

/**
 * The ratings overall and per task of one replicate's judgements (no standard errors: only the
 * ratings are summarised), each fit started from `starts` when given.
 */
function replicateRatings(
  spec: BootstrapSpec,
  data: PairwiseData,
  starts?: readonly number[][],
): Array<{ ratings: number[]; groups: number[] }> {
  const models = ratingModels(spec);
  return layoutsOf(spec).map((layout, t) => {
    // a cluster resample can draw no judgement of a task: its ratings are undefined in that replicate
    const comp = comparisonsOnLayout(layout, data.cells);
    if (comp === null) return { ratings: models.map(() => Number.NaN), groups: models.map(() => 0) };
    const o = spec.ratingOptions ?? {};
    const fitOpts = {
      ...(o.anchor === undefined ? {} : { anchor: o.anchor }),
      ...(o.prior === undefined ? {} : { prior: o.prior }),
    };
    if (o.ties === "davidson") return fitDavidson(comp, fitOpts);
    const start = starts?.[t];
    return fitBradleyTerry(comp, {
      ...fitOpts,
      standardErrors: false,
      ...(start === undefined ? {} : { start }),
    });
  });
}

/** The pair layout of the spec's judgements per selector (overall first), once per spec object. */
const layoutCache = new WeakMap<BootstrapSpec, PairLayout[]>();

function layoutsOf(spec: BootstrapSpec): PairLayout[] {
  let layouts = layoutCache.get(spec);
  if (layouts === undefined) {
    const data = spec.pairwise!;
    const models = ratingModels(spec);
    layouts = ratingSelectors(spec).map((s) => pairLayout(data, s.selector, models));
    layoutCache.set(spec, layouts);
  }
  return layouts;
}

function scaleOf(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s = Math.max(s, Math.abs(v));
  return s > 0 ? s : 1;
}

/**
 * Replicates `[start, end)` in index order.
 *
 * @example
 * const rs = bootstrapRange(spec, 0, 10);
 */
export function bootstrapRange(
  spec: BootstrapSpec,
  start: number,
  end: number,
  progress?: ProgressSink,
): ReplicateResult[] {
  const out: ReplicateResult[] = [];
  for (let k = start; k < end; k++) {
    out.push(bootstrapReplicate(spec, k));
    progress?.({ done: k + 1 - start, total: end - start, unit: "replicates" });
  }
  return out;
}
