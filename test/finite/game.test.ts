import { describe, expect, it } from "vitest";
import {
  floatRegretTolerance,
  fromBimatrix,
  isEquilibriumExact,
  isEquilibriumFloat,
  makeGame,
  payoffRange,
  profileFromIndex,
  profileIndex,
  regretExact,
  regretFloat,
  strategyValuesExact,
  toBimatrix,
} from "../../solvers/finite/game.js";
import { Rational } from "../../solvers/finite/rational.js";
import { InputError } from "../../src/errors.js";

const q = (s: string) => Rational.parse(s);
const exact = (rows: string[][]) => rows.map((r) => r.map(q));

describe("NormalFormGame", () => {
  it("indexes profiles with player 1 fastest (Gambit order)", () => {
    const shape = [2, 3, 4];
    for (let flat = 0; flat < 24; flat++)
      expect(profileIndex(shape, profileFromIndex(shape, flat))).toBe(flat);
    expect(profileIndex(shape, [1, 0, 0])).toBe(1);
    expect(profileIndex(shape, [0, 1, 0])).toBe(2);
    expect(profileIndex(shape, [0, 0, 1])).toBe(6);
  });

  it("converts bimatrices both ways", () => {
    const g = fromBimatrix([["1/2", 2, 3]], [[4, "0.5", -1]]);
    expect(g.shape).toEqual([1, 3]);
    const { A, B } = toBimatrix(g);
    expect(A[0]!.map(String)).toEqual(["1/2", "2", "3"]);
    expect(B[0]!.map(String)).toEqual(["4", "1/2", "-1"]);
    expect(payoffRange(g)).toBe(5);
    expect(floatRegretTolerance(g)).toBeCloseTo(5e-9, 20);
    expect(() => makeGame([2, 2], [[1, 2, 3, 4]])).toThrow(InputError);
  });

  it("computes exact regrets", () => {
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
    expect(
      regretExact(
        pennies,
        exact([
          ["1/2", "1/2"],
          ["1/2", "1/2"],
        ]),
      ).map(String),
    ).toEqual(["0", "0"]);
    // row plays Top, column mixes 1/4: row gets -1/2 (Top), 1/2 (Bottom); column 1/2 on average, 1 at best
    expect(
      regretExact(
        pennies,
        exact([
          ["1", "0"],
          ["1/4", "3/4"],
        ]),
      ).map(String),
    ).toEqual(["1", "1/2"]);
    expect(
      isEquilibriumExact(
        pennies,
        exact([
          ["1", "0"],
          ["1", "0"],
        ]),
      ),
    ).toBe(false);
    expect(() =>
      regretExact(
        pennies,
        exact([
          ["1/2", "1/3"],
          ["1", "0"],
        ]),
      ),
    ).toThrow(/sum/);
    expect(() =>
      regretExact(
        pennies,
        exact([
          ["3/2", "-1/2"],
          ["1", "0"],
        ]),
      ),
    ).toThrow(/negative/);
  });

  it("computes N-player strategy values and float regrets", () => {
    // 2x2x2, payoff of each player = number of players choosing strategy 0 when they also do
    const payoffs: number[][] = [[], [], []];
    for (let flat = 0; flat < 8; flat++) {
      const s = profileFromIndex([2, 2, 2], flat);
      const zeros = s.filter((v) => v === 0).length;
      for (let p = 0; p < 3; p++) payoffs[p]!.push(s[p] === 0 ? zeros : 0);
    }
    const g = makeGame([2, 2, 2], payoffs);
    const half = exact([
      ["1/2", "1/2"],
      ["1/2", "1/2"],
      ["1/2", "1/2"],
    ]);
    // strategy 0 against two independent fair coins: 1 + E[#others at 0] = 2; strategy 1 pays 0
    expect(strategyValuesExact(g, half)[0]!.map(String)).toEqual(["2", "0"]);
    expect(regretExact(g, half).map(String)).toEqual(["1", "1", "1"]);
    const r = regretFloat(g, [
      [1, 0],
      [1, 0],
      [1, 0],
    ]);
    expect(r.every((v) => Math.abs(v) <= 1e-12)).toBe(true);
    expect(
      isEquilibriumFloat(g, [
        [1, 0],
        [1, 0],
        [1 - 1e-13, 1e-13],
      ]),
    ).toBe(true);
    expect(
      isEquilibriumFloat(g, [
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.5],
      ]),
    ).toBe(false);
  });
});
