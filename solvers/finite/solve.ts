/**
 * The finite-game facade: one entry point, `solveFinite(game, options)`, over every method of
 * `solvers/finite/` (exact `enumpure`, `enummixed`, `lcp`; certified constant-sum `lp`; the learning
 * dynamics), plus the readers that turn a `.nfg` file or a market file into a normal-form game and the
 * report builders. Used by the `nash` command and exported from `modelmarket/finite`.
 */
import { extname } from "node:path";
import { InputError } from "../../src/errors.js";
import { type MarketOverrides, readMarketFile } from "../../src/io/marketFile.js";
import { isFiniteSpace } from "../../src/model/strategies.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import type { RuleLike } from "../bestResponse/types.js";
import { buildMarketGame, toNormalFormGame } from "../marketGame.js";
import {
  DEFAULT_DYNAMICS_TOLERANCE,
  type DynamicsResult,
  FICTITIOUS_PLAY_MAX_ITERATIONS,
  fictitiousPlay,
  LOGIT_TRACING_MAX_ITERATIONS,
  type LogitTracingResult,
  logitTracing,
  REGRET_MATCHING_MAX_ITERATIONS,
  REPLICATOR_MAX_ITERATIONS,
  regretMatching,
  replicatorDynamics,
} from "./dynamics/index.js";
import { enumMixed } from "./enummixed/index.js";
import { enumPure } from "./enumpure.js";
import { type FloatProfile, type NormalFormGame, payoffRange, regretFloat } from "./game.js";
import { lemkeHowson } from "./lcp/index.js";
import {
  type ConstantSumLpResult,
  type LpBackends,
  solveConstantSum,
  solveConstantSumLp,
} from "./lp/index.js";
import { readNfgFile } from "./nfg.js";
import type { SolveReport } from "./render.js";

/** The methods `nash` knows, with what they compute. */
export const NASH_METHODS = {
  enumpure: "all pure equilibria, exact, any number of players",
  enummixed:
    "all extreme equilibria (and with the convex option the maximal convex sets), exact, two players",
  lcp: "Lemke-Howson from every label and every equilibrium found, exact, two players",
  lp: "one equilibrium of a two-player constant-sum game by linear programming, certified, floating",
  fp: "fictitious play (Brown 1951), floating, any number of players, seeded",
  replicator: "replicator dynamics (Taylor and Jonker 1978), floating, any number of players",
  regret: "regret matching (Hart and Mas-Colell 2000), floating, any number of players",
  logit: "logit QRE tracing to its Nash limit (McKelvey and Palfrey 1995), floating, any number of players",
} as const;

/** A method name of `nash`. */
export type NashMethod = keyof typeof NASH_METHODS;

/** The learning dynamics among the methods (they take `--iterations` and `--tolerance`). */
export const DYNAMICS_METHODS = ["fp", "replicator", "regret", "logit"] as const;

/** A dynamics method of `nash`. */
export type DynamicsMethod = (typeof DYNAMICS_METHODS)[number];

/** The methods that make random choices (they take `--seed`; the others are deterministic). */
export const SEEDED_METHODS = ["fp", "replicator"] as const;

/** Default iteration cap of each dynamics method (`--iterations`). */
export const DYNAMICS_DEFAULT_ITERATIONS: Readonly<Record<DynamicsMethod, number>> = {
  fp: FICTITIOUS_PLAY_MAX_ITERATIONS,
  replicator: REPLICATOR_MAX_ITERATIONS,
  regret: REGRET_MATCHING_MAX_ITERATIONS,
  logit: LOGIT_TRACING_MAX_ITERATIONS,
};

/** Payoff rule of a market file's game when `--rule` is not given. */
export const DEFAULT_MARKET_RULE = "weighted-winrate";

/**
 * `true` for the learning dynamics (`fp`, `replicator`, `regret`, `logit`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * isDynamicsMethod("fp"); // true
 * isDynamicsMethod("lp"); // false
 */
export function isDynamicsMethod(method: NashMethod): method is DynamicsMethod {
  return (DYNAMICS_METHODS as readonly string[]).includes(method);
}

/** Options of `gameFromFile` (they apply to market files only). */
export interface GameFileOptions {
  /** Payoff rule of the producer game (default `DEFAULT_MARKET_RULE`). */
  rule?: RuleLike;
  /** Selection rule and task weights replacing the market file's. */
  overrides?: MarketOverrides;
}

