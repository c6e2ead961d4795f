/**
 * The controlled parts of `modelmarket ratings`: style-controlled Bradley-Terry ratings (`--control
 * NAME`, repeatable; `style` is FastChat's four elements) and AlpacaEval's length-controlled win rate
 * (`--length-controlled BASELINE`), as text and JSON.
 */

import { type ControlledFit, fitControlledBradleyTerry } from "../../empirical/ratings/controlled.js";
import { type LengthControlledResult, lengthControlledWinRates } from "../../empirical/ratings/lc-glm.js";
import type { Anchor, PriorPolicy } from "../../empirical/ratings/types.js";
import { anchorText } from "../../empirical/ratings/words.js";
import type { ResampleScheme } from "../../empirical/resample.js";
import { InputError } from "../../src/errors.js";
import {
  type GamedJudgement,
  readGamedJudgements,
  readInstructionDifficulty,
} from "../../src/io/alpacaeval-glm.js";
import type { PairwiseData } from "../../src/io/pairwise.js";
import { flagList, flagString } from "../args.js";
import type { Command } from "../command.js";

/** FastChat's style elements (`STYLE_CONTROL_ELEMENTS_V1`), by our names. */
export const STYLE_CONTROLS = ["length", "headers", "lists", "bold"];

/**
 * The instruction column to read with the judgements for the length-controlled GLM, or `undefined`.
 *
 * @throws InputError naming `--instructions` when it is given without `--length-controlled`, or
 *   differs from the `--resample clusters:` column (one cluster column is read).
 */
export function instructionColumn(
  args: Parameters<Command["run"]>[0],
  resample: ResampleScheme,
): string | undefined {
  const given = flagString(args, "instructions");
  if (flagString(args, "length-controlled") === undefined) {
    const stray = (["instructions", "gamed", "difficulty", "gamed-judgements"] as const).find((f) =>
      f === "gamed" ? flagList(args, f).length > 0 : flagString(args, f) !== undefined,
    );
    if (stray !== undefined) throw new InputError(undefined, `--${stray}`, "needs --length-controlled");
    return undefined;
  }
  if (given === "none") {
    if (flagString(args, "difficulty") !== undefined)
      throw new InputError(
        undefined,
        "--difficulty",
        "needs the instruction column (not --instructions none)",
      );
    return undefined;
  }
  if (resample.kind === "clusters") {
    if (given !== undefined && given !== resample.column)
      throw new InputError(
        undefined,
        "--instructions",
        `one cluster column is read: give the same column as --resample clusters:${resample.column}`,
      );
    return resample.column;
  }
  return given ?? "instruction_id";
}

/** The control names the flags ask for (`style` expanded), to read with the judgements. */
export function controlNames(args: Parameters<Command["run"]>[0]): string[] {
  const names = flagList(args, "control").flatMap((c) => (c === "style" ? STYLE_CONTROLS : [c]));
  if (flagString(args, "length-controlled") !== undefined && !names.includes("length")) names.push("length");
  return names.filter((n, k) => names.indexOf(n) === k);
}

/**
 * The files `--difficulty` and `--gamed-judgements` name, read (AlpacaEval's `instruction_difficulty.csv`
 * and `df_gamed.csv` layouts).
 *
 * @throws InputError naming the file and line when one cannot be read or is malformed.
 */
function lengthControlledFiles(args: Parameters<Command["run"]>[0]): {
  instructionDifficulty?: Map<string, number>;
  gamedJudgements?: GamedJudgement[];
} {
  const difficulty = flagString(args, "difficulty");
  const gamed = flagString(args, "gamed-judgements");
  return {
    ...(difficulty === undefined ? {} : { instructionDifficulty: readInstructionDifficulty(difficulty) }),
    ...(gamed === undefined ? {} : { gamedJudgements: readGamedJudgements(gamed) }),
  };
}

/** What the controlled flags computed. */
export interface ControlledOutput {
  controlled: ControlledFit | null;
  lengthControlled: LengthControlledResult | null;
}

/**
 * Fits what the flags ask for.
 *
 * @throws InputError naming the flag when the data cannot give it.
 */
