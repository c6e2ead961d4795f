/**
 * C2 two tasks, two models: thresholds of copying versus specialising, for entry and replacement.
 */

import { bestResponse, entrantBestResponse } from "../../solvers/bestResponse/index.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import { beatProbability } from "../../src/model/selection/index.js";
import type { Market, SelectionRule } from "../../src/model/types.js";
import { sigmoid } from "../../src/numeric/normal.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { defineClaim } from "../define.js";
import { instanceMarketFile, paramsInstance } from "../instance.js";
import { chance, pick, uniform } from "../rng.js";
import type { Instance, Verdict } from "../types.js";
import { fmt } from "./common.js";

const COPY = [1, 0];
const SPEC = [0, 1];
/** Half-width of the band around a threshold where either answer is accepted. */
const BAND = 1e-6;

function closedS(sel: SelectionRule): number {
  switch (sel.rule) {
    case "perfect":
      return 1;
    case "epsilon":
      return 1 - sel.eps / 2;
    case "logit":
      return sigmoid(sel.beta);
    case "probit":
      return Number.NaN;
  }
}

function twoTaskMarket(w: number, selection: SelectionRule, replacement: boolean): Market {
  return {
    tasks: [
      { name: "t1", weight: w, cap: 1 },
      { name: "t2", weight: 1 - w, cap: 1 },
    ],
    selection,
    producers: replacement
      ? [
          { name: "inc1", quality: COPY.slice(), space: { kind: "fixed" } },
          { name: "inc2", quality: SPEC.slice(), space: { kind: "menu", options: [COPY, SPEC] } },
        ]
      : [{ name: "inc1", quality: COPY.slice(), space: { kind: "fixed" } }],
  };
}

function check(inst: Instance): Verdict {
  const w = inst.params.w!;
  const sel = inst.selection;
  const s = beatProbability(sel, 1, 0);
  const sClosed = closedS(sel);
  const tol = RELATIVE_TOLERANCE;
  const hit = (message: string, details: Record<string, unknown> = {}): Verdict => ({
    status: "hit",
    message,
    details: { w, s, ...details },
  });
  if (Math.abs(s - sClosed) > tol) return hit(`s = ${fmt(s)} from the model, closed form ${fmt(sClosed)}`);
  const thresholds = { winrate: 0.5, "weighted-winrate": (2 * s) / (2 * s + 1) };
  if (!(0.5 <= thresholds["weighted-winrate"] + tol && thresholds["weighted-winrate"] <= s + tol)) {
    return hit(`ordering 1/2 <= 2s/(2s+1) <= s fails: 2s/(2s+1) = ${fmt(thresholds["weighted-winrate"])}`);
  }
  for (const replacement of [false, true]) {
    const market = twoTaskMarket(w, sel, replacement);
    const menu = { kind: "menu" as const, options: [COPY, SPEC] };
    for (const rule of ["winrate", "weighted-winrate"] as const) {
      const br = replacement
        ? bestResponse(market, 1, rule, { space: menu })
        : entrantBestResponse(market, { name: "entrant", space: menu }, rule);
      const spec = br.maximisers.some((m) => m.quality[0] === 0 && m.quality[1] === 1);
      const copy = br.maximisers.some((m) => m.quality[0] === 1 && m.quality[1] === 0);
      const thr = thresholds[rule];
      const ok = w < thr - BAND ? spec && !copy : w > thr + BAND ? copy && !spec : spec;
      if (!ok) {
        return hit(
          `${replacement ? "replacement" : "entry"}, ${rule}: w = ${fmt(w)}, threshold ${fmt(thr)}, but the maximisers ` +
            `are ${br.maximisers.map((m) => `(${m.quality.join(",")})`).join(" ")}`,
          { rule, replacement, threshold: thr },
        );
      }
    }
    // welfare prefers specialising iff w <= s
    const withQ = (q: number[]) => {
      const producers = replacement
        ? [market.producers[0]!, { name: "inc2", quality: q, space: { kind: "fixed" as const } }]
        : [...market.producers, { name: "entrant", quality: q, space: { kind: "fixed" as const } }];
      return consumerWelfare({ ...market, producers });
    };
    const uSpec = withQ(SPEC);
    const uCopy = withQ(COPY);
    const d = uSpec - uCopy;
    const ok = w < s - BAND ? d > tol : w > s + BAND ? d < -tol : d >= -BAND;
    if (!ok) {
      return hit(
        `${replacement ? "replacement" : "entry"}: U(specialise) - U(copy) = ${fmt(d)} at w = ${fmt(w)}, s = ${fmt(s)}`,
        { replacement, welfareSpecialise: uSpec, welfareCopy: uCopy },
      );
    }
  }
  return { status: "pass" };
}

