/**
 * The market file (JSON; schema in schema/market.schema.json) and its validation into a `Market`.
 */

import { InputError } from "../errors.js";
import { qualityFromEffort } from "../model/production.js";
import { canonicalQuality } from "../model/strategies.js";
import type { Market, Producer, Production, SelectionRule, StrategySpace, Task } from "../model/types.js";
import { RELATIVE_TOLERANCE } from "../numeric/tolerance.js";
import { inputName, readTextFile } from "../textFile.js";
import { findDuplicateKey, findJsonSyntaxError, lineColumn } from "./jsonSyntax.js";
import { parseProduction, parseQuality, parseSelection, parseSpace } from "./marketFields.js";
import { parseSelectionSpec, parseSpaceSpec } from "./specs.js";

// the field validators live in marketFields.ts (shared with the text specs); re-exported here
export { parseProduction, parseSelection, parseSpace };

import { Validator } from "./validate.js";

/** Values given on the command line (or by a caller) that replace the file's. */
export interface MarketOverrides {
  selection?: SelectionRule;
  /** Task weights in task order, or by task name (every task must be named). */
  weights?: number[] | Record<string, number>;
  /** Benchmark weights `b` (docs/model.md section 4a), in the same forms as `weights`. */
  benchmarkWeights?: number[] | Record<string, number>;
}

/** The smallest accepted value cap: the smallest normal double (below it precision is lost). */
const MIN_CAP = 2.2250738585072014e-308;

/**
 * Reads and validates a market file. Every problem is an `InputError` naming the file and the JSON
 * path (or the line and column of a JSON syntax error).
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const market = readMarketFile("examples/three-producers.json", { selection: { rule: "logit", beta: 8 } });
 */
export function readMarketFile(path: string, overrides: MarketOverrides = {}): Market {
  const text = readTextFile(path);
  const name = inputName(path);
  return parseMarket(parseJson(text, name), name, overrides);
}

/**
 * `JSON.parse` with errors that give the line and column (and say that NaN and Infinity are not JSON).
 * A leading byte-order mark is skipped.
 *
 * @throws InputError `FILE: line L, column C: malformed JSON: ...` when the text is not JSON, and
 *   `FILE: $.PATH: duplicate key ...` when an object gives a key twice.
 * @example
 * parseJson('{"a": 1}', "m.json");
 */
export function parseJson(text: string, file: string): unknown {
  // a byte-order mark is not JSON, but editors write one: skip it as every reader does
  if (text.charCodeAt(0) === 0xfeff) return parseJson(text.slice(1), file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const err = findJsonSyntaxError(text) ?? { offset: 0, problem: "not valid JSON" };
    const { line, column } = lineColumn(text, err.offset);
    const problem = err.problem.includes("not a JSON number")
      ? err.problem
      : `malformed JSON: ${err.problem}`;
    throw new InputError(file, `line ${line}, column ${column}`, problem);
  }
  // JSON.parse keeps the last of duplicate keys: a file saying beta twice would run silently at one
  const dup = findDuplicateKey(text);
  if (dup !== undefined) {
    const { line, column } = lineColumn(text, dup.offset);
    throw new InputError(
      file,
      dup.path,
      `duplicate key ${JSON.stringify(dup.key)} (line ${line}, column ${column}; give each field once)`,
    );
  }
  return value;
}

/**
 * Validates a parsed market object (from a file or built in code) into a `Market`, normalising the
 * task weights. `file` is used in error messages.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * const market = parseMarket({
 *   tasks: [{ name: "code", weight: 2 }, { name: "law", weight: 1 }],
 *   selection: { rule: "logit", beta: 8 },
 *   producers: [{ name: "A", quality: [0.9, 0.1] }, { name: "B", quality: [0.2, 0.8] }],
 * });
 */
export function parseMarket(input: unknown, file?: string, overrides: MarketOverrides = {}): Market {
  const v = new Validator(file);
  const root = v.object(
    input,
    "$",
    ["$schema", "name", "description", "tasks", "selection", "producers"],
    ["tasks", "producers"],
  );
  if (root.name !== undefined) v.string(root.name, "$.name");
  if (root.description !== undefined && typeof root.description !== "string")
    v.fail("$.description", "must be a string");
  const tasks = parseTasks(v, root.tasks);
  if (overrides.weights !== undefined) applyWeights(tasks, overrides.weights);
  normaliseWeights(v, tasks, overrides.weights !== undefined ? "weights" : "$.tasks");
  if (overrides.benchmarkWeights !== undefined) setBenchmarkWeights(tasks, overrides.benchmarkWeights);
  else normaliseBenchmarkWeights(v, tasks, "$.tasks");
  if (overrides.selection === undefined && root.selection === undefined) {
    v.fail("$.selection", "missing required field (or give a selection override)");
  }
  // the file's selection is validated even when a flag overrides it
  const fromFile =
    root.selection === undefined
      ? undefined
      : typeof root.selection === "string"
        ? inFile(file, () => parseSelectionSpec(root.selection as string, "$.selection"))
        : parseSelection(v, root.selection, "$.selection");
  const selection = overrides.selection ?? fromFile!;
  const producers = parseProducers(v, root.producers, tasks, file);
  return { tasks, selection, producers };
}

