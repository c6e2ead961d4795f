/**
 * `lp`: one equilibrium of a two-player constant-sum game by linear programming (`../lp/`), reported
 * only when the LP answer is certified and passes the regret check.
 */
import { InputError } from "../../../src/errors.js";
import { RELATIVE_TOLERANCE } from "../../../src/numeric/tolerance.js";
import type { FloatProfile, NormalFormGame } from "../game.js";
import { type ConstantSumLpResult, solveConstantSum, solveConstantSumLp } from "../lp/index.js";
import { METHOD_INFO } from "./catalog.js";
import { checkFloatRegret } from "./regret-check.js";
import type { NashMethodEntry, NashReport } from "./types.js";

/**
 * The report of an `lp` answer: the profile is reported only when the LP is certified AND passes the
 * regret check (`RELATIVE_TOLERANCE` times the payoff range); otherwise `failure` says why, with the
 * certified interval of the value, and the profile goes to `lastProfile`.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const r = lpReport(game, await solveConstantSum(game));
 * if (r.failure !== undefined) console.error(r.failure);
 */
export function lpReport(game: NormalFormGame, r: ConstantSumLpResult): NashReport {
  const profile: FloatProfile = [r.profile[0].slice(), r.profile[1].slice()];
  const check = checkFloatRegret(game, profile, RELATIVE_TOLERANCE);
  const ok = r.certified && check.passed;
  const report: NashReport = {
    game,
    method: "lp",
    exact: false,
    complete: true,
    outcome: {
      certified: r.certified,
      lower: r.lower,
      upper: r.upper,
      gap: r.gap,
      maxRegret: check.maxRegret,
    },
    equilibria: ok ? [{ profile, regret: check.regrets, extra: { values: r.values } }] : [],
    lpResult: r,
    details: {
      values: r.values,
      constant: r.constant,
      backend: r.backend,
      gap: r.gap,
      tolerance: r.tolerance,
      attempts: r.attempts.map((a) => ({
        backend: a.backend,
        status: a.status,
        lower: a.lower,
        upper: a.upper,
        gap: a.gap,
        certified: a.certified,
        detail: a.detail,
      })),
    },
  };
  if (!ok) {
    report.lastProfile = profile;
    const tried = r.attempts.length > 0 ? r.attempts.map((a) => a.backend) : [r.backend];
    report.failure = r.certified
      ? {
          code: "lp-failed-regret-check",
          maxRelativeRegret: check.maxRelativeRegret,
          tolerance: RELATIVE_TOLERANCE,
        }
      : {
          code: "lp-not-certified",
          lower: r.lower,
          upper: r.upper,
          gap: r.gap,
          tolerance: r.tolerance,
          backends: tried,
        };
  }
  return report;
}

/** The `lp` entry of the method table. */
export const LP_METHOD: NashMethodEntry = {
  ...METHOD_INFO.lp,
  run(game, options) {
    if (options.lpBackends === undefined) {
      throw new InputError(
        undefined,
        "method",
        "lp needs the LP backends here (use solveFinite, which loads them)",
      );
    }
    return lpReport(game, solveConstantSumLp(game, options.lpBackends));
  },
  async runAsync(game, options) {
    if (options.lpBackends !== undefined) return lpReport(game, solveConstantSumLp(game, options.lpBackends));
    return lpReport(game, await solveConstantSum(game));
  },
};
