/**
 * The design view's computations (run in `designWorker.ts`), with the library's functions only: the
 * partition of a rule family's parameter with its optimum (`designBenchmark`, as `modelmarket design
 * --family`), the producers' response at the dragged value (`ruleChoice` under the family member),
 * the benchmark-weight design (`designBenchmark`, as `design --benchmark-weights`) and the response
 * under dragged benchmark weights. Pure functions, no DOM.
 */
import { type Market, parseMarket, parseSpaceSpec } from "modelmarket";
import { type DesignQuestion, designBenchmark, designMethodText, ruleChoice } from "modelmarket/solvers";
import { DESIGN_FAMILIES } from "./designHtml.js";
import type { MarketJson } from "./state.js";

/** What the page asks for. */
export interface DesignRequest {
  kind: "design";
  gen: number;
  market: MarketJson;
  /**
   * Entry of a new producer in the space `space` (spec text), replacement of `producer`, or the
   * equilibria of the simultaneous game of the producers with a space.
   */
  question:
    | { kind: "entry"; space: string }
    | { kind: "replace"; producer: string; space?: string }
    | { kind: "equilibrium" };
  family: string;
  from: number;
  to: number;
  /** The dragged parameter value. */
  value: number;
  objective: "worst" | "best";
  /** The rule paid under the benchmark weights `b`, and the weight design's bounds (`null`: the simplex). */
  weightsRule: string;
  within: number | null;
  b: number[];
}

/** A response: the outcomes (tied best responses) with the responder's qualities and the welfare. */
export interface ResponseAt {
  rule: string;
  key: string;
  outcomes: Array<{ label: string; quality: number[]; welfare: number }>;
}

/** The family partition. */
export interface PartitionView {
  parameter: string;
  regions: Array<{
    from: number;
    to: number;
    point: boolean;
    key: string;
    welfareWorst: number;
    welfareBest: number;
    optimal: boolean;
  }>;
  optimum: number;
  exact: boolean;
  method: string;
  references: Array<{ rule: string; key: string; welfareWorst: number; welfareBest: number }>;
  welfareOptimum: number;
  price: Record<string, number | null>;
}

/** The benchmark-weight design. */
export interface WeightsView {
  /** What is counted: classes of strategies (entry, replacement) or pure profiles (equilibria). */
  counted: "classes of strategies" | "pure profiles";
  /** Equilibria under the worst objective: the LPs' upper bound and whether the certified value meets it. */
  bound: { upper: number; exact: boolean } | null;
  rule: string;
  lower: number[];
  upper: number[];
  classes: number;
  implementable: number;
  best: null | {
    weights: number[];
    margin: number;
    key: string;
    welfareWorst: number;
    welfareBest: number;
    verified: boolean;
  };
  optimum: number;
  method: string;
}

/** The question of the request, on `market`. */
export function questionOf(market: Market, q: DesignRequest["question"]): DesignQuestion {
  if (q.kind === "equilibrium") return { kind: "equilibrium" };
  if (q.kind === "entry")
    return {
      kind: "entry",
      entrant: { name: "Entrant", space: parseSpaceSpec(q.space, market.tasks, "entrant") },
    };
  return {
    kind: "replace",
    producer: q.producer,
    ...(q.space === undefined ? {} : { space: parseSpaceSpec(q.space, market.tasks, "space") }),
  };
}

/** The rule spec of the family member at `value` (`power-winrate:alpha=1.5`). */
export function memberSpec(family: string, value: number): string {
  const f = DESIGN_FAMILIES[family]!;
  const text = Object.entries(f.text ?? {}).map(([k, v]) => `,${k}=${v}`);
  return `${family}:${f.parameter}=${value}${text.join("")}`;
}

/** The market of the request (validated by the library's parser). */
export function marketOf(req: DesignRequest): Market {
  return parseMarket(structuredClone(req.market), "market");
}

/**
 * The partition of the family's parameter over `[from, to]`, with the optimum.
 *
 * @throws InputError for a bad question, range or family; WorkLimitError above the solver's limits.
 */
