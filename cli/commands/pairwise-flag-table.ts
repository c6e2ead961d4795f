/**
 * The flag specs shared by the commands that read pairwise judgements (`ratings`, `calibrate`,
 * `empirical`), apart from their readers in `pairwise-flags.ts` so that `--help` loads no estimator.
 */
import { DEFAULT_MAX_BOOTSTRAP_WORK, DEFAULT_MAX_REPLICATES } from "../../src/limits.js";
import type { FlagSpec } from "../args.js";

/** The reader's flag. */
export const PAIRWISE_FLAGS: FlagSpec[] = [
  {
    name: "skip-self",
    kind: "boolean",
    help: "skip judgements of a model against itself, with a count on stderr (default: such a row is an error naming its line)",
  },
];

/** The bootstrap flags' specs. */
export const BOOTSTRAP_FLAGS: FlagSpec[] = [
  {
    name: "bootstrap",
    kind: "integer",
    placeholder: "N",
    help: "N seeded bootstrap replicates (resampling judgements) for rating and rank intervals (default 0: none)",
  },
  {
    name: "max-replicates",
    kind: "integer",
    placeholder: "N",
    help: `largest --bootstrap accepted, a work limit (default ${DEFAULT_MAX_REPLICATES})`,
  },
  {
    name: "max-bootstrap-work",
    kind: "integer",
    placeholder: "N",
    help: `refuse bootstraps past N work units: replicates x cells redrawn and refitted (default ${DEFAULT_MAX_BOOTSTRAP_WORK.toExponential(0)})`,
  },
  {
    name: "resample",
    kind: "string",
    placeholder: "R",
    help: "what a replicate redraws: battles (every judgement from the whole log; default) | clusters:COLUMN (whole prompts, e.g. clusters:question_id) | cells (within each model pair and task, conditional on the design)",
  },
  {
    name: "seed",
    kind: "string",
    placeholder: "S",
    help: "bootstrap seed (default 1); same seed, same numbers on any number of workers",
  },
  {
    name: "workers",
    kind: "integer",
    placeholder: "W",
    help: "worker threads for the bootstrap (default 1)",
  },
];
