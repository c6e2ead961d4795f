/**
 * The finite-game facade: one entry point, `solveFinite(game, method, options)`, a thin dispatcher
 * over the method table `METHODS`, one entry per method and one file per entry in `methods/` (as
 * Gambit's `nash.h` lists its solvers and Nashpy keeps one algorithm per module). A new method is a
 * file in `methods/` exporting a `NashMethodEntry` and one line in `METHODS`. Used by the `nash`
 * command and the producer game's mixed search, and exported from `modelmarket/finite`.
 */
import { InputError } from "../../src/errors.js";
import { floatPayoffs, type NormalFormGame, profileFromIndex } from "./game.js";
import {
  DYNAMICS_DEFAULT_ITERATIONS,
  DYNAMICS_METHODS,
  type DynamicsMethod,
  METHOD_INFO,
  type NashMethod,
} from "./methods/catalog.js";
import type { NashMethodEntry, NashReport, SolveFiniteOptions } from "./methods/types.js";

export { DYNAMICS_DEFAULT_ITERATIONS, type NashMethod };

/**
 * The method table, loaded on demand: each entry's code (and the libraries under it: the LP backends,
 * the dynamics' linear algebra) is imported the first time the method runs. `solveFiniteSync` and
 * `checkSolveWork` (`solve-sync.ts`) hold the same entries imported up front.
 */
const LOADERS: Readonly<Record<NashMethod, () => Promise<NashMethodEntry>>> = {
  enumpure: async () => (await import("./methods/enumpure.js")).ENUMPURE_METHOD,
  enummixed: async () => (await import("./methods/enummixed.js")).ENUMMIXED_METHOD,
  lcp: async () => (await import("./methods/lcp.js")).LCP_METHOD,
  enumpoly: async () => (await import("./methods/enumpoly.js")).ENUMPOLY_METHOD,
  gnm: async () => (await import("./methods/gnm.js")).GNM_METHOD,
  simpdiv: async () => (await import("./methods/simpdiv.js")).SIMPDIV_METHOD,
  lp: async () => (await import("./methods/lp.js")).LP_METHOD,
  fp: async () => (await import("./methods/dynamics.js")).FP_METHOD,
  replicator: async () => (await import("./methods/dynamics.js")).REPLICATOR_METHOD,
  regret: async () => (await import("./methods/dynamics.js")).REGRET_METHOD,
  logit: async () => (await import("./methods/dynamics.js")).LOGIT_METHOD,
};

/**
 * The entry of `method` with its code loaded (`InputError` on a name that is not a method).
 *
 * @throws InputError (field `method`) on an unknown method name.
 * @example
 * const entry = await loadMethod("enummixed"); // entry.run(game, {}) solves synchronously
 */
export async function loadMethod(method: NashMethod): Promise<NashMethodEntry> {
  return LOADERS[knownMethod(method)]();
}

/** The methods `nash` knows, in the order `--help` lists them (`methodDescriptionText` says what each computes). */
export const NASH_METHODS: readonly NashMethod[] = Object.freeze(Object.keys(METHOD_INFO) as NashMethod[]);

/** The methods that make random choices (they take `--seed`; the others are deterministic). */
export const SEEDED_METHODS = ["fp", "replicator", "gnm", "simpdiv"] as const;

/**
 * `true` for the learning dynamics (`fp`, `replicator`, `regret`, `logit`).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * isDynamicsMethod("fp"); // true
 * isDynamicsMethod("lp"); // false
 */
export function isDynamicsMethod(method: NashMethod): method is DynamicsMethod {
  return (DYNAMICS_METHODS as readonly string[]).includes(method);
}

/**
 * Runs one method on a game and returns the renderer's report: the one dispatcher over the finite
 * methods (the `nash` command and the producer game's mixed search both call it). Exact methods:
 * every profile has exactly zero regret. Floating methods (`lp` and the dynamics): at most one
 * profile, reported only when certified/converged and within the regret tolerance; else `failure` is
 * set and `equilibria` is empty.
 *
 * @throws InputError (field `method`) when the method does not fit the game: `enummixed`/`lcp` on a
 *   game that is not two-player, `lp` on one that is not constant-sum.
 * @example
 * import { fromBimatrix, renderText, solveFinite } from "modelmarket/finite";
 * const pennies = fromBimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]);
 * renderText(await solveFinite(pennies, "enummixed")); // "NE,1/2,1/2,1/2,1/2\n"
 */
