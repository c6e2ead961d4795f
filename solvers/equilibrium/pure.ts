/**
 * The pure part of `solveEquilibria`: the starting profiles, the best-response dynamics runs with
 * their certificates, and the exact enumeration of pure equilibria from the market game.
 */

import { DEFAULT_MAX_EQUILIBRIA } from "../../src/limits.js";
import { diversity } from "../../src/model/diversity.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import type { PayoffRule } from "../../src/model/payoffs.js";
import { produce } from "../../src/model/production.js";
import {
  canonicalQuality,
  gridUnits,
  isFiniteSpace,
  spaceSize,
  topKQuality,
} from "../../src/model/strategies.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { alea } from "../../src/numeric/alea.js";
import type { ProgressSink } from "../../src/work.js";
import { resolveRule } from "../bestResponse/context.js";
import { payoffWith } from "../bestResponse/index.js";
import type { RuleLike } from "../bestResponse/types.js";
import { choicesAt, type MarketGame, pureEquilibria } from "../marketGame.js";
import { bestResponseDynamics, certifyProfile, type RegretLine, type StrategyChoice } from "./dynamics.js";
import type { DynamicsRun, Equilibrium, EquilibriumSource, StartLabel } from "./types.js";

/** A starting profile of the dynamics, with its label in the report. */
export interface StartProfile {
  label: StartLabel;
  profile: StrategyChoice[];
}

/** The options of `solveEquilibria` the pure search reads. */
export interface PureSearchOptions {
  tolerance?: number;
  maxRounds?: number;
  randomStarts?: number;
  seed?: string;
  units?: number;
}

/**
 * The dynamics' starting profiles: the file's, the canonical one, and `randomStarts` (default 4)
 * seeded random ones.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function startProfiles(market: Market, opts: PureSearchOptions): StartProfile[] {
  const starts: StartProfile[] = [
    { label: { code: "file" }, profile: market.producers.map((p) => ({ quality: p.quality.slice() })) },
    {
      label: { code: "canonical" },
      profile: market.producers.map((p) => ({
        quality: canonicalQuality(p.space, market.tasks) ?? p.quality.slice(),
      })),
    },
  ];
  const rand = alea(opts.seed ?? "equilibrium");
  for (let k = 0; k < (opts.randomStarts ?? 4); k++) {
    starts.push({
      label: { code: "random", index: k + 1 },
      profile: market.producers.map(
        (p) => randomStrategy(p.space, market, rand) ?? { quality: p.quality.slice() },
      ),
    });
  }
  return starts;
}

/**
 * Sequential and simultaneous best-response dynamics from every start; each fixed point is certified
 * and goes to `found` (certified) or `approx` (an epsilon-equilibrium), keyed by its qualities.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 */
export function runDynamics(
  market: Market,
  r: PayoffRule,
  starts: readonly StartProfile[],
  opts: PureSearchOptions,
): { runs: DynamicsRun[]; found: Map<string, Equilibrium>; approx: Map<string, Equilibrium> } {
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
        // a profile outside the declared spaces is neither an equilibrium nor an epsilon-equilibrium
        if (cert.outsideSpace.length === 0) {
          const key = keyOf(profile);
          const target = cert.certified ? found : approx;
          const source: EquilibriumSource = { code: "dynamics", mode, start: start.label };
          const prev = target.get(key);
          if (prev) prev.sources.push(source);
          else target.set(key, pureEquilibrium(market, r, profile, cert, source));
        }
      }
      runs.push(run);
    }
  }
  return { runs, found, approx };
}

/** What `addEnumeratedEquilibria` counted: every pure equilibrium, and the range of their welfare. */
export interface EnumeratedCount {
  /** Pure equilibria of the game (all of them, listed or not). */
  total: number;
  /** Smallest and largest consumer welfare over all of them (`null` when there are none). */
  welfareLow: number | null;
  welfareHigh: number | null;
}

/**
 * Adds the pure equilibria of the market game (exact enumeration) to `found`, certified, up to
 * `maxEquilibria` of them (default `DEFAULT_MAX_EQUILIBRIA`); every one is counted, and its welfare,
 * read from the game's table, enters the range returned, so prices need not list them.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 */
export function addEnumeratedEquilibria(
  market: Market,
  r: PayoffRule,
  game: MarketGame,
  tol: number,
  opts: PureSearchOptions & { maxEquilibria?: number; progress?: ProgressSink },
  found: Map<string, Equilibrium>,
): EnumeratedCount {
  const maxListed = opts.maxEquilibria ?? DEFAULT_MAX_EQUILIBRIA;
  const all = pureEquilibria(game, tol);
  let low: number | null = null;
  let high: number | null = null;
  let listed = 0;
  for (const { flat } of all) {
    const w = game.welfare[flat]!;
    low = low === null || w < low ? w : low;
    high = high === null || w > high ? w : high;
    const profile: StrategyChoice[] = choicesAt(market, game, flat);
    const key = keyOf(profile);
    const prev = found.get(key);
    if (prev) prev.sources.push({ code: "enumeration" });
    else if (listed < maxListed) {
      listed++;
      found.set(
        key,
        pureEquilibrium(market, r, profile, certifyProfile(market, r, profile, opts), {
          code: "enumeration",
        }),
      );
      if (opts.progress !== undefined && listed % 64 === 0)
        opts.progress({ done: listed, total: Math.min(all.length, maxListed), unit: "equilibria certified" });
    }
  }
  return { total: all.length, welfareLow: low, welfareHigh: high };
}

/**
 * Work units of the exhaustive search of `solveEquilibria` over a finite game, before any allocation:
 * `profiles x (n x T + sum_i m_i)` to evaluate every profile and scan its deviations, plus
 * `min(profiles, maxEquilibria) x sum_i m_i x n x T` to certify the equilibria listed (each
 * certificate is every strategic producer's best response). `Infinity` for a continuous space.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * equilibriumWorkEstimate({ tasks: [t1, t2], producers: [a, b] }, 1000); // 4 x (4 + 4) + 4 x 4 x 4 = 96 for two top-k:k=1 producers
 */
export function equilibriumWorkEstimate(market: Market, maxEquilibria = DEFAULT_MAX_EQUILIBRIA): number {
  const n = market.producers.length;
  const T = market.tasks.length;
  let profiles = 1;
  let strategies = 0;
  for (const p of market.producers) {
    if (p.space.kind === "fixed") continue;
    if (!isFiniteSpace(p.space)) return Number.POSITIVE_INFINITY;
    const m = spaceSize(p.space, T);
    profiles *= m;
    strategies += m;
  }
  return profiles * (n * T + strategies) + Math.min(profiles, maxEquilibria) * strategies * n * T;
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

export function pureEquilibrium(
  market: Market,
  rule: RuleLike,
  profile: StrategyChoice[],
  cert: { lines: RegretLine[]; certified: boolean; epsilon: number },
  source: EquilibriumSource,
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
