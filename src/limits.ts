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
 * Models of a dense rating fit (`maxModels`, `--max-models`): the Bradley-Terry Newton step solves a
 * dense `m x m` system (`8 m^2` bytes, `m^3 / 3` flops), 32 MB and 3e9 flops at the default.
 */
export const DEFAULT_MAX_RATING_MODELS = 2_000;

/**
 * Work units of a bootstrap (`maxBootstrapWork`, `--max-bootstrap-work`): replicates x judgement cells
 * refitted (each replicate redraws every cell and refits the ratings).
 */
export const DEFAULT_MAX_BOOTSTRAP_WORK = 1e9;

/**
 * Best responses of `empirical --replace all` and of the entry sweeps (`maxBestResponses`,
 * `--max-best-responses`): models x rules x noise levels.
 */
export const DEFAULT_MAX_BEST_RESPONSES = 200_000;
