/**
 * Benchmark-weight design for the pure equilibria of the simultaneous game (docs/design.md).
 *
 * Under a task-separable rule, player `p` earns `sum_t b_t term_t(p, s)` at the pure profile `s`: linear
 * in the benchmark weights `b`. So "`s` is an equilibrium with margin `m`" (every unilateral deviation
 * of every player loses at least `m`) is a set of linear inequalities in `b`, and the largest `m` over
 * the admissible `b` (simplex and bounds) is one linear program per profile, with one row per
 * deviation: `sum_p (m_p - 1) + 1` rows and `T + 1` columns (Dantzig 1963; solved by HiGHS).
 *
 * - Objective `best` (the best equilibrium): the welfare-best profile whose LP reaches `m >= -tol` is
 *   exact. At its weights it is an equilibrium, so the best equilibrium there is at least as good; and
 *   at any `b` the best pure equilibrium's own LP succeeds.
 * - Objective `worst` (the worst equilibrium at `b`): "no profile of lower welfare is an equilibrium at
 *   `b`" is a disjunction (some player gains by some deviation), not a polyhedron, so LPs give only the
 *   upper bound `max W(s)` over implementable profiles: at any `b` with a pure equilibrium the worst
 *   one is itself implementable. The lower bound is certified: at the LP weights of the implementable
 *   profiles, in decreasing welfare, every pure equilibrium is enumerated exhaustively and the
 *   largest worst-equilibrium welfare found is kept. The gap between the two bounds is stated; it is
 *   0 (and the answer exact) when they meet.
 *
 * Mixed equilibria are outside the LPs; the verification reruns the whole equilibrium search at the
 * returned weights and reports the worst welfare it finds over pure and certified mixed equilibria.
 */
import { InputError } from "../../src/errors.js";
import { DEFAULT_MAX_PROFILES } from "../../src/limits.js";
import { ColumnState } from "../../src/model/column.js";
import { payoffRule } from "../../src/model/payoffs.js";
import { isFiniteSpace } from "../../src/model/strategies.js";
import type { Market } from "../../src/model/types.js";
import { checkWorkLimit, type ProgressSink } from "../../src/work.js";
import { createHighsBackend } from "../finite/lp/highs.js";
import { marketProfileCount, strategiesOf } from "../marketGame.js";
import { strategyText } from "./table.js";
import type { DesignObjective, DesignResponse, Implementability } from "./types.js";
import { marginLp } from "./weights.js";

/** Default of `maxLpRows`: LP constraint rows over all profiles (profiles x rows per LP). */
export const DEFAULT_MAX_LP_ROWS = 2_000_000;

/** Largest number of candidate weightings at which a `worst` design enumerates every equilibrium. */
export const WORST_CANDIDATES = 64;

/** One pure profile of the game and whether some admissible `b` makes it an equilibrium. */
export interface EquilibriumProfile {
  /** `A={t1} B={t2}`: every player's strategy, as compare labels equilibria. */
  label: string;
  /** Consumer welfare `U` of the profile (under the consumer weights). */
  welfare: number;
  implementable: Implementability;
  /** LP optimum: the smallest loss of any unilateral deviation at the best `b` (`Infinity`: no deviation exists). */
  margin: number;
  /** Weights attaining `margin` (`null` when the LP failed or no deviation exists). */
  weights: number[] | null;
}

/** Result of a benchmark-weight design for the simultaneous game's pure equilibria. */
export interface EquilibriumWeightsDesign {
  kind: "equilibrium-weights";
  rule: string;
  lower: number[];
  upper: number[];
  /** Every pure profile, in the game's order (player 0 fastest). */
  profiles: EquilibriumProfile[];
  /** The returned weighting and every pure equilibrium at it; `null` when no profile is implementable. */
  best: {
    weights: number[];
    /** The profile whose LP gave `weights`, and its margin recomputed at them. */
    profile: string;
    margin: number;
    lpMargin: number;
    /** Every pure equilibrium at `weights` (exhaustive enumeration). */
    responses: DesignResponse[];
    welfareWorst: number;
    welfareBest: number;
    /** The equilibrium search of `solveEquilibria`, rerun at `weights`, lists exactly these pure equilibria. */
    verified: boolean;
    /** The worst welfare over every equilibrium that search finds there, pure and certified mixed. */
    searchWelfareWorst: number;
  } | null;
  /** `best`: exact. `worst`: the certified lower bound (the worst pure equilibrium at `best.weights`). */
  optimum: number;
  /** Upper bound of the objective: the best welfare over profiles some admissible `b` implements. */
  upperBound: number;
  /** `upperBound - optimum` (0 for `best`). */
  gap: number;
  /** `true` when the optimum is certified equal to the upper bound. */
  exact: boolean;
  method: string;
}

