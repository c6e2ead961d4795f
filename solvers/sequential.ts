/**
 * Sequential entry (MODEL.md section 6): producers enter one at a time, each best-responding under a
 * payoff rule to the producers already in the market (incumbents and earlier entrants, all fixed from
 * then on). Welfare and diversity are recorded after each entry. Among tied best responses the first
 * listed is taken (deterministic; the number of ties is reported).
 */
import { type Diversity, diversity } from "../src/model/diversity.js";
import { consumerWelfare } from "../src/model/evaluate.js";
import type { Market, StrategySpace } from "../src/model/types.js";
import {
  type BestResponseOptions,
  entrantBestResponse,
  type RuleLike,
  resolveRule,
} from "./bestResponse/index.js";
import { annotate, type RuleResponse } from "./entry.js";

/** One entry of the sequence. */
export interface SequentialStep {
  entrant: string;
  /** The entrant's best response (annotated) against the market as it was. */
  response: RuleResponse;
  /** The strategy taken (the first maximiser). */
  chosen: { quality: number[]; effort?: number[]; tasks?: number[] };
  /** Number of tied best responses (strategies within the tolerance); a lower bound when `tiesTruncated`. */
  ties: number;
  /** `true` when the tie list stopped at `maxMaximisers`: there are more than `ties` tied responses. */
  tiesTruncated: boolean;
  /** `U` after this entry. */
  welfare: number;
  diversity: Diversity;
}

/** A whole sequence under one rule. */
export interface SequentialReport {
  rule: string;
  space: StrategySpace;
  /** `U` before any entry. */
  welfareInitial: number;
  steps: SequentialStep[];
}

/**
 * Lets `entrants` producers with strategy space `space` enter one at a time under `rule`.
 *
 * @example
 * const rep = sequentialEntry(market, 3, { kind: "top-k", k: 1 }, "weighted-winrate");
 * rep.steps.map((s) => s.welfare);
 */
export function sequentialEntry(
  market: Market,
  entrants: number,
  space: StrategySpace,
  rule: RuleLike,
  opts: Omit<BestResponseOptions, "space"> & { namePrefix?: string } = {},
): SequentialReport {
  const r = resolveRule(rule);
  const prefix = opts.namePrefix ?? "Entrant";
  let current: Market = { ...market, producers: market.producers.slice() };
  const steps: SequentialStep[] = [];
  const caps = market.tasks.map((t) => t.cap);
  for (let k = 1; k <= entrants; k++) {
    let name = `${prefix}${k}`;
    while (current.producers.some((p) => p.name === name)) name = `${name}'`;
    const br = entrantBestResponse(current, { name, space }, r, opts);
    const m = br.maximisers[0]!;
    const chosen = {
      quality: m.quality.slice(),
      ...(m.effort ? { effort: m.effort.slice() } : {}),
      ...(m.tasks ? { tasks: m.tasks.slice() } : {}),
    };
    const extended: Market = {
      ...current,
      producers: [...current.producers, { name, quality: m.quality.slice(), space: { kind: "fixed" } }],
    };
    steps.push({
      entrant: name,
      response: annotate(br, extended, extended.producers.length - 1),
      chosen,
      ties: br.maximisers.length,
      tiesTruncated: br.truncated === true,
      welfare: consumerWelfare(extended),
      diversity: diversity(
        extended.producers.map((p) => p.quality),
        caps,
      ),
    });
    current = extended;
  }
  return { rule: r.name, space, welfareInitial: consumerWelfare(market), steps };
}
