/**
 * Support enumeration for N-player games with certified polynomial solving (Gambit's `enumpoly`, made
 * rigorous): every equilibrium of a game whose support systems have isolated, nonsingular solutions.
 *
 * For every support profile (each player a nonempty set of strategies, smaller supports first as in
 * Porter, Nudelman and Shoham 2008, "Simple search methods for finding a Nash equilibrium", GEB 63),
 * skipped when a support strategy is conditionally strictly dominated, the indifference system (see
 * `nplayer/support-system.ts`) is searched by interval subdivision with Krawczyk's test
 * (`search.ts`): each part of the feasible box is excluded or holds one certified root. Each root is
 * then an exact equilibrium (rational polish, exact regret 0), a floating one with a rigorous regret
 * bound, or not an equilibrium. McKelvey and McLennan, "Computation of equilibria in finite games",
 * Handbook of Computational Economics vol. 1 (1996), sec. 6, for the method; Gambit's
 * `gambit-enumpoly` for the name and output.
 */

import { InputError } from "../../../src/errors.js";
import { checkWorkLimit, type ProgressSink } from "../../../src/work.js";
import { type ExactProfile, type NormalFormGame, strides } from "../game.js";
import { classifyRoot, DistinctEquilibria, exactEquilibrium } from "../nplayer/certify.js";
import { exactFromEnclosure } from "../nplayer/exact.js";
import { intervalPayoffs, type SupportSystem, supportSystem } from "../nplayer/support-system.js";
import {
  listedEquilibria,
  type NPlayerCompleteness,
  type NPlayerEquilibrium,
  type NPlayerResult,
  newNPlayerStats,
} from "../nplayer/types.js";
import { certifiedSegment, findSegment } from "./continuum.js";
import { type Box, searchSupport } from "./search.js";

export { DEFAULT_MAX_BOXES_PER_SUPPORT, DEFAULT_MAX_SUPPORTS } from "../nplayer/defaults.js";

import { DEFAULT_MAX_BOXES_PER_SUPPORT, DEFAULT_MAX_SUPPORTS } from "../nplayer/defaults.js";

/** Options of `enumPoly`. */
export interface EnumPolyOptions {
  /** Largest number of support profiles (the work estimate, checked before any work). Default `DEFAULT_MAX_SUPPORTS`. */
  maxSupports?: number;
  /** Box budget of one support's subdivision (past it the support is reported unresolved). Default `DEFAULT_MAX_BOXES_PER_SUPPORT`. */
  maxBoxesPerSupport?: number;
  /** Receives progress in support profiles, with the equilibria found so far. */
  progress?: ProgressSink;
}

/**
 * Number of support profiles of a game, `prod_p (2^n_p - 1)`: the work estimate of `enumPoly`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * supportProfileCount([3, 3, 3]); // 343
 */
export function supportProfileCount(shape: readonly number[]): number {
  return shape.reduce((a, n) => a * (2 ** n - 1), 1);
}

/** The work estimate of `enumPoly` (support profiles), checked against `maxSupports`; throws `WorkLimitError` over it. */
export function checkEnumPolyWork(game: NormalFormGame, options: { maxSupports?: number }): number {
  const total = supportProfileCount(game.shape);
  checkWorkLimit("maxSupports", total, options.maxSupports ?? DEFAULT_MAX_SUPPORTS, "support profiles");
  return total;
}

/** Every support profile, smaller total size first, then lexicographically (player 0's subset slowest). */
export function supportProfiles(shape: readonly number[]): number[][][] {
  const subsets = shape.map((n) => {
    const out: number[][] = [];
    for (let mask = 1; mask < 1 << n; mask++) {
      const s: number[] = [];
      for (let k = 0; k < n; k++) if (mask & (1 << k)) s.push(k);
      out.push(s);
    }
    return out.sort((a, b) => a.length - b.length || a.join(",").localeCompare(b.join(",")));
  });
  let all: number[][][] = [[]];
  for (const list of subsets) all = all.flatMap((prefix) => list.map((s) => [...prefix, s]));
  const size = (sp: number[][]) => sp.reduce((a, s) => a + s.length, 0);
  return all.sort((a, b) => size(a) - size(b)); // stable: ties keep the lexicographic order
}

