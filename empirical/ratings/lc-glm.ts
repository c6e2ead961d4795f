/**
 * AlpacaEval's length-controlled win rate (Y. Dubois, B. Galambosi, P. Liang, T. B. Hashimoto,
 * "Length-Controlled AlpacaEval", arXiv 2404.04475; tatsu-lab/alpaca_eval
 * src/alpaca_eval/metrics/glm_winrate.py, its `length_controlled_v1` GLM, and
 * notebooks/instruction_difficulty.ipynb for the difficulty term).
 *
 * Per model against the baseline, on instruction `i` (`p` = the probability that the model wins):
 *
 *   `logit p = theta + phi tanh(delta_i / sd(delta)) + psi d_i`
 *
 * with `delta_i` the baseline's output length minus the model's, in characters, `sd` its sample
 * standard deviation over the model's judgements, and `d_i` the instruction's difficulty. The
 * length-controlled win rate is the model's predicted win rate at equal lengths, averaged over its
 * instructions: `100 mean_i sigmoid(theta + psi d_i)`.
 *
 * The difficulty `d_i` is AlpacaEval's joint fit: one logistic model over every model's judgements
 * with a per-model intercept, a per-model length slope and a per-instruction effect
 * (`logit p = b_m + s_m tanh(delta / sd_m) + d_i`); the per-instruction effects are the difficulties.
 * AlpacaEval ran that fit once on its models of early 2024 and ships the result; here it is fitted on
 * the judgements given (its notebook reports that difficulties fitted on different model sets agree
 * closely, and the GLM's properties do not depend on them). Newton's method with the instruction block
 * eliminated (it is diagonal), so a step costs `(2M)^2` per instruction when every model judged every
 * instruction (AlpacaEval), and far less on a sparse log.
 *
 * Regularisation: AlpacaEval adds the judgements of two deliberately verbose and concise versions of
 * the baseline ("gamed" baselines), with the length and difficulty terms but no intercept, at weight
 * `lambda / 2` each (`lambda` = 0.2), which pulls `phi` and `psi` towards values that explain length
 * gaming. `gamed` names them when the log holds them. AlpacaEval also fits with an L1 penalty chosen by
 * 5-fold cross-validation (scikit-learn's `LogisticRegressionCV`, liblinear); this is the plain
 * maximum-likelihood fit (the penalty's selected strength is small against 805 judgements).
 */
import { InputError } from "../../src/errors.js";
import type { ControlRows, PairwiseData } from "../../src/io/pairwise.js";
import { sigmoid } from "../../src/numeric/normal.js";
import { cholesky, choleskySolve } from "./linalg.js";
import { logSigmoid, newtonAscent } from "./newton.js";

/** One model's length-controlled win rate against the baseline. */
export interface LengthControlledRow {
  model: string;
  /** Raw win rate in percent (ties and draws half, soft preferences as their probability). */
  winRate: number;
  /** `100 mean_i sigmoid(theta + psi d_i)`: the predicted win rate at equal lengths, in percent. */
  lengthControlledWinRate: number;
  /** AlpacaEval's `lc_standard_error`: 100 x the standard error of the mean of the per-instruction predictions. */
  lcStandardError: number;
  /** `theta`, `phi` and `psi` of the GLM (`psi` is 0 without the difficulty term). */
  intercept: number;
  lengthSlope: number;
  difficultySlope: number;
  judgements: number;
  converged: boolean;
}

/** The length-controlled board and how its difficulty term was obtained. */
export interface LengthControlledResult {
  baseline: string;
  rows: LengthControlledRow[];
  /** `null` without the difficulty term (the judgements carry no instruction column). */
  difficulty: {
    instructions: number;
    models: number;
    converged: boolean;
    iterations: number;
    gradientNorm: number;
    /** Instructions whose verdicts all went one way: a weak prior keeps their difficulty finite. */
    priorInstructions: number;
  } | null;
  /** The gamed baselines used for the regularisation (empty: none). */
  gamed: string[];
}

/** Options of `lengthControlledWinRates`. */
export interface LengthControlledOptions {
  /** Use the instruction-difficulty term (default: when the judgements were read with an instruction column). */
  difficulty?: boolean;
  /** Models of the log that are the baseline's gamed versions (AlpacaEval: `BASELINE_verbose`, `BASELINE_concise`). */
  gamed?: string[];
  /** The gamed baselines' total weight (AlpacaEval: 0.2). */
  regularization?: number;
}

