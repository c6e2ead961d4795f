/**
 * solvers/bestResponse/incremental.ts: each incremental evaluator (logit, perfect/epsilon, probit)
 * returns, for every built-in term and the welfare, the same value as the rule's own formula on the
 * whole column (`columnTerm` on a loaded `ColumnState`), for seeded random others and own qualities,
 * ties with the others included, and with no others at all.
 */
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  type IncrementalTerm,
  LogitOthers,
  TERM,
  ThresholdOthers,
} from "../../solvers/bestResponse/incremental.js";
import { ProbitOthers } from "../../solvers/bestResponse/incremental-probit.js";
import { ColumnState } from "../../src/model/column.js";
import { columnTerm } from "../../src/model/payoffs.js";
import type { SelectionRule } from "../../src/model/types.js";

type Make = (
  others: Float64Array,
  caps: Float64Array,
  T: number,
  m: number,
  term: (typeof TERM)[keyof typeof TERM],
) => IncrementalTerm;

const CASES: Array<{ selection: SelectionRule; make: Make; tol: number }> = [
  {
    selection: { rule: "logit", beta: 7 },
    make: (o, _c, T, m, term) => new LogitOthers(o, T, m, 7, term),
    tol: 1e-12,
  },
  {
    selection: { rule: "perfect" },
    make: (o, c, T, m, term) => new ThresholdOthers(o, c, T, m, null, term),
    tol: 1e-12,
  },
  {
    selection: { rule: "epsilon", eps: 0.3 },
    make: (o, c, T, m, term) => new ThresholdOthers(o, c, T, m, 0.3, term),
    tol: 1e-12,
  },
  {
    selection: { rule: "probit", sigma: 0.2 },
    make: (o, _c, T, m, term) => new ProbitOthers(o, T, m, 0.2, term),
    tol: 1e-8,
  },
];

describe("incremental evaluators agree with the rules' formulas on the whole column", () => {
  for (const { selection, make, tol } of CASES) {
    it(`${selection.rule}: every term, random columns, ties and an empty field`, () => {
      const rng = seedrandom.alea(`incremental-${selection.rule}`);
      const column = new ColumnState(selection);
      for (let trial = 0; trial < 30; trial++) {
        const T = 1 + Math.floor(rng() * 3);
        const m = trial % 10 === 0 ? 0 : 1 + Math.floor(rng() * 5);
        const caps = Float64Array.from({ length: T }, () => 0.5 + rng());
        const others = new Float64Array(T * m);
        for (let t = 0; t < T; t++)
          for (let j = 0; j < m; j++) others[t * m + j] = (Math.round(rng() * 4) / 4) * caps[t]!;
        for (const [name, term] of Object.entries(TERM)) {
          const ev = make(others, caps, T, m, term);
          for (let t = 0; t < T; t++) {
            // own qualities: random, equal to another's (a tie), zero and the cap
            const qs = [rng() * caps[t]!, m > 0 ? others[t * m]! : 0.5, 0, caps[t]!];
            for (const q of qs) {
              const col = [...others.subarray(t * m, (t + 1) * m), q];
              column.load(col, m + 1, caps[t]!);
              const want = columnTerm(term, column, m);
              const got = ev.term(t, q);
              expect(Math.abs(got - want), `${name} t=${t} q=${q} others=${col}`).toBeLessThanOrEqual(tol);
              expect(Math.abs(ev.welfare - column.welfare)).toBeLessThanOrEqual(tol);
            }
          }
        }
      }
    });
  }
});
