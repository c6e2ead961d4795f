/**
 * Benchmark design as a solver (docs/design.md): the scoring rule (a parameter of a rule family) or
 * the benchmark weights `b` that make the producers' response best for consumers, with the welfare of
 * winrate and weighted winrate beside it ("the price of the benchmark").
 *
 * Source: the question of Donahue and Raghavan, "Impacts of Aggregation on Model Diversity and
 * Consumer Utility" (arXiv 2602.23293), on the model of docs/model.md.
 */
import { InputError } from "../../src/errors.js";
import { ruleFamily } from "../../src/model/payoffs.js";
import type { Market } from "../../src/model/types.js";
import { absoluteTolerance } from "../bestResponse/index.js";
import { ruleChoice } from "../compare/index.js";
import { equilibriumWeightsDesign } from "./equilibriumWeights.js";
import type { OutcomeWeightsDesign } from "./outcomeWeights.js";
import { EXACT_FAMILIES, exactPartition, keyOf, parametric } from "./partition.js";
import { DEFAULT_MAX_SOLVES, sampledPartition } from "./sampled.js";
import { sequentialWeightsDesign } from "./sequentialWeights.js";
import { DEFAULT_MAX_STRATEGIES, responseTable } from "./table.js";
import { DEFAULT_DESIGN_ROWS, rowSearch, twoParameterDesign } from "./twoParameter.js";
import type {
  DesignMethod,
  DesignOptions,
  DesignQuestion,
  DesignRegion,
  DesignReport,
  DesignSearch,
  FamilyDesign,
  FamilyDesign2D,
  ReferenceRule,
} from "./types.js";
import { weightsDesign } from "./weights.js";

export {
  DEFAULT_MAX_LP_ROWS,
  type OutcomeCandidate,
  type OutcomeWeightsDesign,
} from "./outcomeWeights.js";
export { expSumZeros } from "./roots.js";
export { DEFAULT_MAX_SOLVES } from "./sampled.js";
export { DEFAULT_MAX_STRATEGIES } from "./table.js";
export { DEFAULT_DESIGN_ROWS } from "./twoParameter.js";
export type {
  DesignedWeights,
  DesignMethod,
  DesignObjective,
  DesignOptions,
  DesignQuestion,
  DesignRegion,
  DesignReport,
  DesignResponse,
  DesignSearch,
  FamilyDesign,
  FamilyDesign2D,
  Implementability,
  ReferenceRule,
  WeightClass,
  WeightsDesign,
} from "./types.js";
export { DEFAULT_MAX_LPS } from "./weights.js";

/** Default number of samples of a sampled partition. */
export const DEFAULT_DESIGN_SAMPLES = 101;

/** The two standard rules every design is set against. */
export const REFERENCE_RULES = ["winrate", "weighted-winrate"] as const;

function finiteQuestion(market: Market, q: DesignQuestion): boolean {
  if (q.kind === "entry") return q.entrant.space.kind !== "budget" && q.entrant.space.kind !== "fixed";
  if (q.kind !== "replace") return false;
  const p = market.producers.find((x) => x.name === q.producer);
  const space = q.space ?? p?.space;
  return space !== undefined && space.kind !== "budget" && space.kind !== "fixed";
}

