/**
 * Bootstrap resampling of aggregated pairwise judgements, by one of three schemes (`--resample`):
 *
 * - `battles` (the default, the arena convention): the log's `N` judgements are drawn with replacement
 *   from the whole log. On aggregated data this is one multinomial draw of `N` over every (cell,
 *   outcome) atom with probabilities proportional to its weight: FastChat's `compute_bootstrap_bt`
 *   draws its bootstrap the same way (lm-sys/FastChat, fastchat/serve/monitor/rating_systems.py).
 *   WildBench counts hold the same judgements twice (per category and in `ALL`), so there each task
 *   (and `ALL`) is its own multinomial.
 * - `clusters:COLUMN`: the log's `C` clusters (prompts, questions: the rows sharing a value of COLUMN)
 *   are drawn with replacement, each bringing all its judgements (the cluster bootstrap: Davison and
 *   Hinkley 1997, Sec. 3.8).
 * - `cells`: each pair's judgements (both orders, per task) are redrawn within the pair, `n - 1` draws
 *   weighted back to `n` (Rao and Wu's rescaling bootstrap, `drawStratum`): conditional on the design
 *   (how often every pair met); a pair met once never varies.
 *
 * A soft preference is one judgement (an atom of its own value), so it is drawn whole, never split into
 * a win and a loss. Fractional weights are drawn as `round(N)` judgements scaled back to `N`. Every
 * draw is a pure function of the data and the random stream, so replicate `k` depends on the seed and
 * `k` only, on any number of workers.
 *
 * Source: B. Efron and R. Tibshirani, An Introduction to the Bootstrap (1993), Ch. 6; A. C. Davison and
 * D. V. Hinkley, Bootstrap Methods and their Application (1997), Sec. 3.8 (clustered data).
 */
import { InputError } from "../src/errors.js";
import type { PairwiseCell, PairwiseData } from "../src/io/pairwise.js";

/** What a bootstrap replicate redraws. */
export type ResampleScheme = { kind: "battles" } | { kind: "cells" } | { kind: "clusters"; column: string };

/**
 * Parses `battles`, `cells` or `clusters:COLUMN`.
 *
 * @throws InputError (field `resample`) for anything else.
 * @example
 * parseResample("clusters:question_id"); // { kind: "clusters", column: "question_id" }
 */
export function parseResample(text: string | undefined): ResampleScheme {
  if (text === undefined || text === "battles") return { kind: "battles" };
  if (text === "cells") return { kind: "cells" };
  const m = /^clusters:(.+)$/.exec(text);
  if (m !== null) return { kind: "clusters", column: m[1]! };
  throw new InputError(undefined, "resample", `expected battles, cells or clusters:COLUMN, got "${text}"`);
}

/**
 * The scheme in words, for output.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * describeResample({ kind: "battles" }); // "judgements drawn with replacement from the whole log"
 */
export function describeResample(s: ResampleScheme): string {
  if (s.kind === "battles") return "judgements drawn with replacement from the whole log";
  if (s.kind === "cells")
    return "judgements redrawn within each model pair and task (conditional on the design)";
  return `whole clusters of ${s.column} drawn with replacement`;
}

