/**
 * Two-parameter family designs (docs/design.md): the rectangle `[from, to] x [second.from, second.to]`
 * as rows of the second parameter, each row the one-parameter partition of the first (exact where the
 * one-parameter design is). Across rows the partition is sampled: `rows` equally spaced values, and
 * every pair of neighbouring rows whose partitions differ (another sequence of responses) is bisected
 * until the rows are `secondTolerance` apart. A change narrower than the row step between two rows
 * with the same partition can be missed: that step is the stated gap.
 *
 * The second parameter is a numeric parameter of the family, or one named inside a text parameter:
 * `mix` with `rules=winrate+power-winrate:alpha=1` and a range over `alpha` designs lambda x alpha.
 */
import { InputError } from "../../src/errors.js";
import { DEFAULT_DESIGN_ROWS } from "../../src/limits.js";
import type { RuleFamily } from "../../src/model/ruleFamilies.js";
import { checkWorkLimit } from "../../src/work.js";
import type { DesignMethod, DesignSearch, FamilyDesign, FamilyDesign2D } from "./types.js";

export { DEFAULT_DESIGN_ROWS };

type TwoSearch = Extract<DesignSearch, { kind: "family" }> & {
  second: NonNullable<Extract<DesignSearch, { kind: "family" }>["second"]>;
};

/**
 * The one-parameter search of the row at `q`: the second parameter set among the numeric ones, or
 * substituted where a text parameter names it.
 *
 * @throws InputError when the family has no such parameter and no text parameter names it.
 */
export function rowSearch(
  family: RuleFamily,
  search: TwoSearch,
  q: number,
): Extract<DesignSearch, { kind: "family" }> {
  const { second, ...rest } = search;
  const name = second.parameter;
  if (name === search.parameter)
    throw new InputError(undefined, "range", `the two ranges name the same parameter "${name}"`);
  if (family.parameters.some((p) => p.name === name))
    return { ...rest, params: { ...(search.params ?? {}), [name]: q } };
  const pattern = new RegExp(`(^|[:,+])${name}=[^+,]*`, "g");
  const text = { ...(search.text ?? {}) };
  let found = false;
  for (const [k, v] of Object.entries(text))
    if (pattern.test(v)) {
      found = true;
      text[k] = v.replace(pattern, (_m, lead: string) => `${lead}${name}=${q}`);
    }
  if (!found)
    throw new InputError(
      undefined,
      "range",
      `${family.name} has no parameter "${name}", and no text parameter names it (e.g. rules=winrate+power-winrate:${name}=1)`,
    );
  return { ...rest, text };
}

function signature(d: FamilyDesign): string {
  return d.regions.map((r) => (r.point ? `@${r.key}` : r.key)).join(" / ");
}

/**
 * The two-parameter design: rows of one-parameter partitions, bisected across rows where they differ.
 *
 * @throws WorkLimitError (`maxSolves`) when the estimated or the actual row count exceeds the limit
 *   (each row counts `perRow` solves); InputError from the rows.
 */
export function twoParameterDesign(
  search: TwoSearch,
  row: (q: number) => FamilyDesign,
  opts: {
    objective: "worst" | "best";
    rows: number;
    secondTolerance?: number;
    maxSolves: number;
    perRow: number;
  },
): FamilyDesign2D {
  const { from: lo, to: hi } = search.second;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi))
    throw new InputError(
      undefined,
      "range",
      `${search.second.parameter} must run from FROM < TO, got ${lo}:${hi}`,
    );
  const steps = Math.max(1, opts.rows - 1);
  const step = (hi - lo) / steps;
  const qTol = opts.secondTolerance ?? 1e-3 * step;
  // each change between rows costs about log2(step / qTol) more rows; assumed one per 4 steps
  const estimate =
    (opts.rows + Math.ceil(steps / 4) * Math.ceil(Math.log2(Math.max(2, step / qTol)))) * opts.perRow;
  checkWorkLimit("maxSolves", estimate, opts.maxSolves, "solves of the question (rows x solves per row)");
  let count = 0;
  const at = (q: number) => {
    count++;
    checkWorkLimit(
      "maxSolves",
      count * opts.perRow,
      opts.maxSolves,
      "solves of the question (rows x solves per row)",
    );
    const d = row(q);
    return { value: q, design: d, sig: signature(d) };
  };
  type Row = ReturnType<typeof at>;
  const out: Row[] = [];
  const bisect = (a: Row, b: Row): void => {
    if (b.value - a.value <= qTol) return;
    const m = at((a.value + b.value) / 2);
    if (m.sig !== a.sig) bisect(a, m);
    out.push(m);
    if (m.sig !== b.sig) bisect(m, b);
  };
  const samples = Array.from({ length: steps + 1 }, (_, k) => at(k === steps ? hi : lo + step * k));
  samples.forEach((r, k) => {
    if (k > 0 && samples[k - 1]!.sig !== r.sig) bisect(samples[k - 1]!, r);
    out.push(r);
  });
  out.sort((x, y) => x.value - y.value);
  const worst = opts.objective !== "best";
  const regions = out.flatMap((r) => r.design.regions);
  const optimum = Math.max(
    ...regions.map((g) => (worst ? g.welfareWorst : g.welfareBest)).filter((x) => Number.isFinite(x)),
  );
  for (const g of regions) g.optimal = (worst ? g.welfareWorst : g.welfareBest) === optimum;
  const rowsExact = out.every((r) => r.design.exact);
  return {
    kind: "family-2d",
    family: search.family,
    parameter: search.parameter,
    from: search.from,
    to: search.to,
    second: { ...search.second },
    rows: out.map((r) => ({
      value: r.value,
      regions: r.design.regions,
      exact: r.design.exact,
      gap: r.design.gap,
    })),
    rowsExact,
    gap: step,
    secondTolerance: qTol,
    optimum,
    method: rowsMethod(out.length, search.second.parameter, opts.rows, qTol, out[0]!.design.method),
  };
}

/** The method of a design in rows: how many, of which parameter, and each row's method. */
function rowsMethod(
  rows: number,
  parameter: string,
  asked: number,
  tolerance: number,
  row: DesignMethod,
): DesignMethod {
  return { code: "rows", rows, parameter, asked, tolerance, row };
}
