/**
 * What the explorer shows, computed with the library's public entry points only: the payoff table,
 * the entrant's and a replacing producer's best responses, the producer game's equilibria per rule,
 * and the noise sweep with its change points. Runs in the Web Worker (worker.ts); plain data out.
 */
import {
  BUILTIN_PAYOFF_RULES,
  definitelyGreater,
  evaluate,
  type Market,
  type SelectionRule,
  type StrategySpace,
  spaceProblemText,
  specialisationIndex,
} from "modelmarket";
import {
  analyseEntry,
  analyseReplacement,
  type Entrant,
  type EquilibriumReport,
  entrantBestResponse,
  type Maximiser,
  mixedReasonText,
  priceBasisText,
  type RuleResponse,
  welfareOptimalEntrant,
} from "modelmarket/solvers";
import { NOISE, noiseOf, withNoise } from "./state.js";

/** The six built-in payoff rules, in the CLI's order. */
export const RULES: readonly string[] = BUILTIN_PAYOFF_RULES.map((r) => r.name);

/** The options the CLI's `entry`, `replace` and `equilibrium` commands use by default. */
export const CLI_DEFAULTS = { units: 256, maxMaximisers: 20 } as const;

/** Competition ranks (1 = best), values equal within the library's tolerance sharing a rank. */
export function ranks(values: readonly number[]): number[] {
  const scale = Math.max(...values.map(Math.abs));
  return values.map((v) => 1 + values.filter((x) => definitelyGreater(x, v, scale)).length);
}

/** The payoff table: every producer under every rule with ranks, and the welfare figures. */
export interface PayoffView {
  rules: string[];
  producers: Array<{ name: string; payoffs: number[]; ranks: number[] }>;
  U: number;
  perfect: number;
  single: number;
  singleBest: string;
}

/**
 * `modelmarket evaluate`'s numbers for the page: payoffs under the six rules with ranks, and welfare.
 *
 * @example
 * payoffView(market).producers[0].ranks; // [1, 1, 2, 1, 1, 3]
 */
export function payoffView(market: Market): PayoffView {
  const ev = evaluate(market);
  const rules = RULES.slice();
  const table = rules.map((r) => ev.producers.map((p) => p.payoffs[r]!));
  const rk = table.map(ranks);
  return {
    rules,
    producers: ev.producers.map((p, i) => ({
      name: p.name,
      payoffs: rules.map((_, k) => table[k]![i]!),
      ranks: rules.map((_, k) => rk[k]![i]!),
    })),
    U: ev.welfare.U,
    perfect: ev.welfare.perfect,
    single: ev.welfare.single,
    singleBest: ev.welfare.singleBest,
  };
}

/** One maximiser as the page shows it. */
export interface Choice {
  /** `t1+t3` for top-k, `effort (0.2, 0.8)` for budgets, `option 2` for menus. */
  label: string;
  quality: number[];
  payoff: number;
  welfare: number;
  specialisation: number;
}

/** One rule's best response. */
export interface ResponseView {
  rule: string;
  choices: Choice[];
  truncated: boolean;
  /** `exact` or the certified gap bound. */
  certificate: string;
}

function label(m: Maximiser, market: Market): string {
  if (m.tasks !== undefined) return m.tasks.map((t) => market.tasks[t]!.name).join("+");
  if (m.option !== undefined) return `option ${m.option}`;
  if (m.effort !== undefined) return `effort (${m.effort.map((x) => x.toFixed(3)).join(", ")})`;
  return `q (${m.quality.map((x) => x.toFixed(3)).join(", ")})`;
}

function responseView(r: RuleResponse, market: Market): ResponseView {
  const br = r.bestResponse;
  return {
    rule: r.rule,
    choices: r.maximisers.map((m) => ({
      label: label(m, market),
      quality: m.quality.slice(),
      payoff: m.payoff,
      welfare: m.welfare,
      specialisation: m.specialisation,
    })),
    truncated: br.truncated === true,
    certificate: br.exact
      ? "exact"
      : `gap <= ${Number.isFinite(br.gapBound) ? br.gapBound.toExponential(2) : "unknown"}`,
  };
}

/** The entrant's best response under each rule, the welfare-optimal entrant, `U` without entry. */
export interface EntryView {
  space: StrategySpace;
  welfareWithoutEntry: number;
  rules: ResponseView[];
  welfareOptimal: ResponseView;
}

/**
 * `modelmarket entry`'s numbers (same options as the CLI's defaults): the entrant's best response under
 * each rule and the welfare-optimal entrant.
 *
 * @example
 * entryView(market, { kind: "top-k", k: 1 }).rules[0].choices[0].label; // "t1"
 */
