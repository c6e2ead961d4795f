/**
 * Equilibria of the simultaneous producer game (MODEL.md section 6): every strategic producer (space
 * not `fixed`) chooses at once to maximise its payoff under one rule.
 *
 * - Pure equilibria: best-response dynamics (sequential and simultaneous) from the file's profile,
 *   the canonical profile and seeded random profiles, each fixed point certified by every producer's
 *   regret against its best response (exact on finite spaces, with the certified gap on budgets).
 *   When every strategic space is finite and the joint space small, all pure equilibria are also
 *   enumerated exactly from the market game (`exhaustive: true`).
 * - Mixed equilibria (finite spaces, two strategic producers): all extreme equilibria by exact vertex
 *   enumeration (`enumMixed` of solvers/finite) on the game with payoffs converted exactly to rationals.
 * - Welfare optimum over joint strategies: exact by enumeration when small, else coordinate ascent.
 * - Price of anarchy `PoA = U_opt / min_{eq} U(eq)` and of stability `PoS = U_opt / max_{eq} U(eq)`
 *   over the equilibria found (Koutsoupias and Papadimitriou, "Worst-case equilibria", STACS 1999;
 *   Anshelevich et al., "The price of stability for network design", FOCS 2004). Both are >= 1 when
 *   the optimum is exact; with a non-exhaustive equilibrium set PoA is a lower bound and PoS an upper
 *   bound on the true values.
 */
import seedrandom from "seedrandom";
import { type Diversity, diversity } from "../../src/model/diversity.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import type { PayoffRule } from "../../src/model/payoffs.js";
import { produce } from "../../src/model/production.js";
import { canonicalQuality, gridUnits, topKQuality } from "../../src/model/strategies.js";
import type { Market, SelectionRule, StrategySpace } from "../../src/model/types.js";
import { absoluteTolerance, resolveRule } from "../bestResponse/context.js";
import { payoffWith } from "../bestResponse/index.js";
import type { RuleLike } from "../bestResponse/types.js";
import { enumMixed } from "../finite/index.js";
import {
  buildMarketGame,
  type MarketGame,
  marketProfileCount,
  profileDiversity,
  profileOf,
  pureEquilibria,
  toNormalFormGame,
} from "../marketGame.js";
import {
  bestResponseDynamics,
  certifyProfile,
  type DynamicsResult,
  marketAt,
  type RegretLine,
  type StrategyChoice,
} from "./dynamics.js";
import { coordinateAscentOptimum, optimumFromGame, type WelfareOptimum } from "./optimum.js";

export {
  bestResponseDynamics,
  certifyProfile,
  type DynamicsOptions,
  type DynamicsResult,
  marketAt,
  type RegretLine,
  type StrategyChoice,
} from "./dynamics.js";
export { coordinateAscentOptimum, optimumFromGame, type WelfareOptimum } from "./optimum.js";

/** One equilibrium (pure or mixed) with its welfare, diversity and certificate. */
export interface Equilibrium {
  kind: "pure" | "mixed";
  /** Where it was found, e.g. `enumeration`, `sequential dynamics from file profile`. */
  sources: string[];
  /** Every producer (fixed ones too): strategy, payoff and, for strategic ones, the regret line. */
  producers: Array<{
    name: string;
    strategic: boolean;
    /** Pure: the quality vector. Mixed: the expected quality vector. */
    quality: number[];
    effort?: number[];
    tasks?: number[];
    /** Mixed: the support, with probabilities. */
    mixture?: Array<{ label: string; probability: number; quality: number[] }>;
    payoff: number;
    regret?: RegretLine;
  }>;
  /** `U` (expected `U` for mixed equilibria). */
  welfare: number;
  /** Diversity of the pure profile; for mixed equilibria, of the most likely pure profile. */
  diversity: Diversity;
  /** Mixed: expected mean pairwise distance and expected specialisation per producer. */
  expectedDiversity?: { meanPairwiseDistance: number | null; specialisation: number[] };
  /** Every regret bound at most the tolerance. */
  certified: boolean;
  /** Largest certified regret bound (an `epsilon`-equilibrium when above the tolerance). */
  epsilon: number;
}

/** Report of one dynamics run. */
export interface DynamicsRun extends Omit<DynamicsResult, "profile"> {
  start: string;
  /** Certified regrets of the final profile (only when converged). */
  certificate?: { certified: boolean; epsilon: number; lines: RegretLine[] };
}

/** Options of `solveEquilibria`. */
export interface EquilibriumOptions {
  /** Relative tolerance (default `RELATIVE_TOLERANCE`). */
  tolerance?: number;
  maxRounds?: number;
  /** Seeded random starting profiles for the dynamics (default 4). */
  randomStarts?: number;
  seed?: string;
  /** Largest joint profile count enumerated exactly (default 200000). */
  maxProfiles?: number;
  /** Largest `m + n` strategies for exact mixed enumeration of a two-player game (default 24). */
  mixedLimit?: number;
  /** Grid units for continuous budgets (default 256). */
  units?: number;
}

