/**
 * Equilibria of the simultaneous producer game (MODEL.md section 6): every strategic producer (space
 * not `fixed`) chooses at once to maximise its payoff under one rule.
 *
 * - Pure equilibria: best-response dynamics (sequential and simultaneous) from the file's profile,
 *   the canonical profile and seeded random profiles, each fixed point certified by every producer's
 *   regret against its best response (exact on finite spaces, with the certified gap on budgets).
 *   When every strategic space is finite and the joint space small, all pure equilibria are also
 *   enumerated exactly from the market game (`exhaustive: true`).
 * - Mixed equilibria (finite spaces, `mixed.ts`): two strategic producers, every extreme equilibrium
 *   (`enumMixed`, exact, complete) or every Lemke-Howson-accessible one (`lemkeHowson`, exact, possibly
 *   incomplete) by size, plus the certified maximin LP when the game is constant-sum; three or more,
 *   an approximate equilibrium from logit tracing, reported only when its regret certificate passes.
 * - Welfare optimum over joint strategies: exact by enumeration when small, else coordinate ascent.
 * - Price of anarchy `PoA = U_opt / min_{eq} U(eq)` and of stability `PoS = U_opt / max_{eq} U(eq)`
 *   over the certified equilibria found, pure and mixed (Koutsoupias and Papadimitriou, "Worst-case
 *   equilibria", STACS 1999; Anshelevich et al., "The price of stability for network design", FOCS
 *   2004). Both are >= 1 when the optimum is exact; with a non-exhaustive equilibrium set PoA is a
 *   lower bound and PoS an upper bound on the true values. With an exhaustive pure list and a
 *   complete mixed list (two players, enummixed; or one player) they are exact over every Nash
 *   equilibrium: `U` is bilinear in the two mixtures, so its extremes over each maximal convex set of
 *   equilibria `conv X' x conv Y'` are attained at extreme equilibria (Winkels 1979; Avis et al.
 *   2010, sec. 6).
 */
import seedrandom from "seedrandom";
import { diversity } from "../../src/model/diversity.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import { produce } from "../../src/model/production.js";
import { canonicalQuality, gridUnits, topKQuality } from "../../src/model/strategies.js";
import type { Market, SelectionRule, StrategySpace } from "../../src/model/types.js";
import { absoluteTolerance, resolveRule } from "../bestResponse/context.js";
import { payoffWith } from "../bestResponse/index.js";
import type { RuleLike } from "../bestResponse/types.js";
import { type LpBackends, loadLpBackends } from "../finite/index.js";
import {
  buildMarketGame,
  type MarketGame,
  marketProfileCount,
  profileOf,
  pureEquilibria,
} from "../marketGame.js";
import {
  bestResponseDynamics,
  certifyProfile,
  type DynamicsResult,
  type RegretLine,
  type StrategyChoice,
} from "./dynamics.js";
import { type MixedReport, mixedEquilibria } from "./mixed.js";
import { coordinateAscentOptimum, optimumFromGame, type WelfareOptimum } from "./optimum.js";
import type { Equilibrium } from "./types.js";

export {
  bestResponseDynamics,
  certifyProfile,
  type DynamicsOptions,
  type DynamicsResult,
  marketAt,
  type RegretLine,
  type StrategyChoice,
} from "./dynamics.js";
export {
  APPROXIMATE_MIXED_TOLERANCE,
  type ApproximateAttempt,
  type ConstantSumInfo,
  ENUM_MIXED_LIMIT,
  floorProfile,
  LCP_LIMIT,
  LOGIT_WORK_LIMIT,
  type LpCertificate,
  type MixedMethod,
  type MixedOptions,
  type MixedReport,
  mixedEquilibria,
  mixedProfileEquilibrium,
  PROBABILITY_FLOOR,
} from "./mixed.js";
export { coordinateAscentOptimum, optimumFromGame, type WelfareOptimum } from "./optimum.js";
export type { Equilibrium, ExpectedDiversity } from "./types.js";

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
  /** Two players: largest `m + n` for exact enumeration of the extreme equilibria (default 30). */
  enumMixedLimit?: number;
  /** Two players: largest `m + n` for Lemke-Howson (default `LCP_LIMIT` = 72). */
  lcpLimit?: number;
  /**
   * Loaded LP backends for constant-sum two-player games (`loadLpBackends()`); `solveEquilibriaAsync`
   * loads them. Without them the synchronous `solveEquilibria` runs no LP.
   */
  lpBackends?: LpBackends;
  /** Three or more players: relative regret tolerance of the approximate mixed equilibrium (default 1e-6). */
  mixedTolerance?: number;
  /** Three or more players: step cap of logit tracing (default 20000). */
  logitIterations?: number;
  /** Three or more players: largest `profiles x N^2` for logit tracing (default `LOGIT_WORK_LIMIT`). */
  logitWorkLimit?: number;
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
   * Mixed equilibria (finite spaces): two players, the exact extreme equilibria (pure ones too, with
   * `kind: "pure"`) and a certified LP answer for constant-sum games; three or more, at most one
   * approximate equilibrium. `methods`, `complete` and `converged` say what ran and what the list is.
   */
  mixed: MixedReport;
  optimum: WelfareOptimum;
  /** `U_opt / min_eq U` over the equilibria found (null when none, or a zero-welfare equilibrium). */
  priceOfAnarchy: number | null;
  /** `U_opt / max_eq U` over the equilibria found. */
  priceOfStability: number | null;
  /** Which equilibria PoA and PoS range over, in words. */
  priceBasis: string;
  /** Which equilibria PoA and PoS range over. */
  priceScope: PriceScope;
}

