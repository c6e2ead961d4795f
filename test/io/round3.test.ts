/**
 * The third hardening round's reader defects: duplicate keys in JSON (market files, JSON Lines
 * judgements) and battle-log weights and counts through the one decimal parser. Each case failed
 * before the fix (the last duplicate key won; `0x10` read as 16; `1e-400` dropped a judgement).
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { findDuplicateKey } from "../../src/io/jsonSyntax.js";
import { parseJson, parseMarket } from "../../src/io/marketFile.js";
import { parsePairwise } from "../../src/io/pairwise.js";

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).not.toMatch(/[\n\r]/);
    return err as InputError;
  }
  throw new Error("expected an InputError");
}

describe("duplicate keys in JSON", () => {
  it("are refused in a market file with the JSON path of the second occurrence", () => {
    const text =
      '{"tasks": [{"name": "a"}],\n "selection": {"rule": "logit", "beta": 100, "beta": 0}, "producers": []}';
    const e = inputError(() => parseJson(text, "m.json"));
    expect(e.file).toBe("m.json");
    expect(e.where).toBe("$.selection.beta");
    expect(e.problem).toMatch(/^duplicate key "beta" \(line 2, column 46;/);
  });

  it("give paths through arrays and quoted keys", () => {
    expect(findDuplicateKey('{"p": [{"a": 1}, {"a": 1, "x y": 2, "x y": 3}]}')).toEqual({
      offset: 36,
      path: '$.p[1]["x y"]',
      key: "x y",
    });
    // the same key in sibling objects, in strings and escaped is not a duplicate
    expect(findDuplicateKey('{"a": {"b": 1}, "c": {"b": "\\"b\\": 2, \\"b\\""}}')).toBeUndefined();
    expect(findDuplicateKey('[{"a": 1}, {"a": 2}]')).toBeUndefined();
    // escapes decode before comparison: "\u0061" is "a"
    expect(findDuplicateKey('{"a": 1, "\\u0061": 2}')?.path).toBe("$.a");
  });

  it("are refused on a JSON Lines judgement", () => {
    const text = '{"model_a": "x", "model_b": "y", "winner": "model_a", "winner": "model_b"}\n';
    const e = inputError(() => parsePairwise(text, "log.jsonl"));
    expect(e.where).toBe("line 1, $.winner");
  });
});

describe("battle-log weights and counts use the one decimal parser", () => {
  const log = (w: string) => `model_a,model_b,winner,weight\nx,y,model_a,${w}\ny,x,model_a,1\n`;

  it("refuse hexadecimal", () => {
    const e = inputError(() => parsePairwise(log("0x10"), "log.csv"));
    expect(e.where).toBe("line 2, column 4");
    expect(e.problem).toContain('not a decimal number: "0x10"');
  });

  it("refuse a weight that underflows to 0", () => {
    const e = inputError(() => parsePairwise(log("1e-400"), "log.csv"));
    expect(e.problem).toContain("too small, rounds to 0");
  });

  it("still read plain decimals, and 0", () => {
    const d = parsePairwise(log("2.5e0"), "log.csv");
    expect(d.cells.length).toBeGreaterThan(0);
    expect(() => parsePairwise(log("0"), "log.csv")).not.toThrow();
  });
});

describe("spec strings in market files", () => {
  it("selection and space take the text forms the flags take", () => {
    const m = parseMarket(
      {
        tasks: [{ name: "a" }, { name: "b" }],
        selection: "logit:beta=8",
        producers: [
          { name: "A", quality: [1, 0] },
          { name: "B", quality: [0, 1], space: "top-k:k=1" },
        ],
      },
      "m.json",
    );
    expect(m.selection).toEqual({ rule: "logit", beta: 8 });
    expect(m.producers[1]!.space).toEqual({ kind: "top-k", k: 1 });
  });

  it("a bad spec string names the file and the JSON path", () => {
    const e = inputError(() =>
      parseMarket(
        { tasks: [{ name: "a" }], selection: "logit:beta=x", producers: [{ name: "A", quality: [1] }] },
        "m.json",
      ),
    );
    expect(e.file).toBe("m.json");
    expect(e.where).toMatch(/^\$\.selection/);
  });
});