/** One model's judgements against the baseline: outcome for the model, weight, tanh feature, instruction. */
interface ModelRows {
  model: number;
  y: number[];
  w: number[];
  t: number[];
  inst: number[];
}

function rowsAgainst(data: PairwiseData, ctl: ControlRows, base: number, baseline: string): ModelRows[] {
  const k = ctl.names.indexOf("length");
  const K = ctl.names.length;
  const per = new Map<number, ModelRows & { delta: number[] }>();
  for (let r = 0; r < ctl.a.length; r++) {
    const a = ctl.a[r]!;
    const b = ctl.b[r]!;
    if (a !== base && b !== base) continue;
    const model = a === base ? b : a;
    const lb = a === base ? ctl.valuesA[r * K + k]! : ctl.valuesB[r * K + k]!;
    const lm = a === base ? ctl.valuesB[r * K + k]! : ctl.valuesA[r * K + k]!;
    let e = per.get(model);
    if (e === undefined) {
      e = { model, y: [], w: [], t: [], inst: [], delta: [] };
      per.set(model, e);
    }
    e.y.push(a === base ? 1 - ctl.outcome[r]! : ctl.outcome[r]!);
    e.w.push(ctl.weight[r]!);
    e.delta.push(lb - lm);
    e.inst.push(ctl.cluster?.[r] ?? -1);
  }
  return [...per.values()].map((e) => {
    const R = e.delta.length;
    const mean = e.delta.reduce((s, x) => s + x, 0) / R;
    // AlpacaEval standardises by the sample standard deviation (pandas' default, R - 1)
    const sd = Math.sqrt(e.delta.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, R - 1));
    if (!(sd > 0))
      throw new InputError(
        data.file,
        "length",
        `the lengths of ${data.models[e.model]} and ${baseline} always differ by the same amount`,
      );
    return { model: e.model, y: e.y, w: e.w, inst: e.inst, t: e.delta.map((d) => Math.tanh(d / sd)) };
  });
}

/**
 * AlpacaEval's length-controlled win rate of every model against `baseline` (see the module comment),
 * from judgements read with `controls: ["length"]` and, for the difficulty term, with the instruction
 * as cluster column (`cluster: "instruction_id"`).
 *
 * @throws InputError when the data have no `length` control, the baseline or a gamed model is
 *   unknown, a model's lengths never differ, or the difficulty term is asked for without instructions.
 * @example
 * const data = readPairwise("data/alpacaeval2_annotations_partial.csv", { controls: ["length"], cluster: "instruction_id" });
 * lengthControlledWinRates(data, "gpt4_1106_preview").difficulty!.instructions; // 805
 */
export function lengthControlledWinRates(
  data: PairwiseData,
  baseline: string,
  opts: LengthControlledOptions = {},
): LengthControlledResult {
  const ctl = data.controls;
  if (ctl === undefined || !ctl.names.includes("length"))
    throw new InputError(data.file, "controls", 'the length-controlled win rate needs the "length" control');
  const base = data.models.indexOf(baseline);
  if (base === -1) throw new InputError(data.file, "baseline", `unknown model "${baseline}"`);
  const withDifficulty = opts.difficulty ?? ctl.cluster !== undefined;
  if (withDifficulty && ctl.cluster === undefined)
    throw new InputError(
      data.file,
      "difficulty",
      "the instruction-difficulty term needs the judgements read with their instruction column (cluster)",
    );
  const all = rowsAgainst(data, ctl, base, baseline);
  const gamedIdx = (opts.gamed ?? []).map((g) => {
    const e = all.find((x) => data.models[x.model] === g);
    if (e === undefined)
      throw new InputError(data.file, "gamed", `no judgements of "${g}" against ${baseline}`);
    return e;
  });
  const nInst = ctl.clusterNames?.length ?? 0;
  const diff = withDifficulty ? instructionDifficulty(all, nInst) : null;
  const d = diff?.d ?? new Float64Array(0);
  const lambda = opts.regularization ?? 0.2;
  const rows = all.map((e) => fitOne(data.models[e.model]!, e, gamedIdx, d, withDifficulty, lambda));
  return {
    baseline,
    rows,
    difficulty:
      diff === null
        ? null
        : {
            instructions: nInst,
            models: all.length,
            converged: diff.converged,
            iterations: diff.iterations,
            gradientNorm: diff.gradientNorm,
            priorInstructions: diff.priorInstructions,
          },
    gamed: (opts.gamed ?? []).slice(),
  };
}

