/**
 * JSON pairwise judgements, read as they stream: JSON Lines (one object per line) and JSON arrays of
 * objects (FastChat's cleaned battle file, AlpacaEval's `annotations.json`), the array split into its
 * elements by a small scanner so that only one element is held at a time.
 *
 * Objects with `model_a, model_b, winner` (FastChat; `winner` one of `model_a`, `model_b`, `tie`,
 * `tie (bothbad)`, or `preference` in [0, 1]) or `generator_1, generator_2, preference` (AlpacaEval's
 * 1..2 scale, `null`: no verdict, skipped with a count; `dataset` is the task). Control covariates:
 * FastChat's `conv_metadata` (`sum_assistant_a_tokens`, `header_count_a`, ...; an object of counts is
 * summed, as FastChat does), AlpacaEval's output lengths in characters.
 */
import { InputError } from "../errors.js";
import { findDuplicateKey } from "./jsonSyntax.js";
import { type JudgementRow, PairwiseBuilder } from "./pairwise-builder.js";
import { lines } from "./pairwise-stream.js";
import type { PairwiseData, ReadPairwiseOptions } from "./pairwise-types.js";
import {
  alpacaOutcome,
  checkedWeight,
  type Outcome,
  probabilityOutcome,
  winnerOutcome,
} from "./pairwise-verdict.js";

/** FastChat's `conv_metadata` keys of its style elements (`rating_systems.py`, STYLE_CONTROL_ELEMENTS_V1). */
const FASTCHAT_KEYS: Record<string, [string, string]> = {
  length: ["sum_assistant_a_tokens", "sum_assistant_b_tokens"],
  headers: ["header_count_a", "header_count_b"],
  lists: ["list_count_a", "list_count_b"],
  bold: ["bold_count_a", "bold_count_b"],
};

/** A number, or an object of numbers summed (FastChat's `header_count_a: {h1: 0, h2: 1, ...}`). */
function metaValue(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    let s = 0;
    for (const x of Object.values(v as Record<string, unknown>)) {
      if (typeof x !== "number" || !Number.isFinite(x)) return undefined;
      s += x;
    }
    return s;
  }
  return undefined;
}

/** Builds the error for a problem with the field `key` of the object being read. */
type KeyError = (key: string, problem: string) => InputError;

/**
 * Refuses a number field given as something else (`"preference": "2"`) or beyond the doubles
 * (`1e999`, which `JSON.parse` reads as Infinity and `JSON.stringify` would show as null).
 */
function numberField(v: unknown, key: string, fail: KeyError): number {
  if (typeof v !== "number") throw fail(key, `must be a number, got ${typeof v} ${JSON.stringify(v)}`);
  if (!Number.isFinite(v)) throw fail(key, "not a finite number (beyond +-1.8e308)");
  return v;
}

/** The verdict of one object (`null`: an AlpacaEval row without a verdict), checked as every reader checks it. */
function objectOutcome(o: Record<string, unknown>, alpaca: boolean, fail: KeyError): Outcome | null {
  const pref = o.preference;
  const shown = JSON.stringify(pref);
  if (pref !== null && pref !== undefined) numberField(pref, "preference", fail);
  if (alpaca) {
    if (pref === null || pref === undefined) return null;
    return alpacaOutcome(typeof pref === "number" ? pref : Number.NaN, shown, fail);
  }
  if (pref !== undefined && pref !== null)
    return probabilityOutcome(typeof pref === "number" ? pref : Number.NaN, shown, fail);
  const w = o.winner;
  if (typeof w !== "string") throw fail("winner", `must be a string, got ${JSON.stringify(w)}`);
  return winnerOutcome(w, fail);
}

/**
 * The control covariates `[a side, b side]` of one object: AlpacaEval's `output_1`/`output_2` lengths
 * (or `X_1`/`X_2`), FastChat's `conv_metadata` counts (or `X_a`/`X_b` on the object itself).
 */
function objectControls(
  o: Record<string, unknown>,
  alpaca: boolean,
  names: string[],
  fail: KeyError,
): Array<[number, number]> {
  return names.map((name): [number, number] => {
    if (alpaca) {
      const [x, y] = name === "length" ? ["output_1", "output_2"] : [`${name}_1`, `${name}_2`];
      const len = (key: string) => {
        const v = o[key];
        if (typeof v === "string" && name === "length") return v.length;
        if (typeof v === "number" && Number.isFinite(v) && name !== "length") return v;
        throw fail(
          key,
          `control "${name}" needs a ${name === "length" ? "string" : "number"} here, got ${JSON.stringify(v)}`,
        );
      };
      return [len(x), len(y)];
    }
    const meta = o.conv_metadata;
    const src = meta !== null && typeof meta === "object" ? (meta as Record<string, unknown>) : o;
    const prefix = src === o ? "" : "conv_metadata.";
    const side = (key: string) => {
      const v = metaValue(src[key]);
      if (v === undefined)
        throw fail(
          `${prefix}${key}`,
          `control "${name}" needs a number (or an object of numbers), got ${JSON.stringify(src[key])}`,
        );
      return v;
    };
    const [x, y] = FASTCHAT_KEYS[name] ?? [`${name}_a`, `${name}_b`];
    return [side(x), side(y)];
  });
}

