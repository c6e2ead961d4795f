/**
 * The instruction-difficulty term of AlpacaEval's length-controlled GLM, fitted jointly over every
 * model's judgements (`lc-glm.ts` has the model and the sources: Dubois et al., "Length-Controlled
 * AlpacaEval", arXiv 2404.04475; tatsu-lab/alpaca_eval `notebooks/instruction_difficulty.ipynb`).
 */

import { sigmoid } from "../../src/numeric/normal.js";
import { inDirection, logisticSeparation, positiveDefinite } from "./lc-separation.js";
import { cholesky, choleskySolve } from "./linalg.js";
import { logSigmoid } from "./newton.js";
import type { LengthControlledReason } from "./types.js";

/**
 * The joint fit's separation programme is solved when its constraint matrix (judgements x twice the
 * parameters) has at most this many entries (javascript-lp-solver's tableau is dense).
 */
export const SEPARATION_MAX_ENTRIES = 200_000;

/** One model's judgements against the baseline: outcome for the model, weight, tanh feature, instruction. */
export interface DifficultyRows {
  y: number[];
  w: number[];
  t: number[];
  inst: number[];
}
/**
 * The joint fit `logit p = b_m + s_m t + d_i` over every model's rows (see the module comment), with
 * `d` of the first instruction fixed at 0 (the fit determines `d` up to a shift, which the per-model
 * intercepts absorb) and the result centred to mean 0. Instructions whose verdicts all went one way get
 * one virtual judgement at 1/2 (their maximum-likelihood difficulty is infinite). The coupling between
 * models and instructions is kept per row (rows sorted by instruction), so memory grows with the rows
 * and `(2M)^2`, and a step costs `(2M)^2` plus the squares of the rows per instruction. `I` is the
 * number of instructions (`inst` indexes them); `d` is in logits.
 *
 * @throws nothing (`lengthControlledWinRates` checks the inputs; a fit that stops short says so in
 *   `converged`)
 */
