/**
 * Production functions (docs/model.md section 1): effort `e >= 0` on a task gives quality `v_t f(e)`.
 */
import type { Production } from "./types.js";

/**
 * `f(e)` for a production function: `linear` `min(e, 1)`, `power(a)` `min(e, 1)^a`,
 * `exponential(k)` `1 - exp(-k e)`. Always nondecreasing with `f(0) = 0` and `f <= 1`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * produce({ kind: "power", a: 0.5 }, 0.25); // 0.5
 */
export function produce(f: Production, effort: number): number {
  const e = Math.max(effort, 0);
  switch (f.kind) {
    case "linear":
      return Math.min(e, 1);
    case "power":
      return Math.min(e, 1) ** f.a;
    case "exponential":
      return 1 - Math.exp(-f.k * e);
  }
}

/**
 * The quality vector `q_t = v_t f(e_t)` of an effort allocation.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * qualityFromEffort({ kind: "linear" }, [0.3, 0.7], [1, 2]); // [0.3, 1.4]
 */
export function qualityFromEffort(
  f: Production,
  effort: readonly number[],
  caps: readonly number[],
): number[] {
  return effort.map((e, t) => caps[t]! * produce(f, e));
}

/**
 * Whether `f` is concave on `[0, infinity)`: linear, power with `a <= 1`, exponential. Concave per-task
 * gains make the budget best response of concave payoff terms solvable exactly by water-filling.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * isConcaveProduction({ kind: "power", a: 2 }); // false
 */
export function isConcaveProduction(f: Production): boolean {
  return f.kind !== "power" || f.a <= 1;
}

/**
 * The smallest effort reaching the production function's maximum (`1` for linear and power;
 * `Infinity` for exponential, which only approaches 1). Effort beyond it is wasted.
 *
 * @example
 * saturatingEffort({ kind: "linear" }); // 1
 */
export function saturatingEffort(f: Production): number {
  return f.kind === "exponential" ? Number.POSITIVE_INFINITY : 1;
}

/**
 * Human-readable form, e.g. `power(a=0.5)`.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function describeProduction(f: Production): string {
  switch (f.kind) {
    case "linear":
      return "linear";
    case "power":
      return `power(a=${f.a})`;
    case "exponential":
      return `exponential(k=${f.k})`;
  }
}
