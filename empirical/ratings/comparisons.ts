/**
 * Judgements aggregated per unordered pair of models: the input of every rating algorithm, built from
 * `PairwiseData` cells (one task, or overall) and checked for the existence of a maximum-likelihood
 * fit (Hunter 2004, Assumption 1: the directed "beat" graph is strongly connected).
 */
import { InputError } from "../../src/errors.js";
import type { PairwiseCell, PairwiseData } from "../../src/io/pairwise.js";

/** Judgements between `n` models, one entry per unordered pair that met (`i < j`). */
export interface Comparisons {
  /** Model names, `n = models.length`. */
  models: string[];
  i: number[];
  j: number[];
  /** Weight of judgements `i` won, `j` won, and tied. */
  winsI: number[];
  winsJ: number[];
  ties: number[];
  /**
   * Total weight of soft preferences folded into `winsI` and `winsJ` (a preference `p` for `i` adds `p`
   * to `i`'s wins and `1 - p` to `j`'s: the Bradley-Terry likelihood of a fractional outcome, exactly).
   */
  soft?: number;
  /**
   * Per pair, the judgement weight (the sum of its rows' weights, added as weights, so integer weights
   * give an exact count; `winsI + winsJ + ties` is a float sum of soft outcomes `p` and `1 - p`, which
   * can miss it by rounding: 804.9999999999999 for 805 judgements). Absent: `winsI + winsJ + ties`.
   */
  weight?: number[];
}

/** Which cells of `PairwiseData` feed a fit. */
export type TaskSelector =
  /** The cells of one task (by name). */
  | { task: string }
  /**
   * Overall: every judgement, with or without a task (`overallPicker`). WildBench's `ALL` rows hold the
   * categories' judgements again, so for WildBench data with `ALL` rows only those are used.
   */
  | { overall: true };

/**
 * Which task indices the overall fit uses (`TaskSelector` `{ overall: true }`): every cell, tasked
 * (`>= 0`) or not (`-1`), since a battle log's untasked rows are judgements like the others
 * (docs/pairwise.md: "Rows without a task count only in the overall fit"); for WildBench data with
 * `ALL` rows (`task -1`), only those, as they repeat the categories' judgements (counting both would
 * count each judgement twice).
 *
 * Source: WildBench's published pairwise counts (B. Y. Lin et al., "WildBench", 2024), whose `ALL`
 * category is the whole benchmark.
 *
 * @throws nothing
 * @example
 * overallPicker(parsePairwise("model_a,model_b,winner,task\nA,B,model_a,x\nB,A,tie,\n"))(0); // true
 */
export function overallPicker(data: Pick<PairwiseData, "format" | "cells">): (task: number) => boolean {
  const summaryRows = data.format === "wildbench" && data.cells.some((c) => c.task === -1);
  return summaryRows ? (x) => x === -1 : () => true;
}

/**
 * Aggregates the cells of `data` picked by `selector` per unordered pair, over the models `models`
 * (default: all of `data.models`; cells with another model are skipped).
 *
 * @throws InputError when the task is unknown or no judgement is left.
 * @example
 * const comp = comparisonsFrom(readPairwise("data/wildbench_v2_pairwise_by_category.csv"), { task: "Coding & Debugging" });
 */
export function comparisonsFrom(
  data: PairwiseData,
  selector: TaskSelector,
  models: readonly string[] = data.models,
): Comparisons {
  const out = comparisonsOnLayout(pairLayout(data, selector, models), data.cells);
  if (out === null)
    throw new InputError(
      data.file,
      undefined,
      `no judgements for ${"task" in selector ? `task "${selector.task}"` : "the overall fit"}`,
    );
  return out;
}

/**
 * Where each cell of a data set lands in `comparisonsFrom`'s pair list for one selector, so that data
 * with the same cells and other weights (bootstrap replicates) are aggregated without a map lookup
 * per cell (`comparisonsOnLayout`).
 */
export interface PairLayout {
  models: string[];
  /** Per pair (in order of first cell): the lower and the higher model index. */
  lo: Int32Array;
  hi: Int32Array;
  /** Per cell: its pair (`-1`: not picked), and whether its `a` is the pair's higher model. */
  slot: Int32Array;
  flip: Uint8Array;
}

/**
 * The pair layout of `data`'s cells picked by `selector`, over `models` (as `comparisonsFrom`).
 *
 * @throws InputError when the task is unknown.
 * @example
 * pairLayout(parsePairwise("model_a,model_b,winner\nA,B,model_a\nB,A,tie\n"), { overall: true }).slot; // Int32Array [0, 0]
 */
export function pairLayout(
  data: PairwiseData,
  selector: TaskSelector,
  models: readonly string[] = data.models,
): PairLayout {
  let pick: (c: PairwiseCell) => boolean;
  if ("task" in selector) {
    const t = data.tasks.indexOf(selector.task);
    if (t === -1)
      throw new InputError(
        data.file,
        "task",
        `unknown task "${selector.task}" (known: ${data.tasks.join(", ")})`,
      );
    pick = (c) => c.task === t;
  } else {
    const overall = overallPicker(data);
    pick = (c) => overall(c.task);
  }
  const index = new Map(models.map((m, k) => [m, k]));
  const dataToLocal = data.models.map((m) => index.get(m) ?? -1);
  const n = models.length;
  const byPair = new Map<number, number>();
  const lo: number[] = [];
  const hi: number[] = [];
  const slot = new Int32Array(data.cells.length).fill(-1);
  const flip = new Uint8Array(data.cells.length);
  data.cells.forEach((c, q) => {
    const a = dataToLocal[c.a]!;
    const b = dataToLocal[c.b]!;
    if (!pick(c) || a === -1 || b === -1) return;
    const key = Math.min(a, b) * n + Math.max(a, b);
    let k = byPair.get(key);
    if (k === undefined) {
      k = lo.length;
      byPair.set(key, k);
      lo.push(Math.min(a, b));
      hi.push(Math.max(a, b));
    }
    slot[q] = k;
    flip[q] = a < b ? 0 : 1;
  });
  return { models: models.slice(), lo: Int32Array.from(lo), hi: Int32Array.from(hi), slot, flip };
}

