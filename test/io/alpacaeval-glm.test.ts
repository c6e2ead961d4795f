/**
 * The readers of AlpacaEval's length-controlled GLM inputs (src/io/alpacaeval-glm.ts): the layouts of
 * its hub files and weights, and one-line errors naming the file, the line and the problem.
 */
import { describe, expect, it } from "vitest";
import {
  parseGamedJudgements,
  parseGlmWeights,
  parseInstructionDifficulty,
} from "../../src/io/alpacaeval-glm.js";

const GAMED_HEADER = "preference,index,std_delta_len,instruction_difficulty,not_gamed_baseline,model";

describe("AlpacaEval GLM inputs", () => {
  it("reads the difficulties by the first column, skipping # lines and blank lines", () => {
    const d = parseInstructionDifficulty(
      "# source\nindex,instruction_difficulty\n0,0.0\n\n1,-1.5e-1\n",
      "d.csv",
    );
    expect([...d.entries()]).toEqual([
      ["0", 0],
      ["1", -0.15],
    ]);
  });

  it("reads gamed judgements, skipping rows without a preference, as AlpacaEval drops them", () => {
    const g = parseGamedJudgements(
      `${GAMED_HEADER}\n0.25,0,-1.5,0.5,False,b_verbose\n,1,0.2,0.1,False,b_verbose\n1,1,0.2,0.1,False,b_concise\n`,
      "g.csv",
    );
    expect(g).toEqual([
      { model: "b_verbose", instruction: "0", preference: 0.25, stdDeltaLength: -1.5, difficulty: 0.5 },
      { model: "b_concise", instruction: "1", preference: 1, stdDeltaLength: 0.2, difficulty: 0.1 },
    ]);
  });

  it("reads the weights with pandas' unnamed index column", () => {
    const w = parseGlmWeights(
      ",np.tanh(std_delta_len),instruction_difficulty,not_gamed_baseline.astype(float)\nm,-1.5,0.75,0.25\n",
      "w.csv",
    );
    expect(w.get("m")).toEqual({ lengthSlope: -1.5, difficultySlope: 0.75, intercept: 0.25 });
  });

  it("bad input: one line naming the file, where, and the problem", () => {
    const cases: Array<[() => unknown, string]> = [
      [
        () => parseInstructionDifficulty("index,difficulty\n0,1\n", "d.csv"),
        'd.csv: header: no column "instruction_difficulty"',
      ],
      [
        () => parseInstructionDifficulty("index,instruction_difficulty\n0,1\n0,2\n", "d.csv"),
        'd.csv: line 3, column 1: instruction "0" repeated',
      ],
      [
        () => parseInstructionDifficulty("index,instruction_difficulty\n0,abc\n", "d.csv"),
        'd.csv: line 2, column 2: not a decimal number: "abc"',
      ],
      [
        () => parseInstructionDifficulty("index,instruction_difficulty\n0,1,2\n", "d.csv"),
        "d.csv: line 2: 3 cells, the header has 2",
      ],
      [
        () => parseInstructionDifficulty("# only a comment\n", "d.csv"),
        "d.csv: line 1: empty file (no header row)",
      ],
      [
        () => parseInstructionDifficulty("index,instruction_difficulty\n", "d.csv"),
        "d.csv: line 1: no rows after the header",
      ],
      [
        () => parseGamedJudgements(`${GAMED_HEADER}\n1.5,0,0,0,False,b\n`, "g.csv"),
        "g.csv: line 2, column 1: preference must be in [0, 1], got 1.5",
      ],
      [
        () => parseGamedJudgements(`${GAMED_HEADER}\n0.5,0,0,0,True,b\n`, "g.csv"),
        'g.csv: line 2, column 5: not_gamed_baseline must be False, got "True"',
      ],
      [
        () => parseGamedJudgements("preference,index\n0.5,0\n", "g.csv"),
        'g.csv: header: no column "std_delta_len"',
      ],
      [() => parseGlmWeights("model,a\nm,1\n", "w.csv"), 'w.csv: header: no column "np.tanh(std_delta_len)"'],
    ];
    for (const [f, message] of cases) {
      expect(f).toThrow(message);
      try {
        f();
      } catch (err) {
        expect((err as Error).name).toBe("InputError");
        expect((err as Error).message).toBe(message);
      }
    }
  });
});