/**
 * `true` when a support strategy of some player is strictly dominated (by any of that player's
 * strategies) against every pure profile of the others' supports: then it is never a best response and
 * no equilibrium has this support (Porter, Nudelman and Shoham 2008, conditional dominance). Checked on
 * the payoff tables before the support's system is built (most supports of a random game fail it).
 */
function conditionallyDominated(game: NormalFormGame, support: number[][]): boolean {
  const tables = intervalPayoffs(game);
  const st = strides(game.shape);
  const N = game.shape.length;
  // the flat index of every pure profile of the others' supports, player p's strategy 0
  const rest = (p: number): number[] => {
    let flats = [0];
    for (let q = 0; q < N; q++) {
      if (q === p) continue;
      flats = flats.flatMap((f) => support[q]!.map((s) => f + st[q]! * s));
    }
    return flats;
  };
  for (let p = 0; p < N; p++) {
    const { lo, hi } = tables[p]!;
    const flats = rest(p);
    const sp = st[p]!;
    for (const s of support[p]!) {
      for (let t = 0; t < game.shape[p]!; t++) {
        if (t === s) continue;
        let all = true;
        for (let i = 0; i < flats.length && all; i++) all = lo[flats[i]! + sp * t]! > hi[flats[i]! + sp * s]!;
        if (all) return true;
      }
    }
  }
  return false;
}

function hull(boxes: Box[]): [number, number][] {
  const d = boxes[0]!.lo.length;
  return Array.from({ length: d }, (_, i): [number, number] => [
    Math.min(...boxes.map((b) => b.lo[i]!)),
    Math.max(...boxes.map((b) => b.hi[i]!)),
  ]);
}

/** Unresolved-region entry of `enumPoly`. */
type Undecided = Extract<NPlayerCompleteness, { code: "unresolved-regions" }>["unresolved"][number];

/**
 * The entry of a support with undecided boxes `open`: the hull, why, and what was found there (the
 * exact equilibrium at the simplest rational point of the hull, a certified segment of equilibria),
 * each equilibrium found passed to `add`.
 */
function undecided(
  game: NormalFormGame,
  sys: SupportSystem,
  open: Box[],
  exhausted: boolean,
  add: (e: NPlayerEquilibrium) => void,
): Undecided {
  const h = hull(open);
  // one exact try per undecided support: the simplest rational point of the region (the
  // centre of a symmetric continuum, a probability 0 or 1), not arbitrary points of a continuum
  const exact = exactFromEnclosure(
    game,
    sys.support,
    sys.free,
    h.map((x) => x[0]),
    h.map((x) => x[1]),
  );
  if (exact !== null) add(exactEquilibrium(game, exact));
  // a continuum shows as a certified segment of exact equilibria in the undecided boxes
  const continuum = findSegment(game, sys, open);
  if (continuum !== null) add(exactEquilibrium(game, continuum.representative));
  return {
    support: sys.support,
    boxes: open.length,
    hull: h,
    reason: exhausted ? "box-budget" : "degenerate",
    ...(continuum === null ? {} : { continuum }),
  };
}

/**
 * A continuum can cross supports (Nau et al.'s sec. 6 segment runs from one undecided support to
 * another through a third): segments between exact equilibria of the list, each attached to the
 * undecided support of its interior (the union of the ends' supports) when that one has none yet.
 */
function linkUndecided(
  game: NormalFormGame,
  found: NPlayerEquilibrium[],
  unresolved: Undecided[],
  add: (e: NPlayerEquilibrium) => void,
): void {
  const key = (S: number[][]) => JSON.stringify(S);
  const open = new Map(unresolved.filter((u) => u.continuum === undefined).map((u) => [key(u.support), u]));
  const points = found.filter((e) => e.exact).map((e) => e.profile as ExactProfile);
  for (let i = 0; i < points.length && open.size > 0; i++) {
    for (let j = i + 1; j < points.length && open.size > 0; j++) {
      const a = points[i]!;
      const b = points[j]!;
      const union = a.map((x, p) => x.flatMap((v, s) => (v.sign() > 0 || b[p]![s]!.sign() > 0 ? [s] : [])));
      const entry = open.get(key(union));
      if (entry === undefined) continue;
      const segment = certifiedSegment(game, a, b);
      if (segment === null) continue;
      entry.continuum = segment;
      add(exactEquilibrium(game, segment.representative));
      open.delete(key(union));
    }
  }
}

