/**
 * Coverage of the intervals the ratings commands print, measured by simulation from known strengths:
 * judgements are drawn from a Bradley-Terry model with known ratings on a given design, every interval
 * is computed as the commands compute it, and the share of intervals that contain the truth is
 * counted. Seeded: replication `r` draws from `alea(seed/coverage/r)`, so a study is reproducible.
 *
 * Designs: `arena` (sparse and unbalanced: 12 models, pairs drawn with probability proportional to
 * the product of Zipf popularities, the arena's pattern of a few popular models), `alpacaeval` (every
 * model against one baseline, as AlpacaEval), `tournament` (a balanced round robin). Intervals: the
 * Wald rating interval `rating +- 1.96 SE`, the bootstrap percentile and BCa rating intervals (BCa is
 * the one the commands print) under each resampling scheme, the rank intervals (the percentile interval
 * of the replicates' ranks and the calibrated one of `--rank-interval calibrated`), the winrate interval (Wilson with the
 * design effect; truth: the expected winrate on the realised design),
 * and the profile-likelihood interval of `beta` (`calibrate`, qualities `q = rating / beta`).
 * With `rankAlternatives`, rank intervals the commands do not print (`rank-alternatives.ts`) are
 * measured on the same logs and replicates, the evidence that whole ranks cannot cover near 95%.
 *
 * Source: the design of a coverage study follows A. C. Davison and D. V. Hinkley, Bootstrap Methods and
 * their Application (1997), Sec. 5.7.
 */

import { InputError } from "../../src/errors.js";
import type { PairwiseCell, PairwiseData } from "../../src/io/pairwise.js";
import { alea } from "../../src/numeric/alea.js";
import { sigmoid } from "../../src/numeric/normal.js";
import { bootstrapReplicate } from "../bootstrap.js";
import { summariseBootstrap } from "../bootstrap-summary.js";
import { fitNoise, type NoiseObservations } from "../calibrate.js";
import { quantile } from "../quantile.js";
import type { ResampleScheme } from "../resample.js";
import { fitBradleyTerry } from "./bradley-terry.js";
import { comparisonsFrom } from "./comparisons.js";
import { RANK_ALTERNATIVES, rankAlternatives } from "./rank-alternatives.js";
import { calibratedRankIntervals } from "./rank-calibrated.js";
import { winrates, Z95 } from "./winrate.js";

/** A simulation design. */
export type CoverageDesign = "arena" | "alpacaeval" | "tournament";

/** The designs, with their sizes (models, judgements). */
export const COVERAGE_DESIGNS: Record<CoverageDesign, { models: number; judgements: number; text: string }> =
  {
    arena: {
      models: 12,
      judgements: 1500,
      text: "arena-like: 12 models, 1,500 battles, pairs by Zipf popularity (sparse, unbalanced)",
    },
    alpacaeval: {
      models: 11,
      judgements: 1000,
      text: "AlpacaEval-like: 10 models x 100 judgements against one baseline",
    },
    tournament: {
      models: 8,
      judgements: 1120,
      text: "balanced round robin: 8 models, 40 judgements per pair",
    },
  };

/** The true ratings of a design's models (mean 0, spread over 3 logits). */
function trueRatings(n: number): number[] {
  return Array.from({ length: n }, (_, k) => 1.5 - (3 * k) / (n - 1));
}

/** The pairs of one simulated log, in order. */
function schedule(design: CoverageDesign, rng: () => number): Array<[number, number]> {
  const { models: n, judgements } = COVERAGE_DESIGNS[design];
  const out: Array<[number, number]> = [];
  if (design === "tournament") {
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) for (let k = 0; k < 40; k++) out.push(k % 2 ? [i, j] : [j, i]);
    return out;
  }
  if (design === "alpacaeval") {
    for (let i = 1; i < n; i++) for (let k = 0; k < 100; k++) out.push([0, i]);
    return out;
  }
  // Zipf popularity 1 / (rank + 1), unrelated to strength (model k's popularity rank is (5 k) mod n)
  const pop = Array.from({ length: n }, (_, k) => 1 / (((5 * k) % n) + 1));
  const cum: number[] = [];
  let s = 0;
  for (const p of pop) {
    s += p;
    cum.push(s);
  }
  const draw = () => {
    const u = rng() * s;
    let k = 0;
    while (cum[k]! < u) k++;
    return k;
  };
  while (out.length < judgements) {
    const a = draw();
    const b = draw();
    if (a !== b) out.push([a, b]);
  }
  return out;
}

