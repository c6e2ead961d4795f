/**
 * The labelling of simplicial subdivision: at a grid point, the player with the largest regret and
 * that player's best response (ties: the lowest player, then the lowest strategy). Regrets are those
 * of the game with each player's payoffs mapped to `[0, 1]` (`(u - min_p) / range_p`), so players are
 * compared by their regret relative to their own payoff range, the quantity the stopping rule bounds.
 *
 * Two arithmetics: exact (the normalised payoffs times their common denominator are integers, and so
 * are the grid coordinates, so every regret is an integer multiple of one unit: computed in doubles
 * while every intermediate is below 2^53, where doubles are exact, and in BigInt beyond) and floating
 * (doubles on the normalised payoffs; a near-tie may be broken otherwise than exactly, which changes
 * the path, never the check of its answer, which is exact).
 */
import { type Arithmetic, BIGINT_ARITHMETIC } from "../arithmetic.js";
import { type CompiledGame, compilePayoffs, strategyValuesInto } from "../dynamics/kernel.js";
import type { NormalFormGame } from "../game.js";
import {
  type ProfileLayout,
  profileLayout,
  strategyValuesFlat,
  type ValuesScratch,
  valuesScratch,
} from "../profile-values.js";
import { lcmDenominators, Rational } from "../rational.js";
import type { Labeller } from "./path.js";

/** The arithmetic of the labels. */
export type SimpdivArithmetic = "exact" | "float";

/** A labeller that keeps the visited point of least largest regret. */
export interface BestKeepingLabeller extends Labeller {
  /** The best point seen (grid coordinates), or `undefined` before the first label. */
  readonly best: Float64Array | undefined;
}

/** What the labellers of one game share across rounds: the normalised payoffs in both forms. */
export interface LabelTables {
  readonly layout: ProfileLayout;
  /** Normalised payoffs times `scale`, integers (exact labels). */
  readonly integers: bigint[][];
  /** The largest of them (the common denominator `scale` when some payoff is at the top of its range). */
  readonly largest: bigint;
  /** Normalised payoffs as doubles (floating labels), in the dynamics' compiled layout. */
  readonly compiledFloats: CompiledGame;
  /** The integer tables as doubles in the same layout (exact while the values stay below 2^53). */
  readonly compiledIntegers: CompiledGame;
}

/**
 * The normalised payoff tables of a game (each player's payoffs mapped to `[0, 1]`).
 *
 * @throws nothing for a valid game
 * @example
 * labelTables(game).largest; // the common denominator of the normalised payoffs
 */
export function labelTables(game: NormalFormGame): LabelTables {
  const normalised = game.payoffs.map((table) => {
    let lo = table[0]!;
    let hi = table[0]!;
    for (const u of table) {
      lo = lo.min(u);
      hi = hi.max(u);
    }
    const range = hi.sub(lo);
    return table.map((u) => (range.isZero() ? Rational.ZERO : u.sub(lo).div(range)));
  });
  const scale = lcmDenominators(normalised.flat());
  const integers = normalised.map((t) => t.map((u) => (u.num * scale) / u.den));
  let largest = 1n;
  for (const t of integers) for (const u of t) if (u > largest) largest = u;
  const compiledFloats = compilePayoffs(
    game.shape,
    normalised.map((t) => Float64Array.from(t, (u) => u.toNumber())),
  );
  // the same layout with the integer payoffs (compilePayoffs would map them onto [0, 1], inexactly)
  const ints = new Float64Array(compiledFloats.payoff.length);
  integers.forEach((t, p) => {
    ints.set(Float64Array.from(t, Number), p * compiledFloats.profiles);
  });
  return {
    layout: profileLayout(game.shape),
    integers,
    largest,
    compiledFloats,
    compiledIntegers: { ...compiledFloats, payoff: ints, prefix: new Float64Array(game.shape.length + 1) },
  };
}

/**
 * The labeller of one round on the grid of denominator `D`.
 *
 * @throws nothing for tables of a valid game
 * @example
 * const labeller = gridLabeller(labelTables(game), 4, "exact"); labeller.label(Float64Array.of(4, 0, 0, 4));
 */
