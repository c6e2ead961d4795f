/**
 * Instances as markets: validation of the shared representation, conversion to a `Market` and to a
 * market file that `modelmarket evaluate` reads.
 */
import { parseMarket } from "../src/io/marketFile.js";
import { canonicalQuality } from "../src/model/strategies.js";
import type { Market, SelectionRule, StrategySpace, Task } from "../src/model/types.js";
import type { Instance, MarketFile } from "./types.js";

/**
 * An empty instance with the given selection rule and parameters (for closed-form claims).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const inst = paramsInstance({ rule: "logit", beta: 2 }, { n: 3, m: 1 });
 */
export function paramsInstance(selection: SelectionRule, params: Record<string, number>): Instance {
  return { weights: [], caps: [], incumbents: [], players: [], selection, params };
}

/**
 * A deep copy (instances are plain data) with the same object shapes and array element kinds as the
 * original. Built field by field rather than with `structuredClone`, whose copies have other hidden
 * classes and generic (boxed-number) arrays: once the shrinker had fed such copies to a claim's
 * predicate in the main thread, its compiled code turned polymorphic and every later instance ran
 * about 30% slower (C6 in one thread: 150,000 instances/s before the first shrink, 110,000 after).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const copy = cloneInstance(inst);
 * copy.weights[0] = 2; // inst.weights is unchanged
 */
export function cloneInstance(inst: Instance): Instance {
  const incumbents: number[][] = [];
  for (const q of inst.incumbents) incumbents.push(q.slice());
  const players: StrategySpace[] = [];
  for (const p of inst.players) players.push(cloneSpace(p));
  return {
    weights: inst.weights.slice(),
    caps: inst.caps.slice(),
    incumbents,
    players,
    selection: cloneSelection(inst.selection),
    params: { ...inst.params },
  };
}

/** A copy of a selection rule, built as the generators build it (an object literal per rule). */
function cloneSelection(s: SelectionRule): SelectionRule {
  switch (s.rule) {
    case "perfect":
      return { rule: "perfect" };
    case "epsilon":
      return { rule: "epsilon", eps: s.eps };
    case "logit":
      return { rule: "logit", beta: s.beta };
    case "probit":
      return { rule: "probit", sigma: s.sigma };
  }
}

/** A deep copy of a strategy space (`slice` keeps each option's element kind). */
function cloneSpace(space: StrategySpace): StrategySpace {
  switch (space.kind) {
    case "menu": {
      const options: number[][] = [];
      for (const o of space.options) options.push(o.slice());
      return { ...space, options };
    }
    case "budget":
    case "grid":
      return { ...space, production: { ...space.production } };
    default:
      return { ...space };
  }
}

function validSelection(s: SelectionRule): boolean {
  switch (s.rule) {
    case "perfect":
      return true;
    case "epsilon":
      return Number.isFinite(s.eps) && s.eps >= 0 && s.eps <= 1;
    case "logit":
      return Number.isFinite(s.beta) && s.beta >= 0;
    case "probit":
      return Number.isFinite(s.sigma) && s.sigma > 0;
  }
}

function validQuality(q: readonly number[], caps: readonly number[]): boolean {
  if (q.length !== caps.length) return false;
  for (let t = 0; t < caps.length; t++) {
    const x = q[t]!;
    if (!Number.isFinite(x) || x < 0 || x > caps[t]!) return false;
  }
  return true;
}

function validSpace(space: StrategySpace, caps: readonly number[]): boolean {
  const T = caps.length;
  switch (space.kind) {
    case "fixed":
      return true;
    case "menu":
      return space.options.length > 0 && space.options.every((o) => validQuality(o, caps));
    case "top-k":
      return Number.isInteger(space.k) && space.k >= 1 && space.k <= T;
    case "budget":
    case "grid": {
      if (!(space.budget > 0) || !Number.isFinite(space.budget)) return false;
      if (space.kind === "grid" && (!(space.step > 0) || space.budget / space.step > 64)) return false;
      if (space.kind === "grid" && Math.floor(space.budget / space.step + 1e-9) < 1) return false;
      const p = space.production;
      if (p.kind === "power") return p.a > 0 && Number.isFinite(p.a);
      if (p.kind === "exponential") return p.k > 0 && Number.isFinite(p.k);
      return true;
    }
  }
}

