/**
 * The generic payoff routines of `profile-values.ts`, run both ways: over `RATIONAL_ARITHMETIC` they must
 * equal an independent exact computation from the definition (brute force over pure profiles, O(N^2)
 * per profile, no prefix/suffix products), exactly; over `FLOAT_ARITHMETIC` they must agree with the exact
 * values within the rounding bound below. The exported `...Exact` / `...Float` helpers of `game.ts` must
 * be those instantiations, and the dynamics' hand-inlined hot loop (`strategyValuesInto`) must give the
 * same doubles as the float instantiation, bit for bit.
 *
 * Float tolerance: each term `u(a) prod_{q != p} x_q(a_q)` has a relative error of at most
 * `(2N + 1) eps` (N - 1 products, the conversion of N probabilities to doubles, one product with u), and
 * summing `P = prod_p n_p` terms whose magnitudes add up to at most `max |u|` (the probabilities sum to
 * 1) adds at most `P eps max |u|`. The regret adds a weighted mean of at most `n_p` terms. So every float
 * value and regret is within `FLOAT_SLACK * (2N + 2 + P + max n_p) * eps * max |u|` of the exact one,
 * with `FLOAT_SLACK = 4` covering second-order terms.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Arithmetic, FLOAT_ARITHMETIC, RATIONAL_ARITHMETIC } from "../../solvers/finite/arithmetic.js";
import {
  compileGame,
  regretsFromValues,
  strategyValuesInto,
  uniformProfile,
} from "../../solvers/finite/dynamics/kernel.js";
import {
  type ExactProfile,
  floatPayoffs,
  fromBimatrix,
  isEquilibriumExact,
  isEquilibriumFloat,
  makeGame,
  type NormalFormGame,
  profileFromIndex,
  profileToFloat,
  pureToMixed,
  regretExact,
  regretFloat,
  strategyValuesExact,
  strategyValuesFloat,
} from "../../solvers/finite/game.js";
import {
  probabilityDefect,
  profileLayout,
  regretsFlat,
  regretsIn,
  strategyValuesFlat,
  strategyValuesIn,
  valuesScratch,
} from "../../solvers/finite/profile-values.js";
import { Rational } from "../../solvers/finite/rational.js";
import { rng } from "../helpers/random.js";

const q = (s: string | number) => Rational.from(s);
const FLOAT_SLACK = 4;

/** Exact strategy values straight from the definition (an independent O(N^2)-per-profile loop). */
function bruteValues(game: NormalFormGame, x: ExactProfile): Rational[][] {
  const total = game.shape.reduce((a, b) => a * b, 1);
  const out = game.shape.map((n) => new Array<Rational>(n).fill(Rational.ZERO));
  for (let flat = 0; flat < total; flat++) {
    const a = profileFromIndex(game.shape, flat);
    for (let p = 0; p < game.shape.length; p++) {
      let w = game.payoffs[p]![flat]!;
      for (let r = 0; r < game.shape.length; r++) if (r !== p) w = w.mul(x[r]![a[r]!]!);
      out[p]![a[p]!] = out[p]![a[p]!]!.add(w);
    }
  }
  return out;
}

/** Exact regrets from the brute-force values: `max_s v_p(s) - sum_s x_p(s) v_p(s)`. */
function bruteRegrets(game: NormalFormGame, x: ExactProfile): Rational[] {
  return bruteValues(game, x).map((v, p) => {
    let best = v[0]!;
    let mean = Rational.ZERO;
    v.forEach((u, s) => {
      best = best.max(u);
      mean = mean.add(u.mul(x[p]![s]!));
    });
    return best.sub(mean);
  });
}

function floatTolerance(game: NormalFormGame): number {
  const N = game.shape.length;
  const P = game.shape.reduce((a, b) => a * b, 1);
  let maxAbs = 0;
  for (const t of game.payoffs) for (const v of t) maxAbs = Math.max(maxAbs, Math.abs(v.toNumber()));
  return FLOAT_SLACK * (2 * N + 2 + P + Math.max(...game.shape)) * Number.EPSILON * maxAbs;
}

/** The generic routines through one arithmetic, on the game's payoffs and a profile in its number type. */
function viaField<T>(F: Arithmetic<T>, game: NormalFormGame, payoffs: readonly ArrayLike<T>[], x: T[][]) {
  return {
    values: strategyValuesIn(F, game.shape, payoffs, x),
    regrets: regretsIn(F, game.shape, payoffs, x),
  };
}

