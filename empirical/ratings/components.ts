/**
 * Models that never met, directly or through others, form separate components of the comparison
 * graph: their ratings have no common origin, so each component is anchored on its own, ranks are
 * compared only within a component, and the weak prior is applied only to the components whose
 * maximum-likelihood ratings do not exist (Hunter 2004, Assumption 1, checked per component).
 */
import { InputError } from "../../src/errors.js";
import { type Comparisons, existence } from "./comparisons.js";
import type { Anchor, FitAnchor, MleReason, PriorPolicy, PriorReason } from "./types.js";
import { noMleText } from "./words.js";

/** The connected components of the graph "met at least once". */
export interface Components {
  /** `of[k]`: the component of model `k` (numbered in order of each component's first model). */
  of: number[];
  count: number;
}

/**
 * Connected components by union-find over the pairs that met (`O(pairs alpha(n))`).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * componentsOf({ models: ["a", "b", "c"], i: [0], j: [1], winsI: [1], winsJ: [0], ties: [0] }); // { of: [0, 0, 1], count: 2 }
 */
export function componentsOf(comp: Comparisons): Components {
  const n = comp.models.length;
  const parent = Int32Array.from({ length: n }, (_, k) => k);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let k = 0; k < comp.i.length; k++) {
    const a = find(comp.i[k]!);
    const b = find(comp.j[k]!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const label = new Map<number, number>();
  const of = Array.from({ length: n }, (_, k) => {
    const r = find(k);
    let c = label.get(r);
    if (c === undefined) {
      c = label.size;
      label.set(r, c);
    }
    return c;
  });
  return { of, count: label.size };
}

/**
 * The comparisons among `members` only (indices into `comp.models`), renumbered.
 *
 * @example
 * subComparisons(comp, [2, 3]).models; // [comp.models[2], comp.models[3]]
 */
export function subComparisons(comp: Comparisons, members: readonly number[]): Comparisons {
  const local = new Map(members.map((m, k) => [m, k]));
  const out: Comparisons = {
    models: members.map((m) => comp.models[m]!),
    i: [],
    j: [],
    winsI: [],
    winsJ: [],
    ties: [],
    ...(comp.weight === undefined ? {} : { weight: [] }),
  };
  for (let k = 0; k < comp.i.length; k++) {
    const a = local.get(comp.i[k]!);
    const b = local.get(comp.j[k]!);
    if (a === undefined || b === undefined) continue;
    out.i.push(a);
    out.j.push(b);
    out.winsI.push(comp.winsI[k]!);
    out.winsJ.push(comp.winsJ[k]!);
    out.ties.push(comp.ties[k]!);
    if (comp.weight !== undefined) out.weight?.push(comp.weight[k]!);
  }
  return out;
}

/** The prior's decision: per model whether its component gets the prior, and why. */
export interface PriorPlan {
  applied: boolean;
  reason: PriorReason | null;
  /** `perModel[k]`: model `k`'s component has the prior. */
  perModel: boolean[];
  components: Components;
}

/** Why a component's maximum-likelihood fit does not exist (`null`: it exists). */
export type ExistenceCheck = (c: Comparisons) => MleReason | null;

/** Hunter's condition (ties count both ways) as a reason, or `null` when it holds. */
export function hunterReason(c: Comparisons): MleReason | null {
  const ex = existence(c);
  if (ex.exists) return null;
  return { code: "hunter-condition", unjudged: ex.unjudged, neverWin: ex.neverWin, neverLose: ex.neverLose };
}

/**
 * Decides, per component, whether the weak prior is used: `always`: everywhere; `auto`: in the
 * components where `check` finds no maximum; `none`: refuse such data.
 *
 * @throws InputError under policy `none` when some component has no maximum (names its models).
 * @example
 * priorPlan(comp, "auto").perModel; // true only for the models of components without an MLE
 */
export function priorPlan(
  comp: Comparisons,
  policy: PriorPolicy = "auto",
  check: ExistenceCheck = hunterReason,
): PriorPlan {
  const components = componentsOf(comp);
  const n = comp.models.length;
  if (policy === "always")
    return {
      applied: true,
      reason: { code: "requested" },
      perModel: new Array<boolean>(n).fill(true),
      components,
    };
  const members: number[][] = Array.from({ length: components.count }, () => []);
  components.of.forEach((c, k) => {
    members[c]!.push(k);
  });
  const perModel = new Array<boolean>(n).fill(false);
  const without: Array<{ among: string[] | null; why: MleReason }> = [];
  members.forEach((m) => {
    const why: MleReason | null =
      m.length === 1
        ? { code: "hunter-condition", unjudged: [comp.models[m[0]!]!], neverWin: [], neverLose: [] }
        : check(subComparisons(comp, m));
    if (why === null) return;
    for (const k of m) perModel[k] = true;
    without.push({ among: components.count > 1 && m.length > 1 ? m.map((k) => comp.models[k]!) : null, why });
  });
  if (without.length === 0) return { applied: false, reason: null, perModel, components };
  const reason: PriorReason = { code: "no-mle", components: without, everyModel: perModel.every((x) => x) };
  if (policy === "none")
    throw new InputError(
      undefined,
      "prior",
      `${noMleText(reason)}; allow the weak prior (prior auto or always)`,
    );
  return { applied: true, reason, perModel, components };
}

/**
 * Free parameters: every model of a component with the prior (the prior pins its origin), all but the
 * first model of every other component (held at 0; anchors are applied afterwards).
 */
export function freeParameters(plan: PriorPlan): { free: number[]; pos: Int32Array } {
  const n = plan.perModel.length;
  const seen = new Set<number>();
  const free: number[] = [];
  for (let k = 0; k < n; k++) {
    const c = plan.components.of[k]!;
    if (!plan.perModel[k] && !seen.has(c)) {
      seen.add(c);
      continue;
    }
    free.push(k);
  }
  const pos = new Int32Array(n).fill(-1);
  free.forEach((k, p) => {
    pos[k] = p;
  });
  return { free, pos };
}

/**
 * `anchorComponents` for a Newton fit over the free models only: `pos[k]` is model `k`'s coordinate in
 * `fit.x` (`-1` for a model fixed at 0), `fit.covariance` the `m x m` covariance of those coordinates
 * (row-major, `m = fit.x.length`) or `null`. Shared by the plain and the controlled Bradley-Terry fits.
 *
 * @throws InputError (field `anchor`) as `anchorComponents`.
 */
export function anchorFreeFit(
  models: readonly string[],
  pos: ArrayLike<number>,
  fit: { x: Float64Array; covariance: Float64Array | null },
  anchor: Anchor,
  components: Components,
): { ratings: number[]; standardErrors: number[]; anchor: FitAnchor } {
  const m = fit.x.length;
  const full = Array.from({ length: models.length }, (_, k) => (pos[k]! < 0 ? 0 : fit.x[pos[k]!]!));
  const cov = fit.covariance;
  return anchorComponents(
    models,
    full,
    cov === null ? null : (a, b) => (pos[a]! < 0 || pos[b]! < 0 ? 0 : cov[pos[a]! * m + pos[b]!]!),
    anchor,
    components,
  );
}

/**
 * Anchors every component on its own: the component holding the anchor model on that model, every
 * other component on its mean rating. `cov(a, b)` is the covariance of the full ratings (0 for a held
 * model). Standard errors from `C' = M C M^T` per component.
 *
 * @throws InputError when the anchor model is unknown.
 * @example
 * anchorComponents(["A", "B"], [1, 3], null, { kind: "mean" }, { of: [0, 0], count: 1 }).ratings; // [-1, 1]
 */
export function anchorComponents(
  models: readonly string[],
  theta: readonly number[],
  cov: ((a: number, b: number) => number) | null,
  anchor: Anchor,
  components: Components,
): { ratings: number[]; standardErrors: number[]; anchor: FitAnchor } {
  const n = models.length;
  const a = anchor.kind === "model" ? models.indexOf(anchor.model) : -1;
  if (anchor.kind === "model" && a === -1)
    throw new InputError(undefined, "anchor", `unknown model "${anchor.model}" (not among the rated models)`);
  const members: number[][] = Array.from({ length: components.count }, () => []);
  components.of.forEach((c, k) => {
    members[c]!.push(k);
  });
  const ratings = new Array<number>(n);
  const se = new Array<number>(n).fill(Number.NaN);
  for (const m of members) {
    const onModel = a !== -1 && m.includes(a);
    const shift = onModel ? theta[a]! : m.reduce((s, k) => s + theta[k]!, 0) / m.length;
    for (const k of m) ratings[k] = theta[k]! - shift;
    if (cov === null) continue;
    if (onModel) {
      for (const k of m) se[k] = Math.sqrt(Math.max(0, cov(k, k) - 2 * cov(k, a) + cov(a, a)));
      continue;
    }
    const rowMean = m.map((k) => m.reduce((s, l) => s + cov(k, l), 0) / m.length);
    const grand = rowMean.reduce((s, x) => s + x, 0) / m.length;
    m.forEach((k, q) => {
      se[k] = Math.sqrt(Math.max(0, cov(k, k) - 2 * rowMean[q]! + grand));
    });
  }
  return { ratings, standardErrors: se, anchor: { ...anchor, perGroup: components.count > 1 } };
}
