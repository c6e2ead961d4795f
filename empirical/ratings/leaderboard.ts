/**
 * Rating leaderboards from pairwise judgements, overall and per task: Bradley-Terry (or Davidson)
 * ratings with standard errors and 95% intervals, on the logit and Elo scales, winrates with Wilson
 * intervals and the pairwise (average per-opponent) winrate; plus a tidy long form for plotting.
 */

import { InputError } from "../../src/errors.js";
import type { PairwiseData } from "../../src/io/pairwise.js";
import { DEFAULT_MAX_RATING_MEMORY_MB } from "../../src/limits.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { checkWorkLimit, WorkLimitError } from "../../src/work.js";
import { fitBradleyTerry } from "./bradley-terry.js";
import { type Comparisons, comparisonsFrom, type TaskSelector } from "./comparisons.js";
import { fitDavidson } from "./davidson.js";
import { DENSE_MODEL_LIMIT } from "./sparse.js";
import { ELO_BASE, ELO_PER_LOGIT, type RatingFit, type RatingOptions } from "./types.js";
import { type Proportion, VERSUS_MODEL_LIMIT, winrates, Z95 } from "./winrate.js";

/** One model's row. */
export interface RatingRow {
  name: string;
  /** Rank by rating within the model's group (1 = best; competition ranks). */
  rank: number;
  /**
   * The model's group (component of the graph "met at least once", numbered from 0). Ratings and ranks
   * are comparable only within a group.
   */
  group: number;
  rating: number;
  standardError: number;
  /** `rating -+ 1.96 SE`. */
  lower: number;
  upper: number;
  elo: number;
  eloLower: number;
  eloUpper: number;
  winrate: Proportion;
  pairwiseWinrate: number;
  /** Judgement weight the model took part in. */
  judgements: number;
}

/** The leaderboard of one task (or overall). */
export interface RatingTable {
  /** `overall` or the task name. */
  task: string;
  fit: Omit<RatingFit, "models" | "ratings" | "standardErrors" | "elo" | "eloStandardErrors">;
  rows: RatingRow[];
  /** `versus[i][j]`: winrate of `rows`' model order `i` against `j` (`null`: never met). */
  versus: Array<Array<Proportion | null>>;
}

/** Options of `ratingLeaderboards`. */
export interface LeaderboardOptions extends RatingOptions {
  /** `half` (Bradley-Terry, ties half a win; default) or `davidson`. */
  ties?: "half" | "davidson";
  /** Tasks to rate (default: overall and every task). `overall` means the overall fit. */
  tasks?: string[];
  /**
   * Refuse fits whose estimated memory (`ratingFitMemory`) exceeds this many MB (default
   * `DEFAULT_MAX_RATING_MEMORY_MB`), before any allocation.
   */
  maxFitMemory?: number;
}

/**
 * The estimated peak memory of `ratingLeaderboards`, in MB (2^20 bytes), before any allocation, and
 * the path the fits take. Dense Newton (up to `DENSE_MODEL_LIMIT` models, and always for Davidson's
 * model): four `m x m` matrices of doubles live at once (the Hessian, the information, its Cholesky
 * factor, the covariance), `32 m^2` bytes. Newton-CG above it: about 100 bytes per model and 120 per
 * pair (the pair list, curvatures and conjugate-gradient vectors). Plus the kept head-to-head tables
 * (up to `VERSUS_MODEL_LIMIT` models: per table an `m x m` array and a Wilson interval of about 64
 * bytes per ordered pair that met). The cells bound the pairs of any one fit.
 *
 * @throws nothing (arithmetic on the sizes).
 * @example
 * ratingFitMemory(20_000, 20_000, 1, "half").path; // "sparse"
 * ratingFitMemory(2_000, 100_000, 9, "half").megabytes; // 518.04
 */
export function ratingFitMemory(
  models: number,
  cells: number,
  tables: number,
  ties: "half" | "davidson",
): { megabytes: number; path: "dense" | "sparse" } {
  const dense = ties === "davidson" || models <= DENSE_MODEL_LIMIT;
  const fit = dense ? 32 * models ** 2 + 120 * cells : 100 * models + 120 * cells;
  // a head-to-head table: one slot per ordered pair, a Wilson interval for each pair that met
  const versus =
    models <= VERSUS_MODEL_LIMIT ? tables * (8 * models ** 2 + 128 * Math.min(cells, models ** 2 / 2)) : 0;
  return { megabytes: (fit + versus) / 2 ** 20, path: dense ? "dense" : "sparse" };
}

