/**
 * The sampled one-parameter partition, for questions and families without an exact structure
 * (equilibria, sequential entry, continuous budgets, user families): the question is answered through
 * compare's question layer (`ruleChoice`) at equally spaced samples, and every pair of neighbouring
 * samples with different responses is bisected until the boundaries are located to
 * `parameterTolerance`. A region narrower than the sample step whose neighbours agree can be missed:
 * that step is the stated gap.
 */

import { DEFAULT_MAX_SOLVES } from "../../src/limits.js";
import { familyMember } from "../../src/model/payoffs.js";
import type { Market } from "../../src/model/types.js";
import { checkWorkLimit, type ProgressSink } from "../../src/work.js";
import { type CompareOptions, ruleChoice } from "../compare/index.js";
import { keyOf } from "./partition.js";
import type { DesignQuestion, DesignRegion, DesignResponse } from "./types.js";

export { DEFAULT_MAX_SOLVES };

/** What one sampled solve needs. */
export interface SampledSpec {
  family: string;
  parameter: string;
  params: Record<string, number>;
  text: Record<string, string>;
  lo: number;
  hi: number;
  samples: number;
  xTol: number;
  maxSolves: number;
  progress?: ProgressSink;
}

/**
 * Regions from samples and bisection, with the gap (the sample step).
 *
 * @throws WorkLimitError (`maxSolves`) when the samples alone exceed the limit, or the bisection would.
 * @throws InputError from the solvers.
 */
export function sampledPartition(
  market: Market,
  question: DesignQuestion,
  spec: SampledSpec,
  opts: CompareOptions,
): { regions: DesignRegion[]; gap: number; solves: number } {
  const { lo, hi, samples } = spec;
  const steps = Math.max(1, samples - 1);
  // each boundary costs about log2(step / xTol) solves; the estimate assumes one boundary per 10 steps
  const perBoundary = Math.ceil(Math.log2(Math.max(2, (hi - lo) / steps / spec.xTol)));
  checkWorkLimit(
    "maxSolves",
    samples + Math.ceil(steps / 10) * perBoundary,
    spec.maxSolves,
    "solves of the question",
  );
  let solves = 0;
  const at = (p: number): { key: string; responses: DesignResponse[] } => {
    solves++;
    checkWorkLimit("maxSolves", solves, spec.maxSolves, "solves of the question");
    spec.progress?.({ done: solves, unit: "solves" });
    const rule = familyMember(spec.family, { ...spec.params, [spec.parameter]: p }, spec.text, "family");
    const c = ruleChoice(market, question, rule, opts);
    const responses = c.outcomes.map((o) => ({ label: o.label, welfare: o.welfare }));
    // a mixed equilibrium's probabilities move with the parameter: regions are told apart by supports
    const key = keyOf(
      responses.map((r) => ({
        ...r,
        label: r.label.startsWith("mixed:") ? r.label.replace(/\b\d[\d.e+-]* (?=[{(])/g, "") : r.label,
      })),
    );
    return { key, responses };
  };
  const xs = Array.from({ length: steps + 1 }, (_, k) => (k === steps ? hi : lo + ((hi - lo) * k) / steps));
  const vals = xs.map(at);
  const pieces: { from: number; to: number; key: string; responses: DesignResponse[] }[] = [];
  const push = (from: number, to: number, v: { key: string; responses: DesignResponse[] }) => {
    const last = pieces[pieces.length - 1];
    if (last !== undefined && last.key === v.key) last.to = to;
    else pieces.push({ from, to, ...v });
  };
  const bisect = (a: number, va: (typeof vals)[0], b: number, vb: (typeof vals)[0]): void => {
    if (b - a <= spec.xTol) {
      push(a, a, va);
      push(a, b, vb);
      return;
    }
    const m = (a + b) / 2;
    const vm = at(m);
    if (vm.key !== va.key) bisect(a, va, m, vm);
    else push(a, m, va);
    if (vm.key !== vb.key) bisect(m, vm, b, vb);
    else push(m, b, vb);
  };
  push(lo, lo, vals[0]!);
  for (let k = 0; k < steps; k++) {
    const a = xs[k]!;
    const b = xs[k + 1]!;
    if (vals[k]!.key === vals[k + 1]!.key) push(a, b, vals[k]!);
    else bisect(a, vals[k]!, b, vals[k + 1]!);
  }
  const regions = pieces.map((p) => {
    const w = p.responses.map((r) => r.welfare);
    return {
      from: p.from,
      to: p.to,
      point: p.from === p.to,
      key: p.key,
      responses: p.responses,
      welfareWorst: w.length ? Math.min(...w) : Number.NaN,
      welfareBest: w.length ? Math.max(...w) : Number.NaN,
      optimal: false,
    };
  });
  return { regions, gap: (hi - lo) / steps, solves };
}
