/**
 * `lcp`: Lemke-Howson from every label, and from every equilibrium found unless `startOnly`, exact,
 * two players (`../lcp/`).
 */
import { lemkeHowson } from "../lcp/index.js";
import { METHOD_INFO } from "./catalog.js";
import { checkPathWork } from "./limits.js";
import type { NashMethodEntry } from "./types.js";

/** The `lcp` entry of the method table. */
export const LCP_METHOD: NashMethodEntry = {
  ...METHOD_INFO.lcp,
  checkWork(game, options) {
    if (options.startOnly === true) return;
    const [m, n] = game.shape as [number, number];
    checkPathWork(m, n, options.maxPaths);
  },
  run(game, options) {
    const r = lemkeHowson(game, {
      accessible: options.startOnly !== true,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      ...(options.maxPivots === undefined ? {} : { maxPivots: options.maxPivots }),
      ...(options.maxPaths === undefined ? {} : { maxPaths: options.maxPaths }),
      ...(options.lcpVariant === undefined ? {} : { variant: options.lcpVariant }),
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
