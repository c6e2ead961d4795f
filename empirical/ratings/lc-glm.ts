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
 * AlpacaEval ran that fit once on its models of early 2024 and ships the result
 * (`instruction_difficulty.csv`, shipped here as `data/alpacaeval2_instruction_difficulty.csv`):
 * `instructionDifficulty` takes those. Without it the fit runs on the judgements given (its notebook
 * reports that difficulties fitted on different model sets agree closely). Newton's method with the
 * instruction block eliminated (it is diagonal), so a step costs `(2M)^2` per instruction when every
 * model judged every instruction (AlpacaEval), and far less on a sparse log. AlpacaEval keys the
 * difficulty by the row's position in the model's annotations, not by the instruction: a model with
 * missing annotations gets the difficulties of the instructions after them (the shipped CSVs'
 * `instruction_id` is that position, so keyed by it the figures are AlpacaEval's).
 *
 * Regularisation: AlpacaEval adds the judgements of two deliberately verbose and concise versions of
 * the baseline ("gamed" baselines), with the length and difficulty terms but no intercept, at weight
 * `lambda / 2` each (`lambda` = 0.2), which pulls `phi` and `psi` towards values that explain length
 * gaming. `gamed` names them when the log holds them; `gamedJudgements` gives them from AlpacaEval's
 * `df_gamed.csv` (shipped as `data/alpacaeval2_gamed_judgements.csv`), with their own standardised
 * lengths and difficulties. AlpacaEval also fits with an L1 penalty chosen by 5-fold cross-validation
 * (scikit-learn's `LogisticRegressionCV`, liblinear); this is the plain maximum-likelihood fit
 * (docs/pairwise.md measures what that costs).
 */
import { InputError } from "../../src/errors.js";
import type { GamedJudgement, GlmWeights } from "../../src/io/alpacaeval-glm.js";
import type { ControlRows, PairwiseData } from "../../src/io/pairwise.js";
import { sigmoid } from "../../src/numeric/normal.js";
import { instructionDifficulty } from "./lc-difficulty.js";
import { l1PenalisedFit } from "./lc-l1.js";
import { inDirection, logisticSeparation, positiveDefinite } from "./lc-separation.js";
import { logSigmoid, newtonAscent } from "./newton.js";
import type { LengthControlledReason } from "./types.js";

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
  /** `false` with a `reason`: not estimable (the numbers are NaN) or not converged (the numbers are marked). */
  converged: boolean;
  reason: LengthControlledReason | null;
}

/** The length-controlled board and how its difficulty term was obtained. */
export interface LengthControlledResult {
  baseline: string;
  rows: LengthControlledRow[];
  /** `null` without the difficulty term (the judgements carry no instruction column). */
  difficulty: {
    /** `true`: the joint fit on these judgements; `false`: given (`instructionDifficulty`). */
    fitted: boolean;
    instructions: number;
    models: number;
    converged: boolean;
    iterations: number;
    gradientNorm: number;
    /** Instructions whose verdicts all went one way: a weak prior keeps their difficulty finite. */
    priorInstructions: number;
    /** Why the joint fit has no answer or no converged one (then every row says `no-difficulty`), or `null`. */
    reason: LengthControlledReason | null;
    /**
     * Whether the joint fit's existence was checked (the separation programme is solved when it has at
     * most `SEPARATION_MAX_ENTRIES` entries; the given difficulties need no check).
     */
    separationChecked: boolean;
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
  /**
   * The difficulties by instruction name (the cluster column's values) instead of the joint fit, such
   * as AlpacaEval's published ones (`readInstructionDifficulty`); every instruction judged needs one.
   */
  instructionDifficulty?: ReadonlyMap<string, number>;
  /**
   * AlpacaEval's L1 penalty at a given strength: minimise `||w||_1 - l1C * (weighted log-likelihood)`,
   * scikit-learn/liblinear's `C` (AlpacaEval picks it per model from `10^(-4 + 8k/9)`, k = 0..9, by
   * 5-fold cross-validation); default: the maximum-likelihood fit (no penalty).
   */
  l1C?: number;
  /** Gamed baselines' judgements from outside the log (AlpacaEval's `df_gamed.csv`, `readGamedJudgements`). */
  gamedJudgements?: readonly GamedJudgement[];
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
 * as cluster column (`cluster: "instruction_id"`). Rates in percent, slopes in logits.
 *
 * @throws InputError when the data have no `length` control, the baseline or a gamed model is
 *   unknown, a model's lengths never differ, the difficulty term is asked for without instructions, or
 *   `instructionDifficulty` lacks an instruction judged (or is given with `difficulty: false`).
 * @example
 * const data = readPairwise("data/alpacaeval2_annotations_partial.csv", { controls: ["length"], cluster: "instruction_id" });
 * lengthControlledWinRates(data, "gpt4_1106_preview").difficulty!.instructions; // 805
 * const published = {
 *   instructionDifficulty: readInstructionDifficulty("data/alpacaeval2_instruction_difficulty.csv"),
 *   gamedJudgements: readGamedJudgements("data/alpacaeval2_gamed_judgements.csv"),
 * };
 * const res = lengthControlledWinRates(data, "gpt4_1106_preview", published);
 * res.gamed; // ["gpt4_1106_preview_verbose", "gpt4_1106_preview_concise"]
 * res.rows.find((r) => r.model === "gpt4_gamed")!.lengthControlledWinRate; // 12.17
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
  const given = opts.instructionDifficulty;
  if (given !== undefined && opts.difficulty === false)
    throw new InputError(undefined, "instructionDifficulty", "given with difficulty: false");
  const withDifficulty = opts.difficulty ?? (given !== undefined || ctl.cluster !== undefined);
  if (withDifficulty && ctl.cluster === undefined)
    throw new InputError(
      data.file,
      "difficulty",
      "the instruction-difficulty term needs the judgements read with their instruction column (cluster)",
    );
  const all = rowsAgainst(data, ctl, base, baseline);
  const nInst = ctl.clusterNames?.length ?? 0;
  let diff: ReturnType<typeof instructionDifficulty> | null = null;
  let d: ArrayLike<number> = new Float64Array(0);
  if (withDifficulty && given !== undefined) {
    d = givenDifficulty(given, ctl.clusterNames ?? [], all);
  } else if (withDifficulty) {
    diff = instructionDifficulty(all, nInst);
    d = diff.d;
  }
  const dOf = (e: ModelRows) => e.inst.map((i) => (withDifficulty ? d[i]! : 0));
  const gamed: GamedPart[] = (opts.gamed ?? []).map((g) => {
    const e = all.find((x) => data.models[x.model] === g);
    if (e === undefined)
      throw new InputError(data.file, "gamed", `no judgements of "${g}" against ${baseline}`);
    return { name: g, y: e.y, w: e.w, t: e.t, d: dOf(e) };
  });
  for (const j of opts.gamedJudgements ?? []) {
    let part = gamed.find((p) => p.name === j.model);
    if (part === undefined) {
      part = { name: j.model, y: [], w: [], t: [], d: [] };
      gamed.push(part);
    }
    part.y.push(j.preference);
    part.w.push(1);
    part.t.push(Math.tanh(j.stdDeltaLength));
    part.d.push(withDifficulty ? j.difficulty : 0);
  }
  const lambda = opts.regularization ?? 0.2;
  const l1C = opts.l1C;
  if (l1C !== undefined && !(l1C > 0 && Number.isFinite(l1C)))
    throw new InputError(undefined, "l1C", `must be a positive finite number, got ${l1C}`);
  // without the difficulties (the joint fit has no answer) no model's GLM can be fitted
  const noDifficulty = diff !== null && diff.reason !== null && diff.reason.code !== "not-converged";
  const rows = all.map((e) =>
    noDifficulty
      ? notEstimable(data.models[e.model]!, e, { code: "no-difficulty" })
      : fitOne(
          data.models[e.model]!,
          { y: e.y, w: e.w, t: e.t, d: dOf(e) },
          gamed,
          withDifficulty,
          lambda,
          l1C,
        ),
  );
  const difficulty = !withDifficulty ? null : difficultySummary(diff, nInst, all.length);
  return { baseline, rows, difficulty, gamed: gamed.map((g) => g.name) };
}

/** The result's `difficulty`: the joint fit's (`diff`), or given (`null`). */
function difficultySummary(
  diff: ReturnType<typeof instructionDifficulty> | null,
  instructions: number,
  models: number,
): NonNullable<LengthControlledResult["difficulty"]> {
  if (diff === null)
    return {
      fitted: false,
      instructions,
      models,
      converged: true,
      iterations: 0,
      gradientNorm: 0,
      priorInstructions: 0,
      reason: null,
      separationChecked: false,
    };
  return {
    fitted: true,
    instructions,
    models,
    converged: diff.converged,
    iterations: diff.iterations,
    gradientNorm: diff.gradientNorm,
    priorInstructions: diff.priorInstructions,
    reason: diff.reason,
    separationChecked: diff.separationChecked,
  };
}

/** The given difficulties in instruction order; each instruction some model judged needs one. */
function givenDifficulty(
  given: ReadonlyMap<string, number>,
  names: readonly string[],
  all: readonly ModelRows[],
): Float64Array {
  const d = new Float64Array(names.length).fill(Number.NaN);
  names.forEach((n, i) => {
    const v = given.get(n);
    if (v !== undefined) d[i] = v;
  });
  for (const e of all)
    for (const i of e.inst)
      if (Number.isNaN(d[i]!))
        throw new InputError(
          undefined,
          "instructionDifficulty",
          `no difficulty for instruction "${names[i]}"`,
        );
  return d;
}

/** Rows of one GLM part: outcome for the model, weight, tanh feature, difficulty. */
interface GlmRows {
  y: number[];
  w: number[];
  t: number[];
  d: number[];
}

/** A gamed baseline's rows. */
interface GamedPart extends GlmRows {
  name: string;
}

/** The per-model GLM: features (1, tanh, d) on the model's rows, (0, tanh, d) at weight lambda/G on each of G gamed baselines' rows. */
function fitOne(
  name: string,
  e: GlmRows,
  gamed: readonly GlmRows[],
  withDifficulty: boolean,
  lambda: number,
  l1C: number | undefined,
): LengthControlledRow {
  const P = withDifficulty ? 3 : 2;
  const parts: Array<{ r: GlmRows; scale: number; own: boolean }> = [{ r: e, scale: 1, own: true }];
  // as AlpacaEval: every gamed baseline's rows, also when the model fitted is one of them
  for (const g of gamed) parts.push({ r: g, scale: lambda / gamed.length, own: false });
  let W = 0;
  let Y = 0;
  for (let q = 0; q < e.y.length; q++) {
    W += e.w[q]!;
    Y += e.w[q]! * e.y[q]!;
  }
  const missing = existence(parts, P);
  if (missing !== null) return notEstimable(name, e, missing);
  const x = new Float64Array(3);
  const logLikelihood = (v: Float64Array) => {
    let value = 0;
    const g = new Float64Array(P);
    const h = new Float64Array(P * P);
    for (const { r, scale, own } of parts)
      for (let q = 0; q < r.y.length; q++) {
        x[0] = own ? 1 : 0;
        x[1] = r.t[q]!;
        x[2] = r.d[q]!;
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
  };
  const res =
    l1C === undefined
      ? newtonAscent(logLikelihood, new Float64Array(P), {
          tolerance: 1e-10 * Math.max(1, W),
          maxIterations: 200,
        })
      : l1PenalisedFit(logLikelihood, P, l1C, {
          tolerance: 1e-10 * Math.max(1, l1C * W),
          maxIterations: 500,
        });
  const theta = res.x[0]!;
  const psi = withDifficulty ? res.x[2]! : 0;
  // AlpacaEval averages the prediction at equal length over the model's rows, unweighted
  const pred = e.d.map((di) => sigmoid(theta + psi * di));
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
    reason: res.converged
      ? null
      : { code: "not-converged", iterations: res.iterations, gradientNorm: res.gradientNorm },
  };
}

/**
 * Why the GLM of `parts` has no maximum-likelihood fit (Albert and Anderson 1984), or `null`: its
 * parameters not identified by the rows, or the rows separated.
 */
function existence(
  parts: ReadonlyArray<{ r: GlmRows; scale: number; own: boolean }>,
  P: number,
): LengthControlledReason | null {
  const design = designRows(parts, P);
  const gram = new Float64Array(P * P);
  for (let r = 0; r < design.w.length; r++)
    for (let u = 0; u < P; u++)
      for (let s = 0; s < P; s++)
        gram[u * P + s]! += design.w[r]! * design.x[r * P + u]! * design.x[r * P + s]!;
  if (!positiveDefinite(gram, P)) return { code: "not-identified", parameters: P };
  const direction = logisticSeparation(design.x, P, design.y, design.w);
  if (direction === null) return null;
  const terms = ["intercept", "lengthSlope", "difficultySlope"].filter(
    (_, j) => j < P && inDirection(direction, j),
  );
  return { code: "separated", terms };
}

/** The GLM's rows, flattened: features `(own ? 1 : 0, tanh, d)` (the first `P`), outcome, weight. */
function designRows(
  parts: ReadonlyArray<{ r: GlmRows; scale: number; own: boolean }>,
  P: number,
): { x: Float64Array; y: number[]; w: number[] } {
  const y: number[] = [];
  const w: number[] = [];
  const xs: number[] = [];
  for (const { r, scale, own } of parts)
    for (let q = 0; q < r.y.length; q++) {
      xs.push(own ? 1 : 0, r.t[q]!);
      if (P === 3) xs.push(r.d[q]!);
      y.push(r.y[q]!);
      w.push(scale * r.w[q]!);
    }
  return { x: Float64Array.from(xs), y, w };
}

/** A model whose GLM has no maximum-likelihood fit: its raw win rate, NaN for the rest, and why. */
function notEstimable(
  name: string,
  e: { y: readonly number[]; w: readonly number[] },
  reason: LengthControlledReason,
): LengthControlledRow {
  let W = 0;
  let Y = 0;
  for (let q = 0; q < e.y.length; q++) {
    W += e.w[q]!;
    Y += e.w[q]! * e.y[q]!;
  }
  return {
    model: name,
    winRate: (100 * Y) / W,
    lengthControlledWinRate: Number.NaN,
    lcStandardError: Number.NaN,
    intercept: Number.NaN,
    lengthSlope: Number.NaN,
    difficultySlope: Number.NaN,
    judgements: W,
    converged: false,
    reason,
  };
}

/**
 * AlpacaEval's `predict_winrate`: a model's length-controlled win rate against a baseline from their
 * fitted GLM weights (`readGlmWeights`) and the instruction difficulties,
 * `100 mean_i sigmoid((intercept_m - intercept_b) + (difficultySlope_m - difficultySlope_b) d_i)`, in
 * percent. With the baseline the weights were fitted against (its weights are 0) and the difficulties of
 * the model's rows, this is the published length-controlled win rate (docs/pairwise.md checks it).
 *
 * @throws InputError when `difficulties` is empty or holds a non-finite number.
 * @example
 * const w = readGlmWeights("data/alpacaeval2_glm_weights.csv");
 * const d = [...readInstructionDifficulty("data/alpacaeval2_instruction_difficulty.csv").values()];
 * lengthControlledFromWeights(w.get("gpt4_gamed")!, w.get("gpt4_1106_preview")!, d); // 12.18876
 */
export function lengthControlledFromWeights(
  model: GlmWeights,
  baseline: GlmWeights,
  difficulties: ArrayLike<number>,
): number {
  const n = difficulties.length;
  if (n === 0) throw new InputError(undefined, "difficulties", "empty");
  const a = model.intercept - baseline.intercept;
  const b = model.difficultySlope - baseline.difficultySlope;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = difficulties[i]!;
    if (!Number.isFinite(d)) throw new InputError(undefined, `difficulties[${i}]`, `not finite: ${d}`);
    s += sigmoid(a + b * d);
  }
  return (100 * s) / n;
}
