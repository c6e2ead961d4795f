/**
 * The incremental `TaskValuer` path (solvers/bestResponse/incremental.ts) against the generic one, which
 * reloads the whole column into a `ColumnState` on every call: every built-in rule and the welfare
 * objective, under perfect, epsilon and logit (beta from 0 to 1e4), on seeded random columns with ties,
 * own qualities above, at and below the others' maximum, and one or two producers; and under probit
 * (sigma from 0.01 to 1, up to 127 producers) against a much finer quadrature (to 1e-12 per unit of cap)
 * and against the generic path (to that path's own quadrature error).
 */
import { describe, expect, it } from "vitest";
import { TaskValuer, WELFARE_OBJECTIVE } from "../../solvers/index.js";
import { BUILTIN_PAYOFF_RULES, type PayoffRule } from "../../src/model/payoffs.js";
import { probitKernel } from "../../src/model/selection/probit.js";
import type { Market, SelectionRule } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { type Rng, rng } from "./helpers.js";

const RULES: PayoffRule[] = [...BUILTIN_PAYOFF_RULES, WELFARE_OBJECTIVE];

const SELECTIONS: SelectionRule[] = [
  { rule: "perfect" },
  { rule: "epsilon", eps: 0 },
  { rule: "epsilon", eps: 0.2 },
  { rule: "epsilon", eps: 1 },
  { rule: "logit", beta: 0 },
  { rule: "logit", beta: 0.7 },
  { rule: "logit", beta: 20 },
  { rule: "logit", beta: 300 },
  { rule: "logit", beta: 1e4 },
];

/** A quality on a task with cap `cap`: often exactly 0, the cap, a quarter, or a repeat of `pool`. */
function quality(r: Rng, cap: number, pool: number[]): number {
  const u = r();
  if (u < 0.1) return 0;
  if (u < 0.2) return cap;
  if (u < 0.3) return (cap * Math.floor(4 * r())) / 4;
  if (u < 0.5 && pool.length > 0) return pool[Math.floor(r() * pool.length)]!;
  return cap * r();
}

