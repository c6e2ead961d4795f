/**
 * The limits and output flags of `modelmarket check`, shared by its flag table (`check.ts`) and its
 * run (`check-run.ts`) without either importing the other.
 */
import { availableParallelism } from "node:os";

/** Flags of `check` that only choose the output: a shard refuses them, the merge takes them. */
export const CHECK_RENDER_FLAGS = ["json", "csv", "output", "counterexamples", "timings", "findings-exit"];

/**
 * Default largest `--instances` (per claim): above it the run takes days and its work list alone
 * takes gigabytes; `--max-instances` raises it.
 */
export const MAX_CHECK_INSTANCES = 1_000_000;

/** Most worker threads accepted: 4 per available core, and never more than 64 (each takes ~30 MB). */
export function maxCheckWorkers(): number {
  return Math.max(1, Math.min(64, 4 * availableParallelism()));
}
