/**
 * Sequential entry (docs/model.md section 6): producers enter one at a time, each best-responding under a
 * payoff rule to the producers already in the market (incumbents and earlier entrants, all fixed from
 * then on). Welfare and diversity are recorded after each entry.
 *
 * Ties: an entrant's best response is often a set of tied strategies (within the tolerance), and the
 * path taken, with it the welfare and which rule looks worse, can depend on which one is taken. A
 * `TieBreak` says which: the first listed (`first`, the default: deterministic, by enumeration order),
 * the one giving the highest or lowest welfare after the entry, a seeded random one, or `all`
 * (`sequentialBranches`: every tied branch explored, bounded by a cap on the number of paths). The
 * number of ties met at each step is always reported, with `tiesTruncated` when the tie list was cut at
 * `maxMaximisers` (then the count is a lower bound and the tie-breaks choose among the listed ones).
 */

import { InputError } from "../src/errors.js";
import { DEFAULT_MAX_BRANCHES } from "../src/limits.js";
import { type Diversity, diversity } from "../src/model/diversity.js";
import { consumerWelfare } from "../src/model/evaluate.js";
import type { Market, StrategySpace } from "../src/model/types.js";
import { alea } from "../src/numeric/alea.js";
import { approxEqual } from "../src/numeric/tolerance.js";
import {
  absoluteTolerance,
  type BestResponse,
  type BestResponseOptions,
  entrantBestResponse,
  type Maximiser,
  type RuleLike,
  resolveRule,
} from "./bestResponse/index.js";
import { annotate, type RuleResponse } from "./entry.js";

/** How an entrant chooses among tied best responses. */
export type TieBreak =
  | { kind: "first" }
  | { kind: "welfare-best" }
  | { kind: "welfare-worst" }
  | { kind: "random"; seed: string }
  | { kind: "all" };

/** The tie-break used when none is given. */
export const DEFAULT_TIE_BREAK: TieBreak = { kind: "first" };

export { DEFAULT_MAX_BRANCHES };

/**
 * Parses a tie-break: `first`, `welfare-best`, `welfare-worst`, `random` (seed `1`), `random:SEED`,
 * `all`.
 *
 * @throws InputError naming `where` for anything else.
 * @example
 * parseTieBreak("random:7"); // { kind: "random", seed: "7" }
 */
export function parseTieBreak(text: string, where = "tieBreak"): TieBreak {
  const t = text.trim();
  if (t === "first" || t === "welfare-best" || t === "welfare-worst" || t === "all") return { kind: t };
  if (t === "random") return { kind: "random", seed: "1" };
  if (t.startsWith("random:")) {
    const seed = t.slice("random:".length);
    if (seed === "") throw new InputError(undefined, where, "random:SEED needs a seed");
    return { kind: "random", seed };
  }
  throw new InputError(
    undefined,
    where,
    `unknown tie-break "${text}" (known: first, welfare-best, welfare-worst, random[:SEED], all)`,
  );
}

/**
 * Text form of a tie-break (inverse of `parseTieBreak`).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * formatTieBreak({ kind: "random", seed: "7" }); // "random:7"
 */
export function formatTieBreak(tb: TieBreak): string {
  return tb.kind === "random" ? `random:${tb.seed}` : tb.kind;
}

/** One entry of the sequence. */
export interface SequentialStep {
  entrant: string;
  /** The entrant's best response (annotated) against the market as it was. */
  response: RuleResponse;
  /** The strategy taken. */
  chosen: { quality: number[]; effort?: number[]; tasks?: number[] };
  /** Index of the chosen strategy in `response.maximisers`. */
  chosenIndex: number;
  /** Number of tied best responses (strategies within the tolerance) listed. */
  ties: number;
  /** The tie list was cut at `maxMaximisers`: `ties` is a lower bound. */
  tiesTruncated: boolean;
  /** `U` after this entry. */
  welfare: number;
  diversity: Diversity;
}

/** A whole sequence under one rule. */
export interface SequentialReport {
  rule: string;
  space: StrategySpace;
  tieBreak: string;
  /** `U` before any entry. */
  welfareInitial: number;
  steps: SequentialStep[];
}

