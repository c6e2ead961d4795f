/**
 * `perfect` selection: the consumer always picks a best answer, splitting ties evenly.
 *
 * `pi_i = 1[q_i = max_j q_j] / #argmax`, where "equal to the max" means at least `tieThreshold(max)`,
 * within `RELATIVE_TOLERANCE * max` of it (src/numeric/tolerance.ts); pairwise comparisons (`beats`) are
 * judged within `RELATIVE_TOLERANCE * v_t`.
 */
import { RELATIVE_TOLERANCE, tieThreshold } from "../../numeric/tolerance.js";
import { type SelectionKernel, thresholdPairwiseMeans } from "./kernel.js";

/**
 * Creates the `perfect` kernel.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const k = perfectKernel();
 * const pi = new Float64Array(3);
 * k.choice([0.5, 0.9, 0.9], 3, 1, pi); // pi = [0, 0.5, 0.5]
 */
export function perfectKernel(): SelectionKernel {
  return {
    choice(q, n, cap, out) {
      perfectChoice(q, n, cap, out);
    },
    beats(a, b, cap) {
      const tol = RELATIVE_TOLERANCE * cap;
      if (a - b > tol) return 1;
      if (b - a > tol) return 0;
      return 0.5;
    },
    welfareWithout(q, n, cap, _pi, out) {
      perfectWelfareWithout(q, n, cap, out);
    },
    pairwiseMeans(q, n, cap, out) {
      thresholdPairwiseMeans(q, n, RELATIVE_TOLERANCE * cap, 0, out);
    },
  };
}

/** `perfect` choice probabilities (shared by the `epsilon` rule). */
export function perfectChoice(q: ArrayLike<number>, n: number, _cap: number, out: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) if (q[i]! > max) max = q[i]!;
  const threshold = tieThreshold(max);
  let count = 0;
  for (let i = 0; i < n; i++) if (q[i]! >= threshold) count++;
  const share = 1 / count;
  for (let i = 0; i < n; i++) out[i] = q[i]! >= threshold ? share : 0;
}

/**
 * `perfect` welfare of the column without producer `k`, for every `k` (0 when `n = 1`), by the same
 * tie rule as `perfectChoice` applied to the column without `k`: the mean of the qualities at least
 * `tieThreshold` of that column's maximum. (Taking the plain maximum instead disagrees with
 * evaluating the smaller market when the remaining top is a near-tie.) O(n): removing anyone but the
 * first maximiser leaves the maximum, removing it leaves the largest of the others.
 *
 * @example
 * const out = new Float64Array(3);
 * perfectWelfareWithout([1, 1 - 1e-12, 0.5], 3, 1, out); // out = [1 - 1e-12, 1, 1 - 5e-13]
 */
export function perfectWelfareWithout(
  q: ArrayLike<number>,
  n: number,
  _cap: number,
  out: Float64Array,
): void {
  if (n === 1) {
    out[0] = 0;
    return;
  }
  let argFirst = 0;
  for (let i = 1; i < n; i++) if (q[i]! > q[argFirst]!) argFirst = i;
  let second = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) if (i !== argFirst && q[i]! > second) second = q[i]!;
  const t1 = tieThreshold(q[argFirst]!);
  const t2 = tieThreshold(second);
  let s1 = 0;
  let c1 = 0;
  let s2 = 0;
  let c2 = 0;
  for (let i = 0; i < n; i++) {
    const v = q[i]!;
    if (v >= t1) {
      s1 += v;
      c1++;
    }
    if (i !== argFirst && v >= t2) {
      s2 += v;
      c2++;
    }
  }
  for (let k = 0; k < n; k++) {
    if (k === argFirst) out[k] = (1 / c2) * s2;
    else if (q[k]! >= t1) out[k] = (1 / (c1 - 1)) * (s1 - q[k]!);
    else out[k] = (1 / c1) * s1;
  }
}
