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
import { checkWorkLimit, type ProgressSink, WorkLimitError } from "../../src/work.js";
import type { RuleLike } from "../bestResponse/types.js";
import { buildMarketGame, toNormalFormGame } from "../marketGame.js";
import {
  compileGame,
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
  relativeRegrets,
  replicatorDynamics,
} from "./dynamics/index.js";
import { enumMixed } from "./enummixed/index.js";
import { enumPure } from "./enumpure.js";
import {
  type FloatProfile,
  floatPayoffs,
  type NormalFormGame,
  profileFromIndex,
  profileToFloat,
} from "./game.js";
import { lemkeHowson } from "./lcp/index.js";
import {
  type ConstantSumLpResult,
  type LpBackends,
  solveConstantSum,
  solveConstantSumLp,
} from "./lp/index.js";
import { readNfgFile } from "./nfg.js";
import { polishProfile } from "./polish.js";
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

/** Options of `gameFromFile` (all but `maxProfiles` apply to market files only). */
export interface GameFileOptions {
  /** Payoff rule of the producer game (default `DEFAULT_MARKET_RULE`). */
  rule?: RuleLike;
  /** Selection rule and task weights replacing the market file's. */
  overrides?: MarketOverrides;
  /**
   * Largest number of pure profiles accepted: `.nfg` files default to `MAX_NFG_PROFILES`
   * (1,000,000), market games to 200,000 (their payoffs are computed, not read).
   */
  maxProfiles?: number;
  /** Hears the game construction's progress (joint profiles evaluated). */
  progress?: ProgressSink;
  /**
   * Snap each player's payoffs that are equal within `RELATIVE_TOLERANCE x` that player's payoff range
   * to one value before the exact conversion (`snapPayoffs`), so that payoffs differing only in their
   * last bits do not create equilibria with probabilities of order 1e-15.
   */
  snap?: boolean;
}

/**
 * Snaps a player's float payoffs that are equal within `tolerance x` the player's payoff range: sorted,
 * each run of values within the tolerance of the run's first (smallest) value takes that value. Returns
 * how many payoffs changed. Runs are anchored at their first value, so snapping never chains across
 * more than one tolerance.
 *
 * @example
 * const t = Float64Array.of(0.5, 0.5 + 1e-15, 1); snapPayoffs(t, 1e-9); // 1; t = [0.5, 0.5, 1]
 */
export function snapPayoffs(table: Float64Array, tolerance = RELATIVE_TOLERANCE): number {
  const order = Array.from(table.keys()).sort((a, b) => table[a]! - table[b]!);
  if (order.length === 0) return 0;
  const range = table[order[order.length - 1]!]! - table[order[0]!]!;
  const eps = tolerance * (range > 0 ? range : Math.max(Math.abs(table[order[0]!]!), Number.MIN_VALUE));
  let changed = 0;
  let anchor = table[order[0]!]!;
  for (const k of order) {
    const v = table[k]!;
    if (v - anchor > eps) anchor = v;
    else if (v !== anchor) {
      table[k] = anchor;
      changed++;
    }
  }
  return changed;
}

/**
 * The smallest positive probability of an exact equilibrium, when below `threshold` (default 1e-9):
 * on a market game's float payoffs such probabilities are artifacts of payoffs that differ in their
 * last bits, not a mixed strategy anyone would play. `null` when there is none.
 *
 * @example
 * tinyProbability([[Rational.parse("1/1000000000000000"), Rational.parse("999999999999999/1000000000000000")]]); // 1e-15
 */
