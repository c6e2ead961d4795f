/**
 * Running claims: instances in fixed chunks of indices, in this process or on worker threads, with
 * shards; then the first hit is regenerated and shrunk. The report depends only on the seed, the
 * number of instances, the shard and the claims, never on the number of workers or their scheduling.
 */

import { availableParallelism } from "node:os";
import { InputError } from "../src/errors.js";
import { claimRange, indicesUpTo, shardChunks } from "./blocks.js";
import { instanceMarketFile } from "./instance.js";
import { type ChunkJob, type ChunkResult, WorkerPool } from "./pool.js";
import {
  type CheckReport,
  type ClaimResult,
  type Counterexample,
  outcomeOf,
  type ReportFile,
  type Timings,
} from "./report.js";
import { instanceRng } from "./rng.js";
import { shrink } from "./shrink.js";
import type { Claim, Instance, MarketFile, Verdict } from "./types.js";

export { CHUNK_SIZE, claimRange, DEFAULT_SEARCH_BUDGET, shardChunks } from "./blocks.js";

/** Chunks per job for `holds` claims on worker threads (fewer messages; results do not depend on it). */
const CHUNKS_PER_JOB = 8;

/**
 * Jobs outstanding per worker. With two, a worker finishing a job already holds its next one, so it
 * never idles for the round trip through the main thread (which may be busy with the other worker's
 * reply); results do not depend on it.
 */
const JOBS_IN_FLIGHT = 2;

/** Options of a run. */
export interface RunOptions {
  /** Seed (any string; numbers are converted). Default `"1"`. */
  seed?: string | number;
  /** Instances per `holds` claim, and the least a search tries before giving up. Default 200. */
  instances?: number;
  /** Worker threads (1 = this thread). Default: the machine's available parallelism. */
  workers?: number;
  /** This process's shard, 1-based: `{ index: 2, count: 4 }` is `--shard 2/4`. */
  shard?: { index: number; count: number };
  /** Called as instances complete (for a progress bar). */
  onProgress?: (done: number, total: number, claimId: string) => void;
  /** Predicate evaluations the shrinker may spend per counterexample (default 1500). */
  shrinkBudget?: number;
  /**
   * A started pool to run on instead of a new one (its workers must have loaded every claim's
   * module); it is left open, so repeated runs skip the start-up and keep the workers' compiled code.
   * `workers` is then the pool's size. The pool class (`proofs-check/pool.ts`) is internal: the
   * benchmarks and tests use this option; a library caller leaves it out.
   */
  pool?: WorkerPool;
  /**
   * Regenerate and shrink each claim's first hit (default true). A shard leaves it to the merge,
   * which shrinks only the hit that is first over all shards.
   */
  counterexamples?: boolean;
}

/** What a run counted for one claim (a whole run, one shard, or shards merged). */
export interface ClaimCounts {
  tried: number;
  /** `null` for searches (they stop at the first hit). */
  vacuous: number | null;
  hits: number;
  firstHit: number | null;
}

/**
 * A claim's result from its counts: the one constructor of `ClaimResult`, used by a run and by the
 * merge of shards, so that both give the same bytes.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * claimResult(claim, 200, { tried: 200, vacuous: 3, hits: 0, firstHit: null }, null).outcome; // "holds" for a holds claim
 */
export function claimResult(
  claim: Claim,
  range: number,
  counts: ClaimCounts,
  cx: Counterexample | null,
): ClaimResult {
  const { outcome, consistent } = outcomeOf(claim.expectation, counts.hits);
  return {
    id: claim.id,
    title: claim.title,
    statement: claim.statement,
    hypothesis: claim.hypothesis,
    predicate: claim.predicate,
    expectation: claim.expectation,
    tolerance: claim.tolerance,
    range,
    tried: counts.tried,
    vacuous: counts.vacuous,
    hits: counts.hits,
    firstHit: counts.firstHit,
    counterexample: cx,
    outcome,
    consistent,
  };
}

/**
 * Instance `k` of a claim under `seed`.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function generateInstance(claim: Claim, seed: string, k: number): Instance {
  return claim.generate(instanceRng(seed, claim.id, k), k);
}

/**
 * Runs instances `[start, end)` of a claim; for searches stops at the first hit.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * runChunk(claim, { claimId: "C6", seed: "1", start: 0, end: 250, search: false });
 */
export function runChunk(claim: Claim, job: ChunkJob): ChunkResult {
  const t0 = performance.now();
  let hits = 0;
  let vacuous = 0;
  let firstHit: number | null = null;
  let tried = 0;
  outer: for (const [start, end] of job.ranges ?? [[job.start, job.end]]) {
    for (let k = start; k < end; k++) {
      const inst = generateInstance(claim, job.seed, k);
      const v = claim.check(inst);
      tried++;
      if (v.status === "vacuous") vacuous++;
      else if (v.status === "hit") {
        hits++;
        if (firstHit === null) firstHit = k;
        if (job.search) break outer;
      }
    }
  }
  return {
    claimId: job.claimId,
    start: job.start,
    end: job.end,
    tried,
    vacuous,
    hits,
    firstHit,
    ms: performance.now() - t0,
  };
}

