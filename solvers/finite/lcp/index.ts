/**
 * `lcp`: the Lemke-Howson algorithm for two-player games, exact, with a lexicographic ratio test.
 *
 * With positive payoffs, the best-response polytopes are `P = { x >= 0 : B^T x <= 1 }` and
 * `Q = { y >= 0 : A y <= 1 }` (see `enummixed`). Labels `0..m-1` belong to `x_i` (in P) and to the slack
 * of `(A y)_i <= 1` (in Q); labels `m..m+n-1` to the slack of `(B^T x)_j <= 1` (in P) and to `y_j`
 * (in Q). Starting at a completely labelled pair (the artificial equilibrium `(0, 0)` or a Nash
 * equilibrium), dropping label k — letting the variable with label k enter its tableau — and then
 * alternately letting enter, in the other polytope, the variable whose label just left, follows a
 * unique path ("complementary pivoting") that ends at another completely labelled pair; if that is not
 * `(0, 0)` it is a Nash equilibrium after normalisation (Lemke & Howson 1964; Shapley 1974).
 *
 * Degenerate games: the ratio test is lexicographic (`IntegerTableau.leavingRow`), which makes the
 * path that of a perturbed non-degenerate game, so it never cycles; the end point's normalisation is an
 * exact equilibrium of the original game. Arithmetic is integer pivoting, in doubles while exact and
 * in BigInt after (`HybridTableau`), so no value is ever rounded.
 *
 * All accessible equilibria: paths are reversible (the path from E dropping k ends at F iff the one
 * from F dropping k ends at E), so exploring every label from every equilibrium found, skipping the
 * reverses of known paths, gives every equilibrium connected to `(0, 0)` by Lemke-Howson paths
 * (as Gambit's `lcp` does). Each path has a pivot cap; a capped path makes `complete` false.
 *
 * `variant: "gambit"` walks Gambit's perturbed polytopes instead, so that on degenerate games it reaches
 * exactly the equilibria `gambit-lcp` lists (tested against lists recorded from Gambit 17): payoffs of
 * both players mapped by one shift, `u - min` with `min = min(all payoffs, 0) - 1` (Gambit's `Make_A1`,
 * `Make_A2` in src/solvers/lcp/nfglcp.cc; its division by `max - min` scales every entry alike and
 * changes no pivot), the lexicographic columns maximised (its right-hand side -1 and
 * `LemkeTableau::ExitIndex` in src/solvers/linalg/lemketab.cc), and its depth-first order: every new
 * basis is continued from at once, label by label, so equilibria come out in Gambit's order.
 *
 * References: C. E. Lemke, J. T. Howson, "Equilibrium points of bimatrix games", J. SIAM 12 (1964)
 * 413-423; B. von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory vol. 3
 * (2002) sec. 3-6; R. Savani, B. von Stengel, "Hard-to-solve bimatrix games", Econometrica 74 (2006)
 * 397-429.
 */

import { assert, InputError } from "../../../src/errors.js";
import type { ProgressSink } from "../../../src/work.js";
import {
  type ExactProfile,
  type NormalFormGame,
  regretExact,
  requireTwoPlayers,
  toBimatrix,
} from "../game.js";
import { checkPathWork, defaultMaxPaths } from "../methods/limits.js";
import { Rational } from "../rational.js";
import { HybridTableau, newPivotStats, type PivotStats } from "../tableau/hybrid-tableau.js";
import { positiveIntegerBimatrix } from "../tableau/integer-tableau.js";

/** Options of `lemkeHowson`. */
export interface LcpOptions {
  /** Also start paths from every equilibrium found, to reach every accessible one (default `true`). */
  accessible?: boolean;
  /** Starting labels dropped at the artificial equilibrium (default all, `0..m+n-1`). */
  labels?: readonly number[];
  /** Pivot cap per path, an integer >= 1 (default 100000). */
  maxPivots?: number;
  /**
   * Stop after this many distinct equilibria, an integer >= 1 (default no limit); when the search
   * stops there, `complete` is false (unexplored paths may hold more).
   */
  stopAfter?: number;
  /** Receives progress (paths followed, equilibria found): after the first path, then at most every 100 ms. */
  progress?: ProgressSink;
  /**
   * With `accessible`: most paths followed, counted as the search runs; the search is refused
   * (`WorkLimitError`) before the path past it (default `defaultMaxPaths(m, n)`: the paths whose
   * search state fits in half the heap).
   */
  maxPaths?: number;
  /**
   * `"modelmarket"` (default): payoffs shifted per player to a minimum of 1, perturbation
   * `1 + (eps, eps^2, ...)`, paths from the artificial equilibrium first. `"gambit"`: Gambit's payoff
   * map, perturbation and depth-first order, so degenerate games give `gambit-lcp`'s list.
   */
  variant?: LcpVariant;
}

/** The tableau and search order of `lemkeHowson` (see `LcpOptions.variant`). */
export type LcpVariant = "modelmarket" | "gambit";

