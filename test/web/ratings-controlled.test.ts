/**
 * The ratings view's controlled ratings as plain functions (web/ratingsControlledCompute.ts, what the
 * ratings worker runs): the covariates found in a log's header or keys, the controlled fit and the
 * length-controlled win rates equal to the library's on the same judgements (a part of the shipped
 * AlpacaEval 1.0 annotations: three models against text_davinci_003; a small FastChat battle file with
 * its four style elements), and the flags printed for the CLI.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ControlledFit,
  fitControlledBradleyTerry,
  type LengthControlledResult,
  lengthControlledWinRates,
  parsePairwise,
} from "../../empirical/index.js";
import {
  type ControlledRequest,
  controlChoices,
  controlledFlags,
  controlledView,
  instructionColumnOf,
} from "../../web/ratingsControlledCompute.js";
import { REPO_ROOT } from "../helpers/paths.js";

const FILE = "data/alpacaeval1_annotations.csv";
const full = readFileSync(join(REPO_ROOT, FILE), "utf8");
const lines = full.split("\n");
const body = lines.filter((l) => l !== "" && !l.startsWith("#")).slice(1);
const head = lines.filter(
  (l) => l.startsWith("#") || l === lines.find((x) => x.startsWith("instruction_id")),
);
const MODELS = [...new Set(body.map((l) => l.split(",")[3]!))].slice(0, 3);
const part = {
  name: FILE,
  text: [...head, ...body.filter((l) => MODELS.includes(l.split(",")[3]!))].join("\n"),
};

const req = (over: Partial<ControlledRequest> = {}): ControlledRequest => ({
  pairwise: part,
  controls: ["length"],
  baseline: "text_davinci_003",
  instructions: "instruction_id",
  anchor: "mean",
  replicates: 0,
  resample: "battles",
  ...over,
});
const quote = (w: string) => (/^[\w./:=-]+$/.test(w) ? w : `'${w}'`);

describe("controlled ratings in the explorer's worker", () => {
  it("finds the covariates a log has", () => {
    expect(controlChoices(part)).toEqual({ controls: ["length"], instructionColumns: ["instruction_id"] });
    const vicuna = readFileSync(join(REPO_ROOT, "data/vicuna80_human_judgements.csv"), "utf8");
    expect(controlChoices({ name: "v.csv", text: vicuna })).toEqual({
      controls: [],
      instructionColumns: ["question_id"],
    });
    const arena = `[{"model_a":"a","model_b":"b","winner":"model_a","conv_metadata":{"sum_assistant_a_tokens":5}}]`;
    expect(controlChoices({ name: "b.json", text: arena }).controls).toEqual([
      "length",
      "headers",
      "lists",
      "bold",
    ]);
    expect(
      controlChoices({ name: "c.csv", text: "# note\nmodel_a,model_b,winner,tokens_a,tokens_b,x_a\n" }),
    ).toEqual({
      controls: ["tokens"],
      instructionColumns: [],
    });
  });

  it("computes what the library computes on the same judgements", () => {
    expect(MODELS.length).toBe(3);
    const v = controlledView(req());
    const data = parsePairwise(part.text, FILE, { controls: ["length"], cluster: "instruction_id" });
    const c = fitControlledBradleyTerry(data, "overall", { prior: "auto", anchor: { kind: "mean" } });
    const l = lengthControlledWinRates(data, "text_davinci_003", { difficulty: true, gamed: [] });
    // the same function on the same data: the same bits
    expect(v.controlled).toEqual(c);
    expect(v.lengthControlled).toEqual(l);
    const fit = v.controlled as ControlledFit;
    expect(fit.converged).toBe(true);
    expect(fit.coefficients.map((k) => k.name)).toEqual(["length"]);
    // longer answers win more often on AlpacaEval (the whole file gives 0.677)
    expect(fit.coefficients[0]!.estimate).toBeGreaterThan(0.3);
    expect((v.lengthControlled as LengthControlledResult).rows).toHaveLength(3);
  });

  it("fits FastChat's four style elements from an arena JSON as the library does", () => {
    // a deterministic log: three models, style counts varying by battle (no randomness needed)
    const names = ["m0", "m1", "m2"];
    const battles = Array.from({ length: 240 }, (_, k) => {
      const a = k % 3;
      const b = (k + 1 + (k % 2)) % 3;
      const la = 100 + ((k * 37) % 200);
      const lb = 100 + ((k * 53) % 200);
      const win = (a + la / 100 + (k % 5)) % 3 > 1.4 ? "model_a" : k % 7 === 0 ? "tie" : "model_b";
      return {
        model_a: names[a],
        model_b: names[b],
        winner: win,
        conv_metadata: {
          sum_assistant_a_tokens: la,
          sum_assistant_b_tokens: lb,
          header_count_a: { h1: k % 3, h2: k % 2 },
          header_count_b: { h1: (k + 1) % 4, h2: 0 },
          list_count_a: { ordered: k % 5, unordered: 1 },
          list_count_b: { ordered: (k * 3) % 4, unordered: 0 },
          bold_count_a: { "**": k % 4, __: 0 },
          bold_count_b: { "**": (k * 7) % 5, __: 1 },
        },
      };
    });
    const arena = { name: "battles.json", text: JSON.stringify(battles) };
    const choices = controlChoices(arena);
    expect(choices.controls).toEqual(["length", "headers", "lists", "bold"]);
    const r = { ...req({ baseline: "" }), pairwise: arena, controls: choices.controls };
    const v = controlledView(r);
    const data = parsePairwise(arena.text, "battles.json", { controls: choices.controls });
    expect(v.controlled).toEqual(
      fitControlledBradleyTerry(data, "overall", { prior: "auto", anchor: { kind: "mean" } }),
    );
    expect((v.controlled as ControlledFit).coefficients.map((k) => k.name)).toEqual(choices.controls);
    expect((v.controlled as ControlledFit).converged).toBe(true);
    expect(controlledFlags(r, quote)).toEqual(["--control style"]);
  });

  it("reports each refusal as its own error and asks nothing when nothing is chosen", () => {
    expect(controlledView(req({ controls: [], baseline: "" }))).toEqual({
      controlled: null,
      lengthControlled: null,
    });
    const v = controlledView(req({ baseline: "no-such-model" }));
    expect("error" in (v.lengthControlled as object)).toBe(true);
    expect((v.controlled as ControlledFit).coefficients).toHaveLength(1);
    const bad = controlledView(req({ controls: ["headers"], baseline: "" }));
    expect((bad.controlled as { error: string }).error).toMatch(/headers_1/);
  });

  it("prints the CLI's flags and reads the CLI's instruction column", () => {
    expect(controlledFlags(req(), quote)).toEqual([
      "--control length",
      "--length-controlled text_davinci_003",
    ]);
    expect(
      controlledFlags(req({ controls: ["bold", "length", "headers", "lists", "x y"], baseline: "" }), quote),
    ).toEqual(["--control style", "--control 'x y'"]);
    expect(controlledFlags(req({ instructions: "none" }), quote)).toContain("--instructions none");
    expect(controlledFlags(req({ instructions: "question_id" }), quote)).toContain(
      "--instructions question_id",
    );
    // a bootstrap by clusters reads its column for the difficulty term, as the CLI does
    const clustered = req({
      instructions: "question_id",
      replicates: 10,
      resample: "clusters:instruction_id",
    });
    expect(instructionColumnOf(clustered)).toBe("instruction_id");
    expect(controlledFlags(clustered, quote)).toEqual([
      "--control length",
      "--length-controlled text_davinci_003",
    ]);
    expect(instructionColumnOf(req({ baseline: "" }))).toBeUndefined();
  });
});
