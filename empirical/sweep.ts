/**
 * The noise sweep: the cheap parts of the study (welfare, leaderboards' top models and Kendall tau,
 * the synthetic entrant each rule picks, optionally the best-response entrant) at every value of
 * `beta` (logit) or `eps` (epsilon), and a summary of where winrate and weighted winrate disagree.
 */
import { MarketEvaluator, referenceWelfare } from "../src/model/evaluate.js";
import type { Market, SelectionRule, StrategySpace } from "../src/model/types.js";
import { approxEqual } from "../src/numeric/tolerance.js";
import type { SyntheticEntrant } from "./entrants.js";
import { choicesOf, evaluateEntrants } from "./entry.js";
import { argmaxAll, kendallTau, payoffScale } from "./ranking.js";
import { byName, flatQualities, type StudyContext } from "./setup.js";
import type { StudySolver } from "./solver.js";
import type { NoiseSweep, SweepPoint, SweepReport } from "./study-types.js";

/**
 * The sweep grid: `points` values of `beta` spaced geometrically on `[min, max]` (defaults 1 and
 * 1000), or of `eps` spaced linearly on `[min, max]` (defaults 0 and 1).
 *
 * Formula: `beta_k = min (max/min)^(k/(points-1))`, `eps_k = min + (max - min) k / (points - 1)`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * sweepValues("eps", 3); // [0, 0.5, 1]
 * sweepValues("beta", 3, 1, 100); // [1, 10, 100]
 */
export function sweepValues(parameter: "eps" | "beta", points: number, min?: number, max?: number): number[] {
  const lo = min ?? (parameter === "beta" ? 1 : 0);
  const hi = max ?? (parameter === "beta" ? 1000 : 1);
  if (points === 1) return [lo];
  return Array.from({ length: points }, (_, k) => {
    if (k === points - 1) return hi;
    return parameter === "beta" ? lo * (hi / lo) ** (k / (points - 1)) : lo + ((hi - lo) * k) / (points - 1);
  });
}

function selectionAt(parameter: "eps" | "beta", value: number): SelectionRule {
  return parameter === "beta" ? { rule: "logit", beta: value } : { rule: "epsilon", eps: value };
}

/** What every point of a sweep shares. */
interface SweepSetup {
  ctx: StudyContext;
  /** Flat qualities with a spare row for the entrants. */
  q: Float64Array;
  /** Each model's weighted mean normalised score. */
  avgScore: number[];
  ref: { perfect: number; single: number };
  candidates: readonly SyntheticEntrant[];
  /** The best-response entrant's space, when best responses are swept. */
  space: StrategySpace | undefined;
  solver: StudySolver | undefined;
}

/** The best-response entrants' welfare per rule at one point, and whether winrate's and weighted winrate's agree. */
function sweptBestResponses(
  s: SweepSetup,
  selection: SelectionRule,
): Pick<SweepPoint, "bestResponseWelfare" | "bestResponseAgree"> {
  const { space, solver, ctx } = s;
  if (space === undefined || space.kind === "fixed" || solver === undefined)
    return { bestResponseWelfare: null, bestResponseAgree: null };
  const m: Market = { ...ctx.market, selection };
  const brs = ctx.rules.map((rule) => solver.entrant(m, space, rule));
  const a = brs[ctx.WR]!.quality;
  const b = brs[ctx.WWR]!.quality;
  return {
    bestResponseWelfare: byName(ctx.ruleNames, (_, r) => brs[r]!.welfare),
    bestResponseAgree: a.every((x, t) => approxEqual(x, b[t]!, ctx.tasks[t]!.cap)),
  };
}

/** One point of the sweep. */
function sweepPoint(s: SweepSetup, parameter: "eps" | "beta", value: number): SweepPoint {
  const { ctx, q, candidates } = s;
  const { rules, ruleNames, names, n, WR } = ctx;
  const selection = selectionAt(parameter, value);
  const ev = new MarketEvaluator(ctx.tasks, selection, rules);
  ev.run(q, n);
  const welfare = ev.welfare;
  const payoffs = rules.map((_, r) => Array.from({ length: n }, (_, i) => ev.payoff(r, i)));
  const topIdx = payoffs.map((p) => argmaxAll(p, payoffScale(p))[0]!);
  const entry = evaluateEntrants(ev, q, n, ctx.T, candidates);
  const choices = choicesOf(rules, candidates, entry.payoffs, entry.welfare);
  const br = sweptBestResponses(s, selection);
  return {
    value,
    welfare,
    perfect: s.ref.perfect,
    single: s.ref.single,
    kendallVsWinrate: byName(ruleNames, (_, r) => kendallTau(payoffs[r]!, payoffs[WR]!)),
    top: byName(ruleNames, (_, r) => names[topIdx[r]!]!),
    topScore: byName(ruleNames, (_, r) => s.avgScore[topIdx[r]!]!),
    entrantChoice: byName(ruleNames, (_, r) => choices[r]!.choice),
    entrantTied: byName(ruleNames, (_, r) => choices[r]!.tied),
    entrantWelfare: byName(ruleNames, (_, r) => choices[r]!.welfare),
    entrantWelfareOptimal: Math.max(...entry.welfare),
    bestResponseWelfare: br.bestResponseWelfare,
    bestResponseAgree: br.bestResponseAgree,
  };
}

