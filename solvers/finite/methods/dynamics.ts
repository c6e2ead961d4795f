/**
 * The learning dynamics of the finite-game facade (`fp`, `replicator`, `regret`, `logit`; the
 * algorithms are in `../dynamics/`, one per file) and the one report of a dynamics run: its final
 * profile is reported only when the run converged and the profile passes the regret check, or when
 * the exact polish (`../polish.ts`) finds the equilibrium it was near.
 */
import { checkWorkLimit } from "../../../src/work.js";
import {
  DEFAULT_DYNAMICS_TOLERANCE,
  type DynamicsOptions,
  type DynamicsResult,
  fictitiousPlay,
  logitTracing,
  regretMatching,
  replicatorDynamics,
} from "../dynamics/index.js";
import { type FloatProfile, type NormalFormGame, profileToFloat } from "../game.js";
import { polishProfile } from "../polish.js";
import {
  DYNAMICS_DEFAULT_ITERATIONS,
  DYNAMICS_METHODS,
  type DynamicsMethod,
  METHOD_INFO,
} from "./catalog.js";
import { DEFAULT_MAX_EVALUATIONS } from "./limits.js";
import { checkFloatRegret } from "./regret-check.js";
import type { NashMethodEntry, NashReport, SolveFiniteOptions } from "./types.js";

export { DYNAMICS_METHODS, type DynamicsMethod };

/**
 * The report of a dynamics run: the final profile is an equilibrium when the run converged AND the
 * profile passes the regret check (`tolerance` relative to each player's own payoff range). Otherwise
 * the profile is polished (`polishProfile`): when the pure rounding or, for two players, the exact
 * equilibrium on the supports it plays is an exact equilibrium (zero exact regret), that is reported
 * with `outcome.converged: false` (the dynamic did not converge) and `outcome.polished: true`
 * (`details.certifiedExactly`); if not, `failure` says "did not converge after N iterations (...)" and
 * the profile goes to `lastProfile`. `outcome.reported` says which of the dynamic's profiles was
 * checked (fictitious play and regret matching: `average`, `last iterate` or `tail average`).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const r = dynamicsReport(game, "fp", fictitiousPlay(game, { seed: "1" }), 1e-6);
 * r.outcome; // { converged: true, polished: false, maxRegret: ..., iterations: ..., reported: ... }
 */
export function dynamicsReport(
  game: NormalFormGame,
  method: DynamicsMethod,
  result: DynamicsResult,
  tolerance: number,
  details: Record<string, unknown> = {},
): NashReport {
  const check = checkFloatRegret(game, result.profile, tolerance);
  const ok = result.converged && check.passed;
  const ranges = check.thresholds.map((t) => (tolerance > 0 ? t / tolerance : 0));
  if (!ok) {
    // The dynamic may have found the equilibrium without reaching the tolerance (fp's regret falls
    // like 1/T): certify the exact equilibrium on the supports it points at, or report the failure.
    // only an equilibrium the dynamic was near (not one a short run merely shares a support with);
    // the replicator's time average is the second candidate (its orbits may cycle around the answer)
    let exact = polishProfile(game, result.profile);
    if (exact !== null && maxDistance(exact, result.profile) > POLISH_DISTANCE) exact = null;
    if (exact === null && result.average !== undefined) {
      exact = polishProfile(game, result.average);
      if (exact !== null && maxDistance(exact, result.average) > POLISH_DISTANCE) exact = null;
    }
    if (exact !== null) {
      const profile = profileToFloat(exact);
      return {
        game,
        method,
        exact: false,
        complete: true,
        // the dynamic did not converge: the exact equilibrium near its profile is reported as polished
        outcome: { converged: false, polished: true, maxRegret: 0, iterations: result.iterations },
        equilibria: [{ profile, regret: profile.map(() => 0) }],
        details: {
          tolerance,
          payoffRanges: ranges,
          certifiedExactly: true,
          dynamicsMaxRelativeRegret: check.maxRelativeRegret,
          exactProfile: exact.map((x) => x.map((v) => v.toString())),
          ...details,
        },
        dynamicsResult: result,
      };
    }
  }
  const report: NashReport = {
    game,
    method,
    exact: false,
    complete: ok,
    outcome: {
      converged: ok,
      polished: false,
      maxRegret: check.maxRegret,
      iterations: result.iterations,
      ...(result.reported === undefined ? {} : { reported: result.reported }),
      ...(result.tailStart === undefined ? {} : { tailStart: result.tailStart }),
    },
    equilibria: ok ? [{ profile: result.profile, regret: check.regrets }] : [],
    details: {
      tolerance,
      thresholds: check.thresholds,
      payoffRanges: ranges,
      maxRelativeRegret: check.maxRelativeRegret,
      ...details,
    },
    dynamicsResult: result,
  };
  if (!ok) {
    report.lastProfile = result.profile;
    const regrets = { maxRegret: check.maxRegret, maxRelativeRegret: check.maxRelativeRegret, tolerance };
    report.failure = result.converged
      ? { code: "failed-regret-check", method, ...regrets }
      : { code: "not-converged", method, iterations: result.iterations, ...regrets };
  }
  return report;
}

