/**
 * fast-check arbitraries of modelmarket's objects, for plain property-based tests in other projects'
 * suites: random markets (as proofs-check instances or as model `Market`s) and random finite games.
 *
 * Numbers are drawn on integer grids (qualities in steps of `1 / grid`, integer weights and payoffs)
 * so that fast-check's shrinking ends on short, readable values, and finite games are exact.
 */
import * as fc from "fast-check";
import { fromBimatrix, makeGame, type NormalFormGame } from "../solvers/finite/game.js";
import { InputError } from "../src/errors.js";
import type { Market, SelectionRule, SelectionRuleName } from "../src/model/types.js";
import { instanceMarket } from "./instance.js";
import type { Instance } from "./types.js";

/** Shape of the random markets. Every field is optional; defaults in brackets. */
export interface MarketArbitraryOptions {
  /** Number of tasks [1..4]. */
  minTasks?: number;
  maxTasks?: number;
  /** Number of producers [1..4]. */
  minProducers?: number;
  maxProducers?: number;
  /** Selection rules drawn from [all four]; parameters: eps in [0, 1], beta in [0, 20], sigma in [0.01, 1]. */
  rules?: readonly SelectionRuleName[];
  /** Qualities in {0, 1} (times the cap) instead of the grid [false]. */
  binary?: boolean;
  /** Task caps all 1 [true]; otherwise caps in {0.5, 0.75, ..., 2}. */
  unitCaps?: boolean;
  /** Quality grid: qualities are multiples of cap / grid [100]. */
  grid?: number;
}

/** `InputError` naming the bound at fault unless `1 <= lo <= hi` are integers. */
function intRange(minField: string, maxField: string, lo: number, hi: number): void {
  if (!Number.isInteger(lo) || lo < 1)
    throw new InputError(undefined, minField, `must be an integer >= 1, got ${lo}`);
  if (!Number.isInteger(hi) || hi < lo)
    throw new InputError(undefined, maxField, `must be an integer >= ${minField} (${lo}), got ${hi}`);
}

function selectionArbitrary(rule: SelectionRuleName): fc.Arbitrary<SelectionRule> {
  switch (rule) {
    case "perfect":
      return fc.constant({ rule: "perfect" });
    case "epsilon":
      return fc.integer({ min: 0, max: 100 }).map((k) => ({ rule: "epsilon", eps: k / 100 }));
    case "logit":
      return fc.integer({ min: 0, max: 200 }).map((k) => ({ rule: "logit", beta: k / 10 }));
    case "probit":
      return fc.integer({ min: 1, max: 100 }).map((k) => ({ rule: "probit", sigma: k / 100 }));
  }
}

/**
 * Random proofs-check instances (`Instance`: weights, caps, incumbents' qualities, a selection rule;
 * no strategic players), the form `defineClaim` predicates take.
 *
 * Shapes: `weights.length = caps.length = T`, `incumbents` is `n x T` with `0 <= q <= cap`; weights
 * are integers in 0..10, not all zero (the market normalises them).
 *
 * Reference: fast-check (N. Dubien), https://fast-check.dev.
 *
 * @throws InputError naming the option at fault for bad bounds (non-integers, min > max, min < 1,
 *   grid < 1) or empty `rules`.
 * @example
 * fc.assert(fc.property(arbitraryInstance({ rules: ["logit"] }), (inst) => inst.weights.length >= 1));
 */
export function arbitraryInstance(opts: MarketArbitraryOptions = {}): fc.Arbitrary<Instance> {
  const minT = opts.minTasks ?? 1;
  const maxT = opts.maxTasks ?? Math.max(4, minT);
  const minN = opts.minProducers ?? 1;
  const maxN = opts.maxProducers ?? Math.max(4, minN);
  const grid = opts.grid ?? 100;
  intRange("minTasks", "maxTasks", minT, maxT);
  intRange("minProducers", "maxProducers", minN, maxN);
  intRange("grid", "grid", grid, grid);
  const rules = opts.rules ?? (["perfect", "epsilon", "logit", "probit"] as const);
  if (rules.length === 0) throw new InputError(undefined, "rules", "must not be empty");
  const selection = fc.oneof(...rules.map(selectionArbitrary));
  const unitCaps = opts.unitCaps ?? true;
  const level = opts.binary === true ? fc.integer({ min: 0, max: 1 }) : fc.integer({ min: 0, max: grid });
  const top = opts.binary === true ? 1 : grid;
  return fc
    .record({ T: fc.integer({ min: minT, max: maxT }), n: fc.integer({ min: minN, max: maxN }) })
    .chain(({ T, n }) =>
      fc.record({
        weights: fc
          .array(fc.integer({ min: 0, max: 10 }), { minLength: T, maxLength: T })
          .map((w) => (w.every((x) => x === 0) ? w.map((_, t) => (t === 0 ? 1 : 0)) : w)),
        caps: unitCaps
          ? fc.constant(new Array<number>(T).fill(1))
          : fc.array(
              fc.integer({ min: 2, max: 8 }).map((k) => k / 4),
              { minLength: T, maxLength: T },
            ),
        levels: fc.array(fc.array(level, { minLength: T, maxLength: T }), { minLength: n, maxLength: n }),
        selection,
      }),
    )
    .map(({ weights, caps, levels, selection: sel }) => ({
      weights,
      caps,
      incumbents: levels.map((row) => row.map((k, t) => (k / top) * caps[t]!)),
      players: [],
      selection: sel,
      params: {},
    }));
}