/**
 * The crossover: with the points ordered from most to least noise (increasing `beta`, decreasing
 * `eps`), the first value of the final run of points with `U >= U_single` (within the tolerance);
 * `null` when the least noisy point has `U < U_single`.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * crossover("beta", points); // e.g. 10 when U >= U_single from beta = 10 on
 */
export function crossover(
  parameter: "eps" | "beta",
  points: readonly Pick<SweepPoint, "value" | "welfare" | "single">[],
): number | null {
  const ordered = points
    .slice()
    .sort((a, b) => (parameter === "beta" ? a.value - b.value : b.value - a.value));
  let at: number | null = null;
  for (let k = ordered.length - 1; k >= 0; k--) {
    const p = ordered[k]!;
    if (p.welfare >= p.single || approxEqual(p.welfare, p.single, 1)) at = p.value;
    else break;
  }
  return at;
}

/** Disagreements of the best-response entrants (`null`s when best responses were not swept). */
function bestResponseSummary(
  points: readonly SweepPoint[],
  wr: string,
  wwr: string,
): Pick<SweepReport["summary"], "bestResponseDisagreements" | "bestResponseCost"> {
  let brDis: number | null = null;
  let brCost: { min: number; max: number } | null = null;
  for (const p of points) {
    if (p.bestResponseWelfare === null) continue;
    brDis = (brDis ?? 0) + (p.bestResponseAgree === false ? 1 : 0);
    const d = p.bestResponseWelfare[wwr]! - p.bestResponseWelfare[wr]!;
    brCost =
      brCost === null ? { min: d, max: d } : { min: Math.min(brCost.min, d), max: Math.max(brCost.max, d) };
  }
  return { bestResponseDisagreements: brDis, bestResponseCost: brCost };
}

/**
 * Where winrate (`wr`) and weighted winrate (`wwr`) disagree over the sweep: different top models,
 * different synthetic entrants (first maximiser; and with disjoint tied sets), the range of
 * `U(wwr's entrant) - U(wr's entrant)`, the smallest Kendall tau between them, how often
 * `U > U_single`, the crossover, and the best-response disagreements.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * summariseSweep("beta", points, "winrate", "weighted-winrate").topDisagreements;
 */
export function summariseSweep(
  parameter: "eps" | "beta",
  points: readonly SweepPoint[],
  wr: string,
  wwr: string,
): SweepReport["summary"] {
  let maxCost = { value: Number.NEGATIVE_INFINITY, at: Number.NaN };
  let minCost = { value: Number.POSITIVE_INFINITY, at: Number.NaN };
  let minTau: { value: number | null; at: number } = { value: null, at: Number.NaN };
  let topDis = 0;
  let entDis = 0;
  let strictDis = 0;
  let beats = 0;
  for (const p of points) {
    if (p.top[wr] !== p.top[wwr]) topDis++;
    if (p.entrantChoice[wr] !== p.entrantChoice[wwr]) entDis++;
    if (!p.entrantTied[wr]!.some((c) => p.entrantTied[wwr]!.includes(c))) strictDis++;
    const cost = p.entrantWelfare[wwr]! - p.entrantWelfare[wr]!;
    if (cost > maxCost.value) maxCost = { value: cost, at: p.value };
    if (cost < minCost.value) minCost = { value: cost, at: p.value };
    const tau = p.kendallVsWinrate[wwr] ?? null;
    if (tau !== null && (minTau.value === null || tau < minTau.value)) minTau = { value: tau, at: p.value };
    if (p.welfare > p.single && !approxEqual(p.welfare, p.single, 1)) beats++;
  }
  return {
    topDisagreements: topDis,
    entrantDisagreements: entDis,
    entrantStrictDisagreements: strictDis,
    maxEntrantCost: maxCost,
    minEntrantCost: minCost,
    aggregationBeatsSingle: beats,
    crossover: crossover(parameter, points),
    minKendallWinrateWeighted: minTau,
    ...bestResponseSummary(points, wr, wwr),
  };
}

/**
 * Runs the sweep: every point at `selectionAt(sweep.parameter, value)` with the synthetic
 * `candidates` of the main analysis, best-response entrants over `space` when it is given.
 *
 * @throws nothing itself (whatever the solver throws)
 * @example
 * runSweep(ctx, candidates, { parameter: "beta", values: [1, 10, 100] }).summary.crossover;
 */
export function runSweep(
  ctx: StudyContext,
  candidates: readonly SyntheticEntrant[],
  sweep: NoiseSweep,
  space?: StrategySpace,
  solver?: StudySolver,
): SweepReport {
  const { tasks, qualities } = ctx;
  const setup: SweepSetup = {
    ctx,
    q: flatQualities(qualities, 1),
    avgScore: qualities.map((row) => row.reduce((s, x, t) => s + tasks[t]!.weight * x, 0)),
    ref: referenceWelfare(ctx.market),
    candidates,
    space,
    solver,
  };
  const points = sweep.values.map((value) => sweepPoint(setup, sweep.parameter, value));
  return {
    parameter: sweep.parameter,
    points,
    summary: summariseSweep(sweep.parameter, points, ctx.ruleNames[ctx.WR]!, ctx.ruleNames[ctx.WWR]!),
  };
}
