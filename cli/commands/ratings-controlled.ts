/**
 * The controlled parts of `modelmarket ratings`: style-controlled Bradley-Terry ratings (`--control
 * NAME`, repeatable; `style` is FastChat's four elements) and AlpacaEval's length-controlled win rate
 * (`--length-controlled BASELINE`), as text and JSON.
 */

import { type ControlledFit, fitControlledBradleyTerry } from "../../empirical/ratings/controlled.js";
import { type LengthControlledResult, lengthControlledWinRates } from "../../empirical/ratings/lc-glm.js";
import type { TidyRow } from "../../empirical/ratings/leaderboard.js";
import type { Anchor, PriorPolicy } from "../../empirical/ratings/types.js";
import { anchorText, lengthControlledReasonText, priorReasonText } from "../../empirical/ratings/words.js";
import type { ResampleScheme } from "../../empirical/resample.js";
import { InputError } from "../../src/errors.js";
import {
  type GamedJudgement,
  readGamedJudgements,
  readInstructionDifficulty,
} from "../../src/io/alpacaeval-glm.js";
import type { PairwiseData } from "../../src/io/pairwise.js";
import { fixed, plural } from "../../src/numeric/format.js";
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

/**
 * Runs `f`, naming the `--difficulty` file and its key when an instruction has no difficulty there.
 *
 * @throws InputError `FILE: index: no row for instruction "I" (...)` instead of the library's
 *   `instructionDifficulty` refusal, which cannot name the file.
 */
function withDifficultyFile<T>(file: string | undefined, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (file === undefined || !(err instanceof InputError) || err.where !== "instructionDifficulty")
      throw err;
    const m = /^no difficulty for instruction (".*")$/s.exec(err.problem);
    if (m === null) throw err;
    throw new InputError(
      file,
      "index",
      `no row for instruction ${m[1]} (the file is keyed by its first column, AlpacaEval's index: the instruction's position 0..804, which is instruction_id in the shipped annotation CSVs; --instructions names the judgements' column holding that key)`,
    );
  }
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
      // a refusal under --prior none names --prior, as the plain fit's does
      if (err instanceof InputError && err.file === undefined && err.where !== "prior")
        throw new InputError(undefined, flag, err.problem);
      throw err;
    }
  };
  const controlled =
    flagList(args, "control").length === 0
      ? null
      : withFlag("--control", () => fitControlledBradleyTerry(data, "overall", opts));
  // AlpacaEval regularises towards the baseline's own gamed versions (BASELINE_verbose,
  // BASELINE_concise); another model would pull the fit towards an unrelated answer style
  const notVersion = (g: string, b: string) =>
    `"${g}" is not a version of the baseline "${b}" (AlpacaEval's gamed baselines are ${b}_verbose and ${b}_concise)`;
  const isVersion = (g: string, b: string) => g.startsWith(`${b}_`) && g.length > b.length + 1;
  for (const g of flagList(args, "gamed"))
    if (baseline !== undefined && !isVersion(g, baseline))
      throw new InputError(undefined, "--gamed", notVersion(g, baseline));
  // the same rule for the --gamed-judgements file's models (AlpacaEval's df_gamed.csv is against
  // gpt4_1106_preview: against another baseline it would regularise towards the wrong answers)
  const files = baseline === undefined ? {} : lengthControlledFiles(args);
  const stray = files.gamedJudgements?.find((j) => !isVersion(j.model, baseline ?? ""));
  if (baseline !== undefined && stray !== undefined)
    throw new InputError(flagString(args, "gamed-judgements"), "model", notVersion(stray.model, baseline));
  const lengthControlled =
    baseline === undefined
      ? null
      : withFlag("--length-controlled", () =>
          withDifficultyFile(flagString(args, "difficulty"), () =>
            lengthControlledWinRates(data, baseline, {
              difficulty: flagString(args, "instructions") !== "none",
              gamed: flagList(args, "gamed"),
              ...files,
            }),
          ),
        );
  return { controlled, lengthControlled };
}

const f = fixed;

/**
 * Whether every controlled fit converged and every length-controlled GLM has a converged fit (the
 * command exits 1 otherwise, as for a rating fit).
 */
export function controlledConverged(out: ControlledOutput): boolean {
  const l = out.lengthControlled;
  return (
    (out.controlled?.converged ?? true) &&
    (l === null || ((l.difficulty?.reason ?? null) === null && l.rows.every((r) => r.converged)))
  );
}

