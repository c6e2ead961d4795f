/**
 * Text forms of model objects used by flags: `--selection logit:beta=8`, `--weights 2,1,1` or
 * `--weights code=2,law=1`, `--normalize scale:max=10`, and strategy spaces `top-k:k=2`,
 * `grid:budget=1,step=0.05,production=power,a=0.5`.
 */
import { InputError } from "../errors.js";
import type { SelectionRule, StrategySpace, Task } from "../model/types.js";
import { parseProduction, parseSelection, parseSpace } from "./marketFile.js";
import type { Normalization } from "./scoreTable.js";
import { Validator } from "./validate.js";

/** Splits `kind:key=value,key=value` into the kind and a record of values (numbers where numeric). */
export function parseKeyValueSpec(
  text: string,
  field: string,
): { kind: string; params: Record<string, string | number> } {
  const colon = text.indexOf(":");
  const kind = (colon === -1 ? text : text.slice(0, colon)).trim();
  const params: Record<string, string | number> = {};
  if (colon !== -1) {
    for (const part of text.slice(colon + 1).split(",")) {
      if (part.trim() === "") continue;
      const eq = part.indexOf("=");
      if (eq === -1) throw new InputError(undefined, field, `expected key=value, got "${part}"`);
      const key = part.slice(0, eq).trim();
      const raw = part.slice(eq + 1).trim();
      const num = Number(raw);
      params[key] = raw !== "" && /^[-+0-9.eE]+$|^-?(NaN|Infinity)$/.test(raw) ? num : raw;
    }
  }
  return { kind, params };
}

/**
 * Parses `--selection` text: `perfect`, `epsilon:eps=0.3`, `logit:beta=8`, `probit:sigma=0.25`.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * parseSelectionSpec("logit:beta=8"); // { rule: "logit", beta: 8 }
 */
export function parseSelectionSpec(text: string, field = "selection"): SelectionRule {
  const { kind, params } = parseKeyValueSpec(text, field);
  return parseSelection(new Validator(undefined), { rule: kind, ...params }, field);
}

/**
 * Parses `--weights`: comma-separated numbers in task order, or `name=value` pairs for every task.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * parseWeightsSpec("2,1"); // [2, 1]
 * parseWeightsSpec("code=2,law=1"); // { code: 2, law: 1 }
 */
export function parseWeightsSpec(text: string, field = "weights"): number[] | Record<string, number> {
  const parts = text.split(",").map((s) => s.trim());
  const num = (raw: string): number => {
    const x = Number(raw);
    if (raw === "" || Number.isNaN(x)) throw new InputError(undefined, field, `not a number: "${raw}"`);
    if (!Number.isFinite(x)) throw new InputError(undefined, field, `weight must be finite, got ${raw}`);
    if (x < 0) throw new InputError(undefined, field, `weight must be >= 0, got ${raw}`);
    return x;
  };
  if (parts.every((p) => p.includes("="))) {
    const out: Record<string, number> = {};
    for (const p of parts) {
      const eq = p.lastIndexOf("=");
      out[p.slice(0, eq).trim()] = num(p.slice(eq + 1).trim());
    }
    return out;
  }
  return parts.map(num);
}

/**
 * Parses `--normalize`: `none`, `minmax`, `scale` or `scale:max=10`.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * parseNormalizationSpec("scale:max=10"); // { kind: "scale", max: 10 }
 */
export function parseNormalizationSpec(text: string, field = "normalization"): Normalization {
  const { kind, params } = parseKeyValueSpec(text, field);
  const v = new Validator(undefined);
  if (kind === "none" || kind === "minmax") {
    v.object(params, field, []);
    return { kind };
  }
  if (kind === "scale") {
    const o = v.object(params, field, ["max"]);
    return o.max === undefined ? { kind } : { kind, max: v.number(o.max, `${field} max`, { gt: 0 }) };
  }
  throw new InputError(undefined, field, `unknown normalization "${kind}" (known: none, minmax, scale)`);
}

/**
 * Parses a strategy-space field: `fixed`, `top-k:k=2`, `budget:budget=1,production=power,a=0.5`,
 * `grid:budget=1,step=0.05`. (Menus come from market files.)
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * parseSpaceSpec("grid:budget=1,step=0.1", tasks); // { kind: "grid", budget: 1, step: 0.1, production: { kind: "linear" } }
 */
export function parseSpaceSpec(text: string, tasks: readonly Task[], field = "space"): StrategySpace {
  const { kind, params } = parseKeyValueSpec(text, field);
  const v = new Validator(undefined);
  const { production, a, k, ...rest } = params;
  const value: Record<string, unknown> = { kind, ...rest };
  if (production !== undefined) {
    const f: Record<string, unknown> = { kind: production };
    if (a !== undefined) f.a = a;
    if (k !== undefined) f.k = k;
    value.production = parseProduction(v, f, `${field} production`);
  } else if (a !== undefined) {
    v.fail(`${field} a`, "only with production=power");
  } else if (k !== undefined) {
    value.k = k;
  }
  return parseSpace(v, value, field, tasks);
}
