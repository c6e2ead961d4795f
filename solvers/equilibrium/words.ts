/**
 * The words of the producer game's report: the one place that turns its structured reasons (the
 * mixed search's `MixedNote`s, the prices' `PriceScope`) into sentences, for the command line and the
 * explorer. The solvers return codes and numbers only.
 */

import { plural } from "../../src/numeric/format.js";
import { completenessText } from "../finite/nplayer/words.js";
import type { DynamicsResult } from "./dynamics.js";
import { num } from "./mixed-profile.js";
import type { MixedNote } from "./mixed-types.js";
import type { OptimumMethod } from "./optimum.js";
import type { EquilibriumSource, PriceScope, StartLabel } from "./types.js";

const tolerancePhrase = (t: number) => `tolerance ${num(t)} of each player's own payoff range`;
const constantSum = (exact: boolean, c?: number) =>
  `constant-sum (${exact ? "exactly" : "up to floating-point rounding"}${c === undefined ? "" : `, c = ${num(c)}`})`;

/** One note in words. */
// Over 80 lines: one case per code of the closed MixedNote union, each a sentence template.
function noteText(n: MixedNote): string {
  switch (n.code) {
    case "no-strategic-producer":
      return "no strategic producer";
    case "one-strategic-producer":
      return "one strategic producer: its mixed equilibria are the mixtures of its pure best responses";
    case "not-task-separable":
      return `rule "${n.rule}" is not task-separable: no market game`;
    case "too-many-profiles":
      return `the joint space has ${n.profiles} profiles, above the enumeration limit`;
    case "continuous-space":
      return "a strategic space is continuous: no finite game";
    case "enummixed-complete":
      return `enummixed: all ${plural(n.equilibria, "extreme equilibrium", "extreme equilibria")}, exact (regret 0); the list is complete`;
    case "lcp-instead": {
      const [m, k] = n.shape;
      const why =
        n.because === "size"
          ? `the game is ${m} x ${k}, above enummixed's limit on m + n`
          : `the game is ${m} x ${k}, and enummixed's bound on the polytope vertices exceeds its limit`;
      return (
        `lcp: ${why}, so Lemke-Howson (with continuation from every equilibrium found) ran instead: ` +
        `${plural(n.equilibria, "equilibrium", "equilibria")} reachable by its paths, exact (regret 0); the list may be incomplete` +
        (n.pivotCapHit ? " (some paths hit the pivot cap)" : "") +
        (n.stoppedAtPathLimit ? ` (stopped after ${n.equilibria} equilibria at the limit on paths)` : "")
      );
    }
    case "exact-methods-too-large":
      return `the game is ${n.shape[0]} x ${n.shape[1]}, above the exact methods' limits on m + n (enummixed's and lcp's)`;
    case "probability-artifacts":
      return `warning: ${plural(n.equilibria, "equilibrium has", "equilibria have")} a probability below 1e-9, likely an artifact of payoffs equal but for their last bits (modelmarket nash --snap solves the game with such payoffs merged)`;
    case "constant-sum-lp-not-run":
      return `${constantSum(n.exact, n.constant)}: LP not run (no LP backends loaded; solveEquilibriaAsync loads them)`;
    case "constant-sum-lp-certified":
      return (
        `${constantSum(n.exact, n.constant)}: lp certified, value ${num(n.value)} for the first player ` +
        `in [${num(n.lower)}, ${num(n.upper)}], max regret ${num(n.maxRegret)}${n.alreadyListed ? " (an equilibrium already listed)" : ""}`
      );
    case "constant-sum-lp-rejected":
      return `${constantSum(n.exact)}: lp answer ${n.certified ? `failed the regret check (max regret ${num(n.maxRegret)} > ${num(n.threshold)})` : `not certified (value in [${num(n.lower)}, ${num(n.upper)}], gap ${num(n.gap)})`}; not listed`;
    case "certified-list": {
      const what = `${plural(n.equilibria, "equilibrium", "equilibria")} (${n.exact} exact, ${n.equilibria - n.exact} with a certified regret bound)`;
      const via =
        n.supports === null ? "" : `${n.supports} support profiles, above enumpoly's limit, so gnm ran: `;
      const listed = n.completeness.complete
        ? `${n.method}: all ${what}; proven complete (${completenessText(n.completeness)})`
        : `${n.method}: ${what}; not proven complete (${completenessText(n.completeness)})`;
      return `${n.players} players: ${via}${listed}`;
    }
    case "gnm-over-limit":
      return `${n.players} players: ${n.supports} support profiles, above enumpoly's limit; gnm's work bound exceeds its limit`;
    case "logit-over-limit":
      return "logit tracing skipped too (its work is above its limit)";
    case "logit-not-converged":
      return (
        `logit tracing did not converge after ${n.iterations} steps (largest regret relative to its player's payoff range ${num(n.maxRelativeRegret)} > ${tolerancePhrase(n.tolerance)}` +
        `${n.reachedLambdaMax ? "" : `, trace stopped at lambda ${num(n.lambda)}`}); no mixed equilibrium reported`
      );
    case "logit-approximate":
      return (
        `one approximate equilibrium (epsilon = ${num(n.epsilon)} <= ${tolerancePhrase(n.tolerance)}), the limit of the logit QRE branch ` +
        `after ${n.iterations} steps; other mixed equilibria are not searched`
      );
  }
}

