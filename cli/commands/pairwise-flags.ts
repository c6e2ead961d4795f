/**
 * Flags shared by the commands that read pairwise judgements (`ratings`, `calibrate`, `empirical`):
 * the bootstrap (`--bootstrap`, `--resample`, `--max-replicates`, `--seed`, `--workers`) and the reader
 * (`--skip-self`), with the reader's warnings printed on standard error.
 */
import { checkReplicates } from "../../empirical/bootstrap-summary.js";
import { parseResample, type ResampleScheme } from "../../empirical/resample.js";
import { InputError } from "../../src/errors.js";
import { type PairwiseData, pairwiseWarningText, readPairwise } from "../../src/io/pairwise.js";
import { DEFAULT_MAX_BOOTSTRAP_WORK, DEFAULT_MAX_REPLICATES } from "../../src/limits.js";
import { WorkLimitError } from "../../src/work.js";
import { flagBoolean, flagList, flagNumber, flagString } from "../args.js";
import type { Command } from "../command.js";
import { limitProblem } from "../fields.js";
import { BOOTSTRAP_FLAGS, PAIRWISE_FLAGS } from "./pairwise-flag-table.js";

export { BOOTSTRAP_FLAGS, PAIRWISE_FLAGS };

/**
 * Reads the judgements of `path` as the flags ask: `--skip-self`, and the cluster column of
 * `--resample clusters:COLUMN`; prints the reader's warnings on stderr as `modelmarket NAME: warning: ...`.
 *
 * @throws InputError when the file is malformed (see `readPairwise`).
 */
export function readJudgements(
  args: Parameters<Command["run"]>[0],
  io: Parameters<Command["run"]>[1],
  command: string,
  path: string,
  resample: ResampleScheme,
  controls: string[] = [],
  instructions?: string,
): PairwiseData {
  let data: PairwiseData;
  // the instruction column of --length-controlled: by default instruction_id, or AlpacaEval's own
  // annotations.json's instruction text when the file has no instruction_id
  const fromInstructions = resample.kind !== "clusters" && instructions !== undefined;
  const fallback = fromInstructions && flagString(args, "instructions") === undefined;
  try {
    data = readPairwise(path, {
      skipSelf: flagBoolean(args, "skip-self"),
      ...(resample.kind === "clusters"
        ? { cluster: resample.column }
        : instructions !== undefined
          ? { cluster: instructions, ...(fallback ? { clusterFallback: "instruction" } : {}) }
          : {}),
      ...(controls.length > 0 ? { controls } : {}),
    });
  } catch (err) {
    if (err instanceof InputError) throw flagError(err, args, fromInstructions);
    throw err;
  }
  for (const w of data.warnings ?? [])
    io.stderr(`modelmarket ${command}: warning: ${pairwiseWarningText(w)}\n`);
  return data;
}

/** The library names its option; the command line names the flag that set it. */
function flagError(
  err: InputError,
  args: Parameters<Command["run"]>[0],
  fromInstructions: boolean,
): InputError {
  if (err.option === "skipSelf") return new InputError(err.file, err.where, `${err.problem} (--skip-self)`);
  if (err.option === "cluster")
    return new InputError(
      err.file,
      err.where,
      fromInstructions
        ? `${err.problem}: name the column of each judgement's instruction with --instructions COLUMN (--instructions none: no difficulty term)`
        : `${err.problem} (--resample clusters:COLUMN)`,
    );
  if (err.option === "controls") {
    const asked = flagList(args, "control");
    const lengthOnlyFromLc =
      err.problem.startsWith('control "length"') &&
      flagString(args, "length-controlled") !== undefined &&
      !asked.includes("length") &&
      !asked.includes("style");
    return new InputError(
      err.file,
      err.where,
      lengthOnlyFromLc
        ? `--length-controlled needs each answer's length, and the file has none (${err.problem})`
        : `${err.problem} (--control)`,
    );
  }
  return err;
}

/** The flags that only the bootstrap reads (`ratings` adds `--interval` and `--rank-interval`). */
const BOOTSTRAP_ONLY = [
  "resample",
  "seed",
  "workers",
  "max-replicates",
  "max-bootstrap-work",
  "interval",
  "rank-interval",
] as const;

/**
 * Parses `--bootstrap`, `--max-replicates`, `--seed` and `--workers` (shared with `empirical`); the
 * replicate count is checked against its work limit here, before any work.
 *
 * @param usedElsewhere flags of {@link BOOTSTRAP_ONLY} that the command also reads without a
 *   bootstrap (`ratings --length-controlled` reads the `--resample clusters:` column).
 * @throws InputError naming the flag: a bad value, `--bootstrap` over `--max-replicates`, or a
 *   bootstrap-only flag without `--bootstrap N` (N >= 1): `--seed needs --bootstrap`, rather than a
 *   flag silently ignored.
 */
export function bootstrapFlags(
  args: Parameters<Command["run"]>[0],
  usedElsewhere: readonly string[] = [],
): {
  replicates: number;
  seed: string;
  workers: number;
  maxReplicates: number;
  maxBootstrapWork: number;
  resample: ResampleScheme;
} {
  const replicates = flagNumber(args, "bootstrap", 0);
  if (!Number.isInteger(replicates) || replicates < 0)
    throw new InputError(undefined, "--bootstrap", `must be an integer >= 0, got ${replicates}`);
  const maxReplicates = flagNumber(args, "max-replicates", DEFAULT_MAX_REPLICATES);
  if (!(maxReplicates >= 1))
    throw new InputError(undefined, "--max-replicates", `must be >= 1, got ${maxReplicates}`);
  if (replicates > 0) {
    try {
      checkReplicates(replicates, maxReplicates);
    } catch (err) {
      // the library names its option; the command line names the flags
      if (err instanceof WorkLimitError)
        throw new InputError(
          undefined,
          "--bootstrap",
          `${limitProblem(err)}; raise it with --max-replicates N (each replicate refits and re-evaluates)`,
        );
      if (err instanceof InputError && err.where === "replicates")
        throw new InputError(undefined, "--bootstrap", `${err.problem}; or 0 for no bootstrap`);
      throw err;
    }
  }
  const workers = flagNumber(args, "workers", 1);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new InputError(undefined, "--workers", `must be an integer in 1..64, got ${workers}`);
  const maxBootstrapWork = flagNumber(args, "max-bootstrap-work", DEFAULT_MAX_BOOTSTRAP_WORK);
  if (!(maxBootstrapWork >= 1))
    throw new InputError(undefined, "--max-bootstrap-work", `must be >= 1, got ${maxBootstrapWork}`);
  let resample: ResampleScheme;
  try {
    resample = parseResample(flagString(args, "resample"));
  } catch (err) {
    if (err instanceof InputError) throw new InputError(undefined, "--resample", err.problem);
    throw err;
  }
  const seed = flagString(args, "seed") ?? "1";
  if (seed.trim() === "")
    throw new InputError(undefined, "--seed", "must not be empty (any other text is a seed)");
  // after the values' checks, so that a bad value is named as such
  if (replicates === 0) {
    const stray = BOOTSTRAP_ONLY.find((f) => !usedElsewhere.includes(f) && args.flags.has(f));
    if (stray !== undefined) throw new InputError(undefined, `--${stray}`, "needs --bootstrap N");
  }
  return {
    replicates,
    seed,
    workers,
    maxReplicates,
    maxBootstrapWork,
    resample,
  };
}