function familyDesign(
  market: Market,
  question: DesignQuestion,
  search: Extract<DesignSearch, { kind: "family" }>,
  opts: DesignOptions,
  tol: number,
): FamilyDesign {
  const family = ruleFamily(search.family, "family");
  const param = family.parameters.find((p) => p.name === search.parameter);
  if (param === undefined)
    throw new InputError(
      undefined,
      "range",
      `${family.name} has no parameter "${search.parameter}" (it has ${family.parameters.map((p) => p.name).join(", ")})`,
    );
  const { from, to } = search;
  if (!(Number.isFinite(from) && Number.isFinite(to) && from < to && from >= param.min && to <= param.max))
    throw new InputError(
      undefined,
      "range",
      `${search.parameter} must run from FROM < TO within [${param.min}, ${param.max}], got ${from}:${to}`,
    );
  const xTol = opts.parameterTolerance ?? 1e-9 * Math.max(1, Math.abs(from), Math.abs(to));
  const text = search.text ?? {};
  const params = search.params ?? {};
  const others = family.parameters.filter((p) => p.name !== search.parameter);
  if (
    others.length === 0 &&
    EXACT_FAMILIES[family.name] === search.parameter &&
    finiteQuestion(market, question)
  ) {
    const tab = responseTable(market, question, opts.maxStrategies ?? DEFAULT_MAX_STRATEGIES);
    const par = parametric(tab, family, search.parameter, text)!;
    const regions = exactPartition(tab, par, from, to, tol, xTol);
    const method: DesignMethod = { code: "exact-partition", family: family.name, strategies: tab.S };
    return finishFamily(search, regions, true, xTol, 0, method, opts);
  }
  const s = sampledPartition(
    market,
    question,
    {
      family: family.name,
      parameter: search.parameter,
      params,
      text,
      lo: from,
      hi: to,
      samples: opts.samples ?? DEFAULT_DESIGN_SAMPLES,
      xTol,
      maxSolves: opts.maxSolves ?? DEFAULT_MAX_SOLVES,
      ...(opts.progress ? { progress: opts.progress } : {}),
    },
    opts,
  );
  const method: DesignMethod = {
    code: "sampled-partition",
    samples: opts.samples ?? DEFAULT_DESIGN_SAMPLES,
    solves: s.solves,
    gap: s.gap,
  };
  return finishFamily(search, s.regions, false, xTol, s.gap, method, opts);
}

function finishFamily(
  search: Extract<DesignSearch, { kind: "family" }>,
  regions: DesignRegion[],
  exact: boolean,
  xTol: number,
  gap: number,
  method: DesignMethod,
  opts: DesignOptions,
): FamilyDesign {
  const worst = opts.objective !== "best";
  const score = (r: DesignRegion) => (worst ? r.welfareWorst : r.welfareBest);
  const optimum = Math.max(...regions.map(score).filter((x) => Number.isFinite(x)));
  for (const r of regions) r.optimal = score(r) === optimum;
  return {
    kind: "family",
    family: search.family,
    parameter: search.parameter,
    from: search.from,
    to: search.to,
    regions,
    exact,
    method,
    gap,
    parameterTolerance: xTol,
    optimum,
  };
}

function boundsFor(market: Market, within: number | undefined): { lower: number[]; upper: number[] } {
  if (within === undefined) return { lower: market.tasks.map(() => 0), upper: market.tasks.map(() => 1) };
  if (!(Number.isFinite(within) && within >= 1))
    throw new InputError(
      undefined,
      "within",
      `must be a number >= 1 (a factor of the task weights), got ${within}`,
    );
  return {
    lower: market.tasks.map((t) => t.weight / within),
    upper: market.tasks.map((t) => Math.min(1, t.weight * within)),
  };
}

function twoParameter(
  market: Market,
  question: DesignQuestion,
  search: Extract<DesignSearch, { kind: "family" }>,
  opts: DesignOptions,
  tol: number,
): FamilyDesign2D {
  const second = search.second!;
  const family = ruleFamily(search.family, "family");
  const s2 = { ...search, second };
  rowSearch(family, s2, second.from); // a bad second parameter fails before any work
  // rows are exact (one solve each) where the one-parameter design is, else sampled
  const exact =
    family.parameters.length === 1 &&
    EXACT_FAMILIES[family.name] === search.parameter &&
    finiteQuestion(market, question);
  return twoParameterDesign(s2, (q) => familyDesign(market, question, rowSearch(family, s2, q), opts, tol), {
    objective: opts.objective ?? "worst",
    rows: opts.rows ?? DEFAULT_DESIGN_ROWS,
    ...(opts.secondTolerance === undefined ? {} : { secondTolerance: opts.secondTolerance }),
    maxSolves: opts.maxSolves ?? DEFAULT_MAX_SOLVES,
    perRow: exact ? 1 : (opts.samples ?? DEFAULT_DESIGN_SAMPLES),
  });
}