/** The equilibria PoA and PoS range over. */
export interface PriceScope {
  /** Pure equilibria included (all certified ones found). */
  pure: number;
  /**
   * Properly mixed equilibria included: those of `mixed.equilibria` with `certified: true` and
   * `kind: "mixed"` (its pure ones are the pure equilibria again).
   */
  mixed: number;
  /** Approximate mixed equilibria (`certified: false`) left out. */
  excludedApproximate: number;
  /**
   * `true` when the included equilibria attain the minimum and maximum of `U` over every Nash
   * equilibrium (mixed ones included): all pure equilibria enumerated, and either one strategic
   * producer or two with the complete enummixed list.
   */
  allEquilibria: boolean;
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

/**
 * Equilibria of the producer game under `rule`, with welfare, diversity, the welfare optimum and the
 * prices of anarchy and stability. Synchronous: a constant-sum two-player game gets the certified LP
 * only when `opts.lpBackends` is given (`solveEquilibriaAsync` loads them).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @throws RangeError on an invalid option or profile (see the message; these folders predate the InputError policy)
 * @throws Error on a broken invariant (a bug in modelmarket)
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
  const mixed: MixedReport =
    game !== undefined
      ? mixedEquilibria(market, r, game, {
          tolerance: tol,
          enumMixedLimit: opts.enumMixedLimit,
          lcpLimit: opts.lcpLimit,
          lpBackends: opts.lpBackends,
          approximateTolerance: opts.mixedTolerance,
          logitIterations: opts.logitIterations,
          logitWorkLimit: opts.logitWorkLimit,
        })
      : {
          status: "skipped",
          reason:
            strategicIdx.length === 0
              ? "no strategic producer"
              : r.taskTerm === undefined
                ? `rule "${r.name}" is not task-separable: no market game`
                : Number.isFinite(count)
                  ? `the joint space has ${count} profiles, above the enumeration limit`
                  : "a strategic space is continuous: no finite game",
          methods: [],
          complete: false,
          converged: null,
          constantSum: null,
          attempts: [],
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
  // PoA and PoS range over the certified equilibria: pure ones and mixed ones with `certified: true`
  const mixedIn = mixed.equilibria.filter((e) => e.certified);
  const all = [...pure, ...mixedIn];
  let poa: number | null = null;
  let pos: number | null = null;
  if (all.length > 0) {
    const ws = all.map((e) => e.welfare);
    const lo = Math.min(...ws);
    const hi = Math.max(...ws);
    poa = lo > 0 ? optimum.welfare / lo : null;
    pos = hi > 0 ? optimum.welfare / hi : null;
  }
  const N = strategicIdx.length;
  const properlyMixed = mixedIn.filter((e) => e.kind === "mixed").length;
  const scope: PriceScope = {
    pure: pure.length,
    mixed: properlyMixed,
    excludedApproximate: mixed.equilibria.length - mixedIn.length,
    allEquilibria: pureExhaustive && (N === 1 || (N === 2 && mixed.complete)),
  };
  const mixedText =
    mixedIn.length > 0
      ? ` and ${properlyMixed} certified mixed ${properlyMixed === 1 ? "equilibrium" : "equilibria"} (${mixed.methods.filter((m) => m !== "logit").join(", ")})`
      : N >= 3
        ? " (mixed equilibria of three or more players are not enumerated)"
        : "";
  const boundText = scope.allEquilibria
    ? "these attain the worst and best U over every Nash equilibrium, mixed ones included"
    : "not every equilibrium: PoA is a lower bound and PoS an upper bound on their values over all Nash equilibria";
  const basis =
    all.length === 0
      ? "no equilibrium found"
      : `${pure.length} pure${pureExhaustive ? " (all of them)" : " (found by dynamics; not exhaustive)"}${mixedText}; ${boundText}` +
        `${scope.excludedApproximate > 0 ? `; ${scope.excludedApproximate} approximate mixed equilibrium left out` : ""}` +
        `; optimum ${optimum.exact ? "exact" : "a local optimum (not proven)"}`;
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
    priceScope: scope,
  };
}

/**
 * `solveEquilibria` with the LP backends loaded first (`loadLpBackends`, once per process, about
 * 70 ms), so that constant-sum two-player games also get the certified maximin LP
 * (`solveConstantSumLp`; von Neumann 1928).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @throws RangeError on an invalid option or profile (see the message; these folders predate the InputError policy)
 * @throws Error on a broken invariant (a bug in modelmarket)
 * @example
 * const rep = await solveEquilibriaAsync(market, "winrate");
 * rep.mixed.methods; // ["enummixed", "lp"] for a small two-producer winrate game
 * rep.mixed.constantSum?.lp?.certified;
 */
export async function solveEquilibriaAsync(
  market: Market,
  rule: RuleLike,
  opts: EquilibriumOptions = {},
): Promise<EquilibriumReport> {
  const lpBackends = opts.lpBackends ?? (await loadLpBackends());
  return solveEquilibria(market, rule, { ...opts, lpBackends });
}
