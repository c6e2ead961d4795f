/**
 * Text forms of model objects used by flags: `--selection logit:beta=8`, `--weights 2,1,1` or
 * `--weights code=2,law=1`, `--normalize scale:max=10`, and strategy spaces `top-k:k=2`,
 * `grid:budget=1,step=0.05,production=power,a=0.5`.
 */
import { InputError } from "../errors.js";
import type { SelectionRule, StrategySpace, Task } from "../model/types.js";
import { isDecimal, isNonFiniteWord, parseDecimal } from "./decimal.js";
import { parseProduction, parseSelection, parseSpace } from "./marketFields.js";
import type { Normalization } from "./scoreTable.js";
import { Validator } from "./validate.js";

/**
 * The validator of a flag's text form: its errors name a key as `parseKeyValueSpec` does, `selection
 * beta`, `space production a` (the flag then reads `--selection beta`), not as a JSON path
 * (`selection.beta`), whichever of the two found the problem.
 */
class SpecValidator extends Validator {
  constructor(private readonly field: string) {
    super(undefined);
  }

  override fail(path: string, problem: string): never {
    const own = path.startsWith(this.field);
    const rest = own ? path.slice(this.field.length).replaceAll(".", " ") : path;
    return super.fail(own ? `${this.field}${rest}` : rest, problem);
  }
}

/**
 * Splits `kind:key=value,key=value` into the kind and a record of values: decimal numbers become
 * numbers (see `decimal.ts`), anything else stays a string for the validator to judge.
 *
 * @param reserved keys that name the kind itself (`rule`, `kind`): giving one as a parameter would
 *   silently replace the kind before the colon, so it is refused.
 * @throws InputError naming `field` for a part without `=`, an empty key, a key given twice, a reserved
 *   key, or a value that is not a finite number (`NaN`, `Infinity`, a decimal that overflows).
 * @example
 * parseKeyValueSpec("logit:beta=8", "--selection"); // { kind: "logit", params: { beta: 8 } }
 */
export function parseKeyValueSpec(
  text: string,
  field: string,
  reserved: readonly string[] = [],
): { kind: string; params: Record<string, string | number> } {
  const colon = text.indexOf(":");
  const kind = (colon === -1 ? text : text.slice(0, colon)).trim();
  // a Map, not an object literal, so that a key such as `__proto__` is an ordinary (unknown) key
  const params = new Map<string, string | number>();
  if (colon !== -1) {
    for (const part of text.slice(colon + 1).split(",")) {
      if (part.trim() === "") continue;
      const eq = part.indexOf("=");
      if (eq === -1) throw new InputError(undefined, field, `expected key=value, got "${part}"`);
      const key = part.slice(0, eq).trim();
      const raw = part.slice(eq + 1).trim();
      if (key === "") throw new InputError(undefined, field, `empty key in "${part}"`);
      if (params.has(key)) {
        throw new InputError(undefined, field, `key "${key}" given twice`);
      }
      if (reserved.includes(key)) {
        throw new InputError(
          undefined,
          field,
          `"${key}" is not a parameter of ${kind} (write the ${key} before the colon, e.g. ${raw || "NAME"}:...)`,
        );
      }
      // NaN and Infinity are refused here, in the same words as a decimal that overflows
      const numeric = isDecimal(raw) || isNonFiniteWord(raw);
      params.set(key, numeric ? parseDecimal(raw, undefined, `${field} ${key}`) : raw);
    }
  }
  return { kind, params: Object.fromEntries(params) };
}

/**
 * Parses `--selection` text: `perfect`, `epsilon:eps=0.3`, `logit:beta=8`, `probit:sigma=0.25`.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * parseSelectionSpec("logit:beta=8"); // { rule: "logit", beta: 8 }
 */
export function parseSelectionSpec(text: string, field = "selection"): SelectionRule {
  const { kind, params } = parseKeyValueSpec(text, field, ["rule"]);
  return parseSelection(new SpecValidator(field), { rule: kind, ...params }, field);
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
    const x = parseDecimal(raw, undefined, field);
    if (x < 0) throw new InputError(undefined, field, `weight must be >= 0, got ${raw}`);
    return x;
  };
  const named = parts.filter((p) => p.includes("=")).length;
  if (named > 0 && named < parts.length) {
    throw new InputError(
      undefined,
      field,
      "give every weight by position (2,1,1) or every one by name (code=2,law=1), not a mix",
    );
  }
  if (named > 0) {
    const out = new Map<string, number>();
    for (const p of parts) {
      const eq = p.lastIndexOf("=");
      const name = p.slice(0, eq).trim();
      if (name === "") throw new InputError(undefined, field, `empty task name in "${p}"`);
      if (out.has(name)) throw new InputError(undefined, field, `task "${name}" given twice`);
      out.set(name, num(p.slice(eq + 1).trim()));
    }
    return Object.fromEntries(out);
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
  const { kind, params } = parseKeyValueSpec(text, field, ["kind"]);
  const v = new SpecValidator(field);
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
  const { kind, params } = parseKeyValueSpec(text, field, ["kind"]);
  const v = new SpecValidator(field);
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