/** The default market file of a hit: the instance's market (players at their first strategy). */
function defaultMarket(inst: Instance, verdict: Verdict): MarketFile | null {
  if (inst.weights.length === 0 || verdict.status !== "hit") return null;
  return instanceMarketFile(inst, verdict.message);
}

/**
 * Regenerates hit `index` of a claim and shrinks it.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const c6 = BUILTIN_CLAIMS.find((c) => c.id === "C6")!;
 * const cx = counterexample(c6, "1", 486); // instance 486 of seed "1" is a hit of C6
 */
export function counterexample(
  claim: Claim,
  seed: string,
  index: number,
  shrinkBudget = 1500,
): Counterexample {
  const inst = generateInstance(claim, seed, index);
  const v = claim.check(inst);
  if (v.status !== "hit")
    throw new InputError(undefined, "index", `instance ${index} of ${claim.id} is not a hit on regeneration`);
  const s = shrink(claim, inst, shrinkBudget);
  let market: MarketFile | null;
  try {
    market = claim.market
      ? (claim.market(s.instance, s.verdict) ?? null)
      : defaultMarket(s.instance, s.verdict);
  } catch {
    market = null;
  }
  return {
    index,
    message: v.message,
    details: v.details,
    instance: inst,
    shrunk: {
      instance: s.instance,
      message: s.verdict.message,
      details: s.verdict.details,
      checks: s.checks,
      steps: s.steps,
    },
    market,
  };
}

interface ClaimPlan {
  claim: Claim;
  range: number;
  search: boolean;
  chunks: Array<[number, number]>;
  results: ChunkResult[];
  firstHit: number | null;
  computeMs: number;
}

/** A job with the plan of its claim. */
interface PlannedJob {
  plan: ClaimPlan;
  job: ChunkJob;
}

/** Each claim's chunks of this shard. */
function planClaims(
  claims: readonly Claim[],
  instances: number,
  shard: { index: number; count: number },
): ClaimPlan[] {
  const chunks = shardChunks(claims, instances, shard);
  return claims.map((claim, i) => {
    const range = claimRange(claim, instances);
    return {
      claim,
      range,
      search: claim.expectation !== "holds",
      chunks: chunks[i]!,
      results: [],
      firstHit: null,
      computeMs: 0,
    };
  });
}

/** The jobs of the plans: searches chunk by chunk (they stop early), holds claims `group` chunks a job. */
function planJobs(plans: readonly ClaimPlan[], seed: string, group: number): PlannedJob[] {
  const jobs: PlannedJob[] = [];
  for (const plan of plans) {
    const per = plan.search ? 1 : group;
    for (let c = 0; c < plan.chunks.length; c += per) {
      const ranges = plan.chunks.slice(c, c + per);
      const start = ranges[0]![0];
      const end = ranges[ranges.length - 1]![1];
      const job: ChunkJob = { claimId: plan.claim.id, seed, start, end, search: plan.search };
      if (ranges.length > 1) job.ranges = ranges;
      jobs.push({ plan, job });
    }
  }
  return jobs;
}

function jobSize(job: ChunkJob): number {
  return (job.ranges ?? [[job.start, job.end]]).reduce((s, [a, b]) => s + b - a, 0);
}

/**
 * The bookkeeping of a run: results stored by plan, instances done, and the total, which shrinks as
 * searches stop early (a search that found a hit skips its later jobs).
 */
class RunProgress {
  done = 0;
  total: number;

  constructor(
    plans: readonly ClaimPlan[],
    private readonly onProgress: RunOptions["onProgress"],
  ) {
    this.total = plans.reduce((s, p) => s + p.chunks.reduce((a, [x, y]) => a + y - x, 0), 0);
  }

  /** True (and the job dropped from the total) when a search already has a hit before the job. */
  skip({ plan, job }: PlannedJob): boolean {
    if (!(plan.search && plan.firstHit !== null && job.start > plan.firstHit)) return false;
    this.total -= jobSize(job);
    this.onProgress?.(this.done, this.total, plan.claim.id);
    return true;
  }

  accept({ plan, job }: PlannedJob, r: ChunkResult): void {
    plan.results.push(r);
    plan.computeMs += r.ms;
    if (r.firstHit !== null && (plan.firstHit === null || r.firstHit < plan.firstHit))
      plan.firstHit = r.firstHit;
    this.done += r.tried;
    // a search that stopped early will not try the rest of its chunk
    this.total -= jobSize(job) - r.tried;
    this.onProgress?.(this.done, this.total, plan.claim.id);
  }
}

