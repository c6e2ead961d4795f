/**
 * From a certified root of a support system to a certified equilibrium: feasibility (nonnegative
 * probabilities, no better strategy off the support) decided in interval arithmetic, an exact
 * rational profile when the root is rational, else the floating midpoint with a rigorous regret bound.
 */
import { type ExactProfile, type NormalFormGame, regretExact } from "../game.js";
import { Rational } from "../rational.js";
import { exactFromEnclosure } from "./exact.js";
import { down, imul, R, up } from "./interval.js";
import {
  forEachOffSupport,
  hullBox,
  type SupportBox,
  type SupportSystem,
  strategyValues,
  supportBox,
} from "./support-system.js";
import type { NPlayerEquilibrium } from "./types.js";

/** What a certified root is. */
export type RootVerdict =
  | { kind: "equilibrium"; equilibrium: NPlayerEquilibrium }
  /** A negative probability or a strictly better strategy off the support: not an equilibrium. */
  | { kind: "infeasible" }
  /** A probability or a payoff gap whose sign the enclosure cannot decide, and no exact profile: degenerate. */
  | { kind: "boundary" };

/** The support of an exact profile (strategies with positive probability). */
export function exactSupport(profile: ExactProfile): number[][] {
  return profile.map((x) => x.flatMap((v, s) => (v.sign() > 0 ? [s] : [])));
}

/** The exact equilibrium record of an exact profile known to have zero regret. */
export function exactEquilibrium(game: NormalFormGame, profile: ExactProfile): NPlayerEquilibrium {
  return {
    profile,
    exact: true,
    regret: regretExact(game, profile),
    support: exactSupport(profile),
    certificate: { kind: "exact" },
  };
}

/**
 * Classifies the unique root of `sys` in `box` (certified by Krawczyk's test), enclosed in `root`.
 * Both are boxes of free variables, `[lo, hi]`.
 */
export function classifyRoot(
  game: NormalFormGame,
  sys: SupportSystem,
  root: { lo: Float64Array; hi: Float64Array },
  box: { lo: Float64Array; hi: Float64Array },
): RootVerdict {
  const x = supportBox(sys, root.lo, root.hi);
  let strict = true;
  for (let p = 0; p < x.lo.length; p++) {
    for (let k = 0; k < x.lo[p]!.length; k++) {
      if (x.hi[p]![k]! < 0) return { kind: "infeasible" };
      if (!(x.lo[p]![k]! > 0)) strict = false;
    }
  }
  let better = false;
  forEachOffSupport(sys, x, (_p, _t, lo, hi) => {
    if (lo > 0) better = true;
    if (!(hi < 0)) strict = false;
    return !better;
  });
  if (better) return { kind: "infeasible" };
  const exact = exactFromEnclosure(game, sys.support, sys.free, root.lo, root.hi);
  if (exact !== null) return { kind: "equilibrium", equilibrium: exactEquilibrium(game, exact) };
  if (!strict) return { kind: "boundary" };
  return { kind: "equilibrium", equilibrium: floatEquilibrium(game, sys, root, box) };
}