/**
 * One simulated log of `design` (seeded), aggregated as the readers aggregate. `pairs` fixes the
 * schedule (which models met, in order); without it the schedule is drawn from `rng` too.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * simulateDesign("tournament", seedrandom.alea("1")).cells.length; // 56 (ordered pairs)
 */
export function simulateDesign(
  design: CoverageDesign,
  rng: () => number,
  pairs?: ReadonlyArray<readonly [number, number]>,
): PairwiseData {
  const n = COVERAGE_DESIGNS[design].models;
  const theta = trueRatings(n);
  const cells = new Map<string, PairwiseCell>();
  for (const [a, b] of pairs ?? schedule(design, rng)) {
    const key = `${a}|${b}`;
    let c = cells.get(key);
    if (c === undefined) {
      c = { a, b, task: -1, winsA: 0, ties: 0, winsB: 0, line: 0 };
      cells.set(key, c);
    }
    if (rng() < sigmoid(theta[a]! - theta[b]!)) c.winsA++;
    else c.winsB++;
  }
  return {
    format: "battles",
    file: undefined,
    comments: [],
    models: theta.map((_, k) => `m${k}`),
    tasks: [],
    cells: [...cells.values()],
  };
}

/** The coverage of one interval. */
export interface CoverageRow {
  design: CoverageDesign;
  interval: string;
  nominal: number;
  /** Share of intervals (over replications and models) that contain the truth. */
  coverage: number;
  /** Monte Carlo standard error, `sqrt(c (1 - c) / replications)` (conservative: models are correlated). */
  standardError: number;
  replications: number;
  /** Intervals measured (models x replications, or the cases of a split). */
  cases: number;
  /** Rank intervals only: the mean number of ranks an interval spans. */
  meanWidth?: number;
}

/** Options of `coverageStudy`. */
export interface CoverageOptions {
  replications: number;
  /** Bootstrap replicates per simulated log (0: no bootstrap intervals). */
  bootstrap: number;
  seed: string;
  /** The resampling schemes whose bootstrap intervals are measured (default `battles`). */
  schemes?: ResampleScheme[];
  /**
   * Hold the design fixed (which pairs met, how often: drawn once from `SEED/design`) and redraw only
   * the outcomes per replication: the coverage conditional on the design, which `--resample cells` claims.
   */
  fixedDesign?: boolean;
  /**
   * Also measure the rank intervals that are not printed (`rank-alternatives.ts`) on the same logs and
   * replicates, and the printed one split into one-rank and wider intervals (each alternative again
   * on the cases where the printed interval is wider).
   */
  rankAlternatives?: boolean;
}

/** Hits and trials per interval name, in the order first seen. */
class Tally {
  readonly hits = new Map<string, number>();
  readonly count = new Map<string, number>();
  readonly widths = new Map<string, number>();
  hit(name: string, ok: boolean, width?: number): void {
    this.hits.set(name, (this.hits.get(name) ?? 0) + (ok ? 1 : 0));
    this.count.set(name, (this.count.get(name) ?? 0) + 1);
    if (width !== undefined) this.widths.set(name, (this.widths.get(name) ?? 0) + width);
  }
}

/** The slope of the simulated score table: qualities `q = rating / BETA`, so `calibrate`'s truth is `BETA`. */
const BETA = 3;

/** The simulated truth of one design: ratings, the same centred (mean anchor), ranks (1 = best). */
interface Truth {
  theta: number[];
  centred: number[];
  ranks: number[];
}

