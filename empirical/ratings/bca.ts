/**
 * Bias-corrected and accelerated (BCa) bootstrap intervals for Bradley-Terry ratings (B. Efron, "Better
 * bootstrap confidence intervals", JASA 82, 1987; A. C. Davison and D. V. Hinkley, Bootstrap Methods
 * and their Application, 1997, Sec. 5.3.2). The interval is the pair of replicate quantiles
 *
 *   `alpha_1,2 = Phi(z0 + (z0 + z_a) / (1 - a (z0 + z_a)))` for `z_a = Phi^-1(0.025), Phi^-1(0.975)`,
 *
 * with the bias correction `z0 = Phi^-1(share of replicates below the estimate)` and the acceleration
 * `a = sum L^3 / (6 (sum L^2)^(3/2))` over the resampled units' empirical influence values `L`. For
 * the maximum-likelihood ratings the influence of one judgement of outcome `y` between `i` and `j` is
 * `(y - p_ij) J^+ (e_i - e_j)` (`J`: the observed information, a weighted graph Laplacian; `J^+` its
 * inverse on the anchored ratings), so no jackknife refits are needed. The units are what the scheme
 * redraws: judgements (`battles`), judgements centred within their stratum (`cells`, a stratified
 * bootstrap of each pair and task) or the sums over a cluster's judgements (`clusters:COLUMN`).
 *
 * Chosen by measured coverage (docs/pairwise.md, "Coverage, measured"): the percentile interval
 * under-covers on small logs (92.4 to 94.0 of nominal 95), since the maximum-likelihood ratings are
 * biased away from 0 and the replicates more so; BCa removes most of it. Where the influence values
 * are not available (Davidson's tie model, a fit with the weak prior, more than `BCA_MAX_MODELS`
 * models) the acceleration is taken as 0: the bias-corrected percentile interval.
 */
import type { PairwiseData } from "../../src/io/pairwise.js";
import { normalCdf, sigmoid } from "../../src/numeric/normal.js";
import { quantile } from "../quantile.js";
import { cellStratum, type ResampleScheme } from "../resample.js";
import { overallPicker, type TaskSelector } from "./comparisons.js";
import { cholesky, choleskyInverse } from "./linalg.js";
import type { Anchor } from "./types.js";

/** Above this many models the acceleration is not computed (a dense `n x n` inverse). */
export const BCA_MAX_MODELS = 500;

/**
 * The standard normal quantile `Phi^-1(p)`: P. J. Acklam's rational approximation (relative error
 * 1.15e-9) refined by one Halley step on `normalCdf`, so accurate to about 1e-15.
 *
 * @throws nothing (`p` outside (0, 1) gives -Infinity, Infinity or NaN).
 * @example
 * normalQuantile(0.975); // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  let x: number;
  if (p < 0.02425) x = tail(Math.sqrt(-2 * Math.log(p)));
  else if (p > 1 - 0.02425) x = -tail(Math.sqrt(-2 * Math.log(1 - p)));
  else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  // one Halley step: e = Phi(x) - p, x -= e / (phi(x) + x e / 2) with phi(x) = exp(-x^2/2) / sqrt(2 pi)
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/**
 * The 95% BCa interval of `estimate` from bootstrap `values` (non-finite values are left out) with
 * acceleration `a`; the percentile interval when every replicate lies on one side of the estimate.
 *
 * @throws nothing (no finite value gives NaN bounds).
 * @example
 * bcaInterval(0, [-2, -1, 0, 1, 2], 0); // { lower: -1.9, upper: 1.9 }
 */
export function bcaInterval(
  estimate: number,
  values: readonly number[],
  a: number,
): { lower: number; upper: number } {
  const v = values.filter((x) => Number.isFinite(x));
  let below = 0;
  for (const x of v) below += x < estimate ? 1 : x === estimate ? 0.5 : 0;
  const z0 = normalQuantile(below / v.length);
  if (!Number.isFinite(z0) || !Number.isFinite(a))
    return { lower: quantile(v, 0.025), upper: quantile(v, 0.975) };
  const level = (za: number) => normalCdf(z0 + (z0 + za) / (1 - a * (z0 + za)));
  return {
    lower: quantile(v, level(normalQuantile(0.025))),
    upper: quantile(v, level(normalQuantile(0.975))),
  };
}

/** The selector's cells, as `comparisonsFrom` picks them. */
function picker(data: PairwiseData, selector: TaskSelector): (task: number) => boolean {
  if ("task" in selector) {
    const t = data.tasks.indexOf(selector.task);
    return (x) => x === t;
  }
  return overallPicker(data);
}

/**
 * The acceleration of each model's BCa interval (see the module comment) for the Bradley-Terry fit
 * (ties half) of `data`'s `selector` cells with ratings `ratings` (logits, over `data.models`) and
 * groups `groups` (as `RatingFit.groups`), anchored by `anchor`, under the resampling `scheme`.
 *
 * @throws nothing for valid inputs of the declared types (too many models gives zeros).
 * @example
 * const data = parsePairwise("model_a,model_b,winner\nA,B,model_a\nB,A,model_a\nA,B,model_b\n");
 * ratingAccelerations(data, { overall: true }, [0.35, -0.35], [0, 0], { kind: "mean" }, { kind: "battles" }).length; // 2
 */