/**
 * Loads a game from a file, dispatching on the extension: `.nfg` is a Gambit strategic game, `.csv` is
 * rejected (a score table has no strategic producer), anything else is a market JSON file whose
 * producer game is built by `marketGameFromFile`. Errors are `InputError`s naming the file.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const pd = gameFromFile("test/fixtures/nfg/pd.nfg");
 * const c2 = gameFromFile("test/fixtures/markets/c2-two-producers.json", { rule: "winrate" });
 */
export function gameFromFile(path: string, options: GameFileOptions = {}): NormalFormGame {
  const ext = extname(path).toLowerCase();
  if (ext === ".nfg") return readNfgFile(path);
  if (ext === ".csv") {
    throw new InputError(
      path,
      undefined,
      'unsupported file type ".csv" (a score table has no strategic producer; expected a Gambit .nfg file or a market JSON file)',
    );
  }
  return marketGameFromFile(path, options);
}

/**
 * The finite producer game of a market file as a normal-form game: players are the strategic
 * producers (space not `fixed`), strategies the distinct quality vectors of their `menu`, `top-k` or
 * `grid` spaces, payoffs the payoff rule (`buildMarketGame` + `toNormalFormGame`). The float payoffs
 * become exact rationals by their binary value (`Rational.fromNumber`), so the exact methods solve the
 * game of the doubles exactly. `InputError` naming the file when no producer is strategic, a strategic
 * space is not finite (`budget`), or the game is too large.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const game = marketGameFromFile("test/fixtures/markets/c2-two-producers.json", { rule: "weighted-winrate" });
 * game.shape; // [2, 2]
 */
export function marketGameFromFile(path: string, options: GameFileOptions = {}): NormalFormGame {
  const market = readMarketFile(path, options.overrides ?? {});
  if (market.producers.every((p) => p.space.kind === "fixed")) {
    throw new InputError(
      path,
      undefined,
      "no strategic producer (every space is fixed): there is no game to solve",
    );
  }
  const bad = market.producers.findIndex((p) => !isFiniteSpace(p.space));
  if (bad !== -1) {
    const p = market.producers[bad]!;
    throw new InputError(
      path,
      `$.producers[${bad}].space`,
      `producer "${p.name}" has a ${p.space.kind} space, not a finite one (nash needs menu, top-k or grid spaces)`,
    );
  }
  try {
    const game = buildMarketGame(market, options.rule ?? DEFAULT_MARKET_RULE);
    return toNormalFormGame(game, market);
  } catch (err) {
    if (err instanceof InputError && err.file === undefined && !(err.where ?? "").startsWith("--")) {
      throw new InputError(path, err.where, err.problem);
    }
    throw err;
  }
}

/** Options of `solveFinite`. */
export interface SolveFiniteOptions {
  /** enummixed: also compute the maximal convex sets of equilibria. */
  convex?: boolean;
  /** lcp: pivot cap per path. */
  maxPivots?: number;
  /** lcp: only the paths from the artificial equilibrium (no continuation from equilibria found). */
  startOnly?: boolean;
  /** Dynamics: iteration cap (default `DYNAMICS_DEFAULT_ITERATIONS[method]`). */
  iterations?: number;
  /** Dynamics: convergence tolerance relative to the payoff range (default `DEFAULT_DYNAMICS_TOLERANCE`). */
  tolerance?: number;
  /** fp, replicator: seed of the random choices (fp: default `"modelmarket"`; replicator: uniform start without it). */
  seed?: string;
  /**
   * lp: the loaded LP backends (`loadLpBackends()`). `solveFinite` loads them when absent (once per
   * process); `solveFiniteSync` needs them for `lp`.
   */
  lpBackends?: LpBackends;
}

/** What `solveFinite` returns: the renderer's report, plus why no profile is reported, if so. */
export interface NashReport extends SolveReport {
  /**
   * Set when a floating method produced no equilibrium (LP answer not certified, dynamic not
   * converged, or a profile that failed its regret check): one line for stderr; `equilibria` is empty.
   */
  failure?: string;
  /** lp: the LP answer with its certificate, as `solveConstantSumLp` returned it. */
  lpResult?: ConstantSumLpResult;
  /** Dynamics: the run as the method returned it (logit: with `lambda` and `reachedLambdaMax`). */
  dynamicsResult?: DynamicsResult | LogitTracingResult;
}

/** The regret check of a floating profile. */
export interface FloatRegretCheck {
  /** `regretFloat(game, profile)`. */
  regrets: number[];
  /** Largest regret. */
  maxRegret: number;
  /** `relativeTolerance * payoff range` (range 1 for a constant game). */
  threshold: number;
  /** Every strategy is a probability vector (to `RELATIVE_TOLERANCE`) and `maxRegret <= threshold`. */
  passed: boolean;
}

