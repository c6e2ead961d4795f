/**
 * The producer game's equilibria (see `index.ts` for the methods and sources), with the N-player mixed
 * search given by the caller: `solveEquilibria` (`index.ts`) imports it up front, so that it runs
 * synchronously (the explorer's worker, library users); `solveEquilibriaAsync` (`async.ts`) imports it
 * only for three or more strategic producers, so that a two-producer `modelmarket equilibrium` loads
 * none of enumpoly, gnm or the finite method table.
 */

import {
  DEFAULT_MAX_EQUILIBRIA,
  DEFAULT_MAX_EQUILIBRIUM_WORK,
  DEFAULT_MAX_PROFILES,
  limitReached,
} from "../../src/limits.js";
import type { PayoffRule } from "../../src/model/payoffs.js";
import { type SpaceProblem, spaceMembership } from "../../src/model/strategies.js";
import type { Market, SelectionRule } from "../../src/model/types.js";
import type { ProgressSink } from "../../src/work.js";
import { checkWorkLimit } from "../../src/work.js";
import { absoluteTolerance, resolveRule } from "../bestResponse/context.js";
import type { RuleLike } from "../bestResponse/types.js";
import type { LpBackends } from "../finite/lp/matrix-game.js";
import { buildMarketGame, type MarketGame, marketProfileCount } from "../marketGame.js";
import { type ManyPlayersSearch, type MixedReport, mixedEquilibria } from "./mixed.js";
import { skipped } from "./mixed-profile.js";
import { coordinateAscentOptimum, optimumFromGame, type WelfareOptimum } from "./optimum.js";
import { pricesOver } from "./prices.js";
import {
  addEnumeratedEquilibria,
  type EnumeratedCount,
  equilibriumWorkEstimate,
  runDynamics,
  startProfiles,
} from "./pure.js";
import type { DynamicsRun, Equilibrium, PriceScope } from "./types.js";

/** Options of `solveEquilibria`. */
export interface EquilibriumOptions {
  /** Relative tolerance (default `RELATIVE_TOLERANCE`). */
  tolerance?: number;
  maxRounds?: number;
  /** Seeded random starting profiles for the dynamics (default 4). */
  randomStarts?: number;
  seed?: string;
  /** Largest joint profile count enumerated exactly (default `DEFAULT_MAX_PROFILES`, 200,000, in src/limits.ts). */
  maxProfiles?: number;
  /** Pure equilibria of the exhaustive search certified and listed (default `DEFAULT_MAX_EQUILIBRIA`); all are counted. */
  maxEquilibria?: number;
  /** Largest `equilibriumWorkEstimate` of the exhaustive search (default `DEFAULT_MAX_EQUILIBRIUM_WORK`), checked before it starts. */
  maxEquilibriumWork?: number;
  /** Two players: largest `m + n` for exact enumeration of the extreme equilibria (default 30). */
  enumMixedLimit?: number;
  /** Two players: largest `m + n` for Lemke-Howson (default `LCP_LIMIT` = 72). */
  lcpLimit?: number;
  /** Two players: largest bound on enummixed's polytope vertices (default `DEFAULT_MAX_VERTICES`); above it Lemke-Howson runs. */
  maxVertices?: number;
  /** Two players: most Lemke-Howson paths followed (default `defaultMaxPaths(m, n, PRODUCER_LCP_MEMORY)`: 1 GiB of search state, 169,000 paths at 16 x 16). */
  maxPaths?: number;
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
  /** Three or more players: largest number of support profiles for enumpoly (default `ENUMPOLY_SUPPORT_LIMIT`). */
  maxSupports?: number;
  /** Three or more players: rays of gnm (default `DEFAULT_GNM_STARTS`). */
  gnmStarts?: number;
  /** Three or more players: largest work bound of gnm (default `GNM_WORK_LIMIT`). */
  maxGnmWork?: number;
  /** Grid units for continuous budgets (default `DEFAULT_UNITS`, 256, in src/limits.ts). */
  units?: number;
  /** Hears the exhaustive search's progress (joint profiles evaluated), then enumpoly's or gnm's. */
  progress?: ProgressSink;
}

/** Everything `modelmarket equilibrium` reports. */
export interface EquilibriumReport {
  rule: string;
  selection: SelectionRule;
  strategic: string[];
  /**
   * Strategic producers whose file quality is not in their space (`spaceMembership`), with why: that
   * quality is only a starting point, and no equilibrium, optimum or price uses it (`problem` is worded by
   * `spaceProblemText`).
   */
  outsideSpace: Array<{ producer: string; problem: SpaceProblem }>;
  tolerance: number;
  runs: DynamicsRun[];
  /** Certified pure equilibria (deduplicated). */
  pure: Equilibrium[];
  /** `true` when every pure equilibrium was enumerated (finite, small joint space). */
  pureExhaustive: boolean;
  /**
   * Pure equilibria in all: the enumeration's count when it ran (more than `pure.length` when the list
   * was cut at `maxEquilibria`), else `pure.length`.
   */
  pureTotal: number;
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
  /** Which equilibria PoA and PoS range over. */
  priceScope: PriceScope;
}

