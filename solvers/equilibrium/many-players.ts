/**
 * Mixed equilibria of a market game with three or more strategic producers (see `mixed.ts`).
 */
import { assert } from "../../src/errors.js";
import type { PayoffRule } from "../../src/model/payoffs.js";
import type { Market } from "../../src/model/types.js";
import { LOGIT_TRACING_MAX_ITERATIONS } from "../finite/dynamics/index.js";
import { solveFiniteSync } from "../finite/solve.js";
import { type MarketGame, toNormalFormGame } from "../marketGame.js";
import { floatCertificate, floorProfile, mixedProfileEquilibrium, num, skipped } from "./mixed-profile.js";
import {
  APPROXIMATE_MIXED_TOLERANCE,
  type ApproximateAttempt,
  LOGIT_WORK_LIMIT,
  type MixedMethod,
  type MixedOptions,
  type MixedReport,
} from "./mixed-types.js";

export function manyPlayers(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  opts: MixedOptions,
): MixedReport {
  const N = game.players.length;
  const profiles = game.welfare.length;
  const workLimit = opts.logitWorkLimit ?? LOGIT_WORK_LIMIT;
  if (profiles * N * N > workLimit) {
    return skipped(
      `${N} players, ${profiles} profiles: logit tracing skipped (profiles x N^2 = ${profiles * N * N} > ${workLimit}); ` +
        "exact mixed enumeration is two-player only",
    );
  }
  const tolerance = opts.approximateTolerance ?? APPROXIMATE_MIXED_TOLERANCE;
  const nfg = toNormalFormGame(game, market);
  const res = solveFiniteSync(nfg, "logit", {
    tolerance,
    iterations: opts.logitIterations ?? LOGIT_TRACING_MAX_ITERATIONS,
  }).dynamicsResult;
  assert(res !== undefined && "lambda" in res, "solveFiniteSync(logit) returns its trace");
  const x = floorProfile(res.profile);
  const check = floatCertificate(nfg, x, tolerance);
  const attempt: ApproximateAttempt = {
    method: "logit",
    converged: check.passed,
    maxRegret: check.maxRegret,
    tolerance,
    payoffRange: check.range,
    threshold: check.threshold,
    maxRelativeRegret: check.maxRelativeRegret,
    iterations: res.iterations,
    lambda: res.lambda,
    reachedLambdaMax: res.reachedLambdaMax,
    lastProfile: x,
  };
  const tolText = `tolerance ${num(tolerance)} of each player's own payoff range`;
  const base = {
    methods: ["logit"] as MixedMethod[],
    complete: false,
    constantSum: null,
    attempts: [attempt],
  };
  if (!check.passed) {
    return {
      ...base,
      status: "not converged",
      reason:
        `${N} players: logit tracing did not converge after ${res.iterations} steps (largest regret relative to its player's payoff range ${num(check.maxRelativeRegret)} > ${tolText}` +
        `${res.reachedLambdaMax ? "" : `, trace stopped at lambda ${num(res.lambda)}`}); no mixed equilibrium reported`,
      converged: false,
      equilibria: [],
    };
  }
  const eq = mixedProfileEquilibrium(market, rule, game, x, {
    regrets: check.regrets,
    certified: check.maxRegret <= opts.tolerance,
    epsilon: check.maxRegret,
    source: `logit tracing (approximate, epsilon = ${num(check.maxRegret)})`,
  });
  return {
    ...base,
    status: "approximate",
    reason:
      `${N} players: one approximate equilibrium (epsilon = ${num(check.maxRegret)} <= ${tolText}), the limit of the logit QRE branch ` +
      `after ${res.iterations} steps; other mixed equilibria are not searched (exact mixed enumeration is two-player only)`,
    converged: true,
    equilibria: [eq],
  };
}
