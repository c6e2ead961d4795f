/**
 * Seeded randomness. Instance `k` of claim `id` under seed `s` draws from its own Alea stream seeded
 * with the string `s/id/k`, so it depends on nothing else (not on workers, shards or order).
 */
import { alea } from "../src/numeric/alea.js";
import type { Rng } from "./types.js";

/**
 * The random stream of instance `k` of claim `id` under `seed`.
 *
 * @example
 * const rng = instanceRng("1", "C6", 0);
 * rng(); // the same number on every machine and in every worker
 */
export function instanceRng(seed: string, id: string, k: number): Rng {
  const stream = alea(`${seed}/${id}/${k}`);
  return () => stream();
}

/** Uniform on `[lo, hi)`. */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Uniform integer in `[lo, hi]` (inclusive). */
export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** One element of a non-empty list, uniformly. */
export function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!;
}

/** `true` with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/**
 * A quality in `[0, cap]` drawn from a mixture that produces the cases theorems break on: exact 0 and
 * exact `cap` (ties), values on a coarse grid (ties between producers), and continuous values.
 */
export function mixedQuality(rng: Rng, cap: number): number {
  const u = rng();
  if (u < 0.15) return 0;
  if (u < 0.3) return cap;
  if (u < 0.5) return (cap * intBetween(rng, 0, 4)) / 4;
  return cap * rng();
}

/** Random task weights: usually uniform on `(0, 1]`, sometimes equal, sometimes with a zero weight. */
export function randomWeights(rng: Rng, T: number): number[] {
  const u = rng();
  if (u < 0.15) return new Array<number>(T).fill(1);
  const w = Array.from({ length: T }, () => 0.05 + 0.95 * rng());
  if (u < 0.25 && T > 1) w[intBetween(rng, 0, T - 1)] = 0;
  return w;
}
