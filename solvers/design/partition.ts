/**
 * The exact one-parameter partition of a rule family for entry and replacement with a finite space
 * (docs/design.md, "What guarantees the partition"). With the other producers fixed, strategy `s`'s
 * payoff is a known function of the parameter:
 *
 * - `mix:lambda`: `lambda P1(s) + (1 - lambda) P2(s)`, linear; two strategies swap at most once.
 * - `power-winrate:alpha`: `sum_t b_t pi_t(s) (q_t(s)/v_t)^alpha = sum_t c_t exp(alpha ln(q_t/v_t))`,
 *   an exponential sum; the difference of two strategies is one too, and its zeros are isolated
 *   exactly (roots.ts: Descartes' rule for exponential sums, Rolle). Terms with `q_t = 0` count only at
 *   `alpha = 0` (`0^0 = 1`), so `alpha = 0` is evaluated as a point of its own and the trace runs on
 *   the continuous extension without them.
 * - `threshold-winrate:tau`: a step function of `tau` that changes only at the ratios `q_t/v_t` (plus
 *   the tie tolerance): those are the boundaries.
 *
 * The upper envelope is traced from the left end: the leader just right of `p` is the payoff maximiser
 * at `p` (ties broken by the order just right of `p`, from the tied strategies' own crossings), and
 * the next boundary is the first zero of (other - leader) after `p`, over every other strategy. Every
 * boundary is located to `parameterTolerance`; every region's response is then the set of strategies
 * within the payoff tolerance of the best at the region's midpoint (or at the point).
 */
import { InputError } from "../../src/errors.js";
import type { RuleFamily } from "../../src/model/payoffs.js";
import { payoffRule } from "../../src/model/payoffs.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";
import { WorkLimitError } from "../../src/work.js";
import { expSumZeros } from "./roots.js";
import { type ResponseTable, tablePayoffs } from "./table.js";
import type { DesignRegion, DesignResponse } from "./types.js";

/** Payoffs of the table's strategies as functions of one parameter. */
export interface Parametric {
  /** Number of strategies. */
  readonly S: number;
  /** The payoff at `p` (true value). */
  at(s: number, p: number): number;
  /** The continuous extension on the range (equal to `at` except where the family jumps). */
  cont(s: number, p: number): number;
  /** Zeros of `cont(s2, .) - cont(s, .)` in `[a, b]`, ascending (`[]` when identical). */
  zeros(s: number, s2: number, a: number, b: number): number[];
  /** Step families: the boundaries themselves (no trace needed). */
  steps?: (lo: number, hi: number) => number[];
}

/** Cancellation bound for payoff coefficients (payoffs are at most `max(1, max cap)`). */
const ZERO = 1e-15;

/** The families whose partition is exact, and their parameter. */
export const EXACT_FAMILIES: Readonly<Record<string, string>> = {
  "power-winrate": "alpha",
  "threshold-winrate": "tau",
  mix: "lambda",
};

/**
 * The payoffs of `tab` under `family` as functions of `parameter`, or `undefined` when no exact
 * structure is known (user families, other parameters).
 *
 * @throws InputError from the family's rules (`mix` with unknown rules).
 */
export function parametric(
  tab: ResponseTable,
  family: RuleFamily,
  parameter: string,
  text: Readonly<Record<string, string>>,
): Parametric | undefined {
  if (EXACT_FAMILIES[family.name] !== parameter) return undefined;
  const { S, T, b, pi, ratio } = tab;
  if (family.name === "mix") {
    const names = (text.rules ?? "").split("+");
    if (names.length !== 2) throw new InputError(undefined, "rules", "mix needs rules=R1+R2");
    const p1 = tablePayoffs(tab, payoffRule(names[0]!, "rules"));
    const p2 = tablePayoffs(tab, payoffRule(names[1]!, "rules"));
    const f = (s: number, l: number) => l * p1[s]! + (1 - l) * p2[s]!;
    return {
      S,
      at: f,
      cont: f,
      zeros: (s, s2, a, z) => {
        // (p2[s2] - p2[s]) + l ((p1[s2] - p2[s2]) - (p1[s] - p2[s])) = A + l B
        const A = p2[s2]! - p2[s]!;
        const B = p1[s2]! - p2[s2]! - (p1[s]! - p2[s]!);
        if (Math.abs(B) <= ZERO) return [];
        const r = -A / B;
        return r >= a && r <= z ? [r] : [];
      },
    };
  }
  if (family.name === "power-winrate") {
    const cont = (s: number, a: number) => {
      let v = 0;
      for (let t = 0; t < T; t++) {
        const r = ratio[s * T + t]!;
        if (r > 0) v += b[t]! * pi[s * T + t]! * r ** a;
      }
      return v;
    };
    return {
      S,
      cont,
      at: (s, a) => {
        if (a !== 0) return cont(s, a);
        let v = 0;
        for (let t = 0; t < T; t++) v += b[t]! * pi[s * T + t]!;
        return v;
      },
      zeros: (s, s2, a, z) => {
        const terms: { c: number; e: number }[] = [];
        for (let t = 0; t < T; t++) {
          const r2 = ratio[s2 * T + t]!;
          const r1 = ratio[s * T + t]!;
          if (r2 > 0) terms.push({ c: b[t]! * pi[s2 * T + t]!, e: Math.log(r2) });
          if (r1 > 0) terms.push({ c: -b[t]! * pi[s * T + t]!, e: Math.log(r1) });
        }
        return expSumZeros(terms, a, z, Math.max(1e-13, Math.abs(z) * 1e-13), ZERO);
      },
    };
  }
  // threshold-winrate: a win counts when r + RELATIVE_TOLERANCE >= tau (the rule's own test)
  const counts = (s: number, tau: number) => {
    let v = 0;
    for (let t = 0; t < T; t++)
      if (ratio[s * T + t]! + RELATIVE_TOLERANCE >= tau) v += b[t]! * pi[s * T + t]!;
    return v;
  };
  return {
    S,
    at: counts,
    cont: counts,
    zeros: () => [],
    steps: (lo, hi) => {
      const xs = new Set<number>();
      for (let k = 0; k < ratio.length; k++) {
        const x = ratio[k]! + RELATIVE_TOLERANCE;
        if (x > lo && x < hi) xs.add(x);
      }
      return [...xs].sort((x, y) => x - y);
    },
  };
}