function withWeights(market: Market, b: readonly number[]): Market {
  return { ...market, tasks: market.tasks.map((t, k) => ({ ...t, benchmarkWeight: b[k]! })) };
}

/**
 * The weight design of equilibria or sequential entry, verified by the project's own search rerun at
 * the returned weights: `solveEquilibria` (its pure equilibria must be exactly the design's; its
 * worst welfare counts mixed ones too), or every tie branch of `sequentialBranches`.
 */
async function outcomeWeights(
  market: Market,
  question: DesignQuestion,
  search: Extract<DesignSearch, { kind: "benchmark-weights" }>,
  opts: DesignOptions,
  tol: number,
): Promise<OutcomeWeightsDesign> {
  const rule = search.rule ?? "weighted-winrate";
  const o = {
    objective: opts.objective ?? "worst",
    tolerance: tol,
    ...boundsFor(market, search.within),
    ...(opts.maxLpRows === undefined ? {} : { maxLpRows: opts.maxLpRows }),
    ...(opts.progress ? { progress: opts.progress } : {}),
  };
  let verifyQuestion = question;
  let d: OutcomeWeightsDesign;
  if (question.kind === "sequential") {
    d = await sequentialWeightsDesign(market, question.entrants, question.space, rule, o);
    verifyQuestion = { ...question, tieBreak: { kind: "all" } };
  } else
    d = await equilibriumWeightsDesign(market, rule, {
      ...o,
      ...(opts.maxProfiles === undefined ? {} : { maxProfiles: opts.maxProfiles }),
    });
  const best = d.best;
  if (best !== null) {
    const found = ruleChoice(withWeights(market, best.weights), verifyQuestion, d.rule, opts).outcomes;
    const listed = found.filter((x) => !x.label.startsWith("mixed:"));
    best.verified = keyOf(listed) === keyOf(best.responses);
    best.searchWelfareWorst = Math.min(...found.map((x) => x.welfare));
  }
  return d;
}

/**
 * Designs the benchmark for `question` on `market`: over a rule family's parameter (`search.kind`
 * `family`: the partition of `[from, to]` into regions of equal response, with each region's welfare
 * worst and best over ties and equilibria, and the optimal regions) or over the benchmark weights
 * (`benchmark-weights`: which responses some admissible `b` implements, and the welfare-best one with
 * its weights and margin). Welfare is always under the consumer weights `w`.
 *
 * Exact where the structure allows (docs/design.md): family partitions of entry and replacement with
 * finite spaces (menu, top-k, grid) for `mix:lambda`, `power-winrate:alpha` and
 * `threshold-winrate:tau`; otherwise sampled with bisection, and `gap` states what can be missed.
 * With `second` (a two-parameter design) each row of the second parameter is such a partition and
 * rows are sampled and bisected (result `family-2d`, the row step as its gap). Weight designs need
 * finite spaces and a separable rule: for entry and replacement they are exact LPs per class of
 * strategies; for equilibria and sequential entry (result `outcome-weights`) one LP per pure profile
 * or entry path, exact for the best outcome, and for the worst a certified value with an upper bound.
 *
 * Shapes: weights and welfare are plain numbers (welfare in quality units, at most `max_t v_t`);
 * parameter values in the family's units. Source: Donahue and Raghavan (arXiv 2602.23293).
 *
 * @throws InputError for a bad question, family, parameter, range, rule or bound; WorkLimitError
 *   (`maxStrategies`, `maxSolves`, `maxLps`, `maxLpRows`, `maxProfiles`) for work above a limit.
 * @example
 * const m = parseMarket({
 *   tasks: [{ name: "t1", weight: 0.6 }, { name: "t2", weight: 0.4 }],
 *   selection: { rule: "epsilon", eps: 0.1 },
 *   producers: [{ name: "I", quality: [1, 0] }],
 * });
 * const entry = { kind: "entry", entrant: { name: "E", space: { kind: "top-k", k: 1 } } } as const;
 * const r = await designBenchmark(m, entry, { kind: "family", family: "mix", parameter: "lambda", from: 0, to: 1, text: { rules: "winrate+weighted-winrate" } });
 * r.result.kind === "family" && r.result.regions.map((x) => x.key); // ["{t2}", "{t1} | {t2}", "{t1}"]
 * const two = parseMarket({
 *   tasks: [{ name: "t1", weight: 0.6 }, { name: "t2", weight: 0.4 }],
 *   selection: { rule: "epsilon", eps: 0.1 },
 *   producers: [
 *     { name: "A", quality: [1, 0], space: { kind: "top-k", k: 1 } },
 *     { name: "B", quality: [0, 1], space: { kind: "top-k", k: 1 } },
 *   ],
 * });
 * const eq = await designBenchmark(two, { kind: "equilibrium" }, { kind: "benchmark-weights", rule: "winrate", within: 2 });
 * eq.result.kind === "outcome-weights" && [eq.result.optimum, eq.result.upperBound]; // [0.6, 0.95]
 */
