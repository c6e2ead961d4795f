/**
 * ARCHITECTURE.md's error policy in the finite-game solvers: a bad option, profile, game or number
 * given by the caller is an `InputError` naming the field (never a `RangeError` or `TypeError`).
 */
import { describe, expect, it } from "vitest";
import { fictitiousPlay } from "../../solvers/finite/dynamics/fictitious-play.js";
import { compileGame, compilePayoffs, fromNested } from "../../solvers/finite/dynamics/kernel.js";
import { logitTracing } from "../../solvers/finite/dynamics/logit-tracing.js";
import { regretMatching } from "../../solvers/finite/dynamics/regret-matching.js";
import { replicatorDynamics } from "../../solvers/finite/dynamics/replicator.js";
import { enumMixed, isNondegenerate } from "../../solvers/finite/enummixed/index.js";
import {
  fromBimatrix,
  isEquilibriumExact,
  makeGame,
  regretExact,
  regretFloat,
  strategyValuesExact,
} from "../../solvers/finite/game.js";
import { lemkeHowson } from "../../solvers/finite/lcp/index.js";
import { Rational } from "../../solvers/finite/rational.js";
import { InputError } from "../../src/errors.js";

/** The `where` of the `InputError` that `f` throws (fails the test on anything else). */
function inputErrorField(f: () => unknown): string | undefined {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).where;
  }
  throw new Error("nothing was thrown");
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
const three = makeGame(
  [2, 2, 2],
  [0, 1, 2].map(() => [1, 0, 0, 0, 0, 0, 0, 1]),
);

describe("the learning dynamics name the option at fault", () => {
  it("common options: maxIterations and tolerance, for every dynamic", () => {
    const dynamics = [fictitiousPlay, replicatorDynamics, regretMatching, logitTracing];
    for (const run of dynamics) {
      expect(inputErrorField(() => run(pennies, { maxIterations: -1 }))).toBe("maxIterations");
      expect(inputErrorField(() => run(pennies, { maxIterations: 2.5 }))).toBe("maxIterations");
      expect(inputErrorField(() => run(pennies, { tolerance: -1e-3 }))).toBe("tolerance");
      expect(inputErrorField(() => run(pennies, { tolerance: Number.NaN }))).toBe("tolerance");
    }
  });

  it("each dynamic's own options", () => {
    expect(inputErrorField(() => replicatorDynamics(pennies, { stepSize: 0 }))).toBe("stepSize");
    expect(inputErrorField(() => replicatorDynamics(pennies, { stepSize: Number.POSITIVE_INFINITY }))).toBe(
      "stepSize",
    );
    expect(inputErrorField(() => regretMatching(pennies, { checkEvery: 0 }))).toBe("checkEvery");
    expect(inputErrorField(() => logitTracing(pennies, { lambdaMax: 0 }))).toBe("lambdaMax");
    expect(inputErrorField(() => logitTracing(pennies, { initialStep: -1 }))).toBe("initialStep");
  });

  it("a starting profile that is not a probability profile of the game's shape is refused as `initial`", () => {
    const bad = [
      [[0.5, 0.5]],
      [
        [0.5, 0.5, 0],
        [0.5, 0.5],
      ],
      [
        [1.5, -0.5],
        [0.5, 0.5],
      ],
      [
        [0.5, 0.6],
        [0.5, 0.5],
      ],
      [
        [Number.NaN, 1],
        [0.5, 0.5],
      ],
    ];
    for (const initial of bad) {
      expect(inputErrorField(() => replicatorDynamics(pennies, { initial }))).toBe("initial");
    }
    expect(inputErrorField(() => fromNested(compileGame(pennies), [[1, 0]]))).toBe("profile");
    // within the documented 1e-9 of a sum of 1 is accepted
    expect(
      replicatorDynamics(pennies, {
        initial: [
          [0.5, 0.5 + 5e-10],
          [0.5, 0.5],
        ],
        maxIterations: 1,
      }).iterations,
    ).toBeLessThanOrEqual(1);
  });

  it("compilePayoffs names `shape` or `payoffs`", () => {
    expect(inputErrorField(() => compilePayoffs([], []))).toBe("shape");
    expect(inputErrorField(() => compilePayoffs([2, 0], [new Float64Array(0), new Float64Array(0)]))).toBe(
      "shape",
    );
    expect(inputErrorField(() => compilePayoffs([2, 2], [new Float64Array(4)]))).toBe("payoffs");
    expect(inputErrorField(() => compilePayoffs([2, 2], [new Float64Array(4), new Float64Array(3)]))).toBe(
      "payoffs",
    );
    expect(
      inputErrorField(() =>
        compilePayoffs([1, 1], [Float64Array.of(Number.POSITIVE_INFINITY), Float64Array.of(0)]),
      ),
    ).toBe("payoffs");
    // a game whose exact payoff is beyond the double range cannot be compiled either
    const huge = makeGame([1, 1], [[`1${"0".repeat(400)}`], [0]]);
    expect(inputErrorField(() => compileGame(huge))).toBe("payoffs");
  });
});

