/**
 * Top-k strategy lists: every k-subset once, in lexicographic order, with no recursion
 * (no recursion depth may depend on the input's size).
 */
import { describe, expect, it } from "vitest";
import { enumerateQualities } from "../../src/model/strategies.js";
import type { Task } from "../../src/model/types.js";

const tasks = (T: number): Task[] =>
  Array.from({ length: T }, (_, t) => ({ name: `t${t}`, weight: 1, cap: 1 }));

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

describe("enumerateQualities on top-k spaces", () => {
  it("lists every k-subset once, in lexicographic order, for T = 6 and k = 0..6", () => {
    for (let k = 0; k <= 6; k++) {
      const list = enumerateQualities({ kind: "top-k", k }, tasks(6));
      expect(list.length).toBe(binomial(6, k));
      const keys = list.map((q) => q.join(""));
      expect(new Set(keys).size).toBe(keys.length);
      for (const q of list) expect(q.reduce((a, b) => a + b, 0)).toBe(k);
      // lexicographic in the chosen indices = descending as 0/1 strings read left to right
      expect([...keys].sort().reverse()).toEqual(keys);
    }
  });

  it("handles k near T on a 5,000-task table (a recursion of depth k would overflow)", () => {
    const list = enumerateQualities({ kind: "top-k", k: 4999 }, tasks(5000));
    expect(list.length).toBe(5000);
    expect(list[0]![4999]).toBe(0);
    expect(list[4999]![0]).toBe(0);
  });
});
