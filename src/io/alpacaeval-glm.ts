/**
 * The inputs of AlpacaEval's length-controlled GLM that live outside its judgements (Y. Dubois,
 * B. Galambosi, P. Liang, T. B. Hashimoto, "Length-Controlled AlpacaEval", arXiv 2404.04475;
 * tatsu-lab/alpaca_eval `src/alpaca_eval/metrics/glm_winrate.py`), as CSV files read by csv-parse:
 *
 * - the instruction difficulties (`instruction_difficulty.csv` of AlpacaEval's dataset hub): one row per
 *   instruction, its key in the first column (`index`: the instruction's position) and
 *   `instruction_difficulty`;
 * - the gamed baselines' judgements (`df_gamed.csv` of the hub): `preference` (the probability that the
 *   gamed version beats the baseline, in [0, 1]), `index`, `std_delta_len` (the baseline's length minus
 *   the gamed version's, over its standard deviation), `instruction_difficulty`, `not_gamed_baseline`
 *   (`False`) and `model`;
 * - the fitted per-model weights AlpacaEval ships (`src/alpaca_eval/metrics/weights/.../
 *   baseline_gpt4_1106_preview.csv`): the model, then `np.tanh(std_delta_len)`,
 *   `instruction_difficulty` and `not_gamed_baseline.astype(float)`.
 *
 * Lines that start with `#` are comments (source and licence lines); blank lines are skipped.
 */
import { parse } from "csv-parse/sync";
import { InputError } from "../errors.js";
import { inputName, readTextFile } from "../textFile.js";
import { parseDecimal } from "./decimal.js";

/** One judgement of a gamed (verbose or concise) version of the baseline against the baseline. */
export interface GamedJudgement {
  /** The gamed model (`gpt4_1106_preview_verbose`). */
  model: string;
  /** The instruction's key (`index` column). */
  instruction: string;
  /** The probability that the gamed version wins, in [0, 1]. */
  preference: number;
  /** The baseline's output length minus the gamed version's, in standard deviations. */
  stdDeltaLength: number;
  /** The instruction's difficulty, as the file gives it. */
  difficulty: number;
}

/** One model's fitted GLM weights (AlpacaEval's `length_controlled_v1`). */
export interface GlmWeights {
  /** The weight of `tanh(std_delta_len)`. */
  lengthSlope: number;
  /** The weight of the instruction difficulty. */
  difficultySlope: number;
  /** The weight of `not_gamed_baseline`: the model's intercept. */
  intercept: number;
}

interface Table {
  header: string[];
  rows: Array<{ cells: string[]; line: number }>;
}

/** The header and the records of a CSV text, each with its line (csv-parse, `#` comments). */
function table(text: string, file: string): Table {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      comment: "#",
      comment_no_infix: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const e = err as { code?: unknown; lines?: number; message?: string };
    if (typeof e.code !== "string" || !/^(CSV_|INVALID_)/.test(e.code)) throw err;
    throw new InputError(file, `line ${e.lines ?? 1}`, `malformed CSV: ${String(e.message ?? err)}`);
  }
  const [head, ...rest] = records;
  if (head === undefined) throw new InputError(file, "line 1", "empty file (no header row)");
  const header = head.record;
  const rows = rest.map((r) => ({ cells: r.record, line: r.info.lines }));
  for (const r of rows)
    if (r.cells.length !== header.length)
      throw new InputError(
        file,
        `line ${r.line}`,
        `${r.cells.length} cells, the header has ${header.length}`,
      );
  if (rows.length === 0) throw new InputError(file, `line ${head.info.lines}`, "no rows after the header");
  return { header, rows };
}

function column(t: Table, file: string, name: string): number {
  const k = t.header.indexOf(name);
  if (k === -1) throw new InputError(file, "header", `no column "${name}"`);
  return k;
}

const cellAt = (r: { line: number }, k: number) => `line ${r.line}, column ${k + 1}`;

/**
 * Parses instruction difficulties: the first column is the instruction's key (AlpacaEval: `index`,
 * the position 0..804 of the instruction in its evaluation set, which is `instruction_id` in the
 * shipped annotation CSVs), `instruction_difficulty` the difficulty (logits).
 *
 * @throws InputError naming the file and line for malformed CSV, a missing `instruction_difficulty`
 *   column, an empty or repeated key, or a cell that is not a decimal number.
 * @example
 * parseInstructionDifficulty("index,instruction_difficulty\n0,0.0\n1,-0.5\n", "d.csv").get("1"); // -0.5
 */
export function parseInstructionDifficulty(text: string, file: string): Map<string, number> {
  const t = table(text, file);
  const k = column(t, file, "instruction_difficulty");
  const out = new Map<string, number>();
  for (const r of t.rows) {
    const key = r.cells[0]!;
    if (key === "") throw new InputError(file, cellAt(r, 0), "empty instruction key");
    if (out.has(key)) throw new InputError(file, cellAt(r, 0), `instruction "${key}" repeated`);
    out.set(key, parseDecimal(r.cells[k]!, file, cellAt(r, k)));
  }
  return out;
}

