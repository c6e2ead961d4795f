/**
 * `solveEquilibriaAsync`: the producer game's equilibria with what a game needs loaded first, and
 * only that (the LP backends for two strategic producers, the N-player search for three or more), so
 * that `modelmarket equilibrium` (which imports this module, not `index.ts`) loads neither for a game
 * that does not use it.
 */
import { InternalError } from "../../src/errors.js";
import type { Market } from "../../src/model/types.js";
import type { RuleLike } from "../bestResponse/types.js";
import { loadLpBackends } from "../finite/lp/matrix-game.js";
import type { ManyPlayersSearch } from "./mixed.js";
import { type EquilibriumOptions, type EquilibriumReport, solveEquilibriaWith } from "./solve.js";

/**
 * `solveEquilibria` with the LP backends loaded first when two producers are strategic
 * (`loadLpBackends`, once per process, about 70 ms), so that constant-sum two-player games also get
 * the certified maximin LP (`solveConstantSumLp`; von Neumann 1928); the search for three or more
 * strategic producers (enumpoly, gnm, logit tracing: `many-players.ts`) is imported only for such a game.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @throws Error on a broken invariant (a bug in modelmarket)
 * @example
 * const rep = await solveEquilibriaAsync(market, "winrate");
 * rep.mixed.methods; // ["enummixed", "lp"] for a small two-producer winrate game
 * rep.mixed.constantSum?.lp?.certified;
 */
export async function solveEquilibriaAsync(
  market: Market,
  rule: RuleLike,
  opts: EquilibriumOptions = {},
): Promise<EquilibriumReport> {
  // only a two-producer game can be constant-sum and solved by the LP: other games load no LP package
  const strategic = market.producers.filter((p) => p.space.kind !== "fixed").length;
  const lpBackends = opts.lpBackends ?? (strategic === 2 ? await loadLpBackends() : undefined);
  const manyPlayers: ManyPlayersSearch =
    strategic >= 3 ? (await import("./many-players.js")).manyPlayers : twoOrFewer;
  return solveEquilibriaWith(
    market,
    rule,
    { ...opts, ...(lpBackends === undefined ? {} : { lpBackends }) },
    manyPlayers,
  );
}

/** The N-player search of a game with at most two strategic producers: never called (`mixedEquilibria`). */
function twoOrFewer(): never {
  throw new InternalError("the N-player search was called for a game of at most two strategic producers");
}
