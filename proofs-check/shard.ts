/**
 * Shards of a check (`check --shard k/N --out DIR`) and their merge. A shard's payload is its counts
 * per claim; the merge checks every count against what that shard's chunks make possible, adds them
 * up, and regenerates and shrinks the first hit over all shards, so the merged report is the same
 * bytes as one process's.
 */
import { InputError } from "../src/errors.js";
import type { ShardSpec } from "../src/io/shard.js";
import { claimRange, indicesUpTo, shardChunks } from "./blocks.js";
import type { CheckReport } from "./report.js";
import { type ClaimCounts, claimResult, counterexample } from "./runner.js";
import type { Claim } from "./types.js";

/** The payload of a check shard. */
export interface CheckShardPayload {
  claims: Array<{ id: string } & ClaimCounts>;
}

/**
 * The payload of a shard's report (counts only; the merge rebuilds everything else).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function checkShardPayload(report: CheckReport): CheckShardPayload {
  return {
    claims: report.claims.map((c) => ({
      id: c.id,
      tried: c.tried,
      vacuous: c.vacuous,
      hits: c.hits,
      firstHit: c.firstHit,
    })),
  };
}

/**
 * Total work units of a check: the sum of the claims' index ranges.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function checkUnits(claims: readonly Claim[], instances: number): number {
  return claims.reduce((s, c) => s + claimRange(c, instances), 0);
}

function isCount(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0;
}

/**
 * Checks a shard's payload against what its chunks allow: the claims in order, and for each claim
 * `tried` equal to the shard's instances (holds claims, and searches without a hit) or to its
 * instances up to the first hit (searches), `hits` and `vacuous` within `tried`, the first hit an
 * index of this shard.
 *
 * @throws InputError naming the file and the JSON path of the first impossible value.
 */
export function checkShardCounts(
  claims: readonly Claim[],
  instances: number,
  shard: ShardSpec,
  payload: unknown,
  file: string | undefined,
): CheckShardPayload {
  const bad = (where: string, problem: string): never => {
    throw new InputError(file, `$.payload${where}`, problem);
  };
  const p = payload as Partial<CheckShardPayload> | null;
  if (p === null || typeof p !== "object" || !Array.isArray(p.claims))
    return bad(".claims", "missing or not a list");
  if (p.claims.length !== claims.length)
    bad(".claims", `${p.claims.length} claims, but the command checks ${claims.length}`);
  claims.forEach((claim, i) => {
    const c = p.claims![i] as unknown as Record<string, unknown>;
    const at = `.claims[${i}]`;
    if (c === null || typeof c !== "object" || c.id !== claim.id)
      bad(`${at}.id`, `expected claim ${claim.id}`);
    const chunks = shardChunks(claims, instances, shard)[i]!;
    const mine = chunks.reduce((s, [a, b]) => s + b - a, 0);
    for (const k of ["tried", "hits"]) if (!isCount(c[k])) bad(`${at}.${k}`, "must be an integer >= 0");
    const tried = c.tried as number;
    const hits = c.hits as number;
    const firstHit = c.firstHit;
    if (firstHit !== null && !isCount(firstHit)) bad(`${at}.firstHit`, "must be an index or null");
    if (firstHit !== null && !chunks.some(([a, b]) => (firstHit as number) >= a && (firstHit as number) < b))
      bad(`${at}.firstHit`, `${firstHit} is not an instance of shard ${shard.index}/${shard.count}`);
    if (hits > 0 !== (firstHit !== null)) bad(`${at}.hits`, `${hits} hits but firstHit ${firstHit}`);
    const search = claim.expectation !== "holds";
    const expected = search && firstHit !== null ? indicesUpTo(chunks, firstHit as number) : mine;
    if (tried !== expected)
      bad(
        `${at}.tried`,
        `${tried.toLocaleString("en-US")} instances, but shard ${shard.index}/${shard.count} of ${claim.id} has exactly ${expected.toLocaleString("en-US")} to try`,
      );
    if (search) {
      if (c.vacuous !== null) bad(`${at}.vacuous`, "must be null for a search");
      if (hits > 1) bad(`${at}.hits`, "a search stops at its first hit");
    } else {
      if (!isCount(c.vacuous)) bad(`${at}.vacuous`, "must be an integer >= 0");
      if (hits + (c.vacuous as number) > tried) bad(`${at}.hits`, `hits + vacuous exceed the ${tried} tried`);
    }
  });
  return p as CheckShardPayload;
}

/**
 * Merges checked shard payloads (one per shard, in shard order) into the report of one run: counts
 * added, the first hit the smallest over the shards, its counterexample regenerated and shrunk here.
 *
 * @throws InputError when a count is impossible (see `checkShardCounts`).
 */
export function mergeCheckShards(
  claims: readonly Claim[],
  seed: string,
  instances: number,
  parts: readonly CheckShardPayload[],
  shrinkBudget?: number,
): CheckReport {
  const results = claims.map((claim, i) => {
    const rows = parts.map((p) => p.claims[i]!);
    const range = claimRange(claim, instances);
    let firstHit: number | null = null;
    for (const r of rows)
      if (r.firstHit !== null && (firstHit === null || r.firstHit < firstHit)) firstHit = r.firstHit;
    const search = claim.expectation !== "holds";
    let counts: ClaimCounts;
    if (search) {
      counts =
        firstHit === null
          ? { tried: rows.reduce((s, r) => s + r.tried, 0), vacuous: null, hits: 0, firstHit }
          : // every index below the first hit was tried by some shard
            {
              tried: firstHit + 1,
              vacuous: null,
              hits: 1,
              firstHit,
            };
    } else {
      counts = {
        tried: rows.reduce((s, r) => s + r.tried, 0),
        vacuous: rows.reduce((s, r) => s + (r.vacuous ?? 0), 0),
        hits: rows.reduce((s, r) => s + r.hits, 0),
        firstHit,
      };
    }
    const cx = firstHit === null ? null : counterexample(claim, seed, firstHit, shrinkBudget);
    return claimResult(claim, range, counts, cx);
  });
  return {
    format: "modelmarket-check/1",
    seed,
    instances,
    shard: null,
    claims: results,
    ok: results.every((r) => r.consistent),
  };
}
