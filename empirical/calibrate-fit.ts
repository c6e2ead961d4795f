/**
 * The noise fit itself (see `calibrate.ts`): the slope's log-likelihood (logit or probit regression
 * through the origin on the quality differences), its constrained maximum (`beta >= 0`, `sigma > 0`)
 * with boundary and separation cases reported as such, and the 95% profile-likelihood interval.
 *
 * Source: Y. Pawitan, In All Likelihood (2001), Sec. 2.6 and 9.5 (profile likelihood intervals);
 * A. Albert and J. A. Anderson, Biometrika 71 (1984) (separation: the MLE is infinite); D. McFadden
 * (1974) for the pseudo-R^2 `1 - l / l_constant`.
 */
import { InputError } from "../src/errors.js";
import { fixed } from "../src/numeric/format.js";
import { normalCdf, normalPdf, sigmoid } from "../src/numeric/normal.js";
import { logSigmoid } from "./ratings/newton.js";

/** Half the 95% chi-square(1) quantile: the profile interval is `l >= l_max - CHI2_95 / 2`. */
export const CHI2_95 = 3.841458820694124;

/** The noise models that can be fitted. */
export type NoiseModel = "logit" | "probit";

/** Judgements paired with quality differences, one entry per (model, opponent, task) cell. */
export interface NoiseObservations {
  /** Task names (common to the table and the judgements, in table order). */
  tasks: string[];
  task: number[];
  /** `q_a - q_b` on the cell's task. */
  d: number[];
  /** Wins of `a` plus half the ties. */
  s: number[];
  /** All judgements of the cell. */
  n: number[];
  a: string[];
  b: string[];
}

/** A fitted noise level. */
export interface NoiseFit {
  model: NoiseModel;
  /** `beta` (logit) or `sigma` (probit). */
  parameter: "beta" | "sigma";
  /**
   * The MLE under the constraint (`beta >= 0`, `sigma > 0`), or `null` when it is infinite
   * (`boundary: "infinite"`) or the fit did not converge.
   */
  value: number | null;
  /**
   * `zero`: the MLE is on the boundary 0 (logit: the judgements do not favour the better-scored model;
   * probit: separation, sigma = 0); `infinite`: it is infinite (logit: separation, beta = infinity;
   * probit: no signal, sigma = infinity); `null`: an interior maximum.
   */
  boundary: "zero" | "infinite" | null;
  /** 95% profile-likelihood interval; `upper` is `null` when unbounded (and both are `null` when skipped). */
  lower: number | null;
  upper: number | null;
  /** Standard error from the observed information (delta method for sigma). */
  standardError: number | null;
  logLikelihood: number;
  /** Total judgement weight. */
  judgements: number;
  cells: number;
  /** Log-likelihood per judgement of the fit, of the constant model `P = S / N`, and of a coin. */
  llPerJudgement: number;
  llConstantPerJudgement: number;
  llCoinPerJudgement: number;
  /** McFadden's pseudo-R^2 `1 - l / l_constant` (0: no better than the constant). */
  pseudoR2: number;
  /**
   * |dl/dslope| at the MLE, the slope being beta (logit) or `1 / (sigma sqrt 2)` (probit), in the units
   * of the differences: the convergence certificate (`converged` only when it is at most 1e-12 times the
   * summed `n |d|`; at the boundary 0 it is the slope's non-positive derivative there).
   */
  gradient: number;
  iterations: number;
  converged: boolean;
}

/** `log Phi(z)` (accurate in the lower tail: `normalCdf` has relative accuracy there). */
function logPhi(z: number): number {
  if (z < -37) return -0.5 * z * z - Math.log(-z) - 0.9189385332046727; // Mills-ratio asymptote
  return Math.log(normalCdf(z));
}

/** `phi(z) / Phi(z)`, the inverse Mills ratio. */
function millsInverse(z: number): number {
  if (z < -37) return -z; // asymptote
  return normalPdf(z) / normalCdf(z);
}

/** Log-likelihood and its first two derivatives in the slope `x` (beta for logit, gamma for probit). */
function likelihood(
  model: NoiseModel,
  obs: NoiseObservations,
  idx: readonly number[],
  x: number,
): [number, number, number] {
  let l = 0;
  let g = 0;
  let h = 0;
  for (const k of idx) {
    const d = obs.d[k]!;
    const s = obs.s[k]!;
    const n = obs.n[k]!;
    const z = x * d;
    if (model === "logit") {
      const p = sigmoid(z);
      l += s * logSigmoid(z) + (n - s) * logSigmoid(-z);
      g += d * (s - n * p);
      h -= n * d * d * p * (1 - p);
    } else {
      const l1 = millsInverse(z);
      const l2 = millsInverse(-z);
      l += s * logPhi(z) + (n - s) * logPhi(-z);
      g += d * (s * l1 - (n - s) * l2);
      h -= d * d * (s * l1 * (z + l1) + (n - s) * l2 * (-z + l2));
    }
  }
  return [l, g, h];
}