/** Options of `sequentialEntry`. */
export type SequentialOptions = Omit<BestResponseOptions, "space"> & {
  namePrefix?: string;
  /** Which tied best response each entrant takes (default `first`; `all` needs `sequentialBranches`). */
  tieBreak?: TieBreak;
};

function entrantName(current: Market, prefix: string, k: number): string {
  let name = `${prefix}${k}`;
  while (current.producers.some((p) => p.name === name)) name = `${name}'`;
  return name;
}

function marketWith(current: Market, name: string, m: Maximiser): Market {
  return {
    ...current,
    producers: [...current.producers, { name, quality: m.quality.slice(), space: { kind: "fixed" } }],
  };
}

function stepOf(current: Market, name: string, br: BestResponse, index: number): SequentialStep {
  const m = br.maximisers[index]!;
  const extended = marketWith(current, name, m);
  return {
    entrant: name,
    response: annotate(br, extended, extended.producers.length - 1),
    chosen: {
      quality: m.quality.slice(),
      ...(m.effort ? { effort: m.effort.slice() } : {}),
      ...(m.tasks ? { tasks: m.tasks.slice() } : {}),
    },
    chosenIndex: index,
    ties: br.maximisers.length,
    tiesTruncated: br.truncated === true,
    welfare: consumerWelfare(extended),
    diversity: diversity(
      extended.producers.map((p) => p.quality),
      extended.tasks.map((t) => t.cap),
    ),
  };
}

/** Index of the maximiser the tie-break takes (`rand` for `random`). */
function pick(br: BestResponse, tb: TieBreak, rand: () => number, tol: number): number {
  const ms = br.maximisers;
  switch (tb.kind) {
    case "first":
    case "all":
      return 0;
    case "random":
      return Math.min(ms.length - 1, Math.floor(rand() * ms.length));
    case "welfare-best":
    case "welfare-worst": {
      // the first of the strategies whose welfare is best (worst) up to the tolerance
      let best = 0;
      for (let j = 1; j < ms.length; j++) {
        const d = ms[j]!.welfare - ms[best]!.welfare;
        if (approxEqual(ms[j]!.welfare, ms[best]!.welfare, 1, tol)) continue;
        if (tb.kind === "welfare-best" ? d > 0 : d < 0) best = j;
      }
      return best;
    }
  }
}

/**
 * Lets `entrants` producers with strategy space `space` enter one at a time under `rule`, each taking
 * the tied best response `opts.tieBreak` picks (default the first listed).
 *
 * @throws InputError for `tieBreak: all` (use `sequentialBranches`) and from the best-response solvers.
 * @example
 * const rep = sequentialEntry(market, 3, { kind: "top-k", k: 1 }, "weighted-winrate", { tieBreak: { kind: "welfare-worst" } });
 * rep.steps.map((s) => [s.welfare, s.ties]);
 */
export function sequentialEntry(
  market: Market,
  entrants: number,
  space: StrategySpace,
  rule: RuleLike,
  opts: SequentialOptions = {},
): SequentialReport {
  const r = resolveRule(rule);
  const tb = opts.tieBreak ?? DEFAULT_TIE_BREAK;
  if (tb.kind === "all") {
    throw new InputError(undefined, "tieBreak", "all: every branch is explored by sequentialBranches");
  }
  const prefix = opts.namePrefix ?? "Entrant";
  const rand = alea(tb.kind === "random" ? tb.seed : "first");
  const tol = absoluteTolerance(market, opts.tolerance);
  let current: Market = { ...market, producers: market.producers.slice() };
  const steps: SequentialStep[] = [];
  for (let k = 1; k <= entrants; k++) {
    const name = entrantName(current, prefix, k);
    const br = entrantBestResponse(current, { name, space }, r, opts);
    const step = stepOf(current, name, br, pick(br, tb, rand, tol));
    steps.push(step);
    current = marketWith(current, name, br.maximisers[step.chosenIndex]!);
  }
  return {
    rule: r.name,
    space,
    tieBreak: formatTieBreak(tb),
    welfareInitial: consumerWelfare(market),
    steps,
  };
}

/** One path of `sequentialBranches`. */
export interface SequentialBranch {
  /** Per step, the index of the tied best response taken. */
  choices: number[];
  steps: SequentialStep[];
  /** `U` after the last entry. */
  welfare: number;
}

