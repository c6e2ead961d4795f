/**
 * The benchmark-weight design of the simultaneous game's pure equilibria (docs/design.md): the finite
 * game with every player's unweighted per-task terms, so that player `p` earns
 * `sum_t b_t term_t(p, s)` at the pure profile `s`, and the LP rows of "`s` is an equilibrium" (one
 * per unilateral deviation: `sum_p (m_p - 1)` rows). The LPs and the bounds are `outcomeWeights.ts`.
 * Mixed equilibria are outside the LPs; `designBenchmark` reruns the whole equilibrium search at the
 * returned weights and reports the worst welfare it finds over pure and certified mixed equilibria.
 */
import { InputError } from "../../src/errors.js";
import { DEFAULT_MAX_PROFILES } from "../../src/limits.js";
import { ColumnState } from "../../src/model/column.js";
import { payoffRule } from "../../src/model/payoffs.js";
import { isFiniteSpace } from "../../src/model/strategies.js";
import type { Market } from "../../src/model/types.js";
import { checkWorkLimit } from "../../src/work.js";
import { marketProfileCount, strategiesOf } from "../marketGame.js";
import {
  type OutcomeWeightsDesign,
  type OutcomeWeightsOptions,
  outcomeWeightsDesign,
} from "./outcomeWeights.js";
import { separableTerm, strategyText } from "./table.js";

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
  const term = separableTerm(payoffRule(ruleName, "rule"));
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
function equilibriaAt(g: TermGame, b: readonly number[], tol: number): number[] {
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
 * The benchmark-weight design of the simultaneous game's pure equilibria. Verification against the
 * full equilibrium search is left to the caller (`designBenchmark`).
 *
 * @throws InputError for a non-separable rule or a continuous space; WorkLimitError (`maxProfiles`,
 *   `maxLpRows`) above a limit.
 */
export async function equilibriumWeightsDesign(
  market: Market,
  ruleName: string,
  opts: OutcomeWeightsOptions & { maxProfiles?: number },
): Promise<OutcomeWeightsDesign> {
  const g = termGame(market, ruleName, opts.maxProfiles ?? DEFAULT_MAX_PROFILES);
  const { lower, upper } = opts;
  return outcomeWeightsDesign(
    {
      outcomes: "pure equilibria",
      count: g.total,
      label: (f) => profileLabel(g, market, f),
      welfare: (f) => g.welfare[f]!,
      rows: (f) => deviationRows(g, f),
      rowsPer: g.shape.reduce((a, m) => a + m - 1, 0) + 1,
      at: (b) => equilibriaAt(g, b, opts.tolerance),
      T: g.T,
      fallback: lower.map((l, t) => Math.min(upper[t]!, Math.max(l, market.tasks[t]!.weight))),
    },
    payoffRule(ruleName, "rule").name,
    opts,
  );
}