export function tinyProbability(
  profile: readonly (readonly { toNumber(): number; sign(): number }[])[],
  threshold = 1e-9,
): number | null {
  let smallest: number | null = null;
  for (const x of profile) {
    for (const v of x) {
      if (v.sign() <= 0) continue;
      const f = v.toNumber();
      if (f < threshold && (smallest === null || f < smallest)) smallest = f;
    }
  }
  return smallest;
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
  if (ext === ".nfg") {
    return readNfgFile(path, options.maxProfiles === undefined ? {} : { maxProfiles: options.maxProfiles });
  }
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
    const game = buildMarketGame(
      market,
      options.rule ?? DEFAULT_MARKET_RULE,
      options.maxProfiles,
      options.progress,
    );
    if (options.snap === true) for (const t of game.payoffs) snapPayoffs(t);
    return toNormalFormGame(game, market);
  } catch (err) {
    // the same error naming the file (a work limit stays a WorkLimitError)
    if (err instanceof WorkLimitError && err.file === undefined)
      throw new WorkLimitError(err.limitName, err.estimate, err.limit, err.what, path);
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
  /** enummixed, lcp, the dynamics: receives progress (vertices, paths or iterations; equilibria found) during long searches. */
  progress?: ProgressSink;
  /** enummixed: largest upper bound on the polytope vertices enumerated (default `DEFAULT_MAX_VERTICES`). */
  maxVertices?: number;
  /** lcp (with continuation): largest upper bound on the Lemke-Howson paths (default `DEFAULT_MAX_PATHS`). */
  maxPaths?: number;
  /** Dynamics: largest `iterations x profiles x players` payoff evaluations (default `DEFAULT_MAX_EVALUATIONS`). */
  maxEvaluations?: number;
  /**
   * lp: the loaded LP backends (`loadLpBackends()`). `solveFinite` loads them when absent (once per
   * process); `solveFiniteSync` needs them for `lp`.
   */
  lpBackends?: LpBackends;
}

/**
 * Default work limits of `solveFinite` (memory budget: about 1 GB of heap at the limits). enummixed
 * stores every vertex of both best-response polytopes as exact rationals: 1,000,000 vertices by the
 * upper-bound theorem admits square games up to 15 x 15 (a random 12 x 12 game has about 6,700
 * vertices per polytope against a bound of 24,752; 20 x 20 has a bound of 4e7 and ran out of a 4 GB
 * heap). lcp follows up to `m + n` paths from the artificial equilibrium and from every equilibrium
 * found, bounded by `(m + n) x` the smaller vertex bound: 1e8 admits 17 x 17. The dynamics cost
 * `players x profiles` multiply-adds per iteration: 1e10 is a few tens of seconds.
 */
export const DEFAULT_MAX_VERTICES = 1_000_000;
export const DEFAULT_MAX_PATHS = 100_000_000;
export const DEFAULT_MAX_EVALUATIONS = 1e10;

/**
 * Upper bound on the vertices of a `d`-dimensional polytope with `k` facets (McMullen's upper-bound
 * theorem; the cyclic polytope attains it): `C(k - ceil(d/2), floor(d/2)) + C(k - floor(d/2) - 1,
 * ceil(d/2) - 1)`. The best-response polytope of the player with `m` strategies against `n` has
 * dimension `m` and `m + n` facets (von Stengel 2002, Handbook of Game Theory vol. 3, ch. 45, sec. 3).
 *
 * @example
 * polytopeVertexBound(12, 24); // 24752
 */
export function polytopeVertexBound(d: number, k: number): number {
  if (d <= 0) return 1;
  const lo = Math.floor(d / 2);
  const hi = Math.ceil(d / 2);
  return binomial(k - hi, lo) + binomial(k - lo - 1, hi - 1);
}

function binomial(n: number, r: number): number {
  if (r < 0 || r > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(r, n - r); i++) c = (c * (n - Math.min(r, n - r) + i)) / i;
  return Math.round(c);
}

/**
 * Refuses (before any work) a method whose worst-case work exceeds its limit: `WorkLimitError` naming
 * the option (`maxVertices`, `maxPaths`, `maxEvaluations`) that raises it.
 *
 * @throws WorkLimitError when the estimate exceeds the limit.
 * @example
 * checkSolveWork(fromBimatrix(A20, B20), "enummixed", {}); // throws: 4.0e7 ... exceed the limit
 */
