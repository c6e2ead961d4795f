/**
 * Why a floating method of `solveFinite` reports no equilibrium, as a code with its numbers
 * (`NashReport.failure`), and the one wording of it (`failureText`), which `modelmarket nash` prints.
 */

/** Why no equilibrium is reported (the regret numbers are the final profile's). */
export type NashFailure =
  /** A dynamic ran out of iterations. */
  | {
      code: "not-converged";
      method: string;
      iterations: number;
      maxRegret: number;
      maxRelativeRegret: number;
      tolerance: number;
    }
  /** A dynamic converged to a profile that failed the regret check. */
  | {
      code: "failed-regret-check";
      method: string;
      maxRegret: number;
      maxRelativeRegret: number;
      tolerance: number;
    }
  /** simpdiv converged from none of its starts (`labels`: each start's label count). */
  | {
      code: "simpdiv-not-converged";
      starts: number;
      leastRelativeRegret: number;
      tolerance: number;
      labels: number[];
    }
  /** The LP's answer is certified but its profile failed the regret check. */
  | { code: "lp-failed-regret-check"; maxRelativeRegret: number; tolerance: number }
  /** The LP's value is not certified: it lies in `[lower, upper]`, wider than the tolerance. */
  | {
      code: "lp-not-certified";
      lower: number;
      upper: number;
      gap: number;
      tolerance: number;
      backends: string[];
    };

/**
 * Why no equilibrium is reported, in words (one line, for stderr).
 *
 * Source: the project's own wording (docs/finite-games.md).
 *
 * @throws nothing
 * @example
 * import { failureText } from "modelmarket/finite";
 * failureText({ code: "lp-failed-regret-check", maxRelativeRegret: 0.5, tolerance: 1e-9 }); // "lp answer failed the regret check (largest regret relative to the player's payoff range 0.5 > tolerance 1e-9); no equilibrium printed"
 */
export function failureText(f: NashFailure): string {
  switch (f.code) {
    case "not-converged":
    case "failed-regret-check": {
      const tol = `tolerance ${num(f.tolerance)} of each player's own payoff range`;
      const rel = `max regret ${num(f.maxRegret)}, ${num(f.maxRelativeRegret)} of its player's payoff range`;
      return f.code === "failed-regret-check"
        ? `${f.method} profile failed the regret check (${rel}, ${tol}); no equilibrium printed`
        : `${f.method} did not converge after ${f.iterations} iterations (${rel}, ${tol}); no equilibrium printed`;
    }
    case "simpdiv-not-converged":
      return `simpdiv did not converge from any of ${f.starts} start${f.starts === 1 ? "" : "s"} (least relative regret ${f.leastRelativeRegret.toPrecision(3)} > tolerance ${f.tolerance} after ${f.labels.join(", ")} labels); no equilibrium printed`;
    case "lp-failed-regret-check":
      return `lp answer failed the regret check (largest regret relative to the player's payoff range ${num(f.maxRelativeRegret)} > tolerance ${num(f.tolerance)}); no equilibrium printed`;
    case "lp-not-certified":
      return `lp answer not certified: the value lies in [${num(f.lower)}, ${num(f.upper)}], gap ${num(f.gap)} > tolerance ${num(f.tolerance)} (backends tried: ${f.backends.join(", ")}); no equilibrium printed`;
  }
}

/**
 * A number in a message: six significant digits, no trailing zeros, exponent form below 1e-3. Kept
 * here, not beside the regret check, so that wording a failure loads no dynamics (nor ml-matrix).
 */
function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const rounded = Number(x.toPrecision(6));
  return rounded !== 0 && Math.abs(rounded) < 1e-3 ? rounded.toExponential() : String(rounded);
}