/** C2. */
export const c02TwoTasks = defineClaim({
  id: "C2",
  title: "two tasks, two models: copy or specialise",
  statement:
    "Tasks with weights (w, 1-w), incumbent (1,0), entrant chooses copy (1,0) or specialise (0,1). With s the " +
    "probability that the better of two answers (1 vs 0) is picked: the entrant specialises under winrate iff " +
    "w <= 1/2, under weighted-winrate iff w <= 2s/(2s+1), welfare prefers specialising iff w <= s, and " +
    "1/2 <= 2s/(2s+1) <= s. The same holds for replacement (producers (1,0) and (0,1), the second considers (1,0)).",
  hypothesis:
    "w uniform on [0, 1], or (prob. 0.3) exactly one of the thresholds 1/2, 2s/(2s+1), s; selection perfect (s = 1), " +
    "epsilon with eps uniform on [0, 0.98] (s = 1 - eps/2 >= 0.51) or logit with beta log-uniform on [0.05, 30] " +
    "(s = sigmoid(beta) >= 0.512). s > 1/2 is needed: at s = 1/2 every answer is a coin flip and nothing is preferred.",
  predicate:
    "s from the model's pairwise rule must equal the closed form (1e-9). Best responses from the solvers " +
    "(entrantBestResponse / bestResponse over the menu {copy, specialise}, all maximisers within the tolerance): " +
    "for w more than 1e-6 below a threshold the maximisers must be exactly {specialise}, more than 1e-6 above it " +
    "exactly {copy}, and within 1e-6 specialise must be among them. Welfare from consumerWelfare: U(spec) - U(copy) " +
    "> 1e-9 below s - 1e-6, < -1e-9 above s + 1e-6, and >= -1e-6 near s.",
  expectation: "holds",
  generate: (rng) => {
    const kind = pick(rng, ["perfect", "epsilon", "logit"] as const);
    const sel: SelectionRule =
      kind === "perfect"
        ? { rule: kind }
        : kind === "epsilon"
          ? { rule: kind, eps: uniform(rng, 0, 0.98) }
          : { rule: kind, beta: Math.exp(uniform(rng, Math.log(0.05), Math.log(30))) };
    const s = closedS(sel);
    const w = chance(rng, 0.3) ? pick(rng, [0.5, (2 * s) / (2 * s + 1), s]) : rng();
    return paramsInstance(sel, { w });
  },
  valid: (inst) => {
    const w = inst.params.w!;
    const sel = inst.selection;
    if (!(w >= 0 && w <= 1)) return false;
    if (sel.rule === "epsilon") return sel.eps <= 0.98;
    if (sel.rule === "logit") return sel.beta >= 0.05;
    return sel.rule === "perfect";
  },
  check,
  market: (inst, v) => {
    if (v.status !== "hit") return undefined;
    const pseudo: Instance = {
      weights: [inst.params.w!, 1 - inst.params.w!],
      caps: [1, 1],
      incumbents: [COPY],
      players: [{ kind: "menu", options: [COPY, SPEC] }],
      selection: inst.selection,
      params: {},
    };
    return instanceMarketFile(pseudo, v.message, [SPEC]);
  },
  module: import.meta.url,
});
