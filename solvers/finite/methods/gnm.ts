/** `gnm`: global Newton path following from seeded rays, every equilibrium found certified, any number of players (`../gnm/`). */
import { checkGnmWork, gnm } from "../gnm/index.js";
import { nplayerReport } from "../nplayer/report.js";
import type { NashMethodEntry } from "./types.js";

/** The `gnm` entry of the method table. */
export const GNM_METHOD: NashMethodEntry = {
  description:
    "global Newton path following (Govindan and Wilson 2003) from seeded rays, every equilibrium found certified, any number of players",
  players: "any",
  exact: false,
  checkWork: (game, options) => {
    checkGnmWork(game, options);
  },
  run(game, options) {
    const seed = options.seed ?? "modelmarket";
    const r = gnm(game, {
      seed,
      ...(options.starts === undefined ? {} : { starts: options.starts }),
      ...(options.maxWork === undefined ? {} : { maxWork: options.maxWork }),
      ...(options.progress === undefined ? {} : { progress: options.progress }),
    });
    return nplayerReport(game, "gnm", r, { seed, starts: r.stats.starts });
  },
};
