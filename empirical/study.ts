/**
 * The empirical study of a real model x task score table (issue 6): leaderboards under every payoff
 * rule, market entry (incumbents as entrants, synthetic entrants, best responses), model replacement
 * and a noise sweep. Everything is deterministic: no randomness, arrays in table order, records built
 * in a fixed key order.
 */
import { InputError } from "../src/errors.js";
import type { Normalization, ScoreTable } from "../src/io/scoreTable.js";
import { scoreTableMarket } from "../src/io/scoreTable.js";
import { scaledDistance, specialisationIndex } from "../src/model/diversity.js";
import { MarketEvaluator, referenceWelfare } from "../src/model/evaluate.js";
import {
  BUILTIN_PAYOFF_RULES,
  marginalContribution,
  type PayoffRule,
  payoffRule,
} from "../src/model/payoffs.js";
import { formatSelection } from "../src/model/selection/index.js";
import { describeSpace } from "../src/model/strategies.js";
import type { Market, SelectionRule, StrategySpace, Task } from "../src/model/types.js";
import { approxEqual } from "../src/numeric/tolerance.js";
import type { BootstrapSummary } from "./bootstrap-summary.js";
import type { CalibrationReport } from "./calibrate.js";
import { type SyntheticEntrant, syntheticEntrants } from "./entrants.js";
import { argmaxAll, competitionRanks, kendallTau } from "./ranking.js";
import type { BestResponseOutcome, StudySolver } from "./solver.js";

/** The noise parameter swept and its values. */
export interface NoiseSweep {
  /** `beta` sweeps `logit:beta=x`; `eps` sweeps `epsilon:eps=x`. */
  parameter: "eps" | "beta";
  values: number[];
}

/** Options of `runEmpiricalStudy`. */
export interface EmpiricalOptions {
  /** Selection rule of the main analysis. */
  selection: SelectionRule;
  normalization?: Normalization;
  /** Task weights in task order or by name (uniform when absent). */
  weights?: number[] | Record<string, number>;
  /**
   * Payoff rules (separable ones; names or rule objects). Default: the six built-ins. `winrate`,
   * `weighted-winrate` and `average-score` are always included (they anchor the comparisons).
   */
  rules?: readonly (string | PayoffRule)[];
  /** The entrant's strategy space for best responses (`top-k`, `budget`, `grid`); none when absent. */
  space?: StrategySpace;
  /**
   * Model replacement: each replaced incumbent re-allocates its own total scaled quality
   * `B_i = sum_t q_it / v_t` in a `budget` space (linear production) under each rule. `"all"` replaces
   * every model (the default), a number `N` the `N` best by average score, `false` none. Under logit,
   * perfect and epsilon the best responses are incremental (solvers/bestResponse/incremental.ts): all
   * 126 LiveBench models take about 3 s. Probit has no incremental path and one LiveBench model takes
   * about 100 s (all six rules), so pass a small `N` there.
   */
  replacement?: false | "all" | number;
  /** The noise sweep; none when absent. */
  sweep?: NoiseSweep;
  /** Specialist weights of the interpolated synthetic entrants (default 0.25, 0.5, 0.75). */
  lambdas?: readonly number[];
  /** The file name, for the report and error messages. */
  file?: string;
  /** Best responses (needed for `space` and `replacement`). */
  solver?: StudySolver;
  /**
   * Whether the sweep recomputes the best-response entrant at every point (default: only for `top-k`
   * spaces, whose best responses are cheap; a `budget` best response on 126 models takes seconds).
   */
  sweepBestResponse?: boolean;
}

/** One model's row of the side-by-side leaderboards. */
export interface LeaderboardRow {
  name: string;
  /** Weighted mean of the raw (unnormalised) scores, `sum_t w_t x_it`. */
  rawMean: number;
  /** Payoff under each rule, keyed by rule name. */
  payoffs: Record<string, number>;
  /** Competition rank (1 = best) under each rule. */
  ranks: Record<string, number>;
  /** `rank under winrate - rank under the rule`: positive = the model climbs relative to winrate. */
  shiftVsWinrate: Record<string, number>;
  /** `rank under average-score - rank under the rule`: positive = climbs relative to the benchmark mean. */
  shiftVsAverage: Record<string, number>;
}

