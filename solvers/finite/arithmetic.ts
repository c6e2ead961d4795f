/**
 * The small number interface the game helpers are written over, so that each algorithm exists once
 * and runs on exact rationals and on doubles alike.
 *
 * Gambit does the same with C++ templates: its mixed-profile class is one template over the number
 * type, instantiated for `double` and for its exact `Rational`, and the solvers pick the instantiation.
 * TypeScript has no templates, so the number type's operations travel as an object (`Arithmetic<T>`), and
 * the exact and floating exports (`strategyValuesExact`, `strategyValuesFloat`, ...) are thin
 * instantiations of one generic routine (`profile-values.ts`).
 *
 * Reference: Gambit, `MixedStrategyProfile<T>` (src/games/stratmixed.h, explicit instantiations for
 * `double` and `Rational`); S. Lang, Algebra (2002), ch. II (ordered fields).
 */
import { Rational } from "./rational.js";

/**
 * An ordered ring's operations on values of type `T`: what the game helpers need (sums, products,
 * differences, comparisons, small integers) and nothing more. Exact for `Rational` and `bigint`; for
 * `number` every operation rounds as IEEE double arithmetic does, so results agree with the exact ones
 * only within a tolerance relative to the scale of the numbers involved.
 */
export interface Arithmetic<T> {
  /** A short name for messages and test titles: `"rational"`, `"float"`, `"bigint"`. */
  readonly name: string;
  /** The additive identity. */
  readonly zero: T;
  /** The multiplicative identity. */
  readonly one: T;
  /** `a + b`. */
  add(a: T, b: T): T;
  /** `a - b`. */
  sub(a: T, b: T): T;
  /** `a * b`. */
  mul(a: T, b: T): T;
  /** The sign of `a - b`: negative, 0 or positive; NaN when the two are unordered (a double NaN). */
  compare(a: T, b: T): number;
  /** `true` when `a` is exactly 0. */
  isZero(a: T): boolean;
  /** The integer `n` (a safe integer) as a `T`. */
  fromInt(n: number): T;
  /** The nearest double (for messages and for comparing the two instantiations). */
  toNumber(a: T): number;
  /** Text of a value for messages (`"1/3"`, `"0.3333333333333333"`). */
  format(a: T): string;
}

/**
 * Exact `Rational` arithmetic (lowest terms, BigInt).
 *
 * @example
 * RATIONAL_ARITHMETIC.add(Rational.parse("1/3"), Rational.parse("1/6")).toString(); // "1/2"
 */
export const RATIONAL_ARITHMETIC: Arithmetic<Rational> = {
  name: "rational",
  zero: Rational.ZERO,
  one: Rational.ONE,
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  compare: (a, b) => a.compare(b),
  isZero: (a) => a.isZero(),
  fromInt: (n) => Rational.fromInt(n),
  toNumber: (a) => a.toNumber(),
  format: (a) => a.toString(),
};

/**
 * Floating IEEE double arithmetic.
 *
 * @example
 * FLOAT_ARITHMETIC.compare(0.1 + 0.2, 0.3); // 1 (rounding: doubles are not exact)
 */
export const FLOAT_ARITHMETIC: Arithmetic<number> = {
  name: "float",
  zero: 0,
  one: 1,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN),
  isZero: (a) => a === 0,
  fromInt: (n) => n,
  toNumber: (a) => a,
  format: (a) => String(a),
};

/**
 * Exact integer arithmetic on BigInt (a ring: the fraction-free instantiation of the exact helpers).
 *
 * @example
 * BIGINT_ARITHMETIC.mul(3n, BIGINT_ARITHMETIC.fromInt(-4)); // -12n
 */
export const BIGINT_ARITHMETIC: Arithmetic<bigint> = {
  name: "bigint",
  zero: 0n,
  one: 1n,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  isZero: (a) => a === 0n,
  fromInt: (n) => BigInt(n),
  toNumber: (a) => Number(a),
  format: (a) => a.toString(),
};