/**
 * The mixed search's reasons (`EquilibriumReport.mixed.reasons`) in words: one clause per note,
 * joined by `; `, in the order the search met them.
 *
 * Source: the methods are those of `mixedEquilibria` (enummixed: Avis and Fukuda 1992; Lemke and
 * Howson, J. SIAM 12, 1964; enumpoly and gnm: see `completenessText`; logit tracing: McKelvey and
 * Palfrey, Games Econ. Behav. 10, 1995).
 *
 * @throws nothing
 * @example
 * import { mixedReasonText } from "modelmarket/solvers";
 * mixedReasonText([{ code: "enummixed-complete", equilibria: 3 }]); // "enummixed: all 3 extreme equilibria, exact (regret 0); the list is complete"
 */
export function mixedReasonText(notes: readonly MixedNote[]): string {
  return notes.map(noteText).join("; ");
}

/**
 * What the prices of anarchy and stability range over (`EquilibriumReport.priceScope`), in words:
 * the pure and mixed equilibria included, whether they bound every equilibrium, and whether the
 * optimum is exact.
 *
 * Source: the prices are Koutsoupias and Papadimitriou (STACS 1999) and Anshelevich et al. (FOCS 2004).
 *
 * @throws nothing
 * @example
 * import { priceBasisText } from "modelmarket/solvers";
 * const scope = { pure: 2, mixed: 0, excludedApproximate: 0, allEquilibria: false, found: 2, mixedCertified: 0, pureExhaustive: true, players: 2, mixedMethods: ["lcp"], mixedComplete: false, optimumExact: true };
 * priceBasisText(scope); // "2 pure (all of them); not every equilibrium: PoA is a lower bound and PoS an upper bound on their values over all Nash equilibria; optimum exact"
 */
export function priceBasisText(scope: PriceScope): string {
  if (scope.found === 0 && scope.pure === 0) return "no equilibrium found";
  const mixedText =
    scope.mixedCertified > 0
      ? ` and ${scope.mixed} certified mixed ${scope.mixed === 1 ? "equilibrium" : "equilibria"} (${scope.mixedMethods.join(", ")}${scope.players >= 3 ? (scope.mixedComplete ? ", proven complete" : ", not proven complete") : ""})`
      : scope.players >= 3 && scope.mixedMethods.length === 0
        ? " (mixed equilibria not searched: the game is too large for enumpoly and gnm)"
        : "";
  const boundText = scope.allEquilibria
    ? "these attain the worst and best U over every Nash equilibrium, mixed ones included"
    : "not every equilibrium: PoA is a lower bound and PoS an upper bound on their values over all Nash equilibria";
  return (
    `${scope.pure} pure${scope.pureExhaustive ? " (all of them)" : " (found by dynamics; not exhaustive)"}${mixedText}; ${boundText}` +
    `${scope.excludedApproximate > 0 ? `; ${scope.excludedApproximate} approximate mixed equilibrium left out` : ""}` +
    `; optimum ${scope.optimumExact ? "exact" : "a local optimum (not proven)"}`
  );
}