export async function designBenchmark(
  market: Market,
  question: DesignQuestion,
  search: DesignSearch,
  opts: DesignOptions = {},
): Promise<DesignReport> {
  const objective = opts.objective ?? "worst";
  if (objective !== "worst" && objective !== "best")
    throw new InputError(undefined, "objective", `must be worst or best, got ${String(objective)}`);
  const tol = absoluteTolerance(market);
  let result: DesignReport["result"];
  if (search.kind === "family" && search.second !== undefined)
    result = twoParameter(market, question, search, opts, tol);
  else if (search.kind === "family") result = familyDesign(market, question, search, opts, tol);
  else if (question.kind === "equilibrium" || question.kind === "sequential")
    result = await outcomeWeights(market, question, search, opts, tol);
  else {
    if (!finiteQuestion(market, question))
      throw new InputError(
        undefined,
        "benchmark-weights",
        "the weight design needs entry or replacement with a finite space (menu, top-k, grid)",
      );
    const tab = responseTable(market, question, opts.maxStrategies ?? DEFAULT_MAX_STRATEGIES);
    result = await weightsDesign(tab, search.rule ?? "weighted-winrate", {
      objective,
      tolerance: tol,
      ...boundsFor(market, search.within),
      ...(opts.maxLps === undefined ? {} : { maxLps: opts.maxLps }),
      ...(opts.progress ? { progress: opts.progress } : {}),
    });
    const best = result.best;
    if (best !== null) {
      // the certificate check: the best-response solver, paid under the designed weights, picks exactly these
      best.verified =
        ruleChoice(withWeights(market, best.weights), question, result.rule, opts).key ===
        keyOf(best.responses);
    }
  }
  const references: ReferenceRule[] = REFERENCE_RULES.map((rule) => {
    const c = ruleChoice(market, question, rule, opts);
    const w = c.outcomes.map((o) => o.welfare);
    return { rule, key: c.key, welfareWorst: Math.min(...w), welfareBest: Math.max(...w) };
  });
  const opt = ruleChoice(market, question, null, opts);
  const priceOfBenchmark: Record<string, number | null> = {};
  for (const r of references) {
    const w = objective === "worst" ? r.welfareWorst : r.welfareBest;
    priceOfBenchmark[r.rule] = w > 0 && Number.isFinite(result.optimum) ? result.optimum / w : null;
  }
  return {
    question,
    objective,
    result,
    references,
    welfareOptimum: Math.max(...opt.outcomes.map((o) => o.welfare)),
    priceOfBenchmark,
    tolerance: tol,
  };
}