/**
 * Random markets (`Market`, the input of `evaluate` and the solvers): the producers of
 * `arbitraryInstance(opts)`, named `inc1`, `inc2`, ..., with fixed strategy spaces, and tasks `t1`,
 * `t2`, ... with normalised weights.
 *
 * Reference: fast-check (N. Dubien), https://fast-check.dev.
 *
 * @throws InputError naming the option at fault for bad bounds (see `arbitraryInstance`).
 * @example
 * import { evaluate } from "modelmarket";
 * import { arbitraryMarket } from "modelmarket/proofs-check";
 * fc.assert(fc.property(arbitraryMarket({ rules: ["logit"] }), (m) => evaluate(m).welfare.U <= 1 + 1e-9));
 */
export function arbitraryMarket(opts: MarketArbitraryOptions = {}): fc.Arbitrary<Market> {
  return arbitraryInstance(opts).map((inst) => instanceMarket(inst));
}

/** Shape of random finite games. Defaults in brackets. */
export interface GameArbitraryOptions {
  /** Strategies per player [1..4]. */
  minStrategies?: number;
  maxStrategies?: number;
  /** Integer payoffs in [minPayoff, maxPayoff] [-10..10]. */
  minPayoff?: number;
  maxPayoff?: number;
}

function payoffBounds(opts: GameArbitraryOptions): { lo: number; hi: number } {
  const lo = opts.minPayoff ?? -10;
  const hi = opts.maxPayoff ?? 10;
  if (!Number.isSafeInteger(lo))
    throw new InputError(undefined, "minPayoff", `must be a safe integer, got ${lo}`);
  if (!Number.isSafeInteger(hi) || hi < lo)
    throw new InputError(undefined, "maxPayoff", `must be a safe integer >= minPayoff (${lo}), got ${hi}`);
  return { lo, hi };
}

/**
 * Random two-player games with integer payoffs (exact `NormalFormGame`s, as `fromBimatrix` builds),
 * `m x n` with m, n in [minStrategies, maxStrategies]. With `constantSum: true` the column player's
 * payoff is `-A` (zero-sum), the input of the certified LP.
 *
 * Reference: fast-check (N. Dubien), https://fast-check.dev.
 *
 * @throws InputError naming the option at fault (`minStrategies`, `maxPayoff`, ...) for bad bounds.
 * @example
 * import { enumMixed, isEquilibriumExact } from "modelmarket/finite";
 * fc.assert(fc.property(arbitraryBimatrix({ maxStrategies: 3 }), (g) =>
 *   enumMixed(g).equilibria.every((e) => isEquilibriumExact(g, e))));
 */
export function arbitraryBimatrix(
  opts: GameArbitraryOptions & { constantSum?: boolean } = {},
): fc.Arbitrary<NormalFormGame> {
  const lo = opts.minStrategies ?? 1;
  const hi = opts.maxStrategies ?? Math.max(4, lo);
  intRange("minStrategies", "maxStrategies", lo, hi);
  const { lo: pMin, hi: pMax } = payoffBounds(opts);
  const payoff = fc.integer({ min: pMin, max: pMax });
  return fc
    .record({ m: fc.integer({ min: lo, max: hi }), n: fc.integer({ min: lo, max: hi }) })
    .chain(({ m, n }) => {
      const matrix = fc.array(fc.array(payoff, { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      });
      return opts.constantSum === true
        ? matrix.map((A) =>
            fromBimatrix(
              A,
              A.map((row) => row.map((a) => -a)),
            ),
          )
        : fc.tuple(matrix, matrix).map(([A, B]) => fromBimatrix(A, B));
    });
}

/**
 * Random N-player games with integer payoffs (`makeGame`, Gambit's profile order): players in
 * [minPlayers, maxPlayers] (default 2..3), strategies per player in [minStrategies, maxStrategies]
 * (default 1..3).
 *
 * Reference: fast-check (N. Dubien), https://fast-check.dev.
 *
 * @throws InputError naming the option at fault (`minStrategies`, `maxPayoff`, ...) for bad bounds.
 * @example
 * import { enumPure } from "modelmarket/finite";
 * fc.assert(fc.property(arbitraryGame({ minPlayers: 3 }), (g) => enumPure(g).pure.length >= 0));
 */
export function arbitraryGame(
  opts: GameArbitraryOptions & { minPlayers?: number; maxPlayers?: number } = {},
): fc.Arbitrary<NormalFormGame> {
  const minP = opts.minPlayers ?? 2;
  const maxP = opts.maxPlayers ?? Math.max(3, minP);
  const lo = opts.minStrategies ?? 1;
  const hi = opts.maxStrategies ?? Math.max(3, lo);
  intRange("minPlayers", "maxPlayers", minP, maxP);
  intRange("minStrategies", "maxStrategies", lo, hi);
  const { lo: pMin, hi: pMax } = payoffBounds(opts);
  const payoff = fc.integer({ min: pMin, max: pMax });
  return fc
    .integer({ min: minP, max: maxP })
    .chain((N) => fc.array(fc.integer({ min: lo, max: hi }), { minLength: N, maxLength: N }))
    .chain((shape) => {
      const count = shape.reduce((a, b) => a * b, 1);
      const table = fc.array(payoff, { minLength: count, maxLength: count });
      return fc
        .array(table, { minLength: shape.length, maxLength: shape.length })
        .map((tables) => makeGame(shape, tables));
    });
}