/** One Lemke-Howson path. `from` and `to` are equilibrium indices or `"artificial"` for `(0, 0)`. */
export interface LcpPath {
  from: number | "artificial";
  /** The dropped label: `0..m-1` row strategies, `m..m+n-1` column strategies. */
  label: number;
  /** Where the path ended; `null` when it hit the pivot cap. */
  to: number | "artificial" | null;
  pivots: number;
}

/** An equilibrium found by Lemke-Howson. */
export interface LcpEquilibrium {
  profile: ExactProfile;
  /** The checked regret of each player (exactly 0). */
  regret: Rational[];
  /** Labels whose path from the artificial equilibrium ends here. */
  labelsFromArtificial: number[];
}

/** Result of `lemkeHowson`. */
export interface LcpResult {
  /** Distinct equilibria in the order found, each with exactly zero regret. */
  equilibria: LcpEquilibrium[];
  /** Every path followed. */
  paths: LcpPath[];
  /** `false` when some path hit the pivot cap or `stopAfter` stopped the search early. */
  complete: boolean;
  /** Pivots done exactly in doubles and in BigInt (`conversions` > 0: the BigInt fallback was taken). */
  stats: PivotStats;
}

interface State {
  p: HybridTableau;
  q: HybridTableau;
}

/**
 * Lemke-Howson from every starting label (and, with `accessible`, from every equilibrium found),
 * exact, lexicographic.
 *
 * @throws InputError naming `game` unless the game has two players, `labels` for a label outside
 *   `0..m+n-1`, `maxPivots` or `stopAfter` unless an integer >= 1, `variant` unless a known one
 * @throws WorkLimitError (`maxPaths`) with `accessible` when the search would follow more paths than the limit
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const r = lemkeHowson(fromBimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]]));
 * r.equilibria.length; // 3: both pure equilibria and the mixed one
 * // a degenerate game: the default reaches 1 equilibrium, Gambit's tableau 3 (gambit-lcp's list)
 * const d = readNfgFile("examples/degenerate.nfg");
 * lemkeHowson(d).equilibria.length; // 1
 * lemkeHowson(d, { variant: "gambit" }).equilibria.length; // 3
 */
