/**
 * Mixed equilibria of the finite producer game (docs/model.md section 6), from the finite-game solvers of
 * `solvers/finite` applied to the market game (`solvers/marketGame.ts`):
 *
 * - two strategic producers (an `m x n` bimatrix game):
 *   - `m + n <= enumMixedLimit` (default 30): every extreme equilibrium, exact, by vertex enumeration
 *     (`enumMixed`; Avis, Rosenberg, Savani and von Stengel, Economic Theory 42, 2010): complete;
 *   - else `m + n <= lcpLimit` (default 72): every equilibrium reachable by Lemke-Howson paths, exact
 *     (`lemkeHowson`; Lemke and Howson, J. SIAM 12, 1964): possibly incomplete;
 *   - a constant-sum game (`A + B = c` exactly, or up to `RELATIVE_TOLERANCE x` payoff range in
 *     doubles, as winrate between two producers is): also one equilibrium by the maximin LP
 *     (`solveConstantSumLp`; von Neumann 1928), listed only when the LP is certified and the profile
 *     passes its regret check in the actual game; the only method above `lcpLimit`;
 * - three or more strategic producers: the limit of the principal logit QRE branch (`logitTracing`;
 *   McKelvey and Palfrey, GEB 10, 1995; Turocy, GEB 51, 2005), reported as an approximate equilibrium
 *   only when its regret certificate passes: `max_p regret_p <= tolerance x payoff range`
 *   (`regretFloat`); otherwise `converged: false`, said in words, and no equilibrium.
 *
 * Every mixed equilibrium carries its expected welfare and payoffs (exact expectations over the joint
 * profiles of the support, players mixing independently), expected diversity measures, and the
 * diversity of its most likely pure profile (each player's most likely strategy).
 */

import { assert } from "../../src/errors.js";
import { diversity } from "../../src/model/diversity.js";
import { MarketEvaluator } from "../../src/model/evaluate.js";
import type { PayoffRule } from "../../src/model/payoffs.js";
import type { Market } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { DEFAULT_DYNAMICS_TOLERANCE, LOGIT_TRACING_MAX_ITERATIONS } from "../finite/dynamics/index.js";
import { type MixedProfile, type NormalFormGame, payoffRange } from "../finite/game.js";
import { checkFloatRegret, solveFiniteSync } from "../finite/index.js";
import { checkConstantSum, type LpBackends } from "../finite/lp/index.js";
import { Rational } from "../finite/rational.js";
import { type MarketGame, profileDiversity, toNormalFormGame } from "../marketGame.js";
import type { Equilibrium, ExpectedDiversity } from "./types.js";

/**
 * Largest `m + n` for exact vertex enumeration (`enumMixed`). Measured on market games (top-k spaces,
 * weighted winrate, Node 20, 2-core machine): 15 x 15 in 0.06-1.0 s (the slow end under `epsilon`
 * selection, whose ties make the game degenerate), 21 x 21 in 1.2-10.6 s. Re-measured with the
 * reverse-search enumerator: market payoffs are 55-bit integers after clearing the doubles'
 * denominators, so pivots are BigInt throughout; 15 x 15 took up to 6.3 s, 15 x 20 and 20 x 20 over
 * 30 s on some games, so the limit stays 30 (docs/producer-game.md).
 */
export const ENUM_MIXED_LIMIT = 30;

/**
 * Largest `m + n` for Lemke-Howson with continuation (`lemkeHowson`). Measured as above: 21 x 21 in
 * 0.1-0.4 s, 28 x 28 in 0.8-1.0 s, 36 x 36 in 0.9-1.5 s, 45 x 45 in 6.5-7.4 s.
 */
export const LCP_LIMIT = 72;

/**
 * Largest `profiles x N^2` (N players) for logit tracing. Measured as above: 21^3 profiles in
 * 0.4-0.9 s, 35^3 in 2.0-3.5 s, 10^4 (four players) in 0.4-0.9 s, 10^5 (five players) in 20 s.
 */
