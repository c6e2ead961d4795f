/**
 * `epsilon` selection: with probability `1 - eps` the best answer (ties split), otherwise a uniformly
 * random one: `pi_i = (1 - eps) perfect_i + eps / n`.
 */
import { RELATIVE_TOLERANCE } from "../../numeric/tolerance.js";
import { type SelectionKernel, thresholdPairwiseMeans } from "./kernel.js";
import { perfectChoice, perfectWelfareWithout } from "./perfect.js";

/**
 * Creates the `epsilon` kernel (`eps` in `[0, 1]`; `eps = 1` is the uniform rule, `eps = 0` perfect).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const pi = new Float64Array(2);
 * epsilonKernel(0.2).choice([1, 0], 2, 1, pi); // pi = [0.9, 0.1]
 */
export function epsilonKernel(eps: number): SelectionKernel {
  return {
    choice(q, n, cap, out) {
      perfectChoice(q, n, cap, out);
      const u = eps / n;
      for (let i = 0; i < n; i++) out[i] = (1 - eps) * out[i]! + u;
    },
    beats(a, b, cap) {
      const tol = RELATIVE_TOLERANCE * cap;
      const p = a - b > tol ? 1 : b - a > tol ? 0 : 0.5;
      return (1 - eps) * p + eps / 2;
    },
    welfareWithout(q, n, cap, _pi, out) {
      // U = (1 - eps) U_perfect + eps mean, U_perfect of the column without k by perfect's tie rule
      perfectWelfareWithout(q, n, cap, out);
      if (n === 1) return;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += q[i]!;
      for (let k = 0; k < n; k++) out[k] = (1 - eps) * out[k]! + (eps * (sum - q[k]!)) / (n - 1);
    },
    pairwiseMeans(q, n, cap, out) {
      thresholdPairwiseMeans(q, n, RELATIVE_TOLERANCE * cap, eps, out);
    },
  };
}
