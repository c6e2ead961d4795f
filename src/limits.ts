/**
 * The defaults of the solvers' shared settings and of the work limits that cross several layers, each
 * defined once here (the bottom layer) so that the library, the command line's flags and `--help`, and
 * the docs (`docs/reference.md`, "Work limits") read the same number. A limit is checked against an
 * estimate made before any allocation (`checkWorkLimit` in `src/work.ts`); the command line names the
 * flag that raises it. Limits that belong to one algorithm stay beside it (the vertex limit of
 * `enummixed`, the grid best response's cells), exported with it, and the flags' `--help` reads them
 * there; the docs gather every one in the work-limit table of `docs/reference.md`.
 */

/** Grid units of a continuous budget's best response and its certificate (`units`, `--units`). */
export const DEFAULT_UNITS = 256;

/**
 * Tied best responses listed (`maxMaximisers`, `--max-maximisers`); past it the list is cut and says
 * so. One default for every best-response path (entry, replacement, comparison, equilibria).
 */
export const DEFAULT_MAX_MAXIMISERS = 20;

/** Joint strategy profiles an exhaustive equilibrium search enumerates (`maxProfiles`, `--max-profiles`). */
export const DEFAULT_MAX_PROFILES = 200_000;

/**
 * Work units of a comparison sweep (`maxSweepWork`, `--max-sweep-work`): points x (rules + the welfare
 * optimum) x the units of one choice (see `sweepWorkEstimate`). The default is about a minute of CPU
 * time for equilibrium sweeps on this project's reference machine (measured: a 200-point equilibrium
 * sweep of `examples/c2-two-producers.json`, 54,000 units, took 19 s of CPU on a loaded 2-core machine).
 */
export const DEFAULT_MAX_SWEEP_WORK = 250_000;

/**
 * Estimated memory of the rating fits in MB (`maxFitMemory`, `--max-fit-memory`; the estimate is
 * `ratingFitMemory` in `empirical/ratings/leaderboard.ts`): up to 2,000 models the Newton step is dense
 * (`32 m^2` bytes: 128 MB at 2,000 models), above it Newton-CG on the pair list (about 100 bytes per model
 * and 120 per pair: a chain of 20,000 models needs under 5 MB). The default refuses only fits that
 * would not fit in the memory of a small machine.
 */
export const DEFAULT_MAX_RATING_MEMORY_MB = 2_048;

/**
 * Work units of a bootstrap (`maxBootstrapWork`, `--max-bootstrap-work`): replicates x cells redrawn
 * and refitted per replicate (pairwise cells plus score-table cells; `bootstrapWorkEstimate`). Measured:
 * `ratings` on the WildBench log (924 cells) costs about 13 microseconds of CPU per unit (400 replicates
 * in 6.4 s of CPU on a loaded 2-core machine), so the default is about a minute of CPU time.
 */
export const DEFAULT_MAX_BOOTSTRAP_WORK = 5_000_000;

/**
 * Work units of `empirical`'s replacement study (`maxReplacementWork`, `--max-replacement-work`):
 * replaced models x rules x models x tasks, since each best response evaluates every model on every
 * task. Measured: all 126 LiveBench models (1.8e6 units) took about 4 s of CPU on a loaded 2-core
 * machine, about 2.3 microseconds a unit; the default is about a minute.
 */
export const DEFAULT_MAX_REPLACEMENT_WORK = 25_000_000;

/**
 * Pure equilibria an exhaustive search certifies and lists (`maxEquilibria`, `--max-equilibria`); the
 * search still counts every one and prices range over all of them, but a degenerate game where most
 * profiles are equilibria lists only the first ones found and says so. Certifying one costs about a
 * millisecond on a 30-task top-k game, so the default keeps the listing to about a second.
 */
export const DEFAULT_MAX_EQUILIBRIA = 1_000;

/**
 * Work units of an exhaustive equilibrium search (`maxEquilibriumWork`, `--max-equilibrium-work`):
 * profiles x (producers x tasks to evaluate one, plus the strategies to scan for deviations), plus the
 * listed equilibria x strategies x producers x tasks to certify them (`equilibriumWorkEstimate`).
 * Measured: 2 producers x top-k k=2 over 30 tasks (189,225 profiles, 2.3e8 units) took about 5 s of
 * CPU on a loaded 2-core machine, about 20 nanoseconds a unit; the default is about 20 s.
 */
export const DEFAULT_MAX_EQUILIBRIUM_WORK = 1_000_000_000;

/**
 * Default work limits of the grid DP (best responses over budget grids, `solvers/bestResponse/grid.ts`).
 * `T x (K + 1) x (u_max + 1)` cell updates: 1e9 is a few seconds (`step = 0.00001` on a unit budget,
 * 4 tasks, is 4e10: about ten minutes). `T x (K + 1)` cells take 24 bytes each (gain, welfare and DP
 * tables): 2e7 cells is about 480 MB, the stated memory budget.
 */