export function instructionDifficulty(
  all: readonly DifficultyRows[],
  I: number,
): {
  d: Float64Array;
  converged: boolean;
  iterations: number;
  gradientNorm: number;
  priorInstructions: number;
  reason: LengthControlledReason | null;
  separationChecked: boolean;
} {
  // Over 80 lines: value, gradient, the block-arrow information and its Schur solve share the per-row
  // arrays; split, they would pass a dozen of them
  const M2 = 2 * all.length;
  // the rows, flattened and sorted by instruction
  const rm: number[] = [];
  const ri: number[] = [];
  const rt: number[] = [];
  const ry: number[] = [];
  const rw: number[] = [];
  all.forEach((e, m) => {
    for (let q = 0; q < e.y.length; q++) {
      rm.push(m);
      ri.push(e.inst[q]!);
      rt.push(e.t[q]!);
      ry.push(e.y[q]!);
      rw.push(e.w[q]!);
    }
  });
  const R = rm.length;
  const order = Array.from({ length: R }, (_, r) => r).sort((x, y) => ri[x]! - ri[y]! || x - y);
  const start = new Int32Array(I + 1);
  for (const r of order) start[ri[r]! + 1]!++;
  for (let i = 0; i < I; i++) start[i + 1]! += start[i]!;
  const won = new Float64Array(I);
  const tot = new Float64Array(I);
  let W = 0;
  for (let r = 0; r < R; r++) {
    won[ri[r]!]! += rw[r]! * ry[r]!;
    tot[ri[r]!]! += rw[r]!;
    W += rw[r]!;
  }
  const prior = new Uint8Array(I);
  let priorInstructions = 0;
  for (let i = 0; i < I; i++)
    if (tot[i]! > 0 && (won[i]! <= 0 || won[i]! >= tot[i]!)) {
      prior[i] = 1;
      priorInstructions++;
    }
  // existence (Albert and Anderson 1984): the rows and the prior's virtual judgements not separated;
  // the terms of a separating direction, or null
  const cols = M2 + I;
  const priorRows = prior.reduce((s, x) => s + x, 0);
  const separationChecked = (R + priorRows) * 2 * cols <= SEPARATION_MAX_ENTRIES;
  const separation = (): string[] | null => {
    if (!separationChecked) return null;
    const x = new Float64Array((R + priorRows) * cols);
    const y: number[] = [];
    const w: number[] = [];
    for (let r = 0; r < R; r++) {
      x[r * cols + 2 * rm[r]!] = 1;
      x[r * cols + 2 * rm[r]! + 1] = rt[r]!;
      x[r * cols + M2 + ri[r]!] = 1;
      y.push(ry[r]!);
      w.push(rw[r]!);
    }
    let k = R;
    for (let i = 0; i < I; i++)
      if (prior[i]) {
        x[k++ * cols + M2 + i] = 1;
        y.push(0.5);
        w.push(0.5);
      }
    const v = logisticSeparation(x, cols, y, w);
    if (v === null) return null;
    const nonzero = (from: number, to: number, step: number) => {
      for (let j = from; j < to; j += step) if (inDirection(v, j)) return true;
      return false;
    };
    return [
      ...(nonzero(0, M2, 2) ? ["intercept"] : []),
      ...(nonzero(1, M2, 2) ? ["lengthSlope"] : []),
      ...(nonzero(M2, cols, 1) ? ["difficulty"] : []),
    ];
  };
  const none = (reason: LengthControlledReason) => ({
    d: new Float64Array(I).fill(Number.NaN),
    converged: false,
    iterations: 0,
    gradientNorm: Number.NaN,
    priorInstructions,
    reason,
    separationChecked,
  });
  const bm = new Float64Array(M2); // b_m at 2m, s_m at 2m + 1
  const d = new Float64Array(I);
  const curv = new Float64Array(R); // w p (1 - p) per row at the current point
  const evaluate = (xb: Float64Array, xd: Float64Array) => {
    let value = 0;
    const gb = new Float64Array(M2);
    const gd = new Float64Array(I);
    const A = new Float64Array(M2 * M2);
    const D = new Float64Array(I);
    const c = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      const m = rm[r]!;
      const i = ri[r]!;
      const t = rt[r]!;
      const z = xb[2 * m]! + xb[2 * m + 1]! * t + xd[i]!;
      const w = rw[r]!;
      const y = ry[r]!;
      value += w * (y * logSigmoid(z) + (1 - y) * logSigmoid(-z));
      const p = sigmoid(z);
      const res = w * (y - p);
      gb[2 * m]! += res;
      gb[2 * m + 1]! += res * t;
      gd[i]! += res;
      c[r] = w * p * (1 - p);
      A[2 * m * M2 + 2 * m]! += c[r]!;
      A[2 * m * M2 + 2 * m + 1]! += c[r]! * t;
      A[(2 * m + 1) * M2 + 2 * m]! += c[r]! * t;
      A[(2 * m + 1) * M2 + 2 * m + 1]! += c[r]! * t * t;
      D[i]! += c[r]!;
    }
    for (let i = 0; i < I; i++) {
      if (!prior[i]) continue;
      const z = xd[i]!;
      value += 0.5 * logSigmoid(z) + 0.5 * logSigmoid(-z);
      const p = sigmoid(z);
      gd[i]! += 0.5 - p;
      D[i]! += p * (1 - p);
    }
    gd[0] = 0; // the reference instruction
    return { value, gb, gd, A, D, c };
  };
  const norm = (gb: Float64Array, gd: Float64Array) => {
    let s = 0;
    for (const g of gb) s = Math.max(s, Math.abs(g));
    for (const g of gd) s = Math.max(s, Math.abs(g));
    return s;
  };
  const tolerance = 1e-10 * Math.max(1, W);
  let cur = evaluate(bm, d);
  let iterations = 0;
  while (iterations < 200 && norm(cur.gb, cur.gd) > tolerance) {
    iterations++;
    const { A, D, gb, gd, c } = cur;
    curv.set(c);
    // eliminate the diagonal instruction block: S = A - B D^-1 B^T, rhs = gb - B D^-1 gd, where row r
    // puts c_r at (2m, i) and c_r t_r at (2m + 1, i) of B
    const S = A.slice();
    const rhs = gb.slice();
    for (let i = 1; i < I; i++) {
      if (!(D[i]! > 0)) continue;
      const inv = 1 / D[i]!;
      for (let x = start[i]!; x < start[i + 1]!; x++) {
        const r = order[x]!;
        const u = 2 * rm[r]!;
        const bu0 = curv[r]!;
        const bu1 = curv[r]! * rt[r]!;
        rhs[u]! -= bu0 * inv * gd[i]!;
        rhs[u + 1]! -= bu1 * inv * gd[i]!;
        for (let y = start[i]!; y < start[i + 1]!; y++) {
          const s = order[y]!;
          const v = 2 * rm[s]!;
          const bv0 = curv[s]! * inv;
          const bv1 = curv[s]! * rt[s]! * inv;
          S[u * M2 + v]! -= bu0 * bv0;
          S[u * M2 + v + 1]! -= bu0 * bv1;
          S[(u + 1) * M2 + v]! -= bu1 * bv0;
          S[(u + 1) * M2 + v + 1]! -= bu1 * bv1;
        }
      }
    }
    if (iterations === 1) {
      // at the start every curvature is w / 4: S singular is the design's rank, not the likelihood's shape
      if (!positiveDefinite(S, M2)) {
        let judged = 0;
        for (let i = 1; i < I; i++) if (D[i]! > 0) judged++;
        return none({ code: "not-identified", parameters: M2 + judged });
      }
      const terms = separation();
      if (terms !== null) return none({ code: "separated", terms });
    }
    if (!cholesky(S, M2)) break;
    const stepB = choleskySolve(S, M2, rhs);
    const stepD = new Float64Array(I);
    for (let i = 1; i < I; i++) {
      if (!(D[i]! > 0)) continue;
      let s = gd[i]!;
      for (let x = start[i]!; x < start[i + 1]!; x++) {
        const r = order[x]!;
        s -= curv[r]! * (stepB[2 * rm[r]!]! + rt[r]! * stepB[2 * rm[r]! + 1]!);
      }
      stepD[i] = s / D[i]!;
    }
    let t = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 60 && !accepted; halvings++, t /= 2) {
      const nb = bm.map((x, u) => x + t * stepB[u]!);
      const nd = d.map((x, i) => x + t * stepD[i]!);
      const next = evaluate(nb, nd);
      if (Number.isFinite(next.value) && next.value >= cur.value - 1e-13 * Math.max(1, Math.abs(cur.value))) {
        bm.set(nb);
        d.set(nd);
        cur = next;
        accepted = true;
      }
    }
    if (!accepted) break;
  }
  const gradientNorm = norm(cur.gb, cur.gd);
  const mean = d.reduce((s, x) => s + x, 0) / Math.max(1, I);
  for (let i = 0; i < I; i++) d[i]! -= mean;
  const converged = gradientNorm <= tolerance;
  return {
    d,
    converged,
    iterations,
    gradientNorm,
    priorInstructions,
    reason: converged ? null : { code: "not-converged", iterations, gradientNorm },
    separationChecked,
  };
}