export function gridLabeller(
  tables: LabelTables,
  D: number,
  arithmetic: SimpdivArithmetic,
): BestKeepingLabeller {
  const { layout } = tables;
  if (arithmetic === "float") return new DoubleLabeller(tables.compiledFloats, 1 / D, 1);
  // every value is at most largest * D^(N-1) in size, every regret at most largest * D^N
  const bound = Number(tables.largest) * 2 * D ** layout.players;
  if (bound < 2 ** 53) return new DoubleLabeller(tables.compiledIntegers, 1, D);
  return new GridLabeller(BIGINT_ARITHMETIC, layout, tables.integers, (z) => BigInt(z), BigInt(D));
}

/**
 * The labeller in doubles, over the dynamics' compiled payoff layout (`strategyValuesInto`, no
 * arithmetic object in the inner loop): exact on the integer tables while every intermediate is
 * below 2^53, rounded on the floating ones.
 */
class DoubleLabeller implements BestKeepingLabeller {
  private readonly x: Float64Array;
  private readonly values: Float64Array;
  best: Float64Array | undefined;
  private bestRegret = Number.POSITIVE_INFINITY;

  constructor(
    private readonly g: CompiledGame,
    /** Probability of one grid unit (`1 / D`), or 1 when the coordinates stay integers. */
    private readonly unit: number,
    /** The weight of `max_s v_p(s)` against `sum_s x_p(s) v_p(s)` (`D` for integer coordinates). */
    private readonly total: number,
  ) {
    this.x = new Float64Array(g.dim);
    this.values = new Float64Array(g.dim);
  }

  label(z: Float64Array): number {
    const { g, x, values } = this;
    for (let i = 0; i < x.length; i++) x[i] = z[i]! * this.unit;
    strategyValuesInto(g, x, values);
    let worst = Number.NEGATIVE_INFINITY;
    let label = 0;
    for (let p = 0; p < g.players; p++) {
      const start = g.offsets[p]!;
      let arg = start;
      let mean = 0;
      for (let i = start; i < g.offsets[p + 1]!; i++) {
        if (values[i]! > values[arg]!) arg = i;
        mean += x[i]! * values[i]!;
      }
      const regret = this.total * values[arg]! - mean;
      if (regret > worst) {
        worst = regret;
        label = arg;
      }
    }
    if (worst < this.bestRegret) {
      this.bestRegret = worst;
      this.best = Float64Array.from(z);
    }
    return label;
  }
}

class GridLabeller<T> implements BestKeepingLabeller {
  private readonly x: T[];
  private readonly values: T[];
  private readonly scratch: ValuesScratch<T>;
  best: Float64Array | undefined;
  private bestRegret: T | undefined;

  constructor(
    private readonly F: Arithmetic<T>,
    private readonly layout: ProfileLayout,
    private readonly payoffs: readonly ArrayLike<T>[],
    private readonly coordinate: (z: number) => T,
    /** The weight of `max_s v_p(s)` against `sum_s x_p(s) v_p(s)`: the grid denominator when x is integer. */
    private readonly total: T,
  ) {
    const dim = layout.offsets[layout.players]!;
    this.x = new Array<T>(dim).fill(F.zero);
    this.values = new Array<T>(dim).fill(F.zero);
    this.scratch = valuesScratch(F, layout);
  }

  label(z: Float64Array): number {
    const { F, x, values, layout } = this;
    for (let g = 0; g < x.length; g++) x[g] = this.coordinate(z[g]!);
    strategyValuesFlat(F, layout, this.payoffs, x, values, this.scratch);
    let worst: T | undefined;
    let label = 0;
    for (let p = 0; p < layout.players; p++) {
      const start = layout.offsets[p]!;
      let arg = start;
      let mean = F.zero;
      for (let g = start; g < layout.offsets[p + 1]!; g++) {
        if (F.compare(values[g]!, values[arg]!) > 0) arg = g;
        mean = F.add(mean, F.mul(x[g]!, values[g]!));
      }
      const regret = F.sub(F.mul(this.total, values[arg]!), mean);
      if (worst === undefined || F.compare(regret, worst) > 0) {
        worst = regret;
        label = arg;
      }
    }
    if (this.bestRegret === undefined || F.compare(worst!, this.bestRegret) < 0) {
      this.bestRegret = worst;
      this.best = Float64Array.from(z);
    }
    return label;
  }
}
