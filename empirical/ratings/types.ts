/**
 * What every rating fit returns, the anchor that pins the scale's origin, the weak prior used when the
 * maximum-likelihood ratings do not exist, and the Elo scale.
 */
import { InputError } from "../../src/errors.js";

/** Elo points per logit unit, `400 / ln 10` (the arena convention: 400 Elo = odds 10:1). */
export const ELO_PER_LOGIT = 400 / Math.LN10;

/** The Elo of rating 0 (the anchor); the arena's starting rating. */
export const ELO_BASE = 1000;

/**
 * Where the ratings' origin is: the mean rating is 0 (`mean`, the default), or one model's rating is 0
 * (`model`). Ratings are identified only up to a shift; the anchor changes the numbers and standard
 * errors, never the fitted probabilities.
 */
export type Anchor = { kind: "mean" } | { kind: "model"; model: string };

/**
 * When to add the weak prior: one virtual tie between every model and a virtual opponent fixed at
 * rating 0 (half a win and half a loss each, Bayesian pseudo-data that keeps every rating finite).
 * `auto` (default): only when the MLE does not exist (some model never wins or never loses, or the
 * models do not form one connected web of wins); `always`; `none`: refuse such data with an error.
 */
export type PriorPolicy = "auto" | "always" | "none";

/**
 * Why a component's maximum-likelihood ratings do not exist (`mleReasonText` words it).
 * `hunter-condition`: Hunter's condition fails; the models with no judgements, that never win, that
 * never lose (all three empty: the models split into groups that never beat one another).
 * `ties-unbounded` (Davidson): the wins and ties can be ordered so that the ratings and the tie
 * parameter grow without bound together. `separated` (Bradley-Terry with covariates): the ratings and
 * the covariates together separate the wins from the losses (Albert and Anderson 1984); `coefficients`:
 * the covariates whose coefficients move along the separating direction found.
 */
export type MleReason =
  | { code: "hunter-condition"; unjudged: string[]; neverWin: string[]; neverLose: string[] }
  | { code: "ties-unbounded" }
  | { code: "separated"; coefficients: string[] };

/**
 * Why AlpacaEval's length-controlled GLM of a model, or the joint instruction-difficulty fit, gives no
 * number or no converged one (`LengthControlledRow.reason`, `LengthControlledResult.difficulty.reason`;
 * `lengthControlledReasonText` words it). `separated`: the judgements are completely or
 * quasi-completely separated (A. Albert and J. A. Anderson, Biometrika 71, 1984): some combination of
 * the `terms` orders every judgement, so the likelihood rises without a maximum. `not-identified`: the
 * judgements do not determine the `parameters` (the information is singular). `no-difficulty`: the
 * joint difficulty fit has no answer, so the model's GLM has no difficulty term to use.
 * `not-converged`: Newton's method stopped after `iterations` steps at `gradientNorm` (the numbers are
 * given, marked).
 */
export type LengthControlledReason =
  | { code: "separated"; terms: string[] }
  | { code: "not-identified"; parameters: number }
  | { code: "no-difficulty" }
  | { code: "not-converged"; iterations: number; gradientNorm: number };

/**
 * Why a fit has the weak prior (`RatingFit.prior.reason`; `priorReasonText` words it). `requested`:
 * prior `always`. `no-mle`: per component without a maximum-likelihood fit, its models (`among`,
 * `null` when it is the only component or a single model) and why; `everyModel`: every model got the
 * prior (else only those components' models).
 */
export type PriorReason =
  | { code: "requested" }
  | { code: "no-mle"; components: Array<{ among: string[] | null; why: MleReason }>; everyModel: boolean };

/**
 * Why the standard errors are NaN (`RatingFit.standardErrorNote`; `standardErrorNoteText` words it):
 * the Newton-CG path's estimate of its work, in pair products (`atLeast`: a lower bound, the first
 * solve was cut), from `solves` conjugate-gradient solves of `steps` steps over `pairs` pairs, is above
 * `limit` (`maxStandardErrorWork`).
 */
export interface StandardErrorNote {
  code: "over-work-limit";
  estimate: number;
  atLeast: boolean;
  solves: number;
  steps: number;
  pairs: number;
  limit: number;
}

/**
 * Where a fit's ratings have their origin (`RatingFit.anchor`; `anchorText` words it): the anchor asked
 * for, and `perGroup` when the models form several groups that never met (each group is anchored on
 * its own: the anchor model's group on that model, every other group on its mean rating).
 */
export type FitAnchor = Anchor & { perGroup: boolean };

/** Options shared by the rating fits. */
export interface RatingOptions {
  anchor?: Anchor;
  prior?: PriorPolicy;
  /**
   * Work limit on the number of models (default `MAX_RATED_MODELS`, 1,000,000): a fit of more is
   * refused with a `WorkLimitError` (limit `maxModels`). Above `DENSE_MODEL_LIMIT` (2,000) models
   * Bradley-Terry is fitted by Newton-CG (`sparse.ts`).
   */
  maxModels?: number;
  /**
   * Work limit of the Newton-CG standard errors, in pair products (default `DEFAULT_MAX_SE_WORK` of
   * `sparse.ts`): past it they are NaN and `standardErrorNote` says why.
   */
  maxStandardErrorWork?: number;
  /**
   * Ratings (logits, over the comparisons' models, any anchor) to start Newton's method from instead
   * of 0 (Bradley-Terry; the bootstrap starts every refit from the data's fit). The maximum is the
   * same; only the number of steps changes.
   */
  start?: readonly number[];
  /** `false`: skip the standard errors (NaN), as the bootstrap's refits do (default `true`). */
  standardErrors?: boolean;
  /** Newton iteration cap (default 200). */
  maxIterations?: number;
  /**
   * Convergence: gradient max-norm at most `tolerance * max(1, total judgement weight)` (default 1e-12).
   */
  tolerance?: number;
}

