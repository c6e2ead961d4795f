/**
 * The ratings view's computations (run in `ratingsWorker.ts`), with the library's functions only:
 * Bradley-Terry ratings of one task (`ratingLeaderboards`, as `modelmarket ratings`), their seeded
 * bootstrap (`bootstrapReplicate` and `summariseBootstrap`, the spec `modelmarket ratings --bootstrap`
 * builds, so the same seed gives the same intervals), and the calibrated noise (`calibrateNoise`, as
 * `modelmarket calibrate`) with its profile log-likelihood curve. Pure functions, no DOM.
 */
import { normalCdf, parseNormalizationSpec, parseScoreTable } from "modelmarket";
import {
  type BootstrapSpec,
  calibrateNoise,
  calibrationWarningText,
  checkReplicates,
  ELO_BASE,
  ELO_PER_LOGIT,
  type NoiseModel,
  type NoiseObservations,
  noiseObservations,
  type PairwiseData,
  pairwiseWarningText,
  parsePairwise,
  parseResample,
  priorReasonText,
  ratingLeaderboards,
} from "modelmarket/empirical";

/** What the page asks for. */
export interface RatingsRequest {
  kind: "ratings";
  gen: number;
  pairwise: { name: string; text: string };
  /** `overall` or a task name (an unknown one falls back to `overall`). */
  task: string;
  ties: "half" | "davidson";
  /** `mean` or a model name. */
  anchor: string;
  replicates: number;
  /** The ratings' bootstrap interval (`--interval`): BCa, the CLI's default, or percentile. */
  interval: "bca" | "percentile";
  maxReplicates: number;
  seed: string;
  /** `--resample` text: `battles`, `cells` or `clusters:COLUMN`. */
  resample: string;
  /** The score table of the calibration (none: no calibration). */
  table?: { name: string; text: string };
  /** `--normalize` text (empty: the table's maximum, the CLI's default). */
  normalize: string;
  noise: NoiseModel;
  /** Controlled ratings (`--control NAME` each; empty: none). */
  controls: string[];
  /** `--length-controlled BASELINE` (empty: none). */
  baseline: string;
  /** `--instructions COLUMN` or `none`. */
  instructions: string;
}

/** One model's row of the ratings table, in the fit's order (sorted by the page). */
export interface RatingRowView {
  name: string;
  rank: number;
  group: number;
  rating: number;
  se: number;
  elo: number;
  eloLower: number;
  eloUpper: number;
  winrate: number;
  /** The winrate's Wilson interval, as `winrate.lower..upper` in the CLI. */
  winrateLower: number;
  winrateUpper: number;
  pairwiseWinrate: number;
  judgements: number;
}

/** The fit of the chosen task. */
export interface RatingsView {
  file: string;
  format: string;
  models: string[];
  tasks: string[];
  task: string;
  method: string;
  converged: boolean;
  iterations: number;
  judgements: number;
  prior: string | null;
  rows: RatingRowView[];
  /** `versus[i][j]`: winrate of row `i` against row `j` (ties half), `null` when they never met. */
  versus: Array<Array<{ value: number; n: number } | null>>;
  warnings: string[];
}

/** The bootstrap percentile intervals of the chosen task, in the rows' order. */
export interface BootstrapView {
  replicates: number;
  /** How the rating intervals were formed (the summary's `ratingInterval`). */
  interval: "bca" | "bias-corrected" | "percentile";
  seed: string;
  scheme: string;
  task: string;
  models: Array<{
    name: string;
    rating: { estimate: number; lower: number; upper: number };
    rank: { estimate: number; lower: number; upper: number };
  }>;
}

/** The calibrated noise and its profile log-likelihood. */
export interface CalibrationView {
  table: string;
  model: NoiseModel;
  parameter: "beta" | "sigma";
  normalization: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  boundary: "zero" | "infinite" | null;
  standardError: number | null;
  logLikelihood: number;
  llPerJudgement: number;
  llConstantPerJudgement: number;
  pseudoR2: number;
  judgements: number;
  converged: boolean;
  perTask: Array<{ task: string; value: number | null; lower: number | null; upper: number | null }>;
  /** The curve `l(x) - l_max` at `xs` (the model has one parameter: its profile is its likelihood). */
  curve: { xs: number[]; rel: number[] };
  warnings: string[];
}

/** Elo of a logit rating (the library's convention: 1000 + 400 / ln 10 per logit). */
export function eloOf(logit: number): number {
  return ELO_BASE + ELO_PER_LOGIT * logit;
}

let cached: { key: string; data: PairwiseData } | undefined;

/** The judgements, parsed once per file text and cluster column. */
export function judgements(req: Pick<RatingsRequest, "pairwise" | "resample">): PairwiseData {
  const scheme = parseResample(req.resample || undefined);
  const cluster = scheme.kind === "clusters" ? scheme.column : undefined;
  const key = `${req.pairwise.name}\u0000${cluster ?? ""}\u0000${req.pairwise.text}`;
  if (cached?.key === key) return cached.data;
  const data = parsePairwise(req.pairwise.text, req.pairwise.name, cluster === undefined ? {} : { cluster });
  cached = { key, data };
  return data;
}

/** The task actually rated: the requested one when the file has it, else `overall`. */
export function chosenTask(data: PairwiseData, task: string): string {
  return data.tasks.includes(task) ? task : "overall";
}

function anchorOf(data: PairwiseData, anchor: string) {
  return anchor !== "mean" && data.models.includes(anchor)
    ? { kind: "model" as const, model: anchor }
    : { kind: "mean" as const };
}

