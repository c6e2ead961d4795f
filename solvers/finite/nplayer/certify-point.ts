/**
 * Certifying a floating profile that is near an equilibrium (the answer of a path-following method or
 * a learning dynamic): its support's indifference system is solved by Newton's method at the profile,
 * the root is certified unique in a small box by Krawczyk's test, and then classified exactly as
 * support enumeration classifies roots (exact rational polish, or a rigorous regret bound).
 */
import type { FloatProfile, NormalFormGame } from "../game.js";
import { classifyRoot } from "./certify.js";
import { krawczyk, newton, tighten } from "./krawczyk.js";
import { supportSystem } from "./support-system.js";
import type { NPlayerEquilibrium } from "./types.js";

/** Probabilities below these form the candidate supports' complements, tried in order. */
const SUPPORT_THRESHOLDS = [1e-12, 1e-9, 1e-6, 1e-3];
/** Half-widths (relative) of the boxes tried around Newton's answer. */
const RADII = [1e-12, 1e-9, 1e-6, 1e-4];

/**
 * The certified equilibrium near a floating profile, or `null` when none could be certified (the
 * profile is not near an equilibrium, or the equilibrium is degenerate: its support system is singular
 * there). The support is the strategies with probability above a threshold (1e-12, then 1e-9, 1e-6,
 * 1e-3); the equilibrium returned is the unique root of that support's system near the profile,
 * exact when rational.
 *
 * @param profile `profile[p][s]`, probabilities of each player (need not be exact)
 * @throws nothing for a profile of the game's shape
 * @example
 * import { certifyEquilibrium, makeGame } from "modelmarket/finite";
 * const g = makeGame([2, 2, 2], [[1, -1, -1, 1, 1, -1, -1, 1], [1, 1, -1, -1, -1, -1, 1, 1], [-1, 1, -1, 1, 1, -1, 1, -1]]);
 * certifyEquilibrium(g, [[0.5000001, 0.4999999], [0.5, 0.5], [0.49, 0.51]])?.profile.map(String); // ["1/2,1/2", "1/2,1/2", "1/2,1/2"]
 */
export function certifyEquilibrium(game: NormalFormGame, profile: FloatProfile): NPlayerEquilibrium | null {
  const tried = new Set<string>();
  for (const threshold of SUPPORT_THRESHOLDS) {
    const support = profile.map((x) => {
      const s = x.flatMap((v, k) => (v > threshold ? [k] : []));
      return s.length > 0 ? s : [x.indexOf(Math.max(...x))];
    });
    const key = JSON.stringify(support);
    if (tried.has(key)) continue;
    tried.add(key);
    const found = certifyOnSupport(game, support, profile);
    if (found !== null) return found;
  }
  return null;
}

function certifyOnSupport(
  game: NormalFormGame,
  support: number[][],
  profile: FloatProfile,
): NPlayerEquilibrium | null {
  const sys = supportSystem(game, support);
  if (sys.dim === 0) {
    const empty = { lo: new Float64Array(0), hi: new Float64Array(0) };
    const v = classifyRoot(game, sys, empty, empty);
    return v.kind === "equilibrium" ? v.equilibrium : null;
  }
  const start = Float64Array.from(sys.free, ([p, s]) => {
    const sum = support[p]!.reduce((a, k) => a + profile[p]![k]!, 0);
    return sum > 0 ? profile[p]![s]! / sum : 1 / support[p]!.length;
  });
  const y = newton(sys, start) ?? start;
  for (const r of RADII) {
    const lo = y.map((v) => v - r * Math.max(1, Math.abs(v)));
    const hi = y.map((v) => v + r * Math.max(1, Math.abs(v)));
    const k = krawczyk(sys, lo, hi);
    if (k.status !== "unique") continue;
    const v = classifyRoot(game, sys, tighten(sys, k.lo, k.hi), { lo, hi });
    return v.kind === "equilibrium" ? v.equilibrium : null;
  }
  return null;
}
