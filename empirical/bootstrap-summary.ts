/**
 * Bootstrap results summarised: percentile intervals of every payoff, rank and Kendall tau, a
 * log-normal interval of the fitted noise, BCa intervals of the ratings (`ratings/bca.ts`, chosen by measured coverage); how often each model is on top; how stable the entrant's best response is. Runs on
 * the main thread over the replicates in index order, so it does not depend on the number of workers.
 */

import { InputError } from "../src/errors.js";
import { DEFAULT_MAX_BOOTSTRAP_WORK, MIN_BOOTSTRAP_REPLICATES } from "../src/limits.js";
import { payoffRule } from "../src/model/payoffs.js";
import { checkWorkLimit, type ProgressSink } from "../src/work.js";
import {
  type BootstrapSpec,
  bootstrapReplicate,
  DEFAULT_MAX_REPLICATES,
  type ReplicateResult,
  ratingModels,
  ratingSelectors,
} from "./bootstrap.js";
import { computeReplicates } from "./bootstrap-pool.js";
import type { NoiseIntervalReason } from "./calibrate.js";
import { quantile, quantileWithInfinities } from "./quantile.js";
import { BCA_MAX_MODELS, bcaInterval, ratingAccelerations } from "./ratings/bca.js";
import { comparisonsFrom } from "./ratings/comparisons.js";
import { priorPlan } from "./ratings/components.js";
import { groupRanks } from "./ratings/leaderboard.js";
import { calibratedRankIntervals } from "./ratings/rank-calibrated.js";
import { Z95 } from "./ratings/winrate.js";
import { describeResample } from "./resample.js";
import { studyRules } from "./setup.js";

export { quantile } from "./quantile.js";

/** A point estimate with its 95% percentile interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/** The summary of a bootstrap. */
export interface BootstrapSummary {
  replicates: number;
  seed: string;
  /** What each replicate resampled. */
  resampled: "judgements" | "tasks";
  /** How the judgements were redrawn, in words (`describeResample`); `null` when the tasks were. */
  scheme: string | null;
  /** The refitted noise with its interval (`noiseInterval`; `null` when the selection was fixed). */
  noise: null | ({ parameter: "beta" | "sigma" } & Interval);
  rules: string[];
  models: string[];
  /** Per rule: every model's payoff and rank (estimate on the data, 2.5% and 97.5% percentiles). */
  leaderboards: Array<{ rule: string; models: Array<{ name: string; payoff: Interval; rank: Interval }> }>;
  /** Kendall tau-b between every pair of rules (`estimate` null when undefined on the data). */
  kendall: Array<{ a: string; b: string; estimate: number | null; lower: number; upper: number }>;
  /** Per rule: the top model on the data and the share of replicates each model is on top. */
  top: Array<{ rule: string; estimate: string; shares: Array<{ model: string; share: number }> }>;
  /** Per rule: welfare after the best-response entrant enters, and how often the entrant is the same. */
  bestResponse: null | {
    perRule: Array<{ rule: string; welfare: Interval; sameAsEstimate: number | null }>;
    /** Share of replicates where winrate's and weighted winrate's entrants coincide. */
    winrateWeightedAgree: number | null;
  };
  /** Ratings (logits, anchored as `spec.ratingOptions`) per task, with rank intervals. */
  ratings: null | Array<{ task: string; models: Array<{ name: string; rating: Interval; rank: Interval }> }>;
  /**
   * How the rating intervals were formed: `bca` (bias-corrected and accelerated), `bias-corrected`
   * (BCa with acceleration 0: Davidson's ties, the weak prior, or too many models), `percentile`.
   */
  ratingInterval?: "bca" | "bias-corrected" | "percentile";
  /** How the rank intervals of the ratings were formed (present with `ratings`): `spec.rankInterval`. */
  rankInterval?: "percentile" | "calibrated";
  /**
   * How the noise interval was formed (present with `noise`): `log-normal` (normal on the log scale
   * with the replicates' standard deviation) or `percentile` (when a replicate's noise is 0 or infinite).
   */
  noiseInterval?: "log-normal" | "percentile";
  /** Why the noise interval is `percentile`: a boundary fit (`noiseIntervalReasonText` words it). */
  noiseIntervalReason?: NoiseIntervalReason;
}

function interval(estimate: number, values: readonly number[], discrete = false): Interval {
  return { estimate, lower: quantile(values, 0.025, discrete), upper: quantile(values, 0.975, discrete) };
}

