/**
 * Strategy spaces (docs/model.md section 5): what a producer may choose, its canonical starting point,
 * its size and (for finite spaces) its elements.
 */
import { InputError, InternalError } from "../errors.js";
import { RELATIVE_TOLERANCE } from "../numeric/tolerance.js";
import { describeProduction, produce } from "./production.js";
import type { Production, StrategySpace, Task } from "./types.js";

/**
 * Binomial coefficient as a float (exact below 2^53).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let j = 1; j <= Math.min(k, n - k); j++) r = (r * (n - j + 1)) / j;
  return Math.round(r);
}

/**
 * Number of budget units of a grid space, `floor(budget / step)` (robust to float error).
 *
 * @throws nothing for valid inputs of the declared types
 */
export function gridUnits(space: { budget: number; step: number }): number {
  return Math.floor(space.budget / space.step + RELATIVE_TOLERANCE);
}

/**
 * Number of strategies in a space over `T` tasks: `1` fixed, the menu's length, `C(T, k)` top-k,
 * `C(K + T, T)` effort grids with `K` units (allocations need not spend the whole budget), and
 * `Infinity` for continuous budgets.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * spaceSize({ kind: "top-k", k: 2 }, 4); // 6
 */
export function spaceSize(space: StrategySpace, T: number): number {
  switch (space.kind) {
    case "fixed":
      return 1;
    case "menu":
      return space.options.length;
    case "top-k":
      return binomial(T, space.k);
    case "grid":
      return binomial(gridUnits(space) + T, T);
    case "budget":
      return Number.POSITIVE_INFINITY;
  }
}

/**
 * Whether the space has finitely many strategies.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function isFiniteSpace(space: StrategySpace): boolean {
  return space.kind !== "budget";
}

/**
 * The quality vector of a top-k choice: `v_t` on the chosen tasks, 0 elsewhere.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * topKQuality([0, 2], tasks); // [v_0, 0, v_2, 0] for four tasks
 */
export function topKQuality(chosen: readonly number[], tasks: readonly Task[]): number[] {
  const q = new Array<number>(tasks.length).fill(0);
  for (const t of chosen) q[t] = tasks[t]!.cap;
  return q;
}

/**
 * The canonical starting strategy of a space, used when a producer's file entry gives no quality:
 * the first menu option, the first `k` tasks for top-k, and zero effort for budgets and grids.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * canonicalQuality({ kind: "top-k", k: 1 }, tasks); // [v_0, 0, ...]
 */
export function canonicalQuality(space: StrategySpace, tasks: readonly Task[]): number[] | undefined {
  switch (space.kind) {
    case "fixed":
      return undefined;
    case "menu":
      return space.options[0]!.slice();
    case "top-k":
      return topKQuality(
        Array.from({ length: space.k }, (_, t) => t),
        tasks,
      );
    case "budget":
    case "grid":
      return tasks.map((task) => task.cap * produce(space.production, 0));
  }
}

/**
 * Every strategy of a finite space as a quality vector, in a fixed order (menu order; top-k subsets in
 * lexicographic order; grid allocations in lexicographic order of units per task). Throws when the
 * space has more than `limit` strategies (default 1e6) or is continuous.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * enumerateQualities({ kind: "top-k", k: 1 }, tasks); // one vector per task
 */
export function enumerateQualities(space: StrategySpace, tasks: readonly Task[], limit = 1e6): number[][] {
  const T = tasks.length;
  const size = spaceSize(space, T);
  if (!Number.isFinite(size))
    throw new InputError(undefined, "space", "a continuous budget space has no finite list of strategies");
  if (size > limit)
    throw new InputError(
      undefined,
      "space",
      `the space has ${size} strategies, more than the limit ${limit}`,
    );
  switch (space.kind) {
    case "fixed":
      throw new InputError(
        undefined,
        "space",
        "a fixed producer has no strategies to enumerate (its quality is given)",
      );
    case "menu":
      return space.options.map((o) => o.slice());
    case "top-k": {
      // k-subsets in lexicographic order, iteratively (no recursion depth that grows with k or T)
      const out: number[][] = [];
      const k = space.k;
      if (k > T) return out;
      const chosen = Array.from({ length: k }, (_, i) => i);
      for (;;) {
        out.push(topKQuality(chosen, tasks));
        // the rightmost position that can still move right; none left means the last subset
        let i = k - 1;
        while (i >= 0 && chosen[i] === T - k + i) i--;
        if (i < 0) return out;
        chosen[i]!++;
        for (let j = i + 1; j < k; j++) chosen[j] = chosen[j - 1]! + 1;
      }
    }
    case "grid":
      return gridEfforts(space, T).map((e) => e.map((x, t) => tasks[t]!.cap * produce(space.production, x)));
    case "budget":
      throw new InternalError("unreachable");
  }
}