/** An entrant (real or synthetic) evaluated against a fixed set of incumbents. */
export interface EntrantOutcome {
  name: string;
  quality: number[];
  /** Entrant's payoff under each rule. */
  payoffs: Record<string, number>;
  /** Welfare `U` after entry. */
  welfare: number;
}

/** The entrant a rule picks from a menu of candidates. */
export interface RuleChoice {
  rule: string;
  /** The chosen candidate (first maximiser in menu order). */
  choice: string;
  /** All candidates within the tolerance of the maximum payoff. */
  tied: string[];
  /** Welfare after the chosen candidate enters. */
  welfare: number;
}

/** Best response of an entrant or incumbent under one rule. */
export interface RuleBestResponse extends BestResponseOutcome {
  rule: string;
  /** `1 - H(q / sum q) / log T`. */
  specialisation: number;
  /** L1 distance (on `q / v`) to the nearest other producer. */
  nearestDistance: number;
}

/** Everything the study reports. */
export interface EmpiricalReport {
  source: { file: string | null; comments: string[]; models: number; normalization: string };
  selection: string;
  tasks: Task[];
  rules: string[];
  welfare: { U: number; perfect: number; single: number; singleBest: string; perTask: number[] };
  leaderboards: {
    rows: LeaderboardRow[];
    /** Top model(s) under each rule. */
    top: Record<string, string[]>;
    /** Kendall tau-b between the payoffs of every pair of rules, `kendall[a][b]`. */
    kendall: Record<string, Record<string, number | null>>;
  };
  entry: {
    /** Each model as an entrant against all the others. */
    incumbentsAsEntrants: Array<{
      name: string;
      payoffs: Record<string, number>;
      /** `U(all) - U(all but the model)`: the welfare its entry adds. */
      welfareGain: number;
    }>;
    /** Per rule: Kendall tau between the entrants' payoffs and their welfare gains. */
    alignmentWithWelfare: Record<string, number | null>;
    synthetic: {
      /** The incumbent copied (best by `average-score`). */
      copied: string;
      /** The tasks the specialist covers, worst-served first. */
      specialistTasks: string[];
      /** Scaled quality budget `sum_t q_t / v_t` of every candidate. */
      budget: number;
      welfareWithoutEntry: number;
      candidates: EntrantOutcome[];
      choices: RuleChoice[];
      /** The welfare-maximising candidate. */
      welfareOptimal: { choice: string; welfare: number };
    };
    bestResponse: null | {
      space: string;
      welfareWithoutEntry: number;
      perRule: RuleBestResponse[];
    };
  };
  replacement: null | {
    space: string;
    /** Which models were replaced: `all`, or the best `N` by average score. */
    selected: string;
    models: Array<{
      name: string;
      budget: number;
      nearestBefore: number;
      specialisationBefore: number;
      perRule: RuleBestResponse[];
    }>;
    /** Per rule: averages over the replaced models. */
    summary: Array<{
      rule: string;
      meanWelfareChange: number;
      /** Models whose best response lowers `U` (by more than the tolerance). */
      welfareLosses: number;
      meanSpecialisationChange: number;
      meanNearestDistanceChange: number;
      /** Models whose best response moves closer to its nearest other producer. */
      movesCloser: number;
    }>;
  };
  sweep: null | SweepReport;
  /** The noise fitted to pairwise judgements, when the caller ran the study at it (`empirical --pairwise`). */
  calibration?: CalibrationReport;
  /** Seeded bootstrap intervals, when the caller computed them (`empirical --bootstrap N`). */
  uncertainty?: BootstrapSummary;
}

/** One point of the noise sweep. */
export interface SweepPoint {
  value: number;
  welfare: number;
  perfect: number;
  single: number;
  /** Kendall tau-b of each rule's leaderboard against winrate's. */
  kendallVsWinrate: Record<string, number | null>;
  /** Top model under each rule (first on ties) and the welfare of committing to it alone. */
  top: Record<string, string>;
  topScore: Record<string, number>;
  /** The synthetic entrant each rule picks and the welfare after it enters. */
  entrantChoice: Record<string, string>;
  /** Every candidate tied for the rule's maximum (the choice is the first, in menu order). */
  entrantTied: Record<string, string[]>;
  entrantWelfare: Record<string, number>;
  /** The welfare after the welfare-optimal synthetic entrant enters. */
  entrantWelfareOptimal: number;
  /** Best-response entrant welfare per rule (only when best responses are swept). */
  bestResponseWelfare: Record<string, number> | null;
  /** Whether winrate's and weighted winrate's best-response entrants have the same quality vector. */
  bestResponseAgree: boolean | null;
}

