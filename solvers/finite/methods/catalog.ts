/**
 * What every method of the finite-game facade is, without its code: name, one-line description,
 * the players it accepts, exact or floating, and (dynamics) the default iteration cap. The facade
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

/** The description of one method. */
export interface MethodInfo {
  /** What it computes (one line, shown by `nash --help`). */
  readonly description: string;
  /** `"two"`: two-player games only; `"any"`: any number of players. */
  readonly players: "two" | "any";
  /** `true` when the method computes in exact rationals (double payoffs are not needed). */
  readonly exact: boolean;
}

/** Every method `solveFinite` and `nash --method` know, in the order `--help` lists them. */
export const METHOD_INFO = {
  enumpure: { description: "all pure equilibria, exact, any number of players", players: "any", exact: true },
  enummixed: {
    description:
      "all extreme equilibria (and with the convex option the maximal convex sets), exact, two players",
    players: "two",
    exact: true,
  },
  lcp: {
    description: "Lemke-Howson from every label and every equilibrium found, exact, two players",
    players: "two",
    exact: true,
  },
  enumpoly: {
    description:
      "support enumeration with certified polynomial solving: every equilibrium (proven complete unless degenerate), exact or certified, any number of players",
    players: "any",
    // payoffs enter as intervals around their doubles: they must be finite doubles
    exact: false,
  },
  gnm: {
    description:
      "global Newton path following (Govindan and Wilson 2003) from seeded rays, every equilibrium found certified, any number of players",
    players: "any",
    exact: false,
  },
  simpdiv: {
    description:
      "simplicial subdivision with restart (van der Laan, Talman and van der Heyden 1987) from seeded starts, each answer's regret checked exactly and polished when certified, any number of players",
    players: "any",
    // the grid and the labels are exact rationals; polishing uses the doubles only when they are finite
    exact: true,
  },
  lp: {
    description:
      "one equilibrium of a two-player constant-sum game by linear programming, certified, floating",
    players: "two",
    exact: false,
  },
  fp: {
    description: "fictitious play (Brown 1951), floating, any number of players, seeded",
    players: "any",
    exact: false,
  },
  replicator: {
    description: "replicator dynamics (Taylor and Jonker 1978), floating, any number of players",
    players: "any",
    exact: false,
  },
  regret: {
    description: "regret matching (Hart and Mas-Colell 2000), floating, any number of players",
    players: "any",
    exact: false,
  },
  logit: {
    description:
      "logit QRE tracing to its Nash limit (McKelvey and Palfrey 1995), floating, any number of players",
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
