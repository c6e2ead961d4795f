/**
 * Shared helpers of the solver tests: seeded random markets and an independent brute-force reference.
 */
import seedrandom from "seedrandom";
import { evaluate } from "../../src/model/evaluate.js";
import { enumerateQualities } from "../../src/model/strategies.js";
import type { Market, SelectionRule, StrategySpace, Task } from "../../src/model/types.js";

export type Rng = () => number;

/** A seeded `alea` generator. */
export function rng(seed: string): Rng {
  return seedrandom.alea(seed);
}

/** A random selection rule of the given kind with a moderate parameter. */
export function randomSelection(kind: SelectionRule["rule"], r: Rng): SelectionRule {
  switch (kind) {
    case "perfect":
      return { rule: "perfect" };
    case "epsilon":
      return { rule: "epsilon", eps: 0.1 + 0.8 * r() };
    case "logit":
      return { rule: "logit", beta: 1 + 9 * r() };
    case "probit":
      return { rule: "probit", sigma: 0.1 + 0.4 * r() };
  }
}

/** A random market: `T` tasks with random weights and caps, `n` fixed incumbents (some binary). */
export function randomMarket(r: Rng, T: number, n: number, selection: SelectionRule, caps = true): Market {
  const raw = Array.from({ length: T }, () => 0.1 + r());
  const total = raw.reduce((a, b) => a + b, 0);
  const tasks: Task[] = raw.map((w, t) => ({
    name: `t${t}`,
    weight: w / total,
    cap: caps ? 0.5 + 1.5 * r() : 1,
  }));
  const producers = Array.from({ length: n }, (_, i) => {
    const binary = r() < 0.4;
    const quality = tasks.map((task) => (binary ? (r() < 0.5 ? task.cap : 0) : task.cap * r()));
    return { name: `P${i}`, quality, space: { kind: "fixed" } as StrategySpace };
  });
  return { tasks, selection, producers };
}

/**
 * Brute force through the public `evaluate` (an independent code path): the best payoff of producer
 * `slot` over every strategy of `space`, and the set of quality vectors within `slack` of it.
 */
export function bruteForce(
  market: Market,
  slot: number,
  rule: string,
  space: StrategySpace,
  slack: number,
): { value: number; keys: Set<string>; welfareOf: Map<string, number> } {
  const candidates = enumerateQualities(space, market.tasks);
  const results = candidates.map((q) => {
    const producers = market.producers.map((p, i) => (i === slot ? { ...p, quality: q } : p));
    const ev = evaluate({ ...market, producers }, [rule]);
    return { key: key(q), payoff: ev.producers[slot]!.payoffs[rule]!, welfare: ev.welfare.U };
  });
  let value = Number.NEGATIVE_INFINITY;
  for (const x of results) value = Math.max(value, x.payoff);
  const keys = new Set<string>();
  const welfareOf = new Map<string, number>();
  for (const x of results) {
    welfareOf.set(x.key, x.welfare);
    if (x.payoff >= value - slack) keys.add(x.key);
  }
  return { value, keys, welfareOf };
}

/** A canonical key of a quality vector (rounded to 12 significant digits). */
export function key(q: readonly number[]): string {
  return q.map((x) => x.toPrecision(12)).join(",");
}