/**
 * All Nash equilibria of an N-player game (N >= 1) by support enumeration with certified root
 * finding. `complete` is `true` when every support system's solutions in the feasible region were
 * isolated and nonsingular (then the list is every equilibrium: the game's equilibria are finitely many
 * and each has one support); otherwise `completeness.unresolved` lists the supports and regions left
 * undecided (a continuum of equilibria, a singular root), and the list holds every equilibrium found
 * elsewhere plus exact equilibria found at the simplest rational points of those regions.
 *
 * Exact equilibria (rational roots) come as `Rational` profiles with exact regret 0; irrational ones as
 * the midpoint of a certified enclosure (typically 1e-15 wide), with a rigorous regret bound.
 *
 * @param game any finite game; payoffs are used exactly (intervals around their doubles)
 * @throws WorkLimitError (`maxSupports`) when the game has more support profiles than the limit
 * @throws InputError naming `maxBoxesPerSupport` when it is not an integer >= 1
 * @example
 * import { enumPoly, makeGame } from "modelmarket/finite";
 * // three-player matching pennies (OpenSpiel's matching_pennies_3p): one equilibrium, everyone 1/2
 * const g = makeGame([2, 2, 2], [[1, -1, -1, 1, 1, -1, -1, 1], [1, 1, -1, -1, -1, -1, 1, 1], [-1, 1, -1, 1, 1, -1, 1, -1]]);
 * const r = enumPoly(g);
 * r.complete; // true
 * r.equilibria.map((e) => e.profile.map((x) => x.join(" ")).join(" | ")); // ["1/2 1/2 | 1/2 1/2 | 1/2 1/2"]
 */
export function enumPoly(game: NormalFormGame, options: EnumPolyOptions = {}): NPlayerResult {
  const total = checkEnumPolyWork(game, options);
  const budget = options.maxBoxesPerSupport ?? DEFAULT_MAX_BOXES_PER_SUPPORT;
  if (!Number.isInteger(budget) || budget < 1) {
    throw new InputError(undefined, "maxBoxesPerSupport", `must be an integer >= 1, got ${budget}`);
  }
  const stats = newNPlayerStats();
  const found = new DistinctEquilibria();
  const add = (e: NPlayerEquilibrium) => {
    found.add(e);
  };
  const unresolved: {
    support: number[][];
    boxes: number;
    hull: [number, number][];
    reason: "box-budget" | "degenerate";
  }[] = [];
  const searchOne = (sys: SupportSystem) => {
    if (sys.dim === 0) {
      const empty = { lo: new Float64Array(0), hi: new Float64Array(0) };
      const v = classifyRoot(game, sys, empty, empty);
      if (v.kind === "equilibrium") add(v.equilibrium);
      return;
    }
    const r = searchSupport(sys, budget);
    stats.boxes += r.boxes;
    stats.certifiedRoots += r.roots.length;
    const open = r.unresolved.slice();
    // an isolated root whose feasibility the enclosure cannot decide may still be exactly an equilibrium
    for (const root of r.roots) {
      const v = classifyRoot(game, sys, root.root, root.box);
      if (v.kind === "equilibrium") add(v.equilibrium);
      else if (v.kind === "boundary") open.push(root.root);
    }
    if (open.length > 0) unresolved.push(undecided(game, sys, open, r.exhausted, add));
  };
  let done = 0;
  for (const support of supportProfiles(game.shape)) {
    stats.supports++;
    if (conditionallyDominated(game, support)) stats.dominatedSupports++;
    else searchOne(supportSystem(game, support));
    done++;
    options.progress?.({ done, total, unit: "support profiles", detail: `${found.list.length} equilibria` });
  }
  linkUndecided(game, found.list, unresolved, add);
  const equilibria = listedEquilibria(found.list, stats);
  const completeness: NPlayerCompleteness =
    unresolved.length === 0
      ? {
          code: "all-supports-certified",
          complete: true,
          supports: stats.supports,
        }
      : {
          code: "unresolved-regions",
          complete: false,
          supports: stats.supports,
          unresolved,
          boxesPerSupport: budget,
        };
  return { equilibria, complete: completeness.complete, completeness, converged: true, stats };
}