/**
 * Checks a floating profile before it is reported as an equilibrium: each player's strategy must be a
 * probability vector (entries >= -1e-9, sum within 1e-9 per entry of 1) and every regret (`regretFloat`)
 * at most `relativeTolerance * payoffRange(game)`.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * checkFloatRegret(pennies, [[0.5, 0.5], [0.5, 0.5]], 1e-9).passed; // true
 */
export function checkFloatRegret(
  game: NormalFormGame,
  profile: FloatProfile,
  relativeTolerance: number,
): FloatRegretCheck {
  const range = payoffRange(game);
  const threshold = relativeTolerance * (range > 0 ? range : 1);
  let probabilities = profile.length === game.shape.length;
  profile.forEach((x, p) => {
    if (x.length !== game.shape[p]) probabilities = false;
    let sum = 0;
    for (const v of x) {
      if (!(v >= -RELATIVE_TOLERANCE)) probabilities = false;
      sum += v;
    }
    if (!(Math.abs(sum - 1) <= RELATIVE_TOLERANCE * x.length)) probabilities = false;
  });
  if (!probabilities) return { regrets: [], maxRegret: Number.NaN, threshold, passed: false };
  const regrets = regretFloat(game, profile);
  const maxRegret = regrets.reduce((a, r) => Math.max(a, r), Number.NEGATIVE_INFINITY);
  return { regrets, maxRegret, threshold, passed: Number.isFinite(maxRegret) && maxRegret <= threshold };
}

/** A number in a message: six significant digits, no trailing zeros, exponent form below 1e-3. */
function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const rounded = Number(x.toPrecision(6));
  return rounded !== 0 && Math.abs(rounded) < 1e-3 ? rounded.toExponential() : String(rounded);
}

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
    const tried = r.attempts.map((a) => a.backend).join(", ") || r.backend;
    report.failure = r.certified
      ? `lp answer failed the regret check (max regret ${num(check.maxRegret)} > tolerance ${num(check.threshold)}); no equilibrium printed`
      : `lp answer not certified: the value lies in [${num(r.lower)}, ${num(r.upper)}], gap ${num(r.gap)} > tolerance ${num(r.tolerance)} (backends tried: ${tried}); no equilibrium printed`;
  }
  return report;
}