/**
 * A starting profile of the best-response dynamics, in words: `file profile`, `canonical profile` or
 * `random start K` (the K-th seeded random profile).
 *
 * Source: the starts of `solveEquilibria` (the file's qualities, each space's canonical strategy and
 * seeded random profiles; multiple starts as in Fudenberg and Levine, The Theory of Learning in Games,
 * 1998).
 *
 * @throws nothing
 * @example
 * import { startText } from "modelmarket/solvers";
 * startText({ code: "random", index: 2 }); // "random start 2"
 */
export function startText(start: StartLabel): string {
  switch (start.code) {
    case "file":
      return "file profile";
    case "canonical":
      return "canonical profile";
    case "random":
      return `random start ${start.index}`;
  }
}

/**
 * Where an equilibrium was found (one of `Equilibrium.sources`), in words: the method, and for the
 * dynamics the mode and start, for lp its backend and certified gap, for the N-player methods whether
 * exact or their certified regret bound, for logit tracing its epsilon.
 *
 * Source: the methods are those of `solveEquilibria` (best-response dynamics: Fudenberg and Levine,
 * The Theory of Learning in Games, 1998; enummixed: Avis and Fukuda 1992; lcp: Lemke and Howson,
 * J. SIAM 12, 1964; enumpoly and gnm: see `completenessText`; logit tracing: McKelvey and Palfrey,
 * Games Econ. Behav. 10, 1995).
 *
 * @throws nothing
 * @example
 * import { sourceText } from "modelmarket/solvers";
 * sourceText({ code: "dynamics", mode: "sequential", start: { code: "file" } }); // "sequential dynamics from file profile"
 */
export function sourceText(source: EquilibriumSource): string {
  switch (source.code) {
    case "enumeration":
      return "enumeration";
    case "dynamics":
      return `${source.mode} dynamics from ${startText(source.start)}`;
    case "enummixed":
      return "enummixed (exact vertex enumeration)";
    case "lcp":
      return "lcp (Lemke-Howson with continuation, exact)";
    case "lp":
      return `lp (constant-sum maximin, ${source.backend}, certified gap ${num(source.gap)})`;
    case "enumpoly":
    case "gnm": {
      const how = source.exact ? "exact, regret 0" : `certified enclosure, regret <= ${num(source.epsilon)}`;
      return `${source.code} (${source.code === "enumpoly" ? "support enumeration" : "global Newton path following"}, ${how})`;
    }
    case "logit":
      return `logit tracing (approximate, epsilon = ${num(source.epsilon)})`;
  }
}

/**
 * Why a run of best-response dynamics stopped (`DynamicsResult.status`), in words, with its rounds
 * and, for a cycle, its period and the rounds that repeated.
 *
 * Source: best-response dynamics as in D. Fudenberg and D. K. Levine, The Theory of Learning in Games
 * (1998), ch. 1; a repeated profile means a cycle (the dynamics are deterministic).
 *
 * @throws nothing
 * @example
 * import { dynamicsStatusText } from "modelmarket/solvers";
 * dynamicsStatusText({ status: "cycle", rounds: 5, cycle: { period: 2, firstRound: 3 } }); // "did not converge: the dynamics cycle with period 2 (profile of round 3 repeated in round 5)"
 */
export function dynamicsStatusText(run: Pick<DynamicsResult, "status" | "rounds" | "cycle">): string {
  switch (run.status) {
    case "converged":
      return `converged after ${run.rounds} round(s)`;
    case "cycle": {
      const first = run.cycle?.firstRound ?? 0;
      const period = run.cycle?.period ?? 0;
      return `did not converge: the dynamics cycle with period ${period} (profile of round ${first} repeated in round ${first + period})`;
    }
    case "round-limit":
      return `did not converge within ${run.rounds} rounds`;
  }
}

/**
 * How a welfare optimum was found (`WelfareOptimum.method`), in words: the enumeration with its number
 * of joint profiles, or block-coordinate ascent (a local optimum).
 *
 * Source: block-coordinate ascent as in D. P. Bertsekas, Nonlinear Programming, 3rd ed. (2016),
 * Sec. 3.7 (each block is a welfare-optimal response).
 *
 * @throws nothing
 * @example
 * import { optimumMethodText } from "modelmarket/solvers";
 * optimumMethodText({ code: "enumeration", profiles: 36 }); // "enumeration of 36 joint profiles"
 */
export function optimumMethodText(method: OptimumMethod): string {
  return method.code === "enumeration"
    ? `enumeration of ${method.profiles} joint profiles`
    : "block-coordinate ascent on U (local optimum)";
}
