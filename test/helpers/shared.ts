/**
 * Location of the read-only `../shared` folder (data tables and known games). Tests that need it skip
 * with a visible reason when it is absent.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SHARED = join(REPO_ROOT, "..", "shared");
export const SHARED_PRESENT = existsSync(join(SHARED, "MODEL.md"));

/** Prints why the shared-data tests are skipped (once per file that calls it). */
export function noteIfSharedMissing(what: string): void {
  if (!SHARED_PRESENT)
    console.warn(`SKIPPED ${what}: ${SHARED} is absent (it holds the shared data and games)`);
}