describe("the exact two-player methods name `game` and `labels`", () => {
  it("refuse games that do not have two players", () => {
    expect(inputErrorField(() => enumMixed(three))).toBe("game");
    expect(inputErrorField(() => isNondegenerate(three))).toBe("game");
    expect(inputErrorField(() => lemkeHowson(three))).toBe("game");
  });

  it("lcp refuses labels outside 0..m+n-1", () => {
    for (const l of [-1, 4, 0.5])
      expect(inputErrorField(() => lemkeHowson(pennies, { labels: [l] }))).toBe("labels");
  });
});

describe("profiles given to the game helpers are `profile`", () => {
  it("wrong shapes and non-probability vectors", () => {
    const half = Rational.parse("1/2");
    expect(inputErrorField(() => strategyValuesExact(pennies, [[half, half]]))).toBe("profile");
    expect(inputErrorField(() => strategyValuesExact(pennies, [[half, half], [half]]))).toBe("profile");
    expect(inputErrorField(() => regretFloat(pennies, [[0.5, 0.5], [1]]))).toBe("profile");
    expect(
      inputErrorField(() =>
        regretExact(pennies, [
          [half, half],
          [Rational.parse("3/2"), Rational.parse("-1/2")],
        ]),
      ),
    ).toBe("profile");
    expect(
      inputErrorField(() =>
        isEquilibriumExact(pennies, [
          [half, half],
          [half, Rational.parse("1/3")],
        ]),
      ),
    ).toBe("profile");
  });
});

describe("Rational: what a caller can get wrong is an InputError naming the argument", () => {
  it("zero denominators and divisors, bad text, non-finite and non-integer numbers, bad digit counts", () => {
    expect(inputErrorField(() => Rational.of(1n, 0n))).toBe("den");
    expect(inputErrorField(() => Rational.parse("1/0"))).toBe("text");
    expect(inputErrorField(() => Rational.parse("one half"))).toBe("text");
    expect(inputErrorField(() => Rational.from("x"))).toBe("text");
    expect(inputErrorField(() => Rational.parse("1").div(Rational.ZERO))).toBe("divisor");
    expect(inputErrorField(() => Rational.fromNumber(Number.NaN))).toBe("x");
    expect(inputErrorField(() => Rational.from(Number.NEGATIVE_INFINITY))).toBe("x");
    expect(inputErrorField(() => Rational.fromInt(0.5))).toBe("n");
    expect(inputErrorField(() => Rational.fromInt(2 ** 60))).toBe("n");
    expect(inputErrorField(() => Rational.ONE.toFixed(-1))).toBe("digits");
    expect(inputErrorField(() => Rational.ONE.toFixed(1.5))).toBe("digits");
    // and what is fine stays fine
    expect(Rational.tryParse("1/0")).toBeUndefined();
    expect(Rational.parse("6/-4").toString()).toBe("-3/2");
  });
});
