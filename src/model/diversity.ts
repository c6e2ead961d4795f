/**
 * Homogenisation and specialisation measures (docs/model.md section 6), on qualities scaled by the caps.
 */
import { tieThreshold } from "../numeric/tolerance.js";

/** The diversity of a set of quality vectors. */
export interface Diversity {
  /** Per producer: L1 distance of `q_i / v` to the nearest other producer's (`null` when alone). */
  nearestDistance: Array<number | null>;
  /** Mean L1 distance over all unordered pairs of producers (`null` with fewer than two). */
  meanPairwiseDistance: number | null;
  /**
   * Per producer: `1 - H(q_i / sum_t q_it) / log T` with `H` the Shannon entropy: 0 for an even
   * spread, 1 for all quality on one task. Defined as 0 for an all-zero vector and when `T = 1`.
   */
  specialisation: number[];
  /** Number of tasks on which exactly one producer has the highest quality (within the tolerance). */
  uniqueBestTasks: number;
}

/**
 * L1 distance between two quality vectors after dividing each task by its cap.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * scaledDistance([1, 0], [0, 1], [1, 1]); // 2
 */
export function scaledDistance(a: readonly number[], b: readonly number[], caps: readonly number[]): number {
  let d = 0;
  for (let t = 0; t < caps.length; t++) d += Math.abs(a[t]! - b[t]!) / caps[t]!;
  return d;
}

/**
 * Specialisation index `1 - H(q / sum q) / log T` of one quality vector.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * specialisationIndex([1, 0, 0]); // 1
 * specialisationIndex([1, 1, 1]); // 0
 */
export function specialisationIndex(q: readonly number[]): number {
  const T = q.length;
  // Scaled by the largest entry first: the plain sum overflows for entries near the largest double
  // (p = v / Infinity = 0, then 0 log 0 = NaN), and the scaled sum lies in [1, T].
  let max = 0;
  for (const v of q) if (v > max) max = v;
  if (T < 2 || !(max > 0)) return 0;
  let total = 0;
  for (const v of q) total += v / max;
  let h = 0;
  for (const v of q) {
    const p = v / max / total;
    // p log p -> 0 as p -> 0 (also where p underflows to 0)
    if (p > 0) h -= p * Math.log(p);
  }
  const s = 1 - h / Math.log(T);
  return Math.min(Math.max(s, 0), 1);
}

/**
 * All diversity measures of the quality vectors `qualities[i][t]` with caps `caps[t]`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const d = diversity([[1, 0], [0, 1]], [1, 1]);
 * d.meanPairwiseDistance; // 2
 * d.uniqueBestTasks;      // 2
 */
export function diversity(qualities: readonly (readonly number[])[], caps: readonly number[]): Diversity {
  const n = qualities.length;
  const nearest: Array<number | null> = new Array(n).fill(null);
  let pairSum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = scaledDistance(qualities[i]!, qualities[j]!, caps);
      pairSum += d;
      if (nearest[i] === null || d < nearest[i]!) nearest[i] = d;
      if (nearest[j] === null || d < nearest[j]!) nearest[j] = d;
    }
  }
  let unique = 0;
  for (let t = 0; t < caps.length; t++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) max = Math.max(max, qualities[i]![t]!);
    let count = 0;
    // the perfect rule's tie line, so that "unique best" agrees with who wins under perfect
    const line = tieThreshold(max);
    for (let i = 0; i < n; i++) if (qualities[i]![t]! >= line) count++;
    if (count === 1) unique++;
  }
  return {
    nearestDistance: nearest,
    meanPairwiseDistance: n < 2 ? null : pairSum / ((n * (n - 1)) / 2),
    specialisation: qualities.map((q) => specialisationIndex(q)),
    uniqueBestTasks: unique,
  };
}