export function entryView(market: Market, space: StrategySpace): EntryView {
  const a = analyseEntry(market, { name: "Entrant", space }, RULES, CLI_DEFAULTS);
  return {
    space,
    welfareWithoutEntry: a.welfareWithoutEntry,
    rules: a.rules.map((r) => responseView(r, market)),
    welfareOptimal: responseView(a.welfareOptimal, market),
  };
}

/** A producer re-choosing its strategy with the others fixed. */
export interface ReplaceView {
  producer: string;
  space: StrategySpace;
  /** `true` when the space is the producer's own, `false` when the entrant's (a fixed producer). */
  ownSpace: boolean;
  welfareNow: number;
  welfareWithoutProducer: number;
  rules: Array<ResponseView & { currentPayoff: number }>;
  welfareOptimal: ResponseView;
}

/**
 * `modelmarket replace`'s numbers: `producer` re-chooses in its own space, or in the entrant's space
 * when its own is fixed (the CLI's `--space`).
 *
 * @throws InputError from the library when the market cannot be analysed.
 * @example
 * replaceView(market, "A", { kind: "top-k", k: 1 }).rules[2].choices[0].label;
 */
export function replaceView(market: Market, producer: string, entrantSpace: StrategySpace): ReplaceView {
  const p = market.producers.find((x) => x.name === producer) ?? market.producers[0]!;
  const ownSpace = p.space.kind !== "fixed";
  const a = analyseReplacement(market, p.name, RULES, {
    ...(ownSpace ? {} : { space: entrantSpace }),
    ...CLI_DEFAULTS,
  });
  return {
    producer: p.name,
    space: a.space,
    ownSpace,
    welfareNow: a.welfareNow,
    welfareWithoutProducer: a.welfareWithoutProducer,
    rules: a.rules.map((r) => ({ ...responseView(r, market), currentPayoff: r.currentPayoff })),
    welfareOptimal: responseView(a.welfareOptimal, market),
  };
}

/** One equilibrium as shown: each strategic producer's strategy (or mixture) and the welfare. */
export interface EquilibriumRow {
  kind: "pure" | "mixed";
  certified: boolean;
  welfare: number;
  /** Each strategic producer's strategy, and whether its certificate found it in its space. */
  strategies: Array<{ name: string; text: string; inSpace: boolean; problem?: string }>;
}

/** The producer game under one rule. */
export interface EquilibriumView {
  rule: string;
  pure: EquilibriumRow[];
  pureExhaustive: boolean;
  mixedStatus: string;
  mixedReason: string;
  mixed: EquilibriumRow[];
  optimum: number;
  optimumExact: boolean;
  priceOfAnarchy: number | null;
  priceOfStability: number | null;
  priceBasis: string;
  /** Strategic producers whose quality on the page is not in their space: a starting point only. */
  outsideSpace: Array<{ producer: string; problem: string }>;
}

function eqRow(e: EquilibriumReport["pure"][number], market: Market): EquilibriumRow {
  return {
    kind: e.kind,
    certified: e.certified,
    welfare: e.welfare,
    strategies: e.producers
      .filter((p) => p.strategic)
      .map((p) => ({
        name: p.name,
        // the certificate's membership check (certifyProfile); a strategy without a regret line was
        // not certified, so it is not claimed to be in its space
        inSpace: p.regret?.inSpace === true,
        ...(p.regret?.spaceProblem === undefined ? {} : { problem: spaceProblemText(p.regret.spaceProblem) }),
        text: p.mixture
          ? p.mixture.map((m) => `${m.probability.toFixed(3)} ${m.label}`).join(" + ")
          : p.tasks !== undefined
            ? p.tasks.map((t) => market.tasks[t]!.name).join("+")
            : `q (${p.quality.map((x) => x.toFixed(3)).join(", ")})`,
      })),
  };
}

/**
 * Converts a report of `solveEquilibria(Async)` (run with the CLI's defaults) for the page.
 *
 * @example
 * equilibriumView(await solveEquilibriaAsync(market, "winrate", EQUILIBRIUM_DEFAULTS), market).priceOfAnarchy;
 */
export function equilibriumView(rep: EquilibriumReport, market: Market): EquilibriumView {
  return {
    rule: rep.rule,
    pure: rep.pure.map((e) => eqRow(e, market)),
    pureExhaustive: rep.pureExhaustive,
    mixedStatus: rep.mixed.status,
    // the reasons and the limits the search reached are data in the report; the page words them as
    // the CLI does, with the library's one wording of the reasons
    mixedReason: [
      mixedReasonText(rep.mixed.reasons),
      ...rep.mixed.limits.map(
        (l) => `${l.what}: ${l.estimate.toLocaleString("en-US")} > ${l.limit.toLocaleString("en-US")}`,
      ),
    ].join("; "),
    mixed: rep.mixed.equilibria.filter((e) => e.kind === "mixed").map((e) => eqRow(e, market)),
    optimum: rep.optimum.welfare,
    optimumExact: rep.optimum.exact,
    priceOfAnarchy: rep.priceOfAnarchy,
    priceOfStability: rep.priceOfStability,
    priceBasis: priceBasisText(rep.priceScope),
    outsideSpace: rep.outsideSpace.map((o) => ({
      producer: o.producer,
      problem: spaceProblemText(o.problem),
    })),
  };
}

