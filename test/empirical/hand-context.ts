/**
 * Shared inputs of the study's module tests: the hand-made 3 x 2 table of hand.test.ts
 * (A = (0.8, 0.2), B = (0.6, 0.6), C = (0.2, 0.4) after scaling by 10, equal weights, epsilon:eps=0.3)
 * and a recording stand-in for the best-response solver.
 */
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { type StudyContext, studyContext } from "../../empirical/setup.js";
import type { BestResponseOutcome, StudySolver } from "../../empirical/solver.js";
import type { EmpiricalOptions } from "../../empirical/study-types.js";
import { readScoreTable, type ScoreTable } from "../../src/io/scoreTable.js";
import type { PayoffRule } from "../../src/model/payoffs.js";

export const HAND_TABLE = fileURLToPath(new URL("../fixtures/tables/hand-3x2.csv", import.meta.url));

/** Decimal places for toBeCloseTo on hand-computed values. */
export const D = 12;

/** Each entry of `actual` equals the hand-computed `expected` to `D` decimal places. */
export function expectCloseAll(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, i) => {
    expect(actual[i]).toBeCloseTo(x, D);
  });
}

/** The hand table's context (options override the defaults). */
export function handContext(extra: Partial<EmpiricalOptions> = {}, table?: ScoreTable): StudyContext {
  return studyContext(table ?? readScoreTable(HAND_TABLE), {
    selection: { rule: "epsilon", eps: 0.3 },
    normalization: { kind: "scale", max: 10 },
    ...extra,
  });
}

/** A solver that answers `quality(rule)` with fixed payoff 0.1 and welfare 0.5, and records its calls. */
export function fakeSolver(quality: (rule: PayoffRule) => number[]): StudySolver & { calls: string[] } {
  const calls: string[] = [];
  const outcome = (q: number[]): BestResponseOutcome => ({
    quality: q,
    payoff: 0.1,
    welfare: 0.5,
    maximisers: 1,
    truncated: false,
    welfareRange: [0.5, 0.5],
    exact: true,
    gapBound: 0,
  });
  return {
    calls,
    entrant(market, space, rule) {
      calls.push(`entrant ${rule.name} ${space.kind} ${market.selection.rule}`);
      return outcome(quality(rule));
    },
    incumbent(market, producer, rule, space) {
      calls.push(`incumbent ${market.producers[producer]!.name} ${rule.name} ${space.kind}`);
      return outcome(quality(rule));
    },
  };
}
