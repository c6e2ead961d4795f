/**
 * Mixed equilibria of a two-producer market game: enummixed (every extreme equilibrium, exact) or
 * Lemke-Howson (exact, possibly incomplete) by size, and the certified maximin LP of a constant-sum
 * game (see `mixed.ts` for the methods and their sources).
 */

import { assert } from "../../src/errors.js";
import { type LimitReached, limitReached } from "../../src/limits.js";
import type { PayoffRule } from "../../src/model/payoffs.js";
import type { Market } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { type MixedProfile, type NormalFormGame, payoffRange } from "../finite/game.js";
import { lemkeHowson } from "../finite/lcp/index.js";
import { checkConstantSum } from "../finite/lp/index.js";
import { ENUMMIXED_METHOD } from "../finite/methods/enummixed.js";
import {
  DEFAULT_MAX_VERTICES,
  defaultMaxPaths,
  PRODUCER_LCP_MEMORY,
  polytopeVertexBound,
} from "../finite/methods/limits.js";
import { LP_METHOD } from "../finite/methods/lp.js";
import { Rational } from "../finite/rational.js";
// the two methods' entries alone, not solveFiniteSync's whole table (its N-player methods and dynamics)
import { runMethodSync } from "../finite/solve.js";
import { type MarketGame, toNormalFormGame } from "../marketGame.js";
import {
  floatCertificate,
  floorProfile,
  mixedProfileEquilibrium,
  sameProfile,
  toFloat,
} from "./mixed-profile.js";
import {
  type ConstantSumInfo,
  ENUM_MIXED_LIMIT,
  LCP_LIMIT,
  type MixedMethod,
  type MixedNote,
  type MixedOptions,
  type MixedReport,
} from "./mixed-types.js";
import type { Equilibrium, EquilibriumSource } from "./types.js";

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

export function twoPlayer(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  opts: MixedOptions,
): MixedReport {
  const [m, n] = game.shape as [number, number];
  const nfg = toNormalFormGame(game, market);
  const methods: MixedMethod[] = [];
  const found: Array<{ eq: Equilibrium; x: number[][] }> = [];
  const notes: MixedNote[] = [];
  const limits: LimitReached[] = [];
  const addExact = (prof: MixedProfile, source: EquilibriumSource) => {
    const x = toFloat(prof);
    const eq = mixedProfileEquilibrium(market, rule, game, x, {
      regrets: [0, 0],
      certified: true,
      epsilon: 0,
      source,
    });
    found.push({ eq, x });
  };
  const complete = exactEquilibria(nfg, [m, n], opts, addExact, { notes, methods, limits });
  // exact solvers on the game's float payoffs: probabilities of order 1e-15 are artifacts of payoffs
  // that differ only in their last bits, flagged rather than passed off as mixed strategies
  const artifacts = found.filter((f) => f.x.some((row) => row.some((v) => v > 0 && v < 1e-9))).length;
  if (artifacts > 0) {
    notes.push({ code: "probability-artifacts", equilibria: artifacts });
  }
  const cs = constantSumOf(nfg, game);
  if (cs !== null) constantSumLp(market, rule, game, nfg, cs, opts, { found, notes, methods });
  return {
    status: found.length > 0 ? "solved" : "skipped",
    reasons: notes,
    limits,
    methods,
    complete,
    completeness: null,
    converged: null,
    constantSum: cs,
    attempts: [],
    equilibria: found.map((f) => f.eq),
  };
}

/**
 * The exact equilibria of the bimatrix game, each passed to `addExact`: every extreme one by vertex
 * enumeration (enummixed) when its limits allow, else those Lemke-Howson's paths reach (lcp, with
 * continuation, its paths bounded by `maxPaths`), else none; a note says which and why, and every
 * limit that stopped a method is in `out.limits`. Returns whether the list is complete.
 */