/**
 * Every effort allocation of a grid space: vectors of multiples of `step` with `sum <= budget`, in
 * lexicographic order of units per task (`C(K + T, T)` of them for `K = gridUnits(space)`).
 *
 * @example
 * gridEfforts({ budget: 1, step: 0.5 }, 2); // [[0,0],[0,0.5],[0,1],[0.5,0],[0.5,0.5],[1,0]]
 */
export function gridEfforts(space: { budget: number; step: number }, T: number): number[][] {
  const K = gridUnits(space);
  const out: number[][] = [];
  const units = new Array<number>(T).fill(0);
  const rec = (t: number, left: number) => {
    if (t === T) {
      out.push(units.map((u) => u * space.step));
      return;
    }
    for (let u = 0; u <= left; u++) {
      units[t] = u;
      rec(t + 1, left - u);
    }
    units[t] = 0;
  };
  rec(0, K);
  return out;
}

/**
 * Human-readable form, e.g. `top-k(k=2)` or `grid(budget=1, step=0.05, linear)`.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function describeSpace(space: StrategySpace): string {
  switch (space.kind) {
    case "fixed":
      return "fixed";
    case "menu":
      return `menu(${space.options.length} options)`;
    case "top-k":
      return `top-k(k=${space.k})`;
    case "budget":
      return `budget(budget=${space.budget}, ${describeProduction(space.production)})`;
    case "grid":
      return `grid(budget=${space.budget}, step=${space.step}, ${describeProduction(space.production)})`;
  }
}

/** Why a quality vector is not a strategy of its space: a code with its numbers (`spaceProblemText` words it). */
export type SpaceProblem =
  /** The vector has `qualities` entries for `tasks` tasks. */
  | { code: "length"; qualities: number; tasks: number }
  /** Not one of the menu's `options`. */
  | { code: "not-a-menu-option"; options: number }
  /** top-k: `quality` on `task` is neither 0 nor its cap. */
  | { code: "neither-zero-nor-cap"; task: string; quality: number }
  /** top-k: `atCap` tasks at their cap where the space has exactly `k`. */
  | { code: "wrong-number-at-cap"; atCap: number; k: number }
  /** budget: the least effort that reaches the vector is `effort`, above `budget`. */
  | { code: "over-budget"; effort: number; budget: number }
  /** grid: `quality` on `task` is on no step of the effort grid. */
  | { code: "off-grid"; task: string; quality: number }
  /** grid: `units` effort steps of `step` needed, `allowed` within the budget. */
  | { code: "too-many-steps"; units: number; step: number; allowed: number };

/** Whether a quality vector is a strategy of a space, and if not, why (`spaceMembership`). */
export type SpaceMembership =
  | { member: true; problem?: undefined }
  | { member: false; problem: SpaceProblem };

/**
 * Why a quality vector is not a strategy of its space, in words: the one wording of `SpaceProblem`,
 * which the command line and the explorer print.
 *
 * Source: the strategy spaces of docs/model.md, section 5.
 *
 * @throws nothing
 * @example
 * spaceProblemText({ code: "wrong-number-at-cap", atCap: 2, k: 1 }); // "2 task(s) at their cap, the space has exactly 1"
 */
export function spaceProblemText(p: SpaceProblem): string {
  switch (p.code) {
    case "length":
      return `${p.qualities} qualities for ${p.tasks} tasks`;
    case "not-a-menu-option":
      return `not one of the ${p.options} menu options`;
    case "neither-zero-nor-cap":
      return `quality ${p.quality} on task ${p.task} is neither 0 nor its cap`;
    case "wrong-number-at-cap":
      return `${p.atCap} task(s) at their cap, the space has exactly ${p.k}`;
    case "over-budget":
      return `needs effort ${p.effort.toPrecision(6)}, above the budget ${p.budget}`;
    case "off-grid":
      return `quality ${p.quality} on task ${p.task} is not on the effort grid`;
    case "too-many-steps":
      return `needs ${p.units} effort steps of ${p.step}, the budget allows ${p.allowed}`;
  }
}

/**
 * The smallest effort `e >= 0` with `f(e) >= r` (`r` a fraction of the cap), `Infinity` when `f` never
 * reaches it (exponential at `r >= 1`, or `r > 1`).
 */