function parseTasks(v: Validator, value: unknown): Task[] {
  const list = v.array(value, "$.tasks", { nonEmpty: true });
  const names = new Set<string>();
  return list.map((raw, t) => {
    const path = `$.tasks[${t}]`;
    const o = v.object(raw, path, ["name", "weight", "cap", "benchmarkWeight"], ["name"]);
    const name = v.string(o.name, `${path}.name`);
    if (names.has(name)) v.fail(`${path}.name`, `duplicate task name "${name}"`);
    names.add(name);
    const weight = o.weight === undefined ? 1 : v.number(o.weight, `${path}.weight`, { min: 0 });
    const cap = o.cap === undefined ? 1 : v.number(o.cap, `${path}.cap`, { gt: 0 });
    // Subnormal caps have too few significant bits for the tie tolerance (1e-9 x cap underflows to 0)
    // and for pi q to stay below the cap: refused rather than computed wrongly.
    if (cap < MIN_CAP)
      v.fail(`${path}.cap`, `must be at least ${MIN_CAP} (the smallest normal double), got ${cap}`);
    if (o.benchmarkWeight === undefined) return { name, weight, cap };
    const benchmarkWeight = v.number(o.benchmarkWeight, `${path}.benchmarkWeight`, { min: 0 });
    return { name, weight, cap, benchmarkWeight };
  });
}

/** Normalises benchmark weights given in the file (every task has one, or none does). */
function normaliseBenchmarkWeights(v: Validator, tasks: Task[], where: string): void {
  const given = tasks.filter((t) => t.benchmarkWeight !== undefined).length;
  if (given === 0) return;
  if (given < tasks.length) {
    const t = tasks.findIndex((x) => x.benchmarkWeight === undefined);
    v.fail(`${where}[${t}].benchmarkWeight`, "give a benchmarkWeight for every task or for none");
  }
  const b = normalised(tasks.map((t) => t.benchmarkWeight!));
  if (b === undefined) v.fail(where, "all benchmark weights are zero");
  tasks.forEach((t, k) => {
    t.benchmarkWeight = b![k]!;
  });
}

/** Weights divided by their sum (by the largest first, as `normaliseWeights`); `undefined` if all are 0. */
function normalised(ws: readonly number[]): number[] | undefined {
  const max = ws.reduce((m, x) => Math.max(m, x), 0);
  if (!(max > 0)) return undefined;
  const scaled = ws.map((x) => x / max);
  const total = scaled.reduce((a, x) => a + x, 0);
  return scaled.map((x) => x / total);
}

/**
 * Sets every task's benchmark weight `b_t` (docs/model.md section 4a) from weights in task order or by
 * task name (every task named), normalised to sum to 1. The consumer weights are left alone.
 *
 * @throws InputError (field `benchmark-weights`) for a wrong count, an unknown or missing task name, a
 *   negative or non-finite weight, or weights that are all zero.
 * @example
 * const tasks = [{ name: "code", weight: 0.5, cap: 1 }, { name: "law", weight: 0.5, cap: 1 }];
 * setBenchmarkWeights(tasks, [3, 1]);
 * tasks[0].benchmarkWeight; // 0.75
 */
export function setBenchmarkWeights(tasks: Task[], weights: number[] | Record<string, number>): void {
  const where = "benchmark-weights";
  const copy = tasks.map((t) => ({ ...t }));
  applyWeights(copy, weights, where);
  const b = normalised(copy.map((t) => t.weight));
  if (b === undefined) throw new InputError(undefined, where, "all benchmark weights are zero");
  tasks.forEach((t, k) => {
    t.benchmarkWeight = b[k]!;
  });
}