/** The intervals without a bootstrap: Wald ratings, the winrate's Wilson interval, beta's profile. */
function pointIntervals(tally: Tally, data: PairwiseData, truth: Truth): void {
  const { theta, centred } = truth;
  const n = theta.length;
  const comp = comparisonsFrom(data, { overall: true });
  const fit = fitBradleyTerry(comp);
  for (let k = 0; k < n; k++)
    tally.hit(
      "rating (Wald, rating +- 1.96 SE)",
      Math.abs(fit.ratings[k]! - centred[k]!) <= Z95 * fit.standardErrors[k]!,
    );
  const wr = winrates(comp, fit.ratings);
  const expected = new Array<number>(n).fill(0);
  for (let p = 0; p < comp.i.length; p++) {
    const m = comp.winsI[p]! + comp.winsJ[p]! + comp.ties[p]!;
    const q = sigmoid(theta[comp.i[p]!]! - theta[comp.j[p]!]!);
    expected[comp.i[p]!]! += m * q;
    expected[comp.j[p]!]! += m * (1 - q);
  }
  for (let k = 0; k < n; k++) {
    const w = wr.overall[k]!;
    const e = expected[k]! / w.n;
    tally.hit("winrate (Wilson, design effect)", w.lower <= e && e <= w.upper);
  }
  // beta: qualities q = theta / BETA, one cell per ordered pair
  const obs: NoiseObservations = { tasks: ["t"], task: [], d: [], s: [], n: [], a: [], b: [] };
  for (const c of data.cells) {
    obs.task.push(0);
    obs.d.push((theta[c.a]! - theta[c.b]!) / BETA);
    obs.s.push(c.winsA + 0.5 * c.ties);
    obs.n.push(c.winsA + c.ties + c.winsB);
    obs.a.push(data.models[c.a]!);
    obs.b.push(data.models[c.b]!);
  }
  const b = fitNoise(obs, "logit");
  tally.hit(
    "beta (profile likelihood, calibrate)",
    b.lower !== null && b.lower <= BETA && (b.upper === null || BETA <= b.upper),
  );
}

/**
 * The bootstrap intervals of one scheme, from the same summary the commands print: the ratings'
 * percentile and BCa intervals, the rank intervals (percentile and calibrated; truth: the true rank), and `calibrate`'s bootstrap
 * interval of beta (normal on the log scale; a score table with qualities `rating / BETA`, beta refitted per replicate).
 */
function bootstrapIntervals(
  tally: Tally,
  data: PairwiseData,
  truth: Truth,
  scheme: ResampleScheme,
  replicates: number,
  seed: string,
  alternatives: boolean,
): void {
  const { centred, ranks } = truth;
  const n = centred.length;
  const spec = { pairwise: data, ratings: true, replicates, seed, resample: scheme };
  const full = Array.from({ length: replicates }, (_, k) => bootstrapReplicate(spec, k));
  const resample = scheme.kind === "clusters" ? `clusters:${scheme.column}` : scheme.kind;
  const point = bootstrapReplicate(spec, -1);
  const printed = summariseBootstrap(spec, point, full).ratings![0]!.models;
  for (let k = 0; k < n; k++) {
    const v = full.map((x) => x.ratings![0]![k]!);
    tally.hit(
      `rating (bootstrap percentile, resample ${resample})`,
      quantile(v, 0.025) <= centred[k]! && centred[k]! <= quantile(v, 0.975),
    );
    const { lower, upper } = printed[k]!.rating;
    tally.hit(`rating (bootstrap BCa, resample ${resample})`, lower <= centred[k]! && centred[k]! <= upper);
  }
  const calibrated = calibratedRankIntervals(
    point.ratings![0]!,
    full.map((x) => x.ratings![0]!),
  );
  for (let k = 0; k < n; k++) {
    const { lower, upper } = printed[k]!.rank;
    tally.hit(
      `rank (bootstrap percentile, resample ${resample})`,
      lower <= ranks[k]! && ranks[k]! <= upper,
      upper - lower + 1,
    );
  }
  for (let k = 0; k < n; k++) {
    const { lower, upper } = calibrated[k]!;
    tally.hit(
      `rank (bootstrap calibrated level, resample ${resample})`,
      lower <= ranks[k]! && ranks[k]! <= upper,
      upper - lower + 1,
    );
  }
  if (alternatives) rankRows(tally, point.ratings![0]!, full, printed, ranks, resample, seed);
  // calibrate --bootstrap: one task, the table's qualities (theta - min) / BETA (normalization none)
  const low = Math.min(...truth.theta);
  const tasked: PairwiseData = { ...data, tasks: ["t"], cells: data.cells.map((c) => ({ ...c, task: 0 })) };
  const noiseSpec = {
    table: {
      comments: [],
      tasks: ["t"],
      models: data.models.slice(),
      scores: truth.theta.map((x) => [(x - low) / BETA]),
    },
    pairwise: tasked,
    normalization: { kind: "none" as const },
    selection: { fit: "logit" as const },
    leaderboards: false,
    replicates,
    seed: `${seed}/beta`,
    resample: scheme,
  };
  const betas = Array.from({ length: replicates }, (_, k) => bootstrapReplicate(noiseSpec, k));
  const beta = summariseBootstrap(noiseSpec, bootstrapReplicate(noiseSpec, -1), betas).noise;
  tally.hit(
    `beta (bootstrap log-normal, resample ${resample}, calibrate)`,
    beta !== null && beta.lower <= BETA && BETA <= beta.upper,
  );
}

