/**
 * A judgement gives one verdict in one layout: a CSV row with both `winner` and `preference`, a JSON
 * object with AlpacaEval's and the arena's keys, or a JSON file mixing the layouts is refused with one
 * line naming the file, the place and the two fields (docs/pairwise.md), by every reader path.
 */
import { describe, expect, it } from "vitest";
import { parsePairwise } from "../../src/io/pairwise.js";

const refusal = (text: string, file: string): string => {
  try {
    parsePairwise(text, file);
  } catch (err) {
    return (err as Error).message;
  }
  return "accepted";
};

describe("conflicting verdict fields and layouts are refused", () => {
  it("CSV: winner and preference on one row (the plain fast path hands it to the general reader)", () => {
    expect(refusal("model_a,model_b,winner,preference\na,b,model_a,0.3\nb,a,,0.6\n", "both.csv")).toBe(
      'both.csv: line 2, column 3: winner "model_a" given with preference "0.3" (column 4): a row gives one verdict, winner or preference (docs/pairwise.md)',
    );
    // either alone on a row is read
    expect(
      parsePairwise("model_a,model_b,winner,preference\na,b,model_a,\nb,a,,0.6\n", "ok.csv").cells.length,
    ).toBe(2);
  });

  it("JSON: winner and preference in one object", () => {
    expect(refusal('[{"model_a":"a","model_b":"b","winner":"model_a","preference":0.3}]', "both.json")).toBe(
      'both.json: line 1, $[0].preference: given with winner "model_a": an object gives one verdict, winner or preference (docs/pairwise.md)',
    );
  });

  it("JSON: AlpacaEval's keys and the arena's in one object", () => {
    const o =
      '{"generator_1":"x","generator_2":"y","preference":2,"dataset":"k","model_a":"p","model_b":"q","winner":"model_a"}';
    expect(refusal(`[${o}]`, "mixed.json")).toBe(
      "mixed.json: line 1, $[0].model_a: given with generator_1: an object is either AlpacaEval's (generator_1, generator_2, preference) or the arena's (model_a, model_b, winner or preference), not both",
    );
  });

  it("JSON Lines and arrays: objects of both layouts in one file", () => {
    const alpaca = '{"generator_1":"x","generator_2":"y","preference":2}';
    const arena = '{"model_a":"p","model_b":"q","winner":"model_a"}';
    expect(refusal(`${alpaca}\n${arena}\n`, "mixed.jsonl")).toBe(
      "mixed.jsonl: line 2, $.model_a: an arena row (model_a) after AlpacaEval rows (generator_1, from line 1, $): a file uses one layout",
    );
    expect(refusal(`[${arena},\n${alpaca}]`, "mixed.json")).toBe(
      "mixed.json: line 2, $[1].generator_1: an AlpacaEval row (generator_1) after arena rows (model_a, from line 1, $[0]): a file uses one layout",
    );
  });
});
