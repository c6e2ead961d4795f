/**
 * `logit` (softmax, Luce) selection: `pi_i = exp(beta q_i) / sum_j exp(beta q_j)`.
 *
 * Computed with the maximum subtracted, `a_i = exp(beta (q_i - max))`, so it is stable for any
 * `beta` (tested up to 1e4). Pairwise it is Bradley-Terry: `P(a beats b) = sigmoid(beta (a - b))`.
 * Reference: Luce (1959), Individual Choice Behavior; McFadden (1974).
 */
import { sigmoid } from "../../numeric/normal.js";
import type { SelectionKernel } from "./kernel.js";

/**
 * Creates the `logit` kernel with inverse temperature `beta >= 0` (`beta = 0` is uniform).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const pi = new Float64Array(2);
 * logitKernel(1).choice([1, 0], 2, 1, pi); // pi = [sigmoid(1), 1 - sigmoid(1)]
 */
// Over 80 lines: a closure over the exponentials of the last column, shared by choice and pairwiseMeans; splitting it would pass that cache around.
export function logitKernel(beta: number): SelectionKernel {
  // exponentials of the last `choice`, with the column they belong to (reused by pairwiseMeans)
  let expo = new Float64Array(8);
  let expoQ = new Float64Array(8);
  let expoN = 0;
  return {
    choice(q, n, _cap, out) {
      if (expo.length < n) {
        expo = new Float64Array(2 * n);
        expoQ = new Float64Array(2 * n);
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) if (q[i]! > max) max = q[i]!;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const e = Math.exp(beta * (q[i]! - max));
        expo[i] = e;
        expoQ[i] = q[i]!;
        sum += e;
      }
      expoN = n;
      const inv = 1 / sum;
      for (let i = 0; i < n; i++) out[i] = expo[i]! * inv;
    },
    beats(x, y) {
      return sigmoid(beta * (x - y));
    },
    pairwiseMeans(q, n, _cap, out) {
      if (n === 1) {
        out[0] = 1;
        return;
      }
      // P(i beats j) = a_i / (a_i + a_j) with a = exp(beta (q - max)): the exponentials of `choice`
      // on the same column are reused, so no exponential per pair. Where both a's underflow, the
      // sigmoid is used directly.
      let same = expoN === n;
      for (let i = 0; same && i < n; i++) same = expoQ[i] === q[i];
      if (!same) {
        if (expo.length < n) {
          expo = new Float64Array(2 * n);
          expoQ = new Float64Array(2 * n);
        }
        let max = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < n; i++) if (q[i]! > max) max = q[i]!;
        for (let i = 0; i < n; i++) expo[i] = Math.exp(beta * (q[i]! - max));
        expoN = 0;
      }
      let min = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        out[i] = 0;
        if (expo[i]! < min) min = expo[i]!;
      }
      const safe = min > 1e-150; // then a_i + a_j > 1e-300 for every pair: no underflow possible
      for (let i = 0; i < n; i++) {
        const ai = expo[i]!;
        let own = 0;
        for (let j = i + 1; j < n; j++) {
          const s = ai + expo[j]!;
          const p = safe || s > 1e-300 ? ai / s : sigmoid(beta * (q[i]! - q[j]!));
          own += p;
          out[j] = out[j]! + (1 - p);
        }
        out[i] = out[i]! + own;
      }
      const inv = 1 / (n - 1);
      for (let i = 0; i < n; i++) out[i] = out[i]! * inv;
    },
    welfareWithout(q, n, _cap, pi, out) {
      if (n === 1) {
        out[0] = 0;
        return;
      }
      // U_{-k} = (U - pi_k q_k) / (1 - pi_k). When pi_k is close to 1 the division loses accuracy,
      // so that column is recomputed directly (at most one such k exists when pi_k > 1/2).
      let u = 0;
      for (let i = 0; i < n; i++) u += pi[i]! * q[i]!;
      for (let k = 0; k < n; k++) {
        const rest = 1 - pi[k]!;
        if (rest >= 0.5) {
          out[k] = (u - pi[k]! * q[k]!) / rest;
          continue;
        }
        let max = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < n; i++) if (i !== k && q[i]! > max) max = q[i]!;
        let s0 = 0;
        let s1 = 0;
        for (let i = 0; i < n; i++) {
          if (i === k) continue;
          const e = Math.exp(beta * (q[i]! - max));
          s0 += e;
          s1 += e * q[i]!;
        }
        out[k] = s1 / s0;
      }
    },
  };
}