/**
 * Refuses a row of the other layout than the file's first (AlpacaEval's `generator_1` rows mixed with
 * the arena's `model_a` rows): returns the check to call on each object, in order.
 */
function layoutChecker(file: string | undefined): (o: Record<string, unknown>, at: string) => void {
  let first: { alpaca: boolean; at: string } | undefined;
  return (o, at) => {
    const alpaca = o.generator_1 !== undefined;
    if (first === undefined) first = { alpaca, at };
    else if (alpaca !== first.alpaca)
      throw new InputError(
        file,
        `${at}.${alpaca ? "generator_1" : "model_a"}`,
        `${alpaca ? "an AlpacaEval row (generator_1)" : "an arena row (model_a)"} after ${first.alpaca ? "AlpacaEval rows (generator_1" : "arena rows (model_a"}, from ${first.at}): a file uses one layout`,
      );
  };
}

/** Maps one object to a judgement row (or `null`: an AlpacaEval row without a verdict). */
function objectRow(
  o: Record<string, unknown>,
  at: string,
  line: number,
  file: string | undefined,
  options: ReadPairwiseOptions,
): JudgementRow | null {
  const alpaca = o.generator_1 !== undefined;
  const fail: KeyError = (key, problem) => new InputError(file, `${at}.${key}`, problem);
  // one layout per object: AlpacaEval's keys beside the arena's would be read as AlpacaEval silently
  const arenaKey = ["model_a", "model_b", "winner"].find((k) => k in o);
  if (alpaca && arenaKey !== undefined)
    throw fail(
      arenaKey,
      "given with generator_1: an object is either AlpacaEval's (generator_1, generator_2, preference) or the arena's (model_a, model_b, winner or preference), not both",
    );
  if (
    !alpaca &&
    o.winner !== undefined &&
    o.winner !== null &&
    o.preference !== undefined &&
    o.preference !== null
  )
    throw fail(
      "preference",
      `given with winner ${JSON.stringify(o.winner)}: an object gives one verdict, winner or preference (docs/pairwise.md)`,
    );
  const str = (key: string, optional = false): string | undefined => {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== "string" || v === "")
      throw fail(key, `must be a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  };
  const [ka, kb] = alpaca ? ["generator_1", "generator_2"] : ["model_a", "model_b"];
  const a = str(ka)!;
  const b = str(kb)!;
  const outcome = objectOutcome(o, alpaca, fail);
  if (outcome === null) return null;
  const task = alpaca ? str("dataset", true) : (str("task", true) ?? str("category", true));
  const weight =
    o.weight === undefined
      ? 1
      : checkedWeight(numberField(o.weight, "weight", fail), JSON.stringify(o.weight), fail);
  // AlpacaEval's outputs are the answers' text: their lengths are the length control's covariate
  if (alpaca)
    for (const key of ["output_1", "output_2"])
      if (o[key] !== undefined && o[key] !== null && typeof o[key] !== "string")
        throw fail(key, `must be the answer's text (a string), got ${JSON.stringify(o[key])}`);
  const controls = objectControls(o, alpaca, options.controls ?? [], fail);
  let cluster: string | undefined;
  if (options.cluster !== undefined) {
    const fallback = options.clusterFallback;
    const key =
      alpaca && fallback !== undefined && !(options.cluster in o) && fallback in o
        ? fallback
        : options.cluster;
    const v = o[key];
    if (v === undefined)
      throw new InputError(file, `${at}`, `no cluster key "${options.cluster}"`, "cluster");
    if (typeof v !== "string" && typeof v !== "number")
      throw fail(key, `the cluster key must be a string or a number, got ${JSON.stringify(v)}`);
    cluster = String(v);
  }
  return { a, b, task, outcome, weight, cluster, controls, line, whereB: `${at}.${kb}` };
}

function parseObject(
  text: string,
  line: number,
  column: number,
  file: string | undefined,
  at = "$",
): Record<string, unknown> {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec(String((err as Error).message));
    throw new InputError(
      file,
      `line ${line}, column ${m === null ? column : column + Number(m[1])}`,
      "not valid JSON",
    );
  }
  if (obj === null || typeof obj !== "object" || Array.isArray(obj))
    throw new InputError(file, `line ${line}, column ${column}`, "each judgement must be a JSON object");
  // JSON.parse keeps the last of repeated keys; a judgement with two winners is refused instead
  const dup = findDuplicateKey(text);
  if (dup !== undefined)
    throw new InputError(
      file,
      `line ${line}, ${at}${dup.path.slice(1)}`,
      `duplicate key ${JSON.stringify(dup.key)}`,
    );
  return obj as Record<string, unknown>;
}

