/**
 * proofs-check: the model's theorems, verified on seeded random instances.
 *
 * State a claim with `defineClaim` (a generator, a predicate, an expectation), check it with
 * `checkClaim` (or many with `runCheck`), and get back the instances tried, the hits, and the first hit
 * shrunk to a minimal instance with its market file. See docs/proofs-check.md.
 *
 * In another project's test suite, `expectClaim` throws (failing the test) with the shrunk
 * counterexample in its message, and the fast-check arbitraries (`arbitraryMarket`,
 * `arbitraryBimatrix`, ...) give random markets and games for plain fast-check properties.
 *
 * ```ts
 * import { checkClaim, expectClaim } from "modelmarket/proofs-check";
 * const { result } = await checkClaim(myClaim, { instances: 1000, seed: 7 });
 * result.outcome; // "holds" | "violated" | "witness-found" | ...
 * await expectClaim(myClaim, { instances: 2000, seed: 1 }); // throws unless consistent
 * ```
 */
import { BUILTIN_CLAIMS } from "./claims/index.js";
import { selectClaims } from "./define.js";
import type { ClaimResult, ReportFile } from "./report.js";
import { type RunOptions, runCheck } from "./runner.js";
import type { Claim } from "./types.js";

export {
  arbitraryBimatrix,
  arbitraryGame,
  arbitraryInstance,
  arbitraryMarket,
  type GameArbitraryOptions,
  type MarketArbitraryOptions,
} from "./arbitraries.js";
export { BUILTIN_CLAIMS, BUILTIN_CLAIMS_MODULE } from "./claims/index.js";
export { topKComparison } from "./claims/topk.js";
export { type ClaimSpec, collectClaims, defineClaim, isClaim, selectClaims } from "./define.js";
export { ClaimFailedError, type ExpectClaimOptions, expectClaim } from "./expect.js";
export { formatReport, outcomeLabel } from "./format.js";
export { type BinaryGains, setQuality } from "./gains.js";
export {
  baseValid,
  cloneInstance,
  instanceMarket,
  instanceMarketFile,
  instanceTasks,
  paramsInstance,
} from "./instance.js";
export type { ChunkJob, ChunkResult } from "./pool.js";
export {
  type CheckReport,
  type ClaimResult,
  type Counterexample,
  mergeReports,
  type Outcome,
  outcomeOf,
  type ReportFile,
  type Timings,
} from "./report.js";
export {
  CHUNK_SIZE,
  claimRange,
  counterexample,
  DEFAULT_SEARCH_BUDGET,
  generateInstance,
  type RunOptions,
  runCheck,
  runChunk,
  shardChunks,
} from "./runner.js";
export { decimals, numberCandidates, type ShrinkResult, shrink, simpler } from "./shrink.js";
export type { Claim, Expectation, Instance, MarketFile, Rng, Verdict } from "./types.js";

/**
 * Checks one claim and returns its result (with the timings of the run). Runs in this thread unless
 * `opts.workers > 1`, which needs `claim.module` (the URL of a module exporting the claim).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const r = await checkClaim(myClaim, { instances: 100, seed: 1 });
 * if (!r.result.consistent) console.log(r.result.counterexample?.market);
 */
export async function checkClaim(
  claim: Claim,
  opts: RunOptions = {},
): Promise<{ result: ClaimResult; timings: ReportFile["timings"] }> {
  const file = await runCheck([claim], { workers: 1, ...opts });
  return { result: file.claims[0]!, timings: file.timings };
}

/**
 * Checks the built-in claims (all, or those `ids` select: `C3` selects `C3-perfect`, ...).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const report = await checkBuiltinClaims(["C6", "C7"], { instances: 200, workers: 1 });
 */
export async function checkBuiltinClaims(
  ids: readonly string[] = [],
  opts: RunOptions = {},
): Promise<ReportFile> {
  return runCheck(selectClaims(BUILTIN_CLAIMS, ids), opts);
}
