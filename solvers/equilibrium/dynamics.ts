/**
 * Best-response dynamics of the producer game and the regret certificate of a profile.
 *
 * Sequential (Gauss-Seidel) dynamics: in each round the strategic producers, in file order, replace
 * their strategy by a best response to the current profile when it improves their payoff by more than
 * the tolerance. Simultaneous (Jacobi) dynamics: every producer best-responds to the profile of the
 * previous round and all move at once. A round with no move is a fixed point: the profile is a pure
 * Nash equilibrium up to the best-response solvers' accuracy, which `certifyProfile` then checks.
 * Both dynamics are deterministic functions of the profile at the start of a round, so a repeated
 * profile means a cycle (reported, never as an equilibrium). Reference: Fudenberg and Levine, "The
 * Theory of Learning in Games" (MIT Press, 1998), ch. 2 (best-response dynamics, cycling).
 */

import type { PayoffRule } from "../../src/model/payoffs.js";
import { type SpaceProblem, spaceMembership } from "../../src/model/strategies.js";
import type { Market } from "../../src/model/types.js";
import { absoluteTolerance, resolveRule } from "../bestResponse/context.js";
import { bestResponse, payoffWith } from "../bestResponse/index.js";
import type { BestResponseOptions, RuleLike } from "../bestResponse/types.js";

/** A producer's strategy: its quality vector and, where it applies, effort or chosen tasks. */
export interface StrategyChoice {
  quality: number[];
  effort?: number[];
  tasks?: number[];
}

/** Options of the dynamics. */
export interface DynamicsOptions {
  mode?: "sequential" | "simultaneous";
  /** Round limit (default 200). */
  maxRounds?: number;
  /** Relative tolerance (default `RELATIVE_TOLERANCE`). */
  tolerance?: number;
  /** Smallest payoff gain that makes a producer move (absolute; default the tolerance, 1e-7 x scale with budget spaces). */
  moveThreshold?: number;
  /** Grid units of continuous-budget best responses (default `DEFAULT_UNITS`, 256, in src/limits.ts). */
  units?: number;
}

/** Outcome of a run of best-response dynamics. */
export interface DynamicsResult {
  mode: "sequential" | "simultaneous";
  /** `true` when a round ended with no producer moving (a fixed point). */
  converged: boolean;
  /** Present when the profile at the start of a round repeated: period in rounds and the first round of the cycle. */
  cycle: { period: number; firstRound: number } | null;
  rounds: number;
  /** Total number of strategy changes. */
  moves: number;
  /** Final strategy of every producer (fixed producers unchanged). */
  profile: StrategyChoice[];
  /**
   * Strategic producers whose starting strategy was outside their space: each took a best response in
   * its first turn whatever its payoff there (a strategy outside the space is only a starting point).
   */
  movedIntoSpace: string[];
  /**
   * Why the run stopped: `converged` (a round with no move), `cycle` (a profile repeated, see
   * `cycle`) or `round-limit` (`maxRounds` rounds ran); `dynamicsStatusText` words it.
   */
  status: "converged" | "cycle" | "round-limit";
}

/**
 * The market with each producer's quality replaced by the profile's.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function marketAt(market: Market, profile: readonly StrategyChoice[]): Market {
  return { ...market, producers: market.producers.map((p, i) => ({ ...p, quality: profile[i]!.quality })) };
}

function profileKey(profile: readonly StrategyChoice[]): string {
  return profile.map((s) => s.quality.join(",")).join(";");
}

function choiceOf(m: { quality: number[]; effort?: number[]; tasks?: number[] }): StrategyChoice {
  const c: StrategyChoice = { quality: m.quality.slice() };
  if (m.effort !== undefined) c.effort = m.effort.slice();
  if (m.tasks !== undefined) c.tasks = m.tasks.slice();
  return c;
}

/**
 * One round of best-response dynamics from `profile`: the strategic producers in turn (sequential:
 * each against the profile as the earlier ones left it; simultaneous: all against the round's start)
 * move to a best response that gains more than `threshold`, or whatever it gains when they start
 * `outside` their space (they leave that set as they move). Returns the new profile and how many moved.
 */
function playRound(
  market: Market,
  r: PayoffRule,
  profile: StrategyChoice[],
  round: {
    mode: "sequential" | "simultaneous";
    strategic: readonly number[];
    outside: Set<number>;
    threshold: number;
    brOpts: BestResponseOptions;
  },
): { profile: StrategyChoice[]; moves: number } {
  const { strategic, outside, threshold, brOpts } = round;
  let moves = 0;
  if (round.mode === "sequential") {
    for (const i of strategic) {
      const m = marketAt(market, profile);
      const br = bestResponse(m, i, r, brOpts);
      const cur = payoffWith(m, i, r, profile[i]!.quality);
      if (outside.delete(i) || br.value > cur + threshold) {
        profile[i] = choiceOf(br.maximisers[0]!);
        moves++;
      }
    }
    return { profile, moves };
  }
  const m = marketAt(market, profile);
  const next = profile.slice();
  for (const i of strategic) {
    const br = bestResponse(m, i, r, brOpts);
    const cur = payoffWith(m, i, r, profile[i]!.quality);
    if (outside.delete(i) || br.value > cur + threshold) {
      next[i] = choiceOf(br.maximisers[0]!);
      moves++;
    }
  }
  return { profile: next, moves };
}

/**
 * Runs best-response dynamics from `start` (default: the producers' current qualities). A strategic
 * producer whose starting quality is not in its space (`spaceMembership`) takes a best response in its
 * first turn even when that pays less than its starting quality, so every reported profile lies in the
 * declared spaces (`movedIntoSpace` names them).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const run = bestResponseDynamics(market, "winrate", undefined, { mode: "sequential" });
 * run.converged; run.cycle; run.profile.map((s) => s.quality);
 */