/**
 * Reads JSON Lines judgements (one object per line; `#` lines are comments).
 *
 * @throws InputError naming the file and `line L, $.key` (syntax: `line L, column C`).
 * @example
 * parseJsonLinesPairwise(['{"model_a": "A", "model_b": "B", "winner": "tie"}\n'], "b.jsonl").cells[0].ties; // 1
 */
export function parseJsonLinesPairwise(
  chunks: Iterable<string>,
  file: string | undefined,
  options: ReadPairwiseOptions = {},
): PairwiseData {
  const b = new PairwiseBuilder(file, options);
  const comments: string[] = [];
  const checkLayout = layoutChecker(file);
  let format: PairwiseData["format"] = "battles";
  for (const [raw, line] of lines(chunks)) {
    const s = raw.trim();
    if (s === "") continue;
    if (s.startsWith("#")) {
      comments.push(s.replace(/^#\s?/, ""));
      continue;
    }
    const o = parseObject(s, line, 1 + raw.length - raw.trimStart().length, file);
    checkLayout(o, `line ${line}, $`);
    if (o.generator_1 !== undefined) format = "alpacaeval";
    const row = objectRow(o, `line ${line}, $`, line, file, options);
    if (row === null) b.skippedNoVerdict++;
    else b.add(row);
  }
  return b.done(format, comments, "no JSON objects");
}

/**
 * Reads a JSON array of judgement objects (FastChat's cleaned battles, AlpacaEval's annotations.json),
 * one element at a time.
 *
 * @throws InputError naming the file and `line L, $[k].key` (syntax: `line L, column C`).
 * @example
 * parseJsonArrayPairwise(['[{"model_a": "A", "model_b": "B", "winner": "model_a"}]'], "c.json").format; // "fastchat"
 */
export function parseJsonArrayPairwise(
  chunks: Iterable<string>,
  file: string | undefined,
  options: ReadPairwiseOptions = {},
): PairwiseData {
  const b = new PairwiseBuilder(file, options);
  let format: PairwiseData["format"] = "fastchat";
  const checkLayout = layoutChecker(file);
  let line = 1;
  let column = 0;
  let state: "before" | "between" | "after" = "before";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pending = "";
  let objLine = 0;
  let objColumn = 0;
  let index = 0;
  const unexpected = (ch: string) =>
    new InputError(file, `line ${line}, column ${column}`, `expected a JSON array of objects, got "${ch}"`);
  for (const chunk of chunks) {
    let capture = depth > 0 ? 0 : -1;
    for (let k = 0; k < chunk.length; k++) {
      const ch = chunk[k]!;
      if (ch === "\n") {
        line++;
        column = 0;
      } else column++;
      if (depth > 0) {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === "\\") escaped = true;
          else if (ch === '"') inString = false;
          continue;
        }
        if (ch === '"') inString = true;
        else if (ch === "{" || ch === "[") depth++;
        else if (ch === "}" || ch === "]") {
          depth--;
          if (depth === 0) {
            const text = pending + chunk.slice(capture, k + 1);
            pending = "";
            capture = -1;
            const o = parseObject(text, objLine, objColumn, file, `$[${index}]`);
            checkLayout(o, `line ${objLine}, $[${index}]`);
            if (o.generator_1 !== undefined) format = "alpacaeval";
            const row = objectRow(o, `line ${objLine}, $[${index}]`, objLine, file, options);
            index++;
            if (row === null) b.skippedNoVerdict++;
            else b.add(row);
          }
        }
        continue;
      }
      if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") continue;
      if (state === "before") {
        if (ch !== "[") throw unexpected(ch);
        state = "between";
      } else if (state === "between") {
        if (ch === "{") {
          depth = 1;
          capture = k;
          objLine = line;
          objColumn = column;
        } else if (ch === "]") state = "after";
        else if (ch !== ",") throw unexpected(ch);
      } else
        throw new InputError(file, `line ${line}, column ${column}`, "text after the end of the JSON array");
    }
    if (depth > 0) pending += chunk.slice(capture === -1 ? 0 : capture);
  }
  if (depth > 0 || state !== "after")
    throw new InputError(
      file,
      `line ${line}, column ${column}`,
      "unexpected end of the file inside the JSON array",
    );
  return b.done(format, [], "an empty JSON array");
}