/** Indices within `tol` of the largest value of `f`. */
function argmaxTol(S: number, f: (s: number) => number, tol: number): number[] {
  const v = Array.from({ length: S }, (_, s) => f(s));
  const max = Math.max(...v);
  return v.flatMap((x, s) => (x >= max - tol ? [s] : []));
}

/**
 * Boundaries of the upper envelope of `par` on `[lo, hi]` (see the file comment).
 *
 * @throws WorkLimitError (`maxBoundaries`) when the envelope has more boundaries than the limit.
 */
export function envelopeBoundaries(
  par: Parametric,
  lo: number,
  hi: number,
  tol: number,
  xTol: number,
  maxBoundaries = 100_000,
): number[] {
  if (par.steps !== undefined) return par.steps(lo, hi);
  const out: number[] = [];
  let p = lo;
  const firstZeroAfter = (s: number, s2: number, from: number): number => {
    for (const z of par.zeros(s, s2, from, hi)) if (z > from + xTol) return z;
    return Number.POSITIVE_INFINITY;
  };
  for (;;) {
    const cand = argmaxTol(par.S, (s) => par.cont(s, p), tol);
    let leader = cand[0]!;
    if (cand.length > 1) {
      // the order just right of p among the tied: constant up to their first crossing after p
      let r1 = hi;
      for (let i = 0; i < cand.length; i++)
        for (let j = i + 1; j < cand.length; j++) r1 = Math.min(r1, firstZeroAfter(cand[i]!, cand[j]!, p));
      const m = (p + r1) / 2;
      for (const s of cand) if (par.cont(s, m) > par.cont(leader, m)) leader = s;
    }
    let next = Number.POSITIVE_INFINITY;
    for (let s2 = 0; s2 < par.S; s2++)
      if (s2 !== leader) next = Math.min(next, firstZeroAfter(leader, s2, p));
    if (!(next < hi - xTol)) return out;
    out.push(next);
    if (out.length > maxBoundaries)
      throw new WorkLimitError("maxBoundaries", out.length, maxBoundaries, "region boundaries");
    p = next;
  }
}

/**
 * Regions of `[lo, hi]` cut at `boundaries`: each open piece's response at its midpoint, each point's
 * at the point, neighbours with the same response merged.
 *
 * @throws nothing for valid inputs.
 */
export function regionsFrom(
  boundaries: readonly number[],
  lo: number,
  hi: number,
  respond: (p: number) => DesignResponse[],
): DesignRegion[] {
  const cuts = [lo, ...boundaries, hi];
  const pieces: { from: number; to: number; responses: DesignResponse[] }[] = [];
  for (let k = 0; k < cuts.length; k++) {
    const x = cuts[k]!;
    if (k > 0 && x === cuts[k - 1]) continue;
    pieces.push({ from: x, to: x, responses: respond(x) });
    const y = cuts[k + 1];
    if (y !== undefined && y > x) pieces.push({ from: x, to: y, responses: respond((x + y) / 2) });
  }
  const out: DesignRegion[] = [];
  for (const piece of pieces) {
    const key = keyOf(piece.responses);
    const last = out[out.length - 1];
    if (last !== undefined && last.key === key) {
      last.to = piece.to;
      last.point = last.from === last.to;
      continue;
    }
    const w = piece.responses.map((r) => r.welfare);
    out.push({
      from: piece.from,
      to: piece.to,
      point: piece.from === piece.to,
      key,
      responses: piece.responses,
      welfareWorst: Math.min(...w),
      welfareBest: Math.max(...w),
      optimal: false,
    });
  }
  return out;
}

/** Canonical text of a response set. */
export function keyOf(responses: readonly DesignResponse[]): string {
  return responses
    .map((r) => r.label)
    .sort()
    .join(" | ");
}

/**
 * The exact partition of `[lo, hi]` for a finite response table.
 *
 * @throws WorkLimitError from `envelopeBoundaries`.
 */
export function exactPartition(
  tab: ResponseTable,
  par: Parametric,
  lo: number,
  hi: number,
  tol: number,
  xTol: number,
): DesignRegion[] {
  const boundaries = envelopeBoundaries(par, lo, hi, tol, xTol);
  return regionsFrom(boundaries, lo, hi, (p) =>
    argmaxTol(par.S, (s) => par.at(s, p), tol).map((s) => ({
      label: tab.labels[s]!,
      welfare: tab.welfare[s]!,
    })),
  );
}
