/**
 * C3 entry and welfare, under perfect, epsilon and logit selection.
 */
import { ColumnState } from "../../src/model/column.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { instanceMarketFile } from "../instance.js";
import { chance, mixedQuality, uniform } from "../rng.js";
import type { Instance, Rng, Verdict } from "../types.js";
import { column, fmt, randomBeta, randomMarket } from "./common.js";

const SHAPE_TEXT =
  "n in 1..6 incumbents, T in 1..6 tasks, weights uniform on [0.05, 1] (sometimes equal or with a zero), " +
  "caps 1 or uniform on [0.2, 2]; incumbent qualities 0, v_t, quarter grid or uniform on [0, v_t]; the " +
  "entrant (players[0] is not used; the entrant is the last incumbent row) has quality";

/** The instance: incumbents, then the entrant's quality vector as the last row of `incumbents`. */
function generate(
  rng: Rng,
  selectionOf: (rng: Rng) => Instance["selection"],
  entrant: "any" | "below",
): Instance {
  const inst = randomMarket(
    rng,
    { n: [1, 6], T: [1, 6], caps: rng() < 0.5 ? "unit" : "random", quality: "mixed" },
    selectionOf(rng),
  );
  const e = inst.caps.map((v, t) => {
    if (entrant === "any") return mixedQuality(rng, v);
    // mostly not the best (at or below the column's max), sometimes above
    const max = Math.max(...column(inst, t));
    if (chance(rng, 0.15)) return mixedQuality(rng, v);
    return chance(rng, 0.2) ? max : uniform(rng, 0, max);
  });
  inst.incumbents.push(e);
  return inst;
}

function market(inst: Instance, v: Verdict) {
  return v.status === "hit"
    ? instanceMarketFile(inst, `${v.message} (the entrant is the last producer)`)
    : undefined;
}

const valid = (inst: Instance) => inst.incumbents.length >= 2 && inst.weights.length >= 1;

/** C3 under perfect selection: entry never lowers U. */
export const c03Perfect = defineClaim({
  id: "C3-perfect",
  title: "entry never lowers U (perfect)",
  statement: "Under perfect selection, entry never lowers U.",
  hypothesis: `${SHAPE_TEXT} 0, v_t, quarter grid or uniform on [0, v_t] per task. Selection perfect.`,
  predicate: "U(incumbents + entrant) >= U(incumbents) - tol * max_t v_t, tol = 1e-9 (model's ColumnState).",
  expectation: "holds",
  generate: (rng) => generate(rng, () => ({ rule: "perfect" }), "any"),
  valid: (inst) => valid(inst) && inst.selection.rule === "perfect",
  check: (inst) => {
    const col = new ColumnState(inst.selection);
    const n = inst.incumbents.length - 1;
    const total = inst.weights.reduce((s, w) => s + w, 0);
    let before = 0;
    let after = 0;
    inst.weights.forEach((w, t) => {
      const c = column(inst, t);
      col.load(c, n, inst.caps[t]!);
      before += (w / total) * col.welfare;
      col.load(c, n + 1, inst.caps[t]!);
      after += (w / total) * col.welfare;
    });
    if (after >= before - RELATIVE_TOLERANCE * Math.max(...inst.caps)) return { status: "pass" };
    return {
      status: "hit",
      message: `entry lowers U from ${fmt(before)} to ${fmt(after)}`,
      details: { before, after },
    };
  },
  market,
  module: import.meta.url,
});

