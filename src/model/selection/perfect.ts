/**
 * `perfect` selection: the consumer always picks a best answer, splitting ties evenly.
 *
 * `pi_i = 1[q_i = max_j q_j] / #argmax`, where "equal to the max" means within
 * `RELATIVE_TOLERANCE * v_t` (src/numeric/tolerance.ts).
 */
import { RELATIVE_TOLERANCE } from "../../numeric/tolerance.js";
import { type SelectionKernel, thresholdPairwiseMeans, topTwo } from "./kernel.js";

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
    welfareWithout(q, n, _cap, _pi, out) {
      const { first, second, argFirst } = topTwo(q, n);
      for (let k = 0; k < n; k++) out[k] = n === 1 ? 0 : k === argFirst ? second : first;
    },
    pairwiseMeans(q, n, cap, out) {
      thresholdPairwiseMeans(q, n, RELATIVE_TOLERANCE * cap, 0, out);
    },
  };
}

/** `perfect` choice probabilities (shared by the `epsilon` rule). */
export function perfectChoice(q: ArrayLike<number>, n: number, cap: number, out: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) if (q[i]! > max) max = q[i]!;
  const threshold = max - RELATIVE_TOLERANCE * cap;
  let count = 0;
  for (let i = 0; i < n; i++) if (q[i]! >= threshold) count++;
  const share = 1 / count;
  for (let i = 0; i < n; i++) out[i] = q[i]! >= threshold ? share : 0;
}
