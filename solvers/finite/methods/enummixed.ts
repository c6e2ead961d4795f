/**
 * `enummixed`: every extreme equilibrium of a two-player game by vertex enumeration, exact
 * (`../enummixed/`), and with the `convex` option the maximal convex sets of equilibria.
 */
import { checkWorkLimit } from "../../../src/work.js";
import { enumMixed } from "../enummixed/index.js";
import { DEFAULT_MAX_VERTICES, polytopeVertexBound } from "./limits.js";
import type { NashMethodEntry, NashReport } from "./types.js";

/** The `enummixed` entry of the method table. */
export const ENUMMIXED_METHOD: NashMethodEntry = {
  description:
    "all extreme equilibria (and with the convex option the maximal convex sets), exact, two players",
  players: "two",
  exact: true,
  checkWork(game, options) {
    const [m, n] = game.shape as [number, number];
    checkWorkLimit(
      "maxVertices",
      polytopeVertexBound(m, m + n) + polytopeVertexBound(n, m + n),
      options.maxVertices ?? DEFAULT_MAX_VERTICES,
      `best-response polytope vertices (upper bound for ${m} x ${n})`,
    );
  },
  run(game, options) {
    const r = enumMixed(game, options.progress === undefined ? {} : { progress: options.progress });
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
