/**
 * Change points of a one-dimensional rule-comparison sweep: where a rule's choice changes between two
 * grid points, located by bisection (two bisections per change, a tie band between them centred), in
 * the calling thread so that the answer does not depend on the number of workers.
 */
import { InputError } from "../../src/errors.js";
import { isFiniteSpace } from "../../src/model/strategies.js";
import type { Market } from "../../src/model/types.js";
import { type CompareOptions, type CompareQuestion, ruleChoice, WELFARE_RULE } from "./question.js";
import { INTEGER_PARAMETERS, type SweepAxis } from "./sweep-axis.js";
import { applyAll } from "./sweep-parameters.js";
import type { ChangePointsNote } from "./words.js";

/** The midpoint of `[a, b]` without overflow (`b - a` overflows for ends of opposite signs near 1.8e308). */
function midpoint(a: number, b: number): number {
  const d = b - a;
  return Number.isFinite(d) ? a + d / 2 : a / 2 + b / 2;
}

/** Where a rule's choice changes along a one-dimensional sweep. */
export interface ChangePoint {
  /** Rule name, or `welfare` for the welfare-optimal choice. */
  rule: string;
  parameter: string;
  /** The change point: midpoint of `[lower, upper]`. */
  value: number;
  /** Largest value found with the `before` choice. */
  lower: number;
  /** Smallest value found with the `after` choice (`upper - lower` is the bracket left). */
  upper: number;
  /** Choice key below and above. */
  before: string;
  after: string;
}

function finiteChoice(market: Market, q: CompareQuestion): boolean {
  switch (q.kind) {
    case "entry":
      return isFiniteSpace(q.entrant.space);
    case "sequential":
      return isFiniteSpace(q.space);
    case "replace": {
      const p = market.producers.find((x) => x.name === q.producer);
      const s = q.space ?? p?.space;
      return s !== undefined && isFiniteSpace(s);
    }
    case "equilibrium":
      return market.producers.every((p) => isFiniteSpace(p.space));
  }
}

/**
 * Locates where `keyAt` changes from `before` (at `lo`) to `after` (at `hi`): two bisections, one for
 * the end of the `before` region and one for the start of the `after` region, each to `tol` (integers:
 * to consecutive integers). A tie band between them (both choices within the tolerance) is centred.
 */
function locate(
  lo: number,
  hi: number,
  before: string,
  after: string,
  keyAt: (x: number) => string,
  tol: number,
  integer: boolean,
): { lower: number; upper: number; value: number } {
  const mid = (a: number, b: number) => (integer ? Math.floor((a + b) / 2) : midpoint(a, b));
  const done = (a: number, b: number) => (integer ? b - a <= 1 : b - a <= tol);
  let a = lo;
  let b = hi;
  // each step halves [a, b] (or shrinks it by at least one integer), so the loops end
  while (!done(a, b)) {
    const m = mid(a, b);
    if (m <= a || m >= b) break;
    if (keyAt(m) === before) a = m;
    else b = m;
  }
  const lower = a;
  let c = a;
  let d = hi;
  while (!done(c, d)) {
    const m = mid(c, d);
    if (m <= c || m >= d) break;
    if (keyAt(m) === after) d = m;
    else c = m;
  }
  const upper = d;
  return { lower, upper, value: integer ? upper : midpoint(lower, upper) };
}

/**
 * A grid point can land inside the tie band of a change (both choices tied, the choice is their
 * union): the two changes into and out of the tie are one change point, centred on the band.
 */
function mergeTies(cps: readonly ChangePoint[], integer: boolean): ChangePoint[] {
  const out: ChangePoint[] = [];
  for (const cp of cps) {
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.after === cp.before) {
      const union = new Set([...prev.before.split(" | "), ...cp.after.split(" | ")]);
      const mid = new Set(cp.before.split(" | "));
      if (union.size === mid.size && [...mid].every((x) => union.has(x))) {
        const lower = prev.lower;
        const upper = cp.upper;
        out[out.length - 1] = {
          ...prev,
          lower,
          upper,
          value: integer ? upper : midpoint(lower, upper),
          after: cp.after,
        };
        continue;
      }
    }
    out.push(cp);
  }
  return out;
}

/** The choice keys of one sweep point that the change points compare. */
export interface KeyedPoint {
  values: number[];
  rules: { rule: string; key: string }[];
  welfare: { key: string };
}

/**
 * The change points of a sweep whose `points` are computed, with the note saying why they were or
 * were not located and the bisection's width (`null` when no bisection ran).
 *
 * @throws InputError when `thresholdTolerance` is not positive, and from the solvers.
 */
export function changePointsOf(
  market: Market,
  question: CompareQuestion,
  rules: readonly string[],
  axes: readonly SweepAxis[],
  points: readonly KeyedPoint[],
  opts: CompareOptions & { familySeed?: string; thresholdTolerance?: number; noChangePoints?: boolean },
): { changePoints: ChangePoint[]; note: ChangePointsNote; tolerance: number | null } {
  const { thresholdTolerance, noChangePoints } = opts;
  const seed = opts.familySeed ?? "1";
  const changePoints: ChangePoint[] = [];
  let note: ChangePointsNote;
  let tol: number | null = null;
  if (axes.length !== 1) note = { code: "two-dimensional" };
  else if (noChangePoints) note = { code: "turned-off" };
  else if (!finiteChoice(market, question)) note = { code: "continuous-choice" };
  else {
    const axis = axes[0]!;
    const integer = INTEGER_PARAMETERS.has(axis.name);
    tol = integer ? 1 : (thresholdTolerance ?? 1e-12 * Math.max(1, Math.abs(axis.from), Math.abs(axis.to)));
    if (!(tol > 0)) throw new InputError(undefined, "thresholdTolerance", `must be > 0, got ${tol}`);
    const names = [...rules, WELFARE_RULE];
    for (const name of names) {
      const keyAt = (x: number): string => {
        const { market: m, question: q } = applyAll(market, question, axes, [x], seed);
        return ruleChoice(m, q, name === WELFARE_RULE ? null : name, opts).key;
      };
      const keyOf = (p: KeyedPoint) =>
        name === WELFARE_RULE ? p.welfare.key : p.rules.find((r) => r.rule === name)!.key;
      const found: ChangePoint[] = [];
      for (let i = 0; i + 1 < points.length; i++) {
        const k0 = keyOf(points[i]!);
        const k1 = keyOf(points[i + 1]!);
        if (k0 === k1) continue;
        const x0 = points[i]!.values[0]!;
        const x1 = points[i + 1]!.values[0]!;
        const lo = Math.min(x0, x1);
        const hi = Math.max(x0, x1);
        const [before, after] = x0 <= x1 ? [k0, k1] : [k1, k0];
        const loc = locate(lo, hi, before, after, keyAt, tol, integer);
        found.push({ rule: name, parameter: axis.name, ...loc, before, after });
      }
      changePoints.push(...mergeTies(found, integer));
    }
    note = integer ? { code: "integer" } : { code: "bisected", tolerance: tol };
  }
  return { changePoints, note, tolerance: tol };
}
