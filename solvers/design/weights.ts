import { DEFAULT_MAX_LPS } from "../../src/limits.js";
import { payoffRule } from "../../src/model/payoffs.js";
import { checkWorkLimit, type ProgressSink } from "../../src/work.js";
import type { LpBackend } from "../finite/lp/backend.js";
import { createHighsBackend } from "../finite/lp/highs.js";
import { type ResponseTable, tableTerms } from "./table.js";
import type { DesignObjective, DesignResponse, WeightClass, WeightsDesign } from "./types.js";

export { DEFAULT_MAX_LPS };

interface Klass {
  members: number[];
  terms: Float64Array;
  worst: number;
  best: number;
}

/** Strategies grouped by identical term vectors, in first-appearance order. */
function classesOf(tab: ResponseTable, terms: Float64Array): Klass[] {
  const T = tab.T;
  const byKey = new Map<string, Klass>();
  for (let s = 0; s < tab.S; s++) {
    const row = terms.subarray(s * T, (s + 1) * T);
    const key = Array.from(row).join(",");
    let k = byKey.get(key);
    if (k === undefined) {
      k = { members: [], terms: Float64Array.from(row), worst: Infinity, best: -Infinity };
      byKey.set(key, k);
    }
    k.members.push(s);
    k.worst = Math.min(k.worst, tab.welfare[s]!);
    k.best = Math.max(k.best, tab.welfare[s]!);
  }
  return [...byKey.values()];
}

/**
 * `max m : sum_t b_t (c_t - d_t) >= m for d in D, sum b = 1, lower <= b <= upper`, with the margin
 * recomputed at the returned weights (`margin`) beside the solver's (`lpMargin`); `weights` `null`
 * when the LP failed (margin `NaN`) or `D` is empty (margin `Infinity`).
 *
 * @throws nothing for valid inputs (an LP failure is reported as `NaN`).
 * @example
 * marginLp(createJslpBackend(), Float64Array.of(1, 0), [Float64Array.of(0, 1)], [0.25, 0.25], [0.75, 0.75]).margin; // 0.5
 */
export function marginLp(
  lp: LpBackend,
  c: Float64Array,
  others: readonly Float64Array[],
  lower: readonly number[],
  upper: readonly number[],
): { margin: number; lpMargin: number; weights: number[] | null } {
  const T = c.length;
  if (others.length === 0)
    return { margin: Number.POSITIVE_INFINITY, lpMargin: Number.POSITIVE_INFINITY, weights: null };
  const rows = others.length + 1;
  const cols = T + 1;
  const matrix = new Float64Array(rows * cols);
  others.forEach((d, r) => {
    for (let t = 0; t < T; t++) matrix[r * cols + t] = c[t]! - d[t]!;
    matrix[r * cols + T] = -1;
  });
  for (let t = 0; t < T; t++) matrix[others.length * cols + t] = 1;
  const rowLower = new Float64Array(rows).fill(0);
  const rowUpper = new Float64Array(rows).fill(Number.POSITIVE_INFINITY);
  rowLower[rows - 1] = 1;
  rowUpper[rows - 1] = 1;
  const cost = new Float64Array(cols);
  cost[T] = 1;
  const res = lp.solve({
    format: "dense",
    sense: "max",
    numRows: rows,
    numCols: cols,
    cost,
    colLower: Float64Array.from([...lower, Number.NEGATIVE_INFINITY]),
    colUpper: Float64Array.from([...upper, Number.POSITIVE_INFINITY]),
    rowLower,
    rowUpper,
    matrix,
  });
  if (res.status !== "optimal") return { margin: Number.NaN, lpMargin: Number.NaN, weights: null };
  const b = Array.from(res.x.subarray(0, T), (x, t) => Math.min(upper[t]!, Math.max(lower[t]!, x)));
  // the verified margin at the returned weights (the solver's m is not trusted)
  let margin = Number.POSITIVE_INFINITY;
  for (const d of others) {
    let v = 0;
    for (let t = 0; t < T; t++) v += b[t]! * (c[t]! - d[t]!);
    margin = Math.min(margin, v);
  }
  return { margin, lpMargin: res.objective, weights: b };
}

/** Options of `weightsDesign`. */
export interface WeightsDesignOptions {
  objective: DesignObjective;
  tolerance: number;
  lower: number[];
  upper: number[];
  maxLps?: number;
  progress?: ProgressSink;
}

