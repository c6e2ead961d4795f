/**
 * Coverage of the intervals the ratings commands print, measured by simulation from known strengths:
 * judgements are drawn from a Bradley-Terry model with known ratings on a given design, every interval
 * is computed as the commands compute it, and the share of intervals that contain the truth is
 * counted. Seeded: replication `r` draws from `alea(seed/coverage/r)`, so a study is reproducible.
 *
 * Designs: `arena` (sparse and unbalanced: 12 models, pairs drawn with probability proportional to
 * the product of Zipf popularities, the arena's pattern of a few popular models), `alpacaeval` (every
 * model against one baseline, as AlpacaEval), `tournament` (a balanced round robin). Intervals: the
 * Wald rating interval `rating +- 1.96 SE`, the bootstrap percentile and BCa rating intervals (BCa is
 * the one the commands print) under each resampling scheme, the winrate interval (Wilson with the
 * design effect; truth: the expected winrate on the realised design),
 * and the profile-likelihood interval of `beta` (`calibrate`, qualities `q = rating / beta`).
 *
 * Source: the design of a coverage study follows A. C. Davison and D. V. Hinkley, Bootstrap Methods and
 * their Application (1997), Sec. 5.7.
 */
import seedrandom from "seedrandom";
import { InputError } from "../../src/errors.js";
import type { PairwiseCell, PairwiseData } from "../../src/io/pairwise.js";
import { sigmoid } from "../../src/numeric/normal.js";
import { bootstrapReplicate } from "../bootstrap.js";
import { summariseBootstrap } from "../bootstrap-summary.js";
import { fitNoise, type NoiseObservations } from "../calibrate.js";
import { quantile } from "../quantile.js";
import type { ResampleScheme } from "../resample.js";
import { fitBradleyTerry } from "./bradley-terry.js";
import { comparisonsFrom } from "./comparisons.js";
import { winrates, Z95 } from "./winrate.js";

/** A simulation design. */
export type CoverageDesign = "arena" | "alpacaeval" | "tournament";

/** The designs, with their sizes (models, judgements). */
export const COVERAGE_DESIGNS: Record<CoverageDesign, { models: number; judgements: number; text: string }> =
  {
    arena: {
      models: 12,
      judgements: 1500,
      text: "arena-like: 12 models, 1,500 battles, pairs by Zipf popularity (sparse, unbalanced)",
    },
    alpacaeval: {
      models: 11,
      judgements: 1000,
      text: "AlpacaEval-like: 10 models x 100 judgements against one baseline",
    },
    tournament: {
      models: 8,
      judgements: 1120,
      text: "balanced round robin: 8 models, 40 judgements per pair",
    },
  };

/** The true ratings of a design's models (mean 0, spread over 3 logits). */
function truth(n: number): number[] {
  return Array.from({ length: n }, (_, k) => 1.5 - (3 * k) / (n - 1));
}

/** The pairs of one simulated log, in order. */
function schedule(design: CoverageDesign, rng: () => number): Array<[number, number]> {
  const { models: n, judgements } = COVERAGE_DESIGNS[design];
  const out: Array<[number, number]> = [];
  if (design === "tournament") {
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) for (let k = 0; k < 40; k++) out.push(k % 2 ? [i, j] : [j, i]);
    return out;
  }
  if (design === "alpacaeval") {
    for (let i = 1; i < n; i++) for (let k = 0; k < 100; k++) out.push([0, i]);
    return out;
  }
  // Zipf popularity 1 / (rank + 1), unrelated to strength (model k's popularity rank is (5 k) mod n)
  const pop = Array.from({ length: n }, (_, k) => 1 / (((5 * k) % n) + 1));
  const cum: number[] = [];
  let s = 0;
  for (const p of pop) {
    s += p;
    cum.push(s);
  }
  const draw = () => {
    const u = rng() * s;
    let k = 0;
    while (cum[k]! < u) k++;
    return k;
  };
  while (out.length < judgements) {
    const a = draw();
    const b = draw();
    if (a !== b) out.push([a, b]);
  }
  return out;
}

/**
 * One simulated log of `design` (seeded), aggregated as the readers aggregate.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * simulateDesign("tournament", seedrandom.alea("1")).cells.length; // 56 (ordered pairs)
 */
export function simulateDesign(design: CoverageDesign, rng: () => number): PairwiseData {
  const n = COVERAGE_DESIGNS[design].models;
  const theta = truth(n);
  const cells = new Map<string, PairwiseCell>();
  for (const [a, b] of schedule(design, rng)) {
    const key = `${a}|${b}`;
    let c = cells.get(key);
    if (c === undefined) {
      c = { a, b, task: -1, winsA: 0, ties: 0, winsB: 0, line: 0 };
      cells.set(key, c);
    }
    if (rng() < sigmoid(theta[a]! - theta[b]!)) c.winsA++;
    else c.winsB++;
  }
  return {
    format: "battles",
    file: undefined,
    comments: [],
    models: theta.map((_, k) => `m${k}`),
    tasks: [],
    cells: [...cells.values()],
  };
}