/** The noise sweep and where the rules disagree. */
export interface SweepReport {
  parameter: "eps" | "beta";
  points: SweepPoint[];
  summary: {
    /** Points where winrate and weighted winrate have different top models. */
    topDisagreements: number;
    /** Points where they pick different synthetic entrants (first maximiser in menu order). */
    entrantDisagreements: number;
    /** Points where no candidate is optimal under both rules (their tied sets are disjoint). */
    entrantStrictDisagreements: number;
    /** Largest `U(weighted-winrate's entrant) - U(winrate's entrant)` over the sweep, and where. */
    maxEntrantCost: { value: number; at: number };
    /** Smallest such difference (negative: weighted winrate's pick is worse for consumers). */
    minEntrantCost: { value: number; at: number };
    /** Points where aggregation beats committing to the single best model (`U > U_single`). */
    aggregationBeatsSingle: number;
    /** The smallest parameter value (beta) / largest (eps) from which `U >= U_single` on the grid. */
    crossover: number | null;
    minKendallWinrateWeighted: { value: number | null; at: number };
    /** Points where the winrate and weighted-winrate best-response entrants differ (null: not swept). */
    bestResponseDisagreements: number | null;
    /** Range of `U(weighted winrate's best response) - U(winrate's best response)` (null: not swept). */
    bestResponseCost: null | { min: number; max: number };
  };
}

const ANCHOR_RULES = ["winrate", "weighted-winrate", "average-score"];

/**
 * Resolves the study's payoff rules: the given ones (default the six built-ins) plus the anchors
 * `winrate`, `weighted-winrate` and `average-score`, each once, separable only.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * studyRules(["marginal-contribution"]).map((r) => r.name); // ["marginal-contribution", "winrate", "weighted-winrate", "average-score"]
 */
export function studyRules(rules?: readonly (string | PayoffRule)[]): PayoffRule[] {
  const list = (rules ?? BUILTIN_PAYOFF_RULES).map((r) =>
    typeof r === "string" ? payoffRule(r, "rules") : r,
  );
  for (const name of ANCHOR_RULES) if (!list.some((r) => r.name === name)) list.push(payoffRule(name));
  const out: PayoffRule[] = [];
  for (const r of list) {
    if (out.some((o) => o.name === r.name)) continue;
    if (r.taskTerm === undefined)
      throw new InputError(
        undefined,
        "rules",
        `rule ${r.name} is not task-separable; the study needs taskTerm`,
      );
    out.push(r);
  }
  return out;
}

/**
 * Flat, producer-major qualities `q[i * T + t]` of `qualities[i][t]`, with room for `extra` more rows.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * flatQualities([[1, 0], [0, 1]]); // Float64Array [1, 0, 0, 1]
 */
export function flatQualities(qualities: readonly (readonly number[])[], extra = 0): Float64Array {
  const n = qualities.length;
  const T = n === 0 ? 0 : qualities[0]!.length;
  const q = new Float64Array((n + extra) * T);
  qualities.forEach((row, i) => {
    for (let t = 0; t < T; t++) q[i * T + t] = row[t]!;
  });
  return q;
}

function record<V>(names: readonly string[], f: (name: string, r: number) => V): Record<string, V> {
  const out: Record<string, V> = {};
  names.forEach((name, r) => {
    out[name] = f(name, r);
  });
  return out;
}

function normalizationText(n: Normalization | undefined): string {
  if (n === undefined) return "scale (table maximum)";
  if (n.kind === "scale") return n.max === undefined ? "scale (table maximum)" : `scale:max=${n.max}`;
  return n.kind;
}

function nearestTo(
  q: readonly number[],
  others: readonly (readonly number[])[],
  caps: readonly number[],
): number {
  let best = Number.POSITIVE_INFINITY;
  for (const o of others) best = Math.min(best, scaledDistance(q, o, caps));
  return best;
}

