/**
 * The synchronous side of the finite-game facade: `solveFiniteSync` and `checkSolveWork`, over the
 * method table with every method's code imported up front (the producer game's mixed search and
 * library users who cannot wait). `solveFinite` (`solve.ts`) runs the same entries, loaded on demand.
 */
import type { NormalFormGame } from "./game.js";
import type { NashMethod } from "./methods/catalog.js";
import { FP_METHOD, LOGIT_METHOD, REGRET_METHOD, REPLICATOR_METHOD } from "./methods/dynamics.js";
import { ENUMMIXED_METHOD } from "./methods/enummixed.js";
import { ENUMPOLY_METHOD } from "./methods/enumpoly.js";
import { ENUMPURE_METHOD } from "./methods/enumpure.js";
import { GNM_METHOD } from "./methods/gnm.js";
import { LCP_METHOD } from "./methods/lcp.js";
import { LP_METHOD } from "./methods/lp.js";
import { SIMPDIV_METHOD } from "./methods/simpdiv.js";
import type { NashMethodEntry, NashReport, SolveFiniteOptions } from "./methods/types.js";
import { runMethodSync } from "./solve.js";

/** Every method's entry, imported up front (the same objects `loadMethod` returns). */
export const METHOD_ENTRIES: Readonly<Record<NashMethod, NashMethodEntry>> = {
  enumpure: ENUMPURE_METHOD,
  enummixed: ENUMMIXED_METHOD,
  lcp: LCP_METHOD,
  enumpoly: ENUMPOLY_METHOD,
  gnm: GNM_METHOD,
  simpdiv: SIMPDIV_METHOD,
  lp: LP_METHOD,
  fp: FP_METHOD,
  replicator: REPLICATOR_METHOD,
  regret: REGRET_METHOD,
  logit: LOGIT_METHOD,
};

function entryOf(method: NashMethod): NashMethodEntry {
  // an unknown name passes to prepareMethod, which names the known ones
  return Object.hasOwn(METHOD_ENTRIES, method) ? METHOD_ENTRIES[method] : ENUMPURE_METHOD;
}

/**
 * Refuses (before any work) a method whose worst-case work exceeds its limit: `WorkLimitError` naming
 * the option (`maxVertices`, `maxPaths`, `maxEvaluations`) that raises it.
 *
 * @throws WorkLimitError when the estimate exceeds the limit.
 * @example
 * checkSolveWork(fromBimatrix(A20, B20), "enummixed", {}); // throws: 4.0e7 ... exceed the limit
 */
export function checkSolveWork(game: NormalFormGame, method: NashMethod, options: SolveFiniteOptions): void {
  entryOf(method).checkWork?.(game, options);
}

/**
 * `solveFinite` without waiting: for `lp` the LP backends must be given (`options.lpBackends`).
 *
 * @throws InputError (field `method`) as `solveFinite`, and when `lp` is asked without `lpBackends`.
 * @throws WorkLimitError when the method's estimated work exceeds its limit (`checkSolveWork`).
 * @example
 * import { fromBimatrix, solveFiniteSync } from "modelmarket/finite";
 * const pennies = fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
 * solveFiniteSync(pennies, "lcp").equilibria.length; // 1
 */
export function solveFiniteSync(
  game: NormalFormGame,
  method: NashMethod,
  options: SolveFiniteOptions = {},
): NashReport {
  return runMethodSync(game, method, entryOf(method), options);
}