/** A fitted rating model. */
export interface RatingFit {
  method: "bradley-terry" | "davidson";
  models: string[];
  /** Ratings in logit units, anchored (`P(i beats j) = sigmoid(r_i - r_j)` under Bradley-Terry). */
  ratings: number[];
  /** Standard errors from the observed information (inverse Hessian of the log-likelihood), anchored. */
  standardErrors: number[];
  /** `ELO_BASE + ELO_PER_LOGIT * rating`. */
  elo: number[];
  /** `ELO_PER_LOGIT * standardError`. */
  eloStandardErrors: number[];
  /** Where the ratings' origin is, e.g. `{ kind: "mean", perGroup: false }` (`anchorText`: `mean rating 0`). */
  anchor: FitAnchor;
  logLikelihood: number;
  /** Max-norm of the log-likelihood's gradient at the ratings (the convergence certificate). */
  gradientNorm: number;
  iterations: number;
  converged: boolean;
  prior: { applied: boolean; reason: PriorReason | null };
  /** Total judgement weight (ties count once). */
  judgements: number;
  /**
   * `groups[k]`: the component of model `k` in the graph "met at least once". Models in different
   * groups never met, directly or through others: each group is anchored on its own, and ratings and
   * ranks are not comparable across groups.
   */
  groups: number[];
  /** Why the standard errors are NaN, when they are (the Newton-CG path past its work limit). */
  standardErrorNote?: StandardErrorNote;
  /** Davidson only: the tie parameter `nu` and its standard error. */
  tieParameter?: { nu: number; standardError: number };
}

/**
 * Shifts full (unanchored) ratings and their covariance to `anchor`: `r' = M r`, `C' = M C M^T`, with
 * `M = I - 1 1^T / n` (mean) or `M = I - 1 e_a^T` (model `a`). Returns ratings and standard errors.
 *
 * @throws InputError when the anchor model is not among `models`.
 * @example
 * applyAnchor(["A", "B"], [1, 3], [[1, 0], [0, 1]], { kind: "mean" }); // { ratings: [-1, 1], standardErrors: [0.707..., 0.707...] }
 */
export function applyAnchor(
  models: readonly string[],
  theta: readonly number[],
  cov: readonly (readonly number[])[] | null,
  anchor: Anchor,
): { ratings: number[]; standardErrors: number[]; anchor: FitAnchor } {
  const n = models.length;
  let shift: number;
  let se: number[];
  if (anchor.kind === "mean") {
    shift = theta.reduce((s, x) => s + x, 0) / n;
    if (cov === null) se = new Array<number>(n).fill(Number.NaN);
    else {
      const rowMean = cov.map((row) => row.reduce((s, x) => s + x, 0) / n);
      const grand = rowMean.reduce((s, x) => s + x, 0) / n;
      se = models.map((_, k) => Math.sqrt(Math.max(0, cov[k]![k]! - 2 * rowMean[k]! + grand)));
    }
  } else {
    const a = models.indexOf(anchor.model);
    if (a === -1)
      throw new InputError(
        undefined,
        "anchor",
        `unknown model "${anchor.model}" (not among the rated models)`,
      );
    shift = theta[a]!;
    se =
      cov === null
        ? new Array<number>(n).fill(Number.NaN)
        : models.map((_, k) => Math.sqrt(Math.max(0, cov[k]![k]! - 2 * cov[k]![a]! + cov[a]![a]!)));
  }
  return { ratings: theta.map((x) => x - shift), standardErrors: se, anchor: { ...anchor, perGroup: false } };
}

/**
 * The fields every rating fit reports, from its anchored ratings and its Newton run: the Elo scale
 * (`ELO_BASE + ELO_PER_LOGIT * rating`), the convergence certificate and the prior's decision.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const f = ratingFitFields("bradley-terry", ["A", "B"], { ratings: [0.5, -0.5], standardErrors: [0.1, 0.1], anchor: { kind: "mean", perGroup: false } },
 *   { value: -1, gradientNorm: 1e-12, iterations: 4, converged: true }, { applied: false, reason: null }, 10);
 * f.elo[0]; // 1000 + 400 / ln 10 * 0.5
 */
export function ratingFitFields(
  method: RatingFit["method"],
  models: readonly string[],
  anchored: { ratings: number[]; standardErrors: number[]; anchor: FitAnchor },
  run: { value: number; gradientNorm: number; iterations: number; converged: boolean },
  prior: RatingFit["prior"],
  judgements: number,
  groups: readonly number[] = models.map(() => 0),
): RatingFit {
  return {
    method,
    models: models.slice(),
    ratings: anchored.ratings,
    standardErrors: anchored.standardErrors,
    elo: anchored.ratings.map((r) => ELO_BASE + ELO_PER_LOGIT * r),
    eloStandardErrors: anchored.standardErrors.map((s) => ELO_PER_LOGIT * s),
    anchor: anchored.anchor,
    logLikelihood: run.value,
    gradientNorm: run.gradientNorm,
    iterations: run.iterations,
    converged: run.converged,
    prior,
    judgements,
    groups: groups.slice(),
  };
}
