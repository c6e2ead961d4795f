/**
 * The words of an N-player result's completeness: the one place that turns `NPlayerCompleteness` (a
 * code and its numbers) into a sentence, for the command line and the explorer.
 */
import { plural } from "../../../src/numeric/format.js";
import type { NPlayerCompleteness } from "./types.js";

/**
 * One sentence saying why an N-player list (enumpoly, gnm, simpdiv) is, or may not be, every
 * equilibrium of the game.
 *
 * Source: the certificates are those of `enumPoly` (Krawczyk's test; R. Krawczyk, Computing 4, 1969)
 * and the path-following methods `gnm` and `simpdiv` (Govindan and Wilson, J. Econ. Theory 110, 2003;
 * van der Laan, Talman and van der Heyden, Math. Oper. Res. 12, 1987).
 *
 * @throws nothing
 * @example
 * import { completenessText, enumPoly, makeGame } from "modelmarket/finite";
 * const g = makeGame([2, 2, 2], [[1, -1, -1, 1, 1, -1, -1, 1], [1, 1, -1, -1, -1, -1, 1, 1], [-1, 1, -1, 1, 1, -1, 1, -1]]);
 * completenessText(enumPoly(g).completeness); // "all 27 support profiles searched; every root certified unique (Krawczyk), every other region excluded"
 */
export function completenessText(c: NPlayerCompleteness): string {
  switch (c.code) {
    case "all-supports-certified":
      return `all ${c.supports} support profiles searched; every root certified unique (Krawczyk), every other region excluded`;
    case "unresolved-regions": {
      const budgetHit = c.unresolved.filter((u) => u.reason === "box-budget").length;
      const degenerate = c.unresolved.length - budgetHit;
      const why = [
        degenerate > 0
          ? `${degenerate} with solutions that are not isolated or not simple (a degenerate game)`
          : "",
        budgetHit > 0 ? `${budgetHit} out of boxes (${c.boxesPerSupport} per support)` : "",
      ]
        .filter((t) => t !== "")
        .join(", ");
      const continua = c.unresolved.filter((u) => u.continuum !== undefined).length;
      const triangles = c.unresolved.filter((u) => u.continuum?.simplex !== undefined).length;
      const planar =
        triangles > 0
          ? `; in ${triangles} a triangle of equilibria, so of dimension at least 2, its centroid listed`
          : "";
      const segments =
        continua > 0
          ? `; ${continua} of them ${continua === 1 ? "holds" : "hold"} a continuum of equilibria (a segment proven exactly, its midpoint listed${planar})`
          : "";
      return `${c.unresolved.length} of ${c.supports} support profiles have regions neither excluded nor certified (${why})${segments}; the equilibria listed are certified, the list may miss equilibria in those regions`;
    }
    case "path-following":
      return c.method === "gnm"
        ? `path following from ${c.starts} rays (${c.converged} reached the end of their path): every equilibrium listed is certified, but equilibria off these paths are not found`
        : `simplicial subdivision from ${plural(c.starts, "start", "starts")} (${c.converged} reached regret <= ${c.tolerance} x payoff range): one approximate equilibrium per start, and equilibria elsewhere are not found`;
  }
}
