/** The text forms of numbers (src/numeric/format.ts): no negative zero, one missing symbol, plurals. */
import { describe, expect, it } from "vitest";
import { countText, fixed, MISSING, plural } from "../../src/numeric/format.js";

describe("fixed", () => {
  it("prints a negative number that rounds to zero as zero, and keeps real negatives", () => {
    expect(fixed(-0.0004, 3)).toBe("0.000");
    expect(fixed(-0, 0)).toBe("0");
    expect(fixed(-0.4, 0)).toBe("0");
    expect(fixed(-0.0005001, 3)).toBe("-0.001");
    expect(fixed(-1.25, 1)).toBe("-1.3");
    expect(fixed(2.5)).toBe("2.500");
  });
  it("prints missing values as MISSING and infinities as words", () => {
    expect(MISSING).toBe("-");
    expect([null, undefined, Number.NaN].map((x) => fixed(x))).toEqual(["-", "-", "-"]);
    expect(fixed(Number.POSITIVE_INFINITY)).toBe("infinity");
    expect(fixed(Number.NEGATIVE_INFINITY)).toBe("-infinity");
  });
});

describe("countText and plural", () => {
  it("rounds a weighted count within the tolerance, and keeps a real fraction", () => {
    expect(countText(1.9999999999999998)).toBe("2");
    expect(countText(2.5)).toBe("2.5");
    expect(countText(1 / 3)).toBe("0.333333333");
    expect(countText(42604)).toBe("42604");
  });
  it("uses the singular for exactly one", () => {
    expect(plural(1, "judgement")).toBe("1 judgement");
    expect(plural(0.9999999999999999, "judgement")).toBe("1 judgement");
    expect(plural(2, "judgement")).toBe("2 judgements");
    expect(plural(1.5, "judgement")).toBe("1.5 judgements");
    expect(plural(0, "task")).toBe("0 tasks");
    expect(plural(3, "equilibrium", "equilibria")).toBe("3 equilibria");
  });
});
