/**
 * C4 monotonicity: under epsilon U is nondecreasing in every quality; under logit
 * `dU_t/dq_{i,t} = pi_{i,t} (1 + beta (q_{i,t} - U_t))`, negative below `U_t - 1/beta`.
 */
import { ColumnState } from "../../src/model/column.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { instanceMarketFile } from "../instance.js";
import { chance } from "../rng.js";
import type { Instance, Verdict } from "../types.js";
import { column, fmt, logitIn, randomBeta, randomMarket } from "./common.js";

const SHAPE =
  "n in 1..6 producers, T in 1..6 tasks, weights uniform on [0.05, 1] (sometimes equal or with a zero), caps " +
  "1 or uniform on [0.2, 2], qualities 0, v_t, quarter grid or uniform on [0, v_t].";

function welfareOf(col: ColumnState, c: number[], v: number): number {
  col.load(c, c.length, v);
  return col.welfare;
}

/** C4 under epsilon: U nondecreasing in each q_{i,t}. */
export const c04Epsilon = defineClaim({
  id: "C4-epsilon",
  title: "U is nondecreasing in every quality (epsilon)",
  statement: "Under epsilon selection, U is nondecreasing in every q_{i,t}.",
  hypothesis: `${SHAPE} Selection epsilon, eps uniform on [0, 1] (sometimes exactly 0 or 1).`,
  predicate:
    "For every (i, t) and q' in {(q_{i,t} + v_t)/2, v_t}: U_t with q_{i,t} raised to q' >= U_t - tol v_t, tol = 1e-9 " +
    "(U_t from the model's ColumnState; U is a positive combination of the U_t).",
  expectation: "holds",
  generate: (rng) =>
    randomMarket(
      rng,
      { n: [1, 6], T: [1, 6], caps: rng() < 0.5 ? "unit" : "random", quality: "mixed" },
      { rule: "epsilon", eps: chance(rng, 0.1) ? (chance(rng, 0.5) ? 0 : 1) : rng() },
    ),
  valid: (inst) => inst.incumbents.length >= 1 && inst.selection.rule === "epsilon",
  check: (inst) => {
    const col = new ColumnState(inst.selection);
    for (let t = 0; t < inst.weights.length; t++) {
      const v = inst.caps[t]!;
      const c = column(inst, t);
      const u0 = welfareOf(col, c, v);
      for (let i = 0; i < c.length; i++) {
        for (const q of [(c[i]! + v) / 2, v]) {
          const c2 = c.slice();
          c2[i] = q;
          const u1 = welfareOf(col, c2, v);
          if (u1 < u0 - RELATIVE_TOLERANCE * v) {
            return {
              status: "hit",
              message: `raising q[${i}][t${t + 1}] from ${fmt(c[i]!)} to ${fmt(q)} lowers U_t from ${fmt(u0)} to ${fmt(u1)}`,
              details: { producer: i, task: t, from: c[i], to: q, before: u0, after: u1 },
            };
          }
        }
      }
    }
    return { status: "pass" };
  },
  module: import.meta.url,
});

/** The finite-difference check of one column; returns the worst violation or undefined. */
function derivativeCheck(inst: Instance): Verdict {
  const beta = (inst.selection as { beta: number }).beta;
  const col = new ColumnState(inst.selection);
  for (let t = 0; t < inst.weights.length; t++) {
    const v = inst.caps[t]!;
    const c = column(inst, t);
    col.load(c, c.length, v);
    const U = col.welfare;
    const pi = Array.from(col.pi.subarray(0, c.length));
    // the function varies on the scale min(v, 1/beta): the step is a fixed fraction of it
    const h = 1e-4 * Math.min(v, beta > 0 ? 1 / beta : v);
    for (let i = 0; i < c.length; i++) {
      const at = (x: number) => {
        const c2 = c.slice();
        c2[i] = x;
        return welfareOf(col, c2, v);
      };
      const d1 = (at(c[i]! + h) - at(c[i]! - h)) / (2 * h);
      const d2 = (at(c[i]! + 2 * h) - at(c[i]! - 2 * h)) / (4 * h);
      const analytic = pi[i]! * (1 + beta * (c[i]! - U));
      // truncation error of d1 is about |d2 - d1| / 3 (Richardson); rounding about eps_mach * v / h
      const tol = 2 * Math.abs(d2 - d1) + (8 * Number.EPSILON * v) / h + RELATIVE_TOLERANCE * (1 + beta * v);
      if (Math.abs(d1 - analytic) > tol) {
        return {
          status: "hit",
          message: `dU_t/dq[${i}][t${t + 1}]: finite difference ${fmt(d1)}, formula ${fmt(analytic)} (tolerance ${fmt(tol)})`,
          details: { producer: i, task: t, finiteDifference: d1, formula: analytic, tolerance: tol, step: h },
        };
      }
      if (beta > 0 && c[i]! < U - 1 / beta - RELATIVE_TOLERANCE * v && !(analytic < 0 && d1 < tol)) {
        return {
          status: "hit",
          message: `q[${i}][t${t + 1}] = ${fmt(c[i]!)} < U_t - 1/beta = ${fmt(U - 1 / beta)} but dU_t/dq = ${fmt(d1)} is not negative`,
          details: { producer: i, task: t, finiteDifference: d1, formula: analytic, U },
        };
      }
    }
  }
  return { status: "pass" };
}