/**
 * The report of a dynamics run: the final profile is an equilibrium only when the run converged AND
 * the profile passes the regret check (`tolerance` relative to the payoff range); otherwise `failure`
 * says "did not converge after N iterations (...)" and the profile goes to `lastProfile`.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const r = dynamicsReport(game, "fp", fictitiousPlay(game, { seed: "1" }), 1e-6);
 * r.outcome; // { converged: true, maxRegret: ..., iterations: ... }
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
  const range = payoffRange(game);
  const report: NashReport = {
    game,
    method,
    exact: false,
    complete: ok,
    outcome: { converged: ok, maxRegret: check.maxRegret, iterations: result.iterations },
    equilibria: ok ? [{ profile: result.profile, regret: check.regrets }] : [],
    details: { tolerance, threshold: check.threshold, payoffRange: range, ...details },
    dynamicsResult: result,
  };
  if (!ok) {
    report.lastProfile = result.profile;
    const tol = `tolerance ${num(tolerance)} x payoff range ${num(range > 0 ? range : 1)} = ${num(check.threshold)}`;
    report.failure = result.converged
      ? `${method} profile failed the regret check (max regret ${num(check.maxRegret)}, ${tol}); no equilibrium printed`
      : `${method} did not converge after ${result.iterations} iterations (max regret ${num(check.maxRegret)}, ${tol}); no equilibrium printed`;
  }
  return report;
}

function solveExact(
  game: NormalFormGame,
  method: "enumpure" | "enummixed" | "lcp",
  options: SolveFiniteOptions,
): NashReport {
  if (method === "enumpure") {
    const r = enumPure(game);
    return {
      game,
      method,
      exact: true,
      complete: r.complete,
      equilibria: r.equilibria.map((profile, k) => ({
        profile,
        regret: r.regrets[k]!,
        extra: { strict: r.strict[k] },
      })),
    };
  }
  if (method === "enummixed") {
    const r = enumMixed(game);
    const report: NashReport = {
      game,
      method,
      exact: true,
      complete: r.complete,
      equilibria: r.equilibria.map((profile, k) => ({ profile, regret: r.regrets[k]! })),
      details: { vertices: { row: r.vertexCounts[0], column: r.vertexCounts[1] } },
    };
    if (options.convex === true) report.convexSets = r.convexSets.map((s) => ({ equilibria: s.equilibria }));
    return report;
  }
  const r = lemkeHowson(game, {
    accessible: options.startOnly !== true,
    ...(options.maxPivots === undefined ? {} : { maxPivots: options.maxPivots }),
  });
  return {
    game,
    method,
    exact: true,
    complete: r.complete,
    equilibria: r.equilibria.map((e) => ({
      profile: e.profile,
      regret: e.regret,
      extra: { labelsFromArtificial: e.labelsFromArtificial },
    })),
    details: {
      paths: r.paths.length,
      cappedPaths: r.paths.filter((p) => p.to === null).length,
      longestPath: r.paths.reduce((a, p) => Math.max(a, p.pivots), 0),
    },
  };
}

function solveDynamics(
  game: NormalFormGame,
  method: DynamicsMethod,
  options: SolveFiniteOptions,
): NashReport {
  const tolerance = options.tolerance ?? DEFAULT_DYNAMICS_TOLERANCE;
  const maxIterations = options.iterations ?? DYNAMICS_DEFAULT_ITERATIONS[method];
  const common = {
    maxIterations,
    tolerance,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  const facts: Record<string, unknown> = { maxIterations };
  // fp always draws (default seed "modelmarket"); replicator only with a seed (else the uniform start)
  if (method === "fp") facts.seed = options.seed ?? "modelmarket";
  if (method === "replicator") facts.seed = options.seed ?? null;
  if (method === "fp") return dynamicsReport(game, method, fictitiousPlay(game, common), tolerance, facts);
  if (method === "replicator") {
    return dynamicsReport(game, method, replicatorDynamics(game, common), tolerance, facts);
  }
  if (method === "regret")
    return dynamicsReport(game, method, regretMatching(game, common), tolerance, facts);
  const r = logitTracing(game, common);
  return dynamicsReport(game, method, r, tolerance, {
    ...facts,
    lambda: r.lambda,
    reachedLambdaMax: r.reachedLambdaMax,
  });
}

/**
 * Runs one method on a game and returns the renderer's report: the one dispatcher over the finite
 * methods (the `nash` command and the producer game's mixed search both call it). Exact methods:
 * every profile has exactly zero regret. Floating methods (`lp` and the dynamics): at most one
 * profile, reported only when certified/converged and within the regret tolerance; else `failure` is
 * set and `equilibria` is empty.
 *
 * @throws InputError (field `method`) when the method does not fit the game: `enummixed`/`lcp` on a
 *   game that is not two-player, `lp` on one that is not constant-sum.
 * @example
 * import { fromBimatrix, renderText, solveFinite } from "modelmarket/finite";
 * const pennies = fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
 * renderText(await solveFinite(pennies, "enummixed")); // "NE,1/2,1/2,1/2,1/2\n"
 */
export async function solveFinite(
  game: NormalFormGame,
  method: NashMethod,
  options: SolveFiniteOptions = {},
): Promise<NashReport> {
  if (method === "lp" && options.lpBackends === undefined) {
    checkMethodFits(game, method);
    return lpReport(game, await solveConstantSum(game));
  }
  return solveFiniteSync(game, method, options);
}

/**
 * `solveFinite` without waiting: for `lp` the LP backends must be given (`options.lpBackends`).
 *
 * @throws InputError (field `method`) as `solveFinite`, and when `lp` is asked without `lpBackends`.
 * @example
 * import { fromBimatrix, solveFiniteSync } from "modelmarket/finite";
 * const pennies = fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
 * solveFiniteSync(pennies, "lcp").equilibria.length; // 1
 */
export function solveFiniteSync(
  game: NormalFormGame,
  method: NashMethod,
  options: SolveFiniteOptions = {},
): NashReport {
  checkMethodFits(game, method);
  if (method === "enumpure" || method === "enummixed" || method === "lcp") {
    return solveExact(game, method, options);
  }
  if (method === "lp") {
    if (options.lpBackends === undefined) {
      throw new InputError(
        undefined,
        "method",
        "lp needs the LP backends here (use solveFinite, which loads them)",
      );
    }
    return lpReport(game, solveConstantSumLp(game, options.lpBackends));
  }
  return solveDynamics(game, method, options);
}

function checkMethodFits(game: NormalFormGame, method: NashMethod): void {
  const N = game.shape.length;
  if ((method === "enummixed" || method === "lcp" || method === "lp") && N !== 2) {
    throw new InputError(undefined, "method", `${method} needs a two-player game; this one has ${N} players`);
  }
}