/**
 * The interval of a positive noise level (beta or sigma) from its replicates: normal on the log scale,
 * `exp(log x +- 1.96 sd)` with `sd` the replicates' standard deviation of `log x` (Efron and Tibshirani,
 * An Introduction to the Bootstrap, 1993, Sec. 13.2 and 13.6: the standard interval on a transformed
 * scale). The percentile interval reads its ends from about 5 of 200 replicates each and covered
 * 92.6 to 93.6% on the arena design (docs/pairwise.md, "Coverage, measured"); the standard deviation
 * uses every replicate. The log keeps the interval positive and follows the skew of a slope. When a
 * replicate's noise is 0 or infinite (a boundary fit, whose log is undefined) the percentile interval,
 * which keeps the infinite replicates (`quantileWithInfinities`): its upper end is infinite when the
 * 97.5% point falls on or interpolates towards one. A replicate whose fit did not converge (NaN) has no
 * value and is left out (`leftOut`).
 */
function noiseIntervalOf(
  estimate: number,
  values: readonly number[],
): { interval: Interval; kind: "log-normal" | "percentile"; reason?: NoiseIntervalReason } {
  const percentile = (): Interval => ({
    estimate,
    lower: quantileWithInfinities(values, 0.025),
    upper: quantileWithInfinities(values, 0.975),
  });
  const boundary = values.filter((x) => x === 0 || x === Number.POSITIVE_INFINITY).length;
  const leftOut = values.filter((x) => Number.isNaN(x)).length;
  if (!(estimate > 0 && Number.isFinite(estimate)))
    return { interval: percentile(), kind: "percentile", reason: { code: "boundary-estimate" } };
  if (values.length < 2) return { interval: percentile(), kind: "percentile" };
  if (boundary > 0 || leftOut > 0)
    return {
      interval: percentile(),
      kind: "percentile",
      reason: {
        code: "boundary-replicates",
        boundary,
        infinite: values.filter((x) => x === Number.POSITIVE_INFINITY).length,
        leftOut,
        replicates: values.length,
      },
    };
  const logs = values.map((x) => Math.log(x));
  const mean = logs.reduce((a, x) => a + x, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((a, x) => a + (x - mean) ** 2, 0) / (logs.length - 1));
  const centre = Math.log(estimate);
  return {
    interval: { estimate, lower: Math.exp(centre - Z95 * sd), upper: Math.exp(centre + Z95 * sd) },
    kind: "log-normal",
  };
}

/**
 * Summarises replicates against the point estimate (`bootstrapReplicate(spec, -1)`).
 *
 * @throws InputError for an unknown rule name in `spec.rules` (from `payoffRule`).
 * @example
 * const spec = { table: wildbenchTable, pairwise, normalization: { kind: "minmax" as const }, selection: { fit: "logit" as const }, replicates: 3, seed: "1" };
 * const reps = [0, 1, 2].map((k) => bootstrapReplicate(spec, k));
 * summariseBootstrap(spec, bootstrapReplicate(spec, -1), reps).noise; // { parameter: "beta", estimate: 4.30, lower: ..., upper: ... }
 */