/** The scale used for payoff ties: the rule's largest absolute payoff. */
function payoffScale(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s = Math.max(s, Math.abs(values[i]!));
  return s > 0 ? s : 1;
}

/**
 * Evaluates a menu of entrants against fixed incumbents with a reusable evaluator: the entrant's payoff
 * under each rule and the welfare after entry.
 */
function evaluateEntrants(
  ev: MarketEvaluator,
  incumbents: Float64Array,
  n: number,
  T: number,
  candidates: readonly { name: string; quality: readonly number[] }[],
): { payoffs: number[][]; welfare: number[] } {
  const R = ev.rules.length;
  const payoffs: number[][] = Array.from({ length: R }, () => []);
  const welfare: number[] = [];
  for (const c of candidates) {
    for (let t = 0; t < T; t++) incumbents[n * T + t] = c.quality[t]!;
    ev.run(incumbents, n + 1);
    for (let r = 0; r < R; r++) payoffs[r]!.push(ev.payoff(r, n));
    welfare.push(ev.welfare);
  }
  return { payoffs, welfare };
}

function choicesOf(
  rules: readonly PayoffRule[],
  candidates: readonly { name: string }[],
  payoffs: number[][],
  welfare: number[],
): RuleChoice[] {
  return rules.map((rule, r) => {
    const tied = argmaxAll(payoffs[r]!, payoffScale(payoffs[r]!));
    const k = tied[0]!;
    return {
      rule: rule.name,
      choice: candidates[k]!.name,
      tied: tied.map((j) => candidates[j]!.name),
      welfare: welfare[k]!,
    };
  });
}

/**
 * Runs the whole study on a score table.
 *
 * Leaderboards: payoff `P_r(i)` of every model under every rule `r` in the market of all models, ranks
 * `1 + #{j : P_r(j) > P_r(i)}`, and rank shifts against winrate and average-score. Entry: each model
 * `i` as an entrant against the others (its payoffs and `U(all) - U(all but i)`); synthetic entrants
 * (`copy`, mixes, `specialist`) and the one each rule picks (`argmax_c P_r(c)`) with the welfare after
 * entry; best responses over `space`. Replacement: each model's best response in
 * `budget(B_i = sum_t q_it / v_t, linear)`. Sweep: all of the above that is cheap, at each noise level.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const report = runEmpiricalStudy(readScoreTable("data/mtbench101_task_scores.csv"), {
 *   selection: { rule: "logit", beta: 20 },
 *   normalization: { kind: "scale", max: 10 },
 *   sweep: { parameter: "beta", values: [1, 10, 100] },
 * });
 * report.leaderboards.top["weighted-winrate"]; // ["GPT-4"]
 */
