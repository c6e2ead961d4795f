/**
 * The parameters a rule-comparison sweep varies, applied to a market and its question: the selection
 * noise (`beta`, `sigma`, `eps`), one task's weight (`weight.TASK`), the strategy space's `budget` or
 * `k`, and the number of incumbents of a seeded random family (`incumbents`).
 */

import { InputError } from "../../src/errors.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { alea } from "../../src/numeric/alea.js";
import type { CompareQuestion } from "./question.js";
import type { SweepAxis } from "./sweep-axis.js";

/**
 * The first `n` members of the seeded random family of incumbents on `market`'s tasks: fixed
 * producers `I1, I2, ...` with qualities uniform in `[0, v_t]` (`seedrandom.alea`), the same first
 * members for every `n`.
 *
 * @throws nothing for a non-negative integer `n`.
 * @example
 * randomIncumbents(market, 3, "1").map((p) => p.name); // ["I1", "I2", "I3"]
 */
export function randomIncumbents(market: Market, n: number, seed: string): Market["producers"] {
  const rand = alea(`incumbents:${seed}`);
  return Array.from({ length: n }, (_, i) => ({
    name: `I${i + 1}`,
    quality: market.tasks.map((t) => t.cap * rand()),
    space: { kind: "fixed" } as StrategySpace,
  }));
}

function withSpace(space: StrategySpace, name: string, value: number, where: string): StrategySpace {
  if (name === "budget") {
    if (space.kind !== "grid" && space.kind !== "budget") {
      throw new InputError(undefined, where, `budget needs a grid or budget space, not ${space.kind}`);
    }
    if (!(value > 0)) throw new InputError(undefined, where, `budget must be > 0, got ${value}`);
    return { ...space, budget: value };
  }
  if (space.kind !== "top-k")
    throw new InputError(undefined, where, `k needs a top-k space, not ${space.kind}`);
  return { ...space, k: value };
}

/** `budget` or `k` set in the space the question chooses from (equilibrium: every space it fits). */
function withSpaceParameter(
  market: Market,
  question: CompareQuestion,
  name: "budget" | "k",
  value: number,
  where: string,
): { market: Market; question: CompareQuestion } {
  switch (question.kind) {
    case "entry":
      return {
        market,
        question: {
          ...question,
          entrant: { ...question.entrant, space: withSpace(question.entrant.space, name, value, where) },
        },
      };
    case "sequential":
      return { market, question: { ...question, space: withSpace(question.space, name, value, where) } };
    case "replace": {
      const p = market.producers.find((x) => x.name === question.producer);
      const space = question.space ?? p?.space ?? { kind: "fixed" };
      return { market, question: { ...question, space: withSpace(space, name, value, where) } };
    }
    case "equilibrium": {
      let touched = false;
      const producers = market.producers.map((p) => {
        const fits =
          name === "k" ? p.space.kind === "top-k" : p.space.kind === "grid" || p.space.kind === "budget";
        if (!fits) return p;
        touched = true;
        return { ...p, space: withSpace(p.space, name, value, where) };
      });
      if (!touched)
        throw new InputError(
          undefined,
          where,
          `no strategic producer has a ${name === "k" ? "top-k" : "grid or budget"} space`,
        );
      return { market: { ...market, producers }, question };
    }
  }
}

/**
 * `market` and `question` with parameter `name` set to `value` (see the module comment).
 *
 * @throws InputError naming `where` for a value out of range or a parameter the question lacks.
 * @example
 * applyParameter(market, { kind: "equilibrium" }, "eps", 0.2, "1").market.selection; // { rule: "epsilon", eps: 0.2 }
 */
export function applyParameter(
  market: Market,
  question: CompareQuestion,
  name: string,
  value: number,
  seed: string,
  where = "sweep",
): { market: Market; question: CompareQuestion } {
  const fail = (problem: string): never => {
    throw new InputError(undefined, where, problem);
  };
  switch (name) {
    case "beta":
      if (!(value >= 0)) fail(`beta must be >= 0, got ${value}`);
      return { market: { ...market, selection: { rule: "logit", beta: value } }, question };
    case "sigma":
      if (!(value > 0)) fail(`sigma must be > 0, got ${value}`);
      return { market: { ...market, selection: { rule: "probit", sigma: value } }, question };
    case "eps":
      if (!(value >= 0 && value <= 1)) fail(`eps must be in [0, 1], got ${value}`);
      return { market: { ...market, selection: { rule: "epsilon", eps: value } }, question };
    case "budget":
    case "k": {
      if (name === "k" && !(value >= 1 && value <= market.tasks.length)) {
        fail(`k must be from 1 to ${market.tasks.length} (the tasks), got ${value}`);
      }
      return withSpaceParameter(market, question, name, value, where);
    }
    case "incumbents": {
      if (!(Number.isInteger(value) && value >= 0)) fail(`incumbents must be an integer >= 0, got ${value}`);
      // the strategic producers (and the one that re-chooses) stay; the fixed ones are replaced
      const keep = market.producers.filter(
        (p) => p.space.kind !== "fixed" || (question.kind === "replace" && p.name === question.producer),
      );
      const family = randomIncumbents(market, value, seed).map((p) => {
        let nm = p.name;
        while (keep.some((k) => k.name === nm)) nm = `${nm}'`;
        return { ...p, name: nm };
      });
      return { market: { ...market, producers: [...family, ...keep] }, question };
    }
    default: {
      if (!name.startsWith("weight.")) fail(`unknown parameter "${name}"`);
      const task = name.slice("weight.".length);
      const t = market.tasks.findIndex((x) => x.name === task);
      if (t < 0) fail(`unknown task "${task}" (known: ${market.tasks.map((x) => x.name).join(", ")})`);
      if (!(value >= 0 && value <= 1)) fail(`a task weight must be in [0, 1], got ${value}`);
      const rest = market.tasks.reduce((a, x, k) => (k === t ? a : a + x.weight), 0);
      if (!(rest > 0) && value < 1) fail(`the other tasks' weights are all zero: cannot scale them`);
      const tasks = market.tasks.map((x, k) => ({
        ...x,
        weight: k === t ? value : rest > 0 ? (x.weight * (1 - value)) / rest : 0,
      }));
      return { market: { ...market, tasks }, question };
    }
  }
}

/** Applies every axis's value of one point, in axis order. */
export function applyAll(
  market: Market,
  question: CompareQuestion,
  axes: readonly SweepAxis[],
  values: readonly number[],
  seed: string,
): { market: Market; question: CompareQuestion } {
  let cur = { market, question };
  axes.forEach((a, k) => {
    cur = applyParameter(cur.market, cur.question, a.name, values[k]!, seed, `sweep ${a.name}`);
  });
  return cur;
}