/** The midpoint of the enclosure as a profile, with the regret bound over the enclosure (and the point). */
function floatEquilibrium(
  game: NormalFormGame,
  sys: SupportSystem,
  root: { lo: Float64Array; hi: Float64Array },
  box: { lo: Float64Array; hi: Float64Array },
): NPlayerEquilibrium {
  const N = game.shape.length;
  const profile = game.shape.map((n) => new Array<number>(n).fill(0));
  const y = root.lo.map((a, k) => a + (root.hi[k]! - a) / 2);
  sys.support.forEach((S, p) => {
    let rest = 1;
    for (let k = 1; k < S.length; k++) {
      const v = y[sys.offsets[p]! + k - 1]!;
      profile[p]![S[k]!] = v;
      rest -= v;
    }
    profile[p]![S[0]!] = rest;
  });
  const x = supportBox(sys, root.lo, root.hi);
  // the reported doubles (the base probability is rounded) must lie in the box the bound covers
  const hull: SupportBox = hullBox(
    x.lo.map((a, p) => a.map((v, k) => Math.min(v, profile[p]![sys.support[p]![k]!]!))),
    x.hi.map((a, p) => a.map((v, k) => Math.max(v, profile[p]![sys.support[p]![k]!]!))),
  );
  const regret: number[] = [];
  for (let p = 0; p < N; p++) {
    const v = strategyValues(sys, hull, p);
    let best = -Infinity;
    for (const h of v.hi) best = Math.max(best, h);
    // u_p(x) >= sum over the support of x_p(s) u_p(s, x_-p), interval lower end
    let own = 0;
    sys.support[p]!.forEach((s, k) => {
      imul(hull.lo[p]![k]!, hull.hi[p]![k]!, v.lo[s]!, v.hi[s]!);
      own = down(own + R.lo);
    });
    regret.push(Math.max(0, up(best - own)));
  }
  const enclosure: [number, number][][] = game.shape.map((n) =>
    Array.from({ length: n }, (): [number, number] => [0, 0]),
  );
  sys.support.forEach((S, p) => {
    S.forEach((s, k) => {
      enclosure[p]![s] = [hull.lo[p]![k]!, hull.hi[p]![k]!];
    });
  });
  return {
    profile,
    exact: false,
    regret,
    support: sys.support.map((S) => S.slice()),
    certificate: {
      kind: "interval",
      enclosure,
      uniquenessBox: Array.from(box.lo, (a, k): [number, number] => [a, box.hi[k]!]),
      freeVariables: sys.free.map(([p, s]): [number, number] => [p, s]),
    },
  };
}

/** An equilibrium's box, flattened over players' strategies: its enclosure, or its exact profile widened outward. */
function equilibriumBox(e: NPlayerEquilibrium): { lo: Float64Array; hi: Float64Array } {
  const lo: number[] = [];
  const hi: number[] = [];
  if (e.certificate.kind === "interval") {
    for (const x of e.certificate.enclosure) {
      for (const [a, b] of x) {
        lo.push(a);
        hi.push(b);
      }
    }
  } else {
    for (const x of e.profile) {
      for (const v of x) {
        const f = v instanceof Rational ? v.toNumber() : v;
        lo.push(down(down(f)));
        hi.push(up(up(f)));
      }
    }
  }
  return { lo: Float64Array.from(lo), hi: Float64Array.from(hi) };
}

function sameGivenBoxes(
  a: NPlayerEquilibrium,
  ba: { lo: Float64Array; hi: Float64Array },
  b: NPlayerEquilibrium,
  bb: { lo: Float64Array; hi: Float64Array },
): boolean {
  if (a.exact && b.exact) {
    // equal exact profiles round to bit-identical boxes, so a box that differs decides without Rationals
    for (let k = 0; k < ba.lo.length; k++) if (ba.lo[k] !== bb.lo[k]) return false;
    return a.profile.every((x, p) => x.every((v, s) => (v as Rational).equals(b.profile[p]![s] as Rational)));
  }
  for (let k = 0; k < ba.lo.length; k++) {
    if (!(ba.lo[k]! <= bb.hi[k]! && bb.lo[k]! <= ba.hi[k]!)) return false;
  }
  return true;
}

/** `true` when two equilibria are the same: equal exact profiles, or overlapping enclosures. */
export function sameEquilibrium(a: NPlayerEquilibrium, b: NPlayerEquilibrium): boolean {
  return sameGivenBoxes(a, equilibriumBox(a), b, equilibriumBox(b));
}

/**
 * Distinct equilibria in the order found: `add` keeps an equilibrium unless `sameEquilibrium` holds
 * with one already kept. Each box is built once, so path following, which checks every crossing
 * against every equilibrium found (quadratic in their number), compares numbers without allocating.
 */
export class DistinctEquilibria {
  readonly list: NPlayerEquilibrium[] = [];
  private readonly boxes: { lo: Float64Array; hi: Float64Array }[] = [];

  /** Keeps `e` when it is new; `true` when kept. */
  add(e: NPlayerEquilibrium): boolean {
    const box = equilibriumBox(e);
    for (let i = 0; i < this.list.length; i++) {
      if (sameGivenBoxes(this.list[i]!, this.boxes[i]!, e, box)) return false;
    }
    this.list.push(e);
    this.boxes.push(box);
    return true;
  }
}