/** The CLI's `equilibrium` defaults (cli/commands/equilibrium.ts). */
export const EQUILIBRIUM_DEFAULTS = {
  maxRounds: 200,
  randomStarts: 4,
  seed: "equilibrium",
  units: 256,
} as const;

/** The noise sweep: one line per rule (and the welfare-optimal entrant) of welfare and specialisation. */
export interface SweepView {
  rule: Exclude<SelectionRule["rule"], "perfect">;
  /** The noise parameter's name. */
  param: string;
  xs: number[];
  /** Per series (the six rules, then `welfare optimum`): welfare after entry at each point. */
  series: Array<{
    name: string;
    welfare: number[];
    specialisation: number[];
    labels: string[];
    /** The tasks of the first best response at each point (top-k spaces; empty otherwise). */
    tasks: number[][];
    /** Whether the best response at each point is one of several tied ones (the first is shown). */
    tied: boolean[];
  }>;
  /** Where a rule's best response changes, located by bisection between two sweep points. */
  changes: Array<{ rule: string; x: number; from: string; to: string }>;
  current: number;
}

/** 50 points, log-spaced over the rule's slider range. */
export const SWEEP_POINTS = 50;

function key(choices: readonly Maximiser[]): string {
  return choices.map((m) => m.quality.map((x) => x.toPrecision(9)).join(",")).join(";");
}

/**
 * Welfare and specialisation of the entrant's best response under each rule against the noise level,
 * with the change points: between two sweep points whose best responses differ, 30 bisection steps in
 * log-noise (the located point is within a factor `(hi/lo)^(1/49 / 2^30)` of the change). Yields every
 * ten points through `yieldStale`, which can abandon a sweep that newer inputs made stale.
 */
export async function sweepView(
  market: Market,
  space: StrategySpace,
  /** Called between sweep points: yields to the event loop; `true` abandons the sweep. */
  yieldStale: () => Promise<boolean> = async () => false,
): Promise<SweepView | undefined | "stale"> {
  const rule = market.selection.rule;
  if (rule === "perfect") return undefined;
  const n = NOISE[rule];
  const entrant: Entrant = { name: "Entrant", space };
  const xs = Array.from({ length: SWEEP_POINTS }, (_, k) => n.lo * (n.hi / n.lo) ** (k / (SWEEP_POINTS - 1)));
  const opts = { ...CLI_DEFAULTS, maxMaximisers: 1 };
  const at = (x: number) => ({ ...market, selection: withNoise(rule, x) });
  const names = [...RULES, "welfare optimum"];
  const respond = (m: Market, r: string) =>
    r === "welfare optimum"
      ? welfareOptimalEntrant(m, entrant, opts)
      : entrantBestResponse(m, entrant, r, opts);
  const series = names.map((name) => ({
    name,
    welfare: [] as number[],
    specialisation: [] as number[],
    labels: [] as string[],
    tasks: [] as number[][],
    tied: [] as boolean[],
    keys: [] as string[],
  }));
  for (const [i, x] of xs.entries()) {
    if (i % 10 === 9 && (await yieldStale())) return "stale";
    const m = at(x);
    names.forEach((r, k) => {
      const br = respond(m, r);
      const first = br.maximisers[0]!;
      const s = series[k]!;
      s.welfare.push(first.welfare);
      s.specialisation.push(specialisationIndex(first.quality));
      s.labels.push(label(first, market));
      s.tasks.push(first.tasks?.slice() ?? []);
      s.tied.push(br.truncated === true || br.maximisers.length > 1);
      s.keys.push(key(br.maximisers));
    });
  }
  const changes: SweepView["changes"] = [];
  series.forEach((s, k) => {
    if (k >= RULES.length) return;
    for (let i = 0; i + 1 < xs.length; i++) {
      if (s.keys[i] === s.keys[i + 1]) continue;
      let lo = Math.log(xs[i]!);
      let hi = Math.log(xs[i + 1]!);
      const left = s.keys[i]!;
      for (let step = 0; step < 30; step++) {
        const mid = (lo + hi) / 2;
        const br = respond(at(Math.exp(mid)), s.name);
        if (key(br.maximisers) === left) lo = mid;
        else hi = mid;
      }
      changes.push({ rule: s.name, x: Math.exp((lo + hi) / 2), from: s.labels[i]!, to: s.labels[i + 1]! });
    }
  });
  return {
    rule,
    param: n.key,
    xs,
    series: series.map(({ keys: _keys, ...rest }) => rest),
    changes,
    current: noiseOf(market.selection)!,
  };
}