/** The coverage of one interval. */
export interface CoverageRow {
  design: CoverageDesign;
  interval: string;
  nominal: number;
  /** Share of intervals (over replications and models) that contain the truth. */
  coverage: number;
  /** Monte Carlo standard error, `sqrt(c (1 - c) / replications)` (conservative: models are correlated). */
  standardError: number;
  replications: number;
}

/**
 * Measures the coverage of every interval on `design` over `replications` seeded logs, with
 * `bootstrap` replicates per log for each scheme in `schemes` (0: no bootstrap intervals).
 *
 * @throws InputError when `replications` is not an integer >= 1.
 * @example
 * coverageStudy("tournament", { replications: 20, bootstrap: 0, seed: "1" })[0]!.coverage; // about 0.95
 */
export function coverageStudy(
  design: CoverageDesign,
  opts: { replications: number; bootstrap: number; seed: string; schemes?: ResampleScheme[] },
): CoverageRow[] {
  // over 80 lines: one replication computes every interval of the table from the same simulated log
  if (!Number.isInteger(opts.replications) || opts.replications < 1)
    throw new InputError(undefined, "replications", `must be an integer >= 1, got ${opts.replications}`);
  const n = COVERAGE_DESIGNS[design].models;
  const theta = truth(n);
  const mean = theta.reduce((s, x) => s + x, 0) / n;
  const centred = theta.map((x) => x - mean);
  const schemes = opts.bootstrap > 0 ? (opts.schemes ?? [{ kind: "battles" }]) : [];
  const hits = new Map<string, number>();
  const count = new Map<string, number>();
  const hit = (name: string, ok: boolean) => {
    hits.set(name, (hits.get(name) ?? 0) + (ok ? 1 : 0));
    count.set(name, (count.get(name) ?? 0) + 1);
  };
  const BETA = 3;
  for (let r = 0; r < opts.replications; r++) {
    const data = simulateDesign(design, seedrandom.alea(`${opts.seed}/coverage/${r}`));
    const comp = comparisonsFrom(data, { overall: true });
    const fit = fitBradleyTerry(comp);
    for (let k = 0; k < n; k++)
      hit(
        "rating (Wald, rating +- 1.96 SE)",
        Math.abs(fit.ratings[k]! - centred[k]!) <= Z95 * fit.standardErrors[k]!,
      );
    const wr = winrates(comp, fit.ratings);
    const expected = new Array<number>(n).fill(0);
    for (let p = 0; p < comp.i.length; p++) {
      const m = comp.winsI[p]! + comp.winsJ[p]! + comp.ties[p]!;
      const q = sigmoid(theta[comp.i[p]!]! - theta[comp.j[p]!]!);
      expected[comp.i[p]!]! += m * q;
      expected[comp.j[p]!]! += m * (1 - q);
    }
    for (let k = 0; k < n; k++) {
      const w = wr.overall[k]!;
      const e = expected[k]! / w.n;
      hit("winrate (Wilson, design effect)", w.lower <= e && e <= w.upper);
    }
    // beta: qualities q = theta / BETA, one cell per ordered pair
    const obs: NoiseObservations = { tasks: ["t"], task: [], d: [], s: [], n: [], a: [], b: [] };
    for (const c of data.cells) {
      obs.task.push(0);
      obs.d.push((theta[c.a]! - theta[c.b]!) / BETA);
      obs.s.push(c.winsA + 0.5 * c.ties);
      obs.n.push(c.winsA + c.ties + c.winsB);
      obs.a.push(data.models[c.a]!);
      obs.b.push(data.models[c.b]!);
    }
    const b = fitNoise(obs, "logit");
    hit(
      "beta (profile likelihood, calibrate)",
      b.lower !== null && b.lower <= BETA && (b.upper === null || BETA <= b.upper),
    );
    for (const scheme of schemes) {
      const spec = {
        pairwise: data,
        ratings: true,
        replicates: opts.bootstrap,
        seed: `${opts.seed}/${r}`,
        resample: scheme,
      };
      const full = Array.from({ length: opts.bootstrap }, (_, k) => bootstrapReplicate(spec, k));
      const reps = full.map((x) => x.ratings![0]!);
      const resample = scheme.kind === "clusters" ? `clusters:${scheme.column}` : scheme.kind;
      // the interval the commands print (BCa), from the same summary they use
      const printed = summariseBootstrap(spec, bootstrapReplicate(spec, -1), full).ratings![0]!.models;
      for (let k = 0; k < n; k++) {
        const v = reps.map((x) => x[k]!);
        hit(
          `rating (bootstrap percentile, resample ${resample})`,
          quantile(v, 0.025) <= centred[k]! && centred[k]! <= quantile(v, 0.975),
        );
        const { lower, upper } = printed[k]!.rating;
        hit(`rating (bootstrap BCa, resample ${resample})`, lower <= centred[k]! && centred[k]! <= upper);
      }
    }
  }
  return [...count.keys()].map((interval) => {
    const c = hits.get(interval)! / count.get(interval)!;
    return {
      design,
      interval,
      nominal: 0.95,
      coverage: c,
      standardError: Math.sqrt((c * (1 - c)) / opts.replications),
      replications: opts.replications,
    };
  });
}
