/**
 * The split of a check into shards (proofs-check/blocks.ts): contiguous blocks of (claim, chunk)
 * that cover every instance of every claim exactly once, for any shard count, and whose merge is
 * the report of one process.
 */
import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, claimRange, indicesUpTo, shardChunks } from "../../proofs-check/blocks.js";
import { BUILTIN_CLAIMS, mergeReports, runCheck, selectClaims } from "../../proofs-check/index.js";
import type { CheckReport, ReportFile } from "../../proofs-check/report.js";
import { checkShardCounts, checkShardPayload, mergeCheckShards } from "../../proofs-check/shard.js";

function strip(file: ReportFile): CheckReport {
  const { timings: _t, ...report } = file;
  return report;
}

/** The position of each (claim, chunk) in the one sequence of the job's work. */
function position(claim: number, start: number): number {
  return claim * 1e9 + start;
}

describe("shardChunks", () => {
  for (const [instances, count] of [
    [5000, 1],
    [5000, 2],
    [5000, 4],
    [5000, 7],
    [1000, 16],
    [300, 500],
  ] as const) {
    it(`${instances} instances in ${count} shards: every index once, blocks contiguous`, () => {
      const claims = BUILTIN_CLAIMS;
      const seen = claims.map(() => [] as Array<[number, number]>);
      let last = -1;
      for (let k = 1; k <= count; k++) {
        const mine = shardChunks(claims, instances, { index: k, count });
        expect(mine.length).toBe(claims.length);
        mine.forEach((chunks, i) => {
          for (const [a, b] of chunks) {
            // shard k's work starts after shard k-1's: one sequence cut into blocks
            expect(position(i, a)).toBeGreaterThan(last);
            last = position(i, a);
            expect(b - a).toBeGreaterThan(0);
            expect(b - a).toBeLessThanOrEqual(CHUNK_SIZE);
            seen[i]!.push([a, b]);
          }
        });
      }
      claims.forEach((claim, i) => {
        const ranges = seen[i]!;
        let next = 0;
        for (const [a, b] of ranges) {
          expect(a).toBe(next);
          next = b;
        }
        expect(next).toBe(claimRange(claim, instances));
        // a search (which stops at its first hit) is never split
        if (claim.expectation !== "holds") {
          const owners = Array.from({ length: count }, (_, k) =>
            shardChunks(claims, instances, { index: k + 1, count }),
          ).filter((s) => s[i]!.length > 0);
          expect(owners.length).toBe(1);
        }
      });
    });
  }

  it("4 shards of the built-in claims: each claim on one shard", () => {
    const claims = BUILTIN_CLAIMS;
    const perShard = [1, 2, 3, 4].map((k) =>
      shardChunks(claims, 20_000, { index: k, count: 4 }).filter((c) => c.length > 0),
    );
    const total = perShard.reduce((s, c) => s + c.length, 0);
    // the block boundaries fall between claims (each claim compiled by one shard): C1..C9, C10,
    // E1-*, E2-* and D-*
    expect(total).toBe(claims.length);
    expect(perShard.map((c) => c.length)).toEqual([18, 1, 3, 4]);
    for (const c of perShard) expect(c.length).toBeGreaterThan(0);
  });

  it("indicesUpTo counts a claim's indices up to and including `last`", () => {
    expect(
      indicesUpTo(
        [
          [250, 500],
          [500, 600],
        ],
        520,
      ),
    ).toBe(271);
    expect(indicesUpTo([[250, 500]], 100)).toBe(0);
  });
});

describe("sharded runs merge to the report of one process", () => {
  const claims = selectClaims(BUILTIN_CLAIMS, ["C1", "C6", "C5-entry", "C7-large-eps", "C9"]);
  const opts = { seed: 3, instances: 600, workers: 1 };

  it("for 2 to 5 shards and for more shards than chunks (empty shards), in any order", async () => {
    const full = strip(await runCheck(claims, opts));
    for (const count of [2, 3, 5, 40]) {
      const parts: ReportFile[] = [];
      for (let index = count; index >= 1; index--)
        parts.push(await runCheck(claims, { ...opts, shard: { index, count } }));
      expect(mergeReports(parts.map(strip))).toEqual(full);
      // the shard-file path: counts checked against each shard's chunks, then merged
      const payloads = [...parts]
        .sort((a, b) => a.shard!.index - b.shard!.index)
        .map((p) =>
          checkShardCounts(claims, opts.instances, p.shard!, checkShardPayload(strip(p)), undefined),
        );
      expect(mergeCheckShards(claims, String(opts.seed), opts.instances, payloads)).toEqual(full);
    }
  });
});
