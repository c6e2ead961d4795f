/**
 * Game generators for tests and benchmarks (QuantEcon `game_generators` style): seeded random games,
 * random degenerate games, coordination games with `2^n - 1` equilibria, unit-vector games, and the
 * Sandholm-Gilpin-Conitzer games that are hard for support enumeration.
 *
 * Every generator takes a random source `rng: () => number` in `[0, 1)` (e.g. `seedrandom.alea(seed)`)
 * where it draws, and returns an exact `NormalFormGame`.
 *
 * References: T. Sandholm, A. Gilpin, V. Conitzer, "Mixed-integer programming methods for finding Nash
 * equilibria", AAAI 2005; J. Fearnley, T. P. Igwe, R. Savani, "An empirical study of finding
 * approximate equilibria in bimatrix games", SEA 2015 (the generator suite QuantEcon follows);
 * R. Savani, B. von Stengel, "Unit vector games", Int. J. Economic Theory 12 (2016) 7-27.
 */
import { InputError } from "../../src/errors.js";
import { fromBimatrix, makeGame, type NormalFormGame } from "./game.js";
import { Rational } from "./rational.js";

/** A uniform random source on `[0, 1)`. */
export type Rng = () => number;

function randInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/**
 * A random game with integer payoffs drawn uniformly from `lo..hi` (default `0..99`) for every player
 * and profile. Such games are non-degenerate with high probability when the range is wide.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const g = randomGame([8, 8], seedrandom.alea("1"));
 */
export function randomGame(shape: readonly number[], rng: Rng, lo = 0, hi = 99): NormalFormGame {
  const total = shape.reduce((a, b) => a * b, 1);
  const payoffs = shape.map(() => Array.from({ length: total }, () => BigInt(randInt(rng, lo, hi))));
  return makeGame(shape, payoffs, `random ${shape.join("x")} payoffs ${lo}..${hi}`);
}

/**
 * A random degenerate bimatrix game: payoffs drawn from the small set `0..values-1` (default 3), so
 * ties between best responses, and hence equilibrium components and degenerate vertices, are common.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const g = randomDegenerateGame(4, 4, seedrandom.alea("d1"), 2);
 */
export function randomDegenerateGame(m: number, n: number, rng: Rng, values = 3): NormalFormGame {
  const draw = () =>
    Array.from({ length: m }, () => Array.from({ length: n }, () => randInt(rng, 0, values - 1)));
  return { ...fromBimatrix(draw(), draw()), title: `random degenerate ${m}x${n} payoffs 0..${values - 1}` };
}

/**
 * The `n x n` coordination game `A = B = I`: its equilibria are, for every non-empty support `S`, both
 * players uniform on `S`, so exactly `2^n - 1` (all extreme, all isolated) (Quint & Shubik 1997 bound
 * is attained; von Stengel 1999).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * coordinationGame(3); // 7 equilibria
 */
export function coordinationGame(n: number): NormalFormGame {
  const I = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  return { ...fromBimatrix(I, I), title: `coordination ${n}x${n}` };
}

/**
 * A unit-vector game: the row player's payoff column j is the unit vector `e_{sigma(j)}` (`A[i][j] = 1`
 * iff `i = sigma(j)`, `sigma` uniform random), the column player's payoffs are random integers
 * `0..99`. Unit-vector games are as hard as general games for Lemke-Howson (Savani & von Stengel 2016)
 * and are degenerate for the row player.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const g = unitVectorGame(5, 5, seedrandom.alea("u"));
 */
export function unitVectorGame(m: number, n: number, rng: Rng): NormalFormGame {
  const sigma = Array.from({ length: n }, () => randInt(rng, 0, m - 1));
  const A = Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === sigma[j] ? 1 : 0)),
  );
  const B = Array.from({ length: m }, () => Array.from({ length: n }, () => randInt(rng, 0, 99)));
  return { ...fromBimatrix(A, B), title: `unit vector ${m}x${n}` };
}

/**
 * The Sandholm-Gilpin-Conitzer game of size `(4k - 1) x (4k - 1)`, `k >= 1`: a worst case for support
 * enumeration with a unique equilibrium in which each player mixes uniformly over the first `2k - 1`
 * actions (about half of them).
 *
 * Construction (for each player's own-action x opponent-action table u): on the first `2k - 1`
 * actions against each other payoff 3/4, except the cyclic pattern `u[i][i-1] = 1`, `u[i][i+1] = 1/2`
 * (indices mod `2k - 1`); first-block actions against the last `2k` actions pay 1/2; the last `2k`
 * actions pay 0 except pairs: the row player's action `2k-1+2h` (resp. `+1`) pays 3/4 against the
 * column player's `2k-1+2h` (resp. `+1`), the column player's `2k-1+2h` (resp. `+1`) pays 3/4 against
 * the row's `2k-1+2h+1` (resp. `2k-1+2h`).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * sgcGame(1); // 3x3, unique equilibrium ((1,0,0),(1,0,0))
 */
export function sgcGame(k: number): NormalFormGame {
  if (!Number.isInteger(k) || k < 1)
    throw new InputError(undefined, "sgcGame", `k must be an integer >= 1, got ${k}`);
  const n = 4 * k - 1;
  const m = 2 * k - 1;
  const q = (a: bigint, b: bigint) => Rational.of(a, b);
  const base = (): Rational[][] => {
    const u: Rational[][] = Array.from({ length: n }, () => new Array<Rational>(n).fill(Rational.ZERO));
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) u[i]![j] = q(3n, 4n);
      for (let j = m; j < n; j++) u[i]![j] = q(1n, 2n);
    }
    if (m > 1) {
      for (let i = 0; i < m; i++) {
        u[i]![(i - 1 + m) % m] = Rational.ONE;
        u[i]![(i + 1) % m] = q(1n, 2n);
      }
    }
    return u;
  };
  const u0 = base();
  const u1 = base();
  for (let h = 0; h < k; h++) {
    const i = m + 2 * h;
    u0[i]![i] = q(3n, 4n);
    u0[i + 1]![i + 1] = q(3n, 4n);
    u1[i]![i + 1] = q(3n, 4n);
    u1[i + 1]![i] = q(3n, 4n);
  }
  // u1 is indexed [column player's action][row player's action]; B[i][j] = u1[j][i]
  const B = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => u1[j]![i]!));
  return { ...fromBimatrix(u0, B), title: `SGC game k=${k} (${n}x${n})` };
}