/** Everything `modelmarket equilibrium` reports. */
export interface EquilibriumReport {
  rule: string;
  selection: SelectionRule;
  strategic: string[];
  tolerance: number;
  runs: DynamicsRun[];
  /** Certified pure equilibria (deduplicated). */
  pure: Equilibrium[];
  /** `true` when every pure equilibrium was enumerated (finite, small joint space). */
  pureExhaustive: boolean;
  /** Fixed points of the dynamics whose certificate failed only by the budget solver's gap: epsilon-equilibria. */
  approximate: Equilibrium[];
  /**
   * Extreme equilibria of the mixed extension (two strategic producers, finite spaces), exact; pure
   * ones appear here too (with `kind: "pure"`).
   */
  mixed: { status: "solved" | "unavailable" | "skipped"; reason: string; equilibria: Equilibrium[] };
  optimum: WelfareOptimum;
  /** `U_opt / min_eq U` over the equilibria found (null when none, or a zero-welfare equilibrium). */
  priceOfAnarchy: number | null;
  /** `U_opt / max_eq U` over the equilibria found. */
  priceOfStability: number | null;
  /** Which equilibria PoA and PoS range over, in words. */
  priceBasis: string;
}

function randomStrategy(space: StrategySpace, market: Market, r: () => number): StrategyChoice | undefined {
  const T = market.tasks.length;
  switch (space.kind) {
    case "fixed":
      return undefined;
    case "menu":
      return { quality: space.options[Math.floor(r() * space.options.length)]!.slice() };
    case "top-k": {
      const idx = Array.from({ length: T }, (_, t) => t);
      for (let t = T - 1; t > 0; t--) {
        const j = Math.floor(r() * (t + 1));
        [idx[t], idx[j]] = [idx[j]!, idx[t]!];
      }
      const tasks = idx.slice(0, space.k).sort((a, b) => a - b);
      return { quality: topKQuality(tasks, market.tasks), tasks };
    }
    case "grid": {
      const K = gridUnits(space);
      const units = new Array<number>(T).fill(0);
      for (let u = 0; u < K; u++) units[Math.floor(r() * T)]!++;
      const effort = units.map((u) => u * space.step);
      return { quality: effort.map((e, t) => market.tasks[t]!.cap * produce(space.production, e)), effort };
    }
    case "budget": {
      const raw = Array.from({ length: T }, () => r());
      const s = raw.reduce((a, b) => a + b, 0) || 1;
      const effort = raw.map((x) => (x / s) * space.budget);
      return { quality: effort.map((e, t) => market.tasks[t]!.cap * produce(space.production, e)), effort };
    }
  }
}

function pureEquilibrium(
  market: Market,
  rule: RuleLike,
  profile: StrategyChoice[],
  cert: { lines: RegretLine[]; certified: boolean; epsilon: number },
  source: string,
): Equilibrium {
  const r = resolveRule(rule);
  const m = {
    ...market,
    producers: market.producers.map((p, i) => ({ ...p, quality: profile[i]!.quality })),
  };
  return {
    kind: "pure",
    sources: [source],
    producers: market.producers.map((p, i) => {
      const s = { ...profile[i]! };
      if (p.space.kind === "top-k" && s.tasks === undefined) {
        s.tasks = s.quality.flatMap((q, t) => (q > 0 ? [t] : []));
      }
      const line = cert.lines.find((l) => l.producer === p.name);
      return {
        name: p.name,
        strategic: p.space.kind !== "fixed",
        quality: s.quality.slice(),
        ...(s.effort ? { effort: s.effort.slice() } : {}),
        ...(s.tasks ? { tasks: s.tasks.slice() } : {}),
        payoff: payoffWith(m, i, r, s.quality),
        ...(line ? { regret: line } : {}),
      };
    }),
    welfare: consumerWelfare(m),
    diversity: diversity(
      profile.map((s) => s.quality),
      market.tasks.map((t) => t.cap),
    ),
    certified: cert.certified,
    epsilon: cert.epsilon,
  };
}

function keyOf(profile: readonly StrategyChoice[]): string {
  return profile.map((s) => s.quality.join(",")).join(";");
}