/**
 * Competition ranks (1 = highest) of `values` within each group: models in different groups are not
 * ranked against each other. As `competitionRanks`, a model's rank is 1 + the number of its group's
 * values definitely greater than its own (by more than `RELATIVE_TOLERANCE` times the group's largest
 * absolute value, at least 1: ratings are logits), so ratings equal up to rounding share a rank
 * whatever the path of the fit; a NaN value (a task a bootstrap replicate did not draw) has rank NaN.
 * `O(n log n)`: each group sorted once, each rank a binary search.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * groupRanks([3, 1, 2, 5], [0, 0, 0, 1]); // [1, 3, 2, 1]
 * groupRanks([1, 1 + 1e-13, 0], [0, 0, 0]); // [1, 1, 3]
 */
export function groupRanks(values: readonly number[], groups: readonly number[]): number[] {
  const sorted = new Map<number, number[]>();
  values.forEach((v, k) => {
    if (Number.isNaN(v)) return;
    const g = groups[k]!;
    const list = sorted.get(g);
    if (list === undefined) sorted.set(g, [v]);
    else list.push(v);
  });
  const scale = new Map<number, number>();
  for (const [g, list] of sorted) {
    list.sort((a, b) => b - a);
    let m = 1;
    for (const v of list) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
    scale.set(g, m);
  }
  return values.map((v, k) => {
    if (Number.isNaN(v)) return Number.NaN;
    const g = groups[k]!;
    const list = sorted.get(g)!;
    const bar = v + RELATIVE_TOLERANCE * scale.get(g)!;
    // the count of values above the bar: the first position whose value is not above it
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! > bar) lo = mid + 1;
      else hi = mid;
    }
    return 1 + lo;
  });
}

/**
 * Fits one comparison set and lays out its leaderboard (rows in the data's model order).
 *
 * @example
 * ratingTable("overall", comparisonsFrom(data, { overall: true }));
 */
export function ratingTable(task: string, comp: Comparisons, opts: LeaderboardOptions = {}): RatingTable {
  const fit = opts.ties === "davidson" ? fitDavidson(comp, opts) : fitBradleyTerry(comp, opts);
  // the design effect needs the Bradley-Terry probabilities (Davidson's ties: plain Wilson)
  const wr = winrates(comp, fit.method === "bradley-terry" ? fit.ratings : undefined);
  const rank = groupRanks(fit.ratings, fit.groups);
  const { models: _m, ratings, standardErrors, elo, eloStandardErrors: _e, ...meta } = fit;
  return {
    task,
    fit: meta,
    rows: comp.models.map((name, k) => {
      const r = ratings[k]!;
      const se = standardErrors[k]!;
      return {
        name,
        rank: rank[k]!,
        group: fit.groups[k]!,
        rating: r,
        standardError: se,
        lower: r - Z95 * se,
        upper: r + Z95 * se,
        elo: elo[k]!,
        eloLower: ELO_BASE + ELO_PER_LOGIT * (r - Z95 * se),
        eloUpper: ELO_BASE + ELO_PER_LOGIT * (r + Z95 * se),
        winrate: wr.overall[k]!,
        pairwiseWinrate: wr.pairwise[k]!,
        judgements: wr.overall[k]!.n,
      };
    }),
    versus: wr.versus,
  };
}

/**
 * The refusal `ratingLeaderboards` makes before any fit allocates (a dense m x m system of 20,000
 * models alone is 3.2 GB), on its own: a shard of `ratings --bootstrap` fits no leaderboard but is
 * refused what the whole run would be. Returns the tasks the leaderboards would fit.
 *
 * @throws WorkLimitError (limit `maxFitMemory`) when `ratingFitMemory` exceeds `maxFitMemory` MB
 *   (default `DEFAULT_MAX_RATING_MEMORY_MB`).
 */
export function checkRatingFitMemory(data: PairwiseData, opts: LeaderboardOptions = {}): string[] {
  const tasks = opts.tasks ?? ["overall", ...data.tasks];
  const n = data.models.length;
  const mem = ratingFitMemory(n, data.cells.length, tasks.length, opts.ties ?? "half");
  checkWorkLimit(
    "maxFitMemory",
    Math.ceil(mem.megabytes),
    opts.maxFitMemory ?? DEFAULT_MAX_RATING_MEMORY_MB,
    `MB of estimated memory for the rating fits (${n.toLocaleString("en-US")} models, ${data.cells.length.toLocaleString("en-US")} cells, ${mem.path === "dense" ? "dense Newton" : "Newton-CG"})`,
  );
  return [...tasks];
}

