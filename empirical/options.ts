/**
 * Text forms of the empirical study's options (`--space`, `--sweep`, `--replace`), parsed with the
 * same one-line `InputError` contract as every other flag.
 */

import { InputError } from "../src/errors.js";
import { parseKeyValueSpec, parseSpaceSpec } from "../src/io/specs.js";
import { referenceWelfare } from "../src/model/evaluate.js";
import type { Market, StrategySpace } from "../src/model/types.js";
import type { NoiseSweep } from "./study-types.js";
import { sweepValues } from "./sweep.js";

/** Default number of sweep points. */
export const DEFAULT_SWEEP_POINTS = 50;

/**
 * The scaled quality budget `sum_t q_t / v_t` of the best model by average score (the default budget of
 * an entrant's `budget` or `grid` space: the same total quality as the best incumbent).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * bestModelBudget(market); // e.g. 11.5 on MT-Bench-101 scaled by 10
 */
export function bestModelBudget(market: Market): number {
  const best = referenceWelfare(market).singleBest;
  const p = market.producers.find((x) => x.name === best)!;
  return p.quality.reduce((s, x, t) => s + x / market.tasks[t]!.cap, 0);
}

/**
 * Parses the entrant's `--space`: `top-k:k=K`, `budget[:budget=B,production=...]`,
 * `grid:step=H[,budget=B,...]`. A budget or grid space without `budget` gets `bestModelBudget(market)`.
 * `fixed` and `menu` are refused (an entrant must have something to choose).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * parseEmpiricalSpace("top-k:k=2", market); // { kind: "top-k", k: 2 }
 * parseEmpiricalSpace("budget", market);    // { kind: "budget", budget: <best model's total>, production: { kind: "linear" } }
 */
export function parseEmpiricalSpace(text: string, market: Market, field = "space"): StrategySpace {
  const { kind, params } = parseKeyValueSpec(text, field);
  if (kind === "fixed" || kind === "menu") {
    throw new InputError(undefined, field, `an entrant needs a top-k, budget or grid space, got "${kind}"`);
  }
  let spec = text;
  if ((kind === "budget" || kind === "grid") && params.budget === undefined) {
    const b = bestModelBudget(market);
    spec = `${text}${text.includes(":") ? "," : ":"}budget=${b}`;
  }
  return parseSpaceSpec(spec, market.tasks, field);
}

/**
 * Parses `--sweep`: `beta[:min=1,max=1000,points=50]`, `eps[:min=0,max=1,points=50]`, or `none`
 * (returns `undefined`).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * parseSweepSpec("eps:points=3"); // { parameter: "eps", values: [0, 0.5, 1] }
 */
export function parseSweepSpec(text: string, field = "sweep"): NoiseSweep | undefined {
  const { kind, params } = parseKeyValueSpec(text, field);
  if (kind === "none") return undefined;
  if (kind !== "beta" && kind !== "eps") {
    throw new InputError(undefined, field, `unknown sweep parameter "${kind}" (known: beta, eps, none)`);
  }
  for (const key of Object.keys(params)) {
    if (!["min", "max", "points"].includes(key))
      throw new InputError(undefined, `${field} ${key}`, "unknown key (allowed: min, max, points)");
  }
  const num = (key: string): number | undefined => {
    const v = params[key];
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new InputError(undefined, `${field} ${key}`, `must be a finite number, got "${v}"`);
    return v;
  };
  const points = num("points") ?? DEFAULT_SWEEP_POINTS;
  if (!Number.isInteger(points) || points < 1 || points > 10000)
    throw new InputError(undefined, `${field} points`, `must be an integer in 1..10000, got ${points}`);
  const min = num("min");
  const max = num("max");
  const lo = min ?? (kind === "beta" ? 1 : 0);
  const hi = max ?? (kind === "beta" ? 1000 : 1);
  if (kind === "beta" && !(lo > 0))
    throw new InputError(undefined, `${field} min`, `beta sweeps are geometric: min must be > 0, got ${lo}`);
  if (kind === "eps" && (lo < 0 || hi > 1))
    throw new InputError(undefined, field, `eps must lie in [0, 1], got ${lo}..${hi}`);
  if (points > 1 && !(hi > lo))
    throw new InputError(undefined, field, `max must exceed min, got ${lo}..${hi}`);
  return { parameter: kind, values: sweepValues(kind, points, lo, hi) };
}

/**
 * Parses `--replace`: `all`, `none`, or a number `N` of models (the best `N` by average score).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * parseReplaceSpec("all"); // "all"
 * parseReplaceSpec("5");   // 5
 * parseReplaceSpec("none"); // false
 */
export function parseReplaceSpec(text: string, field = "replace"): false | "all" | number {
  const t = text.trim();
  if (t === "all") return "all";
  if (t === "none") return false;
  // decimal digits only (`0x8`, `1e3` and `Infinity` are not counts of models)
  const n = /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isSafeInteger(n))
    throw new InputError(undefined, field, `expected all, none or a number of models, got "${text}"`);
  return n === 0 ? false : n;
}
