/**
 * Payoffs at scale: floating equilibria are judged on each player's own payoff
 * scale (rescaling one player by 10^k, k in -9..9, changes no method's verdict), the defaults of every
 * iterative method succeed on the catalogue's 2x2 and dominance-solvable games, and payoffs beyond the
 * double range get one line instead of a crash.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkFloatRegret,
  type FloatProfile,
  fromBimatrix,
  makeGame,
  type NormalFormGame,
  Rational,
  regretExact,
  solveFinite,
} from "../../solvers/finite/index.js";
import { polishProfile } from "../../solvers/finite/polish.js";
import { InputError } from "../../src/errors.js";
import { loadKnownGames } from "./known-games.js";

const DYNAMICS = ["fp", "replicator", "regret", "logit"] as const;
const ALL = [...DYNAMICS, "enumpure", "enummixed", "lcp"] as const;

function near(profile: FloatProfile, want: number[][], tol: number): boolean {
  return profile.every((x, p) => x.every((v, s) => Math.abs(v - want[p]![s]!) <= tol));
}

describe("a player whose payoffs are in small units is still checked", () => {
  // the second row is strictly dominated (by 1e-7); the only equilibrium is NE,1,0,1,0
  const game = fromBimatrix(
    [
      ["1e-7", "1e-7"],
      ["0", "0"],
    ],
    [
      ["1", "0"],
      ["0", "1"],
    ],
    "tiny",
  );

  for (const method of [...ALL, "lp"] as const) {
    it(`${method}: NE,1,0,1,0 or an honest failure, never another profile`, async () => {
      let report: Awaited<ReturnType<typeof solveFinite>>;
      try {
        report = await solveFinite(game, method);
      } catch (err) {
        // lp refuses a game that is not constant-sum
        expect(method).toBe("lp");
        expect(err).toBeInstanceOf(InputError);
        return;
      }
      if (report.failure !== undefined) {
        expect(report.equilibria).toEqual([]);
        return;
      }
      expect(report.equilibria.length).toBeGreaterThan(0);
      for (const eq of report.equilibria) {
        const profile = eq.profile.map((x) => x.map((v) => (typeof v === "number" ? v : v.toNumber())));
        expect(
          near(
            profile,
            [
              [1, 0],
              [1, 0],
            ],
            1e-5,
          ),
        ).toBe(true);
      }
    });
  }

  it("checkFloatRegret fails (0.5, 0.5, 0.5, 0.5): the row player's regret is half its own range", () => {
    const check = checkFloatRegret(
      game,
      [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      1e-6,
    );
    expect(check.passed).toBe(false);
    expect(check.relativeRegrets[0]).toBeCloseTo(0.5, 12);
    expect(check.regrets[0]).toBeCloseTo(5e-8, 18);
  });
});

/** Iterated elimination of pure strategies strictly dominated by pure strategies, exactly. */
function dominanceSolvable(A: Rational[][], B: Rational[][]): boolean {
  let rows = A.map((_, i) => i);
  let cols = A[0]!.map((_, j) => j);
  for (let changed = true; changed; ) {
    changed = false;
    const r = rows.filter((i) => !rows.some((k) => k !== i && cols.every((j) => A[k]![j]!.gt(A[i]![j]!))));
    const c = cols.filter((j) => !cols.some((k) => k !== j && r.every((i) => B[i]![k]!.gt(B[i]![j]!))));
    if (r.length < rows.length || c.length < cols.length) changed = true;
    rows = r;
    cols = c;
  }
  return rows.length === 1 && cols.length === 1;
}