/** Runs both instantiations on one game and exact profile and checks them against the brute force. */
function checkBothWays(game: NormalFormGame, x: ExactProfile): void {
  const exact = viaField(RATIONAL_ARITHMETIC, game, game.payoffs, x);
  const float = viaField(FLOAT_ARITHMETIC, game, floatPayoffs(game), profileToFloat(x));
  const values = bruteValues(game, x);
  const regrets = bruteRegrets(game, x);
  // exact: equal to the definition, rational for rational
  expect(exact.values.map((v) => v.map(String))).toEqual(values.map((v) => v.map(String)));
  expect(exact.regrets.map(String)).toEqual(regrets.map(String));
  // float: within the rounding bound of the exact values
  const tol = floatTolerance(game);
  for (let p = 0; p < float.values.length; p++) {
    for (let s = 0; s < float.values[p]!.length; s++)
      expect(Math.abs(float.values[p]![s]! - values[p]![s]!.toNumber())).toBeLessThanOrEqual(tol);
    expect(Math.abs(float.regrets[p]! - regrets[p]!.toNumber())).toBeLessThanOrEqual(tol);
  }
  // the exports of game.ts are these instantiations
  expect(strategyValuesExact(game, x).map((v) => v.map(String))).toEqual(values.map((v) => v.map(String)));
  expect(strategyValuesFloat(game, profileToFloat(x))).toEqual(float.values);
  expect(regretFloat(game, profileToFloat(x))).toEqual(float.regrets);
  if (
    x.every((row) => row.every((v) => v.sign() >= 0) && row.reduce((s, v) => s.add(v)).equals(Rational.ONE))
  )
    expect(regretExact(game, x).map(String)).toEqual(regrets.map(String));
}

/** A random exact probability vector with `n` entries (integer weights 0..k, some zero). */
function randomMix(r: () => number, n: number, k = 6): Rational[] {
  const w = Array.from({ length: n }, () => Math.floor(r() * (k + 1)));
  if (!w.some((v) => v > 0)) w[Math.floor(r() * n)] = 1;
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((v) => Rational.of(BigInt(v), BigInt(sum)));
}

