/**
 * The seeded cases of the `TaskValuer` tests (test/solvers/taskValuer.test.ts, and the full probit sweep
 * in taskValuer-probit.slow.test.ts): random columns with ties, the probes of own quality around the
 * others', and the incremental probit path against a much finer quadrature and against the generic path.
 */
import { expect } from "vitest";
import { TaskValuer, WELFARE_OBJECTIVE } from "../../solvers/index.js";
import { BUILTIN_PAYOFF_RULES, type PayoffRule } from "../../src/model/payoffs.js";
import { probitKernel } from "../../src/model/selection/probit.js";
import type { Market, SelectionRule } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { type Rng, rng } from "./helpers.js";

/** Every built-in payoff rule and the welfare objective. */
export const RULES: PayoffRule[] = [...BUILTIN_PAYOFF_RULES, WELFARE_OBJECTIVE];

/** A quality on a task with cap `cap`: often exactly 0, the cap, a quarter, or a repeat of `pool`. */
export function quality(r: Rng, cap: number, pool: number[]): number {
  const u = r();
  if (u < 0.1) return 0;
  if (u < 0.2) return cap;
  if (u < 0.3) return (cap * Math.floor(4 * r())) / 4;
  if (u < 0.5 && pool.length > 0) return pool[Math.floor(r() * pool.length)]!;
  return cap * r();
}

export function randomMarket(r: Rng, n: number, T: number, selection: SelectionRule): Market {
  const tasks = Array.from({ length: T }, (_, t) => ({
    name: `t${t}`,
    // one task of weight 0 now and then (value() returns 0 there but lastWelfare is still w U = 0)
    weight: r() < 0.1 ? 0 : 0.05 + r(),
    cap: r() < 0.5 ? 1 : 0.2 + 2 * r(),
  }));
  const cols: number[][] = tasks.map(() => []);
  const producers = Array.from({ length: n }, (_, i) => ({
    name: `P${i}`,
    quality: tasks.map((task, t) => {
      const q = quality(r, task.cap, cols[t]!);
      cols[t]!.push(q);
      return q;
    }),
    space: { kind: "fixed" } as const,
  }));
  return { tasks, selection, producers };
}

/**
 * Own qualities to probe on task `t`: the others' values, their max and its neighbours within and just
 * outside the tie tolerance, one ulp around them, the ends of [0, cap] and random points.
 */
export function probes(r: Rng, market: Market, slot: number, t: number): number[] {
  const cap = market.tasks[t]!.cap;
  const tol = RELATIVE_TOLERANCE * cap;
  const others = market.producers.filter((_, i) => i !== slot).map((p) => p.quality[t]!);
  const out = [0, cap, cap / 2];
  for (const x of others) {
    out.push(x, x + tol, x - tol, x + 0.5 * tol, x - 0.5 * tol, x + 3 * tol, x - 3 * tol);
    out.push(x * (1 + Number.EPSILON), x * (1 - Number.EPSILON), x + 1e-3 * cap, x - 1e-3 * cap);
  }
  for (let k = 0; k < 6; k++) out.push(cap * r());
  return out.filter((q) => q >= 0 && q <= cap);
}

export interface Worst {
  diff: number;
  where: string;
}

/**
 * The unweighted term of `rule` for producer `i` of column `q` (cap `cap`) under probit, from a much finer
 * quadrature than the kernel's default (20-point panels of width 0.5 sigma): the accuracy reference.
 */
export function fineProbitTerm(rule: PayoffRule, q: number[], i: number, cap: number, sigma: number) {
  const n = q.length;
  const kernel = probitKernel(sigma, { panel: 0.5, points: 20 });
  const pi = new Float64Array(n);
  kernel.choice(q, n, cap, pi);
  let welfare = 0;
  for (let j = 0; j < n; j++) welfare += pi[j]! * q[j]!;
  let pairwise = 1;
  if (n > 1) {
    pairwise = 0;
    for (let j = 0; j < n; j++) if (j !== i) pairwise += kernel.beats(q[i]!, q[j]!, cap);
    pairwise /= n - 1;
  }
  const terms: Record<string, () => number> = {
    winrate: () => pi[i]!,
    "pairwise-winrate": () => pairwise,
    "weighted-winrate": () => pi[i]! * q[i]!,
    "weighted-pairwise-winrate": () => pairwise * q[i]!,
    "marginal-contribution": () => {
      const without = new Float64Array(n);
      kernel.welfareWithout(q, n, cap, pi, without);
      return welfare - without[i]!;
    },
    "average-score": () => q[i]!,
    welfare: () => welfare,
  };
  return { term: terms[rule.name]!(), welfare };
}

export interface ProbitWorst {
  /** Largest `|fast - fine| / max(1, v_t)` (term and welfare, unweighted). */
  fine: Worst;
  /** Largest `|fast - generic| / max(1, v_t)`. */
  generic: Worst;
}

