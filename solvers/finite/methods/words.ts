/**
 * What each method of the finite-game facade computes, in words: the one place that describes a
 * `NashMethod` (the methods' table holds data only).
 */
import type { NashMethod } from "./catalog.js";

const DESCRIPTIONS: Readonly<Record<NashMethod, string>> = {
  enumpure: "all pure equilibria, exact, any number of players",
  enummixed:
    "all extreme equilibria (and with the convex option the maximal convex sets), exact, two players",
  lcp: "Lemke-Howson from every label and every equilibrium found, exact, two players",
  enumpoly:
    "support enumeration with certified polynomial solving: every equilibrium (proven complete unless degenerate), exact or certified, any number of players",
  gnm: "global Newton path following (Govindan and Wilson 2003) from seeded rays, every equilibrium found certified, any number of players",
  simpdiv:
    "simplicial subdivision with restart (van der Laan, Talman and van der Heyden 1987) from seeded starts, each answer's regret checked exactly and polished when certified, any number of players",
  lp: "one equilibrium of a two-player constant-sum game by linear programming, certified, floating",
  fp: "fictitious play (Brown 1951), floating, any number of players, seeded",
  replicator: "replicator dynamics (Taylor and Jonker 1978), floating, any number of players",
  regret: "regret matching (Hart and Mas-Colell 2000), floating, any number of players",
  logit: "logit QRE tracing to its Nash limit (McKelvey and Palfrey 1995), floating, any number of players",
};

/**
 * What `method` computes, in one line: the equilibria it finds, exact or floating, the players it
 * accepts, and the paper it follows.
 *
 * Source: the methods' papers, as each line names them; their layout follows Gambit's command-line
 * tools (R. D. McKelvey, A. M. McLennan and T. L. Turocy, Gambit, https://www.gambit-project.org).
 *
 * @throws nothing for a method of `NASH_METHODS`
 * @example
 * import { methodDescriptionText } from "modelmarket/finite";
 * methodDescriptionText("enumpure"); // "all pure equilibria, exact, any number of players"
 */
export function methodDescriptionText(method: NashMethod): string {
  return DESCRIPTIONS[method];
}