/** Runs the jobs on this thread, yielding now and then so progress output and timers run. */
async function runHere(jobs: readonly PlannedJob[], progress: RunProgress): Promise<void> {
  for (const j of jobs) {
    if (progress.skip(j)) continue;
    progress.accept(j, runChunk(j.plan.claim, j.job));
    if ((progress.done & 0x3ff) === 0) await new Promise((r) => setImmediate(r));
  }
}

/**
 * Runs the jobs on worker threads (the given pool, or a new one of `workers` threads closed at the
 * end); returns the new pool's start-up time in milliseconds (0 for a given pool).
 */
async function runOnPool(
  claims: readonly Claim[],
  jobs: readonly PlannedJob[],
  progress: RunProgress,
  workers: number,
  given: WorkerPool | undefined,
): Promise<number> {
  const modules = new Set<string>();
  for (const c of claims) {
    if (c.module === undefined) {
      throw new InputError(
        undefined,
        "workers",
        `claim ${c.id} has no module URL, so it cannot run on workers (use workers: 1)`,
      );
    }
    modules.add(c.module);
  }
  if (given !== undefined) {
    const missing = [...modules].filter((m) => !given.modules.includes(m));
    if (missing.length > 0)
      throw new InputError(undefined, "claims", `the pool's workers did not load ${missing.join(", ")}`);
  }
  const p0 = performance.now();
  const pool = given ?? new WorkerPool(Math.min(workers, jobs.length || 1), [...modules]);
  try {
    await pool.ready;
    const startMs = given === undefined ? performance.now() - p0 : 0;
    let next = 0;
    const take = (): PlannedJob | undefined => {
      while (next < jobs.length) {
        const j = jobs[next++]!;
        if (!progress.skip(j)) return j;
      }
      return undefined;
    };
    // replies come back in the order sent, so the oldest job on a worker is the next to finish
    await pool.drain(take, (j, r) => progress.accept(j, r), JOBS_IN_FLIGHT);
    return startMs;
  } finally {
    if (given === undefined) await pool.close();
  }
}

/** A claim's counts from its chunks' results (a search counts its instances up to its first hit). */
function planCounts(plan: ClaimPlan): ClaimCounts {
  const sum = (f: (r: ChunkResult) => number) => plan.results.reduce((s, r) => s + f(r), 0);
  if (!plan.search)
    return {
      tried: sum((r) => r.tried),
      vacuous: sum((r) => r.vacuous),
      hits: sum((r) => r.hits),
      firstHit: plan.firstHit,
    };
  if (plan.firstHit === null) return { tried: sum((r) => r.tried), vacuous: null, hits: 0, firstHit: null };
  return {
    tried: indicesUpTo(plan.chunks, plan.firstHit),
    vacuous: null,
    hits: 1,
    firstHit: plan.firstHit,
  };
}

/**
 * Checks claims and returns the report with its timings.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const file = await runCheck(BUILTIN_CLAIMS.slice(0, 2), { seed: 1, instances: 100, workers: 1 });
 * file.ok; file.claims[0].outcome; file.timings.totalMs;
 */
export async function runCheck(claims: readonly Claim[], opts: RunOptions = {}): Promise<ReportFile> {
  const t0 = performance.now();
  const seed = String(opts.seed ?? "1");
  const instances = opts.instances ?? 200;
  const shard = opts.shard ?? { index: 1, count: 1 };
  const workers =
    opts.pool?.workers.length ?? Math.max(1, Math.floor(opts.workers ?? availableParallelism()));
  const plans = planClaims(claims, instances, shard);
  const jobs = planJobs(plans, seed, workers > 1 ? CHUNKS_PER_JOB : 1);
  const progress = new RunProgress(plans, opts.onProgress);
  let poolStartMs = 0;
  if (opts.pool === undefined && workers <= 1) await runHere(jobs, progress);
  else poolStartMs = await runOnPool(claims, jobs, progress, workers, opts.pool);

  const timings: Timings = { totalMs: 0, workers, poolStartMs, claims: {} };
  const results: ClaimResult[] = plans.map((plan) => {
    const s0 = performance.now();
    const cx =
      plan.firstHit === null || opts.counterexamples === false
        ? null
        : counterexample(plan.claim, seed, plan.firstHit, opts.shrinkBudget);
    timings.claims[plan.claim.id] = { computeMs: plan.computeMs, shrinkMs: performance.now() - s0 };
    return claimResult(plan.claim, plan.range, planCounts(plan), cx);
  });
  timings.totalMs = performance.now() - t0;
  const report: CheckReport = {
    format: "modelmarket-check/1",
    seed,
    instances,
    shard: shard.count === 1 ? null : { ...shard },
    claims: results,
    ok: results.every((r) => r.consistent),
  };
  return { ...report, timings };
}