/** Options of `equilibriumWeightsDesign`. */
export interface EquilibriumWeightsOptions {
  objective: DesignObjective;
  tolerance: number;
  lower: number[];
  upper: number[];
  maxProfiles?: number;
  maxLpRows?: number;
  progress?: ProgressSink;
}

/** The finite game with every player's unweighted per-task terms. */
interface TermGame {
  players: number[];
  shape: number[];
  strides: number[];
  labels: string[][];
  /** `terms[p][flat * T + t]`. */
  terms: Float64Array[];
  welfare: Float64Array;
  total: number;
  T: number;
}

function termGame(market: Market, ruleName: string, maxProfiles: number): TermGame {
  const rule = payoffRule(ruleName, "rule");
  const term = rule.taskTerm;
  if (term === undefined)
    throw new InputError(
      undefined,
      "rule",
      `${rule.name} is not task-separable: its payoff is not linear in b`,
    );
  const players = market.producers.flatMap((p, i) => (p.space.kind === "fixed" ? [] : [i]));
  if (players.some((i) => !isFiniteSpace(market.producers[i]!.space)))
    throw new InputError(
      undefined,
      "space",
      "the equilibrium weight design needs finite spaces (menu, top-k, grid) for every strategic producer",
    );
  checkWorkLimit(
    "maxProfiles",
    marketProfileCount(market),
    maxProfiles,
    "pure profiles of the producer game",
  );
  const lists = players.map((i) => strategiesOf(market.producers[i]!.space, market.tasks).qualities);
  const shape = lists.map((l) => l.length);
  const strides: number[] = [];
  let total = 1;
  for (const m of shape) {
    strides.push(total);
    total *= m;
  }
  const T = market.tasks.length;
  const n = market.producers.length;
  const terms = players.map(() => new Float64Array(total * T));
  const welfare = new Float64Array(total);
  const col = new ColumnState(market.selection);
  const buf = new Float64Array(n);
  const s = new Array<number>(players.length).fill(0);
  for (let flat = 0; flat < total; flat++) {
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < n; i++) buf[i] = market.producers[i]!.quality[t]!;
      players.forEach((i, p) => {
        buf[i] = lists[p]![s[p]!]![t]!;
      });
      col.load(buf, n, market.tasks[t]!.cap);
      welfare[flat] = welfare[flat]! + market.tasks[t]!.weight * col.welfare;
      players.forEach((i, p) => {
        terms[p]![flat * T + t] = term(col, i);
      });
    }
    for (let p = 0; p < players.length; p++) {
      s[p] = s[p]! + 1;
      if (s[p]! < shape[p]!) break;
      s[p] = 0;
    }
  }
  const labels = players.map((i, p) =>
    lists[p]!.map((q) => strategyText(market.producers[i]!.space, q, market)),
  );
  return { players, shape, strides, labels, terms, welfare, total, T };
}

function profileLabel(g: TermGame, market: Market, flat: number): string {
  return g.players
    .map(
      (i, p) =>
        `${market.producers[i]!.name}=${g.labels[p]![Math.floor(flat / g.strides[p]!) % g.shape[p]!]}`,
    )
    .join(" ");
}

/** Deviation rows of `flat`: `term(deviation) - term(own)` per player and alternative strategy. */
function deviationRows(g: TermGame, flat: number): Float64Array[] {
  const rows: Float64Array[] = [];
  const T = g.T;
  g.shape.forEach((m, p) => {
    const own = Math.floor(flat / g.strides[p]!) % m;
    const base = flat - own * g.strides[p]!;
    for (let s = 0; s < m; s++) {
      if (s === own) continue;
      const dev = base + s * g.strides[p]!;
      const row = new Float64Array(T);
      for (let t = 0; t < T; t++) row[t] = g.terms[p]![dev * T + t]! - g.terms[p]![flat * T + t]!;
      rows.push(row);
    }
  });
  return rows;
}

/** Every pure equilibrium (flat index) at weights `b`, within `tol`: exhaustive. */
export function equilibriaAt(g: TermGame, b: readonly number[], tol: number): number[] {
  const T = g.T;
  const pay = g.terms.map((tp) => {
    const out = new Float64Array(g.total);
    for (let f = 0; f < g.total; f++) {
      let v = 0;
      for (let t = 0; t < T; t++) v += b[t]! * tp[f * T + t]!;
      out[f] = v;
    }
    return out;
  });
  const out: number[] = [];
  for (let flat = 0; flat < g.total; flat++) {
    let ok = true;
    for (let p = 0; p < g.shape.length && ok; p++) {
      const own = Math.floor(flat / g.strides[p]!) % g.shape[p]!;
      const base = flat - own * g.strides[p]!;
      for (let s = 0; s < g.shape[p]! && ok; s++)
        if (pay[p]![base + s * g.strides[p]!]! > pay[p]![flat]! + tol) ok = false;
    }
    if (ok) out.push(flat);
  }
  return out;
}