describe("defaults of every iterative method succeed on the catalogue's 2x2 and dominance-solvable games", () => {
  const known = loadKnownGames();
  const chosen = Object.entries(known.two_player).filter(([, g]) => {
    const A = g.A.map((r) => r.map((v) => Rational.parse(v)));
    const B = g.B.map((r) => r.map((v) => Rational.parse(v)));
    return (g.A.length === 2 && g.A[0]!.length === 2) || dominanceSolvable(A, B);
  });

  it("selects the 2x2 games and the dominance-solvable ones (the prisoner's dilemma among them)", () => {
    expect(chosen.length).toBeGreaterThanOrEqual(10);
    expect(chosen.map(([n]) => n)).toContain("prisoners_dilemma_gambit_pd_nfg");
  });

  for (const [name, g] of chosen) {
    it(`${name}: fp, replicator, regret and logit with their defaults report an equilibrium`, async () => {
      const game = fromBimatrix(g.A, g.B, name);
      for (const method of DYNAMICS) {
        const r = await solveFinite(game, method);
        expect(r.failure, `${method} on ${name}`).toBeUndefined();
        expect(r.equilibria.length).toBe(1);
        const profile = r.equilibria[0]!.profile as FloatProfile;
        expect(checkFloatRegret(game, profile, 1e-6).passed).toBe(true);
      }
    });
  }

  it("fp on the prisoner's dilemma with defaults: NE,0,1,0,1, its last play certified", async () => {
    const pd = fromBimatrix(
      [
        ["3", "0"],
        ["5", "1"],
      ],
      [
        ["3", "5"],
        ["0", "1"],
      ],
    );
    const r = await solveFinite(pd, "fp");
    expect(r.failure).toBeUndefined();
    expect(r.equilibria[0]!.profile).toEqual([
      [0, 1],
      [0, 1],
    ]);
    // the last pure profile played is the equilibrium: certified as it is, no polishing needed
    expect(r.outcome).toMatchObject({ converged: true, polished: false, reported: "last iterate" });
  });

  it("polishing accepts only exact equilibria", () => {
    const pennies = fromBimatrix(
      [
        ["1", "-1"],
        ["-1", "1"],
      ],
      [
        ["-1", "1"],
        ["1", "-1"],
      ],
    );
    const exact = polishProfile(pennies, [
      [0.499, 0.501],
      [0.502, 0.498],
    ]);
    expect(exact).not.toBeNull();
    expect(regretExact(pennies, exact!).every((v) => v.isZero())).toBe(true);
    expect(exact!.map((x) => x.map((v) => v.toString()))).toEqual([
      ["1/2", "1/2"],
      ["1/2", "1/2"],
    ]);
  });
});

describe("payoffs at the ends of the double range", () => {
  const game = (top: string) =>
    makeGame(
      [2, 2],
      [
        [top, "0", "5", "1"],
        ["3", "5", "0", "1"],
      ],
    );

  it("1e400 (beyond doubles): the floating methods refuse with one line, the exact ones solve", async () => {
    for (const method of DYNAMICS) {
      await expect(solveFinite(game("1e400"), method)).rejects.toThrow(/beyond the double range/);
    }
    const r = await solveFinite(game("1e400"), "enumpure");
    expect(r.equilibria.length).toBeGreaterThan(0);
  });

  it("1e308 (huge but finite): every dynamic reports the exact methods' equilibrium", async () => {
    const exact = await solveFinite(game("1e308"), "enummixed");
    const want = exact.equilibria.map((e) => e.profile.map((x) => x.map((v) => (v as Rational).toNumber())));
    for (const method of DYNAMICS) {
      const r = await solveFinite(game("1e308"), method);
      expect(r.failure, method).toBeUndefined();
      const got = r.equilibria[0]!.profile as FloatProfile;
      expect(want.some((w) => near(got, w, 1e-5))).toBe(true);
    }
  });
});

/** A small bimatrix game with integer payoffs; player `p`'s payoffs times `10^k` (exactly). */
function scaled(A: number[][], B: number[][], p: number, k: number): NormalFormGame {
  const factor = k >= 0 ? Rational.of(10n ** BigInt(k)) : Rational.of(1n, 10n ** BigInt(-k));
  const conv = (M: number[][], mine: boolean) =>
    M.map((r) => r.map((v) => (mine ? Rational.fromInt(v).mul(factor) : Rational.fromInt(v))));
  return fromBimatrix(conv(A, p === 0), conv(B, p === 1));
}

describe("property: rescaling one player's payoffs by 10^k changes no method's verdict", () => {
  const matrix = (m: number, n: number) =>
    fc.array(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }), {
      minLength: m,
      maxLength: m,
    });
  const arb = fc
    .record({ m: fc.integer({ min: 2, max: 3 }), n: fc.integer({ min: 2, max: 3 }) })
    .chain(({ m, n }) =>
      fc.record({
        A: matrix(m, n),
        B: matrix(m, n),
        p: fc.integer({ min: 0, max: 1 }),
        k: fc.integer({ min: -9, max: 9 }),
      }),
    );

  it("fp, replicator, regret, logit, enumpure, enummixed and lcp (seeded fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(arb, async ({ A, B, p, k }) => {
        const base = scaled(A, B, p, 0);
        const other = scaled(A, B, p, k);
        for (const method of ALL) {
          const options = { iterations: 3000, seed: "scale" };
          const r0 = await solveFinite(base, method, options);
          const r1 = await solveFinite(other, method, options);
          expect(r1.failure === undefined, `${method} k=${k}`).toBe(r0.failure === undefined);
          expect(r1.equilibria.length).toBe(r0.equilibria.length);
          r0.equilibria.forEach((e, i) => {
            const a = e.profile.map((x) => x.map((v) => (typeof v === "number" ? v : v.toNumber())));
            const b = r1.equilibria[i]!.profile.map((x) =>
              x.map((v) => (typeof v === "number" ? v : v.toNumber())),
            );
            expect(near(a, b, 1e-6), `${method} k=${k}`).toBe(true);
          });
        }
      }),
      { seed: 9090, numRuns: 40 },
    );
  });
});
