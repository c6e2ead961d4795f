/**
 * C9 marginal values: closed forms of the gain from covering a task under logit with binary qualities.
 */
import { ColumnState } from "../../src/model/column.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { paramsInstance } from "../instance.js";
import { chance, intBetween, uniform } from "../rng.js";
import { fmt } from "./common.js";

/** C9. */
export const c09MarginalValues = defineClaim({
  id: "C9",
  title: "closed forms of the gain from covering a task (logit, binary)",
  statement:
    "On a task (cap 1) where m of n incumbents have quality 1 and the rest 0, under logit with E = e^beta, " +
    "A = E(m+1) + n - m, B = Em + n - m + 1, an entrant covering the task (quality 1) rather than not " +
    "(quality 0) gains dWR = (E-1)(B-1)/(AB), dWWR = EB/(AB) and changes U_t by dU = E(n+1)/(AB).",
  hypothesis:
    "n uniform in 1..12, m uniform in 0..n, beta uniform on [0, 12] (exactly 0 with prob. 0.05, an integer in " +
    "0..12 with prob. 0.2); cap 1. The instance is the parameters (n, m) and the logit rule.",
  predicate:
    "The entrant's choice probability, quality-weighted choice and the column's welfare are computed with the " +
    "model's ColumnState on the (n+1)-column with the entrant at 1 and at 0; violation when any of dWR, dWWR, " +
    "dU differs from its closed form by more than 1e-9 max(1, |closed form|).",
  expectation: "holds",
  generate: (rng) => {
    const n = intBetween(rng, 1, 12);
    const m = intBetween(rng, 0, n);
    const beta = chance(rng, 0.05) ? 0 : chance(rng, 0.2) ? intBetween(rng, 0, 12) : uniform(rng, 0, 12);
    return paramsInstance({ rule: "logit", beta }, { n, m });
  },
  valid: (inst) => {
    const { n, m } = inst.params;
    return (
      inst.selection.rule === "logit" &&
      Number.isInteger(n) &&
      Number.isInteger(m) &&
      n! >= 1 &&
      m! >= 0 &&
      m! <= n! &&
      n! <= 1000 &&
      inst.selection.beta >= 0 &&
      inst.selection.beta <= 12
    );
  },
  check: (inst) => {
    const n = inst.params.n!;
    const m = inst.params.m!;
    const beta = (inst.selection as { beta: number }).beta;
    const col = new ColumnState(inst.selection);
    const c = new Array<number>(n + 1).fill(0);
    for (let i = 0; i < m; i++) c[i] = 1;
    col.load(c, n + 1, 1);
    const pNot = col.pi[n]!;
    const uNot = col.welfare;
    c[n] = 1;
    col.load(c, n + 1, 1);
    const pCover = col.pi[n]!;
    const uCover = col.welfare;
    const E = Math.exp(beta);
    const A = E * (m + 1) + n - m;
    const B = E * m + n - m + 1;
    const model = { dWR: pCover - pNot, dWWR: pCover * 1, dU: uCover - uNot };
    const closed = {
      dWR: ((E - 1) * (B - 1)) / (A * B),
      dWWR: (E * B) / (A * B),
      dU: (E * (n + 1)) / (A * B),
    };
    for (const key of ["dWR", "dWWR", "dU"] as const) {
      if (Math.abs(model[key] - closed[key]) > RELATIVE_TOLERANCE * Math.max(1, Math.abs(closed[key]))) {
        return {
          status: "hit",
          message: `${key}: model ${fmt(model[key])}, closed form ${fmt(closed[key])} (n=${n}, m=${m}, beta=${fmt(beta)})`,
          details: { model, closed },
        };
      }
    }
    return { status: "pass" };
  },
  module: import.meta.url,
});
