/**
 * The finite producer game of a market as a normal-form game: players are the strategic producers
 * (space not `fixed`), strategies the distinct quality vectors of their finite spaces, payoffs a
 * payoff rule, plus the consumer welfare `U` of every pure profile. Profiles are flattened in Gambit's
 * order (player 0 fastest), as in `solvers/finite/game.ts`.
 */

import { InputError } from "../src/errors.js";
import { DEFAULT_MAX_PROFILES } from "../src/limits.js";
import { type Diversity, diversity } from "../src/model/diversity.js";
import { MarketEvaluator } from "../src/model/evaluate.js";
import { produce } from "../src/model/production.js";
import { enumerateQualities, gridEfforts, isFiniteSpace, spaceSize } from "../src/model/strategies.js";
import type { Market, StrategySpace, Task } from "../src/model/types.js";
import { checkWorkLimit, type ProgressSink } from "../src/work.js";
import { resolveRule } from "./bestResponse/context.js";
import type { RuleLike } from "./bestResponse/types.js";
import type { NormalFormGame } from "./finite/game.js";
import { Rational } from "./finite/rational.js";

/** The market's finite game with float payoffs. */
export interface MarketGame {
  rule: string;
  /** Indices (in `market.producers`) of the players. */
  players: number[];
  /** `strategies[p][s]`: quality vector of player p's strategy s. */
  strategies: number[][][];
  /** `labels[p][s]`: readable label of it. */
  labels: string[][];
  /** Effort per task for grid strategies (`undefined` otherwise). */
  efforts: Array<Array<number[] | undefined>>;
  shape: number[];
  /** `payoffs[p][flat]`. */
  payoffs: Float64Array[];
  /** `welfare[flat]`: `U` of the pure profile. */
  welfare: Float64Array;
}

/**
 * Number of pure profiles of the market's game, or `Infinity` if a strategic space is continuous.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function marketProfileCount(market: Market): number {
  let c = 1;
  for (const p of market.producers) {
    if (p.space.kind === "fixed") continue;
    if (!isFiniteSpace(p.space)) return Number.POSITIVE_INFINITY;
    c *= spaceSize(p.space, market.tasks.length);
  }
  return c;
}

/**
 * Distinct strategies of a finite space with labels (grid allocations past saturation merged).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 */
export function strategiesOf(
  space: StrategySpace,
  tasks: readonly Task[],
): { qualities: number[][]; labels: string[]; efforts: Array<number[] | undefined> } {
  const qualities: number[][] = [];
  const labels: string[] = [];
  const efforts: Array<number[] | undefined> = [];
  const seen = new Set<string>();
  const push = (q: number[], label: string, effort?: number[]) => {
    const k = q.join(",");
    if (seen.has(k)) return;
    seen.add(k);
    qualities.push(q);
    labels.push(label);
    efforts.push(effort);
  };
  if (space.kind === "grid") {
    for (const e of gridEfforts(space, tasks.length)) {
      push(
        e.map((x, s) => tasks[s]!.cap * produce(space.production, x)),
        `e=(${e.map((x) => +x.toFixed(6)).join(",")})`,
        e,
      );
    }
  } else if (space.kind === "top-k") {
    for (const q of enumerateQualities(space, tasks)) {
      const names = tasks.filter((_, t) => q[t]! > 0).map((t) => t.name);
      push(q, `{${names.join(",")}}`);
    }
  } else if (space.kind === "menu") {
    space.options.forEach((q, m) => {
      push(q.slice(), `option ${m}`);
    });
  } else {
    throw new InputError(undefined, "space", `${space.kind} space has no finite strategy list`);
  }
  return { qualities, labels, efforts };
}

/**
 * Builds the game: every pure profile is evaluated once (`MarketEvaluator`, allocation-free), so the
 * cost is `profiles x T x n`. Throws `InputError` when a strategic space is continuous or the rule is not
 * separable, and `WorkLimitError` (estimated before any strategy is listed) when there are more than `maxProfiles` (default `DEFAULT_MAX_PROFILES`, 200,000, in src/limits.ts) profiles. `progress` hears every
 * 65536 profiles.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws WorkLimitError (an `InputError`) past `maxProfiles`, with the estimate and the limit.
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const g = buildMarketGame(twoPlayerMarket, "weighted-winrate");
 * g.shape; g.payoffs[0][0]; g.welfare[0];
 */
