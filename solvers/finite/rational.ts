import { InputError } from "../../src/errors.js";

/**
 * Exact rational numbers on BigInt.
 *
 * A `Rational` is an immutable pair `num/den` kept in lowest terms with `den > 0` (so equal values have
 * equal fields and `0` is always `0/1`). This is the number type of the exact game solvers (Gambit's
 * `Rational`); inner loops of the pivoting algorithms use raw BigInt integers instead (fraction-free
 * pivoting) and only build `Rational`s for their answers.
 *
 * Reference: D. E. Knuth, The Art of Computer Programming vol. 2, sec. 4.5.1 (fractions in lowest
 * terms via Euclid's gcd).
 */

function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/**
 * Greatest common divisor of two BigInts (Euclid), always `>= 0`; `gcd(0, 0) = 0`.
 *
 * @example
 * gcdBig(12n, -18n); // 6n
 */
export function gcdBig(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION = /^([+-]?\d+)\/([+-]?\d+)$/;

/**
 * An exact rational number `num/den` in lowest terms, `den > 0`.
 *
 * Arithmetic is the textbook one: `a/b + c/d = (ad + cb)/bd`, `a/b * c/d = ac/bd`, each result reduced
 * by the gcd. Comparison cross-multiplies (`a/b < c/d` iff `ad < cb`, denominators positive).
 *
 * @example
 * Rational.parse("1/3").add(Rational.parse("0.5")).toString(); // "5/6"
 */
export class Rational {
  /** Numerator (carries the sign). */
  readonly num: bigint;
  /** Denominator, always positive. */
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  /** 0 */
  static readonly ZERO = new Rational(0n, 1n);
  /** 1 */
  static readonly ONE = new Rational(1n, 1n);

  /**
   * `num/den` reduced to lowest terms with a positive denominator.
   *
   * @throws InputError naming `den` when `den = 0`. Only a caller's argument can be 0: the arithmetic
   *   below forms denominators as products of positive ones, and `div` refuses a zero divisor first.
   * @example
   * Rational.of(4n, -6n).toString(); // "-2/3"
   */
  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new InputError(undefined, "den", `zero denominator (numerator ${num})`);
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (num === 0n) return Rational.ZERO;
    const g = gcdBig(num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  /**
   * The rational of an integer (bigint or safe-integer number).
   *
   * @throws InputError naming `n` when a number `n` is not a safe integer
   * @example
   * Rational.fromInt(3).toString(); // "3"
   */
  static fromInt(n: number | bigint): Rational {
    if (typeof n === "number" && !Number.isSafeInteger(n)) {
      throw new InputError(undefined, "n", `${n} is not a safe integer`);
    }
    return Rational.of(BigInt(n), 1n);
  }

  /**
   * The exact value of a finite double (every double is a dyadic rational `m * 2^e`). `0.1` becomes
   * `3602879701896397/36028797018963968`, not `1/10`: parse decimal strings with `parse` instead.
   *
   * @throws InputError naming `x` when `x` is NaN or infinite
   * @example
   * Rational.fromNumber(0.75).toString(); // "3/4"
   */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new InputError(undefined, "x", `${x} is not a finite number`);
    if (Number.isInteger(x)) return Rational.of(BigInt(x), 1n);
    let den = 1n;
    let y = x;
    // multiply by 2 until integral: at most 1074 steps for subnormals, exact in binary floating point
    while (!Number.isInteger(y)) {
      y *= 2;
      den *= 2n;
    }
    return Rational.of(BigInt(y), den);
  }

  /**
   * Parses an integer (`"-3"`), a fraction (`"a/b"`), or a decimal (`"0.25"`, `"-1.5e-3"`, `".5"`)
   * exactly. Returns `undefined` when the text is not a number or has a zero denominator.
   *
   * Idea: a decimal `d.f e x` equals the integer `df` times `10^(x - len(f))`.
   *
   * @throws nothing for valid inputs of the declared types (bad text gives `undefined`)
   * @example
   * Rational.tryParse("-1.5e-3")?.toString(); // "-3/2000"
   */
  static tryParse(text: string): Rational | undefined {
    const s = text.trim();
    const frac = FRACTION.exec(s);
    if (frac !== null) {
      const den = BigInt(frac[2]!);
      if (den === 0n) return undefined;
      return Rational.of(BigInt(frac[1]!), den);
    }
    const dec = DECIMAL.exec(s);
    if (dec === null) return undefined;
    const intPart = dec[2] ?? "";
    const fracPart = dec[3] ?? "";
    if (intPart === "" && fracPart === "") return undefined;
    const exp = dec[4] === undefined ? 0 : Number(dec[4]);
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 100000) return undefined;
    let num = BigInt((intPart || "0") + fracPart);
    if (dec[1] === "-") num = -num;
    const shift = exp - fracPart.length;
    return shift >= 0 ? Rational.of(num * 10n ** BigInt(shift), 1n) : Rational.of(num, 10n ** BigInt(-shift));
  }

  /**
   * Like `tryParse`, but throws on text that is not a number.
   *
   * @throws InputError naming `text` when the text is not a number (or has a zero denominator)
   * @example
   * Rational.parse("2/4").toString(); // "1/2"
   */
  static parse(text: string): Rational {
    const r = Rational.tryParse(text);
    if (r === undefined) throw new InputError(undefined, "text", `not a number: "${text}"`);
    return r;
  }

  /**
   * Converts a string (parsed exactly), a bigint, a number (exact binary value), or a Rational.
   *
   * @throws InputError naming `text` (a string that is not a number) or `x` (a NaN or infinite number)
   * @example
   * Rational.from("1/3").equals(Rational.of(1n, 3n)); // true
   */
  static from(x: Rational | string | number | bigint): Rational {
    if (x instanceof Rational) return x;
    if (typeof x === "string") return Rational.parse(x);
    if (typeof x === "bigint") return Rational.of(x, 1n);
    return Rational.fromNumber(x);
  }

  /**
   * `this + o` = `(ad + cb) / bd`, reduced.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("1/3").add(Rational.parse("1/6")).toString(); // "1/2"
   */
  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  /**
   * `this - o` = `(ad - cb) / bd`, reduced.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("1/3").sub(Rational.parse("1/2")).toString(); // "-1/6"
   */
  sub(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num - o.num, this.den);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  /**
   * `this * o` = `ac / bd`, reduced.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("2/3").mul(Rational.parse("9/4")).toString(); // "3/2"
   */
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  /**
   * `this / o` = `ad / bc`.
   *
   * @throws InputError naming `divisor` when `o = 0` (the solvers divide only by nonzero pivots, so only
   *   a caller's argument can be 0)
   * @example
   * Rational.parse("2/3").div(Rational.parse("4/9")).toString(); // "3/2"
   */
  div(o: Rational): Rational {
    if (o.num === 0n) throw new InputError(undefined, "divisor", `division of ${this} by zero`);
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  /**
   * `-this`.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("1/2").neg().toString(); // "-1/2"
   */
  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }

  /**
   * `|this|`.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("-1/2").abs().toString(); // "1/2"
   */
  abs(): Rational {
    return this.num < 0n ? new Rational(-this.num, this.den) : this;
  }

  /**
   * The sign: `-1`, `0` or `1` (the numerator's, the denominator being positive).
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("-1/2").sign(); // -1
   */
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  /**
   * `true` when the value is 0.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("0/5").isZero(); // true
   */
  isZero(): boolean {
    return this.num === 0n;
  }

  /**
   * `true` when the value is an integer (denominator 1).
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("4/2").isInteger(); // true
   */
  isInteger(): boolean {
    return this.den === 1n;
  }

  /**
   * Three-way comparison: negative, 0 or positive as `this <, =, > o` (`ad` against `cb`).
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("1/3").compare(Rational.parse("0.3")); // 1
   */
  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /**
   * Exact equality (lowest terms make it field equality).
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("0.5").equals(Rational.parse("1/2")); // true
   */
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  /**
   * `true` when `this < o` (cross-multiplied).
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("1/3").lt(Rational.parse("1/2")); // true
   */
  lt(o: Rational): boolean {
    return this.compare(o) < 0;
  }

  /**
   * `true` when `this > o` (cross-multiplied).
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("1/2").gt(Rational.parse("1/3")); // true
   */
  gt(o: Rational): boolean {
    return this.compare(o) > 0;
  }

  /**
   * The larger of `this` and `o`.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("1/3").max(Rational.parse("1/2")).toString(); // "1/2"
   */
  max(o: Rational): Rational {
    return this.compare(o) >= 0 ? this : o;
  }

  /**
   * The smaller of `this` and `o`.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("1/3").min(Rational.parse("1/2")).toString(); // "1/3"
   */
  min(o: Rational): Rational {
    return this.compare(o) <= 0 ? this : o;
  }

  /**
   * As Gambit prints it: `"3"`, `"-1/3"`.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.of(2n, 6n).toString(); // "1/3"
   */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /**
   * JSON form: the same string as `toString`.
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * JSON.stringify([Rational.parse("1/3")]); // '["1/3"]'
   */
  toJSON(): string {
    return this.toString();
  }

  /**
   * The nearest double (correctly handles numerators and denominators beyond 2^1023 by scaling both to
   * about 64 significant bits first).
   *
   * @throws nothing for valid inputs of the declared types
   * @example
   * Rational.parse("1/3").toNumber(); // 0.3333333333333333
   */
  toNumber(): number {
    const n = this.num;
    const d = this.den;
    const nb = absBig(n).toString(2).length;
    const db = d.toString(2).length;
    if (nb <= 1000 && db <= 1000) return Number(n) / Number(d);
    // scale to ~ 64 significant bits each, keep the exponent difference separately
    const sn = Math.max(0, nb - 64);
    const sd = Math.max(0, db - 64);
    const q = Number(n >> BigInt(sn)) / Number(d >> BigInt(sd));
    return q * 2 ** (sn - sd);
  }

  /**
   * Decimal string with `k` digits after the point (rounded half away from zero, exact, no float error).
   *
   * @throws InputError naming `digits` when `k` is not an integer >= 0
   * @example
   * Rational.parse("2/3").toFixed(3); // "0.667"
   */
  toFixed(k: number): string {
    if (!Number.isInteger(k) || k < 0)
      throw new InputError(undefined, "digits", `must be an integer >= 0, got ${k}`);
    const scale = 10n ** BigInt(k);
    const neg = this.num < 0n;
    const a = absBig(this.num) * scale;
    let q = a / this.den;
    if ((a % this.den) * 2n >= this.den) q += 1n;
    const s = q.toString().padStart(k + 1, "0");
    const body = k === 0 ? s : `${s.slice(0, s.length - k)}.${s.slice(s.length - k)}`;
    return neg && q !== 0n ? `-${body}` : body;
  }
}

/**
 * Sum of a list of rationals (0 for an empty list).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * sumRational([Rational.parse("1/2"), Rational.parse("1/3")]).toString(); // "5/6"
 */
export function sumRational(xs: readonly Rational[]): Rational {
  let s = Rational.ZERO;
  for (const x of xs) s = s.add(x);
  return s;
}

/**
 * Least common multiple of the denominators of `xs` (1 for an empty list): multiplying every entry by
 * it gives integers, the fraction-free form the pivoting solvers work on.
 *
 * @example
 * lcmDenominators([Rational.parse("1/4"), Rational.parse("5/6")]); // 12n
 */
export function lcmDenominators(xs: Iterable<Rational>): bigint {
  let l = 1n;
  for (const x of xs) {
    if (x.den !== 1n) l = (l / gcdBig(l, x.den)) * x.den;
  }
  return l;
}