function applyWeights(tasks: Task[], weights: number[] | Record<string, number>, where = "weights"): void {
  if (Array.isArray(weights)) {
    if (weights.length !== tasks.length) {
      throw new InputError(undefined, where, `gives ${weights.length} weights for ${tasks.length} tasks`);
    }
    weights.forEach((w, t) => {
      checkWeight(w, where);
      tasks[t]!.weight = w;
    });
    return;
  }
  const byName = new Map(tasks.map((task) => [task.name, task]));
  for (const [name, w] of Object.entries(weights)) {
    const task = byName.get(name);
    if (task === undefined) throw new InputError(undefined, where, `unknown task "${name}"`);
    checkWeight(w, where);
    task.weight = w;
    byName.delete(name);
  }
  if (byName.size > 0) {
    throw new InputError(undefined, where, `no weight for task(s) ${[...byName.keys()].join(", ")}`);
  }
}

function checkWeight(w: number, where: string): void {
  if (!Number.isFinite(w)) throw new InputError(undefined, where, `weight must be finite, got ${w}`);
  if (w < 0) throw new InputError(undefined, where, `weight must be >= 0, got ${w}`);
}

function normaliseWeights(v: Validator, tasks: Task[], where: string): void {
  // Divide by the largest weight first: the sum of weights near the largest double would overflow
  // to Infinity (every weight then 0), the scaled sum is at most the number of tasks.
  const max = tasks.reduce((m, t) => Math.max(m, t.weight), 0);
  if (!(max > 0)) v.fail(where, "all task weights are zero");
  for (const t of tasks) t.weight /= max;
  const total = tasks.reduce((s, t) => s + t.weight, 0);
  for (const t of tasks) t.weight /= total;
}

/**
 * Runs a text-spec parser (`logit:beta=8`, `top-k:k=1`: the forms flags and the explorer take, also
 * accepted in the file) and names the file in its errors, which name only the JSON path.
 */
function inFile<T>(file: string | undefined, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof InputError && err.file === undefined)
      throw new InputError(file, err.where, err.problem);
    throw err;
  }
}

function parseProducers(v: Validator, value: unknown, tasks: Task[], file: string | undefined): Producer[] {
  const list = v.array(value, "$.producers", { nonEmpty: true });
  const names = new Set<string>();
  const caps = tasks.map((t) => t.cap);
  return list.map((raw, i) => {
    const path = `$.producers[${i}]`;
    const o = v.object(raw, path, ["name", "quality", "effort", "budget", "production", "space"], ["name"]);
    const name = v.string(o.name, `${path}.name`);
    if (names.has(name)) v.fail(`${path}.name`, `duplicate producer name "${name}"`);
    names.add(name);
    if (o.quality !== undefined && o.effort !== undefined)
      v.fail(`${path}`, "give quality or effort, not both");
    let quality: number[] | undefined;
    let effort: Producer["effort"];
    let budget: number | undefined;
    let production: Production | undefined;
    if (o.budget !== undefined) budget = v.number(o.budget, `${path}.budget`, { gt: 0 });
    if (o.production !== undefined) production = parseProduction(v, o.production, `${path}.production`);
    if (o.effort !== undefined) {
      if (budget === undefined) v.fail(`${path}.budget`, "missing required field (effort needs a budget)");
      const e = v.array(o.effort, `${path}.effort`, { length: tasks.length, lengthOf: "one per task" });
      const efforts = e.map((x, t) => v.number(x, `${path}.effort[${t}]`, { min: 0 }));
      const total = efforts.reduce((s, x) => s + x, 0);
      if (total > budget * (1 + RELATIVE_TOLERANCE)) {
        v.fail(
          `${path}.effort`,
          `total effort ${Number(total.toPrecision(12))} is over the budget ${budget}`,
        );
      }
      production ??= { kind: "linear" };
      effort = { effort: efforts, budget, production };
      quality = qualityFromEffort(production, efforts, caps);
    } else if (o.quality !== undefined) {
      quality = parseQuality(v, o.quality, `${path}.quality`, tasks);
      if (o.production !== undefined && o.space === undefined)
        v.fail(`${path}.production`, "only used with effort or a space");
    }
    const space: StrategySpace =
      o.space === undefined
        ? { kind: "fixed" }
        : typeof o.space === "string"
          ? inFile(file, () => parseSpaceSpec(o.space as string, tasks, `${path}.space`))
          : parseSpace(v, o.space, `${path}.space`, tasks, { budget, production });
    if (quality === undefined) {
      quality = canonicalQuality(space, tasks);
      if (quality === undefined) v.fail(path, "needs quality or effort (or a strategy space to start from)");
    }
    const producer: Producer = { name, quality, space };
    if (effort !== undefined) producer.effort = effort;
    return producer;
  });
}