export function runEmpiricalStudy(table: ScoreTable, opts: EmpiricalOptions): EmpiricalReport {
  const market = scoreTableMarket(table, {
    selection: opts.selection,
    ...(opts.normalization === undefined ? {} : { normalization: opts.normalization }),
    ...(opts.weights === undefined ? {} : { weights: opts.weights }),
    ...(opts.file === undefined ? {} : { file: opts.file }),
  });
  const rules = studyRules(opts.rules);
  const ruleNames = rules.map((r) => r.name);
  const { tasks } = market;
  const caps = tasks.map((t) => t.cap);
  const T = tasks.length;
  const n = market.producers.length;
  const names = market.producers.map((p) => p.name);
  const qualities = market.producers.map((p) => p.quality);
  const q = flatQualities(qualities, 1);
  const idx = (name: string) => ruleNames.indexOf(name);
  const WR = idx("winrate");
  const WWR = idx("weighted-winrate");
  const AVG = idx("average-score");

  // ---- leaderboards
  const ev = new MarketEvaluator(tasks, opts.selection, rules);
  ev.run(q, n);
  const U = ev.welfare;
  const perTask = Array.from(ev.welfarePerTask);
  const payoffs = rules.map((_, r) => Array.from({ length: n }, (_, i) => ev.payoff(r, i)));
  const ranks = payoffs.map((p) => competitionRanks(p, payoffScale(p)));
  const ref = referenceWelfare(market);
  const rows: LeaderboardRow[] = names.map((name, i) => ({
    name,
    rawMean: table.scores[i]!.reduce((s, x, t) => s + tasks[t]!.weight * x, 0),
    payoffs: record(ruleNames, (_, r) => payoffs[r]![i]!),
    ranks: record(ruleNames, (_, r) => ranks[r]![i]!),
    shiftVsWinrate: record(ruleNames, (_, r) => ranks[WR]![i]! - ranks[r]![i]!),
    shiftVsAverage: record(ruleNames, (_, r) => ranks[AVG]![i]! - ranks[r]![i]!),
  }));
  const top = record(ruleNames, (_, r) =>
    argmaxAll(payoffs[r]!, payoffScale(payoffs[r]!)).map((i) => names[i]!),
  );
  const kendall = record(ruleNames, (_, a) =>
    record(ruleNames, (_, b) => kendallTau(payoffs[a]!, payoffs[b]!)),
  );

  // ---- each model as an entrant against the others: U(all) - U(all but i)
  const mcEv = new MarketEvaluator(tasks, opts.selection, [marginalContribution]);
  mcEv.run(q, n);
  const gains = Array.from({ length: n }, (_, i) => mcEv.payoff(0, i));
  const incumbentsAsEntrants = names.map((name, i) => ({
    name,
    payoffs: record(ruleNames, (_, r) => payoffs[r]![i]!),
    welfareGain: gains[i]!,
  }));
  const alignmentWithWelfare = record(ruleNames, (_, r) => kendallTau(payoffs[r]!, gains));

  // ---- synthetic entrants
  const bestIdx = names.indexOf(ref.singleBest);
  const lambdas = opts.lambdas ?? [0.25, 0.5, 0.75];
  const candidates = syntheticEntrants(qualities[bestIdx]!, perTask, tasks, lambdas);
  const spec = candidates[candidates.length - 1]!;
  const budget = qualities[bestIdx]!.reduce((s, x, t) => s + x / caps[t]!, 0);
  const specialistTasks = tasks
    .map((_, t) => t)
    .filter((t) => spec.quality[t]! > 0)
    .sort((a, b) => perTask[a]! / caps[a]! - perTask[b]! / caps[b]! || a - b)
    .map((t) => tasks[t]!.name);
  const entryEval = evaluateEntrants(ev, q, n, T, candidates);
  const candidateOutcomes: EntrantOutcome[] = candidates.map((c, k) => ({
    name: c.name,
    quality: c.quality.slice(),
    payoffs: record(ruleNames, (_, r) => entryEval.payoffs[r]![k]!),
    welfare: entryEval.welfare[k]!,
  }));
  const choices = choicesOf(rules, candidates, entryEval.payoffs, entryEval.welfare);
  const wOpt = argmaxAll(entryEval.welfare, payoffScale(entryEval.welfare))[0]!;

  // ---- best-response entrant over `space`
  const solver = opts.solver;
  let bestResponse: EmpiricalReport["entry"]["bestResponse"] = null;
  if (opts.space !== undefined && opts.space.kind !== "fixed") {
    if (solver === undefined) throw new InputError(undefined, "solver", "a strategy space needs a solver");
    const space = opts.space;
    bestResponse = {
      space: describeSpace(space),
      welfareWithoutEntry: U,
      perRule: rules.map((rule) => {
        const br = solver.entrant(market, space, rule);
        return {
          rule: rule.name,
          ...br,
          specialisation: specialisationIndex(br.quality),
          nearestDistance: nearestTo(br.quality, qualities, caps),
        };
      }),
    };
  }

  // ---- replacement
  let replacement: EmpiricalReport["replacement"] = null;
  const which = opts.replacement ?? "all";
  if (which !== false && solver !== undefined) {
    const order = names
      .map((_, i) => i)
      .sort((a, b) => ranks[AVG]![a]! - ranks[AVG]![b]! || a - b)
      .slice(0, which === "all" ? n : Math.max(0, Math.floor(which)));
    const models = order.map((i) => {
      const name = names[i]!;
      const own = qualities[i]!.reduce((s, x, t) => s + x / caps[t]!, 0);
      const others = qualities.filter((_, j) => j !== i);
      const space: StrategySpace = { kind: "budget", budget: own, production: { kind: "linear" } };
      const m: Market = {
        ...market,
        producers: market.producers.map((p, j) => (j === i ? { ...p, space } : p)),
      };
      return {
        name,
        budget: own,
        nearestBefore: nearestTo(qualities[i]!, others, caps),
        specialisationBefore: specialisationIndex(qualities[i]!),
        perRule: rules.map((rule) => {
          const br =
            own > 0 ? solver.incumbent(m, i, rule, space) : stay(ev, q, n, i, T, rules.indexOf(rule));
          return {
            rule: rule.name,
            ...br,
            specialisation: specialisationIndex(br.quality),
            nearestDistance: nearestTo(br.quality, others, caps),
          };
        }),
      };
    });
    replacement = {
      space: "budget(budget = the model's own sum_t q_t / v_t, linear)",
      selected:
        which === "all" || order.length === n
          ? `all ${n} models`
          : `the ${order.length} best of ${n} by average score`,
      models,
      summary: rules.map((rule, r) => {
        let dU = 0;
        let losses = 0;
        let dS = 0;
        let dN = 0;
        let closer = 0;
        for (const m of models) {
          const br = m.perRule[r]!;
          dU += br.welfare - U;
          if (br.welfare < U && !approxEqual(br.welfare, U, 1)) losses++;
          dS += br.specialisation - m.specialisationBefore;
          dN += br.nearestDistance - m.nearestBefore;
          if (br.nearestDistance < m.nearestBefore && !approxEqual(br.nearestDistance, m.nearestBefore, T))
            closer++;
        }
        const k = Math.max(1, models.length);
        return {
          rule: rule.name,
          meanWelfareChange: dU / k,
          welfareLosses: losses,
          meanSpecialisationChange: dS / k,
          meanNearestDistanceChange: dN / k,
          movesCloser: closer,
        };
      }),
    };
  }

  // ---- noise sweep
  const sweep =
    opts.sweep === undefined
      ? null
      : runSweep(
          market,
          rules,
          qualities,
          candidates,
          opts.sweep,
          WR,
          WWR,
          (opts.sweepBestResponse ?? opts.space?.kind === "top-k") ? opts.space : undefined,
          solver,
        );

  return {
    source: {
      file: opts.file ?? null,
      comments: table.comments.slice(),
      models: n,
      normalization: normalizationText(opts.normalization),
    },
    selection: formatSelection(opts.selection),
    tasks: tasks.map((t) => ({ ...t })),
    rules: ruleNames,
    welfare: { U, perfect: ref.perfect, single: ref.single, singleBest: ref.singleBest, perTask },
    leaderboards: { rows, top, kendall },
    entry: {
      incumbentsAsEntrants,
      alignmentWithWelfare,
      synthetic: {
        copied: ref.singleBest,
        specialistTasks,
        budget,
        welfareWithoutEntry: U,
        candidates: candidateOutcomes,
        choices,
        welfareOptimal: { choice: candidates[wOpt]!.name, welfare: entryEval.welfare[wOpt]! },
      },
      bestResponse,
    },
    replacement,
    sweep,
  };
}