const LOG_FACTORIAL_TABLE = (() => {
  const t = new Float64Array(256);
  for (let k = 2; k < 256; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();

/** `ln k!`: a table below 256, Stirling's series above (error below 1e-15 relative). */
function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL_TABLE[k]!;
  const r = 1 / k;
  const r2 = r * r;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + r * (1 / 12 - r2 * (1 / 360 - r2 / 1260));
}

/**
 * Draws from Binomial(n, p) by exact inversion: one uniform, then the cumulative probabilities are
 * subtracted outward from the mode, alternately above and below (about `sqrt(n p (1 - p))` steps),
 * the pmf by its ratio recursion. Small `n`: `n` Bernoulli trials.
 *
 * Source: L. Devroye, Non-Uniform Random Variate Generation (1986), Sec. X.4 (inversion from the mode).
 *
 * @example
 * binomial(seedrandom.alea("1"), 400, 0.3); // an integer in 0..400, mean 120
 */
export function binomial(rng: () => number, n: number, p: number): number {
  if (p <= 0 || n <= 0) return 0;
  if (p >= 1) return n;
  if (n < 30) {
    let x = 0;
    for (let k = 0; k < n; k++) if (rng() < p) x++;
    return x;
  }
  const q = 1 - p;
  const m = Math.min(n, Math.floor((n + 1) * p));
  const pm = Math.exp(
    logFactorial(n) - logFactorial(m) - logFactorial(n - m) + m * Math.log(p) + (n - m) * Math.log(q),
  );
  let u = rng() - pm;
  if (u <= 0) return m;
  let lo = m;
  let hi = m;
  let plo = pm;
  let phi = pm;
  const odds = p / q;
  while (lo > 0 || hi < n) {
    if (hi < n) {
      phi *= ((n - hi) / (hi + 1)) * odds;
      hi++;
      u -= phi;
      if (u <= 0) return hi;
    }
    if (lo > 0) {
      plo *= lo / (n - lo + 1) / odds;
      lo--;
      u -= plo;
      if (u <= 0) return lo;
    }
  }
  return m; // the probabilities summed to 1 - u within rounding: the mode
}

/**
 * A multinomial draw of `n` over `weights` (in place: `weights[k]` becomes the count of atom `k`) by
 * conditional binomials: atom `k` gets `Binomial(n left, w_k / weight left)`.
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * const w = [1, 2, 1]; multinomialInPlace(seedrandom.alea("1"), 8, w); // w sums to 8
 */
export function multinomialInPlace(rng: () => number, n: number, weights: number[]): void {
  let mass = 0;
  for (const w of weights) mass += w;
  let left = n;
  let last = -1;
  for (let k = weights.length - 1; k >= 0; k--)
    if (weights[k]! > 0) {
      last = k;
      break;
    }
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k]!;
    if (!(w > 0)) {
      weights[k] = 0;
      continue;
    }
    const x = k === last ? left : binomial(rng, left, Math.min(1, w / mass));
    weights[k] = x;
    left -= x;
    mass -= w;
  }
}

/** The atoms of a cell: `[winsA, ties, winsB, ...soft weights]`. */
function atoms(c: PairwiseCell): number[] {
  return c.soft === undefined ? [c.winsA, c.ties, c.winsB] : [c.winsA, c.ties, c.winsB, ...c.soft.w];
}

/** A copy of `c` with its atoms' weights replaced (and WildBench's five-level counts dropped). */
function withAtoms(c: PairwiseCell, w: readonly number[], offset: number, scale: number): PairwiseCell {
  // an explicit literal (not a rest spread): one of these per cell per replicate
  const soft = c.soft;
  const out: PairwiseCell = {
    a: c.a,
    b: c.b,
    task: c.task,
    winsA: w[offset]! * scale,
    ties: w[offset + 1]! * scale,
    winsB: w[offset + 2]! * scale,
    line: c.line,
  };
  if (soft !== undefined) out.soft = { p: soft.p, w: soft.p.map((_, k) => w[offset + 3 + k]! * scale) };
  return out;
}

/**
 * The stratum of a cell under `--resample cells`: the unordered model pair and the task (both answer
 * orders of a pair are one stratum: the model does not depend on the order, and the larger stratum
 * varies where an ordered cell of one judgement could not).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * cellStratum({ a: 2, b: 0, task: 1 }, 3) === cellStratum({ a: 0, b: 2, task: 1 }, 3); // true
 */
export function cellStratum(c: Pick<PairwiseCell, "a" | "b" | "task">, models: number): number {
  return ((c.task + 1) * models + Math.min(c.a, c.b)) * models + Math.max(c.a, c.b);
}

/**
 * Multinomial over the atoms of the cells `idx` together (one stratum). `rescaled` (the `cells`
 * scheme): Rao and Wu's rescaling bootstrap for stratified samples, `n - 1` draws from a stratum of
 * `n` judgements, weighted back to `n`: a stratum's redrawn win share then has variance
 * `p^ (1 - p^) / (n - 1)`, whose expectation is the true `p (1 - p) / n`; `n` draws (the naive
 * stratified bootstrap) understate it by the factor `(n - 1) / n`, which on small cells is what made
 * the scheme's intervals short (J. N. K. Rao and C. F. J. Wu, "Resampling inference with complex
 * survey data", JASA 83, 1988, Sec. 4.1 with `m_h = n_h - 1`). A stratum of one judgement still
 * cannot vary.
 */