export function runControlled(
  args: Parameters<Command["run"]>[0],
  data: PairwiseData,
  opts: { prior: PriorPolicy; anchor: Anchor },
): ControlledOutput {
  const baseline = flagString(args, "length-controlled");
  const withFlag = <T>(flag: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      if (err instanceof InputError && err.file === undefined)
        throw new InputError(undefined, flag, err.problem);
      throw err;
    }
  };
  const controlled =
    flagList(args, "control").length === 0
      ? null
      : withFlag("--control", () => fitControlledBradleyTerry(data, "overall", opts));
  const lengthControlled =
    baseline === undefined
      ? null
      : withFlag("--length-controlled", () =>
          lengthControlledWinRates(data, baseline, {
            difficulty: flagString(args, "instructions") !== "none",
            gamed: flagList(args, "gamed"),
            ...lengthControlledFiles(args),
          }),
        );
  return { controlled, lengthControlled };
}

const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : "-");

/** The text sections. */
export function renderControlled(out: ControlledOutput): string {
  const lines: string[] = [];
  const c = out.controlled;
  if (c !== null) {
    lines.push(
      `controlled ratings (Bradley-Terry with covariates, FastChat's style features standardised; anchor ${anchorText(c.anchor)}): ${c.converged ? "converged" : "NOT CONVERGED"}, gradientNorm ${c.gradientNorm.toExponential(2)}`,
    );
    for (const k of c.coefficients)
      lines.push(
        `  coefficient ${k.name}: estimate ${f(k.estimate, 4)}, standardError ${f(k.standardError, 4)} (logits per standard deviation)`,
      );
    const order = c.ratings.map((_, k) => k).sort((a, b) => c.ratings[b]! - c.ratings[a]!);
    // columns under their JSON names (docs/reference.md, "Names"): controlled.ratings, standardErrors, elo
    const mw = Math.max(5, ...c.models.map((m) => m.length));
    lines.push(`  ${"model".padEnd(mw)}  ratings  standardErrors   elo`);
    lines.push(`  ${"-".repeat(5).padEnd(mw)}  -------  --------------  ----`);
    for (const k of order)
      lines.push(
        `  ${c.models[k]!.padEnd(mw)}  ${f(c.ratings[k]!).padStart(7)}  ${f(c.standardErrors[k]!).padStart(14)}  ${f(c.elo[k]!, 0).padStart(4)}`,
      );
    lines.push("");
  }
  const l = out.lengthControlled;
  if (l !== null) {
    const d = l.difficulty;
    lines.push(
      `length-controlled win rate against ${l.baseline} (AlpacaEval's GLM, percent): ${d === null ? "without the instruction-difficulty term" : !d.fitted ? `instruction difficulty given for ${d.instructions} instructions` : `instruction difficulty fitted jointly on ${d.models} models x ${d.instructions} instructions (${d.converged ? "converged" : "NOT CONVERGED"}, ${d.iterations} Newton steps${d.priorInstructions > 0 ? `; ${d.priorInstructions} one-sided instructions held finite by a weak prior` : ""})`}; ${l.gamed.length > 0 ? `regularised towards ${l.gamed.join(", ")}` : "no gamed baselines (not regularised)"}`,
    );
    const rows = l.rows.slice().sort((a, b) => b.lengthControlledWinRate - a.lengthControlledWinRate);
    const w = Math.max(5, ...rows.map((r) => r.model.length));
    lines.push(`  ${"model".padEnd(w)}  winRate  lengthControlledWinRate  lcStandardError  lengthSlope`);
    lines.push(
      `  ${"-".repeat(5).padEnd(w)}  -------  -----------------------  ---------------  -----------`,
    );
    for (const r of rows)
      lines.push(
        `  ${r.model.padEnd(w)}  ${f(r.winRate, 2).padStart(7)}  ${f(r.lengthControlledWinRate, 2).padStart(23)}  ${f(r.lcStandardError, 2).padStart(15)}  ${f(r.lengthSlope, 3).padStart(11)}${r.converged ? "" : "  NOT CONVERGED"}`,
      );
    lines.push("");
  }
  return lines.join("\n");
}
