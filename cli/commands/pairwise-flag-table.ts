/**
 * The flag specs shared by the commands that read pairwise judgements (`ratings`, `calibrate`,
 * `empirical`), apart from their readers in `pairwise-flags.ts` so that `--help` loads no estimator.
 */
import {
  DEFAULT_MAX_BOOTSTRAP_WORK,
  DEFAULT_MAX_REPLICATES,
  MIN_BOOTSTRAP_REPLICATES,
} from "../../src/limits.js";
import type { FlagSpec } from "../args.js";

/** The reader's flag. */
export const PAIRWISE_FLAGS: FlagSpec[] = [
  {
    name: "skip-self",
    kind: "boolean",
    help: "skip judgements of a model against itself, with a count on stderr (default: such a row is an error naming its line)",
  },
];

/**
 * The bootstrap flags' specs; `--bootstrap`'s help says what a replicate redraws and what it gives
 * intervals for, which differ by command (ratings: ratings and ranks; calibrate: the noise;
 * empirical: the whole study).
 */
export function bootstrapFlagSpecs(what: string): FlagSpec[] {
  return [
    {
      name: "bootstrap",
      kind: "integer",
      placeholder: "N",
      help: `N seeded bootstrap replicates ${what}: 0 (the default, none) or at least ${MIN_BOOTSTRAP_REPLICATES}, the fewest a 95% interval can be read from`,
    },
    ...BOOTSTRAP_OPTIONS,
  ];
}

/** The flags that set up a bootstrap, shared word for word. */
const BOOTSTRAP_OPTIONS: FlagSpec[] = [
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

/** `ratings`' bootstrap flags. */
export const BOOTSTRAP_FLAGS: FlagSpec[] = bootstrapFlagSpecs(
  "(each resamples the judgements and refits) for intervals of the ratings and ranks",
);
