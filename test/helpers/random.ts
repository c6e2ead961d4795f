/**
 * Seeded random markets for property tests.
 */
import seedrandom from "seedrandom";
import type { Market, SelectionRule } from "../../src/model/types.js";

export type Rng = () => number;

export function rng(seed: string | number): Rng {
  return seedrandom.alea(String(seed));
}

/** The four selection rules with representative parameters. */
export const ALL_SELECTIONS: SelectionRule[] = [
  { rule: "perfect" },
  { rule: "epsilon", eps: 0.3 },
  { rule: "logit", beta: 6 },
  { rule: "probit", sigma: 0.2 },
];

/**
 * A random market: 1-6 producers, 1-6 tasks, random weights and caps, qualities uniform in [0, cap]
 * with some exact ties and zeros mixed in (they exercise the tie handling).
 */
export function randomMarket(
  r: Rng,
  selection: SelectionRule,
  opts: { maxN?: number; maxT?: number } = {},
): Market {
  const n = 1 + Math.floor(r() * (opts.maxN ?? 6));
  const T = 1 + Math.floor(r() * (opts.maxT ?? 6));
  const tasks = Array.from({ length: T }, (_, t) => ({
    name: `t${t}`,
    weight: r() < 0.1 ? 0 : r(),
    cap: r() < 0.5 ? 1 : 0.5 + 2 * r(),
  }));
  if (tasks.every((t) => t.weight === 0)) tasks[0]!.weight = 1;
  const total = tasks.reduce((s, t) => s + t.weight, 0);
  for (const t of tasks) t.weight /= total;
  const producers = Array.from({ length: n }, (_, i) => ({
    name: `p${i}`,
    quality: tasks.map((task) => {
      const u = r();
      return u < 0.1 ? 0 : u < 0.2 ? task.cap : Math.round(r() * task.cap * 20) / 20;
    }),
    space: { kind: "fixed" as const },
  }));
  return { tasks, selection, producers };
}
