/** The doctest-style comparison of stated values (test/docs/stated.ts). */
import { describe, expect, it } from "vitest";
import { statedMissing } from "./doc-blocks.js";
import { stated, withStatedChecks } from "./stated.js";

describe("stated values of @example lines", () => {
  it("turns `EXPRESSION; // LITERAL` into a comparison, and leaves prose and declarations", () => {
    const { code, count } = withStatedChecks(
      [
        "f(1); // 24752",
        'g(); // "NE,1/2"',
        "const x = h(); // 3",
        "k(); // { converged: true, ... }",
        "m(); // true",
      ].join("\n"),
    );
    expect(count).toBe(3);
    expect(code.split("\n")[0]).toBe('__stated(f(1), 24752, "24752");');
    expect(code.split("\n")[2]).toBe("const x = h(); // 3");
    expect(code.split("\n")[3]).toBe("k(); // { converged: true, ... }");
  });

  it("compares numbers to the digits shown, strings exactly or by their beginning, arrays item by item", () => {
    expect(() => stated(0.8461, 0.846, "0.846")).not.toThrow();
    expect(() => stated(0.8466, 0.846, "0.846")).toThrow(/stated 0.846, got 0.8466/);
    expect(() => stated(24753, 24752, "24752")).toThrow();
    expect(() => stated("<svg a>", "<svg ...", '"<svg ..."')).not.toThrow();
    expect(() => stated("<svh", "<svg ...", '"<svg ..."')).toThrow();
    expect(() => stated([0, 0.5, 1], [0, 0.5, 1], "[0, 0.5, 1]")).not.toThrow();
    expect(() => stated([0, 0.5], [0, 0.5, 1], "[0, 0.5, 1]")).toThrow();
    expect(() => stated(Float64Array.of(1, 2), [1, 2], "[1, 2]")).not.toThrow();
    expect(() => stated({ toNumber: () => 0.5 }, 0.5, "0.5")).not.toThrow();
  });
});

describe("stated output lines of documented commands", () => {
  it("must appear in stdout in the stated order, other lines between them allowed, ends trimmed", () => {
    const out = "header\n  b 1\nnoise\nc 2\n";
    expect(statedMissing(["b 1", "c 2"], out)).toBeUndefined();
    expect(statedMissing(["header", "c 2"], out)).toBeUndefined();
    expect(statedMissing(["c 2", "b 1"], out)).toBe("b 1");
    expect(statedMissing(["b 1", "b 1"], out)).toBe("b 1");
    expect(statedMissing(["c  2"], out)).toBe("c  2");
  });
});
