/**
 * Best responses of one producer with the others fixed (docs/producer-game.md; docs/model.md sections 5-6).
 *
 * Every built-in payoff rule is `sum_t w_t term_t(i)` with `term_t` reading task `t`'s column only, so
 * with the other producers fixed the payoff of a strategy `q` is `sum_t g_t(q_t)`:
 * - `menu`: every option evaluated (exact);
 * - `top-k`: a top-k selection over per-task gains (exact, all tied sets listed);
 * - `grid`: dynamic programming over budget units (exact, all optimal allocations listed);
 * - `budget`: grid DP refined locally, with a certified upper bound on the remaining gap;
 * - non-separable user rules: brute force over finite spaces (refused above a size limit).
 */
import { InputError } from "../../src/errors.js";
import { type PayoffRule, payoffWeight } from "../../src/model/payoffs.js";
import { canonicalQuality } from "../../src/model/strategies.js";
import type { Market, Producer, StrategySpace } from "../../src/model/types.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { bruteForceBestResponse } from "./bruteForce.js";
import { budgetBestResponse } from "./budget.js";
import { absoluteTolerance, resolveRule, TaskValuer, WELFARE_OBJECTIVE } from "./context.js";
import { checkGridWork, gridBestResponse } from "./grid.js";
import { menuBestResponse } from "./menu.js";
import { topKBestResponse } from "./topK.js";
import type { BestResponse, BestResponseOptions, Maximiser, RuleLike } from "./types.js";

export { payoffWith } from "./bruteForce.js";
export {
  absoluteTolerance,
  ownQualityBehaviour,
  payoffScale,
  resolveRule,
  TaskValuer,
  WELFARE_OBJECTIVE,
} from "./context.js";

import { DEFAULT_MAX_MAXIMISERS, DEFAULT_UNITS } from "../../src/limits.js";

export { AllocationDP } from "./dp.js";
export type { BestResponse, BestResponseMethod, BestResponseOptions, Maximiser, RuleLike } from "./types.js";

/**
 * Producer `producer`'s best response under `rule` with every other producer fixed:
 * `argmax_{s in S} payoff_i(s, q_{-i})`, `S` = `opts.space` or the producer's own space.
 *
 * `value` is the best payoff, `maximisers` every strategy within the tolerance of it (capped at
 * `opts.maxMaximisers`, `truncated` then set), `gapBound` a certified bound on how much better any
 * strategy of `S` can do (0 when exact). Tolerance: `opts.tolerance` (relative, default
 * `RELATIVE_TOLERANCE`) times `max(1, max_t v_t)`.
 *
 * Reference: Ibaraki and Katoh, "Resource Allocation Problems" (1988), for the separable DP.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const br = bestResponse(market, 2, "weighted-winrate", { space: { kind: "top-k", k: 1 } });
 * br.maximisers[0].tasks; // the task(s) the producer should cover
 */
export function bestResponse(
  market: Market,
  producer: number,
  rule: RuleLike,
  opts: BestResponseOptions = {},
): BestResponse {
  const p = market.producers[producer];
  if (p === undefined)
    throw new InputError(
      undefined,
      "producer",
      `no producer ${producer} (market has ${market.producers.length})`,
    );
  const r = resolveRule(rule);
  const space = opts.space ?? p.space;
  const slack = absoluteTolerance(market, opts.tolerance ?? RELATIVE_TOLERANCE);
  const limit = opts.maxMaximisers ?? DEFAULT_MAX_MAXIMISERS;
  const head = { rule: r.name, space, producer: p.name, tolerance: slack };

  if (r.taskTerm === undefined) {
    const res = bruteForceBestResponse(
      market,
      producer,
      r,
      space,
      slack,
      limit,
      opts.bruteForceLimit ?? 20000,
    );
    return { ...head, ...finite(res), method: "brute-force" };
  }
  const tv = new TaskValuer(market, producer, r);
  switch (space.kind) {
    case "fixed": {
      const m = ownQuality(tv, p.quality);
      return { ...head, value: m.payoff, maximisers: [m], gapBound: 0, exact: true, method: "fixed" };
    }
    case "menu":
      return {
        ...head,
        ...finite(menuBestResponse(tv, space.options, slack, limit)),
        method: "menu-enumeration",
      };
    case "top-k":
      if (space.k > tv.T)
        throw new InputError(undefined, "space", `k = ${space.k} exceeds the ${tv.T} tasks`);
      return { ...head, ...finite(topKBestResponse(tv, space.k, slack, limit)), method: "top-k-select" };
    case "grid":
      return {
        ...head,
        ...finite(gridBestResponse(tv, space, slack, limit, opts)),
        method: "grid-dp",
      };
    case "budget":
      return { ...head, ...budgetResponse(market, tv, r, space, slack, opts) };
  }
}

/** The payoff and welfare of keeping `quality` (a fixed space's only strategy). */
function ownQuality(tv: TaskValuer, quality: readonly number[]): Maximiser {
  let payoff = 0;
  let welfare = 0;
  for (let t = 0; t < tv.T; t++) {
    payoff += tv.value(t, quality[t]!);
    welfare += tv.lastWelfare;
  }
  return { quality: quality.slice(), payoff, welfare };
}