/** The text sections. */
export function renderControlled(out: ControlledOutput): string {
  const lines: string[] = [];
  const c = out.controlled;
  if (c !== null) {
    lines.push(
      `controlled ratings (Bradley-Terry with ${covariatesText(c.coefficients.map((k) => k.name))}; anchor ${anchorText(c.anchor)}): ${c.converged ? "converged" : "NOT CONVERGED"}, gradientNorm ${c.gradientNorm.toExponential(2)}${c.prior.applied && c.prior.reason !== null ? `; ${priorReasonText(c.prior.reason)}` : ""}`,
    );
    for (const k of c.coefficients)
      lines.push(
        `  coefficient ${k.name}: estimate ${f(k.estimate, 4)}, standardError ${f(k.standardError, 4)} (logits per standard deviation)`,
      );
    const order = c.ratings.map((_, k) => k).sort((a, b) => c.ratings[b]! - c.ratings[a]!);
    // columns under their JSON paths, as --csv names them (docs/reference.md, "Names"): the fit's
    // fields are arrays over its models, and `rating`, `elo` alone are the main table's
    const mw = Math.max(5, ...c.models.map((m) => m.length));
    lines.push(`  ${"model".padEnd(mw)}  controlled.ratings  controlled.standardErrors  controlled.elo`);
    lines.push(
      `  ${"-".repeat(5).padEnd(mw)}  ------------------  -------------------------  --------------`,
    );
    for (const k of order)
      lines.push(
        `  ${c.models[k]!.padEnd(mw)}  ${f(c.ratings[k]!).padStart(18)}  ${f(c.standardErrors[k]!).padStart(25)}  ${f(c.elo[k]!, 0).padStart(14)}`,
      );
    lines.push("");
  }
  const l = out.lengthControlled;
  if (l !== null) {
    const d = l.difficulty;
    lines.push(
      `length-controlled win rate against ${l.baseline} (AlpacaEval's GLM, percent): ${d === null ? "without the instruction-difficulty term" : !d.fitted ? `instruction difficulty given for ${plural(d.instructions, "instruction")}` : `instruction difficulty fitted jointly on ${plural(d.models, "model")} x ${plural(d.instructions, "instruction")} (${d.reason === null ? `converged, ${plural(d.iterations, "Newton step")}` : lengthControlledReasonText(d.reason)}${d.priorInstructions > 0 ? `; ${plural(d.priorInstructions, "one-sided instruction")} held finite by a weak prior` : ""}${d.separationChecked ? "" : "; existence not checked (separation programme over its size limit)"})`}; ${l.gamed.length > 0 ? `regularised towards ${l.gamed.join(", ")}` : "no gamed baselines (not regularised)"}`,
    );
    // the models without a number last
    const key = (r: LengthControlledResult["rows"][number]) =>
      Number.isNaN(r.lengthControlledWinRate) ? Number.NEGATIVE_INFINITY : r.lengthControlledWinRate;
    const rows = l.rows.slice().sort((a, b) => key(b) - key(a));
    const w = Math.max(5, ...rows.map((r) => r.model.length));
    lines.push(`  ${"model".padEnd(w)}  winRate  lengthControlledWinRate  lcStandardError  lengthSlope`);
    lines.push(
      `  ${"-".repeat(5).padEnd(w)}  -------  -----------------------  ---------------  -----------`,
    );
    for (const r of rows)
      lines.push(
        `  ${r.model.padEnd(w)}  ${f(r.winRate, 2).padStart(7)}  ${f(r.lengthControlledWinRate, 2).padStart(23)}  ${f(r.lcStandardError, 2).padStart(15)}  ${f(r.lengthSlope, 3).padStart(11)}${r.reason === null ? "" : `  ${lengthControlledReasonText(r.reason)}`}`,
      );
    lines.push("");
  }
  return lines.join("\n");
}

/** The covariates of a controlled fit in words: FastChat's four style features, or the controls named. */
function covariatesText(names: readonly string[]): string {
  const style = names.length === STYLE_CONTROLS.length && STYLE_CONTROLS.every((n) => names.includes(n));
  const what = names.length === 1 ? "the covariate" : "covariates";
  return `${what} ${names.join(", ")} (${style ? "FastChat's style features" : "built as FastChat builds its style features"}, standardised)`;
}

/**
 * `--csv`'s rows of the controlled fits (task `overall`), each statistic named as its `--json` path
 * (docs/reference.md, "Names"): per model `controlled.ratings`, `controlled.standardErrors`,
 * `controlled.elo`, `controlled.eloStandardErrors`; per covariate (model empty)
 * `controlled.coefficients.NAME.estimate` and `.standardError`; per model of the length-controlled
 * board `lengthControlledWinRate`, `lcStandardError`, `intercept`, `lengthSlope`, `difficultySlope`,
 * and `lengthControlled.winRate`, `lengthControlled.judgements` (beside the main table's `winrate`
 * and `judgements`, which count every opponent).
 */
export function controlledTidyRows(out: ControlledOutput): TidyRow[] {
  const rows: TidyRow[] = [];
  const row = (model: string, statistic: string, value: number) =>
    rows.push({
      model,
      task: "overall",
      statistic,
      value: Number.isFinite(value) ? value : null,
      lower: null,
      upper: null,
    });
  const c = out.controlled;
  if (c !== null) {
    c.models.forEach((m, k) => {
      row(m, "controlled.ratings", c.ratings[k]!);
      row(m, "controlled.standardErrors", c.standardErrors[k]!);
      row(m, "controlled.elo", c.elo[k]!);
      row(m, "controlled.eloStandardErrors", c.eloStandardErrors[k]!);
    });
    for (const k of c.coefficients) {
      row("", `controlled.coefficients.${k.name}.estimate`, k.estimate);
      row("", `controlled.coefficients.${k.name}.standardError`, k.standardError);
    }
  }
  for (const r of out.lengthControlled?.rows ?? []) {
    row(r.model, "lengthControlled.winRate", r.winRate);
    row(r.model, "lengthControlledWinRate", r.lengthControlledWinRate);
    row(r.model, "lcStandardError", r.lcStandardError);
    row(r.model, "intercept", r.intercept);
    row(r.model, "lengthSlope", r.lengthSlope);
    row(r.model, "difficultySlope", r.difficultySlope);
    row(r.model, "lengthControlled.judgements", r.judgements);
  }
  return rows;
}
