/**
 * The market file's nested fields that the text specs share (`logit:beta=8`, `top-k:k=2`): selection
 * rules, production functions and strategy spaces, validated with JSON paths. Apart from
 * `marketFile.ts` so that `specs.ts` (which builds these objects from text) and `marketFile.ts` (which
 * accepts either form) can both use them without importing each other.
 */
import { SELECTION_RULES } from "../model/selection/index.js";
import { gridUnits } from "../model/strategies.js";
import type { Production, SelectionRule, StrategySpace, Task } from "../model/types.js";
import type { Validator } from "./validate.js";

const PRODUCTION_KINDS = ["linear", "power", "exponential"] as const;
const SPACE_KINDS = ["fixed", "menu", "top-k", "budget", "grid"] as const;

/**
 * Validates a selection rule object, e.g. `{"rule": "logit", "beta": 8}`.
 *
 * @example
 * parseSelection(new Validator("m.json"), { rule: "epsilon", eps: 0.3 }, "$.selection");
 */
export function parseSelection(v: Validator, value: unknown, path: string): SelectionRule {
  const head = v.object(value, path, ["rule", "eps", "beta", "sigma"], ["rule"]);
  const rule = v.oneOf(head.rule, `${path}.rule`, SELECTION_RULES, "selection rule");
  switch (rule) {
    case "perfect":
      v.object(value, path, ["rule"]);
      return { rule };
    case "epsilon": {
      const o = v.object(value, path, ["rule", "eps"], ["eps"]);
      return { rule, eps: v.number(o.eps, `${path}.eps`, { min: 0, max: 1 }) };
    }
    case "logit": {
      const o = v.object(value, path, ["rule", "beta"], ["beta"]);
      return { rule, beta: v.number(o.beta, `${path}.beta`, { min: 0 }) };
    }
    case "probit": {
      const o = v.object(value, path, ["rule", "sigma"], ["sigma"]);
      return { rule, sigma: v.number(o.sigma, `${path}.sigma`, { gt: 0 }) };
    }
  }
}

/**
 * Validates a production function, e.g. `{"kind": "power", "a": 0.5}`.
 *
 * @example
 * parseProduction(new Validator(undefined), { kind: "exponential", k: 3 }, "$.production");
 */
export function parseProduction(v: Validator, value: unknown, path: string): Production {
  const head = v.object(value, path, ["kind", "a", "k"], ["kind"]);
  const kind = v.oneOf(head.kind, `${path}.kind`, PRODUCTION_KINDS, "production function");
  switch (kind) {
    case "linear":
      v.object(value, path, ["kind"]);
      return { kind };
    case "power": {
      const o = v.object(value, path, ["kind", "a"], ["a"]);
      return { kind, a: v.number(o.a, `${path}.a`, { gt: 0 }) };
    }
    case "exponential": {
      const o = v.object(value, path, ["kind", "k"], ["k"]);
      return { kind, k: v.number(o.k, `${path}.k`, { gt: 0 }) };
    }
  }
}

/**
 * Validates a strategy space. `defaults` supplies a budget and production taken from the producer's
 * own effort fields when the space does not give them.
 *
 * @example
 * parseSpace(new Validator(undefined), { kind: "top-k", k: 2 }, "$.space", tasks);
 */
export function parseSpace(
  v: Validator,
  value: unknown,
  path: string,
  tasks: readonly Task[],
  defaults: { budget?: number; production?: Production } = {},
): StrategySpace {
  const head = v.object(value, path, ["kind", "options", "k", "budget", "step", "production"], ["kind"]);
  const kind = v.oneOf(head.kind, `${path}.kind`, SPACE_KINDS, "strategy space");
  const T = tasks.length;
  switch (kind) {
    case "fixed":
      v.object(value, path, ["kind"]);
      return { kind };
    case "menu": {
      const o = v.object(value, path, ["kind", "options"], ["options"]);
      const options = v.array(o.options, `${path}.options`, { nonEmpty: true });
      return { kind, options: options.map((q, m) => parseQuality(v, q, `${path}.options[${m}]`, tasks)) };
    }
    case "top-k": {
      const o = v.object(value, path, ["kind", "k"], ["k"]);
      return { kind, k: v.number(o.k, `${path}.k`, { min: 1, max: T, integer: true }) };
    }
    case "budget":
    case "grid": {
      const allowed =
        kind === "grid" ? ["kind", "budget", "step", "production"] : ["kind", "budget", "production"];
      const o = v.object(value, path, allowed, kind === "grid" ? ["step"] : []);
      let budget: number;
      if (o.budget !== undefined) budget = v.number(o.budget, `${path}.budget`, { gt: 0 });
      else if (defaults.budget !== undefined) budget = defaults.budget;
      else v.fail(`${path}.budget`, "missing required field (or give the producer a budget)");
      const production =
        o.production !== undefined
          ? parseProduction(v, o.production, `${path}.production`)
          : (defaults.production ?? { kind: "linear" as const });
      if (kind === "budget") return { kind, budget, production };
      const step = v.number(o.step, `${path}.step`, { gt: 0 });
      const space = { kind, budget, step, production } as const;
      if (gridUnits(space) < 1) v.fail(`${path}.step`, `step ${step} exceeds the budget ${budget}`);
      if (gridUnits(space) > 100000)
        v.fail(`${path}.step`, `budget/step = ${budget / step} units is more than 100000`);
      return space;
    }
  }
}

/**
 * Validates a quality vector: one number per task, each in `[0, cap]`.
 *
 * @throws InputError naming the JSON path of the first bad entry.
 */
export function parseQuality(v: Validator, value: unknown, path: string, tasks: readonly Task[]): number[] {
  const list = v.array(value, path, { length: tasks.length, lengthOf: "one per task" });
  return list.map((x, t) => {
    const q = v.number(x, `${path}[${t}]`, { min: 0 });
    if (q > tasks[t]!.cap)
      v.fail(`${path}[${t}]`, `quality ${q} is above the cap ${tasks[t]!.cap} of task "${tasks[t]!.name}"`);
    return q;
  });
}