export async function partitionView(req: DesignRequest): Promise<PartitionView> {
  const market = marketOf(req);
  const f = DESIGN_FAMILIES[req.family]!;
  const r = await designBenchmark(
    market,
    questionOf(market, req.question),
    {
      kind: "family",
      family: req.family,
      parameter: f.parameter,
      from: req.from,
      to: req.to,
      ...(f.text ? { text: f.text } : {}),
    },
    { objective: req.objective },
  );
  if (r.result.kind !== "family") throw new Error("expected a family design");
  return {
    parameter: f.parameter,
    regions: r.result.regions.map((g) => ({
      from: g.from,
      to: g.to,
      point: g.point,
      key: g.key,
      welfareWorst: g.welfareWorst,
      welfareBest: g.welfareBest,
      optimal: g.optimal,
    })),
    optimum: r.result.optimum,
    exact: r.result.exact,
    method: designMethodText(r.result.method),
    references: r.references.map((x) => ({ ...x })),
    welfareOptimum: r.welfareOptimum,
    price: { ...r.priceOfBenchmark },
  };
}

/**
 * The producers' response under `rule` (a spec), or under benchmark weights `b` when given. For
 * equilibria an outcome's qualities are the best quality per task over the strategic producers.
 */
export function responseAt(req: DesignRequest, rule: string, b?: readonly number[]): ResponseAt {
  let market = marketOf(req);
  if (b !== undefined)
    market = { ...market, tasks: market.tasks.map((t, k) => ({ ...t, benchmarkWeight: b[k]! })) };
  const c = ruleChoice(market, questionOf(market, req.question), rule);
  return {
    rule,
    key: c.key,
    outcomes: c.outcomes.map((o) => ({
      label: o.label,
      quality: (o.qualities[0] ?? []).map((_, t) => Math.max(...o.qualities.map((q) => q[t]!))),
      welfare: o.welfare,
    })),
  };
}

/**
 * The benchmark-weight design under `weightsRule` within the bounds.
 *
 * @throws InputError when the question has no finite space, or for a bad rule or bound.
 */
export async function weightsView(req: DesignRequest): Promise<WeightsView> {
  const market = marketOf(req);
  const r = await designBenchmark(
    market,
    questionOf(market, req.question),
    {
      kind: "benchmark-weights",
      rule: req.weightsRule,
      ...(req.within === null ? {} : { within: req.within }),
    },
    { objective: req.objective },
  );
  const d = r.result;
  if (d.kind === "outcome-weights") {
    const b = d.best;
    return {
      counted: "pure profiles",
      bound: req.objective === "worst" ? { upper: d.upperBound, exact: d.exact } : null,
      rule: d.rule,
      lower: d.lower,
      upper: d.upper,
      classes: d.candidates.length,
      implementable: d.candidates.filter((c) => c.implementable === "strict").length,
      best:
        b === null
          ? null
          : {
              weights: b.weights,
              margin: b.margin,
              key: b.responses.map((x) => x.label).join(" | "),
              welfareWorst: b.welfareWorst,
              welfareBest: b.welfareBest,
              verified: b.verified,
            },
      optimum: d.optimum,
      method: designMethodText(d.method),
    };
  }
  if (d.kind !== "benchmark-weights") throw new Error("expected a weight design");
  return {
    counted: "classes of strategies",
    bound: null,
    rule: d.rule,
    lower: d.lower,
    upper: d.upper,
    classes: d.classes.length,
    implementable: d.classes.filter((c) => c.implementable === "strict").length,
    best:
      d.best === null
        ? null
        : {
            weights: d.best.weights,
            margin: d.best.margin,
            key: d.best.responses.map((x) => x.label).join(" | "),
            welfareWorst: d.best.welfareWorst,
            welfareBest: d.best.welfareBest,
            verified: d.best.verified,
          },
    optimum: d.optimum,
    method: designMethodText(d.method),
  };
}
