/**
 * `lcp`: Lemke-Howson from every label, and from every equilibrium found unless `startOnly`, exact,
 * two players (`../lcp/`).
 */
import { checkWorkLimit } from "../../../src/work.js";
import { lemkeHowson } from "../lcp/index.js";
import { DEFAULT_MAX_PATHS, polytopeVertexBound } from "./limits.js";
import type { NashMethodEntry } from "./types.js";

/** The `lcp` entry of the method table. */
export const LCP_METHOD: NashMethodEntry = {
  description: "Lemke-Howson from every label and every equilibrium found, exact, two players",
  players: "two",
  exact: true,
  checkWork(game, options) {
    if (options.startOnly === true) return;
    const [m, n] = game.shape as [number, number];
    checkWorkLimit(
      "maxPaths",
      (m + n) * Math.min(polytopeVertexBound(m, m + n), polytopeVertexBound(n, m + n)),
      options.maxPaths ?? DEFAULT_MAX_PATHS,
      `Lemke-Howson paths (upper bound for ${m} x ${n}; startOnly follows ${m + n})`,
    );
  },
  run(game, options) {
    const r = lemkeHowson(game, {
      accessible: options.startOnly !== true,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      ...(options.maxPivots === undefined ? {} : { maxPivots: options.maxPivots }),
    });
    return {
      game,
      method: "lcp",
      exact: true,
      complete: r.complete,
      equilibria: r.equilibria.map((e) => ({
        profile: e.profile,
        regret: e.regret,
        extra: { labelsFromArtificial: e.labelsFromArtificial },
      })),
      details: {
        paths: r.paths.length,
        cappedPaths: r.paths.filter((p) => p.to === null).length,
        longestPath: r.paths.reduce((a, p) => Math.max(a, p.pivots), 0),
      },
    };
  },
};
