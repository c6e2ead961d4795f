/**
 * Model replacement (docs/model.md section 6): an incumbent re-chooses its strategy with the others fixed.
 * Reported per rule: the best response(s), the welfare they lead to, distance to the nearest other
 * producer and specialisation; beside them the producer's current payoff, the current welfare, the
 * welfare-optimal replacement and the welfare without the producer.
 */
import { InputError } from "../src/errors.js";
import { consumerWelfare } from "../src/model/evaluate.js";
import { BUILTIN_PAYOFF_RULES } from "../src/model/payoffs.js";
import { type SpaceMembership, spaceMembership } from "../src/model/strategies.js";
import type { Market, StrategySpace } from "../src/model/types.js";
import {
  type BestResponseOptions,
  bestResponse,
  payoffWith,
  type RuleLike,
  resolveRule,
  welfareOptimalResponse,
} from "./bestResponse/index.js";
import { annotate, type RuleResponse } from "./entry.js";

/** One rule's answer with the producer's current payoff. */
export interface ReplacementResponse extends RuleResponse {
  /** The producer's payoff with its current strategy. */
  currentPayoff: number;
}

/** Everything `modelmarket replace` reports. */
export interface ReplacementAnalysis {
  producer: string;
  space: StrategySpace;
  currentQuality: number[];
  /**
   * Whether the current quality is a strategy of `space` (`spaceMembership`), with why not: a current
   * quality outside the space is a reference point only (its payoff may exceed every strategy's).
   */
  currentInSpace: SpaceMembership;
  /** `U` with the current strategy. */
  welfareNow: number;
  /** `U` with the producer removed. */
  welfareWithoutProducer: number;
  rules: ReplacementResponse[];
  welfareOptimal: RuleResponse;
}

/**
 * Index of a producer by name, or `InputError` listing the names.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 */
export function producerIndex(market: Market, name: string, where = "producer"): number {
  const i = market.producers.findIndex((p) => p.name === name);
  if (i < 0) {
    throw new InputError(
      undefined,
      where,
      `unknown producer "${name}" (known: ${market.producers.map((p) => p.name).join(", ")})`,
    );
  }
  return i;
}

/**
 * The incumbent `producer` (index or name) re-chooses over `space` (default: its own space; a `fixed`
 * producer must be given one) under each rule.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const a = analyseReplacement(market, "Copycat", ["winrate", "weighted-winrate"], { space: { kind: "top-k", k: 1 } });
 * a.rules[1].maximisers[0].quality;
 */
export function analyseReplacement(
  market: Market,
  producer: number | string,
  rules: readonly RuleLike[] = BUILTIN_PAYOFF_RULES,
  opts: BestResponseOptions = {},
): ReplacementAnalysis {
  const slot = typeof producer === "number" ? producer : producerIndex(market, producer);
  const p = market.producers[slot]!;
  const space = opts.space ?? p.space;
  if (space.kind === "fixed") {
    throw new InputError(
      undefined,
      "space",
      `producer "${p.name}" has a fixed strategy: give a space to choose from`,
    );
  }
  const o = { ...opts, space };
  const others = { ...market, producers: market.producers.filter((_, i) => i !== slot) };
  return {
    producer: p.name,
    space,
    currentQuality: p.quality.slice(),
    currentInSpace: spaceMembership(space, p.quality, market.tasks),
    welfareNow: consumerWelfare(market),
    welfareWithoutProducer: consumerWelfare(others),
    rules: rules.map((rule) => {
      const r = resolveRule(rule);
      return {
        ...annotate(bestResponse(market, slot, r, o), market, slot),
        currentPayoff: payoffWith(market, slot, r, p.quality),
      };
    }),
    welfareOptimal: annotate(welfareOptimalResponse(market, slot, o), market, slot),
  };
}
