/**
 * The `lp` method: constant-sum games by linear programming on two backends (javascript-lp-solver,
 * HiGHS), with the minimax certificate checked on every answer.
 */
import seedrandom from "seedrandom";
import { beforeAll, describe, expect, it } from "vitest";
import {
  floatRegretTolerance,
  fromBimatrix,
  makeGame,
  type NormalFormGame,
  payoffRange,
  regretFloat,
  strategyValuesExact,
} from "../../solvers/finite/game.js";
import type { DenseLp, LpBackend, LpProblem } from "../../solvers/finite/lp/backend.js";
import {
  checkConstantSum,
  rowPayoffMatrix,
  solveConstantSum,
  solveConstantSumLp,
} from "../../solvers/finite/lp/constant-sum.js";
import { createHighsBackend } from "../../solvers/finite/lp/highs.js";
import { createJslpBackend } from "../../solvers/finite/lp/jslp.js";
import {
  AUTO_JSLP_MAX_SIZE,
  autoBackend,
  type LpBackends,
  loadLpBackends,
  type PayoffMatrix,
  payoffMatrix,
  solveMatrixGameLp,
} from "../../solvers/finite/lp/matrix-game.js";
import { Rational } from "../../solvers/finite/rational.js";
import { InputError } from "../../src/errors.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { KNOWN_GAMES_PATH, loadKnownGames } from "./known-games.js";

let backends: LpBackends;
beforeAll(async () => {
  backends = await loadLpBackends();
});

function randomMatrix(m: number, n: number, seed: string, lo = 0, hi = 1): PayoffMatrix {
  const rng = seedrandom.alea(seed);
  const data = new Float64Array(m * n);
  for (let k = 0; k < data.length; k++) data[k] = lo + (hi - lo) * rng();
  return { rows: m, cols: n, data };
}

function scaled(a: PayoffMatrix, factor: number, shift: number): PayoffMatrix {
  return { rows: a.rows, cols: a.cols, data: a.data.map((v) => v * factor + shift) };
}

/** `x^T A y` exactly, from an exact equilibrium given as fraction strings. */
function exactValue(game: NormalFormGame, eq: [string[], string[]]): Rational {
  const profile = eq.map((x) => x.map((v) => Rational.parse(v)));
  const vals = strategyValuesExact(game, profile)[0]!;
  let v = Rational.ZERO;
  vals.forEach((u, i) => {
    v = v.add(u.mul(profile[0]![i]!));
  });
  return v;
}

function expectCertifiedAnswer(r: ReturnType<typeof solveMatrixGameLp>, a: PayoffMatrix): void {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of a.data) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  expect(r.certified).toBe(true);
  expect(r.tolerance).toBeCloseTo(RELATIVE_TOLERANCE * (hi - lo), 20);
  expect(r.gap).toBeLessThanOrEqual(r.tolerance);
  // the strategies are probability vectors
  for (const s of [r.rowStrategy, r.colStrategy]) {
    for (const v of s) expect(v).toBeGreaterThanOrEqual(0);
    expect(Math.abs(s.reduce((u, v) => u + v, 0) - 1)).toBeLessThan(1e-12);
  }
  // recompute the certificate independently
  let lower = Number.POSITIVE_INFINITY;
  for (let j = 0; j < a.cols; j++) {
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += r.rowStrategy[i]! * a.data[i * a.cols + j]!;
    lower = Math.min(lower, s);
  }
  let upper = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < a.cols; j++) s += a.data[i * a.cols + j]! * r.colStrategy[j]!;
    upper = Math.max(upper, s);
  }
  expect(Math.abs(lower - r.lower)).toBeLessThanOrEqual(1e-12 * (hi - lo));
  expect(Math.abs(upper - r.upper)).toBeLessThanOrEqual(1e-12 * (hi - lo));
  expect(upper - lower).toBeLessThanOrEqual(r.tolerance);
}

