/**
 * `enummixed`: every extreme equilibrium of a two-player game by vertex enumeration, exact
 * (`../enummixed/`), and with the `convex` option the maximal convex sets of equilibria.
 */
import { enumMixed } from "../enummixed/index.js";
import { METHOD_INFO } from "./catalog.js";
import { checkVertexWork } from "./limits.js";
import type { NashMethodEntry, NashReport } from "./types.js";

/** The `enummixed` entry of the method table. */
export const ENUMMIXED_METHOD: NashMethodEntry = {
  ...METHOD_INFO.enummixed,
  checkWork(game, options) {
    const [m, n] = game.shape as [number, number];
    checkVertexWork(m, n, options.maxVertices);
  },
  run(game, options) {
    const r = enumMixed(game, {
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      ...(options.maxVertices === undefined ? {} : { maxVertices: options.maxVertices }),
    });
    const st = r.stats;
    const report: NashReport = {
      game,
      method: "enummixed",
      exact: true,
      complete: r.complete,
      equilibria: r.equilibria.map((profile, k) => ({ profile, regret: r.regrets[k]! })),
      details: {
        enumerated: st.enumerated,
        vertices: st.vertices,
        bases: st.bases,
        numberPivots: st.numberPivots,
        bigintPivots: st.bigintPivots,
      },
    };
    if (options.convex === true) report.convexSets = r.convexSets.map((s) => ({ equilibria: s.equilibria }));
    return report;
  },
};