function mixedEquilibria(
  market: Market,
  rule: PayoffRule,
  game: MarketGame,
  limit: number,
): { status: "solved" | "unavailable" | "skipped"; reason: string; equilibria: Equilibrium[] } {
  const N = game.players.length;
  if (N === 0) return { status: "skipped", reason: "no strategic producer", equilibria: [] };
  if (N === 1) {
    return {
      status: "skipped",
      reason: "one strategic producer: its mixed equilibria are the mixtures of its pure best responses",
      equilibria: [],
    };
  }
  if (N > 2) {
    return {
      status: "unavailable",
      reason: `mixed equilibria: finite-game solvers unavailable for ${N} players (exact mixed enumeration is two-player only)`,
      equilibria: [],
    };
  }
  const [m, n] = game.shape as [number, number];
  if (m + n > limit) {
    return {
      status: "skipped",
      reason: `game is ${m} x ${n}, above the exact enumeration limit m + n <= ${limit}`,
      equilibria: [],
    };
  }
  const res = enumMixed(toNormalFormGame(game, market));
  const caps = market.tasks.map((t) => t.cap);
  const equilibria = res.equilibria.map((prof) => {
    const x = prof[0]!.map((v) => v.toNumber());
    const y = prof[1]!.map((v) => v.toNumber());
    let welfare = 0;
    let best = 0;
    let bestP = -1;
    const pay = [0, 0];
    const fixedPay = new Array<number>(market.producers.length).fill(0);
    let expMpd = 0;
    const expSpec = new Array<number>(market.producers.length).fill(0);
    let mpdNull = false;
    for (let j = 0; j < n; j++) {
      if (y[j]! === 0) continue;
      for (let i = 0; i < m; i++) {
        if (x[i]! === 0) continue;
        const p = x[i]! * y[j]!;
        const flat = i + m * j;
        welfare += p * game.welfare[flat]!;
        pay[0] = pay[0]! + p * game.payoffs[0]![flat]!;
        pay[1] = pay[1]! + p * game.payoffs[1]![flat]!;
        const at = marketAt(
          market,
          market.producers.map((pr, k) => ({
            quality:
              k === game.players[0]
                ? game.strategies[0]![i]!
                : k === game.players[1]
                  ? game.strategies[1]![j]!
                  : pr.quality,
          })),
        );
        market.producers.forEach((pr, k) => {
          if (pr.space.kind === "fixed") fixedPay[k] = fixedPay[k]! + p * payoffWith(at, k, rule, pr.quality);
        });
        const d = profileDiversity(market, game, [i, j]);
        if (d.meanPairwiseDistance === null) mpdNull = true;
        else expMpd += p * d.meanPairwiseDistance;
        d.specialisation.forEach((s, k) => {
          expSpec[k] = expSpec[k]! + p * s;
        });
        if (p > bestP) {
          bestP = p;
          best = flat;
        }
      }
    }
    const mix = [x, y];
    const eq: Equilibrium = {
      kind: x.filter((v) => v > 0).length > 1 || y.filter((v) => v > 0).length > 1 ? "mixed" : "pure",
      sources: ["enummixed (exact vertex enumeration)"],
      producers: market.producers.map((p, k) => {
        const slot = game.players.indexOf(k);
        if (slot < 0)
          return { name: p.name, strategic: false, quality: p.quality.slice(), payoff: fixedPay[k]! };
        const probs = mix[slot]!;
        const quality = caps.map((_, t) =>
          probs.reduce((s, pr, si) => s + pr * game.strategies[slot]![si]![t]!, 0),
        );
        return {
          name: p.name,
          strategic: true,
          quality,
          mixture: probs.flatMap((pr, si) =>
            pr > 0
              ? [
                  {
                    label: game.labels[slot]![si]!,
                    probability: pr,
                    quality: game.strategies[slot]![si]!.slice(),
                  },
                ]
              : [],
          ),
          payoff: pay[slot]!,
          regret: {
            producer: p.name,
            payoff: pay[slot]!,
            bestValue: pay[slot]!,
            gapBound: 0,
            regret: 0,
            regretBound: 0,
          },
        };
      }),
      welfare,
      diversity: profileDiversity(market, game, profileOf(game.shape, best)),
      expectedDiversity: { meanPairwiseDistance: mpdNull ? null : expMpd, specialisation: expSpec },
      certified: true,
      epsilon: 0,
    };
    return eq;
  });
  return {
    status: "solved",
    reason: `${equilibria.length} extreme equilibria (exact, regret 0)`,
    equilibria,
  };
}

/**
 * Equilibria of the producer game under `rule`, with welfare, diversity, the welfare optimum and the
 * prices of anarchy and stability.
 *
 * @example
 * const rep = solveEquilibria(market, "weighted-winrate");
 * rep.pure.map((e) => e.welfare); rep.priceOfAnarchy; rep.runs.every((r) => r.converged);
 */