describe("LP backends on a plain LP", () => {
  // max 3x + 2y s.t. x + y <= 4, x + 3y <= 9, x <= 3 (column bound), x, y >= 0 -> (3, 1), 11
  const problem: DenseLp = {
    format: "dense",
    sense: "max",
    numRows: 2,
    numCols: 2,
    cost: Float64Array.of(3, 2),
    colLower: Float64Array.of(0, 0),
    colUpper: Float64Array.of(3, Number.POSITIVE_INFINITY),
    rowLower: Float64Array.of(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY),
    rowUpper: Float64Array.of(4, 9),
    matrix: Float64Array.of(1, 1, 1, 3),
  };

  it("both backends find the optimum, HiGHS with row duals", async () => {
    const highs = await createHighsBackend();
    for (const backend of [createJslpBackend(), highs]) {
      const r = backend.solve(problem);
      expect(r.status, backend.name).toBe("optimal");
      expect(r.objective).toBeCloseTo(11, 9);
      expect(r.x[0]).toBeCloseTo(3, 9);
      expect(r.x[1]).toBeCloseTo(1, 9);
    }
    const duals = highs.solve(problem).rowDual!;
    // d objective / d (bound of x + y <= 4) = 2 (y grows by 1); x + 3y <= 9 is slack
    expect(duals[0]).toBeCloseTo(2, 9);
    expect(duals[1]).toBeCloseTo(0, 9);
  });

  it("both backends report infeasibility and unboundedness", async () => {
    const infeasible: LpProblem = { ...problem, rowLower: Float64Array.of(10, Number.NEGATIVE_INFINITY) };
    const unbounded: LpProblem = {
      ...problem,
      colUpper: Float64Array.of(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY),
      matrix: Float64Array.of(1, -1, 1, -3),
    };
    for (const backend of [createJslpBackend(), await createHighsBackend()]) {
      expect(backend.solve(infeasible).status, backend.name).toBe("infeasible");
      expect(backend.solve(unbounded).status, backend.name).toBe("unbounded");
    }
  });
});

describe(`constant-sum games of ${KNOWN_GAMES_PATH}`, () => {
  const known = loadKnownGames();
  const constantSum = Object.entries(known.two_player).filter(
    ([, g]) => checkConstantSum(fromBimatrix(g.A, g.B)).constantSum,
  );

  it("the catalogue has constant-sum and other games, told apart exactly", () => {
    const names = constantSum.map(([n]) => n);
    for (const n of [
      "matching_pennies",
      "rock_paper_scissors",
      "biased_rps",
      "nashpy_issue231_zero_sum_6x6",
    ]) {
      expect(names).toContain(n);
    }
    for (const n of ["prisoners_dilemma_gambit_pd_nfg", "battle_of_sexes", "shapleys_game"]) {
      expect(names).not.toContain(n);
    }
  });

  for (const [name, g] of constantSum) {
    it(`${name}: both backends give the exact value, certified`, () => {
      const game = fromBimatrix(g.A, g.B, name);
      const exact = exactValue(game, g.extreme_equilibria[0]!);
      // every listed equilibrium of a constant-sum game has the same value
      for (const eq of g.extreme_equilibria) expect(exactValue(game, eq).equals(exact)).toBe(true);
      const range = payoffRange(game);
      const a = rowPayoffMatrix(game);
      const values: number[] = [];
      for (const backend of ["jslp", "highs"] as const) {
        const r = solveConstantSumLp(game, backends, { backend, fallback: false });
        expect(r.backend, backend).toBe(range > 0 ? backend : "none");
        expect(r.certified).toBe(true);
        expect(r.lower).toBeLessThanOrEqual(exact.toNumber() + RELATIVE_TOLERANCE * range);
        expect(r.upper).toBeGreaterThanOrEqual(exact.toNumber() - RELATIVE_TOLERANCE * range);
        expect(Math.abs(r.values[0] - exact.toNumber())).toBeLessThanOrEqual(RELATIVE_TOLERANCE * range);
        expect(r.values[0] + r.values[1]).toBeCloseTo(r.constant, 12);
        // an equilibrium by the independent float regret check of game.ts
        for (const reg of regretFloat(game, r.profile))
          expect(reg).toBeLessThanOrEqual(floatRegretTolerance(game));
        expectCertifiedAnswer(solveMatrixGameLp(a, backends, { backend, fallback: false }), a);
        values.push(r.values[0]);
      }
      expect(Math.abs(values[0]! - values[1]!)).toBeLessThanOrEqual(
        2 * RELATIVE_TOLERANCE * Math.max(range, 1),
      );
    });
  }

  it("badly scaled payoffs (x 1e7 + 3e7, x 1e-8) are still right on both backends", () => {
    const g = known.two_player.biased_rps!;
    const game = fromBimatrix(g.A, g.B);
    const exact = exactValue(game, g.extreme_equilibria[0]!).toNumber(); // 0 for this symmetric game
    const base = rowPayoffMatrix(game);
    for (const [factor, shift] of [
      [1e7, 3e7],
      [1e-8, 0],
      [1e-8, -2e-8],
    ] as const) {
      const a = scaled(base, factor, shift);
      for (const backend of ["jslp", "highs"] as const) {
        const r = solveMatrixGameLp(a, backends, { backend, fallback: false });
        expectCertifiedAnswer(r, a);
        expect(r.backend).toBe(backend);
        expect(Math.abs(r.value - (exact * factor + shift))).toBeLessThanOrEqual(RELATIVE_TOLERANCE * factor);
        expect(r.rowStrategy[0]).toBeCloseTo(1 / 16, 9);
        expect(r.rowStrategy[1]).toBeCloseTo(5 / 8, 9);
        expect(r.rowStrategy[2]).toBeCloseTo(5 / 16, 9);
      }
    }
  });
});

