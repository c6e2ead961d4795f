/**
 * Market entry (docs/model.md section 6): incumbents fixed, one new producer best-responds under each
 * payoff rule. Reported beside each rule's choice: the welfare it leads to, the entrant's distance to
 * the nearest incumbent and its specialisation index, the welfare-optimal entrant, and `U` without
 * entry.
 */
import { scaledDistance, specialisationIndex } from "../src/model/diversity.js";
import { consumerWelfare } from "../src/model/evaluate.js";
import { BUILTIN_PAYOFF_RULES } from "../src/model/payoffs.js";
import type { Market } from "../src/model/types.js";
import {
  type BestResponse,
  type BestResponseOptions,
  type Entrant,
  entrantBestResponse,
  type Maximiser,
  type RuleLike,
  welfareOptimalEntrant,
} from "./bestResponse/index.js";

/** A maximiser with the diversity measures of the responding producer. */
export interface AnnotatedMaximiser extends Maximiser {
  /** L1 distance of `q / v` to the nearest other producer (`null` when there is none). */
  nearestDistance: number | null;
  /** Name of that nearest producer. */
  nearest: string | null;
  /** `1 - H(q / sum q) / log T`. */
  specialisation: number;
}

/** One rule's answer: the best response with annotated maximisers. */
export interface RuleResponse {
  rule: string;
  bestResponse: BestResponse;
  maximisers: AnnotatedMaximiser[];
  /** Welfare range over the maximisers (they can differ when there are ties). */
  welfareMin: number;
  welfareMax: number;
}

/** Everything `modelmarket entry` reports. */
export interface EntryAnalysis {
  entrant: Entrant;
  /** `U` of the incumbents alone. */
  welfareWithoutEntry: number;
  rules: RuleResponse[];
  /** The entrant that maximises `U` (rule `welfare`). */
  welfareOptimal: RuleResponse;
}

/**
 * Annotates a best response's maximisers with distance to the nearest other producer and
 * specialisation (`others` are the other producers' qualities).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const entrant = { name: "E", space: { kind: "top-k", k: 1 } } as const;
 * const br = entrantBestResponse(market, entrant, "winrate");
 * annotate(br, withEntrant(market, entrant), market.producers.length).maximisers[0].nearest; // "Copycat"
 */
export function annotate(br: BestResponse, market: Market, slot: number): RuleResponse {
  const caps = market.tasks.map((t) => t.cap);
  const maximisers = br.maximisers.map((m) => {
    let nearestDistance: number | null = null;
    let nearest: string | null = null;
    market.producers.forEach((p, i) => {
      if (i === slot) return;
      const d = scaledDistance(m.quality, p.quality, caps);
      if (nearestDistance === null || d < nearestDistance) {
        nearestDistance = d;
        nearest = p.name;
      }
    });
    return { ...m, nearestDistance, nearest, specialisation: specialisationIndex(m.quality) };
  });
  let welfareMin = Number.POSITIVE_INFINITY;
  let welfareMax = Number.NEGATIVE_INFINITY;
  for (const m of maximisers) {
    welfareMin = Math.min(welfareMin, m.welfare);
    welfareMax = Math.max(welfareMax, m.welfare);
  }
  return { rule: br.rule, bestResponse: br, maximisers, welfareMin, welfareMax };
}

/**
 * The entrant's best response under each rule (default: the six built-ins), the welfare-optimal
 * entrant and the welfare without entry.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const a = analyseEntry(market, { name: "E", space: { kind: "top-k", k: 1 } }, ["winrate", "weighted-winrate"]);
 * a.rules[0].maximisers[0].tasks; a.welfareOptimal.welfareMax; a.welfareWithoutEntry;
 */
export function analyseEntry(
  market: Market,
  entrant: Entrant,
  rules: readonly RuleLike[] = BUILTIN_PAYOFF_RULES,
  opts: Omit<BestResponseOptions, "space"> = {},
): EntryAnalysis {
  const slot = market.producers.length;
  const extended = {
    ...market,
    producers: [...market.producers, { name: entrant.name, quality: [], space: entrant.space }],
  };
  const results = rules.map((rule) =>
    annotate(entrantBestResponse(market, entrant, rule, opts), extended, slot),
  );
  return {
    entrant,
    welfareWithoutEntry: consumerWelfare(market),
    rules: results,
    welfareOptimal: annotate(welfareOptimalEntrant(market, entrant, opts), extended, slot),
  };
}
