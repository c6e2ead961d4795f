/**
 * `enumpure`: all pure-strategy Nash equilibria of an N-player game, exactly.
 *
 * A pure profile `s` is an equilibrium iff for every player p, `u_p(s) >= u_p(t, s_-p)` for every
 * strategy t of p (Nash 1951). For each player p and each profile of the others, the best payoffs over
 * p's strategies are computed once (one pass over the table per player), then every profile is tested
 * against them: `O(N * prod_p n_p)` exact comparisons.
 *
 * Reference: Gambit's `gambit-enumpure`; M. J. Osborne, A. Rubinstein, A Course in Game Theory (1994),
 * def. 14.1.
 */
import { InternalError } from "../../src/errors.js";
import {
  type ExactProfile,
  type NormalFormGame,
  profileCount,
  pureToMixed,
  regretExact,
  strides,
} from "./game.js";
import type { Rational } from "./rational.js";

/** Result of `enumPure`. */
export interface EnumPureResult {
  /** Pure equilibria as strategy indices, in flat-index order (player 1 fastest). */
  pure: number[][];
  /** The same equilibria as exact mixed profiles (unit vectors), each with zero regret. */
  equilibria: ExactProfile[];
  /** The checked regret of each equilibrium's players (all exactly 0). */
  regrets: Rational[][];
  /** Whether each equilibrium is strict (every deviation strictly worse for every player). */
  strict: boolean[];
  /** Always `true`: the enumeration is exhaustive. */
  complete: true;
}

/**
 * All pure Nash equilibria of an N-player game (exact).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * enumPure(fromBimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])).pure; // [[1, 1]]
 */
export function enumPure(game: NormalFormGame): EnumPureResult {
  const N = game.shape.length;
  const total = profileCount(game);
  const stride = strides(game.shape);
  const isBest = new Uint8Array(total).fill(1);
  const isStrict = new Uint8Array(total).fill(1);
  for (let p = 0; p < N; p++) {
    const np = game.shape[p]!;
    const sp = stride[p]!;
    const pay = game.payoffs[p]!;
    for (let flat = 0; flat < total; flat++) {
      // visit each "others' profile" once: the flat index with s_p = 0
      if (Math.floor(flat / sp) % np !== 0) continue;
      let best: Rational = pay[flat]!;
      let count = 1;
      for (let s = 1; s < np; s++) {
        const v = pay[flat + s * sp]!;
        const c = v.compare(best);
        if (c > 0) {
          best = v;
          count = 1;
        } else if (c === 0) count++;
      }
      for (let s = 0; s < np; s++) {
        const k = flat + s * sp;
        if (pay[k]!.compare(best) < 0) isBest[k] = 0;
        else if (count > 1) isStrict[k] = 0;
      }
    }
  }
  const pure: number[][] = [];
  const equilibria: ExactProfile[] = [];
  const strict: boolean[] = [];
  const regrets: Rational[][] = [];
  for (let flat = 0; flat < total; flat++) {
    if (isBest[flat] === 0) continue;
    const s = game.shape.map((n, p) => Math.floor(flat / stride[p]!) % n);
    const profile = pureToMixed(game.shape, s);
    const regret = regretExact(game, profile);
    if (!regret.every((r) => r.isZero())) {
      throw new InternalError("enumpure: a pure equilibrium has positive regret");
    }
    pure.push(s);
    equilibria.push(profile);
    strict.push(isStrict[flat] === 1);
    regrets.push(regret);
  }
  return { pure, equilibria, regrets, strict, complete: true };
}