export function solveEquilibria(
  market: Market,
  rule: RuleLike,
  opts: EquilibriumOptions = {},
): EquilibriumReport {
  const r = resolveRule(rule);
  const tol = absoluteTolerance(market, opts.tolerance);
  const strategicIdx = market.producers.flatMap((p, i) => (p.space.kind === "fixed" ? [] : [i]));
  const starts: Array<{ label: string; profile: StrategyChoice[] }> = [
    { label: "file profile", profile: market.producers.map((p) => ({ quality: p.quality.slice() })) },
    {
      label: "canonical profile",
      profile: market.producers.map((p) => ({
        quality: canonicalQuality(p.space, market.tasks) ?? p.quality.slice(),
      })),
    },
  ];
  const rand = seedrandom.alea(opts.seed ?? "equilibrium");
  for (let k = 0; k < (opts.randomStarts ?? 4); k++) {
    starts.push({
      label: `random start ${k + 1}`,
      profile: market.producers.map(
        (p) => randomStrategy(p.space, market, rand) ?? { quality: p.quality.slice() },
      ),
    });
  }
  const runs: DynamicsRun[] = [];
  const found = new Map<string, Equilibrium>();
  const approx = new Map<string, Equilibrium>();
  for (const start of starts) {
    for (const mode of ["sequential", "simultaneous"] as const) {
      const res = bestResponseDynamics(market, r, start.profile, {
        mode,
        maxRounds: opts.maxRounds,
        tolerance: opts.tolerance,
        units: opts.units,
      });
      const { profile, ...rest } = res;
      const run: DynamicsRun = { ...rest, start: start.label };
      if (res.converged) {
        const cert = certifyProfile(market, r, profile, { tolerance: opts.tolerance, units: opts.units });
        run.certificate = cert;
        const key = keyOf(profile);
        const target = cert.certified ? found : approx;
        const source = `${mode} dynamics from ${start.label}`;
        const prev = target.get(key);
        if (prev) prev.sources.push(source);
        else target.set(key, pureEquilibrium(market, r, profile, cert, source));
      }
      runs.push(run);
    }
  }

  let game: MarketGame | undefined;
  const count = marketProfileCount(market);
  if (
    r.taskTerm !== undefined &&
    Number.isFinite(count) &&
    count <= (opts.maxProfiles ?? 200_000) &&
    strategicIdx.length > 0
  ) {
    game = buildMarketGame(market, r, opts.maxProfiles ?? 200_000);
  }
  let pureExhaustive = false;
  if (game !== undefined) {
    pureExhaustive = true;
    for (const { flat } of pureEquilibria(game, tol)) {
      const s = profileOf(game.shape, flat);
      const profile: StrategyChoice[] = market.producers.map((p) => ({ quality: p.quality.slice() }));
      game.players.forEach((i, p) => {
        const c: StrategyChoice = { quality: game!.strategies[p]![s[p]!]!.slice() };
        const e = game!.efforts[p]![s[p]!];
        if (e !== undefined) c.effort = e.slice();
        profile[i] = c;
      });
      const key = keyOf(profile);
      const prev = found.get(key);
      if (prev) prev.sources.push("enumeration");
      else
        found.set(
          key,
          pureEquilibrium(market, r, profile, certifyProfile(market, r, profile, opts), "enumeration"),
        );
    }
  }
  const mixed =
    game !== undefined
      ? mixedEquilibria(market, r, game, opts.mixedLimit ?? 24)
      : {
          status: "skipped" as const,
          reason: Number.isFinite(count)
            ? `the joint space has ${count} profiles, above the enumeration limit`
            : "a strategic space is continuous: no finite game",
          equilibria: [],
        };
  const pure = [...found.values()];
  const optimum =
    game !== undefined
      ? optimumFromGame(market, game)
      : coordinateAscentOptimum(
          market,
          [
            ...starts.map((s) => s.profile),
            ...pure.map((e) => e.producers.map((p) => ({ quality: p.quality }))),
          ],
          {
            units: opts.units,
          },
        );
  const all = [...pure, ...mixed.equilibria];
  let poa: number | null = null;
  let pos: number | null = null;
  if (all.length > 0) {
    const ws = all.map((e) => e.welfare);
    const lo = Math.min(...ws);
    const hi = Math.max(...ws);
    poa = lo > 0 ? optimum.welfare / lo : null;
    pos = hi > 0 ? optimum.welfare / hi : null;
  }
  const basis =
    all.length === 0
      ? "no equilibrium found"
      : `${pure.length} pure${pureExhaustive ? " (all of them)" : " (found by dynamics; not exhaustive)"} and ${mixed.equilibria.length} mixed equilibria; optimum ${optimum.exact ? "exact" : "a local optimum (not proven)"}`;
  return {
    rule: r.name,
    selection: market.selection,
    strategic: strategicIdx.map((i) => market.producers[i]!.name),
    tolerance: tol,
    runs,
    pure,
    pureExhaustive,
    approximate: [...approx.values()],
    mixed,
    optimum,
    priceOfAnarchy: poa,
    priceOfStability: pos,
    priceBasis: basis,
  };
}