function exactEquilibria(
  nfg: NormalFormGame,
  [m, n]: [number, number],
  opts: MixedOptions,
  addExact: (prof: MixedProfile, source: EquilibriumSource) => void,
  out: { notes: MixedNote[]; methods: MixedMethod[]; limits: LimitReached[] },
): boolean {
  const { notes, methods, limits } = out;
  const enumLimit = opts.enumMixedLimit ?? ENUM_MIXED_LIMIT;
  const lcpLimit = opts.lcpLimit ?? LCP_LIMIT;
  const vertexBound = polytopeVertexBound(m, m + n) + polytopeVertexBound(n, m + n);
  const maxVertices = opts.maxVertices ?? DEFAULT_MAX_VERTICES;
  if (m + n <= enumLimit && vertexBound <= maxVertices) {
    const res = runMethodSync(nfg, "enummixed", ENUMMIXED_METHOD, { maxVertices });
    methods.push("enummixed");
    for (const e of res.equilibria) addExact(e.profile, { code: "enummixed" });
    notes.push({ code: "enummixed-complete", equilibria: res.equilibria.length });
    return true;
  }
  if (m + n <= lcpLimit) {
    // the default cannot enumerate this game: Lemke-Howson instead, said so. Its work is bounded at
    // run time (at most maxPaths paths: m + n from the artificial equilibrium and m + n from each
    // equilibrium found), not refused up front by the worst-case bound, which is astronomically loose
    const maxPaths = opts.maxPaths ?? defaultMaxPaths(m, n, PRODUCER_LCP_MEMORY);
    const stopAfter = Math.max(1, Math.floor(maxPaths / (m + n)) - 1);
    // stopAfter keeps the search within maxPaths and reports the equilibria found, not a refusal
    const res = lemkeHowson(nfg, { stopAfter, maxPaths: Number.POSITIVE_INFINITY });
    methods.push("lcp");
    for (const e of res.equilibria) addExact(e.profile, { code: "lcp" });
    limits.push(
      m + n > enumLimit
        ? limitReached("enumMixedLimit", m + n, enumLimit, "strategies m + n of enummixed")
        : limitReached("maxVertices", vertexBound, maxVertices, "polytope vertices of enummixed (bound)"),
    );
    const capped = res.paths.some((p) => p.to === null);
    notes.push({
      code: "lcp-instead",
      shape: [m, n],
      because: m + n > enumLimit ? "size" : "vertices",
      equilibria: res.equilibria.length,
      pivotCapHit: capped,
      stoppedAtPathLimit: res.equilibria.length >= stopAfter,
    });
    if (res.equilibria.length >= stopAfter)
      limits.push(
        limitReached("maxPaths", (res.equilibria.length + 1) * (m + n), maxPaths, "Lemke-Howson paths"),
      );
  } else {
    notes.push({ code: "exact-methods-too-large", shape: [m, n] });
    limits.push(
      limitReached("enumMixedLimit", m + n, enumLimit, "strategies m + n of enummixed"),
      limitReached("lcpLimit", m + n, lcpLimit, "strategies m + n of Lemke-Howson"),
    );
  }
  return false;
}

/**
 * A constant-sum game's certified maximin LP (von Neumann 1928), when the LP backends are loaded: its
 * answer, checked against the float payoffs, goes in `cs.lp`, its profile joins `out.found` (or adds a
 * source to the same equilibrium found already), and a note says what it showed.
 */
function constantSumLp(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  nfg: NormalFormGame,
  cs: NonNullable<ReturnType<typeof constantSumOf>>,
  opts: MixedOptions,
  out: { found: Array<{ eq: Equilibrium; x: number[][] }>; notes: MixedNote[]; methods: MixedMethod[] },
): void {
  const { found, notes, methods } = out;
  if (opts.lpBackends === undefined) {
    notes.push({ code: "constant-sum-lp-not-run", exact: cs.exact, constant: cs.constant });
  } else {
    // the LP needs an exactly constant-sum game: (A, c - A), with c the doubles' sum at the first profile
    const c = Rational.fromNumber(cs.constant);
    const lpGame: NormalFormGame = cs.exact
      ? nfg
      : { ...nfg, payoffs: [nfg.payoffs[0]!, nfg.payoffs[0]!.map((a) => c.sub(a))] };
    const lp = runMethodSync(lpGame, "lp", LP_METHOD, { lpBackends: opts.lpBackends }).lpResult;
    assert(lp !== undefined, "the lp method returns its LP answer");
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
      const source: EquilibriumSource = { code: "lp", backend: lp.backend, gap: lp.gap };
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
      notes.push({
        code: "constant-sum-lp-certified",
        exact: cs.exact,
        constant: cs.constant,
        value: lp.values[0],
        lower: lp.lower,
        upper: lp.upper,
        maxRegret: check.maxRegret,
        alreadyListed: same !== undefined,
      });
    } else {
      notes.push({
        code: "constant-sum-lp-rejected",
        exact: cs.exact,
        certified: lp.certified,
        maxRegret: check.maxRegret,
        threshold: check.threshold,
        lower: lp.lower,
        upper: lp.upper,
        gap: lp.gap,
      });
    }
  }
}