/**
 * The incremental probit path against the fine reference and the generic path, at `limit` probes per
 * task at most (both references cost `O(n)` Phi per quadrature node). Differences are unweighted
 * (divided by `w_t`; tasks of weight 0 are checked to give 0) and per unit of cap.
 */
export function compareProbit(
  market: Market,
  slot: number,
  rule: PayoffRule,
  r: Rng,
  limit: number,
): ProbitWorst {
  if (market.selection.rule !== "probit") throw new Error("probit only");
  const sigma = market.selection.sigma;
  const fast = new TaskValuer(market, slot, rule);
  const slow = new TaskValuer(market, slot, rule, { incremental: false });
  expect(fast.incremental).toBe(true);
  expect(slow.incremental).toBe(false);
  const worst: ProbitWorst = { fine: { diff: 0, where: "" }, generic: { diff: 0, where: "" } };
  const note = (w: Worst, d: number, where: string) => {
    if (!(d <= w.diff)) {
      w.diff = d;
      w.where = where;
    }
  };
  for (let t = 0; t < market.tasks.length; t++) {
    const { cap, weight } = market.tasks[t]!;
    const others = market.producers.filter((_, i) => i !== slot).map((p) => p.quality[t]!);
    let qs = probes(r, market, slot, t);
    if (qs.length > limit) {
      // the ends of [0, cap] and the others' maximum always, the rest sampled
      const max = Math.max(0, ...others);
      qs = [0, cap, max, ...Array.from({ length: limit - 3 }, () => qs[Math.floor(r() * qs.length)]!)];
    }
    const column = market.producers.map((p) => p.quality[t]!);
    for (const q of qs) {
      const a = fast.value(t, q);
      const b = slow.value(t, q);
      expect(Number.isFinite(a) && Number.isFinite(fast.lastWelfare)).toBe(true);
      if (weight === 0) {
        expect(a).toBe(0);
        expect(fast.lastWelfare).toBe(0);
        continue;
      }
      column[slot] = q;
      const ref = fineProbitTerm(rule, column, slot, cap, sigma);
      const scale = weight * Math.max(1, cap);
      const where = `task ${t} q=${q}: term ${a / weight} vs generic ${b / weight} vs fine ${ref.term}`;
      note(
        worst.fine,
        Math.max(Math.abs(a / weight - ref.term), Math.abs(fast.lastWelfare / weight - ref.welfare)) /
          Math.max(1, cap),
        where,
      );
      note(
        worst.generic,
        Math.max(Math.abs(a - b), Math.abs(fast.lastWelfare - slow.lastWelfare)) / scale,
        where,
      );
    }
  }
  return worst;
}

/** A one-task market: the others at `others`, the responding producer (last) at 0. */
export function oneTask(others: number[], cap: number, sigma: number): Market {
  return {
    tasks: [{ name: "t", weight: 1, cap }],
    selection: { rule: "probit", sigma },
    producers: [...others, 0].map((q, i) => ({
      name: `P${i}`,
      quality: [q],
      space: { kind: "fixed" } as const,
    })),
  };
}

/**
 * The generic path's own error: the kernel's default quadrature (panels of width 2 up to 20 producers,
 * 1 up to 400) is off by up to about 7e-11 per unit of cap on `U_t` for columns with many ties (n = 20 and
 * n = 60 to 127; measured against the fine reference), so the two paths are compared at 2e-10.
 */
export const GENERIC_AGREEMENT = 2e-10;
/** The incremental path against the fine reference (measured: below 2e-14 per unit of cap). */
export const FINE_AGREEMENT = 1e-12;

/**
 * The incremental probit path under `sigma` with `rule` on seeded random markets of each size in `sizes`
 * (three markets of four tasks each below 20 producers, one above; 127 producers have two tasks), against
 * the fine reference (`FINE_AGREEMENT`) and the generic path (`GENERIC_AGREEMENT`).
 */
export function probitSweep(sigma: number, rule: PayoffRule, sizes: number[]): void {
  const r = rng(`taskValuer/probit/${sigma}/${rule.name}`);
  const worst: ProbitWorst = { fine: { diff: 0, where: "" }, generic: { diff: 0, where: "" } };
  for (const n of sizes) {
    const reps = n >= 20 ? 1 : 3;
    for (let rep = 0; rep < reps; rep++) {
      const market = randomMarket(r, n, n === 127 ? 2 : 4, { rule: "probit", sigma });
      const slot = Math.floor(r() * n);
      const w = compareProbit(market, slot, rule, r, n >= 20 ? 12 : 20);
      for (const key of ["fine", "generic"] as const) {
        if (!(w[key].diff <= worst[key].diff))
          worst[key] = { diff: w[key].diff, where: `n=${n} slot=${slot} ${w[key].where}` };
      }
    }
  }
  expect(worst.fine.diff, worst.fine.where).toBeLessThanOrEqual(FINE_AGREEMENT);
  expect(worst.generic.diff, worst.generic.where).toBeLessThanOrEqual(GENERIC_AGREEMENT);
}
