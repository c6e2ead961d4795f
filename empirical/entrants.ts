/**
 * Synthetic entrants for the market-entry study: a copy of the best incumbent, a specialist that puts
 * the same total quality on the worst-served tasks, and interpolations between the two. All of them lie
 * in the same `budget` space (linear production, budget = the best incumbent's total scaled quality),
 * so the comparison is at a fixed mean quality.
 */
import type { Task } from "../src/model/types.js";

/** One synthetic entrant. */
export interface SyntheticEntrant {
  /** `copy`, `mix-0.25`, ..., `specialist`. */
  name: string;
  /** Weight of the specialist in the mix: 0 for the copy, 1 for the specialist. */
  lambda: number;
  /** Quality per task. */
  quality: number[];
}

/**
 * The specialist's quality: spend `budget` units of scaled quality (`sum_t q_t / v_t`) on the tasks in
 * increasing order of how well they are served, `served[t] / v_t` (ties by task order), each up to its
 * cap: `q_t = v_t min(1, remaining)`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * specialistQuality(1.5, [0.9, 0.2, 0.5], tasks); // [0, 1, 0.5] with caps 1
 */
export function specialistQuality(
  budget: number,
  served: readonly number[],
  tasks: readonly Task[],
): number[] {
  const order = tasks
    .map((_, t) => t)
    .sort((a, b) => served[a]! / tasks[a]!.cap - served[b]! / tasks[b]!.cap || a - b);
  const q = new Array<number>(tasks.length).fill(0);
  let left = budget;
  for (const t of order) {
    if (left <= 0) break;
    const e = Math.min(1, left);
    q[t] = tasks[t]!.cap * e;
    left -= e;
  }
  return q;
}

/**
 * The synthetic entrants: `copy` (the best incumbent's vector), `mix-λ` for each `λ` of `lambdas`
 * (`(1 - λ) copy + λ specialist`) and `specialist` (see `specialistQuality`, with the copy's total scaled
 * quality as budget). Every candidate has the same `sum_t q_t / v_t`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * syntheticEntrants([0.9, 0.8], [0.95, 0.3], tasks, [0.5]).map((e) => e.name); // ["copy", "mix-0.5", "specialist"]
 */
export function syntheticEntrants(
  best: readonly number[],
  served: readonly number[],
  tasks: readonly Task[],
  lambdas: readonly number[] = [0.25, 0.5, 0.75],
): SyntheticEntrant[] {
  let budget = 0;
  tasks.forEach((task, t) => {
    budget += best[t]! / task.cap;
  });
  const spec = specialistQuality(budget, served, tasks);
  const out: SyntheticEntrant[] = [{ name: "copy", lambda: 0, quality: best.slice() }];
  for (const l of lambdas) {
    out.push({ name: `mix-${l}`, lambda: l, quality: best.map((b, t) => (1 - l) * b + l * spec[t]!) });
  }
  out.push({ name: "specialist", lambda: 1, quality: spec });
  return out;
}