/**
 * `comparisonsFrom` for cells laid out by `layout` (the same cells as the layout's data, any weights):
 * the same pairs, weights and soft total, pairs in the layout's order, pairs without weight left out;
 * `null` when no judgement is left.
 *
 * @throws nothing for cells of the layout's data.
 * @example
 * comparisonsOnLayout(layout, resamplePairwise(data, rng).cells); // as comparisonsFrom(resampled, selector)
 */
export function comparisonsOnLayout(layout: PairLayout, cells: readonly PairwiseCell[]): Comparisons | null {
  const P = layout.lo.length;
  const wLo = new Float64Array(P);
  const wHi = new Float64Array(P);
  const ties = new Float64Array(P);
  const used = new Uint8Array(P);
  const weight = new Float64Array(P);
  let soft = 0;
  for (let q = 0; q < cells.length; q++) {
    const k = layout.slot[q]!;
    if (k < 0) continue;
    const c = cells[q]!;
    let softA = 0;
    let softW = 0;
    if (c.soft !== undefined)
      for (let u = 0; u < c.soft.p.length; u++) {
        softA += c.soft.p[u]! * c.soft.w[u]!;
        softW += c.soft.w[u]!;
      }
    if (c.winsA + c.winsB + c.ties + softW <= 0) continue;
    soft += softW;
    used[k] = 1;
    const winsA = c.winsA + softA;
    const winsB = c.winsB + (softW - softA);
    wLo[k]! += layout.flip[q] ? winsB : winsA;
    wHi[k]! += layout.flip[q] ? winsA : winsB;
    ties[k]! += c.ties;
    weight[k]! += c.winsA + c.winsB + c.ties + softW;
  }
  const out: Comparisons = {
    models: layout.models.slice(),
    i: [],
    j: [],
    winsI: [],
    winsJ: [],
    ties: [],
    weight: [],
  };
  for (let k = 0; k < P; k++) {
    if (!used[k]) continue;
    out.i.push(layout.lo[k]!);
    out.j.push(layout.hi[k]!);
    out.winsI.push(wLo[k]!);
    out.winsJ.push(wHi[k]!);
    out.ties.push(ties[k]!);
    out.weight?.push(weight[k]!);
  }
  if (soft > 0) out.soft = soft;
  return out.i.length === 0 ? null : out;
}

/** Whether, and why not, the maximum-likelihood ratings exist. */
export interface Existence {
  /** The directed graph "i beat j at least once" (ties count both ways) is strongly connected. */
  exists: boolean;
  /** Models with no win (and no tie), and models with no loss (and no tie). */
  neverWin: string[];
  neverLose: string[];
  /** Models with no judgement at all. */
  unjudged: string[];
}

/**
 * Checks Hunter's condition for the Bradley-Terry MLE to exist (ties count as half a win each way):
 * for every split of the models in two groups, someone in each group beat someone in the other, i.e.
 * the beat graph is strongly connected (two depth-first searches, `O(n + pairs)`).
 *
 * Source: D. R. Hunter, "MM algorithms for generalized Bradley-Terry models", Ann. Statist. 32 (2004),
 * Assumption 1 (after L. R. Ford, 1957).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * existence(comp).exists; // true when every model has beaten and lost to someone in one connected web
 */
export function existence(comp: Comparisons): Existence {
  const n = comp.models.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  const won = new Array<boolean>(n).fill(false);
  const lost = new Array<boolean>(n).fill(false);
  const seen = new Array<boolean>(n).fill(false);
  comp.i.forEach((i, k) => {
    const j = comp.j[k]!;
    seen[i] = seen[j] = true;
    const t = comp.ties[k]! > 0;
    if (comp.winsI[k]! > 0 || t) {
      out[i]!.push(j);
      inn[j]!.push(i);
      won[i] = true;
      lost[j] = true;
    }
    if (comp.winsJ[k]! > 0 || t) {
      out[j]!.push(i);
      inn[i]!.push(j);
      won[j] = true;
      lost[i] = true;
    }
  });
  const reach = (adj: number[][]): number => {
    const mark = new Array<boolean>(n).fill(false);
    const stack = [0];
    mark[0] = true;
    let count = 1;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const w of adj[v]!)
        if (!mark[w]) {
          mark[w] = true;
          count++;
          stack.push(w);
        }
    }
    return count;
  };
  const exists = n <= 1 || (reach(out) === n && reach(inn) === n);
  return {
    exists,
    neverWin: comp.models.filter((_, k) => seen[k] && !won[k]),
    neverLose: comp.models.filter((_, k) => seen[k] && !lost[k]),
    unjudged: comp.models.filter((_, k) => !seen[k]),
  };
}