/** The slope's MLE by Newton with step halving (concave in the slope). */
function maximise(
  model: NoiseModel,
  obs: NoiseObservations,
  idx: readonly number[],
): { x: number; l: number; g: number; h: number; iterations: number; converged: boolean } {
  let scale = 0;
  for (const k of idx) scale += obs.n[k]! * Math.abs(obs.d[k]!);
  const tol = 1e-12 * Math.max(1, scale);
  let x = 0;
  let [l, g, h] = likelihood(model, obs, idx, x);
  let it = 0;
  while (Math.abs(g) > tol && it < 200) {
    it++;
    // Newton step when the curvature is informative, else a bounded gradient step
    let step = h < 0 ? -g / h : Math.sign(g);
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      const y = x + step;
      const [l2, g2, h2] = likelihood(model, obs, idx, y);
      if (Number.isFinite(l2) && l2 >= l - 1e-13 * Math.max(1, Math.abs(l))) {
        x = y;
        l = l2;
        g = g2;
        h = h2;
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted || Math.abs(x) > 1e8) break;
  }
  // a maximum is certified by a small, finite gradient only (a NaN or infinite one never converges)
  const converged = Number.isFinite(l) && Math.abs(g) <= tol && Math.abs(x) <= 1e8;
  return { x, l, g, h, iterations: it, converged };
}

/** The point where the log-likelihood falls to `target`, searching from `x0` in direction `dir`. */
function profileBound(
  model: NoiseModel,
  obs: NoiseObservations,
  idx: readonly number[],
  x0: number,
  target: number,
  dir: 1 | -1,
  width0: number,
): number {
  let inner = x0;
  let width = width0 > 0 && Number.isFinite(width0) ? width0 : 1;
  let outer = x0 + dir * width;
  let steps = 0;
  while (likelihood(model, obs, idx, outer)[0] > target) {
    inner = outer;
    width *= 2;
    outer = x0 + dir * width;
    if (++steps > 60 || Math.abs(outer) > 1e8) return dir * Number.POSITIVE_INFINITY;
  }
  // bisection: the likelihood is monotone on each side of the maximum
  for (let k = 0; k < 200 && Math.abs(outer - inner) > 1e-12 * Math.max(1, Math.abs(inner)); k++) {
    const mid = (inner + outer) / 2;
    if (likelihood(model, obs, idx, mid)[0] > target) inner = mid;
    else outer = mid;
  }
  return (inner + outer) / 2;
}

/**
 * Whether the judgements are separated by the quality differences: every cell with `d > 0` won by `a`
 * (all of it, ties counted half), every cell with `d < 0` won by `b`, and some cell with `d != 0`. Then
 * the log-likelihood increases in the slope without bound, and the MLE is `+infinity` (Albert and
 * Anderson 1984).
 */
function separated(obs: NoiseObservations, idx: readonly number[]): boolean {
  let informative = false;
  for (const k of idx) {
    const d = obs.d[k]!;
    const s = obs.s[k]!;
    const n = obs.n[k]!;
    if (d === 0 || !(n > 0)) continue;
    informative = true;
    if (d > 0 ? s < n : s > 0) return false;
  }
  return informative;
}