/** C4 under logit: the derivative formula, against central finite differences. */
export const c04LogitDerivative = defineClaim({
  id: "C4-logit-derivative",
  title: "dU_t/dq = pi (1 + beta (q - U_t)) (logit)",
  statement:
    "Under logit selection, dU_t/dq_{i,t} = pi_{i,t} (1 + beta (q_{i,t} - U_t)), which is negative when " +
    "q_{i,t} < U_t - 1/beta.",
  hypothesis: `${SHAPE} Selection logit, beta log-uniform on [0.1, 50] or an integer in [1, 10], or 0 (prob. 0.05).`,
  predicate:
    "For every (i, t): central differences D(h), D(2h) of U_t (model's ColumnState) with h = 1e-4 min(v_t, 1/beta); " +
    "violation when |D(h) - formula| > 2 |D(2h) - D(h)| + 8 eps_mach v_t / h + 1e-9 (1 + beta v_t) (a step-size-aware " +
    "bound: Richardson estimate of the truncation error plus rounding), or when q_{i,t} < U_t - 1/beta - 1e-9 v_t " +
    "and not (formula < 0 and D(h) < that bound).",
  expectation: "holds",
  generate: (rng) =>
    randomMarket(
      rng,
      { n: [1, 6], T: [1, 6], caps: rng() < 0.5 ? "unit" : "random", quality: "mixed" },
      { rule: "logit", beta: chance(rng, 0.05) ? 0 : randomBeta(rng) },
    ),
  valid: (inst) => inst.incumbents.length >= 1 && logitIn(inst, 0, 50),
  check: derivativeCheck,
  module: import.meta.url,
});

/** Witness: improving a weak model lowers consumer welfare. */
export const c04LogitHurts = defineClaim({
  id: "C4-logit-hurts",
  title: "improving a weak model can hurt consumers (logit)",
  statement:
    "Under logit selection there are markets where raising one producer's quality on a task strictly lowers U " +
    "(a witness of the negative derivative below U_t - 1/beta).",
  hypothesis: `${SHAPE} Selection logit, beta log-uniform on [0.1, 50] or an integer in [1, 10].`,
  predicate:
    "Witness when some (i, t) has q_{i,t} < U_t - 1/beta and raising q_{i,t} by half the gap, to " +
    "q + (U_t - 1/beta - q)/2, lowers U_t by more than 1e-9 v_t (model's ColumnState).",
  expectation: "witness",
  searchBudget: 10_000,
  generate: (rng) =>
    randomMarket(
      rng,
      { n: [1, 6], T: [1, 6], caps: rng() < 0.5 ? "unit" : "random", quality: "mixed" },
      { rule: "logit", beta: randomBeta(rng) },
    ),
  valid: (inst) => inst.incumbents.length >= 1 && logitIn(inst, 0.1, 50),
  check: (inst) => {
    const beta = (inst.selection as { beta: number }).beta;
    if (!(beta > 0)) return { status: "pass" };
    const col = new ColumnState(inst.selection);
    for (let t = 0; t < inst.weights.length; t++) {
      const v = inst.caps[t]!;
      const c = column(inst, t);
      const U = welfareOf(col, c, v);
      for (let i = 0; i < c.length; i++) {
        const gap = U - 1 / beta - c[i]!;
        if (!(gap > 0)) continue;
        const c2 = c.slice();
        c2[i] = c[i]! + gap / 2;
        const U2 = welfareOf(col, c2, v);
        if (U2 < U - RELATIVE_TOLERANCE * v) {
          return {
            status: "hit",
            message: `raising q[${i}][t${t + 1}] from ${fmt(c[i]!)} to ${fmt(c2[i]!)} lowers U_t from ${fmt(U)} to ${fmt(U2)}`,
            details: { producer: i, task: t, from: c[i], to: c2[i], before: U, after: U2 },
          };
        }
      }
    }
    return { status: "pass" };
  },
  market: (inst, v) => (v.status === "hit" ? instanceMarketFile(inst, v.message) : undefined),
  module: import.meta.url,
});