export function summariseBootstrap(
  spec: BootstrapSpec,
  point: ReplicateResult,
  reps: readonly ReplicateResult[],
): BootstrapSummary {
  // no leaderboards without a table, or when only the refitted noise is wanted
  const boards = spec.table !== undefined && spec.leaderboards !== false;
  const rules = boards ? studyRules(spec.rules?.map((r) => payoffRule(r))).map((r) => r.name) : [];
  const models = boards ? spec.table!.models.slice() : [];
  const sel = spec.selection;
  const fitted = sel !== undefined && "fit" in sel && point.noise !== null ? sel.fit : null;
  const noiseFit =
    fitted === null
      ? null
      : noiseIntervalOf(
          point.noise!,
          reps.map((r) => r.noise ?? Number.NaN),
        );
  const noise =
    noiseFit === null
      ? null
      : { parameter: fitted === "logit" ? ("beta" as const) : ("sigma" as const), ...noiseFit.interval };
  const leaderboards = rules.map((rule, r) => ({
    rule,
    models: models.map((name, i) => ({
      name,
      payoff: interval(
        point.payoffs[r]![i]!,
        reps.map((x) => x.payoffs[r]![i]!),
      ),
      rank: interval(
        point.ranks[r]![i]!,
        reps.map((x) => x.ranks[r]![i]!),
        true,
      ),
    })),
  }));
  const top = rules.map((rule, r) => {
    const counts = new Map<number, number>();
    for (const x of reps) counts.set(x.top[r]!, (counts.get(x.top[r]!) ?? 0) + 1);
    const shares = [...counts.entries()]
      .sort((u, v) => v[1] - u[1] || u[0] - v[0])
      .map(([i, c]) => ({ model: models[i]!, share: c / Math.max(1, reps.length) }));
    return { rule, estimate: models[point.top[r]!]!, shares };
  });
  const ratings = point.ratings === null ? null : ratingSummary(spec, point, reps);
  return {
    replicates: reps.length,
    seed: spec.seed,
    resampled: spec.pairwise !== undefined ? "judgements" : "tasks",
    scheme: spec.pairwise !== undefined ? describeResample(spec.resample ?? { kind: "battles" }) : null,
    noise,
    rules,
    models,
    leaderboards,
    kendall: kendallIntervals(rules, point, reps),
    top,
    bestResponse: bestResponseSummary(spec, rules, point, reps),
    ratings: ratings?.tables ?? null,
    ...(ratings === null
      ? {}
      : { ratingInterval: ratings.kind, rankInterval: spec.rankInterval ?? "percentile" }),
    ...(noiseFit === null ? {} : { noiseInterval: noiseFit.kind }),
    ...(noiseFit?.reason === undefined ? {} : { noiseIntervalReason: noiseFit.reason }),
  };
}

/** Kendall tau-b between every pair of rules, with percentile intervals. */
function kendallIntervals(
  rules: readonly string[],
  point: ReplicateResult,
  reps: readonly ReplicateResult[],
): BootstrapSummary["kendall"] {
  const kendall: BootstrapSummary["kendall"] = [];
  let p = 0;
  for (let a = 0; a < rules.length; a++)
    for (let b = a + 1; b < rules.length; b++, p++) {
      const est = point.kendall[p]!;
      const values = reps.map((x) => x.kendall[p]!);
      kendall.push({
        a: rules[a]!,
        b: rules[b]!,
        estimate: Number.isFinite(est) ? est : null,
        lower: quantile(values, 0.025),
        upper: quantile(values, 0.975),
      });
    }
  return kendall;
}

/** The best-response entrant's welfare per rule and how stable the entrant is. */
function bestResponseSummary(
  spec: BootstrapSpec,
  rules: readonly string[],
  point: ReplicateResult,
  reps: readonly ReplicateResult[],
): BootstrapSummary["bestResponse"] {
  if (point.bestResponseWelfare === null) return null;
  const wr = rules.indexOf("winrate");
  const wwr = rules.indexOf("weighted-winrate");
  const comparable = spec.pairwise !== undefined; // task resampling changes the quality vector's meaning
  return {
    perRule: rules.map((rule, r) => ({
      rule,
      welfare: interval(
        point.bestResponseWelfare![r]!,
        reps.map((x) => x.bestResponseWelfare?.[r] ?? Number.NaN),
      ),
      sameAsEstimate: comparable
        ? reps.filter((x) => x.bestResponseKey?.[r] === point.bestResponseKey![r]).length /
          Math.max(1, reps.length)
        : null,
    })),
    winrateWeightedAgree:
      wr < 0 || wwr < 0
        ? null
        : reps.filter((x) => x.bestResponseKey !== null && x.bestResponseKey[wr] === x.bestResponseKey[wwr])
            .length / Math.max(1, reps.length),
  };
}

/** The ratings' intervals (BCa by default) and rank intervals per task, overall first. */
function ratingSummary(
  spec: BootstrapSpec,
  point: ReplicateResult,
  reps: readonly ReplicateResult[],
): {
  tables: NonNullable<BootstrapSummary["ratings"]>;
  kind: NonNullable<BootstrapSummary["ratingInterval"]>;
} {
  const acc = ratingAccelerationsOf(spec, point);
  const names = ratingModels(spec);
  const tables = ratingSelectors(spec).map(({ task }, t) => {
    // ranks within the data's groups: models that never met are not ranked against each other
    const groups = point.ratingGroups?.[t] ?? point.ratings![t]!.map(() => 0);
    const pointRanks = groupRanks(point.ratings![t]!, groups);
    const repRanks = reps.map((x) => groupRanks(x.ratings![t]!, groups));
    const calibrated =
      spec.rankInterval === "calibrated"
        ? calibratedRankIntervals(
            point.ratings![t]!,
            reps.map((x) => x.ratings![t]!),
            groups,
          )
        : null;
    return {
      task,
      models: names.map((name, i) => ({
        name,
        rating: ratingIntervalOf(
          spec,
          point.ratings![t]![i]!,
          reps.map((x) => x.ratings![t]![i]!),
          acc.a[t]?.[i] ?? 0,
        ),
        rank:
          calibrated === null
            ? interval(
                pointRanks[i]!,
                repRanks.map((rk) => rk[i]!),
                true,
              )
            : { estimate: pointRanks[i]!, lower: calibrated[i]!.lower, upper: calibrated[i]!.upper },
      })),
    };
  });
  return { tables, kind: spec.ratingInterval === "percentile" ? "percentile" : acc.kind };
}

