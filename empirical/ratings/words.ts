/**
 * The words of the rating fits' reasons: the one place that turns their codes (why the weak prior was
 * added, why a maximum-likelihood fit does not exist, why the standard errors are NaN) into sentences,
 * for the command line and the explorer. The fits return codes and numbers only.
 */
import type {
  FitAnchor,
  LengthControlledReason,
  MleReason,
  PriorReason,
  StandardErrorNote,
} from "./types.js";

/**
 * Why a component's maximum-likelihood ratings do not exist (`davidsonReason`'s answer, a part of a
 * fit's `prior.reason`), in words.
 *
 * Source: D. R. Hunter, "MM algorithms for generalized Bradley-Terry models", Ann. Statist. 32 (2004),
 * Assumption 1; A. Albert and J. A. Anderson, Biometrika 71 (1984) (the ties' case and covariates).
 *
 * @throws nothing
 * @example
 * import { mleReasonText } from "modelmarket/empirical";
 * mleReasonText({ code: "hunter-condition", unjudged: [], neverWin: ["C"], neverLose: [] }); // "never wins: C"
 */
export function mleReasonText(reason: MleReason): string {
  if (reason.code === "ties-unbounded")
    return "the wins and ties can be ordered so that every win is by at least a fixed margin and every tie within it: the ratings and the tie parameter nu grow without bound together";
  if (reason.code === "separated")
    return `the ratings and the covariates together separate the wins from the losses: moving the coefficients of ${reason.coefficients.join(", ") || "no covariate"} (and the ratings) improves every judgement's fit, so the likelihood grows without bound`;
  const parts: string[] = [];
  if (reason.unjudged.length > 0) parts.push(`no judgements: ${reason.unjudged.join(", ")}`);
  if (reason.neverWin.length > 0) parts.push(`never wins: ${reason.neverWin.join(", ")}`);
  if (reason.neverLose.length > 0) parts.push(`never loses: ${reason.neverLose.join(", ")}`);
  if (parts.length === 0) parts.push("the models split into groups that never beat one another");
  return parts.join("; ");
}

/** The clause "maximum-likelihood ratings do not exist (...)" of a `no-mle` reason. */
export function noMleText(reason: Extract<PriorReason, { code: "no-mle" }>): string {
  const parts = reason.components.map(({ among, why }) =>
    among === null ? mleReasonText(why) : `among ${among.join(", ")}: ${mleReasonText(why)}`,
  );
  return `maximum-likelihood ratings do not exist (${parts.join("; ")})`;
}

/**
 * Why a rating fit has the weak prior (`RatingFit.prior.reason`), in words: requested, or the
 * components whose maximum-likelihood ratings do not exist and why, and where the prior went.
 *
 * Source: the prior is one virtual judgement per model against rating 0 (Bayesian pseudo-data; A.
 * Agresti, Categorical Data Analysis, 3rd ed. 2013, Sec. 7.2; Hunter 2004 for the existence condition).
 *
 * @throws nothing
 * @example
 * import { priorReasonText } from "modelmarket/empirical";
 * priorReasonText({ code: "requested" }); // "prior requested (prior=always)"
 */
export function priorReasonText(reason: PriorReason): string {
  if (reason.code === "requested") return "prior requested (prior=always)";
  const scope = reason.everyModel ? "per model" : "per model of those components only";
  const coefficients = reason.components.some((c) => c.why.code === "separated")
    ? ", and one virtual tie per coefficient at 0,"
    : "";
  return `${noMleText(reason)}: one virtual judgement ${scope} against rating 0${coefficients} added`;
}

/**
 * Why a fit's standard errors are NaN (`RatingFit.standardErrorNote`), in words, with the estimate
 * and the limit it exceeded; `limitName` is how the limit is named to the reader (the library's option
 * by default, a command's flag in the CLI).
 *
 * Source: the standard errors are the observed information's inverse, solved by conjugate gradients
 * (M. R. Hestenes and E. Stiefel, J. Res. Nat. Bur. Standards 49, 1952).
 *
 * @throws nothing
 * @example
 * import { standardErrorNoteText } from "modelmarket/empirical";
 * standardErrorNoteText({ code: "over-work-limit", estimate: 2e9, atLeast: false, solves: 1000, steps: 40, pairs: 50000, limit: 1e9 }); // "standard errors not computed: 2.00e+9 pair products estimated (1000 conjugate-gradient solves of 40 steps over 50000 pairs) exceed the limit of 1.00e+9 (maxStandardErrorWork); use the bootstrap for intervals"
 */
export function standardErrorNoteText(note: StandardErrorNote, limitName = "maxStandardErrorWork"): string {
  const atLeast = note.atLeast ? "at least " : "";
  return `standard errors not computed: ${atLeast}${note.estimate.toExponential(2)} pair products estimated (${note.solves} conjugate-gradient solves of ${atLeast}${note.steps} step${note.steps === 1 ? "" : "s"} over ${note.pairs} pairs) exceed the limit of ${note.limit.toExponential(2)} (${limitName}); use the bootstrap for intervals`;
}

/**
 * Where a fit's ratings have their origin (`RatingFit.anchor`), in words: `mean rating 0` or
 * `MODEL = 0`, and how the other groups are anchored when the models never all met.
 *
 * Source: ratings are identified only up to a shift (R. A. Bradley and M. E. Terry, Biometrika 39,
 * 1952); the anchor picks the origin.
 *
 * @throws nothing
 * @example
 * import { anchorText } from "modelmarket/empirical";
 * anchorText({ kind: "model", model: "B", perGroup: true }); // "B = 0, other groups: mean rating 0 in each"
 */
export function anchorText(anchor: FitAnchor): string {
  if (anchor.kind === "mean") return `mean rating 0${anchor.perGroup ? " in each group" : ""}`;
  return `${anchor.model} = 0${anchor.perGroup ? ", other groups: mean rating 0 in each" : ""}`;
}

/**
 * Why a model's length-controlled win rate, or the joint instruction-difficulty fit, has no number or
 * no converged one (`LengthControlledRow.reason`, `LengthControlledResult.difficulty.reason`), in words.
 *
 * Source: A. Albert and J. A. Anderson, "On the existence of maximum likelihood estimates in logistic
 * regression models", Biometrika 71 (1984) 1-10 (separation); Y. Dubois et al., "Length-Controlled
 * AlpacaEval", arXiv 2404.04475 (the GLM).
 *
 * @throws nothing
 * @example
 * import { lengthControlledReasonText } from "modelmarket/empirical";
 * lengthControlledReasonText({ code: "separated", terms: ["intercept", "lengthSlope"] }); // "not estimable: the judgements are separated (a combination of intercept, lengthSlope orders every one, so the likelihood has no maximum)"
 */
export function lengthControlledReasonText(reason: LengthControlledReason): string {
  switch (reason.code) {
    case "separated":
      return `not estimable: the judgements are separated (a combination of ${reason.terms.join(", ")} orders every one, so the likelihood has no maximum)`;
    case "not-identified":
      return `not estimable: the judgements do not determine the ${reason.parameters} parameters`;
    case "no-difficulty":
      return "not estimable: the instruction-difficulty fit has no answer";
    case "not-converged":
      return `NOT CONVERGED after ${reason.iterations} Newton step${reason.iterations === 1 ? "" : "s"}, gradientNorm ${reason.gradientNorm.toExponential(2)}`;
  }
}
