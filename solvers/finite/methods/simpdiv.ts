/** `simpdiv`: simplicial subdivision with restart from one or more starts, each answer's regret checked exactly, any number of players (`../simpdiv/`). */
import { DEFAULT_SIMPDIV_TOLERANCE } from "../nplayer/defaults.js";
import { nplayerReport } from "../nplayer/report.js";
import { checkSimpdivWork, simpdiv } from "../simpdiv/index.js";
import { METHOD_INFO } from "./catalog.js";
import type { NashMethodEntry, NashReport } from "./types.js";

/** The `simpdiv` entry of the method table. */
export const SIMPDIV_METHOD: NashMethodEntry = {
  ...METHOD_INFO.simpdiv,
  checkWork: (game, options) => {
    checkSimpdivWork(game, options);
  },
  run(game, options) {
    const seed = options.seed ?? "modelmarket";
    const r = simpdiv(game, {
      seed,
      ...(options.starts === undefined ? {} : { starts: options.starts }),
      ...(options.tolerance === undefined ? {} : { tolerance: options.tolerance }),
      ...(options.maxPivots === undefined ? {} : { maxPivots: options.maxPivots }),
      ...(options.maxWork === undefined ? {} : { maxWork: options.maxWork }),
      ...(options.arithmetic === undefined ? {} : { arithmetic: options.arithmetic }),
      ...(options.progress === undefined ? {} : { progress: options.progress }),
    });
    const report: NashReport = nplayerReport(game, "simpdiv", r, {
      seed,
      starts: r.stats.starts,
      runs: r.runs,
    });
    if (r.equilibria.length === 0) {
      const worst = Math.min(...r.runs.map((x) => x.relativeRegret));
      const tolerance = options.tolerance ?? DEFAULT_SIMPDIV_TOLERANCE;
      report.failure = {
        code: "simpdiv-not-converged",
        starts: r.runs.length,
        leastRelativeRegret: worst,
        tolerance,
        labels: r.runs.map((x) => x.pivots),
      };
    }
    return report;
  },
};
