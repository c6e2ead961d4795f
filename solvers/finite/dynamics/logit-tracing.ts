/**
 * Logit quantal-response-equilibrium tracing (McKelvey and Palfrey 1995; Turocy 2005) for N-player
 * games: follows the branch of logit QRE that starts at the centroid for `lambda = 0` as `lambda` grows,
 * and reports the profile at the `lambda` cap as an approximation of its limit, a Nash equilibrium
 * (the "limiting logit equilibrium", unique for generic games).
 *
 * A logit QRE at precision `lambda` is a profile with `x_p(s) ∝ exp(lambda u_p(s, x_-p))`. The trace
 * runs on each player's payoffs mapped onto [0, 1], `ũ_p = (u_p - min u_p) / R_p` (`R_p` player p's
 * own payoff range: every player's precision is relative to its own scale, so rescaling one player
 * changes nothing, and the Nash limit is the same). In log-probabilities `b = ln x` and with
 * `mu = lambda` in those units it is the zero set of `H(b, mu)`, `D` equations in `D + 1` unknowns:
 *
 * ```text
 * sum_s exp(b_p(s)) - 1 = 0                                            (one per player)
 * b_p(s) - b_p(0) - mu (ũ_p(s, x_-p) - ũ_p(0, x_-p)) = 0,   s >= 1
 * ```
 *
 * The branch is a curve in `(b, mu)` followed by pseudo-arclength predictor-corrector continuation:
 * tangent `t` with `J t = 0`, `|t| = 1` (`J = dH/d(b, mu)`, oriented by the previous tangent), Euler
 * predictor `z + h t`, Newton corrector on `[H(z); t^T (z - z_pred)] = 0`, step `h` halved on a failed
 * correction and grown after an easy one. Working in log-probabilities keeps the tiny probabilities of
 * inferior strategies accurate as `mu` grows; the arclength parametrisation passes turning points of
 * the branch in `lambda`.
 *
 * The regret of a QRE is at most `(n_p - 1) / (e lambda)` per player, so the default cap
 * `mu = 1e7` leaves a regret of order 1e-7 R_p. `converged` is decided on the actual regret of the final
 * profile, like every dynamic here.
 *
 * References: R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for normal form games",
 * Games and Economic Behavior 10 (1995) 6-38; T. L. Turocy, "A dynamic homotopy interpretation of the
 * logistic quantal response equilibrium correspondence", Games and Economic Behavior 51 (2005) 243-263;
 * E. L. Allgower and K. Georg, Introduction to Numerical Continuation Methods (1990), ch. 2.
 */
import { InputError } from "../../../src/errors.js";
import {
  asCompiled,
  type CompiledGame,
  type DynamicsGame,
  type DynamicsOptions,
  type DynamicsResult,
  finishResult,
  LOGIT_TRACING_MAX_ITERATIONS,
  resolveOptions,
  strategyValuesInto,
} from "./kernel.js";
import { mlMatrix } from "./ml-matrix.js";

/** Options of `logitTracing`. */
export interface LogitTracingOptions extends DynamicsOptions {
  /** Cap on `mu`, the precision on payoffs mapped onto [0, 1] per player (default 1e7): the trace stops there. */
  readonly lambdaMax?: number;
  /** First arclength step (default 0.05). */
  readonly initialStep?: number;
  /** Smallest step before the trace gives up (default 1e-9). */
  readonly minStep?: number;
  /** Newton iterations per correction (default 8). */
  readonly maxNewton?: number;
}

/** What `logitTracing` returns: the common result plus where the trace stopped. */
export interface LogitTracingResult extends DynamicsResult {
  /** `mu` of the reported profile: the precision on each player's payoffs mapped onto [0, 1]. */
  readonly lambda: number;
  /** Whether the trace reached `lambdaMax` (else it stalled or hit the step cap). */
  readonly reachedLambdaMax: boolean;
}

export { LOGIT_TRACING_MAX_ITERATIONS };

/**
 * Solves `A u = b` (`A` is `n x n` row-major; `b` receives `u`) with ml-matrix's LU decomposition
 * (partial pivoting). Returns `false` when `A` is singular or the solution is not finite. One solve per
 * predictor or corrector step, on a matrix of the game's size: not an inner loop.
 */
function solveInPlace(a: Float64Array, b: Float64Array, n: number): boolean {
  const { LuDecomposition, Matrix } = mlMatrix();
  const lu = new LuDecomposition(Matrix.from1DArray(n, n, a.subarray(0, n * n)));
  if (lu.isSingular()) return false;
  const u = lu.solve(Matrix.columnVector(Array.from(b.subarray(0, n))));
  for (let r = 0; r < n; r++) {
    const v = u.get(r, 0);
    if (!Number.isFinite(v)) return false;
    b[r] = v;
  }
  return true;
}

/** Preallocated state of one trace. */
class Tracer {
  readonly g: CompiledGame;
  readonly D: number;
  readonly K: number;
  readonly sigma: Float64Array;
  readonly values: Float64Array;
  readonly h: Float64Array;
  readonly w: Float64Array;
  readonly a: Float64Array;
  readonly rhs: Float64Array;
  readonly atProfile: Float64Array;

