/**
 * Mixed equilibria of a market game with three or more strategic producers (see `mixed.ts`): every
 * equilibrium by support enumeration with certified root finding (`enumPoly`) when the game has at
 * most `maxSupports` support profiles, proven complete when every support system's roots are isolated;
 * else the equilibria on the global Newton method's paths from seeded rays (`gnm`), certified one by
 * one, never complete; logit tracing only when the game is too large for both.
 */

import { assert } from "../../src/errors.js";
import { limitReached } from "../../src/limits.js";
import type { PayoffRule } from "../../src/model/payoffs.js";
import type { Market } from "../../src/model/types.js";
import { LOGIT_TRACING_MAX_ITERATIONS } from "../finite/dynamics/index.js";
import { enumPoly, supportProfileCount } from "../finite/enumpoly/index.js";
import { gnm } from "../finite/gnm/index.js";
import { DEFAULT_GNM_MAX_STEPS, DEFAULT_GNM_STARTS } from "../finite/nplayer/defaults.js";
import type { NPlayerResult } from "../finite/nplayer/types.js";
import { Rational } from "../finite/rational.js";
import { solveFiniteSync } from "../finite/solve-sync.js";
import { type MarketGame, toNormalFormGame } from "../marketGame.js";
import {
  floatCertificate,
  floorProfile,
  mixedProfileEquilibrium,
  skipped,
  toFloat,
} from "./mixed-profile.js";
import {
  APPROXIMATE_MIXED_TOLERANCE,
  type ApproximateAttempt,
  ENUMPOLY_SUPPORT_LIMIT,
  GNM_WORK_LIMIT,
  LOGIT_WORK_LIMIT,
  type MixedMethod,
  type MixedNote,
  type MixedOptions,
  type MixedReport,
} from "./mixed-types.js";

/**
 * The mixed report of a market game with three or more players (see the module comment).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 */
export function manyPlayers(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  opts: MixedOptions,
): MixedReport {
  const N = game.players.length;
  const profiles = game.welfare.length;
  const nfg = toNormalFormGame(game, market);
  const supports = supportProfileCount(game.shape);
  const maxSupports = opts.maxSupports ?? ENUMPOLY_SUPPORT_LIMIT;
  if (supports <= maxSupports) {
    return certifiedList(
      market,
      rule,
      game,
      "enumpoly",
      enumPoly(nfg, { maxSupports, ...(opts.progress ? { progress: opts.progress } : {}) }),
      opts,
      null,
    );
  }
  const limits = [limitReached("maxSupports", supports, maxSupports, "support profiles of enumpoly")];
  const starts = opts.gnmStarts ?? DEFAULT_GNM_STARTS;
  const gnmWork = starts * DEFAULT_GNM_MAX_STEPS * profiles * N * N;
  const maxGnmWork = opts.maxGnmWork ?? GNM_WORK_LIMIT;
  if (gnmWork <= maxGnmWork) {
    const res = gnm(nfg, {
      starts,
      seed: opts.seed ?? "equilibrium",
      maxWork: maxGnmWork,
      ...(opts.progress ? { progress: opts.progress } : {}),
    });
    return { ...certifiedList(market, rule, game, "gnm", res, opts, supports), limits };
  }
  const overGnm: MixedNote = { code: "gnm-over-limit", players: N, supports };
  limits.push(limitReached("maxGnmWork", gnmWork, maxGnmWork, "work units of gnm (bound)"));
  const workLimit = opts.logitWorkLimit ?? LOGIT_WORK_LIMIT;
  if (profiles * N * N > workLimit) {
    limits.push(
      limitReached("logitWorkLimit", profiles * N * N, workLimit, "profiles x N^2 of logit tracing"),
    );
    return skipped([overGnm, { code: "logit-over-limit" }], limits);
  }
  const logit = logitMixed(market, rule, game, opts);
  return { ...logit, reasons: [overGnm, ...logit.reasons], limits };
}

/** `enumPoly`'s or `gnm`'s certified equilibria as the report's mixed list. */
function certifiedList(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  method: "enumpoly" | "gnm",
  res: NPlayerResult,
  opts: MixedOptions,
  /** The support profiles above enumpoly's limit when gnm ran instead, else `null`. */
  supports: number | null,
): MixedReport {
  const N = game.players.length;
  const equilibria = res.equilibria.map((e) => {
    const x = toFloat(e.profile);
    const regrets = e.regret.map((v) => (v instanceof Rational ? v.toNumber() : v));
    const epsilon = Math.max(0, ...regrets);
    return mixedProfileEquilibrium(market, rule, game, x, {
      regrets,
      certified: epsilon <= opts.tolerance,
      epsilon,
      source: { code: method, exact: e.exact, epsilon },
    });
  });
  const exact = res.equilibria.filter((e) => e.exact).length;
  const listed: MixedNote = {
    code: "certified-list",
    players: N,
    method,
    equilibria: equilibria.length,
    exact,
    completeness: res.completeness,
    supports,
  };
  return {
    status: equilibria.length > 0 ? "solved" : "skipped",
    reasons: [listed],
    limits: [],
    methods: [method],
    complete: res.complete,
    completeness: res.completeness,
    converged: method === "gnm" ? res.converged : null,
    constantSum: null,
    attempts: [],
    equilibria,
  };
}

/** Logit tracing: one approximate equilibrium, reported only when its regret certificate passes. */
function logitMixed(market: Market, rule: PayoffRule, game: MarketGame, opts: MixedOptions): MixedReport {
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
  const base = {
    methods: ["logit"] as MixedMethod[],
    complete: false,
    completeness: null,
    constantSum: null,
    attempts: [attempt],
    limits: [],
  };
  if (!check.passed) {
    return {
      ...base,
      status: "not converged",
      reasons: [
        {
          code: "logit-not-converged",
          iterations: res.iterations,
          maxRelativeRegret: check.maxRelativeRegret,
          tolerance,
          reachedLambdaMax: res.reachedLambdaMax,
          lambda: res.lambda,
        },
      ],
      converged: false,
      equilibria: [],
    };
  }
  const eq = mixedProfileEquilibrium(market, rule, game, x, {
    regrets: check.regrets,
    certified: check.maxRegret <= opts.tolerance,
    epsilon: check.maxRegret,
    source: { code: "logit", epsilon: check.maxRegret },
  });
  return {
    ...base,
    status: "approximate",
    reasons: [{ code: "logit-approximate", epsilon: check.maxRegret, tolerance, iterations: res.iterations }],
    converged: true,
    equilibria: [eq],
  };
}
