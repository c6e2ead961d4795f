/**
 * What every method of the finite-game facade is, without its code: name, the players it accepts,
 * exact or floating, and (dynamics) the default iteration cap (`methodDescriptionText` words each). The facade
 * (`../solve.ts`) validates and describes methods from this table and loads a method's code
 * (`methods/*.ts` and the algorithm under it) only when it runs, so that `nash` on a small game does
 * not pay for the LP backends, the dynamics' libraries or the exact enumerators it does not use.
 */
import {
  FICTITIOUS_PLAY_MAX_ITERATIONS,
  LOGIT_TRACING_MAX_ITERATIONS,
  REGRET_MATCHING_MAX_ITERATIONS,
  REPLICATOR_MAX_ITERATIONS,
} from "../dynamics/defaults.js";

/** What one method is (`methodDescriptionText` words what it computes). */
export interface MethodInfo {
  /** `"two"`: two-player games only; `"any"`: any number of players. */
  readonly players: "two" | "any";
  /** `true` when the method computes in exact rationals (double payoffs are not needed). */
  readonly exact: boolean;
}

/** Every method `solveFinite` and `nash --method` know, in the order `--help` lists them. */
export const METHOD_INFO = {
  enumpure: { players: "any", exact: true },
  enummixed: {
    players: "two",
    exact: true,
  },
  lcp: {
    players: "two",
    exact: true,
  },
  enumpoly: {
    players: "any",
    // payoffs enter as intervals around their doubles: they must be finite doubles
    exact: false,
  },
  gnm: {
    players: "any",
    exact: false,
  },
  simpdiv: {
    players: "any",
    // the grid and the labels are exact rationals; polishing uses the doubles only when they are finite
    exact: true,
  },
  lp: {
    players: "two",
    exact: false,
  },
  fp: {
    players: "any",
    exact: false,
  },
  replicator: {
    players: "any",
    exact: false,
  },
  regret: {
    players: "any",
    exact: false,
  },
  logit: {
    players: "any",
    exact: false,
  },
} as const satisfies Record<string, MethodInfo>;

/** A method name of `nash`. */
export type NashMethod = keyof typeof METHOD_INFO;

/** The learning dynamics among the methods (they take `--iterations` and `--tolerance`). */
export const DYNAMICS_METHODS = ["fp", "replicator", "regret", "logit"] as const;

/** A dynamics method of `nash`. */
export type DynamicsMethod = (typeof DYNAMICS_METHODS)[number];

/** Default iteration cap of each dynamics method (`--iterations`). */
export const DYNAMICS_DEFAULT_ITERATIONS: Readonly<Record<DynamicsMethod, number>> = {
  fp: FICTITIOUS_PLAY_MAX_ITERATIONS,
  replicator: REPLICATOR_MAX_ITERATIONS,
  regret: REGRET_MATCHING_MAX_ITERATIONS,
  logit: LOGIT_TRACING_MAX_ITERATIONS,
};