export function checkSolveWork(game: NormalFormGame, method: NashMethod, options: SolveFiniteOptions): void {
  const [m, n] = game.shape as [number, number];
  if (method === "enummixed") {
    const estimate = polytopeVertexBound(m, m + n) + polytopeVertexBound(n, m + n);
    checkWorkLimit(
      "maxVertices",
      estimate,
      options.maxVertices ?? DEFAULT_MAX_VERTICES,
      `best-response polytope vertices (upper bound for ${m} x ${n})`,
    );
  } else if (method === "lcp" && options.startOnly !== true) {
    const estimate = (m + n) * Math.min(polytopeVertexBound(m, m + n), polytopeVertexBound(n, m + n));
    checkWorkLimit(
      "maxPaths",
      estimate,
      options.maxPaths ?? DEFAULT_MAX_PATHS,
      `Lemke-Howson paths (upper bound for ${m} x ${n}; startOnly follows ${m + n})`,
    );
  } else if (isDynamicsMethod(method)) {
    const iterations = options.iterations ?? DYNAMICS_DEFAULT_ITERATIONS[method];
    const profiles = game.shape.reduce((a, b) => a * b, 1);
    checkWorkLimit(
      "maxEvaluations",
      iterations * profiles * game.shape.length,
      options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS,
      `payoff evaluations (${iterations} iterations x ${profiles} profiles x ${game.shape.length} players)`,
    );
  }
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
  /** Each player's regret in the game's own payoff units. */
  regrets: number[];
  /** Each player's regret divided by that player's payoff range (`max - min` of its payoffs). */
  relativeRegrets: number[];
  /** Largest regret (payoff units). */
  maxRegret: number;
  /** Largest relative regret: the quantity compared with the tolerance. */
  maxRelativeRegret: number;
  /** Largest of the per-player thresholds `relativeTolerance x range_p` (payoff units). */
  threshold: number;
  /** Per player: `relativeTolerance x range_p` (payoff units). */
  thresholds: number[];
  /**
   * Every strategy is a probability vector (to `RELATIVE_TOLERANCE`), every payoff is finite, and every
   * player's regret is at most `relativeTolerance` times that player's own payoff range.
   */
  passed: boolean;
}