/**
 * The structural hypothesis every instance must meet: consistent lengths, weights `>= 0` with a
 * positive sum (when there are tasks), caps `> 0`, qualities in `[0, v_t]`, a valid selection rule and
 * valid strategy spaces (grids of at most 64 units), finite parameters.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * baseValid(inst); // true for every generated instance
 */
export function baseValid(inst: Instance): boolean {
  const T = inst.weights.length;
  if (inst.caps.length !== T) return false;
  let total = 0;
  for (const w of inst.weights) {
    if (!Number.isFinite(w) || w < 0) return false;
    total += w;
  }
  if (T > 0 && !(total > 0)) return false;
  if (!inst.caps.every((c) => Number.isFinite(c) && c > 0)) return false;
  if (!inst.incumbents.every((q) => validQuality(q, inst.caps))) return false;
  if (!inst.players.every((s) => validSpace(s, inst.caps))) return false;
  if (!Object.values(inst.params).every((x) => Number.isFinite(x))) return false;
  return validSelection(inst.selection);
}

/**
 * The tasks of an instance (weights normalised), named `t1`, `t2`, ...
 *
 * @throws nothing for valid inputs of the declared types
 */
export function instanceTasks(inst: Instance): Task[] {
  const total = inst.weights.reduce((s, w) => s + w, 0);
  return inst.weights.map((w, t) => ({ name: `t${t + 1}`, weight: w / total, cap: inst.caps[t]! }));
}

/**
 * The market of an instance: the incumbents (fixed), then the players at `playerQualities` (or at
 * their space's canonical strategy).
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * const market = instanceMarket(inst, [[1, 0, 0]]);
 */
export function instanceMarket(inst: Instance, playerQualities: readonly (readonly number[])[] = []): Market {
  const tasks = instanceTasks(inst);
  const producers: Market["producers"] = inst.incumbents.map((q, i) => ({
    name: `inc${i + 1}`,
    quality: q.slice(),
    space: { kind: "fixed" },
  }));
  inst.players.forEach((space, j) => {
    const q = playerQualities[j] ?? canonicalQuality(space, tasks) ?? new Array<number>(tasks.length).fill(0);
    producers.push({
      name: inst.players.length === 1 ? "entrant" : `player${j + 1}`,
      quality: q.slice(),
      space,
    });
  });
  return { tasks, selection: inst.selection, producers };
}

/**
 * The market file of an instance (the JSON format `modelmarket evaluate` reads), with the players at
 * the given qualities. The file is validated with `parseMarket` before it is returned.
 *
 * @throws InputError when an argument is invalid (the error names the field and the value)
 * @example
 * // not run: writes a file
 * writeFileSync("cx.json", JSON.stringify(instanceMarketFile(inst, "C6 counterexample", [[0, 1]])));
 */
export function instanceMarketFile(
  inst: Instance,
  description: string,
  playerQualities: readonly (readonly number[])[] = [],
): MarketFile {
  const market = instanceMarket(inst, playerQualities);
  const file: MarketFile = {
    description,
    tasks: inst.weights.map((w, t) => ({ name: `t${t + 1}`, weight: w, cap: inst.caps[t]! })),
    selection: inst.selection,
    producers: market.producers.map((p) => {
      const entry: MarketFile["producers"][number] = { name: p.name, quality: p.quality };
      if (p.space.kind !== "fixed") entry.space = p.space;
      return entry;
    }),
  };
  parseMarket(structuredClone(file), "(counterexample)");
  return file;
}
