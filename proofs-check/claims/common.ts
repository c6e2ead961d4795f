/**
 * Generators and helpers shared by the built-in claims.
 */
import type { ColumnState } from "../../src/model/column.js";
import type { SelectionRule } from "../../src/model/types.js";
import { chance, intBetween, mixedQuality, pick, randomWeights, uniform } from "../rng.js";
import type { Instance, Rng } from "../types.js";

/** Shape of a random market. */
export interface MarketShape {
  /** Incumbents, inclusive range. */
  n: [number, number];
  /** Tasks, inclusive range. */
  T: [number, number];
  /** `unit`: every `v_t = 1`; `random`: `v_t` uniform on `[0.2, 2]`, two decimals. */
  caps: "unit" | "random";
  /** `mixed`: `mixedQuality` (0, cap, quarter grid, continuous); `binary`: 0 or `v_t`, fair coin. */
  quality: "mixed" | "binary";
}

/** A random instance with incumbents only (no players) and the given selection rule. */
export function randomMarket(rng: Rng, shape: MarketShape, selection: SelectionRule): Instance {
  const T = intBetween(rng, shape.T[0], shape.T[1]);
  const n = intBetween(rng, shape.n[0], shape.n[1]);
  const caps = Array.from({ length: T }, () =>
    shape.caps === "unit" ? 1 : Math.round(100 * uniform(rng, 0.2, 2)) / 100,
  );
  const weights = randomWeights(rng, T);
  const incumbents = Array.from({ length: n }, () =>
    caps.map((v) => (shape.quality === "binary" ? (chance(rng, 0.5) ? v : 0) : mixedQuality(rng, v))),
  );
  return { weights, caps, incumbents, players: [], selection, params: {} };
}

/** `beta` log-uniform on `[lo, hi]`, or (one time in five) an integer in `[1, 10]`. */
export function randomBeta(rng: Rng, lo = 0.1, hi = 50): number {
  if (chance(rng, 0.2)) return intBetween(rng, 1, 10);
  return Math.exp(uniform(rng, Math.log(lo), Math.log(hi)));
}

/** A random rule among `rules`: epsilon with `eps` uniform on [0, 1] (and its ends), logit, probit. */
export function randomSelection(rng: Rng, rules: readonly SelectionRule["rule"][]): SelectionRule {
  const rule = pick(rng, rules);
  switch (rule) {
    case "perfect":
      return { rule };
    case "epsilon":
      return { rule, eps: chance(rng, 0.1) ? pick(rng, [0, 1]) : rng() };
    case "logit":
      return { rule, beta: chance(rng, 0.05) ? 0 : randomBeta(rng) };
    case "probit":
      return { rule, sigma: Math.exp(uniform(rng, Math.log(0.05), Math.log(2))) };
  }
}

/** Every selection rule. */
export const ALL_RULES: readonly SelectionRule["rule"][] = ["perfect", "epsilon", "logit", "probit"];

/** `U_t` of one column (reuses one evaluator per rule object). */
export function columnWelfare(col: ColumnState, q: ArrayLike<number>, n: number, cap: number): number {
  col.load(q, n, cap);
  return col.welfare;
}

/** The logit `beta` of an instance, or NaN for other rules. */
export function betaOf(inst: Instance): number {
  return inst.selection.rule === "logit" ? inst.selection.beta : Number.NaN;
}

/** Whether the rule is logit with `lo <= beta <= hi`. */
export function logitIn(inst: Instance, lo: number, hi: number): boolean {
  const b = betaOf(inst);
  return b >= lo && b <= hi;
}

/** Whether every cap is 1. */
export function unitCaps(inst: Instance): boolean {
  return inst.caps.every((v) => v === 1);
}

/** Whether every incumbent quality is 0 or its task's cap. */
export function binaryIncumbents(inst: Instance): boolean {
  return inst.incumbents.every((q) => q.every((x, t) => x === 0 || x === inst.caps[t]));
}

/** The `t`-th column of the incumbents plus optional extra entries. */
export function column(inst: Instance, t: number, extra: readonly number[] = []): number[] {
  return [...inst.incumbents.map((q) => q[t]!), ...extra];
}

/** Formats numbers for messages. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(8);
}
