/**
 * The defaults of the solvers' shared settings and of the work limits that cross several layers, each
 * defined once here (the bottom layer) so that the library, the command line's flags and `--help`, and
 * the docs (`docs/reference.md`, "Work limits") read the same number. A limit is checked against an
 * estimate made before any allocation (`checkWorkLimit` in `src/work.ts`); the command line names the
 * flag that raises it. Limits that belong to one algorithm stay beside it (the vertex limit of
 * `enummixed`, the grid best response's cells) and are gathered for the docs in `cli/limits.ts`.
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