function randomMarket(r: Rng, n: number, T: number, selection: SelectionRule): Market {
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
function probes(r: Rng, market: Market, slot: number, t: number): number[] {
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

interface Worst {
  diff: number;
  where: string;
}

/**
 * Largest `|fast - generic| / max(|generic|, 1e-300)` over every probe of every task, for the term and
 * for `lastWelfare`. The marginal contribution `U_t - U_{-i}` is a difference of two values of order
 * `U_t`, so its error is measured against `w_t v_t` (both paths compute `U_{-i}` by different but
 * equally accurate formulas, so the difference carries their rounding of `U_t`).
 */
function compare(market: Market, slot: number, rule: PayoffRule, r: Rng): Worst {
  const fast = new TaskValuer(market, slot, rule);
  const slow = new TaskValuer(market, slot, rule, { incremental: false });
  expect(fast.incremental).toBe(true);
  expect(slow.incremental).toBe(false);
  const worst: Worst = { diff: 0, where: "" };
  for (let t = 0; t < market.tasks.length; t++) {
    const scale = market.tasks[t]!.weight * Math.max(1, market.tasks[t]!.cap);
    for (const q of probes(r, market, slot, t)) {
      const a = fast.value(t, q);
      const b = slow.value(t, q);
      const wa = fast.lastWelfare;
      const wb = slow.lastWelfare;
      const ref = rule.name === "marginal-contribution" ? Math.max(Math.abs(b), scale) : Math.abs(b);
      const d = Math.max(
        Math.abs(a - b) / Math.max(ref, 1e-300),
        Math.abs(wa - wb) / Math.max(Math.abs(wb), 1e-300),
      );
      if (!(d <= worst.diff)) {
        worst.diff = d;
        worst.where = `task ${t} q=${q}: term ${a} vs ${b}, welfare ${wa} vs ${wb}`;
      }
    }
  }
  return worst;
}

describe("TaskValuer: incremental path equals the generic ColumnState path", () => {
  for (const selection of SELECTIONS) {
    const label = Object.entries(selection)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    for (const rule of RULES) {
      it(`${rule.name} under ${label}`, () => {
        const r = rng(`taskValuer/${label}/${rule.name}`);
        let worst: Worst = { diff: 0, where: "" };
        for (const n of [1, 2, 2, 3, 5, 8, 20]) {
          for (let rep = 0; rep < 4; rep++) {
            const market = randomMarket(r, n, 4, selection);
            const slot = Math.floor(r() * n);
            const w = compare(market, slot, rule, r);
            if (!(w.diff <= worst.diff)) worst = { diff: w.diff, where: `n=${n} slot=${slot} ${w.where}` };
          }
        }
        expect(worst.diff, worst.where).toBeLessThanOrEqual(1e-12);
      });
    }
  }

  it("takes the incremental path under probit and keeps the generic one for user rules", () => {
    const r = rng("taskValuer/generic");
    const probit = randomMarket(r, 4, 3, { rule: "probit", sigma: 0.2 });
    expect(new TaskValuer(probit, 1, BUILTIN_PAYOFF_RULES[0]!).incremental).toBe(true);
    const squared: PayoffRule = {
      name: "squared-winrate",
      description: "sum_t w_t pi_it^2",
      taskTerm: (c, i) => c.pi[i]! ** 2,
    };
    const logit = randomMarket(r, 4, 3, { rule: "logit", beta: 5 });
    expect(new TaskValuer(logit, 1, squared).incremental).toBe(false);
  });

  it("does not overflow or lose tiny pairwise probabilities at beta = 1e4", () => {
    // others [0.2, 0.5, 0.5] probed far above and below; others [1, 0.95] probed at 0.93, where
    // P(beats 0.95) = sigmoid(-200) is tiny but not 0 while exp(beta (q - max)) underflows
    const cases: Array<{ others: number[]; probes: number[] }> = [
      { others: [0.2, 0.5, 0.5], probes: [0, 0.1, 0.2, 0.45, 0.49, 0.499, 0.5, 0.501, 0.51, 0.6, 1] },
      { others: [1, 0.95], probes: [0.9, 0.93, 0.94, 0.949, 0.95, 0.99, 1] },
    ];
    for (const { others, probes } of cases) {
      const market: Market = {
        tasks: [{ name: "t", weight: 1, cap: 1 }],
        selection: { rule: "logit", beta: 1e4 },
        producers: [...others, 0].map((q, i) => ({
          name: `P${i}`,
          quality: [q],
          space: { kind: "fixed" } as const,
        })),
      };
      const slot = others.length;
      for (const rule of RULES) {
        const fast = new TaskValuer(market, slot, rule);
        const slow = new TaskValuer(market, slot, rule, { incremental: false });
        for (const q of probes) {
          const a = fast.value(0, q);
          const b = slow.value(0, q);
          expect(Number.isFinite(a) && Number.isFinite(fast.lastWelfare)).toBe(true);
          const ref = rule.name === "marginal-contribution" ? 1 : Math.max(Math.abs(b), 1e-300);
          expect(Math.abs(a - b) / ref, `${rule.name} at q = ${q}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(fast.lastWelfare - slow.lastWelfare)).toBeLessThanOrEqual(1e-12 * slow.lastWelfare);
        }
      }
    }
  });
});

/**
 * The unweighted term of `rule` for producer `i` of column `q` (cap `cap`) under probit, from a much finer
 * quadrature than the kernel's default (20-point panels of width 0.5 sigma): the accuracy reference.
 */
function fineProbitTerm(rule: PayoffRule, q: number[], i: number, cap: number, sigma: number) {
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

interface ProbitWorst {
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
function compareProbit(market: Market, slot: number, rule: PayoffRule, r: Rng, limit: number): ProbitWorst {
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
function oneTask(others: number[], cap: number, sigma: number): Market {
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
const GENERIC_AGREEMENT = 2e-10;
/** The incremental path against the fine reference (measured: below 2e-14 per unit of cap). */
const FINE_AGREEMENT = 1e-12;

describe("TaskValuer: incremental probit path", () => {
  for (const sigma of [0.01, 0.05, 0.25, 1]) {
    for (const rule of RULES) {
      it(`${rule.name} under probit sigma=${sigma}`, () => {
        const r = rng(`taskValuer/probit/${sigma}/${rule.name}`);
        const worst: ProbitWorst = { fine: { diff: 0, where: "" }, generic: { diff: 0, where: "" } };
        for (const n of [1, 2, 2, 5, 20, 127]) {
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
      });
    }
  }

  it("handles the others all tied, a single other, and own qualities far from the others", () => {
    const cases: Array<{ others: number[]; cap: number; sigma: number }> = [
      { others: Array.from({ length: 19 }, () => 0.6), cap: 1, sigma: 0.05 },
      { others: Array.from({ length: 126 }, () => 0.6), cap: 1, sigma: 0.01 },
      { others: Array.from({ length: 126 }, () => 1), cap: 1, sigma: 0.25 },
      { others: [0, 0, 0, 0], cap: 1, sigma: 0.01 },
      { others: [0.3], cap: 1, sigma: 0.01 },
      { others: [0.3], cap: 1, sigma: 1 },
      { others: [40, 40, 39.9, 12], cap: 100, sigma: 0.05 },
    ];
    for (const { others, cap, sigma } of cases) {
      const market = oneTask(others, cap, sigma);
      const slot = others.length;
      const qs = [0, cap, others[0]!, others[0]! + sigma, others[0]! - 3 * sigma, 0.5 * cap, 0.999 * cap];
      for (const rule of RULES) {
        const fast = new TaskValuer(market, slot, rule);
        const slow = new TaskValuer(market, slot, rule, { incremental: false });
        for (const q of qs.filter((x) => x >= 0 && x <= cap)) {
          const a = fast.value(0, q);
          const b = slow.value(0, q);
          const ref = fineProbitTerm(rule, [...others, q], slot, cap, sigma);
          const where = `${rule.name}, ${others.length} others, sigma ${sigma}, q = ${q}: ${a} vs ${b} vs ${ref.term}`;
          const scale = Math.max(1, cap);
          expect(Math.abs(a - ref.term), where).toBeLessThanOrEqual(FINE_AGREEMENT * scale);
          expect(Math.abs(fast.lastWelfare - ref.welfare), where).toBeLessThanOrEqual(FINE_AGREEMENT * scale);
          expect(Math.abs(a - b), where).toBeLessThanOrEqual(GENERIC_AGREEMENT * scale);
          expect(Math.abs(fast.lastWelfare - slow.lastWelfare), where).toBeLessThanOrEqual(
            GENERIC_AGREEMENT * scale,
          );
        }
      }
    }
  });

  it("gives the closed form Phi((q - q_1)/(sigma sqrt 2)) with one other", () => {
    const market = oneTask([0.5], 1, 0.25);
    const tv = new TaskValuer(market, 1, BUILTIN_PAYOFF_RULES[0]!);
    // Phi(0.2 / (0.25 sqrt 2)) = Phi(0.565685424949238)
    expect(Math.abs(tv.value(0, 0.7) - 0.7141961775233342)).toBeLessThanOrEqual(1e-13);
  });
});