const pennies = fromBimatrix(
  [
    [1, -1],
    [-1, 1],
  ],
  [
    [-1, 1],
    [1, -1],
  ],
);
// three players, 2x2x2: each gets 1 when all three choose the same strategy (a coordination game)
const agree3 = makeGame(
  [2, 2, 2],
  [0, 1, 2].map(() => Array.from({ length: 8 }, (_, k) => (k === 0 || k === 7 ? 1 : 0))),
);
// three players, 2x3x2 with rational payoffs, ties and zeros (degenerate)
const mixed3 = makeGame(
  [2, 3, 2],
  [
    ["1/2", "1/2", 0, 0, "1/3", "1/3", "-1", "-1", 0, "2/7", 5, 5],
    [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
    ["3", "-3/4", "3", "-3/4", 0, 0, "1/9", "1/9", 2, 2, 2, 2],
  ],
);
const zero = makeGame([3, 2], [new Array(6).fill(0), new Array(6).fill(0)]);
const constant = makeGame([2, 2], [new Array(4).fill("7/3"), new Array(4).fill(-2)]);
const onePlayer = makeGame([4], [["1/3", 2, 2, "-5"]]);

describe("the generic payoff routines, exact and floating", () => {
  it("matching pennies at the uniform profile: every strategy worth 0, no regret", () => {
    const half = q("1/2");
    const x = [
      [half, half],
      [half, half],
    ];
    expect(
      strategyValuesIn(RATIONAL_ARITHMETIC, pennies.shape, pennies.payoffs, x).map((v) => v.map(String)),
    ).toEqual([
      ["0", "0"],
      ["0", "0"],
    ]);
    expect(regretsIn(FLOAT_ARITHMETIC, pennies.shape, floatPayoffs(pennies), profileToFloat(x))).toEqual([
      0, 0,
    ]);
    checkBothWays(pennies, x);
  });

  it("a three-player coordination game: the values a hand computation gives", () => {
    // at (x, y, z) = (1/2, 1/3, 1/4) for strategy 1: player 1's strategy 1 is worth y z = 1/12,
    // strategy 2 worth (1 - y)(1 - z) = 1/2; player 3's strategy 1 worth x y = 1/6, strategy 2 1/3
    const x = [
      [q("1/2"), q("1/2")],
      [q("1/3"), q("2/3")],
      [q("1/4"), q("3/4")],
    ];
    const values = strategyValuesIn(RATIONAL_ARITHMETIC, agree3.shape, agree3.payoffs, x);
    expect(values.map((v) => v.map(String))).toEqual([
      ["1/12", "1/2"],
      ["1/8", "3/8"],
      ["1/6", "1/3"],
    ]);
    // player 1 mixes 1/2 - 1/2: regret 1/2 - (1/12 + 1/2) / 2 = 5/24
    expect(regretsIn(RATIONAL_ARITHMETIC, agree3.shape, agree3.payoffs, x)[0]!.toString()).toBe("5/24");
    checkBothWays(agree3, x);
  });

  it("agrees with the definition on pure, uniform and random profiles of 1-, 2- and 3-player games, degenerate ones included", () => {
    const r = rng("profile-values");
    for (const game of [pennies, agree3, mixed3, zero, constant, onePlayer]) {
      const total = game.shape.reduce((a, b) => a * b, 1);
      for (let flat = 0; flat < total; flat++)
        checkBothWays(game, pureToMixed(game.shape, profileFromIndex(game.shape, flat)));
      checkBothWays(
        game,
        game.shape.map((n) => new Array<Rational>(n).fill(Rational.of(1n, BigInt(n)))),
      );
      for (let k = 0; k < 10; k++)
        checkBothWays(
          game,
          game.shape.map((n) => randomMix(r, n)),
        );
    }
  });

  it("zero and constant games: every value is the constant, every regret 0, every profile an equilibrium", () => {
    const r = rng("constant");
    for (let k = 0; k < 5; k++) {
      const x = constant.shape.map((n) => randomMix(r, n));
      expect(strategyValuesExact(constant, x).map((v) => v.map(String))).toEqual([
        ["7/3", "7/3"],
        ["-2", "-2"],
      ]);
      expect(regretExact(constant, x).every((v) => v.isZero())).toBe(true);
      expect(isEquilibriumExact(constant, x)).toBe(true);
      expect(isEquilibriumFloat(constant, profileToFloat(x))).toBe(true);
      const z = zero.shape.map((n) => randomMix(r, n));
      expect(regretExact(zero, z).map(String)).toEqual(["0", "0"]);
    }
  });

  it("on random small games (1-3 players, 1-3 strategies, rational payoffs): exact equals the definition, float within the bound (fast-check)", () => {
    const arbGame = fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
      .chain((shape) => {
        const total = shape.reduce((a, b) => a * b, 1);
        const payoff = fc
          .tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: 1, max: 6 }))
          .map(([n, d]) => `${n}/${d}`);
        const weights = fc.tuple(
          ...shape.map((n) => fc.array(fc.nat({ max: 5 }), { minLength: n, maxLength: n })),
        );
        return fc.tuple(
          fc.constant(shape),
          fc.array(fc.array(payoff, { minLength: total, maxLength: total }), {
            minLength: shape.length,
            maxLength: shape.length,
          }),
          weights,
        );
      });
    fc.assert(
      fc.property(arbGame, ([shape, tables, weights]) => {
        const game = makeGame(shape, tables);
        const x = weights.map((w) => {
          const sum = w.reduce((a, b) => a + b, 0);
          return sum === 0
            ? w.map((_, s) => (s === 0 ? Rational.ONE : Rational.ZERO))
            : w.map((v) => Rational.of(BigInt(v), BigInt(sum)));
        });
        checkBothWays(game, x);
        // exact regrets of probability vectors are never negative; a pure profile with zero regret is an
        // equilibrium both ways
        const regrets = regretExact(game, x);
        expect(regrets.every((v) => v.sign() >= 0)).toBe(true);
        expect(isEquilibriumFloat(game, profileToFloat(x))).toBe(
          regretFloat(game, profileToFloat(x)).every((v) => v <= 1e-9 * Math.max(1, rangeOf(game))),
        );
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });
});

function rangeOf(game: NormalFormGame): number {
  const all = floatPayoffs(game).flatMap((t) => Array.from(t));
  return Math.max(...all) - Math.min(...all);
}

describe("the dynamics' hot loop is the float instantiation", () => {
  it("strategyValuesInto and regretsFromValues give the same doubles as the generic routine, bit for bit", () => {
    const r = rng("kernel-vs-generic");
    const shapes = [[2, 2], [20, 20], [3, 4], [2, 2, 2], [4, 3, 5], [2, 3, 2, 2], [5]];
    for (const shape of shapes) {
      for (let trial = 0; trial < 5; trial++) {
        const total = shape.reduce((a, b) => a * b, 1);
        // some payoffs tied, some zero, so that the normalised tables have exact zeros and ones
        const game = makeGame(
          shape,
          shape.map(() => Array.from({ length: total }, () => Math.floor(r() * 7) - 3)),
        );
        const g = compileGame(game);
        const x = trial === 0 ? uniformProfile(g) : Float64Array.from({ length: g.dim }, () => r());
        const fast = new Float64Array(g.dim);
        strategyValuesInto(g, x, fast);
        const layout = profileLayout(shape);
        const perPlayer = shape.map((_, p) => g.payoff.subarray(p * g.profiles, (p + 1) * g.profiles));
        const generic = new Array<number>(g.dim);
        strategyValuesFlat(
          FLOAT_ARITHMETIC,
          layout,
          perPlayer,
          x,
          generic,
          valuesScratch(FLOAT_ARITHMETIC, layout),
        );
        expect(Array.from(fast)).toEqual(generic);
        const fastRegrets = new Float64Array(g.players);
        const genericRegrets = new Array<number>(g.players);
        expect(regretsFromValues(g, x, fast, fastRegrets)).toBe(
          regretsFlat(FLOAT_ARITHMETIC, layout, x, generic, genericRegrets),
        );
        expect(Array.from(fastRegrets)).toEqual(genericRegrets);
      }
    }
  });
});

describe("probabilityDefect, exact and floating", () => {
  it("accepts probability vectors and names what is wrong with the others", () => {
    const x = [q("1/3"), q("2/3")];
    expect(probabilityDefect(RATIONAL_ARITHMETIC, x, 0, 2, Rational.ZERO, Rational.ZERO)).toBeUndefined();
    expect(
      probabilityDefect(RATIONAL_ARITHMETIC, [q("1/3"), q("1/3")], 0, 2, Rational.ZERO, Rational.ZERO),
    ).toBe("probabilities sum to 2/3, not 1");
    expect(
      probabilityDefect(RATIONAL_ARITHMETIC, [q("-1/3"), q("4/3")], 0, 2, Rational.ZERO, Rational.ZERO),
    ).toBe("negative probability -1/3");
    // the float test allows the tolerances given, and no more
    expect(probabilityDefect(FLOAT_ARITHMETIC, [0.1, 0.2, 0.7], 0, 3, 0, 0)).toBeUndefined();
    expect(probabilityDefect(FLOAT_ARITHMETIC, [0.5, 0.5 + 2e-9], 0, 2, 0, 1e-9)).toMatch(/sum to/);
    expect(probabilityDefect(FLOAT_ARITHMETIC, [0.5, 0.5 + 5e-10], 0, 2, 0, 1e-9)).toBeUndefined();
    expect(probabilityDefect(FLOAT_ARITHMETIC, [-1e-12, 1], 0, 2, 0, 1e-9)).toMatch(/negative/);
    expect(probabilityDefect(FLOAT_ARITHMETIC, [-1e-12, 1], 0, 2, 1e-9, 1e-9)).toBeUndefined();
    expect(probabilityDefect(FLOAT_ARITHMETIC, [Number.NaN, 1], 0, 2, 1e-9, 1e-9)).toMatch(
      /negative probability NaN/,
    );
    // only the block asked for is read
    expect(probabilityDefect(FLOAT_ARITHMETIC, [5, 0.5, 0.5, -5], 1, 3, 0, 0)).toBeUndefined();
  });

  it("the arithmetics: exact for rationals and BigInt, NaN unordered for doubles", () => {
    expect(RATIONAL_ARITHMETIC.compare(q("1/3"), q("0.3333333333"))).toBe(1);
    expect(FLOAT_ARITHMETIC.compare(0.1 + 0.2, 0.3)).toBe(1);
    expect(FLOAT_ARITHMETIC.compare(1, 1)).toBe(0);
    expect(FLOAT_ARITHMETIC.compare(Number.NaN, 1)).toBeNaN();
    expect(RATIONAL_ARITHMETIC.fromInt(-4).toString()).toBe("-4");
    expect(RATIONAL_ARITHMETIC.mul(q("2/3"), q("3/4")).toString()).toBe("1/2");
    expect(RATIONAL_ARITHMETIC.sub(q("1/2"), q("1/3")).toString()).toBe("1/6");
    expect(FLOAT_ARITHMETIC.sub(1, 0.25)).toBe(0.75);
    expect(FLOAT_ARITHMETIC.isZero(-0)).toBe(true);
    expect(RATIONAL_ARITHMETIC.isZero(q("0/5"))).toBe(true);
  });
});
