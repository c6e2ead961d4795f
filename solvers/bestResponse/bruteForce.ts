/**
 * Brute force over a finite space: evaluates every strategy. Used for non-separable (user) rules,
 * which give `payoff(market, i)` instead of per-task terms, and as the reference in tests.
 */
import { InputError } from "../../src/errors.js";
import { consumerWelfare } from "../../src/model/evaluate.js";
import type { PayoffRule } from "../../src/model/payoffs.js";
import { enumerateQualities, spaceSize } from "../../src/model/strategies.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { TaskValuer } from "./context.js";
import type { Maximiser } from "./types.js";

/**
 * Payoff of producer `slot` under `rule` when its quality is `quality` (others as in `market`).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * payoffWith(market, 0, winrate, [1, 0]);
 */
export function payoffWith(
  market: Market,
  slot: number,
  rule: PayoffRule,
  quality: readonly number[],
): number {
  if (rule.payoff !== undefined) {
    const producers = market.producers.map((p, i) => (i === slot ? { ...p, quality: quality.slice() } : p));
    return rule.payoff({ ...market, producers }, slot);
  }
  const tv = new TaskValuer(market, slot, rule);
  let s = 0;
  for (let t = 0; t < tv.T; t++) s += tv.value(t, quality[t]!);
  return s;
}

/**
 * Every strategy of a finite space with payoff within `slack` of the best (`limit` at most listed).
 * Refuses (InputError) spaces larger than `sizeLimit` and continuous spaces.
 *
 * @example
 * bruteForceBestResponse(market, 0, rule, { kind: "top-k", k: 1 }, 1e-9, 100, 20000);
 */
export function bruteForceBestResponse(
  market: Market,
  slot: number,
  rule: PayoffRule,
  space: StrategySpace,
  slack: number,
  limit: number,
  sizeLimit: number,
): { value: number; maximisers: Maximiser[]; truncated: boolean } {
  const size = spaceSize(space, market.tasks.length);
  if (!Number.isFinite(size)) {
    throw new InputError(
      undefined,
      "rule",
      `rule "${rule.name}" is not task-separable, so a continuous budget space cannot be searched (use a grid space)`,
    );
  }
  if (size > sizeLimit) {
    throw new InputError(
      undefined,
      "rule",
      `rule "${rule.name}" is not task-separable and the space has ${size} strategies, more than the brute-force limit ${sizeLimit}`,
    );
  }
  const candidates =
    space.kind === "fixed"
      ? [market.producers[slot]!.quality.slice()]
      : enumerateQualities(space, market.tasks);
  const values = candidates.map((q) => {
    const producers = market.producers.map((p, i) => (i === slot ? { ...p, quality: q } : p));
    const m = { ...market, producers };
    return {
      q,
      payoff: rule.payoff !== undefined ? rule.payoff(m, slot) : payoffWith(market, slot, rule, q),
      welfare: consumerWelfare(m),
    };
  });
  let best = Number.NEGATIVE_INFINITY;
  for (const v of values) best = Math.max(best, v.payoff);
  const maximisers: Maximiser[] = [];
  let truncated = false;
  const seen = new Set<string>();
  for (const v of values) {
    if (v.payoff < best - slack) continue;
    const key = v.q.join(",");
    if (seen.has(key)) continue; // grid allocations past saturation give the same quality
    seen.add(key);
    if (maximisers.length >= limit) {
      truncated = true;
      break;
    }
    maximisers.push({ quality: v.q, payoff: v.payoff, welfare: v.welfare });
  }
  return { value: best, maximisers, truncated };
}
