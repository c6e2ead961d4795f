/**
 * The ratings view's controlled ratings (run in `ratingsWorker.ts`), with the library's functions only:
 * style-controlled Bradley-Terry ratings (`fitControlledBradleyTerry`, as `modelmarket ratings FILE
 * --control NAME`) and AlpacaEval's length-controlled win rate (`lengthControlledWinRates`, as
 * `--length-controlled BASELINE [--instructions COLUMN|none]`). Which covariates a log has is read
 * from its header (CSV) or its keys (JSON). Pure functions, no DOM.
 */
import {
  type ControlledFit,
  fitControlledBradleyTerry,
  type LengthControlledResult,
  lengthControlledWinRates,
  type PairwiseData,
  parsePairwise,
  parseResample,
} from "modelmarket/empirical";

/** FastChat's four style elements (`--control style`), in the CLI's order. */
export const STYLE_CONTROLS = ["length", "headers", "lists", "bold"] as const;

/** What the controlled panel asks for (part of the ratings request). */
export interface ControlledRequest {
  pairwise: { name: string; text: string };
  /** The covariates (`--control NAME` each); empty: no controlled fit. */
  controls: string[];
  /** `--length-controlled BASELINE`; empty: none. */
  baseline: string;
  /** `--instructions COLUMN` or `none` (the GLM's difficulty term). */
  instructions: string;
  anchor: string;
  replicates: number;
  resample: string;
}

/** The covariates a log offers, and the columns that can name an instruction. */
export interface ControlChoices {
  controls: string[];
  instructionColumns: string[];
}

/** The first line of a CSV that is not a `#` comment, split at commas (names are plain words). */
function csvHeader(text: string): string[] {
  for (const line of text.split("\n", 50)) {
    const l = line.trim();
    if (l !== "" && !l.startsWith("#")) return l.split(",").map((c) => c.trim().replace(/^"|"$/g, ""));
  }
  return [];
}

/**
 * The covariates of a judgement log, as `readPairwise(file, { controls })` reads them: CSV columns
 * `NAME_a`, `NAME_b` (AlpacaEval's `NAME_1`, `NAME_2`, `len_*` being `length`), FastChat's
 * `conv_metadata` (its four style elements), AlpacaEval JSON's outputs (`length`).
 */
export function controlChoices(file: { name: string; text: string }): ControlChoices {
  const head = file.text.trimStart().slice(0, 1);
  const instr = (cols: string[]) =>
    ["instruction_id", "question_id", "instruction"].filter((c) => cols.includes(c));
  if (head === "[" || head === "{") {
    if (file.text.includes('"conv_metadata"'))
      return { controls: [...STYLE_CONTROLS], instructionColumns: [] };
    if (file.text.includes('"output_1"'))
      return {
        controls: ["length"],
        instructionColumns: file.text.includes('"instruction"') ? ["instruction"] : [],
      };
    return { controls: [], instructionColumns: [] };
  }
  const h = csvHeader(file.text);
  const alpaca = h.includes("generator_1") && h.includes("generator_2");
  const [one, two, skip] = alpaca ? ["_1", "_2", "generator"] : ["_a", "_b", "model"];
  const controls = h
    .filter((c) => c.endsWith(one) && h.includes(c.slice(0, -one.length) + two))
    .map((c) => c.slice(0, -one.length))
    .filter((c) => c !== skip && c !== "")
    .map((c) => (alpaca && c === "len" ? "length" : c));
  return { controls, instructionColumns: instr(h) };
}

/**
 * The instruction column the CLI reads for `--length-controlled` (`undefined`: no difficulty term): a
 * bootstrap resampling clusters reads its column (one cluster column is read), else `--instructions`.
 */
export function instructionColumnOf(req: ControlledRequest): string | undefined {
  if (req.baseline === "" || req.instructions === "none") return undefined;
  const scheme = parseResample(req.resample || undefined);
  if (req.replicates > 0 && scheme.kind === "clusters") return scheme.column;
  return req.instructions || "instruction_id";
}

/** The controlled fits of the request (`null` where not asked for), or the problem of each. */
export interface ControlledView {
  controlled: ControlledFit | { error: string } | null;
  lengthControlled: LengthControlledResult | { error: string } | null;
}

let cached: { key: string; data: PairwiseData } | undefined;

function controlledData(req: ControlledRequest): PairwiseData {
  const controls = req.controls.slice();
  if (req.baseline !== "" && !controls.includes("length")) controls.push("length");
  const cluster = instructionColumnOf(req);
  const key = `${req.pairwise.name}\u0000${controls.join(",")}\u0000${cluster ?? ""}\u0000${req.pairwise.text}`;
  if (cached?.key === key) return cached.data;
  const data = parsePairwise(req.pairwise.text, req.pairwise.name, {
    controls,
    ...(cluster === undefined ? {} : { cluster }),
  });
  cached = { key, data };
  return data;
}

const problem = (err: unknown) => ({ error: err instanceof Error ? err.message : String(err) });

/**
 * What `modelmarket ratings FILE [--control NAME ...] [--length-controlled BASELINE [--instructions
 * COLUMN|none]] [--anchor MODEL]` computes besides the plain ratings: the controlled fit (overall, prior
 * `auto`) and the length-controlled win rates. A file that cannot be read with the controls makes both
 * an error; each fit's own refusal is its own error.
 */
export function controlledView(req: ControlledRequest): ControlledView {
  if (req.controls.length === 0 && req.baseline === "") return { controlled: null, lengthControlled: null };
  let data: PairwiseData;
  try {
    data = controlledData(req);
  } catch (err) {
    const e = problem(err);
    return {
      controlled: req.controls.length === 0 ? null : e,
      lengthControlled: req.baseline === "" ? null : e,
    };
  }
  const anchor =
    req.anchor !== "mean" && data.models.includes(req.anchor)
      ? { kind: "model" as const, model: req.anchor }
      : { kind: "mean" as const };
  const attempt = <T>(f: () => T): T | { error: string } => {
    try {
      return f();
    } catch (err) {
      return problem(err);
    }
  };
  return {
    controlled:
      req.controls.length === 0
        ? null
        : attempt(() => fitControlledBradleyTerry(data, "overall", { prior: "auto", anchor })),
    lengthControlled:
      req.baseline === ""
        ? null
        : attempt(() =>
            lengthControlledWinRates(data, req.baseline, {
              difficulty: instructionColumnOf(req) !== undefined,
              gamed: [],
            }),
          ),
  };
}

/** The flags of the controlled panel, as the CLI takes them (all four style elements: `--control style`). */
export function controlledFlags(req: ControlledRequest, quote: (w: string) => string): string[] {
  const style = STYLE_CONTROLS.every((c) => req.controls.includes(c));
  const rest = style
    ? req.controls.filter((c) => !(STYLE_CONTROLS as readonly string[]).includes(c))
    : req.controls;
  const flags = [...(style ? ["--control style"] : []), ...rest.map((c) => `--control ${quote(c)}`)];
  if (req.baseline !== "") {
    flags.push(`--length-controlled ${quote(req.baseline)}`);
    const scheme = parseResample(req.resample || undefined);
    const clustered = req.replicates > 0 && scheme.kind === "clusters";
    if (req.instructions === "none") flags.push("--instructions none");
    else if (!clustered && req.instructions !== "" && req.instructions !== "instruction_id")
      flags.push(`--instructions ${quote(req.instructions)}`);
  }
  return flags;
}