/**
 * Checks a floating profile before it is reported as an equilibrium: each player's strategy must be a
 * probability vector (entries >= -1e-9, sum within 1e-9 per entry of 1) and every player's regret at
 * most `relativeTolerance` times THAT player's payoff range. Judging each player on its own scale makes
 * the verdict invariant to rescaling any one player's payoffs (one range over all players would never
 * check a player whose payoffs are in small units). Regrets are computed on payoffs mapped onto [0, 1]
 * per player (`normalisePlayer`), so payoffs up to the largest double do not overflow.
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
  const failed = (thresholds: number[]): FloatRegretCheck => ({
    regrets: [],
    relativeRegrets: [],
    maxRegret: Number.NaN,
    maxRelativeRegret: Number.NaN,
    threshold: Math.max(0, ...thresholds),
    thresholds,
    passed: false,
  });
  let compiled: ReturnType<typeof compileGame>;
  try {
    compiled = compileGame(game);
  } catch {
    return failed([]); // a non-finite payoff: nothing can be certified
  }
  const thresholds = Array.from(compiled.playerRange, (r) => relativeTolerance * r);
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
  if (!probabilities) return failed(thresholds);
  const relative = relativeRegrets(compiled, profile);
  const regrets = relative.map((r, p) => r * compiled.playerRange[p]!);
  const maxRelativeRegret = Math.max(...relative);
  return {
    regrets,
    relativeRegrets: relative,
    maxRegret: Math.max(...regrets),
    maxRelativeRegret,
    threshold: Math.max(0, ...thresholds),
    thresholds,
    passed: Number.isFinite(maxRelativeRegret) && maxRelativeRegret <= relativeTolerance,
  };
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
      ? `lp answer failed the regret check (largest regret relative to the player's payoff range ${num(check.maxRelativeRegret)} > tolerance ${num(RELATIVE_TOLERANCE)}); no equilibrium printed`
      : `lp answer not certified: the value lies in [${num(r.lower)}, ${num(r.upper)}], gap ${num(r.gap)} > tolerance ${num(r.tolerance)} (backends tried: ${tried}); no equilibrium printed`;
  }
  return report;
}

/**
 * The report of a dynamics run: the final profile is an equilibrium when the run converged AND the
 * profile passes the regret check (`tolerance` relative to each player's own payoff range). Otherwise
 * the profile is polished (`polishProfile`): when the pure rounding or, for two players, the exact
 * equilibrium on the supports it plays is an exact equilibrium (zero exact regret), that is reported
 * (`details.certifiedExactly`); if not, `failure` says "did not converge after N iterations (...)" and
 * the profile goes to `lastProfile`.
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
        outcome: { converged: true, maxRegret: 0, iterations: result.iterations },
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
    outcome: { converged: ok, maxRegret: check.maxRegret, iterations: result.iterations },
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
    const tol = `tolerance ${num(tolerance)} of each player's own payoff range`;
    const rel = `max regret ${num(check.maxRegret)}, ${num(check.maxRelativeRegret)} of its player's payoff range`;
    report.failure = result.converged
      ? `${method} profile failed the regret check (${rel}, ${tol}); no equilibrium printed`
      : `${method} did not converge after ${result.iterations} iterations (${rel}, ${tol}); no equilibrium printed`;
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

function requireFinitePayoffs(game: NormalFormGame, method: NashMethod): void {
  const tables = floatPayoffs(game);
  for (let p = 0; p < tables.length; p++) {
    const k = tables[p]!.findIndex((v) => !Number.isFinite(v));
    if (k === -1) continue;
    const profile = profileFromIndex(game.shape, k).map((s) => s + 1);
    throw new InputError(
      undefined,
      "method",
      `${method} computes in doubles, but player ${p + 1}'s payoff at (${profile.join(", ")}) is beyond the double range (|u| > 1.8e308); use enumpure, enummixed or lcp (exact)`,
    );
  }
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
    const r = enumMixed(game, options.progress === undefined ? {} : { progress: options.progress });
    const st = r.stats;
    const report: NashReport = {
      game,
      method,
      exact: true,
      complete: r.complete,
      equilibria: r.equilibria.map((profile, k) => ({ profile, regret: r.regrets[k]! })),
      details: {
        enumerated: st.enumerated,
        vertices: st.vertices,
        bases: st.bases,
        numberPivots: st.numberPivots,
        bigintPivots: st.bigintPivots,
      },
    };
    if (options.convex === true) report.convexSets = r.convexSets.map((s) => ({ equilibria: s.equilibria }));
    return report;
  }
  const r = lemkeHowson(game, {
    accessible: options.startOnly !== true,
    ...(options.progress === undefined ? {} : { progress: options.progress }),
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
    ...(options.progress === undefined ? {} : { progress: options.progress }),
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
    checkSolveWork(game, method, options);
    requireFinitePayoffs(game, method);
    return lpReport(game, await solveConstantSum(game));
  }
  return solveFiniteSync(game, method, options);
}

/**
 * `solveFinite` without waiting: for `lp` the LP backends must be given (`options.lpBackends`).
 *
 * @throws InputError (field `method`) as `solveFinite`, and when `lp` is asked without `lpBackends`.
 * @throws WorkLimitError when the method's estimated work exceeds its limit (`checkSolveWork`).
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
  checkSolveWork(game, method, options);
  if (method === "enumpure" || method === "enummixed" || method === "lcp") {
    return solveExact(game, method, options);
  }
  // floating methods need every payoff as a finite double (1e400 in an .nfg is exact but Infinity)
  requireFinitePayoffs(game, method);
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
    // suggest only methods that accept this game
    const any = ["enumpure", ...DYNAMICS_METHODS].join(", ");
    throw new InputError(
      undefined,
      "method",
      `${method} needs a two-player game; this one has ${N} player${N === 1 ? "" : "s"} (methods for any number of players: ${any})`,
    );
  }
}
