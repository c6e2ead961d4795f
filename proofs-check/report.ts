/**
 * Check reports: per-claim results, their outcome against the expectation, merging shard reports and
 * the text table.
 */
import { InputError } from "../src/errors.js";
import type { Expectation, Instance, MarketFile } from "./types.js";

/** What a run found for one claim, judged against its expectation. */
export type Outcome =
  | "holds"
  | "violated"
  | "witness-found"
  | "no-witness"
  | "counterexample-found"
  | "not-falsified";

/** The first hit of a claim, as found and after shrinking. */
export interface Counterexample {
  /** The instance index `k` (its randomness derives from the seed, the claim id and `k`). */
  index: number;
  message: string;
  details: Record<string, unknown>;
  instance: Instance;
  shrunk: {
    instance: Instance;
    message: string;
    details: Record<string, unknown>;
    /** Predicate evaluations the shrinker spent, and the changes it kept. */
    checks: number;
    steps: number;
  };
  /** The shrunk hit as a market file (`modelmarket evaluate` reads it), when the claim has one. */
  market: MarketFile | null;
}

/** One claim's result. Everything here is deterministic in (seed, instances, claim). */
export interface ClaimResult {
  id: string;
  title: string;
  statement: string;
  hypothesis: string;
  predicate: string;
  expectation: Expectation;
  tolerance: number;
  /** Size of the index range searched: `--instances` for `holds`, `max(--instances, budget)` otherwise. */
  range: number;
  /** Instances evaluated (for searches: up to and including the first hit). */
  tried: number;
  /**
   * `holds` claims: instances where the statement is vacuous (e.g. a game with no pure equilibrium),
   * among `tried`. `null` for searches, which stop at the first hit.
   */
  vacuous: number | null;
  /** Violations (`holds`), or 0/1 witnesses/counterexamples (searches stop at the first). */
  hits: number;
  /** Index of the first hit, or `null`. */
  firstHit: number | null;
  counterexample: Counterexample | null;
  outcome: Outcome;
  /** Whether the outcome agrees with the expectation. */
  consistent: boolean;
}

/** A whole run (or one shard of it). */
export interface CheckReport {
  format: "modelmarket-check/1";
  seed: string;
  instances: number;
  /** `null` for a complete run or a merge; `{ index, count }` (1-based) for a shard. */
  shard: { index: number; count: number } | null;
  claims: ClaimResult[];
  /** Every claim consistent with its expectation. */
  ok: boolean;
}

/** Wall-clock figures, kept apart from the report so that reports compare equal across runs. */
export interface Timings {
  totalMs: number;
  workers: number;
  /** Time to start the worker threads and load the claims in them (0 in one thread). */
  poolStartMs: number;
  /** Per claim: milliseconds of compute (summed over workers) and of shrinking. */
  claims: Record<string, { computeMs: number; shrinkMs: number }>;
}

/** The JSON file written by `--json`: the report plus a separate `timings` field. */
export interface ReportFile extends CheckReport {
  timings: Timings;
}

/**
 * The outcome of a claim's counts under its expectation.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function outcomeOf(expectation: Expectation, hits: number): { outcome: Outcome; consistent: boolean } {
  switch (expectation) {
    case "holds":
      return hits === 0 ? { outcome: "holds", consistent: true } : { outcome: "violated", consistent: false };
    case "witness":
      return hits > 0
        ? { outcome: "witness-found", consistent: true }
        : { outcome: "no-witness", consistent: false };
    case "falsifiable":
      return hits > 0
        ? { outcome: "counterexample-found", consistent: true }
        : { outcome: "not-falsified", consistent: false };
  }
}

/**
 * Merges shard reports (`--shard k/N` for every k of one N, same seed, instances and claims) into the
 * report of a single run.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const run = (index: number) =>
 *   runCheck(BUILTIN_CLAIMS.filter((c) => c.id === "C1"), { seed: 1, instances: 40, workers: 1, shard: { index, count: 2 } });
 * const full = mergeReports([await run(1), await run(2)]);
 */
export function mergeReports(parts: readonly CheckReport[]): CheckReport {
  if (parts.length === 0) throw new InputError(undefined, "merge", "no reports to merge");
  const first = parts[0]!;
  for (const p of parts) {
    if (p.format !== "modelmarket-check/1") throw new InputError(undefined, "merge", "not a check report");
    if (p.seed !== first.seed || p.instances !== first.instances) {
      throw new InputError(undefined, "merge", "reports differ in seed or instances");
    }
    const ids = p.claims.map((c) => c.id).join(",");
    if (ids !== first.claims.map((c) => c.id).join(",")) {
      throw new InputError(undefined, "merge", "reports check different claims");
    }
  }
  const count = first.shard?.count ?? 1;
  const seen = new Set<number>();
  for (const p of parts) {
    const s = p.shard ?? { index: 1, count: 1 };
    if (s.count !== count)
      throw new InputError(undefined, "merge", "reports come from different shard counts");
    if (seen.has(s.index)) throw new InputError(undefined, "merge", `shard ${s.index}/${count} given twice`);
    seen.add(s.index);
  }
  if (seen.size !== count) {
    const missing = Array.from({ length: count }, (_, k) => k + 1).filter((k) => !seen.has(k));
    throw new InputError(
      undefined,
      "merge",
      `missing shard(s) ${missing.map((k) => `${k}/${count}`).join(", ")}`,
    );
  }
  const claims = first.claims.map((c0, ci) => {
    const rows = parts.map((p) => p.claims[ci]!);
    let best: ClaimResult | undefined;
    for (const r of rows) {
      if (r.firstHit !== null && (best === undefined || r.firstHit < best.firstHit!)) best = r;
    }
    const search = c0.expectation !== "holds";
    let tried: number;
    let hits: number;
    let vacuous: number | null = null;
    if (search && best !== undefined) {
      // the search stops at the first hit: every index below it was tried by some shard
      tried = best.firstHit! + 1;
      hits = 1;
    } else {
      tried = rows.reduce((s, r) => s + r.tried, 0);
      hits = rows.reduce((s, r) => s + r.hits, 0);
      if (!search) vacuous = rows.reduce((s, r) => s + (r.vacuous ?? 0), 0);
    }
    const { outcome, consistent } = outcomeOf(c0.expectation, hits);
    return {
      ...c0,
      tried,
      vacuous,
      hits,
      firstHit: best?.firstHit ?? null,
      counterexample: best?.counterexample ?? null,
      outcome,
      consistent,
    };
  });
  return {
    format: "modelmarket-check/1",
    seed: first.seed,
    instances: first.instances,
    shard: null,
    claims,
    ok: claims.every((c) => c.consistent),
  };
}