// Over 80 lines: the path-following loop (start, pivot, complementary pivot, record) over one tableau; each step reads the state the previous left.
export function lemkeHowson(game: NormalFormGame, options: LcpOptions = {}): LcpResult {
  const [m, n] = requireTwoPlayers(game, "lcp");
  const accessible = options.accessible ?? true;
  const maxPivots = options.maxPivots ?? 100000;
  const stopAfter = options.stopAfter ?? Number.POSITIVE_INFINITY;
  for (const [field, value] of [
    ["maxPivots", maxPivots],
    ["stopAfter", stopAfter],
  ] as const) {
    if (!(value >= 1 && (Number.isInteger(value) || value === Number.POSITIVE_INFINITY)))
      throw new InputError(undefined, field, `must be an integer >= 1, got ${value}`);
  }
  const maxPaths = options.maxPaths ?? defaultMaxPaths(m, n);
  if (accessible) checkPathWork(m, n, maxPaths);
  const labels = options.labels ?? Array.from({ length: m + n }, (_, k) => k);
  for (const l of labels) {
    if (!Number.isInteger(l) || l < 0 || l >= m + n)
      throw new InputError(
        undefined,
        "labels",
        `bad label ${l} (an integer from 0 to ${m + n - 1} expected)`,
      );
  }
  const variant = options.variant ?? "modelmarket";
  if (variant !== "modelmarket" && variant !== "gambit")
    throw new InputError(undefined, "variant", `must be "modelmarket" or "gambit", got ${String(variant)}`);
  const gambit = variant === "gambit";
  const { A: Ar, B: Br } = toBimatrix(game);
  const { A, B } = gambit ? gambitIntegerBimatrix(Ar, Br) : positiveIntegerBimatrix(Ar, Br);
  const Bt: bigint[][] = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => B[i]![j]!));
  // P: vars x_0..x_{m-1} (label = index), slacks m..m+n-1 (label = index) -> P variable == label.
  // Q: vars y_0..y_{n-1} (label m + j), slacks n..n+m-1 (label i).
  const qVar = (label: number) => (label < m ? n + label : label - m);
  const qLabel = (v: number) => (v < n ? m + v : v - n);
  const stats = newPivotStats();
  const lexSign = gambit ? -1 : 1;
  const start: State = {
    p: HybridTableau.polytope(Bt, stats, undefined, lexSign),
    q: HybridTableau.polytope(A, stats, undefined, lexSign),
  };
  const artificialKey = stateKey(start);

  const equilibria: LcpEquilibrium[] = [];
  const eqByProfile = new Map<string, number>();
  const eqByState = new Map<string, number>();
  const states: State[] = [];
  const paths: LcpPath[] = [];
  const known = new Set<string>(); // `${stateKey}|${label}` of paths already followed or implied
  let complete = true;
  let lastReport = Number.NEGATIVE_INFINITY; // the first path reports, then every 100 ms

  /** Follows the path from `s` dropping `label`; returns the end state or null when capped. */
  const follow = (s: State, label: number): { end: State | null; pivots: number } => {
    const cur: State = { p: s.p.clone(), q: s.q.clone() };
    let inP = cur.p.rowOf[label]! < 0;
    let enter = inP ? label : qVar(label);
    for (let pivots = 1; pivots <= maxPivots; pivots++) {
      const tab = inP ? cur.p : cur.q;
      const row = tab.leavingRow(enter);
      // positive payoffs make both polytopes bounded: every entering column has a ratio-test row
      assert(row >= 0, "lcp: unbounded ray (payoffs not positive?)");
      const leaving = tab.pivot(row, enter);
      const left = inP ? leaving : qLabel(leaving);
      if (left === label) return { end: cur, pivots };
      inP = !inP;
      enter = inP ? left : qVar(left);
    }
    return { end: null, pivots: maxPivots };
  };

  const record = (end: State): number | "artificial" => {
    const key = stateKey(end);
    if (key === artificialKey) return "artificial";
    const known = eqByState.get(key);
    if (known !== undefined) return known;
    const profile: ExactProfile = [normalised(end.p, m), normalised(end.q, n)];
    const regret = regretExact(game, profile);
    assert(
      regret.every((r) => r.isZero()),
      "lcp: a Lemke-Howson end point has positive regret",
    );
    const pk = profile.map((x) => x.join(",")).join(";");
    let idx = eqByProfile.get(pk);
    if (idx === undefined) {
      idx = equilibria.length;
      equilibria.push({ profile, regret, labelsFromArtificial: [] });
      eqByProfile.set(pk, idx);
    }
    eqByState.set(key, idx);
    states.push(end);
    return idx;
  };

  const run = (from: State, fromId: number | "artificial", label: number): void => {
    const fromKey = stateKey(from);
    if (known.has(`${fromKey}|${label}`)) return;
    known.add(`${fromKey}|${label}`);
    if (accessible && paths.length >= maxPaths) checkPathWork(m, n, maxPaths, paths.length + 1);
    const { end, pivots } = follow(from, label);
    if (options.progress !== undefined) {
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        options.progress({
          done: paths.length + 1,
          unit: "paths",
          detail: `${equilibria.length} equilibria`,
        });
      }
    }
    if (end === null) {
      complete = false;
      paths.push({ from: fromId, label, to: null, pivots });
      return;
    }
    known.add(`${stateKey(end)}|${label}`);
    const to = record(end);
    paths.push({ from: fromId, label, to, pivots });
    if (fromId === "artificial" && to !== "artificial") equilibria[to]!.labelsFromArtificial.push(label);
  };

  if (gambit) {
    // Gambit's AllLemke: depth first, each new basis continued from at once with every label.
    const all = Array.from({ length: m + n }, (_, k) => k);
    const stack = [{ s: start, id: "artificial" as number | "artificial", labels, next: 0 }];
    while (stack.length > 0 && equilibria.length < stopAfter) {
      const top = stack[stack.length - 1]!;
      if (top.next >= top.labels.length) {
        stack.pop();
        continue;
      }
      const known = states.length;
      run(top.s, top.id, top.labels[top.next++]!);
      const s = states[known];
      if (accessible && s !== undefined)
        stack.push({ s, id: eqByState.get(stateKey(s))!, labels: all, next: 0 });
    }
  } else {
    for (const label of labels) {
      if (equilibria.length >= stopAfter) break;
      run(start, "artificial", label);
    }
  }
  if (accessible && !gambit) {
    for (let k = 0; k < states.length && equilibria.length < stopAfter; k++) {
      const s = states[k]!;
      const id = eqByState.get(stateKey(s))!;
      for (let label = 0; label < m + n && equilibria.length < stopAfter; label++) run(s, id, label);
    }
  }
  if (equilibria.length >= stopAfter) complete = false;
  return { equilibria, paths, complete, stats };
}

/**
 * Gambit's payoff map as integers: every payoff of both players minus `min(all payoffs, 0) - 1`, times
 * the common denominator (Gambit also divides by `max - min`, a common factor that changes no pivot).
 */
function gambitIntegerBimatrix(
  A: readonly Rational[][],
  B: readonly Rational[][],
): { A: bigint[][]; B: bigint[][] } {
  let min = Rational.ZERO;
  for (const M of [A, B]) for (const row of M) for (const x of row) if (x.lt(min)) min = x;
  min = min.sub(Rational.ONE);
  const integer = (M: readonly Rational[][]): bigint[][] => {
    const shifted = M.map((row) => row.map((x) => x.sub(min)));
    let l = 1n;
    for (const row of shifted) for (const x of row) l = (l / gcd(l, x.den)) * x.den;
    return shifted.map((row) => row.map((x) => x.num * (l / x.den)));
  };
  return { A: integer(A), B: integer(B) };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function stateKey(s: State): string {
  return `${s.p.basisKey()}:${s.q.basisKey()}`;
}

function normalised(tab: HybridTableau, d: number): Rational[] {
  let sum = 0n;
  const nums: bigint[] = [];
  for (let k = 0; k < d; k++) {
    const v = tab.valueNumerator(k);
    nums.push(v);
    sum += v;
  }
  return nums.map((v) => Rational.of(v, sum));
}