function ratingIntervalOf(spec: BootstrapSpec, estimate: number, values: number[], a: number): Interval {
  if (spec.ratingInterval === "percentile") return interval(estimate, values);
  return { estimate, ...bcaInterval(estimate, values, a) };
}

/**
 * Per rated task (`ratingSelectors`) the BCa acceleration of every rating, or zeros (the bias-corrected
 * interval) where the influence values are not available: Davidson's ties, a fit with the weak prior,
 * more than `BCA_MAX_MODELS` models.
 */
function ratingAccelerationsOf(
  spec: BootstrapSpec,
  point: ReplicateResult,
): { kind: "bca" | "bias-corrected"; a: number[][] } {
  const data = spec.pairwise!;
  const o = spec.ratingOptions ?? {};
  let all = true;
  const a = ratingSelectors(spec).map(({ selector: sel }, t) => {
    const zeros = data.models.map(() => 0);
    if (
      o.ties === "davidson" ||
      data.models.length > BCA_MAX_MODELS ||
      spec.ratingInterval === "percentile"
    ) {
      all = false;
      return zeros;
    }
    const comp = comparisonsFrom(data, sel);
    if (comp.i.length === 0) return zeros;
    if (priorPlan(comp, o.prior).applied) {
      all = false;
      return zeros;
    }
    const groups = point.ratingGroups?.[t] ?? zeros;
    return ratingAccelerations(
      data,
      sel,
      point.ratings![t]!,
      groups,
      o.anchor ?? { kind: "mean" },
      spec.resample ?? { kind: "battles" },
    );
  });
  return { kind: all ? "bca" : "bias-corrected", a };
}

/**
 * Checks a replicate count against the work limit before any work: `replicates` must be an integer
 * of at least `MIN_BOOTSTRAP_REPLICATES` (39, the fewest a 95% percentile interval can be read from) and
 * at most `maxReplicates` (default `DEFAULT_MAX_REPLICATES`, 100,000).
 *
 * @throws InputError (field `replicates`) when `replicates` is not an integer >= 39, or `maxReplicates`
 *   is not a number >= 1.
 * @throws WorkLimitError (limit `maxReplicates`) when `replicates` exceeds `maxReplicates`.
 * @example
 * checkReplicates(200); // returns quietly (200 <= 100,000)
 * checkReplicates(200, 1000); // returns quietly; checkReplicates(200, 100) throws WorkLimitError:
 * // "200 bootstrap replicates exceed the limit of 100 (maxReplicates)"
 */
export function checkReplicates(replicates: number, maxReplicates: number = DEFAULT_MAX_REPLICATES): void {
  if (!Number.isInteger(replicates) || replicates < 1)
    throw new InputError(undefined, "replicates", `must be an integer >= 1, got ${replicates}`);
  if (replicates < MIN_BOOTSTRAP_REPLICATES)
    throw new InputError(
      undefined,
      "replicates",
      `${replicates} replicate${replicates === 1 ? " is" : "s are"} too few for a 95% interval, whose ends are the 2.5% and 97.5% order statistics of the replicates: at least ${MIN_BOOTSTRAP_REPLICATES} (Davison and Hinkley 1997, Sec. 5.2.3; 1000 or more recommended)`,
    );
  if (!(maxReplicates >= 1))
    throw new InputError(undefined, "maxReplicates", `must be a number >= 1, got ${maxReplicates}`);
  checkWorkLimit("maxReplicates", replicates, maxReplicates, "bootstrap replicates");
}

/** Cells one replicate redraws and refits: pairwise (model pair, task) cells plus score-table cells. */
function bootstrapCells(spec: BootstrapSpec): number {
  const pairwise = spec.pairwise?.cells.length ?? 0;
  const table = spec.table === undefined ? 0 : spec.table.models.length * spec.table.tasks.length;
  return Math.max(1, pairwise + table);
}