/**
 * The benchmark-weight design of the simultaneous game's pure equilibria (see the file comment).
 * Verification against the full equilibrium search is left to the caller (`designBenchmark`).
 *
 * @throws InputError for a non-separable rule or a continuous space; WorkLimitError (`maxProfiles`,
 *   `maxLpRows`) above a limit.
 */
export async function equilibriumWeightsDesign(
  market: Market,
  ruleName: string,
  opts: EquilibriumWeightsOptions,
): Promise<EquilibriumWeightsDesign> {
  const g = termGame(market, ruleName, opts.maxProfiles ?? DEFAULT_MAX_PROFILES);
  const rowsPer = g.shape.reduce((a, m) => a + m - 1, 0) + 1;
  checkWorkLimit(
    "maxLpRows",
    g.total * rowsPer,
    opts.maxLpRows ?? DEFAULT_MAX_LP_ROWS,
    `LP rows (${g.total} profiles x ${rowsPer} rows of ${g.T + 1} columns)`,
  );
  const lp = await createHighsBackend();
  const { tolerance: tol, lower, upper } = opts;
  const zero = new Float64Array(g.T);
  const profiles: EquilibriumProfile[] = [];
  const lpMargins: number[] = [];
  for (let flat = 0; flat < g.total; flat++) {
    const r = marginLp(lp, zero, deviationRows(g, flat), lower, upper);
    lpMargins.push(r.lpMargin);
    profiles.push({
      label: profileLabel(g, market, flat),
      welfare: g.welfare[flat]!,
      implementable: r.margin > tol ? "strict" : r.margin >= -tol ? "tie-only" : "never",
      margin: r.margin,
      weights: r.weights,
    });
    opts.progress?.({ done: flat + 1, total: g.total, unit: "LPs" });
  }
  const clamp = (w: readonly number[] | null): number[] =>
    w !== null ? [...w] : lower.map((l, t) => Math.min(upper[t]!, Math.max(l, market.tasks[t]!.weight)));
  // implementable profiles, welfare-best first (larger margins first among equal welfare)
  const order = profiles
    .map((_, f) => f)
    .filter((f) => profiles[f]!.implementable !== "never")
    .sort((x, y) => profiles[y]!.welfare - profiles[x]!.welfare || profiles[y]!.margin - profiles[x]!.margin);
  const method = `one LP per pure profile (${g.total} LPs of ${rowsPer} rows x ${g.T + 1} columns, HiGHS); margins recomputed from the weights`;
  const upperBound = order.length === 0 ? Number.NaN : profiles[order[0]!]!.welfare;
  const at = (f: number) => {
    const weights = clamp(profiles[f]!.weights);
    const eqs = equilibriaAt(g, weights, tol);
    const w = eqs.map((e) => g.welfare[e]!);
    return { f, weights, eqs, worst: Math.min(...w), best: Math.max(...w) };
  };
  let chosen: ReturnType<typeof at> | null = null;
  let tried = 0;
  if (opts.objective === "best") {
    if (order.length > 0) chosen = at(order[0]!);
  } else {
    for (const f of order) {
      // a candidate's worst equilibrium is at most its own welfare: none further down can do better
      if (chosen !== null && chosen.worst >= profiles[f]!.welfare - tol) break;
      if (tried++ >= WORST_CANDIDATES) break;
      const c = at(f);
      if (chosen === null || c.worst > chosen.worst + tol) chosen = c;
    }
  }
  if (chosen === null)
    return {
      kind: "equilibrium-weights",
      rule: payoffRule(ruleName, "rule").name,
      lower,
      upper,
      profiles,
      best: null,
      optimum: Number.NaN,
      upperBound,
      gap: Number.NaN,
      exact: false,
      method,
    };
  const own = profiles[chosen.f]!;
  const optimum = opts.objective === "best" ? own.welfare : chosen.worst;
  const gap = Math.max(0, upperBound - optimum);
  const responses = chosen.eqs.map((e) => ({ label: profileLabel(g, market, e), welfare: g.welfare[e]! }));
  return {
    kind: "equilibrium-weights",
    rule: payoffRule(ruleName, "rule").name,
    lower,
    upper,
    profiles,
    best: {
      weights: chosen.weights,
      profile: own.label,
      margin: own.margin,
      lpMargin: lpMargins[chosen.f]!,
      responses,
      welfareWorst: chosen.worst,
      welfareBest: chosen.best,
      verified: false,
      searchWelfareWorst: Number.NaN,
    },
    optimum,
    upperBound,
    gap,
    exact: opts.objective === "best" || gap <= tol,
    method:
      opts.objective === "best"
        ? `${method}; the best equilibrium is exact`
        : `${method}; worst equilibrium: upper bound from the LPs, certified lower bound from every pure equilibrium at the LP weights of ${Math.min(tried, order.length)} implementable profile(s) (gap ${gap.toPrecision(4)})`,
  };
}