export const LOGIT_WORK_LIMIT = 400_000;

/** Default relative regret tolerance of an approximate mixed equilibrium (`DEFAULT_DYNAMICS_TOLERANCE`). */
export const APPROXIMATE_MIXED_TOLERANCE = DEFAULT_DYNAMICS_TOLERANCE;

/** Probabilities at most this are set to 0 (and the rest renormalised) before a float profile is certified. */
export const PROBABILITY_FLOOR = 1e-12;

/** A method that contributed to the mixed equilibria. */
export type MixedMethod = "enummixed" | "lcp" | "lp" | "logit";

/** Options of `mixedEquilibria`. */
export interface MixedOptions {
  /** The report's absolute tolerance: an equilibrium is `certified` when every regret is at most this. */
  tolerance: number;
  /** Largest `m + n` for `enumMixed` (default `ENUM_MIXED_LIMIT`). */
  enumMixedLimit?: number;
  /** Largest `m + n` for `lemkeHowson` (default `LCP_LIMIT`). */
  lcpLimit?: number;
  /** Loaded LP backends (`loadLpBackends()`); without them a constant-sum game gets no LP. */
  lpBackends?: LpBackends;
  /** Relative regret tolerance of an approximate equilibrium (default `APPROXIMATE_MIXED_TOLERANCE`). */
  approximateTolerance?: number;
  /** Predictor-corrector step cap of logit tracing (default `LOGIT_TRACING_MAX_ITERATIONS`). */
  logitIterations?: number;
  /** Largest `profiles x N^2` for logit tracing (default `LOGIT_WORK_LIMIT`). */
  logitWorkLimit?: number;
}

/** The LP answer of a constant-sum game and its certificate in the actual game. */
export interface LpCertificate {
  /** LP backend whose answer is used. */
  backend: string;
  /** `gap <= lpTolerance` (`solveConstantSumLp`). */
  certified: boolean;
  /** The value of the game for the first player (midpoint of `[lower, upper]`). */
  value: number;
  lower: number;
  upper: number;
  gap: number;
  /** `RELATIVE_TOLERANCE x range(A)`. */
  lpTolerance: number;
  /** Largest `regretFloat` of the (floored) LP profile in the actual game. */
  maxRegret: number;
  /** `RELATIVE_TOLERANCE x` payoff range. */
  threshold: number;
  /** `certified` and `maxRegret <= threshold`: only then is the profile listed. */
  passed: boolean;
}

/** Constant-sum structure of a two-player game. */
export interface ConstantSumInfo {
  /** `c` with `A + B = c`. */
  constant: number;
  /** `A + B = c` holds exactly in the rationals of the doubles (`checkConstantSum`). */
  exact: boolean;
  /** `max |A + B - c|` in doubles (0 when `exact`); at most `RELATIVE_TOLERANCE x` payoff range. */
  deviation: number;
  /** The LP answer; `null` when no LP backends were given. */
  lp: LpCertificate | null;
}

/** A run of an approximate method (logit tracing). */
export interface ApproximateAttempt {
  method: "logit";
  /** The certificate passed: every player's regret at most `tolerance x` its own payoff range. */
  converged: boolean;
  /** Largest regret of the reported (floored) profile, `regretFloat`. */
  maxRegret: number;
  /** Relative tolerance. */
  tolerance: number;
  /** Largest minus smallest payoff of the game. */
  payoffRange: number;
  /** The largest per-player threshold `tolerance x range_p`. */
  threshold: number;
  /** Largest regret divided by its player's payoff range (compared with `tolerance`). */
  maxRelativeRegret: number;
  iterations: number;
  /** `lambda` at the end of the trace (payoff units). */
  lambda: number;
  reachedLambdaMax: boolean;
  /** The profile the trace ended at (floored), an equilibrium only when `converged`. */
  lastProfile: number[][];
}