/** A model with nothing to re-allocate stays where it is. */
function stay(
  ev: MarketEvaluator,
  q: Float64Array,
  n: number,
  i: number,
  T: number,
  r: number,
): BestResponseOutcome {
  ev.run(q, n);
  return {
    quality: Array.from(q.subarray(i * T, (i + 1) * T)),
    payoff: ev.payoff(r, i),
    welfare: ev.welfare,
    maximisers: 1,
    truncated: false,
    welfareRange: [ev.welfare, ev.welfare],
    exact: true,
    gapBound: 0,
  };
}

function selectionAt(parameter: "eps" | "beta", value: number): SelectionRule {
  return parameter === "beta" ? { rule: "logit", beta: value } : { rule: "epsilon", eps: value };
}

function runSweep(
  market: Market,
  rules: readonly PayoffRule[],
  qualities: readonly (readonly number[])[],
  candidates: readonly SyntheticEntrant[],
  sweep: NoiseSweep,
  WR: number,
  WWR: number,
  space: StrategySpace | undefined,
  solver: StudySolver | undefined,
): SweepReport {
  const { tasks } = market;
  const T = tasks.length;
  const n = qualities.length;
  const names = market.producers.map((p) => p.name);
  const ruleNames = rules.map((r) => r.name);
  const q = flatQualities(qualities, 1);
  const avgScore = qualities.map((row) => row.reduce((s, x, t) => s + tasks[t]!.weight * x, 0));
  const ref = referenceWelfare(market);
  const points: SweepPoint[] = sweep.values.map((value) => {
    const selection = selectionAt(sweep.parameter, value);
    const ev = new MarketEvaluator(tasks, selection, rules);
    ev.run(q, n);
    const welfare = ev.welfare;
    const payoffs = rules.map((_, r) => Array.from({ length: n }, (_, i) => ev.payoff(r, i)));
    const topIdx = payoffs.map((p) => argmaxAll(p, payoffScale(p))[0]!);
    const entry = evaluateEntrants(ev, q, n, T, candidates);
    const choices = choicesOf(rules, candidates, entry.payoffs, entry.welfare);
    let bestResponseWelfare: Record<string, number> | null = null;
    let bestResponseAgree: boolean | null = null;
    if (space !== undefined && space.kind !== "fixed" && solver !== undefined) {
      const m: Market = { ...market, selection };
      const brs = rules.map((rule) => solver.entrant(m, space, rule));
      bestResponseWelfare = record(ruleNames, (_, r) => brs[r]!.welfare);
      const a = brs[WR]!.quality;
      const b = brs[WWR]!.quality;
      bestResponseAgree = a.every((x, t) => approxEqual(x, b[t]!, tasks[t]!.cap));
    }
    return {
      value,
      welfare,
      perfect: ref.perfect,
      single: ref.single,
      kendallVsWinrate: record(ruleNames, (_, r) => kendallTau(payoffs[r]!, payoffs[WR]!)),
      top: record(ruleNames, (_, r) => names[topIdx[r]!]!),
      topScore: record(ruleNames, (_, r) => avgScore[topIdx[r]!]!),
      entrantChoice: record(ruleNames, (_, r) => choices[r]!.choice),
      entrantTied: record(ruleNames, (_, r) => choices[r]!.tied),
      entrantWelfare: record(ruleNames, (_, r) => choices[r]!.welfare),
      entrantWelfareOptimal: Math.max(...entry.welfare),
      bestResponseWelfare,
      bestResponseAgree,
    };
  });
  const wr = ruleNames[WR]!;
  const wwr = ruleNames[WWR]!;
  let maxCost = { value: Number.NEGATIVE_INFINITY, at: Number.NaN };
  let minCost = { value: Number.POSITIVE_INFINITY, at: Number.NaN };
  let minTau: { value: number | null; at: number } = { value: null, at: Number.NaN };
  let topDis = 0;
  let entDis = 0;
  let strictDis = 0;
  let beats = 0;
  let brDis: number | null = null;
  let brCost: { min: number; max: number } | null = null;
  for (const p of points) {
    if (p.bestResponseWelfare !== null) {
      if (p.bestResponseAgree === false) brDis = (brDis ?? 0) + 1;
      else brDis = brDis ?? 0;
      const d = p.bestResponseWelfare[wwr]! - p.bestResponseWelfare[wr]!;
      brCost =
        brCost === null ? { min: d, max: d } : { min: Math.min(brCost.min, d), max: Math.max(brCost.max, d) };
    }
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
  // crossover: order the points from most to least noise; the start of the final run with U >= U_single
  const ordered = points
    .slice()
    .sort((a, b) => (sweep.parameter === "beta" ? a.value - b.value : b.value - a.value));
  let crossover: number | null = null;
  for (let k = ordered.length - 1; k >= 0; k--) {
    const p = ordered[k]!;
    if (p.welfare >= p.single || approxEqual(p.welfare, p.single, 1)) crossover = p.value;
    else break;
  }
  return {
    parameter: sweep.parameter,
    points,
    summary: {
      topDisagreements: topDis,
      entrantDisagreements: entDis,
      entrantStrictDisagreements: strictDis,
      maxEntrantCost: maxCost,
      minEntrantCost: minCost,
      aggregationBeatsSingle: beats,
      crossover,
      minKendallWinrateWeighted: minTau,
      bestResponseDisagreements: brDis,
      bestResponseCost: brCost,
    },
  };
}

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
