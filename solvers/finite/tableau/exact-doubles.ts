/**
 * Exact integer arithmetic on doubles, the `number` mode of the hybrid tableau (`hybrid-tableau.ts`):
 * the bounds within which a double holds an exact integer product, and the exact sign of
 * `a * b - c * d` up to 2^50 from 25-bit halves (as lrs's hybrid arithmetic, D. Avis, "lrs: a revised
 * implementation of the reverse search vertex enumeration algorithm", 2000).
 */
import type { RatioArithmetic } from "./lex-ratio.js";

/** Largest entry magnitude for the plain double formula: every product is at most 2^52, exact. */
export const NUMBER_SAFE = 2 ** 26;

/**
 * Largest entry magnitude kept in doubles at all: above `NUMBER_SAFE` a product is computed exactly as
 * three partial sums of 25-bit halves (each below 2^53), so entries up to 2^50 stay exact doubles.
 */
export const NUMBER_LIMIT = 2 ** 50;

/** The base of the 25-bit halves products are split into (`x = xh * 2^25 + xl`). */
export const HALF = 2 ** 25;
/** `HALF` squared. */
export const HALF2 = 2 ** 50;

/**
 * Sign of `a * b - c * d` for integers of magnitude at most 2^50, exactly. The rounded products
 * decide when they differ (rounding is monotone); when they are equal, the difference is formed from
 * 25-bit halves (`x = xh * 2^25 + xl`, `0 <= xl < 2^25`): three exact partial sums `H, M, L`
 * normalised by carries, whose leading nonzero digit gives the sign.
 */
export function signMulSub(a: number, b: number, c: number, d: number): number {
  const p1 = a * b;
  const p2 = c * d;
  if (p1 > p2) return 1;
  if (p1 < p2) return -1;
  if (Math.abs(p1) < 9007199254740992) return 0; // both products exact and equal
  const ah = Math.floor(a / HALF);
  const al = a - ah * HALF;
  const bh = Math.floor(b / HALF);
  const bl = b - bh * HALF;
  const ch = Math.floor(c / HALF);
  const cl = c - ch * HALF;
  const dh = Math.floor(d / HALF);
  const dl = d - dh * HALF;
  let H = ah * bh - ch * dh;
  let M = ah * bl + al * bh - ch * dl - cl * dh;
  const L = al * bl - cl * dl;
  const c1 = Math.floor(L / HALF);
  const L0 = L - c1 * HALF;
  M += c1;
  const c2 = Math.floor(M / HALF);
  const M0 = M - c2 * HALF;
  H += c2;
  if (H !== 0) return H > 0 ? 1 : -1;
  return M0 > 0 || L0 > 0 ? 1 : 0;
}

/**
 * Ratio-test arithmetic on doubles holding exact integers of magnitude at most `NUMBER_LIMIT`
 * (`signMulSub` decides exactly where the rounded products tie).
 *
 * @example
 * NUMBER_RATIO.signMulSub(2 ** 40 + 1, 2 ** 40 - 1, 2 ** 40, 2 ** 40); // -1
 */
export const NUMBER_RATIO: RatioArithmetic<number> = {
  positive: (x) => x > 0,
  signMulSub,
};
