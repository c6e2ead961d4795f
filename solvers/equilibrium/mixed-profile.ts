/**
 * The equilibrium record of a mixed profile of the market game (expected welfare, payoffs and
 * diversity over the joint profiles of its support), and the small helpers every mixed method shares:
 * the floating regret certificate, the probability floor, number formatting.
 */
import type { LimitReached } from "../../src/limits.js";
import { diversity } from "../../src/model/diversity.js";
import { MarketEvaluator } from "../../src/model/evaluate.js";
import type { PayoffRule } from "../../src/model/payoffs.js";
import type { Market } from "../../src/model/types.js";
import { type MixedProfile, type NormalFormGame, payoffRange } from "../finite/game.js";
import { checkFloatRegret } from "../finite/methods/regret-check.js";
import { Rational } from "../finite/rational.js";
import { type MarketGame, profileDiversity } from "../marketGame.js";
import { type MixedNote, type MixedReport, PROBABILITY_FLOOR } from "./mixed-types.js";
import type { Equilibrium, EquilibriumSource, ExpectedDiversity } from "./types.js";

/** Float certificate of a profile: each player's regret against `relative x` that player's payoff range. */
export interface FloatCertificate {
  regrets: number[];
  maxRegret: number;
  maxRelativeRegret: number;
  range: number;
  threshold: number;
  passed: boolean;
}

export function floatCertificate(
  nfg: NormalFormGame,
  profile: number[][],
  relative: number,
): FloatCertificate {
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

export function sameProfile(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  tol: number,
): boolean {
  return a.every((x, p) => x.every((v, s) => Math.abs(v - b[p]![s]!) <= tol));
}

/** An exact or floating profile as doubles. */
export function toFloat(profile: MixedProfile): number[][] {
  return profile.map((s: readonly (Rational | number)[]) =>
    s.map((v) => (v instanceof Rational ? v.toNumber() : v)),
  );
}

export function num(x: number): string {
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
 *   { regrets: [0, 0], certified: true, epsilon: 0, source: { code: "enummixed" } });
 * eq.welfare; eq.expectedDiversity!.meanPairwiseDistance;
 */
export function mixedProfileEquilibrium(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  profile: readonly (readonly number[])[],
  cert: { regrets: readonly number[]; certified: boolean; epsilon: number; source: EquilibriumSource },
): Equilibrium {
  const caps = market.tasks.map((t) => t.cap);
  const supports = profile.map((x) => x.flatMap((v, s) => (v > 0 ? [s] : [])));
  const { welfare, pay, expected } = expectationsOverSupports(market, rule, game, profile, supports);
  const modes = profile.map((x) => x.reduce((best, v, s) => (v > x[best]! ? s : best), 0));
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
          inSpace: true,
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

/**
 * The expectations under the mixed `profile` (nonzero probabilities at `supports`), over every joint
 * profile of the supports: consumer welfare, each producer's payoff (a fixed producer's from the
 * evaluator), and the diversity measures of `diversity`.
 */
function expectationsOverSupports(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  profile: readonly (readonly number[])[],
  supports: readonly number[][],
): { welfare: number; pay: number[]; expected: ExpectedDiversity } {
  const N = game.players.length;
  const T = market.tasks.length;
  const n = market.producers.length;
  const caps = market.tasks.map((t) => t.cap);
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
  const expected: ExpectedDiversity = {
    meanPairwiseDistance: n < 2 ? null : mpd,
    nearestDistance: nearest.map((v) => (n < 2 ? null : v)),
    specialisation: spec,
    uniqueBestTasks: unique,
  };
  return { welfare, pay, expected };
}

/**
 * A mixed report where no method ran, with the reasons.
 *
 * @throws nothing
 */
export function skipped(reasons: MixedNote[], limits: LimitReached[] = []): MixedReport {
  return {
    status: "skipped",
    reasons,
    limits,
    methods: [],
    complete: false,
    completeness: null,
    converged: null,
    constantSum: null,
    attempts: [],
    equilibria: [],
  };
}