/** The mixed-equilibrium part of the equilibrium report. */
export interface MixedReport {
  /**
   * `solved`: exact or certified equilibria listed; `approximate`: an approximate (epsilon-)
   * equilibrium listed; `not converged`: the approximate method failed its certificate, nothing
   * listed; `skipped`: no method applied (see `reason`).
   */
  status: "solved" | "approximate" | "not converged" | "skipped";
  /** What ran and what the list is, in words. */
  reason: string;
  /** Methods that ran, in order. */
  methods: MixedMethod[];
  /** `true` when `equilibria` holds every extreme equilibrium of the mixed extension (enummixed). */
  complete: boolean;
  /** For an approximate method: did its certificate pass. `null` when none ran. */
  converged: boolean | null;
  /** Two players: the constant-sum structure, `null` when the game is not constant-sum. */
  constantSum: ConstantSumInfo | null;
  /** Runs of approximate methods. */
  attempts: ApproximateAttempt[];
  /**
   * Two players: exact extreme equilibria (pure ones too, `kind: "pure"`) and a certified LP answer;
   * three or more: at most one approximate equilibrium (`certified` false unless its regret is within
   * the report's tolerance).
   */
  equilibria: Equilibrium[];
}

/** Float certificate of a profile: each player's regret against `relative x` that player's payoff range. */
interface FloatCertificate {
  regrets: number[];
  maxRegret: number;
  maxRelativeRegret: number;
  range: number;
  threshold: number;
  passed: boolean;
}

function floatCertificate(nfg: NormalFormGame, profile: number[][], relative: number): FloatCertificate {
  // each player judged on its own payoff range (solvers/finite/solve.ts checkFloatRegret)
  const check = checkFloatRegret(nfg, profile, relative);
  return {
    regrets: check.regrets,
    maxRegret: check.maxRegret,
    maxRelativeRegret: check.maxRelativeRegret,
    range: payoffRange(nfg),
    threshold: check.threshold,
    passed: check.passed,
  };
}

/**
 * Sets probabilities at most `floor` to 0 and renormalises each player's strategy, so that the
 * reported (and certified) profile has a readable support.
 *
 * @example
 * floorProfile([[1 - 1e-15, 1e-15]], 1e-12); // [[1, 0]]
 */
export function floorProfile(profile: readonly (readonly number[])[], floor = PROBABILITY_FLOOR): number[][] {
  return profile.map((x) => {
    const y = x.map((v) => (v > floor ? v : 0));
    const s = y.reduce((a, b) => a + b, 0);
    return s > 0 ? y.map((v) => v / s) : x.slice();
  });
}

function sameProfile(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  tol: number,
): boolean {
  return a.every((x, p) => x.every((v, s) => Math.abs(v - b[p]![s]!) <= tol));
}

/** An exact or floating profile as doubles. */
function toFloat(profile: MixedProfile): number[][] {
  return profile.map((s: readonly (Rational | number)[]) =>
    s.map((v) => (v instanceof Rational ? v.toNumber() : v)),
  );
}

function plural(k: number, one: string, many: string): string {
  return `${k} ${k === 1 ? one : many}`;
}

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Number(x.toPrecision(3));
  return r !== 0 && Math.abs(r) < 1e-3 ? r.toExponential() : String(r);
}

/**
 * The equilibrium record of a mixed profile of the market game (`profile[p][s]`, player `p` of
 * `game.players`, independent mixtures). Expectations are exact sums over the joint profiles of the
 * support, `E[f] = sum_{s in supp} f(s) prod_p x_p(s_p)`: welfare `U` and every payoff (fixed producers'
 * by re-evaluating the market), and the diversity measures (mean pairwise distance, each producer's
 * nearest distance and specialisation, the number of tasks with a unique best producer). `diversity` is
 * that of the most likely joint profile, each player's most likely strategy (first on ties).
 *
 * Reference: M. J. Osborne and A. Rubinstein, A Course in Game Theory (1994), ch. 3 (mixed extension).
 *
 * @example
 * const eq = mixedProfileEquilibrium(market, rule, game, [[0.5, 0.5], [1, 0]],
 *   { regrets: [0, 0], certified: true, epsilon: 0, source: "example" });
 * eq.welfare; eq.expectedDiversity!.meanPairwiseDistance;
 */
