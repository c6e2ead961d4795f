import { describe, expect, it } from "vitest";
import { gcdBig, lcmDenominators, Rational, sumRational } from "../../solvers/finite/rational.js";
import { InputError } from "../../src/errors.js";

const q = (s: string) => Rational.parse(s);

describe("Rational", () => {
  it("parses integers, fractions and decimals exactly", () => {
    expect(q("-3").toString()).toBe("-3");
    expect(q("+7").toString()).toBe("7");
    expect(q("2/4").toString()).toBe("1/2");
    expect(q("3/-6").toString()).toBe("-1/2");
    expect(q("0.25").toString()).toBe("1/4");
    expect(q(".8").toString()).toBe("4/5");
    expect(q("5.").toString()).toBe("5");
    expect(q("-1.5e-3").toString()).toBe("-3/2000");
    expect(q("1.25E2").toString()).toBe("125");
    expect(q("0.1").toString()).toBe("1/10");
    expect(q("-0").toString()).toBe("0");
  });

  it("rejects text that is not a number", () => {
    for (const bad of ["", "abc", "1/0", "1/2/3", "1.2.3", "e5", ".", "--1", "1/2.5", "0x10"]) {
      expect(Rational.tryParse(bad), bad).toBeUndefined();
    }
    expect(() => Rational.parse("x")).toThrow(InputError);
  });

  it("does exact arithmetic in lowest terms", () => {
    expect(q("1/3").add(q("1/6")).toString()).toBe("1/2");
    expect(q("1/3").sub(q("1/2")).toString()).toBe("-1/6");
    expect(q("2/3").mul(q("9/4")).toString()).toBe("3/2");
    expect(q("2/3").div(q("-4/9")).toString()).toBe("-3/2");
    expect(() => q("1").div(Rational.ZERO)).toThrow(InputError);
    expect(q("1/10").add(q("2/10")).equals(q("3/10"))).toBe(true);
    expect(q("-5/7").neg().toString()).toBe("5/7");
    expect(q("-5/7").abs().toString()).toBe("5/7");
    expect(sumRational([q("1/2"), q("1/3"), q("1/6")]).toString()).toBe("1");
  });

  it("compares by cross-multiplication", () => {
    expect(q("1/3").compare(q("0.3"))).toBe(1);
    expect(q("-1/3").compare(q("-0.3"))).toBe(-1);
    expect(q("2/6").compare(q("1/3"))).toBe(0);
    expect(q("1/3").lt(q("1/2"))).toBe(true);
    expect(q("1/3").max(q("1/2")).toString()).toBe("1/2");
    expect(q("-2").sign()).toBe(-1);
  });

  it("converts from doubles exactly and to doubles correctly", () => {
    expect(Rational.fromNumber(0.75).toString()).toBe("3/4");
    expect(Rational.fromNumber(0.1).toString()).toBe("3602879701896397/36028797018963968");
    expect(Rational.fromNumber(-3).toString()).toBe("-3");
    expect(q("1/3").toNumber()).toBeCloseTo(1 / 3, 15);
    // beyond the double range in both numerator and denominator
    const huge = Rational.of(10n ** 400n + 1n, 3n * 10n ** 400n);
    expect(huge.toNumber()).toBeCloseTo(1 / 3, 12);
    expect(Rational.of(10n ** 400n, 1n).toNumber()).toBe(Number.POSITIVE_INFINITY);
  });

  it("prints fixed decimals with exact rounding", () => {
    expect(q("2/3").toFixed(3)).toBe("0.667");
    expect(q("-2/3").toFixed(2)).toBe("-0.67");
    expect(q("1/8").toFixed(2)).toBe("0.13");
    expect(q("-1/1000").toFixed(2)).toBe("0.00");
    expect(q("5").toFixed(0)).toBe("5");
    expect(q("12345/100").toFixed(1)).toBe("123.5");
  });

  it("gcd and lcm helpers", () => {
    expect(gcdBig(12n, -18n)).toBe(6n);
    expect(gcdBig(0n, 0n)).toBe(0n);
    expect(lcmDenominators([q("1/4"), q("5/6"), q("3")])).toBe(12n);
  });
});