/**
 * How close (largest difference of a probability) a dynamic's final profile must be to the exact
 * equilibrium `polishProfile` finds for it to be reported.
 */
export const POLISH_DISTANCE = 1e-2;

function maxDistance(exact: readonly (readonly { toNumber(): number }[])[], profile: FloatProfile): number {
  let d = 0;
  exact.forEach((x, p) => {
    x.forEach((v, s) => {
      d = Math.max(d, Math.abs(v.toNumber() - profile[p]![s]!));
    });
  });
  return d;
}

/** A dynamics entry of the method table: `run` with the shared options, the report, the work check. */
function dynamicsEntry(
  method: DynamicsMethod,
  run: (game: NormalFormGame, options: DynamicsOptions) => DynamicsResult,
  facts: (options: SolveFiniteOptions, result: DynamicsResult) => Record<string, unknown> = () => ({}),
): NashMethodEntry & { readonly defaultIterations: number } {
  const defaultIterations = DYNAMICS_DEFAULT_ITERATIONS[method];
  return {
    ...METHOD_INFO[method],
    defaultIterations,
    checkWork(game, options) {
      const iterations = options.iterations ?? defaultIterations;
      const profiles = game.shape.reduce((a, b) => a * b, 1);
      checkWorkLimit(
        "maxEvaluations",
        iterations * profiles * game.shape.length,
        options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS,
        `payoff evaluations (${iterations} iterations x ${profiles} profiles x ${game.shape.length} players)`,
      );
    },
    run(game, options) {
      const tolerance = options.tolerance ?? DEFAULT_DYNAMICS_TOLERANCE;
      const maxIterations = options.iterations ?? defaultIterations;
      const result = run(game, {
        maxIterations,
        tolerance,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.progress === undefined ? {} : { progress: options.progress }),
        ...(options.maxEvaluations === undefined ? {} : { maxEvaluations: options.maxEvaluations }),
      });
      return dynamicsReport(game, method, result, tolerance, { maxIterations, ...facts(options, result) });
    },
  };
}

/** `fp`: fictitious play; it always draws (default seed `"modelmarket"`). */
export const FP_METHOD = dynamicsEntry("fp", fictitiousPlay, (options) => ({
  seed: options.seed ?? "modelmarket",
}));

/** `replicator`: replicator dynamics; it draws its start only with a seed (else the uniform start). */
export const REPLICATOR_METHOD = dynamicsEntry("replicator", replicatorDynamics, (options) => ({
  seed: options.seed ?? null,
}));

/** `regret`: regret matching. */
export const REGRET_METHOD = dynamicsEntry("regret", regretMatching);

/** `logit`: logit QRE tracing to its Nash limit, with the last `lambda` reached. */
export const LOGIT_METHOD = dynamicsEntry("logit", logitTracing, (_options, result) => {
  const r = result as ReturnType<typeof logitTracing>;
  return { lambda: r.lambda, reachedLambdaMax: r.reachedLambdaMax };
});