describe("matrix games", () => {
  it("rock-paper-scissors: value 0 at the uniform strategies", () => {
    const a = payoffMatrix([
      [0, -1, 1],
      [1, 0, -1],
      [-1, 1, 0],
    ]);
    const r = solveMatrixGameLp(a, backends);
    expectCertifiedAnswer(r, a);
    expect(Math.abs(r.value)).toBeLessThan(1e-12);
    for (const v of [...r.rowStrategy, ...r.colStrategy]) expect(v).toBeCloseTo(1 / 3, 12);
  });

  it("a 60 x 60 game solves on javascript-lp-solver alone (no free-variable hang) and matches HiGHS", () => {
    const a = randomMatrix(60, 60, "sixty", -5, 5);
    const rj = solveMatrixGameLp(a, backends, { backend: "jslp", fallback: false });
    const rh = solveMatrixGameLp(a, backends, { backend: "highs", fallback: false });
    expectCertifiedAnswer(rj, a);
    expectCertifiedAnswer(rh, a);
    expect(rj.backend).toBe("jslp");
    expect(rj.attempts.map((t) => t.backend)).toEqual(["jslp"]);
    expect(Math.abs(rj.value - rh.value)).toBeLessThanOrEqual(2 * RELATIVE_TOLERANCE * 10);
  });

  it("both backends agree on rectangular random games", () => {
    for (const [m, n, seed] of [
      [5, 7, "a"],
      [13, 4, "b"],
      [1, 6, "c"],
      [9, 1, "d"],
      [30, 20, "e"],
    ] as const) {
      const a = randomMatrix(m, n, seed, -1, 3);
      const rj = solveMatrixGameLp(a, backends, { backend: "jslp", fallback: false });
      const rh = solveMatrixGameLp(a, backends, { backend: "highs", fallback: false });
      expectCertifiedAnswer(rj, a);
      expectCertifiedAnswer(rh, a);
      expect(Math.abs(rj.value - rh.value), `${m}x${n}`).toBeLessThanOrEqual(2 * RELATIVE_TOLERANCE * 4);
    }
  });

  it("auto picks javascript-lp-solver for small games and HiGHS for large ones", () => {
    expect(autoBackend(AUTO_JSLP_MAX_SIZE, 2)).toBe("jslp");
    expect(autoBackend(2, AUTO_JSLP_MAX_SIZE + 1)).toBe("highs");
    const small = randomMatrix(8, 8, "small");
    const large = randomMatrix(AUTO_JSLP_MAX_SIZE + 10, AUTO_JSLP_MAX_SIZE + 10, "large");
    expect(solveMatrixGameLp(small, backends).backend).toBe("jslp");
    expect(solveMatrixGameLp(large, backends).backend).toBe("highs");
  });

  it("a constant matrix needs no LP", () => {
    const r = solveMatrixGameLp(
      payoffMatrix([
        [2, 2],
        [2, 2],
      ]),
      backends,
    );
    expect(r.backend).toBe("none");
    expect(r.certified).toBe(true);
    expect(r.value).toBe(2);
  });
});