/**
 * The printed rank interval split into one-rank and wider intervals, and every alternative of
 * `rank-alternatives.ts` on all cases and on those where the printed interval is wider.
 */
function rankRows(
  tally: Tally,
  estimate: readonly number[],
  full: ReadonlyArray<{ ratings: number[][] | null }>,
  printed: ReadonlyArray<{ rank: { lower: number; upper: number } }>,
  ranks: readonly number[],
  resample: string,
  seed: string,
): void {
  const alt = rankAlternatives(
    estimate,
    full.map((x) => x.ratings![0]!),
    seed,
  );
  for (let k = 0; k < ranks.length; k++) {
    const truth = ranks[k]!;
    const { lower, upper } = printed[k]!.rank;
    const wider = upper > lower;
    tally.hit(
      `rank (printed, ${wider ? "wider" : "one-rank"} intervals, resample ${resample})`,
      lower <= truth && truth <= upper,
      upper - lower + 1,
    );
    RANK_ALTERNATIVES.forEach((name, m) => {
      const [lo, hi] = alt[k]![m]!;
      const ok = lo <= truth && truth <= hi;
      tally.hit(`rank (${name}, resample ${resample})`, ok, hi - lo + 1);
      if (wider) tally.hit(`rank (${name}, resample ${resample}; printed wider)`, ok, hi - lo + 1);
    });
  }
}

/**
 * Measures the coverage of every interval on `design` over `replications` seeded logs, with
 * `bootstrap` replicates per log for each scheme in `schemes` (0: no bootstrap intervals). With
 * `fixedDesign` the pairs and their counts are drawn once and only the outcomes vary.
 *
 * @throws InputError when `replications` is not an integer >= 1.
 * @example
 * coverageStudy("tournament", { replications: 20, bootstrap: 0, seed: "1" })[0]!.coverage; // about 0.95
 */
export function coverageStudy(design: CoverageDesign, opts: CoverageOptions): CoverageRow[] {
  if (!Number.isInteger(opts.replications) || opts.replications < 1)
    throw new InputError(undefined, "replications", `must be an integer >= 1, got ${opts.replications}`);
  const n = COVERAGE_DESIGNS[design].models;
  const theta = trueRatings(n);
  const mean = theta.reduce((s, x) => s + x, 0) / n;
  // model k is the k-th strongest (the true ratings decrease)
  const truth: Truth = { theta, centred: theta.map((x) => x - mean), ranks: theta.map((_, k) => k + 1) };
  const schemes = opts.bootstrap > 0 ? (opts.schemes ?? [{ kind: "battles" }]) : [];
  const fixed = opts.fixedDesign === true ? schedule(design, alea(`${opts.seed}/design`)) : undefined;
  const tally = new Tally();
  for (let r = 0; r < opts.replications; r++) {
    const data = simulateDesign(design, alea(`${opts.seed}/coverage/${r}`), fixed);
    pointIntervals(tally, data, truth);
    for (const scheme of schemes)
      bootstrapIntervals(
        tally,
        data,
        truth,
        scheme,
        opts.bootstrap,
        `${opts.seed}/${r}`,
        opts.rankAlternatives === true,
      );
  }
  return [...tally.count.keys()].map((interval) => {
    const count = tally.count.get(interval)!;
    const c = tally.hits.get(interval)! / count;
    const width = tally.widths.get(interval);
    return {
      ...(width === undefined ? {} : { meanWidth: width / count }),
      design,
      interval,
      nominal: 0.95,
      coverage: c,
      cases: count,
      standardError: Math.sqrt((c * (1 - c)) / opts.replications),
      replications: opts.replications,
    };
  });
}
