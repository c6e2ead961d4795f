/** `enumpoly`: every equilibrium by support enumeration with certified root finding, any number of players (`../enumpoly/`). */
import { checkEnumPolyWork, enumPoly } from "../enumpoly/index.js";
import { nplayerReport } from "../nplayer/report.js";
import type { NashMethodEntry } from "./types.js";

/** The `enumpoly` entry of the method table. */
export const ENUMPOLY_METHOD: NashMethodEntry = {
  description:
    "support enumeration with certified polynomial solving: every equilibrium (proven complete unless degenerate), exact or certified, any number of players",
  players: "any",
  // payoffs enter as intervals around their doubles: they must be finite doubles
  exact: false,
  checkWork: (game, options) => {
    checkEnumPolyWork(game, options);
  },
  run(game, options) {
    const r = enumPoly(game, {
      ...(options.maxSupports === undefined ? {} : { maxSupports: options.maxSupports }),
      ...(options.maxBoxesPerSupport === undefined ? {} : { maxBoxesPerSupport: options.maxBoxesPerSupport }),
      ...(options.progress === undefined ? {} : { progress: options.progress }),
    });
    return nplayerReport(game, "enumpoly", r);
  },
};
