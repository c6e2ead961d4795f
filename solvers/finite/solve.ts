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
  DYNAMICS_METHODS,
  type DynamicsMethod,
  FP_METHOD,
  LOGIT_METHOD,
  REGRET_METHOD,
  REPLICATOR_METHOD,
} from "./methods/dynamics.js";
import { ENUMMIXED_METHOD } from "./methods/enummixed.js";
import { ENUMPOLY_METHOD } from "./methods/enumpoly.js";
import { ENUMPURE_METHOD } from "./methods/enumpure.js";
import { GNM_METHOD } from "./methods/gnm.js";
import { LCP_METHOD } from "./methods/lcp.js";
import { LP_METHOD } from "./methods/lp.js";
import type { NashMethodEntry, NashReport, SolveFiniteOptions } from "./methods/types.js";

/** The method table: every method `solveFinite` and `nash --method` know, in the order `--help` lists them. */
const METHODS = {
  enumpure: ENUMPURE_METHOD,
  enummixed: ENUMMIXED_METHOD,
  lcp: LCP_METHOD,
  enumpoly: ENUMPOLY_METHOD,
  gnm: GNM_METHOD,
  lp: LP_METHOD,
  fp: FP_METHOD,
  replicator: REPLICATOR_METHOD,
  regret: REGRET_METHOD,
  logit: LOGIT_METHOD,
} satisfies Record<string, NashMethodEntry>;

/** A method name of `nash`. */
export type NashMethod = keyof typeof METHODS;

/** The methods `nash` knows, with what they compute. */
export const NASH_METHODS: Readonly<Record<NashMethod, string>> = Object.fromEntries(
  Object.entries(METHODS).map(([name, entry]) => [name, entry.description]),
) as Record<NashMethod, string>;

/** The methods that make random choices (they take `--seed`; the others are deterministic). */
export const SEEDED_METHODS = ["fp", "replicator", "gnm"] as const;

/** Default iteration cap of each dynamics method (`--iterations`). */
export const DYNAMICS_DEFAULT_ITERATIONS: Readonly<Record<DynamicsMethod, number>> = {
  fp: FP_METHOD.defaultIterations,
  replicator: REPLICATOR_METHOD.defaultIterations,
  regret: REGRET_METHOD.defaultIterations,
  logit: LOGIT_METHOD.defaultIterations,
};

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
 * Refuses (before any work) a method whose worst-case work exceeds its limit: `WorkLimitError` naming
 * the option (`maxVertices`, `maxPaths`, `maxEvaluations`) that raises it.
 *
 * @throws WorkLimitError when the estimate exceeds the limit.
 * @example
 * checkSolveWork(fromBimatrix(A20, B20), "enummixed", {}); // throws: 4.0e7 ... exceed the limit
 */
export function checkSolveWork(game: NormalFormGame, method: NashMethod, options: SolveFiniteOptions): void {
  const entry: NashMethodEntry = METHODS[method];
  entry.checkWork?.(game, options);
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
  const entry = prepare(game, method, options);
  return entry.runAsync === undefined ? entry.run(game, options) : entry.runAsync(game, options);
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
  return prepare(game, method, options).run(game, options);
}

/** The checks every method passes before it runs: players, work, and (floating) finite payoffs. */
function prepare(game: NormalFormGame, method: NashMethod, options: SolveFiniteOptions): NashMethodEntry {
  const entry: NashMethodEntry | undefined = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (entry === undefined) {
    const known = Object.keys(METHODS).join(", ");
    throw new InputError(
      undefined,
      "method",
      `unknown method "${String(method)}" (expected one of: ${known})`,
    );
  }
  checkMethodFits(game, method, entry);
  entry.checkWork?.(game, options);
  // floating methods need every payoff as a finite double (1e400 in an .nfg is exact but Infinity)
  if (!entry.exact) requireFinitePayoffs(game, method);
  return entry;
}

function checkMethodFits(game: NormalFormGame, method: NashMethod, entry: NashMethodEntry): void {
  const N = game.shape.length;
  if (entry.players === "two" && N !== 2) {
    // suggest only methods that accept this game
    const any = Object.entries(METHODS)
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