function drawStratum(
  cells: PairwiseCell[],
  idx: readonly number[],
  out: PairwiseCell[],
  rng: () => number,
  rescaled = false,
): void {
  const w: number[] = [];
  const offsets: number[] = [];
  for (const k of idx) {
    offsets.push(w.length);
    w.push(...atoms(cells[k]!));
  }
  let total = 0;
  for (const x of w) total += x;
  const n = Math.round(total);
  if (n <= 0) {
    idx.forEach((k, q) => {
      out[k] = withAtoms(
        cells[k]!,
        w.map(() => 0),
        offsets[q]!,
        0,
      );
    });
    return;
  }
  const draws = rescaled && n >= 2 ? n - 1 : n;
  multinomialInPlace(rng, draws, w);
  const scale = total / draws;
  idx.forEach((k, q) => {
    out[k] = withAtoms(cells[k]!, w, offsets[q]!, scale);
  });
}

function resampleClusters(data: PairwiseData, column: string, rng: () => number): PairwiseCell[] {
  const cl = data.clusters;
  if (cl === undefined || cl.column !== column)
    throw new InputError(
      data.file,
      "resample",
      `clusters:${column} needs the judgements read with that cluster column (readPairwise(file, { cluster: "${column}" }))`,
    );
  const counts = new Array<number>(cl.count).fill(1);
  multinomialInPlace(rng, cl.count, counts);
  const out = data.cells.map((c) =>
    withAtoms(
      c,
      atoms(c).map(() => 0),
      0,
      0,
    ),
  );
  const softIndex = data.cells.map((c) =>
    c.soft === undefined ? null : new Map(c.soft.p.map((p, k) => [p, k])),
  );
  for (let c = 0; c < cl.count; c++) {
    const m = counts[c]!;
    if (m === 0) continue;
    for (let e = cl.start[c]!; e < cl.start[c + 1]!; e++) {
      const cell = out[cl.cell[e]!]!;
      const w = m * cl.w[e]!;
      const kind = cl.kind[e]!;
      if (kind === 0) cell.winsA += w;
      else if (kind === 1) cell.ties += w;
      else if (kind === 2) cell.winsB += w;
      else cell.soft!.w[softIndex[cl.cell[e]!]!.get(cl.p[e]!)!]! += w;
    }
  }
  return out;
}

/**
 * One bootstrap resample of pairwise data under `scheme` (see the module comment). The models, tasks
 * and cells stay; only the weights change.
 *
 * @throws InputError for `clusters:COLUMN` when the data were not read with that cluster column.
 * @example
 * const again = resamplePairwise(pairwise, seedrandom.alea("1/0"), { kind: "battles" });
 * again.cells.length === pairwise.cells.length; // true (same cells, resampled counts)
 */
export function resamplePairwise(
  data: PairwiseData,
  rng: () => number,
  scheme: ResampleScheme = { kind: "battles" },
): PairwiseData {
  let cells: PairwiseCell[];
  if (scheme.kind === "clusters") cells = resampleClusters(data, scheme.column, rng);
  else {
    cells = new Array<PairwiseCell>(data.cells.length);
    const strata = new Map<number, number[]>();
    data.cells.forEach((c, k) => {
      // cells: one stratum per pair and task; battles: the whole log (WildBench: per task, as its ALL rows repeat the categories)
      const key =
        scheme.kind === "cells"
          ? cellStratum(c, data.models.length)
          : data.format === "wildbench"
            ? c.task
            : 0;
      const s = strata.get(key);
      if (s === undefined) strata.set(key, [k]);
      else s.push(k);
    });
    for (const idx of strata.values()) drawStratum(data.cells, idx, cells, rng, scheme.kind === "cells");
  }
  const { clusters: _c, controls: _r, ...rest } = data;
  return { ...rest, cells };
}