export function bestResponseDynamics(
  market: Market,
  rule: RuleLike,
  start?: readonly StrategyChoice[],
  opts: DynamicsOptions = {},
): DynamicsResult {
  const r = resolveRule(rule);
  const mode = opts.mode ?? "sequential";
  const maxRounds = opts.maxRounds ?? 200;
  const tol = absoluteTolerance(market, opts.tolerance);
  const hasBudget = market.producers.some((p) => p.space.kind === "budget");
  const threshold = opts.moveThreshold ?? (hasBudget ? Math.max(tol, absoluteTolerance(market, 1e-7)) : tol);
  const brOpts = { tolerance: opts.tolerance, units: opts.units, maxMaximisers: 1 };
  const strategic = market.producers.flatMap((p, i) => (p.space.kind === "fixed" ? [] : [i]));
  let profile: StrategyChoice[] = (start ?? market.producers.map((p) => ({ quality: p.quality }))).map(
    choiceOf,
  );
  // a start outside a producer's space is not a strategy it may keep: it moves whatever it gains
  const outside = new Set(
    strategic.filter(
      (i) => !spaceMembership(market.producers[i]!.space, profile[i]!.quality, market.tasks).member,
    ),
  );
  const movedIntoSpace = [...outside].map((i) => market.producers[i]!.name);
  const seen = new Map<string, number>([[profileKey(profile), 0]]);
  let moves = 0;
  for (let round = 1; round <= maxRounds; round++) {
    const step = playRound(market, r, profile, { mode, strategic, outside, threshold, brOpts });
    profile = step.profile;
    moves += step.moves;
    const moved = step.moves > 0;
    if (!moved) {
      return {
        mode,
        converged: true,
        cycle: null,
        rounds: round,
        moves,
        profile,
        movedIntoSpace,
        status: "converged",
      };
    }
    const key = profileKey(profile);
    const first = seen.get(key);
    if (first !== undefined) {
      return {
        mode,
        converged: false,
        cycle: { period: round - first, firstRound: first },
        rounds: round,
        moves,
        profile,
        movedIntoSpace,
        status: "cycle",
      };
    }
    seen.set(key, round);
  }
  return {
    mode,
    converged: false,
    cycle: null,
    rounds: maxRounds,
    moves,
    profile,
    movedIntoSpace,
    status: "round-limit",
  };
}

/** One producer's line of a regret certificate. */
export interface RegretLine {
  producer: string;
  payoff: number;
  /** Best payoff found against the others (exact for finite spaces). */
  bestValue: number;
  /** Certified bound on how far `bestValue` can be below the true best (0 for finite spaces). */
  gapBound: number;
  /** `max(0, bestValue - payoff)`. */
  regret: number;
  /** `regret + gapBound`: a certified upper bound on the true regret. */
  regretBound: number;
  /** The producer's strategy lies in its space (`spaceMembership`); a profile is certified only if all do. */
  inSpace: boolean;
  /** Why the strategy is not in the space (absent when it is; worded by `spaceProblemText`). */
  spaceProblem?: SpaceProblem;
}

/**
 * Every strategic producer's regret at `profile`: its best response against the others minus its
 * payoff, and whether its strategy lies in its space. The profile is a pure Nash equilibrium (within
 * `tolerance`) iff every strategy is in its space and every `regretBound` is at most the tolerance;
 * with every strategy in its space it is otherwise an `epsilon`-equilibrium with
 * `epsilon = max regretBound`. A strategy outside its space makes the profile no equilibrium at all,
 * whatever its regret (`outsideSpace` names those producers).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const profile = twoPlayerMarket.producers.map((p) => ({ quality: p.quality.slice() }));
 * const c = certifyProfile(twoPlayerMarket, "winrate", profile);
 * c.certified; c.epsilon; c.lines[0].regret;
 */
export function certifyProfile(
  market: Market,
  rule: RuleLike,
  profile: readonly StrategyChoice[],
  opts: { tolerance?: number; units?: number } = {},
): { lines: RegretLine[]; certified: boolean; epsilon: number; tolerance: number; outsideSpace: string[] } {
  const r = resolveRule(rule);
  const tol = absoluteTolerance(market, opts.tolerance);
  const m = marketAt(market, profile);
  const lines: RegretLine[] = [];
  market.producers.forEach((p, i) => {
    if (p.space.kind === "fixed") return;
    const br = bestResponse(m, i, r, {
      tolerance: opts.tolerance,
      units: opts.units ?? 1024,
      maxMaximisers: 1,
    });
    const payoff = payoffWith(m, i, r, profile[i]!.quality);
    const regret = Math.max(0, br.value - payoff);
    const membership = spaceMembership(p.space, profile[i]!.quality, market.tasks);
    lines.push({
      producer: p.name,
      payoff,
      bestValue: br.value,
      gapBound: br.gapBound,
      regret,
      regretBound: regret + br.gapBound,
      inSpace: membership.member,
      ...(membership.problem === undefined ? {} : { spaceProblem: membership.problem }),
    });
  });
  const epsilon = lines.reduce((a, l) => Math.max(a, l.regretBound), 0);
  const outsideSpace = lines.filter((l) => !l.inSpace).map((l) => l.producer);
  return {
    lines,
    certified: epsilon <= tol && outsideSpace.length === 0,
    epsilon,
    tolerance: tol,
    outsideSpace,
  };
}