/**
 * `solveEquilibria` with the search for three or more strategic producers given (`manyPlayers` of
 * `many-players.ts`; a two-producer game never calls it).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const rep = solveEquilibriaWith(market, "weighted-winrate", {}, manyPlayers);
 * rep.pure.map((e) => e.welfare);
 */
export function solveEquilibriaWith(
  market: Market,
  rule: RuleLike,
  opts: EquilibriumOptions,
  manyPlayers: ManyPlayersSearch,
): EquilibriumReport {
  const r = resolveRule(rule);
  const tol = absoluteTolerance(market, opts.tolerance);
  const strategicIdx = market.producers.flatMap((p, i) => (p.space.kind === "fixed" ? [] : [i]));
  const starts = startProfiles(market, opts);

  let game: MarketGame | undefined;
  const count = marketProfileCount(market);
  const enumerate =
    r.taskTerm !== undefined &&
    Number.isFinite(count) &&
    count <= (opts.maxProfiles ?? DEFAULT_MAX_PROFILES) &&
    strategicIdx.length > 0;
  if (enumerate) {
    // the whole exhaustive search, estimated before the game is built
    checkWorkLimit(
      "maxEquilibriumWork",
      equilibriumWorkEstimate(market, opts.maxEquilibria ?? DEFAULT_MAX_EQUILIBRIA),
      opts.maxEquilibriumWork ?? DEFAULT_MAX_EQUILIBRIUM_WORK,
      "work units of the exhaustive equilibrium search (profiles x (producers x tasks + strategies) + equilibria certified x strategies x producers x tasks)",
    );
  }
  const { runs, found, approx } = runDynamics(market, r, starts, opts);
  if (enumerate) game = buildMarketGame(market, r, opts.maxProfiles ?? DEFAULT_MAX_PROFILES, opts.progress);
  const pureExhaustive = game !== undefined;
  const enumerated: EnumeratedCount | undefined =
    game !== undefined ? addEnumeratedEquilibria(market, r, game, tol, opts, found) : undefined;
  const mixed = mixedReport(market, r, game, tol, opts, strategicIdx.length, count, manyPlayers);
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
  const prices = pricesOver(pure, mixed, optimum, pureExhaustive, strategicIdx.length, enumerated);
  return {
    rule: r.name,
    selection: market.selection,
    strategic: strategicIdx.map((i) => market.producers[i]!.name),
    outsideSpace: strategicIdx.flatMap((i) => {
      const p = market.producers[i]!;
      const m = spaceMembership(p.space, p.quality, market.tasks);
      return m.member ? [] : [{ producer: p.name, problem: m.problem }];
    }),
    tolerance: tol,
    runs,
    pure,
    pureExhaustive,
    pureTotal: enumerated?.total ?? pure.length,
    approximate: [...approx.values()],
    mixed,
    optimum,
    ...prices,
  };
}

/**
 * The mixed equilibria of the market game (`mixedEquilibria`), or why there are none to look for: no
 * strategic producer, a rule that is not task-separable, too many profiles (the limit reached), a
 * continuous space.
 */
function mixedReport(
  market: Market,
  r: PayoffRule,
  game: MarketGame | undefined,
  tol: number,
  opts: EquilibriumOptions,
  strategic: number,
  count: number,
  manyPlayers: ManyPlayersSearch,
): MixedReport {
  return game !== undefined
    ? mixedEquilibria(
        market,
        r,
        game,
        {
          tolerance: tol,
          enumMixedLimit: opts.enumMixedLimit,
          lcpLimit: opts.lcpLimit,
          maxVertices: opts.maxVertices,
          maxPaths: opts.maxPaths,
          lpBackends: opts.lpBackends,
          approximateTolerance: opts.mixedTolerance,
          logitIterations: opts.logitIterations,
          logitWorkLimit: opts.logitWorkLimit,
          maxSupports: opts.maxSupports,
          gnmStarts: opts.gnmStarts,
          maxGnmWork: opts.maxGnmWork,
          seed: opts.seed,
          ...(opts.progress ? { progress: opts.progress } : {}),
        },
        manyPlayers,
      )
    : skipped(
        [
          strategic === 0
            ? { code: "no-strategic-producer" }
            : r.taskTerm === undefined
              ? { code: "not-task-separable", rule: r.name }
              : Number.isFinite(count)
                ? { code: "too-many-profiles", profiles: count }
                : { code: "continuous-space" },
        ],
        Number.isFinite(count) && strategic > 0 && r.taskTerm !== undefined
          ? [
              limitReached(
                "maxProfiles",
                count,
                opts.maxProfiles ?? DEFAULT_MAX_PROFILES,
                "joint profiles to enumerate",
              ),
            ]
          : [],
      );
}