/**
 * Rating leaderboards overall and per task.
 *
 * @throws InputError for unknown tasks, an option of the wrong shape (`anchor` not `{ kind: "mean" }` or
 *   `{ kind: "model", model }`, `ties` or `prior` not one of their values), or data a fit refuses (see
 *   `fitBradleyTerry`, `fitDavidson`; the message names the file).
 * @throws WorkLimitError (limit `maxFitMemory`) when `ratingFitMemory` exceeds `maxFitMemory` MB
 *   (default `DEFAULT_MAX_RATING_MEMORY_MB`).
 * @example
 * const boards = ratingLeaderboards(readPairwise("data/wildbench_v2_pairwise_by_category.csv"));
 * boards[0]!.rows[0]!.elo;
 */
export function ratingLeaderboards(data: PairwiseData, opts: LeaderboardOptions = {}): RatingTable[] {
  checkLeaderboardOptions(opts);
  const tasks = checkRatingFitMemory(data, opts);
  return tasks.map((task) => {
    const selector: TaskSelector = task === "overall" ? { overall: true } : { task };
    try {
      return ratingTable(task, comparisonsFrom(data, selector), opts);
    } catch (err) {
      // a fit's refusal (no maximum-likelihood ratings under prior none, Davidson on soft
      // preferences) is about this file's judgements: name it
      if (err instanceof InputError && !(err instanceof WorkLimitError) && err.file === undefined)
        throw new InputError(data.file, err.where, err.problem, err.option);
      throw err;
    }
  });
}

/**
 * Checks the options' values at run time, for callers from plain JavaScript (a string given as the
 * anchor would otherwise fall back to the mean silently).
 */
function checkLeaderboardOptions(opts: LeaderboardOptions): void {
  const a: unknown = opts.anchor;
  const anchorOk =
    a === undefined ||
    (typeof a === "object" &&
      a !== null &&
      ((a as { kind?: unknown }).kind === "mean" ||
        ((a as { kind?: unknown }).kind === "model" &&
          typeof (a as { model?: unknown }).model === "string")));
  if (!anchorOk)
    throw new InputError(
      undefined,
      "anchor",
      `must be { kind: "mean" } or { kind: "model", model: NAME }, got ${JSON.stringify(a)}`,
    );
  const choice = (field: "ties" | "prior", v: unknown, allowed: readonly string[]) => {
    if (v !== undefined && !allowed.includes(v as string))
      throw new InputError(
        undefined,
        field,
        `must be one of ${allowed.map((x) => `"${x}"`).join(", ")}, got ${JSON.stringify(v)}`,
      );
  };
  choice("ties", opts.ties, ["half", "davidson"]);
  choice("prior", opts.prior, ["auto", "always", "none"]);
}

/** One row of the tidy long form: one statistic of one model on one task. */
export interface TidyRow {
  model: string;
  task: string;
  statistic: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
}

function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * The leaderboards in tidy long form: per model and task the statistics `rank` (within the model's
 * group), `group` (0-based: models in different groups never met, directly or through others, so their
 * ratings and ranks are not comparable), `rating`, `elo`, `winrate`, `pairwiseWinrate`, `judgements`
 * and `versus.OPPONENT` (the head-to-head winrate, `versus[i][j]`), each with its 95% interval when it
 * has one: named as the fields of `RatingRow` and `RatingTable` (docs/reference.md, "Names").
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * tidyRatings(ratingLeaderboards(pairwise)).filter((r) => r.statistic === "elo");
 */
export function tidyRatings(tables: readonly RatingTable[]): TidyRow[] {
  const out: TidyRow[] = [];
  for (const t of tables) {
    t.rows.forEach((r, i) => {
      const row = (
        statistic: string,
        value: number,
        lower: number | null = null,
        upper: number | null = null,
      ) => out.push({ model: r.name, task: t.task, statistic, value: num(value), lower, upper });
      row("rank", r.rank);
      row("group", r.group);
      row("rating", r.rating, num(r.lower), num(r.upper));
      row("elo", r.elo, num(r.eloLower), num(r.eloUpper));
      row("winrate", r.winrate.value, num(r.winrate.lower), num(r.winrate.upper));
      row("pairwiseWinrate", r.pairwiseWinrate);
      row("judgements", r.judgements);
      t.versus[i]!.forEach((v, j) => {
        if (v !== null) row(`versus.${t.rows[j]!.name}`, v.value, num(v.lower), num(v.upper));
      });
    });
  }
  return out;
}