/** The per-model GLM: features (1, tanh, d) on the model's rows, (0, tanh, d) at weight lambda/2 on the gamed rows. */
function fitOne(
  name: string,
  e: ModelRows,
  gamed: readonly ModelRows[],
  d: Float64Array,
  withDifficulty: boolean,
  lambda: number,
): LengthControlledRow {
  const P = withDifficulty ? 3 : 2;
  const parts: Array<{ r: ModelRows; scale: number; own: boolean }> = [{ r: e, scale: 1, own: true }];
  // as AlpacaEval: every gamed baseline's rows, also when the model fitted is one of them
  for (const g of gamed) parts.push({ r: g, scale: lambda / gamed.length, own: false });
  let W = 0;
  let Y = 0;
  for (let q = 0; q < e.y.length; q++) {
    W += e.w[q]!;
    Y += e.w[q]! * e.y[q]!;
  }
  const x = new Float64Array(3);
  const res = newtonAscent(
    (v) => {
      let value = 0;
      const g = new Float64Array(P);
      const h = new Float64Array(P * P);
      for (const { r, scale, own } of parts)
        for (let q = 0; q < r.y.length; q++) {
          x[0] = own ? 1 : 0;
          x[1] = r.t[q]!;
          x[2] = withDifficulty ? d[r.inst[q]!]! : 0;
          let z = 0;
          for (let u = 0; u < P; u++) z += v[u]! * x[u]!;
          const w = scale * r.w[q]!;
          const y = r.y[q]!;
          value += w * (y * logSigmoid(z) + (1 - y) * logSigmoid(-z));
          const p = sigmoid(z);
          const c = w * p * (1 - p);
          for (let u = 0; u < P; u++) {
            g[u]! += w * (y - p) * x[u]!;
            for (let s = 0; s < P; s++) h[u * P + s]! -= c * x[u]! * x[s]!;
          }
        }
      return { value, gradient: g, hessian: h };
    },
    new Float64Array(P),
    { tolerance: 1e-10 * Math.max(1, W), maxIterations: 200 },
  );
  const theta = res.x[0]!;
  const psi = withDifficulty ? res.x[2]! : 0;
  // AlpacaEval averages the prediction at equal length over the model's instructions, unweighted
  const pred = e.inst.map((i) => sigmoid(theta + (withDifficulty ? psi * d[i]! : 0)));
  const mean = pred.reduce((s, p) => s + p, 0) / pred.length;
  const sd = Math.sqrt(pred.reduce((s, p) => s + (p - mean) ** 2, 0) / Math.max(1, pred.length - 1));
  return {
    model: name,
    winRate: (100 * Y) / W,
    lengthControlledWinRate: 100 * mean,
    lcStandardError: (100 * sd) / Math.sqrt(pred.length),
    intercept: theta,
    lengthSlope: res.x[1]!,
    difficultySlope: psi,
    judgements: W,
    converged: res.converged,
  };
}

/**
 * The joint fit `logit p = b_m + s_m t + d_i` over every model's rows (see the module comment), with
 * `d` of the first instruction fixed at 0 (the fit determines `d` up to a shift, which the per-model
 * intercepts absorb) and the result centred to mean 0. Instructions whose verdicts all went one way get
 * one virtual judgement at 1/2 (their maximum-likelihood difficulty is infinite). The coupling between
 * models and instructions is kept per row (rows sorted by instruction), so memory grows with the rows
 * and `(2M)^2`, and a step costs `(2M)^2` plus the squares of the rows per instruction.
 */
function instructionDifficulty(
  all: readonly ModelRows[],
  I: number,
): {
  d: Float64Array;
  converged: boolean;
  iterations: number;
  gradientNorm: number;
  priorInstructions: number;
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
  return { d, converged: gradientNorm <= tolerance, iterations, gradientNorm, priorInstructions };
}
