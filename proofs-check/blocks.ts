/**
 * Which instances of which claims a shard runs. The work of a check is laid out as one sequence,
 * claim after claim, each claim's index range in chunks of `CHUNK_SIZE`; shard `k` of `N` takes the
 * `k`-th of `N` contiguous blocks of about equal estimated cost. Contiguous, because most of what a
 * process pays beyond its share of the instances is V8 compiling each claim's code paths: a shard that
 * runs a few claims compiles only those (round robin over every claim's chunks made each of `N`
 * shards compile every claim). The split depends only on the claims, `instances` and `N`, never on
 * timings, so every machine computes the same one; the merge adds the counts, so the merged report
 * does not depend on it.
 */
import type { Claim } from "./types.js";

/** Instances per unit of work (shards and workers split the index range into these chunks). */
export const CHUNK_SIZE = 250;

/** Default search budget of `witness` and `falsifiable` claims that do not set their own. */
export const DEFAULT_SEARCH_BUDGET = 100_000;

/**
 * Estimated CPU microseconds per instance of the built-in claims (one process, `--workers 1`, 20,000
 * instances, seed 1, `check --timings`), rounded. Only the balance of the shards depends on them,
 * never a result; a claim not listed counts as `DEFAULT_COST`.
 */
const COST: Readonly<Record<string, number>> = {
  C1: 44,
  C2: 38,
  "C3-perfect": 7,
  "C3-epsilon": 8,
  "C3-logit": 6,
  "C4-epsilon": 7,
  "C4-logit-derivative": 15,
  C6: 10,
  "C6-binary": 7,
  "C7-small-eps": 8,
  C9: 5,
  C10: 255,
  "E1-welfare": 200,
  "E1-welfare-best": 95,
  "E2-diversity": 148,
  "D-weights-2": 66,
  "D-power-large": 42,
};
const DEFAULT_COST = 20;

/**
 * The index range of a claim: `instances` for `holds`, `max(instances, budget)` for searches.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const c6 = BUILTIN_CLAIMS.find((c) => c.id === "C6")!; // a holds claim
 * claimRange(c6, 500); // 500
 */
export function claimRange(claim: Claim, instances: number): number {
  if (claim.expectation === "holds") return instances;
  return Math.max(instances, claim.searchBudget ?? DEFAULT_SEARCH_BUDGET);
}

/** The chunks of `[0, range)`. */
function chunksOf(range: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let a = 0; a < range; a += CHUNK_SIZE) out.push([a, Math.min(range, a + CHUNK_SIZE)]);
  return out;
}

/**
 * How far (a fraction of one shard's share of the cost) a block boundary may move to fall between two
 * claims rather than inside one. A claim split over two shards is compiled by both: for the heavy
 * claims that is about half a second of CPU, as much as a few thousand of their instances, so a
 * boundary moves to the nearest claim's end when that costs the balance at most this much (the
 * longest shard of 4 at 20,000 instances runs 1.2 times a share instead of 1.0).
 */
const SNAP = 0.4;

/**
 * Every shard's chunks, per claim: `plan[k - 1][i]` is the chunks of claim `i` that shard `k` of
 * `count` runs, in index order. A `holds` claim's chunks are units of the split, each costing its
 * instances times the claim's cost; a search (which stops at its first hit, usually within its first
 * chunk) is one unit, its whole range on one shard, costing one chunk's instances. The `count - 1`
 * cuts are at multiples of a share of the total cost, each moved to the nearest end of a claim
 * within `SNAP` shares; a unit goes to the shard between the cuts around its middle. The arithmetic
 * is IEEE double, the same on every machine.
 */
function shardPlan(claims: readonly Claim[], instances: number, count: number): Array<[number, number]>[][] {
  const plan = Array.from({ length: count }, () => claims.map((): Array<[number, number]> => []));
  const units: Array<{ claim: number; chunks: Array<[number, number]>; weight: number }> = [];
  const ends: number[] = [];
  let total = 0;
  claims.forEach((claim, i) => {
    const cost = COST[claim.id] ?? DEFAULT_COST;
    const chunks = chunksOf(claimRange(claim, instances));
    if (chunks.length === 0) return;
    const add = (c: Array<[number, number]>, weight: number) => {
      units.push({ claim: i, chunks: c, weight });
      total += weight;
    };
    if (claim.expectation !== "holds") add(chunks, cost * CHUNK_SIZE);
    else for (const c of chunks) add([c], cost * (c[1] - c[0]));
    ends.push(total);
  });
  const share = total / count;
  const cuts: number[] = [];
  for (let j = 1; j < count; j++) {
    const ideal = j * share;
    let cut = ideal;
    let best = SNAP * share;
    for (const e of ends) {
      const d = Math.abs(e - ideal);
      if (d <= best) [cut, best] = [e, d];
    }
    cuts.push(Math.max(cut, cuts[cuts.length - 1] ?? 0));
  }
  let before = 0;
  let k = 0;
  for (const u of units) {
    const middle = before + u.weight / 2;
    while (k < cuts.length && cuts[k]! <= middle) k++;
    plan[k]![u.claim]!.push(...u.chunks);
    before += u.weight;
  }
  return plan;
}

/** The last plan computed (the merge asks for every shard of the same split in turn), by its inputs. */
let cached: { key: string; plan: Array<[number, number]>[][] } | null = null;

/**
 * The chunks each claim runs in one shard: element `i` is the `[start, end)` index ranges of
 * `claims[i]` in shard `shard.index` of `shard.count`, in index order (empty when the shard runs none
 * of that claim). Over all shards every index of every claim's range appears exactly once.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const c6 = BUILTIN_CLAIMS.find((c) => c.id === "C6")!;
 * shardChunks([c6], 1000, { index: 2, count: 2 })[0]; // [[500, 750], [750, 1000]]
 */
export function shardChunks(
  claims: readonly Claim[],
  instances: number,
  shard: { index: number; count: number },
): Array<Array<[number, number]>> {
  const key = JSON.stringify([
    instances,
    shard.count,
    claims.map((c) => [c.id, c.expectation, c.searchBudget]),
  ]);
  if (cached?.key !== key) cached = { key, plan: shardPlan(claims, instances, shard.count) };
  return cached.plan[shard.index - 1]!;
}

/**
 * Number of indices `<= last` in a claim's chunks (ascending `[start, end)` ranges).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function indicesUpTo(chunks: ReadonlyArray<readonly [number, number]>, last: number): number {
  let n = 0;
  for (const [a, b] of chunks) {
    if (a > last) break;
    n += Math.min(b, last + 1) - a;
  }
  return n;
}