export const DEFAULT_MAX_GRID_WORK = 1e9;
export const DEFAULT_MAX_GRID_CELLS = 2e7;

/** Default cap on the number of paths `sequentialBranches` explores (`solvers/sequential.ts`). */
export const DEFAULT_MAX_BRANCHES = 1000;

/** Default of benchmark design's `maxLpRows`: LP rows over all outcomes (outcomes x rows per LP). */
export const DEFAULT_MAX_LP_ROWS = 2_000_000;

/** Default of benchmark design's `maxSolves` (sampled family search, `solvers/design/sampled.ts`). */
export const DEFAULT_MAX_SOLVES = 20_000;

/** Default cap on the strategies of a benchmark-design table (`maxStrategies`, `solvers/design/table.ts`). */
export const DEFAULT_MAX_STRATEGIES = 200_000;

/** Default number of equally spaced rows of a two-parameter design's second parameter. */
export const DEFAULT_DESIGN_ROWS = 11;

/** Default of benchmark design's `maxLps` (weight design, `solvers/design/weights.ts`). */
export const DEFAULT_MAX_LPS = 20_000;

/**
 * Work limit of the ratings' Newton-CG standard errors (`empirical/ratings/sparse.ts`), in pair products (one CG step costs one product per
 * pair plus one per model). The estimate is models x (the first solve's CG steps) x (pairs + models).
 * Measured on the shared 2-core machine: 3,000 models with 30,000 random pairs take 22 steps per
 * solve, 2.2e9 products, 17 s of CPU (about 8 ns a product), so the default is about 40 s; a chain of
 * 20,000 models (19,310 steps per solve, 1.5e13 products, days) is refused after 7 steps of its first solve.
 */
export const DEFAULT_MAX_SE_WORK = 5e9;

/**
 * Default work limit on the number of replicates (`maxReplicates` of `runBootstrap`, `--max-replicates`
 * on the command line): each replicate refits and re-evaluates everything.
 */
export const DEFAULT_MAX_REPLICATES = 100_000;

/**
 * The fewest bootstrap replicates a 95% interval can be read from (`runBootstrap` and `--bootstrap`
 * refuse fewer, 0 meaning no bootstrap on the command line). The percentile interval's ends are the
 * `(R + 1) 0.025`-th and `(R + 1) 0.975`-th order statistics of the `R` replicates; the lower one exists
 * only when `(R + 1) 0.025 >= 1`, that is `R >= 39` (A. C. Davison and D. V. Hinkley, Bootstrap
 * Methods and their Application, 1997, Sec. 5.2.1 and 5.2.3, where R = 39 is the smallest such count).
 * With fewer, the "95%" interval is the range of a handful of replicates (with one, a point that need
 * not contain the estimate). BCa moves the levels further out and wants more; Efron and Tibshirani (An
 * Introduction to the Bootstrap, 1993, Sec. 19.3) recommend 1000 or more for either interval.
 */
export const MIN_BOOTSTRAP_REPLICATES = 39;

/**
 * Default largest number of pure profiles accepted from a `.nfg` file (`nash --max-profiles`): a
 * header such as `{ 1000000000 1000000000 }` is refused before anything of that size is built. A
 * million profiles of two players' exact payoffs take a few hundred MB.
 */
export const MAX_NFG_PROFILES = 1_000_000;

/**
 * The memory, in bytes, that the default of a memory-bounded limit lets one computation use: half of
 * this process's JavaScript heap limit (`v8.getHeapStatistics().heap_size_limit`, which Node sizes
 * from the machine's memory and `--max-old-space-size` sets), or 1 GiB where Node's `v8` module is
 * not available (a browser). Such a default may refuse on a small machine what a large one runs; it
 * never changes a result.
 *
 * @example
 * defaultMemoryBudget() > 0; // true
 */
export function defaultMemoryBudget(): number {
  const v8 = globalThis.process?.getBuiltinModule?.("node:v8") as typeof import("node:v8") | undefined;
  const heap = v8?.getHeapStatistics().heap_size_limit;
  return heap !== undefined && heap > 0 ? Math.floor(heap / 2) : 2 ** 30;
}

/**
 * A limit that changed what a computation did without failing it (a method skipped, a list cut): the
 * reports carry it as data, and only the command line and the explorer word it (naming the flag or
 * the input that raises it). `option` is the library option (`enumMixedLimit`), `estimate` what the
 * input needed, in units of `what`.
 */
export interface LimitReached {
  code: "work-limit";
  option: string;
  estimate: number;
  limit: number;
  what: string;
}

/**
 * A `LimitReached` record.
 *
 * @example
 * limitReached("maxSupports", 2e6, 1e6, "support profiles of enumpoly").code; // "work-limit"
 */
export function limitReached(option: string, estimate: number, limit: number, what: string): LimitReached {
  return { code: "work-limit", option, estimate, limit, what };
}