/**
 * The benchmark-weight design of a response table under a separable rule (see the file comment).
 *
 * @throws InputError for a non-separable rule; WorkLimitError (`maxLps`) above the LP limit.
 */
export async function weightsDesign(
  tab: ResponseTable,
  ruleName: string,
  opts: WeightsDesignOptions,
): Promise<WeightsDesign> {
  const rule = payoffRule(ruleName, "rule");
  const terms = tableTerms(tab, rule);
  const classes = classesOf(tab, terms);
  const K = classes.length;
  checkWorkLimit(
    "maxLps",
    2 * K,
    opts.maxLps ?? DEFAULT_MAX_LPS,
    "linear programs (two per class of strategies)",
  );
  const lp = await createHighsBackend();
  const { tolerance: tol, lower, upper } = opts;
  let done = 0;
  const tick = () => opts.progress?.({ done: ++done, total: 2 * K, unit: "LPs" });
  const all = classes.map((k, i) => {
    const r = marginLp(
      lp,
      k.terms,
      classes.filter((_, j) => j !== i).map((x) => x.terms),
      lower,
      upper,
    );
    tick();
    return r;
  });
  const out: WeightClass[] = classes.map((k, i) => ({
    labels: k.members.map((s) => tab.labels[s]!),
    welfareWorst: k.worst,
    welfareBest: k.best,
    implementable: all[i]!.margin > tol ? "strict" : all[i]!.margin >= -tol ? "tie-only" : "never",
    margin: all[i]!.margin,
    weights: all[i]!.weights,
  }));
  const best = bestImplementable(tab, terms, classes, all, opts, lp, tick);
  return {
    kind: "benchmark-weights",
    rule: rule.name,
    lower,
    upper,
    classes: out,
    best,
    optimum: best === null ? Number.NaN : opts.objective === "worst" ? best.welfareWorst : best.welfareBest,
    method: { code: "class-lps", classes: K, strategies: tab.S },
  };
}

/** A class's margin LP: how far its strategies' payoff exceeds the others' at the best weights. */
type Margin = ReturnType<typeof marginLp>;

/**
 * The optimum: the classes in decreasing welfare under the objective, the first one that weights can
 * implement (strictly, under `worst`: above every class of lower worst welfare; at least as a tie,
 * under `best`), with its weights and responses; null when none can.
 */
function bestImplementable(
  tab: ResponseTable,
  terms: Float64Array,
  classes: readonly Klass[],
  all: readonly Margin[],
  opts: WeightsDesignOptions,
  lp: LpBackend,
  tick: () => void,
): WeightsDesign["best"] {
  const { tolerance: tol, lower, upper } = opts;
  const K = classes.length;
  const order = classes.map((_, i) => i);
  const score = (i: number) => (opts.objective === "worst" ? classes[i]!.worst : classes[i]!.best);
  order.sort((x, y) => score(y) - score(x) || x - y);
  for (const i of order) {
    let r = all[i]!;
    if (opts.objective === "worst") {
      const below = classes
        .filter((x, j) => j !== i && x.worst < classes[i]!.worst - tol)
        .map((x) => x.terms);
      r = below.length === K - 1 ? r : marginLp(lp, classes[i]!.terms, below, lower, upper);
      tick();
      if (!(r.margin > tol)) continue;
    } else if (!(r.margin >= -tol)) continue;
    const weights = r.weights ?? lower.map((l, t) => Math.min(upper[t]!, Math.max(l, tab.b[t]!)));
    const responses = responsesAt(tab, terms, weights, tol);
    const w = responses.map((x) => x.welfare);
    return {
      weights,
      margin: r.margin,
      lpMargin: r.lpMargin,
      responses,
      welfareWorst: Math.min(...w),
      welfareBest: Math.max(...w),
      verified: false,
    };
  }
  return null;
}

/** Every strategy within `tol` of the best payoff at weights `b`. */
export function responsesAt(
  tab: ResponseTable,
  terms: Float64Array,
  b: readonly number[],
  tol: number,
): DesignResponse[] {
  const T = tab.T;
  const pay = Array.from({ length: tab.S }, (_, s) => {
    let v = 0;
    for (let t = 0; t < T; t++) v += b[t]! * terms[s * T + t]!;
    return v;
  });
  const max = Math.max(...pay);
  return pay.flatMap((v, s) => (v >= max - tol ? [{ label: tab.labels[s]!, welfare: tab.welfare[s]! }] : []));
}