export function mixedProfileEquilibrium(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  profile: readonly (readonly number[])[],
  cert: { regrets: readonly number[]; certified: boolean; epsilon: number; source: string },
): Equilibrium {
  const N = game.players.length;
  const T = market.tasks.length;
  const n = market.producers.length;
  const caps = market.tasks.map((t) => t.cap);
  const supports = profile.map((x) => x.flatMap((v, s) => (v > 0 ? [s] : [])));
  const strides: number[] = [];
  let st = 1;
  for (const m of game.shape) {
    strides.push(st);
    st *= m;
  }
  const fixed = market.producers.flatMap((p, k) => (p.space.kind === "fixed" ? [k] : []));
  const ev = fixed.length > 0 ? new MarketEvaluator(market.tasks, market.selection, [rule]) : undefined;
  const q = new Float64Array(n * T);
  market.producers.forEach((p, k) => {
    for (let t = 0; t < T; t++) q[k * T + t] = p.quality[t]!;
  });
  const qualities: number[][] = market.producers.map((p) => p.quality);
  let welfare = 0;
  const pay = new Array<number>(n).fill(0);
  let mpd = 0;
  const nearest = new Array<number>(n).fill(0);
  const spec = new Array<number>(n).fill(0);
  let unique = 0;
  const pos = new Array<number>(N).fill(0);
  for (;;) {
    let prob = 1;
    let flat = 0;
    for (let p = 0; p < N; p++) {
      const s = supports[p]![pos[p]!]!;
      prob *= profile[p]![s]!;
      flat += s * strides[p]!;
      const k = game.players[p]!;
      qualities[k] = game.strategies[p]![s]!;
      if (ev) for (let t = 0; t < T; t++) q[k * T + t] = qualities[k]![t]!;
    }
    welfare += prob * game.welfare[flat]!;
    for (let p = 0; p < N; p++) {
      const k = game.players[p]!;
      pay[k] = pay[k]! + prob * game.payoffs[p]![flat]!;
    }
    if (ev) {
      ev.run(q, n);
      for (const k of fixed) pay[k] = pay[k]! + prob * ev.payoff(0, k);
    }
    const d = diversity(qualities, caps);
    mpd += prob * (d.meanPairwiseDistance ?? 0);
    d.nearestDistance.forEach((v, k) => {
      nearest[k] = nearest[k]! + prob * (v ?? 0);
    });
    d.specialisation.forEach((v, k) => {
      spec[k] = spec[k]! + prob * v;
    });
    unique += prob * d.uniqueBestTasks;
    let p = 0;
    for (; p < N; p++) {
      pos[p] = pos[p]! + 1;
      if (pos[p]! < supports[p]!.length) break;
      pos[p] = 0;
    }
    if (p === N) break;
  }
  const modes = profile.map((x) => x.reduce((best, v, s) => (v > x[best]! ? s : best), 0));
  const expected: ExpectedDiversity = {
    meanPairwiseDistance: n < 2 ? null : mpd,
    nearestDistance: nearest.map((v) => (n < 2 ? null : v)),
    specialisation: spec,
    uniqueBestTasks: unique,
  };
  return {
    kind: supports.some((s) => s.length > 1) ? "mixed" : "pure",
    sources: [cert.source],
    producers: market.producers.map((pr, k) => {
      const slot = game.players.indexOf(k);
      if (slot < 0) return { name: pr.name, strategic: false, quality: pr.quality.slice(), payoff: pay[k]! };
      const probs = profile[slot]!;
      const strategies = game.strategies[slot]!;
      const regret = cert.regrets[slot]!;
      return {
        name: pr.name,
        strategic: true,
        quality: caps.map((_, t) => probs.reduce((s, x, si) => s + x * strategies[si]![t]!, 0)),
        mixture: supports[slot]!.map((si) => ({
          label: game.labels[slot]![si]!,
          probability: probs[si]!,
          quality: strategies[si]!.slice(),
        })),
        payoff: pay[k]!,
        regret: {
          producer: pr.name,
          payoff: pay[k]!,
          bestValue: pay[k]! + regret,
          gapBound: 0,
          regret,
          regretBound: regret,
        },
      };
    }),
    welfare,
    diversity: profileDiversity(market, game, modes),
    expectedDiversity: expected,
    certified: cert.certified,
    epsilon: cert.epsilon,
  };
}