export async function solveFinite(
  game: NormalFormGame,
  method: NashMethod,
  options: SolveFiniteOptions = {},
): Promise<NashReport> {
  checkMethodFits(game, knownMethod(method));
  const entry = await loadMethod(method);
  prepareMethod(game, method, options, entry);
  return entry.runAsync === undefined ? entry.run(game, options) : entry.runAsync(game, options);
}

/** `method` when it names a method, else `InputError` (field `method`) listing the known ones. */
function knownMethod(method: NashMethod): NashMethod {
  if (Object.hasOwn(METHOD_INFO, method)) return method;
  const known = Object.keys(METHOD_INFO).join(", ");
  throw new InputError(undefined, "method", `unknown method "${String(method)}" (expected one of: ${known})`);
}

/**
 * The checks every method passes before it runs, in this order: a known name, the players it needs,
 * its work within its limit (`entry.checkWork`), and (floating methods) every payoff a finite double.
 * Shared by `solveFinite` and `solveFiniteSync` (`solve-sync.ts`).
 *
 * @throws InputError (field `method`) when the method is unknown or does not fit the game.
 * @throws WorkLimitError when the method's estimated work exceeds its limit.
 * @example
 * prepareMethod(game, "enummixed", {}, await loadMethod("enummixed"));
 */
export function prepareMethod(
  game: NormalFormGame,
  method: NashMethod,
  options: SolveFiniteOptions,
  entry: NashMethodEntry,
): void {
  checkMethodFits(game, knownMethod(method));
  entry.checkWork?.(game, options);
  // floating methods need every payoff as a finite double (1e400 in an .nfg is exact but Infinity)
  if (!entry.exact) requireFinitePayoffs(game, method);
}

/**
 * One method run at once from its entry (`NashMethodEntry`, shapes and units as `solveFinite`'s), after
 * `prepareMethod`'s checks: what `solveFiniteSync` does, for a caller that imports only the entries it
 * runs (the producer game's two-player search: enummixed and lp), so that the rest of the method table
 * (the N-player methods, the dynamics) stays unloaded.
 *
 * @throws InputError (field `method`) as `prepareMethod`.
 * @throws WorkLimitError when the method's estimated work exceeds its limit.
 * @example
 * runMethodSync(game, "enummixed", ENUMMIXED_METHOD, { maxVertices: 1e6 }).equilibria.length;
 */
export function runMethodSync(
  game: NormalFormGame,
  method: NashMethod,
  entry: NashMethodEntry,
  options: SolveFiniteOptions = {},
): NashReport {
  prepareMethod(game, method, options, entry);
  return entry.run(game, options);
}

function checkMethodFits(game: NormalFormGame, method: NashMethod): void {
  const N = game.shape.length;
  if (METHOD_INFO[method].players === "two" && N !== 2) {
    // suggest only methods that accept this game
    const any = Object.entries(METHOD_INFO)
      .filter(([, e]) => e.players === "any")
      .map(([name]) => name)
      .join(", ");
    throw new InputError(
      undefined,
      "method",
      `${method} needs a two-player game; this one has ${N} player${N === 1 ? "" : "s"} (methods for any number of players: ${any})`,
    );
  }
}

function requireFinitePayoffs(game: NormalFormGame, method: NashMethod): void {
  const tables = floatPayoffs(game);
  for (let p = 0; p < tables.length; p++) {
    const k = tables[p]!.findIndex((v) => !Number.isFinite(v));
    if (k === -1) continue;
    const profile = profileFromIndex(game.shape, k).map((s) => s + 1);
    throw new InputError(
      undefined,
      "method",
      `${method} computes in doubles, but player ${p + 1}'s payoff at (${profile.join(", ")}) is beyond the double range (|u| > 1.8e308); use enumpure, enummixed or lcp (exact)`,
    );
  }
}