/**
 * The ratings of the chosen task, as `modelmarket ratings FILE --task TASK [--ties] [--anchor]`.
 *
 * @throws InputError for a malformed file or data the fit refuses.
 */
export function ratingsView(req: RatingsRequest): RatingsView {
  const data = judgements(req);
  const task = chosenTask(data, req.task);
  const [t] = ratingLeaderboards(data, { ties: req.ties, anchor: anchorOf(data, req.anchor), tasks: [task] });
  const fit = t!.fit;
  return {
    file: req.pairwise.name,
    format: data.format,
    models: data.models.slice(),
    tasks: data.tasks.slice(),
    task,
    method: fit.method,
    converged: fit.converged,
    iterations: fit.iterations,
    judgements: fit.judgements,
    prior: fit.prior.applied && fit.prior.reason !== null ? priorReasonText(fit.prior.reason) : null,
    rows: t!.rows.map((r) => ({
      name: r.name,
      rank: r.rank,
      group: r.group,
      rating: r.rating,
      se: r.standardError,
      elo: r.elo,
      eloLower: r.eloLower,
      eloUpper: r.eloUpper,
      winrate: r.winrate.value,
      winrateLower: r.winrate.lower,
      winrateUpper: r.winrate.upper,
      pairwiseWinrate: r.pairwiseWinrate,
      judgements: r.judgements,
    })),
    versus: t!.versus.map((row) => row.map((p) => (p === null ? null : { value: p.value, n: p.n }))),
    warnings: data.warnings?.map(pairwiseWarningText) ?? [],
  };
}

/**
 * The bootstrap spec of `modelmarket ratings FILE --bootstrap N --seed S --resample R --interval I`
 * (ties, prior `auto` and anchor as given), after the replicate limit is checked before any work.
 *
 * @throws InputError for a bad count or resample text; WorkLimitError over `maxReplicates`.
 */
export function bootstrapSpec(req: RatingsRequest): BootstrapSpec {
  checkReplicates(req.replicates, req.maxReplicates);
  const data = judgements(req);
  return {
    pairwise: data,
    ratings: true,
    ratingOptions: { ties: req.ties, prior: "auto", anchor: anchorOf(data, req.anchor) },
    ratingInterval: req.interval,
    replicates: req.replicates,
    seed: req.seed,
    resample: parseResample(req.resample || undefined),
  };
}

/** Log-likelihood of the slope `x` (beta, or gamma = 1 / (sigma sqrt 2)): the library's formula. */
function loglik(model: NoiseModel, obs: NoiseObservations, x: number): number {
  let l = 0;
  const logS = (z: number) => (z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z)));
  // Mills-ratio asymptote in the far lower tail, where normalCdf underflows
  const logPhi = (z: number) =>
    z < -37 ? -0.5 * z * z - Math.log(-z) - 0.9189385332046727 : Math.log(normalCdf(z));
  for (let k = 0; k < obs.d.length; k++) {
    const z = x * obs.d[k]!;
    const s = obs.s[k]!;
    const f = obs.n[k]! - s;
    l += model === "logit" ? s * logS(z) + f * logS(-z) : s * logPhi(z) + f * logPhi(-z);
  }
  return l;
}

/** 81 parameter values around the fit: its interval widened on both sides, or up to a boundary's bound. */
function curveRange(value: number | null, lower: number | null, upper: number | null): [number, number] {
  if (value !== null && lower !== null && upper !== null && upper > lower) {
    const w = upper - lower;
    return [Math.max(lower - 1.5 * w, value / 50), upper + 1.5 * w];
  }
  const b = upper ?? lower ?? 1;
  return [b / 50, 3 * b];
}

/**
 * The calibrated noise of `req.table` against the judgements, as `modelmarket calibrate TABLE --pairwise
 * FILE [--normalize N] --noise MODEL`, with the pooled profile curve `l(x) - l_max`.
 *
 * @throws InputError for a malformed table or normalisation, or files with no common model or task.
 */
export function calibrationView(req: RatingsRequest): CalibrationView | null {
  if (req.table === undefined) return null;
  const table = parseScoreTable(req.table.text, req.table.name);
  const data = judgements(req);
  const opts = {
    model: req.noise,
    file: req.table.name,
    ...(req.normalize === "" ? {} : { normalization: parseNormalizationSpec(req.normalize) }),
  };
  const r = calibrateNoise(table, data, opts);
  const p = r.pooled;
  const { obs } = noiseObservations(table, data, opts);
  const [lo, hi] = curveRange(p.value, p.lower, p.upper);
  const xs = Array.from({ length: 81 }, (_, k) => lo + ((hi - lo) * k) / 80);
  const slope = (x: number) => (req.noise === "logit" ? x : 1 / (x * Math.SQRT2));
  const rel = xs.map((x) => loglik(req.noise, obs, slope(x)) - p.logLikelihood);
  return {
    table: req.table.name,
    model: req.noise,
    parameter: p.parameter,
    normalization: r.normalization,
    value: p.value,
    lower: p.lower,
    upper: p.upper,
    boundary: p.boundary,
    standardError: p.standardError,
    logLikelihood: p.logLikelihood,
    llPerJudgement: p.llPerJudgement,
    llConstantPerJudgement: p.llConstantPerJudgement,
    pseudoR2: p.pseudoR2,
    judgements: p.judgements,
    converged: p.converged,
    perTask: r.perTask.map((t) => ({ task: t.task, value: t.value, lower: t.lower, upper: t.upper })),
    curve: { xs, rel },
    warnings: r.warnings.map(calibrationWarningText),
  };
}
