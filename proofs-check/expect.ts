/**
 * proofs-check inside other test suites: `expectClaim` runs a claim and throws when the outcome
 * contradicts its expectation, with the shrunk counterexample in the error message, so that a
 * vitest, Jest or node:test test fails with the instance to look at.
 */
import type { ClaimResult } from "./report.js";
import { type RunOptions, runCheck } from "./runner.js";
import type { Claim } from "./types.js";

/** Options of `expectClaim`: those of `checkClaim`, with one worker (this thread) by default. */
export type ExpectClaimOptions = RunOptions;

/**
 * The error `expectClaim` throws. `result` is the claim's full result (counts, the first hit, the
 * shrunk instance and its market file).
 */
export class ClaimFailedError extends Error {
  readonly result: ClaimResult;
  /**
   * @param result the claim's result; `seed` the run's seed (both go into the message).
   * @throws nothing for valid inputs of the declared types.
   */
  constructor(result: ClaimResult, seed: string) {
    super(failureMessage(result, seed));
    this.name = "ClaimFailedError";
    this.result = result;
  }
}

/** The message: what was expected, what was found, and the shrunk hit with its instance as JSON. */
function failureMessage(r: ClaimResult, seed: string): string {
  const lines = [
    `claim ${r.id} (${r.title}): expected ${r.expectation}, got ${r.outcome} ` +
      `(${r.hits} hit(s) in ${r.tried} instance(s), seed ${JSON.stringify(seed)})`,
  ];
  const cx = r.counterexample;
  if (cx === null) {
    lines.push(
      r.expectation === "holds"
        ? "no counterexample recorded"
        : `no instance among ${r.range} satisfied the predicate (raise instances, or check the generator)`,
    );
  } else {
    lines.push(
      `first hit: instance ${cx.index}: ${cx.message}`,
      `shrunk (${cx.shrunk.steps} step(s), ${cx.shrunk.checks} check(s)): ${cx.shrunk.message}`,
      `shrunk instance: ${JSON.stringify(cx.shrunk.instance)}`,
    );
    if (cx.market !== null) lines.push(`market file: ${JSON.stringify(cx.market)}`);
  }
  return lines.join("\n");
}

/**
 * Checks `claim` on `opts.instances` seeded instances (default 200, seed "1", one worker) and
 * returns its result when the outcome agrees with the expectation (`holds`: no violation; `witness`
 * and `falsifiable`: a hit found). Otherwise throws a `ClaimFailedError` whose message holds the
 * expectation, the outcome, the counts, the seed and the shrunk counterexample (its message, the
 * instance as JSON and, when the claim builds one, the market file). Deterministic: the same claim,
 * seed and instances give the same result and message. Works in any test runner: a thrown error fails
 * the test.
 *
 * Reference: the property-based testing of K. Claessen and J. Hughes, "QuickCheck", ICFP 2000.
 *
 * @throws {ClaimFailedError} when the outcome contradicts the claim's expectation.
 * @throws {Error} when the claim itself throws (its generator or predicate), or `opts.workers > 1`
 *   is asked for a claim without a `module` URL.
 * @example
 * import { BUILTIN_CLAIMS, expectClaim } from "modelmarket/proofs-check";
 * // in the body of a vitest, Jest or node:test test:
 * const myClaim = BUILTIN_CLAIMS.find((c) => c.id === "C6")!;
 * const result = await expectClaim(myClaim, { instances: 20, seed: 1 });
 * result.consistent; // true
 */
export async function expectClaim(claim: Claim, opts: ExpectClaimOptions = {}): Promise<ClaimResult> {
  const file = await runCheck([claim], { workers: 1, ...opts });
  const result = file.claims[0]!;
  if (!result.consistent) throw new ClaimFailedError(result, file.seed);
  return result;
}