export function ratingAccelerations(
  data: PairwiseData,
  selector: TaskSelector,
  ratings: readonly number[],
  groups: readonly number[],
  anchor: Anchor,
  scheme: ResampleScheme,
): number[] {
  // Over 80 lines: the information, its inverse, the anchored influence per cell and the per-unit sums
  // share the cell list; split, they would pass the same arrays around
  const n = data.models.length;
  if (n > BCA_MAX_MODELS || ratings.some((r) => !Number.isFinite(r))) return new Array<number>(n).fill(0);
  const pick = picker(data, selector);
  const used = data.cells.map((c) => pick(c.task));
  // the information J (a weighted Laplacian), one model per group held at 0
  const info = new Float64Array(n * n);
  const total = (k: number) => {
    const c = data.cells[k]!;
    return c.winsA + c.winsB + c.ties + (c.soft?.w.reduce((s, w) => s + w, 0) ?? 0);
  };
  data.cells.forEach((c, k) => {
    if (!used[k]) return;
    const p = sigmoid(ratings[c.a]! - ratings[c.b]!);
    const w = total(k) * p * (1 - p);
    info[c.a * n + c.a]! += w;
    info[c.b * n + c.b]! += w;
    info[c.a * n + c.b]! -= w;
    info[c.b * n + c.a]! -= w;
  });
  const ref = new Map<number, number>();
  groups.forEach((g, k) => {
    if (!ref.has(g)) ref.set(g, k);
  });
  for (const k of ref.values()) {
    for (let u = 0; u < n; u++) info[k * n + u] = info[u * n + k] = 0;
    info[k * n + k] = 1;
  }
  if (!cholesky(info, n)) return new Array<number>(n).fill(0);
  const C = choleskyInverse(info, n);
  for (const k of ref.values()) C[k * n + k] = 0;
  const anchorModel = anchor.kind === "model" ? data.models.indexOf(anchor.model) : -1;
  // the anchored inverse: anchoring is linear, so J^+ (e_a - e_b) anchored is the difference of the
  // anchored columns a and b
  const members = new Map<number, number[]>();
  groups.forEach((g, k) => {
    members.set(g, [...(members.get(g) ?? []), k]);
  });
  for (let col = 0; col < n; col++)
    for (const [g, ms] of members) {
      const shift =
        anchorModel !== -1 && groups[anchorModel] === g
          ? C[anchorModel * n + col]!
          : ms.reduce((s, u) => s + C[u * n + col]!, 0) / ms.length;
      for (const u of ms) C[u * n + col]! -= shift;
    }
  const third = new Float64Array(n);
  const second = new Float64Array(n);
  // plain products, not `**`: this loop runs once per cell outcome over every model
  const addUnit = (L: Float64Array, w: number) => {
    for (let u = 0; u < n; u++) {
      const l = L[u]!;
      const l2 = l * l;
      third[u]! += w * l2 * l;
      second[u]! += w * l2;
    }
  };
  /** Calls `f(y, weight)` for each outcome of cell `k` with positive weight (`y`: 1 when the cell's `a` won). */
  const eachOutcome = (k: number, f: (y: number, w: number) => void) => {
    const c = data.cells[k]!;
    if (c.winsA > 0) f(1, c.winsA);
    if (c.winsB > 0) f(0, c.winsB);
    if (c.ties > 0) f(0.5, c.ties);
    if (c.soft !== undefined)
      for (let q = 0; q < c.soft.p.length; q++) if (c.soft.w[q]! > 0) f(c.soft.p[q]!, c.soft.w[q]!);
  };
  const influence = (k: number, y: number, into: Float64Array, scale: number) => {
    const c = data.cells[k]!;
    const r = (y - sigmoid(ratings[c.a]! - ratings[c.b]!)) * scale;
    for (let u = 0; u < n; u++) into[u]! += r * (C[u * n + c.a]! - C[u * n + c.b]!);
  };
  if (scheme.kind === "clusters" && data.clusters !== undefined) {
    const cl = data.clusters;
    const Y = [1, 0.5, 0];
    const L = new Float64Array(n);
    for (let g = 0; g < cl.count; g++) {
      L.fill(0);
      for (let q = cl.start[g]!; q < cl.start[g + 1]!; q++)
        if (used[cl.cell[q]!])
          influence(cl.cell[q]!, cl.kind[q] === 3 ? cl.p[q]! : Y[cl.kind[q]!]!, L, cl.w[q]!);
      addUnit(L, 1);
    }
  } else {
    // cells: a stratified bootstrap, so the influence is centred within the stratum (pair and task)
    const means = new Map<number, Float64Array>();
    if (scheme.kind === "cells") {
      const weight = new Map<number, number>();
      data.cells.forEach((c, k) => {
        if (!used[k]) return;
        const key = cellStratum(c, n);
        weight.set(key, (weight.get(key) ?? 0) + total(k));
      });
      data.cells.forEach((c, k) => {
        if (!used[k]) return;
        const key = cellStratum(c, n);
        const mean = means.get(key) ?? new Float64Array(n);
        means.set(key, mean);
        eachOutcome(k, (y, x) => influence(k, y, mean, x / weight.get(key)!));
      });
    }
    // one buffer for every outcome's influence: the column difference C e_a - C e_b once per cell,
    // each outcome's influence its multiple (the same products as `influence`, so the same bits)
    const diff = new Float64Array(n);
    const L = new Float64Array(n);
    data.cells.forEach((c, k) => {
      if (!used[k]) return;
      const mean = means.get(cellStratum(c, n));
      for (let u = 0; u < n; u++) diff[u] = C[u * n + c.a]! - C[u * n + c.b]!;
      const p = sigmoid(ratings[c.a]! - ratings[c.b]!);
      eachOutcome(k, (y, w) => {
        const r = y - p;
        if (mean === undefined) for (let u = 0; u < n; u++) L[u] = r * diff[u]!;
        else for (let u = 0; u < n; u++) L[u] = r * diff[u]! - mean[u]!;
        addUnit(L, w);
      });
    });
  }
  return Array.from({ length: n }, (_, u) =>
    second[u]! > 0 ? third[u]! / (6 * second[u]! * Math.sqrt(second[u]!)) : 0,
  );
}