function effortFor(f: Production, r: number): number {
  if (r <= 0) return 0;
  if (r > 1) return Number.POSITIVE_INFINITY;
  switch (f.kind) {
    case "linear":
      return r;
    case "power":
      return r ** (1 / f.a);
    case "exponential":
      return r >= 1 ? Number.POSITIVE_INFINITY : -Math.log1p(-r) / f.k;
  }
}

/**
 * Whether `quality` is a strategy of `space` over `tasks`, each entry within `RELATIVE_TOLERANCE x`
 * its task's cap of a member (the one tolerance, relative to the quantity's scale): a `menu` option;
 * `v_t` on exactly `k` tasks and 0 elsewhere for `top-k`; for `budget`, some effort `e >= 0` with
 * `sum e <= budget` and `v_t f(e_t)` equal to `q_t` (the least such effort per task is `f^-1`, as `f`
 * is nondecreasing); for `grid`, the same with efforts on the step grid. Every quality vector is a
 * member of a `fixed` space (the producer's own). A file quality outside its producer's space is only
 * a starting point: the producer game's solvers move such a producer first and never certify it.
 *
 * Source: the strategy spaces of docs/model.md, section 5.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const tasks = [{ name: "a", weight: 0.5, cap: 1 }, { name: "b", weight: 0.5, cap: 1 }];
 * spaceMembership({ kind: "top-k", k: 1 }, [0, 1], tasks).member; // true
 * spaceMembership({ kind: "top-k", k: 1 }, [0.5, 0.5], tasks).member; // false
 */
export function spaceMembership(
  space: StrategySpace,
  quality: readonly number[],
  tasks: readonly Task[],
): SpaceMembership {
  const T = tasks.length;
  if (quality.length !== T)
    return { member: false, problem: { code: "length", qualities: quality.length, tasks: T } };
  const near = (q: number, target: number, t: number) =>
    Math.abs(q - target) <= RELATIVE_TOLERANCE * tasks[t]!.cap;
  switch (space.kind) {
    case "fixed":
      return { member: true };
    case "menu":
      return space.options.some((o) => o.every((v, t) => near(quality[t]!, v, t)))
        ? { member: true }
        : { member: false, problem: { code: "not-a-menu-option", options: space.options.length } };
    case "top-k": {
      let atCap = 0;
      for (let t = 0; t < T; t++) {
        if (near(quality[t]!, tasks[t]!.cap, t)) atCap++;
        else if (!near(quality[t]!, 0, t))
          return {
            member: false,
            problem: { code: "neither-zero-nor-cap", task: tasks[t]!.name, quality: quality[t]! },
          };
      }
      return atCap === space.k
        ? { member: true }
        : { member: false, problem: { code: "wrong-number-at-cap", atCap, k: space.k } };
    }
    case "budget": {
      let effort = 0;
      for (let t = 0; t < T; t++) {
        effort += effortFor(space.production, quality[t]! / tasks[t]!.cap - RELATIVE_TOLERANCE);
      }
      return effort <= space.budget * (1 + RELATIVE_TOLERANCE)
        ? { member: true }
        : {
            member: false,
            problem: { code: "over-budget", effort, budget: space.budget },
          };
    }
    case "grid": {
      const K = gridUnits(space);
      let units = 0;
      for (let t = 0; t < T; t++) {
        const u = gridUnitsFor(space, quality[t]! / tasks[t]!.cap, K);
        if (u === undefined)
          return {
            member: false,
            problem: { code: "off-grid", task: tasks[t]!.name, quality: quality[t]! },
          };
        units += u;
      }
      return units <= K
        ? { member: true }
        : { member: false, problem: { code: "too-many-steps", units, step: space.step, allowed: K } };
    }
  }
}

/** The fewest grid units `u <= K` with `f(u step)` within the tolerance of `r`, or `undefined`. */
function gridUnitsFor(
  space: { step: number; production: Production },
  r: number,
  K: number,
): number | undefined {
  // f is nondecreasing: binary search for the first unit reaching r - tolerance, then check it
  let lo = 0;
  let hi = K;
  if (produce(space.production, K * space.step) < r - RELATIVE_TOLERANCE) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (produce(space.production, mid * space.step) >= r - RELATIVE_TOLERANCE) hi = mid;
    else lo = mid + 1;
  }
  return Math.abs(produce(space.production, lo * space.step) - r) <= RELATIVE_TOLERANCE ? lo : undefined;
}