/**
 * Reads instruction difficulties from a file (`parseInstructionDifficulty`), such as the shipped
 * `data/alpacaeval2_instruction_difficulty.csv` (AlpacaEval's `instruction_difficulty.csv`).
 *
 * @throws InputError when the file cannot be read or is malformed (the error names the file and line).
 * @example
 * readInstructionDifficulty("data/alpacaeval2_instruction_difficulty.csv").size; // 805
 */
export function readInstructionDifficulty(path: string): Map<string, number> {
  return parseInstructionDifficulty(readTextFile(path), inputName(path));
}

/**
 * Parses gamed-baseline judgements (AlpacaEval's `df_gamed.csv` layout, see the module comment). Rows
 * with an empty `preference` are skipped, as AlpacaEval drops them.
 *
 * @throws InputError naming the file and line for malformed CSV, a missing column, a preference outside
 *   [0, 1], a cell that is not a decimal number, or a `not_gamed_baseline` other than `False` (the rows
 *   are the gamed baselines').
 * @example
 * const text = "preference,index,std_delta_len,instruction_difficulty,not_gamed_baseline,model\n0.9,0,-1.2,0.3,False,base_verbose\n";
 * parseGamedJudgements(text, "g.csv")[0]!.stdDeltaLength; // -1.2
 */
export function parseGamedJudgements(text: string, file: string): GamedJudgement[] {
  const t = table(text, file);
  const [kp, ki, kl, kd, km] = [
    "preference",
    "index",
    "std_delta_len",
    "instruction_difficulty",
    "model",
  ].map((name) => column(t, file, name)) as [number, number, number, number, number];
  const kg = t.header.indexOf("not_gamed_baseline");
  const out: GamedJudgement[] = [];
  for (const r of t.rows) {
    if (kg !== -1 && !/^false$/i.test(r.cells[kg]!))
      throw new InputError(file, cellAt(r, kg), `not_gamed_baseline must be False, got "${r.cells[kg]}"`);
    if (r.cells[kp] === "") continue;
    const preference = parseDecimal(r.cells[kp]!, file, cellAt(r, kp));
    if (!(preference >= 0 && preference <= 1))
      throw new InputError(file, cellAt(r, kp), `preference must be in [0, 1], got ${preference}`);
    if (r.cells[km] === "") throw new InputError(file, cellAt(r, km), "empty model name");
    out.push({
      model: r.cells[km]!,
      instruction: r.cells[ki]!,
      preference,
      stdDeltaLength: parseDecimal(r.cells[kl]!, file, cellAt(r, kl)),
      difficulty: parseDecimal(r.cells[kd]!, file, cellAt(r, kd)),
    });
  }
  return out;
}

/**
 * Reads gamed-baseline judgements from a file (`parseGamedJudgements`), such as the shipped
 * `data/alpacaeval2_gamed_judgements.csv` (AlpacaEval's `df_gamed.csv`).
 *
 * @throws InputError when the file cannot be read or is malformed (the error names the file and line).
 * @example
 * readGamedJudgements("data/alpacaeval2_gamed_judgements.csv").length; // 1610
 */
export function readGamedJudgements(path: string): GamedJudgement[] {
  return parseGamedJudgements(readTextFile(path), inputName(path));
}

/**
 * Parses AlpacaEval's fitted GLM weights: the first column is the model, then the columns
 * `np.tanh(std_delta_len)`, `instruction_difficulty` and `not_gamed_baseline.astype(float)`.
 *
 * @throws InputError naming the file and line for malformed CSV, a missing column, an empty or repeated
 *   model, or a cell that is not a decimal number.
 * @example
 * const text = "model,np.tanh(std_delta_len),instruction_difficulty,not_gamed_baseline.astype(float)\nm,-1.5,0.8,0.2\n";
 * parseGlmWeights(text, "w.csv").get("m")!.intercept; // 0.2
 */
export function parseGlmWeights(text: string, file: string): Map<string, GlmWeights> {
  const t = table(text, file);
  const [kl, kd, ki] = [
    "np.tanh(std_delta_len)",
    "instruction_difficulty",
    "not_gamed_baseline.astype(float)",
  ].map((name) => column(t, file, name)) as [number, number, number];
  const out = new Map<string, GlmWeights>();
  for (const r of t.rows) {
    const model = r.cells[0]!;
    if (model === "") throw new InputError(file, cellAt(r, 0), "empty model name");
    if (out.has(model)) throw new InputError(file, cellAt(r, 0), `model "${model}" repeated`);
    out.set(model, {
      lengthSlope: parseDecimal(r.cells[kl]!, file, cellAt(r, kl)),
      difficultySlope: parseDecimal(r.cells[kd]!, file, cellAt(r, kd)),
      intercept: parseDecimal(r.cells[ki]!, file, cellAt(r, ki)),
    });
  }
  return out;
}

/**
 * Reads AlpacaEval's fitted GLM weights from a file (`parseGlmWeights`), such as the shipped
 * `data/alpacaeval2_glm_weights.csv`.
 *
 * @throws InputError when the file cannot be read or is malformed (the error names the file and line).
 * @example
 * readGlmWeights("data/alpacaeval2_glm_weights.csv").get("gpt4_1106_preview")!.intercept; // 0
 */
export function readGlmWeights(path: string): Map<string, GlmWeights> {
  return parseGlmWeights(readTextFile(path), inputName(path));
}