/** The slope where the (increasing) log-likelihood reaches `target`, searching up from 0. */
function rise(model: NoiseModel, obs: NoiseObservations, idx: readonly number[], target: number): number {
  if (likelihood(model, obs, idx, 0)[0] >= target) return 0;
  let lo = 0;
  let hi = 1;
  for (let k = 0; likelihood(model, obs, idx, hi)[0] < target; k++) {
    lo = hi;
    hi *= 2;
    if (k > 60) return Number.POSITIVE_INFINITY;
  }
  for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
    const mid = (lo + hi) / 2;
    if (likelihood(model, obs, idx, mid)[0] < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The MLE of the slope on `[0, infinity]` with its 95% profile interval (the model's constraint). */
function constrainedSlope(
  model: NoiseModel,
  obs: NoiseObservations,
  idx: readonly number[],
  withInterval: boolean,
): {
  m: ReturnType<typeof maximise>;
  x: number;
  lo: number;
  hi: number;
  boundary: "zero" | "infinite" | null;
} {
  if (separated(obs, idx)) {
    // the supremum: cells with d = 0 keep probability 1/2, every other cell tends to probability 1
    let sup = 0;
    for (const k of idx) if (obs.d[k] === 0) sup += obs.n[k]! * Math.log(0.5);
    const lo = withInterval ? rise(model, obs, idx, sup - CHI2_95 / 2) : Number.NaN;
    const [, g, h] = likelihood(model, obs, idx, Number.isFinite(lo) ? lo : 0);
    return {
      m: { x: Number.POSITIVE_INFINITY, l: sup, g, h, iterations: 0, converged: true },
      x: Number.POSITIVE_INFINITY,
      lo,
      hi: Number.POSITIVE_INFINITY,
      boundary: "infinite",
    };
  }
  const [l0, g0, h0] = likelihood(model, obs, idx, 0);
  if (g0 <= 0) {
    // concave with a non-positive slope at 0: the constrained maximum is on the boundary slope 0
    const hi = withInterval
      ? profileBound(model, obs, idx, 0, l0 - CHI2_95 / 2, 1, h0 < 0 ? 2 / Math.sqrt(-h0) : 1)
      : Number.NaN;
    return {
      m: { x: 0, l: l0, g: g0, h: h0, iterations: 0, converged: true },
      x: 0,
      lo: 0,
      hi,
      boundary: "zero",
    };
  }
  const m = maximise(model, obs, idx);
  const target = m.l - CHI2_95 / 2;
  const se = m.h < 0 ? 1 / Math.sqrt(-m.h) : Number.POSITIVE_INFINITY;
  let lo = m.converged && withInterval ? profileBound(model, obs, idx, m.x, target, -1, 2 * se) : Number.NaN;
  const hi = m.converged && withInterval ? profileBound(model, obs, idx, m.x, target, 1, 2 * se) : Number.NaN;
  if (lo < 0) lo = 0; // the interval lies in the parameter space
  return { m, x: m.x, lo, hi, boundary: null };
}

/** The slope's fit on `d / unit` in the units of `d` (the curvature's standard error kept apart: `h unit^2` may overflow). */
function unscale(
  c: ReturnType<typeof constrainedSlope>,
  unit: number,
): ReturnType<typeof constrainedSlope> & { se: number } {
  const m = { ...c.m, x: c.m.x / unit, g: c.m.g * unit, h: c.m.h * unit * unit };
  const se = c.m.h < 0 ? 1 / (Math.sqrt(-c.m.h) * unit) : Number.POSITIVE_INFINITY;
  return { m, x: c.x / unit, lo: c.lo / unit, hi: c.hi / unit, boundary: c.boundary, se };
}

/**
 * Fits one noise level to the observations `idx` (default all), on the differences divided by a power
 * of two near the largest (the fit is equivariant: only `slope * d` enters), so any finite scale fits:
 * MLE under the model's constraint
 * (`beta >= 0`; `sigma > 0`), 95% profile interval (skipped, `null` bounds, when `withInterval` is false:
 * the bootstrap's replicates need only the MLE), standard error, and goodness of fit against the
 * constant model. Two boundary cases are reported as such (`boundary`):
 *
 * - `zero`: the judgements do not favour the better-scored model (the slope's MLE would be negative):
 *   logit `beta = 0` with interval `0..U`; probit `sigma = infinity`, `value` null, lower bound `1 / (U sqrt 2)`.
 * - `infinite`: the quality differences separate the judgements (the better-scored model always wins):
 *   logit `beta = infinity`, `value` null, with the lower bound `L` where the log-likelihood is 1.92
 *   below its supremum (`lower`); probit `sigma = 0`, upper bound `1 / (L sqrt 2)`.
 *
 * @throws InputError when there are no observations, or a quality difference is not finite.
 * @example
 * const { obs } = noiseObservations(wildbenchTable, pairwise, { normalization: { kind: "minmax" } });
 * const fit = fitNoise(obs, "logit"); // { parameter: "beta", value: 4.30, lower: 4.26, upper: 4.34, boundary: null, ... }
 */
export function fitNoise(
  obs: NoiseObservations,
  model: NoiseModel = "logit",
  idx: readonly number[] = obs.d.map((_, k) => k),
  withInterval = true,
): NoiseFit {
  if (idx.length === 0) throw new InputError(undefined, "pairwise", "no judgements to fit the noise to");
  // Only the product slope * d enters the likelihood, so the fit runs on d / unit, unit the power of
  // two at or below the largest |d| (exact), and maps back (x / unit, gradient * unit): sums of
  // n |d| and the curvature stay finite whatever the scores' scale (1e300 and 1e-300 alike).
  let largest = 0;
  for (const k of idx) {
    const d = Math.abs(obs.d[k]!);
    if (!Number.isFinite(d))
      throw new InputError(
        undefined,
        "pairwise",
        `the quality difference of ${obs.a[k]} and ${obs.b[k]} is not finite`,
      );
    largest = Math.max(largest, d);
  }
  const unit = largest > 0 ? 2 ** Math.floor(Math.log2(largest)) : 1;
  const scaled = unit === 1 ? obs : { ...obs, d: obs.d.map((d) => d / unit) };
  const c = unscale(constrainedSlope(model, scaled, idx, withInterval), unit);
  let S = 0;
  let N = 0;
  for (const k of idx) {
    S += obs.s[k]!;
    N += obs.n[k]!;
  }
  const p0 = S / N;
  const l0 = (S > 0 ? S * Math.log(p0) : 0) + (N - S > 0 ? (N - S) * Math.log(1 - p0) : 0);
  const m = c.m;
  const interior = c.boundary === null;
  const se = interior ? c.se : Number.POSITIVE_INFINITY;
  let lo = c.lo;
  let hi = c.hi;
  let value: number | null = c.boundary === "infinite" ? null : m.converged ? c.x : null;
  let standardError: number | null = interior && m.converged && Number.isFinite(se) ? se : null;
  let boundary = c.boundary;
  if (model === "probit") {
    // sigma = 1 / (gamma sqrt 2), decreasing in gamma: the boundaries swap
    const toSigma = (gm: number) => (gm > 0 ? 1 / (gm * Math.SQRT2) : Number.POSITIVE_INFINITY);
    const sLo = toSigma(hi);
    const sHi = toSigma(lo);
    if (c.boundary === "infinite") {
      value = 0;
      boundary = "zero";
    } else if (c.boundary === "zero") {
      value = null;
      boundary = "infinite";
    } else if (value !== null) {
      standardError = standardError === null ? null : standardError / value / value / Math.SQRT2;
      value = toSigma(value);
    }
    lo = Number.isNaN(hi) ? Number.NaN : sLo;
    hi = Number.isNaN(c.lo) ? Number.NaN : sHi;
  }
  return {
    model,
    parameter: model === "logit" ? "beta" : "sigma",
    value,
    boundary,
    lower: Number.isNaN(lo) ? null : lo,
    upper: Number.isNaN(hi) || !Number.isFinite(hi) ? null : hi,
    standardError,
    logLikelihood: m.l,
    judgements: N,
    cells: idx.length,
    llPerJudgement: m.l / N,
    llConstantPerJudgement: l0 / N,
    llCoinPerJudgement: Math.log(0.5),
    pseudoR2: l0 < 0 ? 1 - m.l / l0 : 0,
    gradient: Math.abs(m.g),
    iterations: m.iterations,
    converged: m.converged,
  };
}

/**
 * The fitted value in words: `beta = 4.3012`, `beta = 0 (on the boundary: ...)`, `beta = infinity
 * (lower bound 12.1: ...)`, and the probit counterparts.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * describeNoiseValue({ parameter: "beta", value: null, boundary: "infinite", lower: 12.1, upper: null }); // "beta = infinity (lower bound 12.1000: ..."
 */
export function describeNoiseValue(
  fit: Pick<NoiseFit, "parameter" | "value" | "boundary" | "lower" | "upper">,
  digits = 4,
): string {
  const f = (x: number | null) => fixed(x, digits);
  const p = fit.parameter;
  if (fit.boundary === "infinite")
    return p === "beta"
      ? `beta = infinity (lower bound ${f(fit.lower)}: the better-scored model always wins, so the likelihood grows without bound)`
      : `sigma = infinity (lower bound ${f(fit.lower)}: the judgements do not favour the better-scored model; boundary of sigma > 0)`;
  if (fit.boundary === "zero")
    return p === "beta"
      ? `beta = 0 (on the boundary beta >= 0: the judgements do not favour the better-scored model; 95% profile interval 0..${f(fit.upper)})`
      : `sigma = 0 (upper bound ${f(fit.upper)}: the better-scored model always wins)`;
  if (fit.value === null) return `${p}: no maximum-likelihood value (not converged)`;
  return `${p} = ${f(fit.value)} (95% profile interval ${f(fit.lower)}..${f(fit.upper)})`;
}
