/**
 * Exact certification of a floating profile: the equilibrium a learning dynamic points at, made exact.
 *
 * Fictitious play's regret falls like `1/T` and regret matching's like `1/sqrt(T)`, so a default
 * tolerance of 1e-6 may be out of reach in any reasonable number of iterations even when the dynamic has
 * plainly found the equilibrium. Instead of a looser tolerance, the final profile is polished: its pure
 * rounding (each player's most played strategy) and, for two players, the supports it puts weight on
 * are solved exactly (rational arithmetic) for the equilibrium on those supports, and the candidate is
 * accepted only when its EXACT regret is zero for every player (`isEquilibriumExact`). What is reported
 * is therefore an exact Nash equilibrium, found by the dynamic and certified exactly; a profile that
 * fails stays "did not converge". This is support enumeration restricted to the supports the dynamic
 * identified (Porter, Nudelman and Shoham 2008, "Simple search methods for finding a Nash equilibrium",
 * section 3, for the support equations).
 */
import {
  type ExactProfile,
  type FloatProfile,
  isEquilibriumExact,
  type NormalFormGame,
  profileCount,
  pureToMixed,
} from "./game.js";
import { Rational } from "./rational.js";

/** Largest game (pure profiles) polished: the exact check costs `profiles x players` rational products. */
export const POLISH_PROFILE_LIMIT = 250_000;
/** Largest support size solved exactly (a `k+1` square rational system per player). */
const POLISH_SUPPORT_LIMIT = 12;
/** Probabilities at or above these thresholds form the candidate supports, largest first. */
const SUPPORT_THRESHOLDS = [0.1, 1e-2, 1e-3, 1e-4, 1e-6];

/**
 * An exact equilibrium near a floating profile, or `null`: first the pure profile of each player's
 * most likely strategy, then (two players) the equilibrium on the supports of the profile's entries
 * above each threshold in 0.1, 1e-2, 1e-3, 1e-4, 1e-6. Every candidate is checked exactly.
 *
 * @throws never (games above `POLISH_PROFILE_LIMIT` profiles return `null`).
 * @example
 * polishProfile(prisonersDilemma, [[0.00001, 0.99999], [0.00001, 0.99999]]); // [[0, 1], [0, 1]] exactly
 */
export function polishProfile(game: NormalFormGame, profile: FloatProfile): ExactProfile | null {
  if (profileCount(game) > POLISH_PROFILE_LIMIT) return null;
  const pure = profile.map((x) => x.reduce((best, v, s) => (v > x[best]! ? s : best), 0));
  const pureProfile = pureToMixed(game.shape, pure);
  if (isEquilibriumExact(game, pureProfile)) return pureProfile;
  if (game.shape.length !== 2) return null;
  const seen = new Set<string>();
  for (const threshold of SUPPORT_THRESHOLDS) {
    const supports = profile.map((x) => x.flatMap((v, s) => (v >= threshold ? [s] : [])));
    const key = supports.map((s) => s.join(",")).join("|");
    if (seen.has(key)) continue;
    seen.add(key);
    const [S1, S2] = supports as [number[], number[]];
    if (S1.length !== S2.length || S1.length === 0 || S1.length > POLISH_SUPPORT_LIMIT) continue;
    const candidate = supportEquilibrium(game, S1, S2);
    if (candidate !== null && isEquilibriumExact(game, candidate)) return candidate;
  }
  return null;
}

/**
 * The mixed profile with supports `S1`, `S2` that makes each player indifferent over the other's
 * support, or `null` when the equations are singular or give a negative probability.
 */
function supportEquilibrium(game: NormalFormGame, S1: number[], S2: number[]): ExactProfile | null {
  const [m, n] = game.shape as [number, number];
  const A = (i: number, j: number) => game.payoffs[0]![i + m * j]!;
  const B = (i: number, j: number) => game.payoffs[1]![i + m * j]!;
  // column mix y on S2: sum_j A[i][j] y_j = v for i in S1, sum_j y_j = 1
  const y = indifference(
    S1.map((i) => S2.map((j) => A(i, j))),
    S2,
    n,
  );
  const x = indifference(
    S2.map((j) => S1.map((i) => B(i, j))),
    S1,
    m,
  );
  return x === null || y === null ? null : [x, y];
}

/**
 * Solves `M z - v 1 = 0`, `sum z = 1` (`M` is k x k over the mixing player's support) and spreads `z`
 * over `size` strategies; `null` when singular or some `z_j < 0`.
 */
function indifference(M: Rational[][], support: number[], size: number): Rational[] | null {
  const k = support.length;
  // unknowns z_0..z_{k-1}, v; rows: k indifference equations and the sum
  const rows: Rational[][] = M.map((r) => [...r, Rational.ONE.neg(), Rational.ZERO]);
  rows.push([...new Array<Rational>(k).fill(Rational.ONE), Rational.ZERO, Rational.ONE]);
  const z = solveSquare(rows, k + 1);
  if (z === null) return null;
  const out = new Array<Rational>(size).fill(Rational.ZERO);
  for (let a = 0; a < k; a++) {
    if (z[a]!.sign() < 0) return null;
    out[support[a]!] = z[a]!;
  }
  return out;
}

/** Gauss-Jordan elimination on an augmented `d x (d+1)` rational matrix; `null` when singular. */
function solveSquare(rows: Rational[][], d: number): Rational[] | null {
  for (let c = 0; c < d; c++) {
    const pivot = rows.findIndex((r, i) => i >= c && !r[c]!.isZero());
    if (pivot === -1) return null;
    [rows[c], rows[pivot]] = [rows[pivot]!, rows[c]!];
    const pr = rows[c]!;
    const inv = Rational.ONE.div(pr[c]!);
    for (let j = c; j <= d; j++) pr[j] = pr[j]!.mul(inv);
    for (let i = 0; i < d; i++) {
      if (i === c || rows[i]![c]!.isZero()) continue;
      const f = rows[i]![c]!;
      for (let j = c; j <= d; j++) rows[i]![j] = rows[i]![j]!.sub(f.mul(pr[j]!));
    }
  }
  return rows.map((r) => r[d]!);
}
