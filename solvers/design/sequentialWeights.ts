/**
 * The benchmark-weight design of sequential entry (docs/design.md). Entrant `j` best-responds to the
 * market left by entrants `1..j-1`, each paid `sum_t b_t term_t(s)` under a task-separable rule; the
 * terms at step `j` depend on the earlier choices but not on `b`. So a whole path `(s_1, ..., s_N)`
 * happens at `b` exactly when every `s_j` is a best response at its step: linear inequalities in `b`
 * (one per other strategy of each step, `N (S - 1)` rows), and the path's LP is the generic one of
 * `outcomeWeights.ts`. Ties are every tie branch (the designer cannot choose among them), whatever
 * tie-break the question names; `designBenchmark` verifies with `sequentialBranches`.
 */
import { type PayoffRule, payoffRule } from "../../src/model/payoffs.js";
import { spaceSize } from "../../src/model/strategies.js";
import type { Market, StrategySpace } from "../../src/model/types.js";
import { checkWorkLimit } from "../../src/work.js";
import {
  DEFAULT_MAX_LP_ROWS,
  type OutcomeWeightsDesign,
  type OutcomeWeightsOptions,
  outcomeWeightsDesign,
} from "./outcomeWeights.js";
import { requireFiniteSpace, responseTable, separableTerm, tableTerms } from "./table.js";

/** One step of the tree: the entrant's strategies against the market left by the earlier entrants. */
interface Node {
  terms: Float64Array;
  labels: string[];
  /** Children per strategy (the next step), or leaf indices at the last step. */
  next: Array<Node | number>;
}

interface Leaf {
  steps: Array<{ node: Node; s: number }>;
  welfare: number;
  label: string;
}

/** The tree of every entry path: each node the entrant's strategies against the market left before it. */
function entryTree(
  market: Market,
  entrants: number,
  space: StrategySpace,
  rule: PayoffRule,
): { root: Node; leaves: Leaf[] } {
  const leaves: Leaf[] = [];
  const grow = (m: Market, k: number, steps: Leaf["steps"]): Node => {
    let name = `Entrant${k}`;
    while (m.producers.some((p) => p.name === name)) name = `${name}'`;
    const tab = responseTable(m, { kind: "entry", entrant: { name, space } });
    const node: Node = { terms: tableTerms(tab, rule), labels: tab.labels, next: [] };
    for (let s = 0; s < tab.S; s++) {
      const path = [...steps, { node, s }];
      if (k === entrants) {
        leaves.push({
          steps: path,
          welfare: tab.welfare[s]!,
          label: path.map((x) => x.node.labels[x.s]).join(" "),
        });
        node.next.push(leaves.length - 1);
      } else {
        const producers = tab.market.producers.map((p, i) =>
          i === tab.slot ? { ...p, quality: tab.qualities[s]!.slice() } : p,
        );
        node.next.push(grow({ ...tab.market, producers }, k + 1, path));
      }
    }
    return node;
  };
  return { root: grow(market, 1, []), leaves };
}

/** Every tie branch at `b`: the strategies within `tol` of each step's best, followed to the leaves. */
function branchesAt(root: Node, b: readonly number[], T: number, tol: number): number[] {
  const pay = (node: Node, b: readonly number[], s: number) => {
    let v = 0;
    for (let t = 0; t < T; t++) v += b[t]! * node.terms[s * T + t]!;
    return v;
  };
  const out: number[] = [];
  const walk = (node: Node) => {
    const p = node.labels.map((_, s) => pay(node, b, s));
    const max = Math.max(...p);
    p.forEach((v, s) => {
      if (v < max - tol) return;
      const nx = node.next[s]!;
      if (typeof nx === "number") out.push(nx);
      else walk(nx);
    });
  };
  walk(root);
  return out;
}

/**
 * The benchmark-weight design of `entrants` sequential entrants in `space`.
 *
 * @throws InputError for a non-separable rule or a continuous space; WorkLimitError (`maxLpRows`)
 *   before the tree is built when the paths' LPs would exceed it.
 */
export async function sequentialWeightsDesign(
  market: Market,
  entrants: number,
  space: StrategySpace,
  ruleName: string,
  opts: OutcomeWeightsOptions,
): Promise<OutcomeWeightsDesign> {
  const rule = payoffRule(ruleName, "rule");
  separableTerm(rule);
  requireFiniteSpace(space, "the weight design");
  const T = market.tasks.length;
  const S = spaceSize(space, T);
  const rowsPer = entrants * (S - 1) + 1;
  // estimated before the tree is built: S^N paths, each with one LP
  checkWorkLimit(
    "maxLpRows",
    S ** entrants * rowsPer,
    opts.maxLpRows ?? DEFAULT_MAX_LP_ROWS,
    `LP rows (${S}^${entrants} entry paths x ${rowsPer} rows of ${T + 1} columns)`,
  );
  const { root, leaves } = entryTree(market, entrants, space, rule);

  const rows = (o: number): Float64Array[] =>
    leaves[o]!.steps.flatMap(({ node, s }) =>
      node.labels.flatMap((_, a) => {
        if (a === s) return [];
        const row = new Float64Array(T);
        for (let t = 0; t < T; t++) row[t] = node.terms[a * T + t]! - node.terms[s * T + t]!;
        return [row];
      }),
    );
  const at = (b: readonly number[]) => branchesAt(root, b, T, opts.tolerance);
  return outcomeWeightsDesign(
    {
      outcomes: "entry paths",
      count: leaves.length,
      label: (o) => leaves[o]!.label,
      welfare: (o) => leaves[o]!.welfare,
      rows,
      rowsPer,
      at,
      T,
      fallback: opts.lower.map((l, t) => Math.min(opts.upper[t]!, Math.max(l, market.tasks[t]!.weight))),
    },
    rule.name,
    opts,
  );
}