  constructor(g: CompiledGame) {
    this.g = g;
    this.D = g.dim;
    this.K = g.dim + 1;
    this.sigma = new Float64Array(this.D);
    this.values = new Float64Array(this.D);
    this.h = new Float64Array(this.D);
    this.w = new Float64Array(this.D * this.D);
    this.a = new Float64Array(this.K * this.K);
    this.rhs = new Float64Array(this.K);
    this.atProfile = new Float64Array(g.players);
  }

  /** `sigma = exp(b)`, `values = ũ(s, sigma_-p)`, `h = H(z)`. */
  residual(z: Float64Array): void {
    const { g, D, sigma, values, h } = this;
    for (let i = 0; i < D; i++) sigma[i] = Math.exp(z[i]!);
    strategyValuesInto(g, sigma, values);
    const inv = 1 / g.scale;
    for (let i = 0; i < D; i++) values[i] = values[i]! * inv;
    const mu = z[D]!;
    for (let p = 0; p < g.players; p++) {
      const ref = g.offsets[p]!;
      let sum = 0;
      for (let i = ref; i < g.offsets[p + 1]!; i++) sum += sigma[i]!;
      h[ref] = sum - 1;
      for (let i = ref + 1; i < g.offsets[p + 1]!; i++) {
        h[i] = z[i]! - z[ref]! - mu * (values[i]! - values[ref]!);
      }
    }
  }

  /**
   * Writes `J = dH/dz` (D x (D + 1)) into rows 0..D-1 of `a` (K x K), at the point of the last
   * `residual` call. `w[i * D + j] = d ũ_p(s, x_-p) / d x_q(t)` for `i = (p, s)`, `j = (q, t)`, `q != p`.
   */
  jacobian(z: Float64Array): void {
    const { g, D, K, sigma, values, w, a, atProfile } = this;
    const N = g.players;
    const { offsets, strategyAt, payoff, profiles } = g;
    const inv = 1 / g.scale;
    w.fill(0);
    if (N >= 2) {
      for (let k = 0; k < profiles; k++) {
        const base = k * N;
        for (let q = 0; q < N; q++) atProfile[q] = sigma[offsets[q]! + strategyAt[base + q]!]!;
        for (let p = 0; p < N; p++) {
          const u = payoff[p * profiles + k]! * inv;
          if (u === 0) continue;
          const row = (offsets[p]! + strategyAt[base + p]!) * D;
          for (let q = 0; q < N; q++) {
            if (q === p) continue;
            let prod = u;
            for (let r = 0; r < N; r++) if (r !== p && r !== q) prod *= atProfile[r]!;
            const col = offsets[q]! + strategyAt[base + q]!;
            w[row + col] = w[row + col]! + prod;
          }
        }
      }
    }
    const mu = z[D]!;
    a.fill(0, 0, D * K);
    for (let p = 0; p < N; p++) {
      const ref = offsets[p]!;
      const end = offsets[p + 1]!;
      for (let i = ref; i < end; i++) a[ref * K + i] = sigma[i]!;
      for (let i = ref + 1; i < end; i++) {
        const row = i * K;
        a[row + i] = 1;
        a[row + ref] = -1;
        for (let q = 0; q < N; q++) {
          if (q === p) continue;
          for (let j = offsets[q]!; j < offsets[q + 1]!; j++) {
            a[row + j] = -mu * (w[i * D + j]! - w[ref * D + j]!) * sigma[j]!;
          }
        }
        a[row + D] = -(values[i]! - values[ref]!);
      }
    }
  }

  /** Sets row D of `a` to `t` (the extra equation of the augmented systems). */
  setLastRow(t: Float64Array): void {
    const { K, D, a } = this;
    for (let j = 0; j < K; j++) a[D * K + j] = t[j]!;
  }

  /** New unit tangent at `z` oriented like `prev`: solves `[J; prev^T] t = [0; 1]`. */
  tangent(z: Float64Array, prev: Float64Array, out: Float64Array): boolean {
    const { K, D, rhs, a } = this;
    this.residual(z);
    this.jacobian(z);
    this.setLastRow(prev);
    rhs.fill(0);
    rhs[D] = 1;
    if (!solveInPlace(a, rhs, K)) return false;
    let norm = 0;
    for (let j = 0; j < K; j++) norm += rhs[j]! * rhs[j]!;
    norm = Math.sqrt(norm);
    if (!(norm > 0 && Number.isFinite(norm))) return false;
    for (let j = 0; j < K; j++) out[j] = rhs[j]! / norm;
    return true;
  }
}