/** C3 under epsilon: the closed-form change of U_t when the entrant is not the best on t. */
export const c03Epsilon = defineClaim({
  id: "C3-epsilon",
  title: "entry changes U_t by eps (q_e - mean q) / (n + 1) (epsilon)",
  statement:
    "Under epsilon selection, if the entrant is not the best on task t, entry changes U_t by " +
    "eps (q_{e,t} - mean_i q_{i,t}) / (n + 1).",
  hypothesis:
    `${SHAPE_TEXT} on each task: with prob. 0.85 at most the column's max (the max itself with prob. 0.2, ` +
    "else uniform below it), otherwise drawn like an incumbent. Selection epsilon, eps uniform on [0, 1] " +
    "(sometimes exactly 0 or 1). 'Not the best' means q_{e,t} <= max_i q_{i,t} (a tie with the best counts: " +
    "the perfect part's value is the max either way); tasks where the entrant is strictly best are skipped.",
  predicate:
    "For every task with q_{e,t} <= max_i q_{i,t}: |(U_t(after) - U_t(before)) - eps (q_{e,t} - mean_i q_{i,t}) / (n + 1)| " +
    "<= tol * v_t, tol = 1e-9; U_t from the model's ColumnState.",
  expectation: "holds",
  generate: (rng) =>
    generate(
      rng,
      (r) => ({ rule: "epsilon", eps: chance(r, 0.1) ? (chance(r, 0.5) ? 0 : 1) : r() }),
      "below",
    ),
  valid: (inst) => valid(inst) && inst.selection.rule === "epsilon",
  check: (inst) => {
    const eps = (inst.selection as { eps: number }).eps;
    const col = new ColumnState(inst.selection);
    const n = inst.incumbents.length - 1;
    for (let t = 0; t < inst.weights.length; t++) {
      const c = column(inst, t);
      const qe = c[n]!;
      let max = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        max = Math.max(max, c[i]!);
        sum += c[i]!;
      }
      if (qe > max) continue;
      col.load(c, n, inst.caps[t]!);
      const before = col.welfare;
      col.load(c, n + 1, inst.caps[t]!);
      const change = col.welfare - before;
      const predicted = (eps * (qe - sum / n)) / (n + 1);
      if (Math.abs(change - predicted) > RELATIVE_TOLERANCE * inst.caps[t]!) {
        return {
          status: "hit",
          message: `task t${t + 1}: entry changes U_t by ${fmt(change)}, formula gives ${fmt(predicted)}`,
          details: { task: t, change, predicted },
        };
      }
    }
    return { status: "pass" };
  },
  market,
  module: import.meta.url,
});

/** C3 under logit: entry raises U_t iff q_e > U_t. */
export const c03Logit = defineClaim({
  id: "C3-logit",
  title: "entry raises U_t iff q_e > U_t (logit)",
  statement: "Under logit selection, entry raises U_t iff q_{e,t} > U_t (U_t before entry).",
  hypothesis:
    `${SHAPE_TEXT} 0, v_t, quarter grid or uniform on [0, v_t] per task. Selection logit, beta ` +
    "log-uniform on [0.1, 50] or an integer in [1, 10], or exactly 0 (prob. 0.05).",
  predicate:
    "For every task: d = U_t(after) - U_t(before), g = q_{e,t} - U_t(before), pi_e the entrant's choice " +
    "probability after entry (all from the model's ColumnState). After entry U_t is the pi-weighted mix of " +
    "U_t(before) and q_{e,t}, so d = pi_e g: a violation when |d - pi_e g| > tol v_t, or when |pi_e g| > 2 tol v_t " +
    "and sign(d) != sign(g) (entry raises U_t iff q_{e,t} > U_t, wherever the change exceeds the tolerance). tol = 1e-9.",
  expectation: "holds",
  generate: (rng) =>
    generate(rng, (r) => ({ rule: "logit", beta: chance(r, 0.05) ? 0 : randomBeta(r) }), "any"),
  valid: (inst) => valid(inst) && inst.selection.rule === "logit",
  check: (inst) => {
    const col = new ColumnState(inst.selection);
    const n = inst.incumbents.length - 1;
    for (let t = 0; t < inst.weights.length; t++) {
      const c = column(inst, t);
      const v = inst.caps[t]!;
      col.load(c, n, v);
      const before = col.welfare;
      col.load(c, n + 1, v);
      const d = col.welfare - before;
      const g = c[n]! - before;
      const pe = col.pi[n]!;
      const tol = RELATIVE_TOLERANCE * v;
      const bad = Math.abs(d - pe * g) > tol || (Math.abs(pe * g) > 2 * tol && Math.sign(d) !== Math.sign(g));
      if (bad) {
        return {
          status: "hit",
          message: `task t${t + 1}: q_e - U_t = ${fmt(g)} but entry changes U_t by ${fmt(d)}`,
          details: { task: t, qMinusU: g, change: d, entrantChoice: pe },
        };
      }
    }
    return { status: "pass" };
  },
  market,
  module: import.meta.url,
});
