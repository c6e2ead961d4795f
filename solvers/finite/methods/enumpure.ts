/** `enumpure`: every pure equilibrium, exact, any number of players (`../enumpure.ts`). */
import { enumPure } from "../enumpure.js";
import { METHOD_INFO } from "./catalog.js";
import type { NashMethodEntry } from "./types.js";

/** The `enumpure` entry of the method table. */
export const ENUMPURE_METHOD: NashMethodEntry = {
  ...METHOD_INFO.enumpure,
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