describe("the certificate", () => {
  const a = payoffMatrix([
    [5, -1],
    [-2, 3],
  ]); // value 13/11: x = (5/11, 6/11), y = (4/11, 7/11)

  /** A backend that claims "optimal" for the uniform (wrong) answer. */
  function lyingBackend(name: "jslp" | "highs"): LpBackend {
    return {
      name,
      solve: (p) => ({
        status: "optimal",
        objective: 0,
        x: new Float64Array(p.numCols).fill(1 / (p.numCols - 1)),
        rowDual: undefined,
        detail: "lying",
      }),
    };
  }
  function failingBackend(name: "jslp" | "highs"): LpBackend {
    return {
      name,
      solve: (p) => ({
        status: "failed",
        objective: Number.NaN,
        x: new Float64Array(p.numCols),
        rowDual: undefined,
        detail: "boom",
      }),
    };
  }

  it("catches a wrong 'optimal' answer and falls back to the other backend", () => {
    const r = solveMatrixGameLp(
      a,
      { jslp: lyingBackend("jslp"), highs: backends.highs },
      { backend: "jslp" },
    );
    expect(r.attempts.map((t) => [t.backend, t.certified])).toEqual([
      ["jslp", false],
      ["highs", true],
    ]);
    // uniform x guarantees min(1.5, 1) = 1, uniform y concedes max(2, 0.5) = 2
    expect(r.attempts[0]!.lower).toBeCloseTo(1, 12);
    expect(r.attempts[0]!.upper).toBeCloseTo(2, 12);
    expect(r.backend).toBe("highs");
    expectCertifiedAnswer(r, a);
    expect(r.value).toBeCloseTo(13 / 11, 12);
    expect(r.rowStrategy[0]).toBeCloseTo(5 / 11, 12);
    expect(r.colStrategy[0]).toBeCloseTo(4 / 11, 12);
  });

  it("falls back after a failed solve", () => {
    const r = solveMatrixGameLp(
      a,
      { jslp: backends.jslp, highs: failingBackend("highs") },
      { backend: "highs" },
    );
    expect(r.attempts.map((t) => t.status)).toEqual(["failed", "optimal"]);
    expect(r.backend).toBe("jslp");
    expect(r.certified).toBe(true);
  });

  it("reports an answer that no backend could certify as not certified", () => {
    const r = solveMatrixGameLp(a, { jslp: lyingBackend("jslp"), highs: failingBackend("highs") });
    expect(r.certified).toBe(false);
    expect(r.gap).toBeGreaterThan(r.tolerance);
    expect(r.lower).toBeLessThan(13 / 11);
    expect(r.upper).toBeGreaterThan(13 / 11);
    const off = solveMatrixGameLp(
      a,
      { jslp: lyingBackend("jslp"), highs: backends.highs },
      { backend: "jslp", fallback: false },
    );
    expect(off.certified).toBe(false);
    expect(off.attempts.length).toBe(1);
  });
});

describe("constant-sum games", () => {
  it("detects constant sums exactly (a 1e-30 difference is not constant-sum)", () => {
    expect(
      checkConstantSum(
        fromBimatrix(
          [
            [1, 2],
            [3, 4],
          ],
          [
            [4, 3],
            [2, 1],
          ],
        ),
      ),
    ).toMatchObject({ constantSum: true });
    const almost = fromBimatrix(
      [
        ["1", "2"],
        ["3", "4"],
      ],
      [
        ["4", "3"],
        ["2", "1.000000000000000000000000000001"],
      ],
    );
    expect(checkConstantSum(almost).constantSum).toBe(false);
    expect(
      checkConstantSum(
        makeGame(
          [2, 1, 1],
          [
            ["0", "0"],
            ["0", "0"],
            ["0", "0"],
          ],
        ),
      ).constantSum,
    ).toBe(false);
  });

  it("solves a constant-sum (not zero-sum) game: the values add up to the constant", async () => {
    // A + B = 10 everywhere; A is matching pennies shifted by 5
    const game = fromBimatrix(
      [
        [6, 4],
        [4, 6],
      ],
      [
        [4, 6],
        [6, 4],
      ],
    );
    const r = await solveConstantSum(game);
    expect(r.certified).toBe(true);
    expect(r.constant).toBe(10);
    expect(r.values[0]).toBeCloseTo(5, 12);
    expect(r.values[1]).toBeCloseTo(5, 12);
  });

  it("a game that is not constant-sum is an InputError naming the reason", () => {
    const pd = fromBimatrix(
      [
        [3, 0],
        [5, 1],
      ],
      [
        [3, 5],
        [0, 1],
      ],
      "prisoner's dilemma",
    );
    expect(() => solveConstantSumLp(pd, backends)).toThrow(InputError);
    expect(() => solveConstantSumLp(pd, backends)).toThrow(/not constant-sum|is not: A \+ B is 6/);
    const three = makeGame([2, 2, 2], [new Array(8).fill(0), new Array(8).fill(0), new Array(8).fill(0)]);
    expect(() => solveConstantSumLp(three, backends)).toThrow(/3 players/);
  });
});