export function buildMarketGame(
  market: Market,
  rule: RuleLike,
  maxProfiles = DEFAULT_MAX_PROFILES,
  progress?: ProgressSink,
): MarketGame {
  const r = resolveRule(rule);
  if (r.taskTerm === undefined) {
    throw new InputError(
      undefined,
      "rule",
      `rule "${r.name}" is not task-separable; the game needs per-task terms`,
    );
  }
  const count = marketProfileCount(market);
  if (!Number.isFinite(count))
    throw new InputError(undefined, "space", "a continuous budget space gives no finite game");
  // estimated before any strategy is enumerated: a fine grid has tens of millions of allocations per
  // player, which would be listed (and their profiles counted) before the limit below was looked at
  checkWorkLimit(
    "maxProfiles",
    count,
    maxProfiles,
    "pure profiles of the producer game (before equal strategies are merged)",
  );
  const players = market.producers.flatMap((p, i) => (p.space.kind === "fixed" ? [] : [i]));
  const lists = players.map((i) => strategiesOf(market.producers[i]!.space, market.tasks));
  const shape = lists.map((l) => l.qualities.length);
  const total = shape.reduce((a, b) => a * b, 1);
  checkWorkLimit("maxProfiles", total, maxProfiles, "pure profiles of the producer game");
  const T = market.tasks.length;
  const n = market.producers.length;
  const q = new Float64Array(n * T);
  market.producers.forEach((p, i) => {
    for (let t = 0; t < T; t++) q[i * T + t] = p.quality[t]!;
  });
  const ev = new MarketEvaluator(market.tasks, market.selection, [r]);
  const payoffs = players.map(() => new Float64Array(total));
  const welfare = new Float64Array(total);
  const s = new Array<number>(players.length).fill(0);
  for (let flat = 0; flat < total; flat++) {
    for (let p = 0; p < players.length; p++) {
      const vec = lists[p]!.qualities[s[p]!]!;
      const base = players[p]! * T;
      for (let t = 0; t < T; t++) q[base + t] = vec[t]!;
    }
    ev.run(q, n);
    for (let p = 0; p < players.length; p++) payoffs[p]![flat] = ev.payoff(0, players[p]!);
    welfare[flat] = ev.welfare;
    if (progress !== undefined && (flat & 0xffff) === 0xffff)
      progress({ done: flat + 1, total, unit: "joint profiles" });
    // advance the profile, player 0 fastest
    for (let p = 0; p < players.length; p++) {
      s[p] = s[p]! + 1;
      if (s[p]! < shape[p]!) break;
      s[p] = 0;
    }
  }
  return {
    rule: r.name,
    players,
    strategies: lists.map((l) => l.qualities),
    labels: lists.map((l) => l.labels),
    efforts: lists.map((l) => l.efforts),
    shape,
    payoffs,
    welfare,
  };
}

/**
 * The pure profile (strategy per player) of a flat index.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function profileOf(shape: readonly number[], flat: number): number[] {
  return shape.map((m) => {
    const s = flat % m;
    flat = Math.floor(flat / m);
    return s;
  });
}

/**
 * Every producer's strategy at the pure profile with flat index `flat`: the game's players get their
 * strategy's quality (and effort, where the space has one), copied; the others keep their own quality.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function choicesAt(
  market: Market,
  game: MarketGame,
  flat: number,
): { quality: number[]; effort?: number[] }[] {
  const s = profileOf(game.shape, flat);
  const choices: { quality: number[]; effort?: number[] }[] = market.producers.map((p) => ({
    quality: p.quality.slice(),
  }));
  game.players.forEach((i, p) => {
    const effort = game.efforts[p]![s[p]!];
    choices[i] = {
      quality: game.strategies[p]![s[p]!]!.slice(),
      ...(effort === undefined ? {} : { effort: effort.slice() }),
    };
  });
  return choices;
}

/**
 * All pure Nash equilibria of the game within the tolerance `tol`: profiles where no player gains
 * more than `tol` by a unilateral deviation. Exhaustive (`O(profiles x sum_p shape_p)`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * pureEquilibria(buildMarketGame(market, "winrate"), 1e-9); // flat indices
 */
export function pureEquilibria(game: MarketGame, tol: number): Array<{ flat: number; regrets: number[] }> {
  const { shape, payoffs } = game;
  const total = game.welfare.length;
  const strides: number[] = [];
  let st = 1;
  for (const m of shape) {
    strides.push(st);
    st *= m;
  }
  const out: Array<{ flat: number; regrets: number[] }> = [];
  for (let flat = 0; flat < total; flat++) {
    const regrets: number[] = [];
    let ok = true;
    for (let p = 0; p < shape.length && ok; p++) {
      const own = Math.floor(flat / strides[p]!) % shape[p]!;
      const base = flat - own * strides[p]!;
      let best = Number.NEGATIVE_INFINITY;
      for (let s = 0; s < shape[p]!; s++) best = Math.max(best, payoffs[p]![base + s * strides[p]!]!);
      const regret = best - payoffs[p]![flat]!;
      regrets.push(Math.max(0, regret));
      if (regret > tol) ok = false;
    }
    if (ok) out.push({ flat, regrets });
  }
  return out;
}

/**
 * The game with exact payoffs (every float converted exactly, `Rational.fromNumber`).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 */
export function toNormalFormGame(game: MarketGame, market: Market): NormalFormGame {
  return {
    title: `market game (${game.rule})`,
    comment: "",
    players: game.players.map((i) => market.producers[i]!.name),
    strategies: game.labels.map((l) => l.slice()),
    shape: game.shape.slice(),
    payoffs: game.payoffs.map((row) => Array.from(row, (x) => Rational.fromNumber(x))),
  };
}

/** Diversity of the market with the given quality vectors substituted for the players'. */
export function profileDiversity(market: Market, game: MarketGame, profile: readonly number[]): Diversity {
  const qualities = market.producers.map((p) => p.quality);
  game.players.forEach((i, p) => {
    qualities[i] = game.strategies[p]![profile[p]!]!;
  });
  return diversity(
    qualities,
    market.tasks.map((t) => t.cap),
  );
}