function constantSumOf(nfg: NormalFormGame, game: MarketGame): ConstantSumInfo | null {
  const check = checkConstantSum(nfg);
  if (check.constantSum) return { constant: check.constant.toNumber(), exact: true, deviation: 0, lp: null };
  const [A, B] = game.payoffs as [Float64Array, Float64Array];
  const c = A[0]! + B[0]!;
  let deviation = 0;
  for (let f = 0; f < A.length; f++) deviation = Math.max(deviation, Math.abs(A[f]! + B[f]! - c));
  const range = payoffRange(nfg);
  return deviation <= RELATIVE_TOLERANCE * (range > 0 ? range : 1)
    ? { constant: c, exact: false, deviation, lp: null }
    : null;
}

function skipped(reason: string): MixedReport {
  return {
    status: "skipped",
    reason,
    methods: [],
    complete: false,
    converged: null,
    constantSum: null,
    attempts: [],
    equilibria: [],
  };
}

function twoPlayer(market: Market, rule: PayoffRule, game: MarketGame, opts: MixedOptions): MixedReport {
  const [m, n] = game.shape as [number, number];
  const enumLimit = opts.enumMixedLimit ?? ENUM_MIXED_LIMIT;
  const lcpLimit = opts.lcpLimit ?? LCP_LIMIT;
  const nfg = toNormalFormGame(game, market);
  const methods: MixedMethod[] = [];
  const found: Array<{ eq: Equilibrium; x: number[][] }> = [];
  const notes: string[] = [];
  let complete = false;
  const addExact = (prof: MixedProfile, source: string) => {
    const x = toFloat(prof);
    const eq = mixedProfileEquilibrium(market, rule, game, x, {
      regrets: [0, 0],
      certified: true,
      epsilon: 0,
      source,
    });
    found.push({ eq, x });
  };
  if (m + n <= enumLimit) {
    const res = solveFiniteSync(nfg, "enummixed");
    methods.push("enummixed");
    complete = true;
    for (const e of res.equilibria) addExact(e.profile, "enummixed (exact vertex enumeration)");
    notes.push(
      `enummixed: all ${plural(res.equilibria.length, "extreme equilibrium", "extreme equilibria")}, exact (regret 0); the list is complete`,
    );
  } else if (m + n <= lcpLimit) {
    const res = solveFiniteSync(nfg, "lcp");
    methods.push("lcp");
    for (const e of res.equilibria) addExact(e.profile, "lcp (Lemke-Howson with continuation, exact)");
    notes.push(
      `lcp: ${plural(res.equilibria.length, "equilibrium", "equilibria")} reachable by Lemke-Howson paths, exact (regret 0); ` +
        `the game is ${m} x ${n}, above the enummixed limit m + n <= ${enumLimit}, so the list may be incomplete` +
        (res.complete ? "" : " (some paths hit the pivot cap)"),
    );
  } else {
    notes.push(
      `the game is ${m} x ${n}, above the exact limits (enummixed m + n <= ${enumLimit}, lcp m + n <= ${lcpLimit})`,
    );
  }
  // exact solvers on the game's float payoffs: probabilities of order 1e-15 are artifacts of payoffs
  // that differ only in their last bits, flagged rather than passed off as mixed strategies
  const artifacts = found.filter((f) => f.x.some((row) => row.some((v) => v > 0 && v < 1e-9))).length;
  if (artifacts > 0) {
    notes.push(
      `warning: ${plural(artifacts, "equilibrium has", "equilibria have")} a probability below 1e-9, likely an artifact of payoffs equal but for their last bits (modelmarket nash --snap solves the game with such payoffs merged)`,
    );
  }
  const cs = constantSumOf(nfg, game);
  if (cs !== null) {
    const kind = cs.exact ? "exactly" : "up to floating-point rounding";
    if (opts.lpBackends === undefined) {
      notes.push(
        `constant-sum (${kind}, c = ${num(cs.constant)}): LP not run (no LP backends loaded; solveEquilibriaAsync loads them)`,
      );
    } else {
      // the LP needs an exactly constant-sum game: (A, c - A), with c the doubles' sum at the first profile
      const c = Rational.fromNumber(cs.constant);
      const lpGame: NormalFormGame = cs.exact
        ? nfg
        : { ...nfg, payoffs: [nfg.payoffs[0]!, nfg.payoffs[0]!.map((a) => c.sub(a))] };
      const lp = solveFiniteSync(lpGame, "lp", { lpBackends: opts.lpBackends }).lpResult;
      assert(lp !== undefined, "solveFiniteSync(lp) returns its LP answer");
      const x = floorProfile(lp.profile);
      const check = floatCertificate(nfg, x, RELATIVE_TOLERANCE);
      const passed = lp.certified && check.passed;
      cs.lp = {
        backend: lp.backend,
        certified: lp.certified,
        value: lp.values[0],
        lower: lp.lower,
        upper: lp.upper,
        gap: lp.gap,
        lpTolerance: lp.tolerance,
        maxRegret: check.maxRegret,
        threshold: check.threshold,
        passed,
      };
      methods.push("lp");
      if (passed) {
        const source = `lp (constant-sum maximin, ${lp.backend}, certified gap ${num(lp.gap)})`;
        const same = found.find((f) => sameProfile(f.x, x, RELATIVE_TOLERANCE));
        if (same) same.eq.sources.push(source);
        else {
          found.push({
            x,
            eq: mixedProfileEquilibrium(market, rule, game, x, {
              regrets: check.regrets,
              certified: check.maxRegret <= opts.tolerance,
              epsilon: check.maxRegret,
              source,
            }),
          });
        }
        notes.push(
          `constant-sum (${kind}, c = ${num(cs.constant)}): lp certified, value ${num(lp.values[0])} for the first player ` +
            `in [${num(lp.lower)}, ${num(lp.upper)}], max regret ${num(check.maxRegret)}${same ? " (an equilibrium already listed)" : ""}`,
        );
      } else {
        notes.push(
          `constant-sum (${kind}): lp answer ${lp.certified ? `failed the regret check (max regret ${num(check.maxRegret)} > ${num(check.threshold)})` : `not certified (value in [${num(lp.lower)}, ${num(lp.upper)}], gap ${num(lp.gap)})`}; not listed`,
        );
      }
    }
  }
  return {
    status: found.length > 0 ? "solved" : "skipped",
    reason: notes.join("; "),
    methods,
    complete,
    converged: null,
    constantSum: cs,
    attempts: [],
    equilibria: found.map((f) => f.eq),
  };
}

function manyPlayers(market: Market, rule: PayoffRule, game: MarketGame, opts: MixedOptions): MixedReport {
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

/**
 * Mixed equilibria of the market game (see the module comment for the methods and limits).
 *
 * @example
 * const game = buildMarketGame(market, "weighted-winrate");
 * const mixed = mixedEquilibria(market, resolveRule("weighted-winrate"), game,
 *   { tolerance: 1e-9, lpBackends: await loadLpBackends() });
 * mixed.methods; mixed.complete; mixed.equilibria.map((e) => e.welfare);
 */
export function mixedEquilibria(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  opts: MixedOptions,
): MixedReport {
  const N = game.players.length;
  if (N === 0) return skipped("no strategic producer");
  if (N === 1) {
    return skipped(
      "one strategic producer: its mixed equilibria are the mixtures of its pure best responses",
    );
  }
  return N === 2 ? twoPlayer(market, rule, game, opts) : manyPlayers(market, rule, game, opts);
}