/**
 * Traces the principal branch of logit QRE from `lambda = 0` to `lambdaMax / range` (see the module
 * comment) and reports the last profile, its regrets, and `converged` when its max regret is at most
 * `tolerance * range_p` for every player p (its own payoff range). Deterministic (no randomness, `seed` unused).
 *
 * References: McKelvey and Palfrey 1995; Turocy 2005.
 *
 * @throws InputError naming `maxIterations`, `tolerance`, `lambdaMax` or `initialStep` when that option
 *   is invalid, or `shape`/`payoffs` (see `compilePayoffs`)
 * @example
 * const r = logitTracing(fromBimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])); // prisoner's dilemma
 * // r.profile ≈ [[0, 1], [0, 1]], r.converged === true
 */
// Over 80 lines: one predictor-corrector path-following loop (Turocy 2005) whose step control shares the path's state.
export function logitTracing(game: DynamicsGame, options: LogitTracingOptions = {}): LogitTracingResult {
  const g = asCompiled(game);
  const { maxIterations, tolerance } = resolveOptions(options, LOGIT_TRACING_MAX_ITERATIONS, g);
  const muMax = options.lambdaMax ?? 1e7;
  const minStep = options.minStep ?? 1e-9;
  const maxNewton = options.maxNewton ?? 8;
  let step = options.initialStep ?? 0.05;
  if (!(muMax > 0)) throw new InputError(undefined, "lambdaMax", `must be > 0, got ${muMax}`);
  if (!(step > 0)) throw new InputError(undefined, "initialStep", `must be > 0, got ${step}`);

  const tr = new Tracer(g);
  const { D, K } = tr;
  const z = new Float64Array(K);
  const zc = new Float64Array(K);
  const zp = new Float64Array(K);
  const t = new Float64Array(K);
  const tNew = new Float64Array(K);
  for (let p = 0; p < g.players; p++) {
    for (let i = g.offsets[p]!; i < g.offsets[p + 1]!; i++) z[i] = -Math.log(g.shape[p]!);
  }
  // at mu = 0 the branch is transversal to mu = const: start from e_mu
  t[D] = 1;
  let iterations = 0;
  const ok = tr.tangent(z, t, tNew);
  if (ok) t.set(tNew);
  if (t[D]! < 0) for (let j = 0; j < K; j++) t[j] = -t[j]!;

  while (ok && z[D]! < muMax * (1 - 1e-12) && iterations < maxIterations) {
    iterations++;
    if ((iterations & 1023) === 0)
      options.progress?.({ done: iterations, total: maxIterations, unit: "iterations" });
    let h = step;
    if (t[D]! > 0 && z[D]! + h * t[D]! > muMax) h = (muMax - z[D]!) / t[D]!;
    for (let j = 0; j < K; j++) zp[j] = z[j]! + h * t[j]!;
    zc.set(zp);
    let corrected = false;
    let its = 0;
    let prevNorm = Number.POSITIVE_INFINITY;
    for (; its < maxNewton; its++) {
      tr.residual(zc);
      tr.jacobian(zc);
      tr.setLastRow(t);
      for (let i = 0; i < D; i++) tr.rhs[i] = -tr.h[i]!;
      let along = 0;
      for (let j = 0; j < K; j++) along += t[j]! * (zc[j]! - zp[j]!);
      tr.rhs[D] = -along;
      if (!solveInPlace(tr.a, tr.rhs, K)) break;
      let norm = 0;
      for (let j = 0; j < K; j++) {
        zc[j] = zc[j]! + tr.rhs[j]!;
        const d = Math.abs(tr.rhs[j]!);
        if (d > norm) norm = d;
      }
      if (!Number.isFinite(norm) || norm > 0.5 * prevNorm + 1e-300 || zc[D]! < 0) break;
      prevNorm = norm;
      if (norm <= 1e-10 * (1 + 1e-5 * zc[D]!)) {
        corrected = true;
        its++;
        break;
      }
    }
    // reject a correction that wandered far from the predictor (possible jump to another branch)
    if (corrected) {
      let dist = 0;
      for (let j = 0; j < K; j++) dist += (zc[j]! - zp[j]!) ** 2;
      if (Math.sqrt(dist) > 0.5 * h + 1e-9) corrected = false;
    }
    if (corrected && tr.tangent(zc, t, tNew)) {
      let cos = 0;
      for (let j = 0; j < K; j++) cos += t[j]! * tNew[j]!;
      if (cos > 0.9 || h <= minStep) {
        z.set(zc);
        t.set(tNew);
        if (its <= 3) step = Math.min(2 * h, 1e12);
        else step = h;
        continue;
      }
    }
    step = h / 2;
    if (step < minStep) break;
  }
  const x = new Float64Array(D);
  for (let p = 0; p < g.players; p++) {
    let sum = 0;
    for (let i = g.offsets[p]!; i < g.offsets[p + 1]!; i++) {
      x[i] = Math.exp(z[i]!);
      sum += x[i]!;
    }
    for (let i = g.offsets[p]!; i < g.offsets[p + 1]!; i++) x[i] = x[i]! / sum;
  }
  const base = finishResult(g, x, iterations, tolerance);
  return { ...base, lambda: z[D]! / g.scale, reachedLambdaMax: z[D]! >= muMax * (1 - 1e-9) };
}