/**
 * The work of a bootstrap, estimated before any replicate runs: `replicates x cells`, the cells being
 * the pairwise data's (model pair, task) cells plus the score table's model x task cells, each redrawn
 * and refitted once per replicate. Checked against `maxBootstrapWork` (default
 * `DEFAULT_MAX_BOOTSTRAP_WORK`) by `runBootstrap`.
 *
 * @throws nothing (arithmetic on the spec's sizes).
 * @example
 * bootstrapWorkEstimate({ replicates: 100, seed: "1", pairwise: parsePairwise("model_a,model_b,winner\nA,B,model_a\n") }); // 100
 */
export function bootstrapWorkEstimate(spec: BootstrapSpec): number {
  return spec.replicates * bootstrapCells(spec);
}

/**
 * The checks `runBootstrap` makes before any replicate runs (also made by a shard of a bootstrap,
 * which computes replicates without summarising them): the replicate count against `maxReplicates`,
 * and `bootstrapWorkEstimate` against `maxBootstrapWork`.
 *
 * @throws InputError when `replicates` is not an integer >= 1 or there is no data to resample.
 * @throws WorkLimitError naming `maxReplicates` or `maxBootstrapWork`.
 * @example
 * checkBootstrapWork({ replicates: 100, seed: "1", pairwise: parsePairwise("model_a,model_b,winner\nA,B,model_a\n") }, {}); // returns quietly
 */
export function checkBootstrapWork(
  spec: BootstrapSpec,
  opts: { maxReplicates?: number; maxBootstrapWork?: number },
): void {
  checkReplicates(spec.replicates, opts.maxReplicates);
  if (spec.table === undefined && spec.pairwise === undefined)
    throw new InputError(undefined, "bootstrap", "needs a score table or pairwise data");
  // the total, not only the replicate count: each replicate redraws and refits every cell
  checkWorkLimit(
    "maxBootstrapWork",
    bootstrapWorkEstimate(spec),
    opts.maxBootstrapWork ?? DEFAULT_MAX_BOOTSTRAP_WORK,
    `bootstrap work units (${spec.replicates.toLocaleString("en-US")} replicates x ${bootstrapCells(spec).toLocaleString("en-US")} cells redrawn and refitted)`,
  );
}

/**
 * Runs the bootstrap (on `workers` worker threads when more than 1; chunks of replicates, merged in
 * index order) and summarises it. Same seed, same summary for any number of workers.
 *
 * @throws InputError (field `replicates`) when `replicates` is not an integer of at least
 *   `MIN_BOOTSTRAP_REPLICATES` (39); InputError when the spec is invalid.
 * @throws WorkLimitError when `replicates` exceeds `maxReplicates` (default `DEFAULT_MAX_REPLICATES`, 100,000),
 *   or `bootstrapWorkEstimate` exceeds `maxBootstrapWork` (default `DEFAULT_MAX_BOOTSTRAP_WORK`).
 * @example
 * const summary = await runBootstrap({ table: wildbenchTable, pairwise, normalization: { kind: "minmax" }, selection: { fit: "logit" }, replicates: 40, seed: "1" }, { workers: 1 });
 * summary.noise; // { parameter: "beta", estimate: 4.30, lower: 4.27, upper: 4.32 }
 */
export async function runBootstrap(
  spec: BootstrapSpec,
  opts: {
    workers?: number;
    progress?: ProgressSink;
    maxReplicates?: number;
    maxBootstrapWork?: number;
    /** The replicates, already computed (the merge of a sharded bootstrap), in index order. */
    replicates?: readonly ReplicateResult[];
  } = {},
): Promise<BootstrapSummary> {
  checkBootstrapWork(spec, opts);
  const point = bootstrapReplicate(spec, -1);
  const given = opts.replicates;
  if (given !== undefined && (given.length !== spec.replicates || given.some((r, k) => r?.k !== k)))
    throw new InputError(undefined, "replicates", `must be replicates 0..${spec.replicates - 1}, in order`);
  const reps =
    given ??
    (await computeReplicates(spec, {
      ...(opts.workers === undefined ? {} : { workers: opts.workers }),
      ...(opts.progress === undefined ? {} : { progress: opts.progress }),
    }));
  return summariseBootstrap(spec, point, reps.slice());
}
