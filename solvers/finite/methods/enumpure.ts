/** `enumpure`: every pure equilibrium, exact, any number of players (`../enumpure.ts`). */
import { enumPure } from "../enumpure.js";
import type { NashMethodEntry } from "./types.js";

/** The `enumpure` entry of the method table. */
export const ENUMPURE_METHOD: NashMethodEntry = {
  description: "all pure equilibria, exact, any number of players",
  players: "any",
  exact: true,
  run(game) {
    const r = enumPure(game);
    return {
      game,
      method: "enumpure",
      exact: true,
      complete: r.complete,
      equilibria: r.equilibria.map((profile, k) => ({
        profile,
        regret: r.regrets[k]!,
        extra: { strict: r.strict[k] },
      })),
    };
  },
};