/** Every tied branch of a sequence under one rule (`--tie-break all`). */
export interface SequentialBranches {
  rule: string;
  space: StrategySpace;
  tieBreak: "all";
  welfareInitial: number;
  /** The paths explored, in depth-first order (first-listed maximiser first). */
  branches: SequentialBranch[];
  /** The cap on the number of paths. */
  maxBranches: number;
  /** Every branch was explored (not cut by `maxBranches`, and no tie list cut at `maxMaximisers`). */
  complete: boolean;
  /** Paths were cut by `maxBranches`. */
  capped: boolean;
  /** Some tie list was cut at `maxMaximisers`. */
  tiesTruncated: boolean;
  /** Range of the final welfare over the branches. */
  welfareMin: number;
  welfareMax: number;
  /** Per step, the fewest and most ties met over the branches. */
  tiesPerStep: Array<{ min: number; max: number }>;
}

/**
 * Explores every tied best response at every step (depth first, the first-listed maximiser first), up
 * to `maxBranches` complete paths (default `DEFAULT_MAX_BRANCHES`), and reports the range of outcomes.
 * Work is the number of tree nodes, at most `maxBranches x entrants` best responses.
 *
 * @throws InputError from the best-response solvers.
 * @example
 * const all = sequentialBranches(market, 2, { kind: "top-k", k: 1 }, "winrate");
 * all.branches.length; all.welfareMin; all.welfareMax; all.complete;
 */
export function sequentialBranches(
  market: Market,
  entrants: number,
  space: StrategySpace,
  rule: RuleLike,
  opts: Omit<SequentialOptions, "tieBreak"> & { maxBranches?: number } = {},
): SequentialBranches {
  const r = resolveRule(rule);
  const prefix = opts.namePrefix ?? "Entrant";
  const cap = opts.maxBranches ?? DEFAULT_MAX_BRANCHES;
  if (!(Number.isInteger(cap) && cap >= 1)) {
    throw new InputError(undefined, "maxBranches", `must be a positive integer, got ${cap}`);
  }
  const branches: SequentialBranch[] = [];
  let capped = false;
  let tiesTruncated = false;
  const welfareInitial = consumerWelfare(market);
  // explicit stack of partial paths; each pop either completes a path or pushes its children
  const stack: Array<{ market: Market; steps: SequentialStep[] }> = [
    { market: { ...market, producers: market.producers.slice() }, steps: [] },
  ];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.steps.length === entrants) {
      if (branches.length >= cap) {
        capped = true;
        break;
      }
      const last = node.steps[node.steps.length - 1];
      branches.push({
        choices: node.steps.map((s) => s.chosenIndex),
        steps: node.steps,
        welfare: last === undefined ? welfareInitial : last.welfare,
      });
      continue;
    }
    const k = node.steps.length + 1;
    const name = entrantName(node.market, prefix, k);
    const br = entrantBestResponse(node.market, { name, space }, r, opts);
    if (br.truncated) tiesTruncated = true;
    // pushed in reverse so that the first-listed maximiser is explored first
    for (let j = br.maximisers.length - 1; j >= 0; j--) {
      const step = stepOf(node.market, name, br, j);
      stack.push({
        market: marketWith(node.market, name, br.maximisers[j]!),
        steps: [...node.steps, step],
      });
    }
  }
  let welfareMin = Number.POSITIVE_INFINITY;
  let welfareMax = Number.NEGATIVE_INFINITY;
  for (const b of branches) {
    welfareMin = Math.min(welfareMin, b.welfare);
    welfareMax = Math.max(welfareMax, b.welfare);
  }
  const tiesPerStep = Array.from({ length: entrants }, (_, s) => {
    const counts = branches.map((b) => b.steps[s]!.ties);
    return { min: Math.min(...counts), max: Math.max(...counts) };
  });
  return {
    rule: r.name,
    space,
    tieBreak: "all",
    welfareInitial,
    branches,
    maxBranches: cap,
    complete: !capped && !tiesTruncated,
    capped,
    tiesTruncated,
    welfareMin,
    welfareMax,
    tiesPerStep,
  };
}