/** The certified best response in a continuous budget space (`budgetBestResponse`), its bounds clipped. */
function budgetResponse(
  market: Market,
  tv: TaskValuer,
  r: PayoffRule,
  space: Extract<StrategySpace, { kind: "budget" }>,
  slack: number,
  opts: BestResponseOptions,
): Omit<BestResponse, "rule" | "space" | "producer" | "tolerance"> {
  // the certificate's DP runs on `units` grid units: the same work and memory limits as a grid
  const K = Math.max(1, Math.round(opts.units ?? DEFAULT_UNITS));
  checkGridWork(tv.T, { budget: space.budget, step: space.budget / K, production: space.production }, opts);
  const sol = budgetBestResponse(tv, r, market.selection, space, opts.units ?? DEFAULT_UNITS);
  // A certificate never claims more room than the model allows: the bound on the supremum is
  // clipped at the rule's ceiling (winrates <= 1, quality-weighted payoffs and welfare <= sum_t w_t v_t).
  const ceiling = payoffCeiling(r, market);
  const upperBound = Math.max(sol.value, Math.min(sol.upperBound, ceiling));
  const gapBound = Math.max(0, Math.min(sol.gapBound, ceiling - sol.value));
  return {
    value: sol.value,
    maximisers: [sol.maximiser],
    gapBound,
    upperBound,
    exact: gapBound <= slack,
    method: sol.method,
  };
}

/**
 * The largest payoff the rule can give any producer in the market, whatever the strategies: 1 for the
 * share rules (`winrate`, `pairwise-winrate`), `sum_t w_t v_t` for the quality-weighted ones, the
 * marginal contribution, the average score (`sum_t b_t v_t`, under the benchmark weights `b`, default
 * `w`) and welfare (`U <= sum_t w_t max_i q_it`); `Infinity` for
 * user-registered rules (nothing is known about them).
 *
 * @example
 * payoffCeiling(payoffRule("winrate"), market); // 1
 */
export function payoffCeiling(rule: PayoffRule, market: Market): number {
  if (rule.name === "winrate" || rule.name === "pairwise-winrate") return 1;
  const quality = [
    "weighted-winrate",
    "weighted-pairwise-winrate",
    "marginal-contribution",
    "average-score",
    WELFARE_OBJECTIVE.name,
  ];
  if (!quality.includes(rule.name) || (rule !== WELFARE_OBJECTIVE && rule.builtin === undefined)) {
    return Number.POSITIVE_INFINITY;
  }
  // rules are paid under the benchmark weights, welfare is under the consumer weights
  return market.tasks.reduce(
    (s, t) => s + (rule === WELFARE_OBJECTIVE ? t.weight : payoffWeight(t)) * t.cap,
    0,
  );
}

function finite(res: { value: number; maximisers: Maximiser[]; truncated: boolean }): {
  value: number;
  maximisers: Maximiser[];
  gapBound: number;
  exact: boolean;
  truncated?: boolean;
} {
  const out = { value: res.value, maximisers: res.maximisers, gapBound: 0, exact: true };
  return res.truncated ? { ...out, truncated: true } : out;
}

/** A new producer: its name and what it may choose. */
export interface Entrant {
  name: string;
  space: StrategySpace;
}

/**
 * The market with `entrant` appended (its starting quality is its space's canonical strategy, or all
 * zeros; solvers ignore it).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * withEntrant(market, { name: "E", space: { kind: "top-k", k: 1 } }).producers.length; // n + 1
 */
export function withEntrant(market: Market, entrant: Entrant): Market {
  if (market.producers.some((p) => p.name === entrant.name)) {
    throw new InputError(undefined, "entrant", `a producer is already named "${entrant.name}"`);
  }
  const quality =
    entrant.space.kind === "fixed"
      ? new Array<number>(market.tasks.length).fill(0)
      : (canonicalQuality(entrant.space, market.tasks) ?? new Array<number>(market.tasks.length).fill(0));
  const p: Producer = { name: entrant.name, quality, space: entrant.space };
  return { ...market, producers: [...market.producers, p] };
}

/**
 * Best response of a producer appended to the market (market entry, docs/model.md section 6): the
 * incumbents are fixed and the entrant maximises its payoff under `rule` over `entrant.space`.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * const br = entrantBestResponse(market, { name: "E", space: { kind: "top-k", k: 1 } }, "winrate");
 * br.maximisers.map((m) => m.tasks);
 */
export function entrantBestResponse(
  market: Market,
  entrant: Entrant,
  rule: RuleLike,
  opts: Omit<BestResponseOptions, "space"> = {},
): BestResponse {
  const m = withEntrant(market, entrant);
  return bestResponse(m, m.producers.length - 1, rule, { ...opts, space: entrant.space });
}

/**
 * The strategy of producer `producer` that maximises consumer welfare
 * `U = sum_t w_t sum_j pi_jt q_jt` with the others fixed (the same machinery: `U` is task-separable
 * in one producer's strategy). Its `payoff` fields are welfare values; `rule` is `"welfare"`.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * welfareOptimalResponse(market, 0).maximisers[0].welfare;
 */
export function welfareOptimalResponse(
  market: Market,
  producer: number,
  opts: BestResponseOptions = {},
): BestResponse {
  return bestResponse(market, producer, WELFARE_OBJECTIVE, opts);
}

/**
 * The welfare-optimal entrant (see `welfareOptimalResponse`).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @throws InternalError on a broken invariant (a bug in modelmarket)
 * @example
 * welfareOptimalEntrant(market, { name: "E", space: { kind: "grid", budget: 1, step: 0.1, production: { kind: "linear" } } });
 */
export function welfareOptimalEntrant(
  market: Market,
  entrant: Entrant,
  opts: Omit<BestResponseOptions, "space"> = {},
): BestResponse {
  return entrantBestResponse(market, entrant, WELFARE_OBJECTIVE, opts);
}

/**
 * The rule object of a name or rule (re-exported for the solvers' callers).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 */
export function ruleOf(rule: RuleLike): PayoffRule {
  return resolveRule(rule);
}
