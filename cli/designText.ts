/**
 * The text and tidy-CSV reports of `modelmarket design` (docs/design.md): a family partition (one or
 * two parameters), a benchmark-weight design (entry and replacement), or a weight design of the pure
 * equilibria or of sequential entry.
 */

import { designMethodText } from "../solvers/design/words.js";
import type {
  DesignRegion,
  DesignReport,
  FamilyDesign,
  FamilyDesign2D,
  OutcomeWeightsDesign,
  TidyTable,
  WeightsDesign,
} from "../solvers/index.js";
import { formatSelection } from "../src/model/selection/index.js";
import type { Market } from "../src/model/types.js";
import { questionText } from "./compareText.js";
import { fmt, table } from "./render.js";

function interval(r: { from: number; to: number; point: boolean }, first: boolean): string {
  if (r.point) return `${fmt(r.from, 6)}`;
  return `${first ? "[" : "("}${fmt(r.from, 6)}, ${fmt(r.to, 6)})`;
}

/** One region's cells: its interval, its response (cut to `width` characters), welfare, optimality. */
function regionCells(r: DesignRegion, k: number, width: number): string[] {
  return [
    interval(r, k === 0),
    r.key.length > width ? `${r.key.slice(0, width - 3)}...` : r.key,
    fmt(r.welfareWorst),
    fmt(r.welfareBest),
    r.optimal ? "*" : "",
  ];
}

function familyText(d: FamilyDesign): string[] {
  const rows = d.regions.map((r, k) => regionCells(r, k, 60));
  return [
    `family ${d.family}, ${d.parameter} in [${d.from}, ${d.to}]: ${d.regions.length} region(s), ${designMethodText(d.method)}`,
    `boundaries located to ${d.parameterTolerance.toExponential(1)}${d.exact ? "" : `; gap: regions narrower than ${fmt(d.gap, 6)} can be missed`}`,
    "",
    table([d.parameter, "response", "welfareWorst", "welfareBest", "optimal"], rows),
  ];
}

function weightsText(d: WeightsDesign, market: Market): string[] {
  const names = market.tasks.map((t) => t.name);
  const count = (k: string) => d.classes.filter((c) => c.implementable === k).length;
  const out = [
    `benchmark weights for ${d.rule}, bounds ${names.map((n, t) => `${n} in [${fmt(d.lower[t], 4)}, ${fmt(d.upper[t], 4)}]`).join(", ")}`,
    designMethodText(d.method),
    `${d.classes.length} class(es) of strategies: ${count("strict")} implementable strictly, ${count("tie-only")} only as a tie, ${count("never")} never`,
  ];
  if (d.best === null) out.push("no weighting implements any response (every LP failed)");
  else {
    const b = d.best;
    out.push(
      `best: ${b.responses.map((r) => r.label).join(" | ")}  welfareWorst ${fmt(b.welfareWorst)}  welfareBest ${fmt(b.welfareBest)}`,
      `  weights ${names.map((n, t) => `${n}=${fmt(b.weights[t], 4)}`).join(",")}  margin ${b.margin.toExponential(3)}  (checked by the best-response solver: ${b.verified ? "yes" : "NO"})`,
    );
  }
  const sorted = [...d.classes].sort((x, y) => y.welfareWorst - x.welfareWorst);
  const shown = sorted.slice(0, 20);
  out.push(
    "",
    table(
      ["response", "welfareWorst", "welfareBest", "implementable", "margin"],
      shown.map((c) => [
        c.labels.join(" | "),
        fmt(c.welfareWorst),
        fmt(c.welfareBest),
        c.implementable,
        fmt(c.margin, 6),
      ]),
    ),
  );
  if (sorted.length > shown.length) out.push(`(${sorted.length - shown.length} more in --json / --csv)`);
  return out;
}

function family2dText(d: FamilyDesign2D): string[] {
  const rows = d.rows.flatMap((row) =>
    row.regions.map((r, k) => [k === 0 ? fmt(row.value, 6) : "", ...regionCells(r, k, 50)]),
  );
  return [
    `family ${d.family}, ${d.parameter} in [${d.from}, ${d.to}] x ${d.second.parameter} in [${d.second.from}, ${d.second.to}]: ${designMethodText(d.method)}`,
    `along each row: ${d.rowsExact ? "exact (no region missed)" : "sampled"}; across rows: a change narrower than ${fmt(d.gap, 6)} between two rows with the same partition can be missed`,
    "",
    table([d.second.parameter, d.parameter, "response", "welfareWorst", "welfareBest", "optimal"], rows),
  ];
}

function outcomeWeightsText(d: OutcomeWeightsDesign, market: Market, objective: string): string[] {
  const names = market.tasks.map((t) => t.name);
  const count = (k: string) => d.candidates.filter((c) => c.implementable === k).length;
  const out = [
    `benchmark weights for ${d.rule} (${d.outcomes}), bounds ${names.map((n, t) => `${n} in [${fmt(d.lower[t], 4)}, ${fmt(d.upper[t], 4)}]`).join(", ")}`,
    designMethodText(d.method),
    `${d.candidates.length} ${d.outcomes === "pure equilibria" ? "pure profile(s)" : "entry path(s)"}: ${count("strict")} strict for some b, ${count("tie-only")} only with a tie, ${count("never")} never`,
  ];
  if (d.best === null) out.push(`no weighting implements any of the ${d.outcomes}`);
  else {
    const b = d.best;
    out.push(
      `best: ${b.responses.map((r) => r.label).join(" | ")}  welfareWorst ${fmt(b.welfareWorst)}  welfareBest ${fmt(b.welfareBest)}`,
      `  weights ${names.map((n, t) => `${n}=${fmt(b.weights[t], 4)}`).join(",")} (from the LP of ${b.from}, margin ${b.margin.toExponential(3)})  (checked by ${d.outcomes === "pure equilibria" ? "the equilibrium search" : "every tie branch of sequential entry"}: ${b.verified ? "yes" : "NO"}; searchWelfareWorst ${fmt(b.searchWelfareWorst)}${d.outcomes === "pure equilibria" ? " over pure and mixed equilibria" : ""})`,
      objective === "best"
        ? `  optimum ${fmt(d.optimum)} (exact)`
        : `  worst outcome: certified ${fmt(d.optimum)}, upper bound ${fmt(d.upperBound)}${d.exact ? " (exact)" : `, gap ${fmt(d.gap)}`}`,
    );
  }
  const sorted = d.candidates
    .filter((c) => c.implementable !== "never")
    .sort((x, y) => y.welfare - x.welfare);
  const shown = sorted.slice(0, 20);
  out.push(
    "",
    table(
      [d.outcomes === "pure equilibria" ? "profile" : "path", "welfare", "implementable", "margin"],
      shown.map((c) => [c.label, fmt(c.welfare), c.implementable, fmt(c.margin, 6)]),
    ),
  );
  if (sorted.length > shown.length) out.push(`(${sorted.length - shown.length} more in --json / --csv)`);
  return out;
}

/**
 * The text report of a design: the question, the partition or the weight design, and the price of
 * the benchmark.
 *
 * @throws nothing for valid inputs of the declared types
 */
export function designText(file: string, market: Market, r: DesignReport): string {
  const d = r.result;
  const lines = [
    `${file}: design of the benchmark for ${questionText(r.question)}, selection ${formatSelection(market.selection)}, objective ${r.objective}`,
    "",
    ...(d.kind === "family"
      ? familyText(d)
      : d.kind === "family-2d"
        ? family2dText(d)
        : d.kind === "outcome-weights"
          ? outcomeWeightsText(d, market, r.objective)
          : weightsText(d, market)),
    "",
    `price of the benchmark (objective ${r.objective}; welfare under the consumer weights, priceOfBenchmark = optimum / welfare):`,
    table(
      ["reference", r.objective === "worst" ? "welfareWorst" : "welfareBest", "priceOfBenchmark"],
      [
        ...r.references.map((x) => {
          const u = r.objective === "worst" ? x.welfareWorst : x.welfareBest;
          return [`${x.rule} (${x.key})`, fmt(u), fmt(r.priceOfBenchmark[x.rule])];
        }),
        ["optimum", fmt(d.optimum), ""],
        ["welfareOptimum", fmt(r.welfareOptimum), ""],
      ],
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * The tidy rows of a design: columns `section`, `index`, `from`, `to`, `response`, `statistic`,
 * `value` (sections `region`, `class`, `profile`, `reference`, `optimum`).
 *
 * @throws nothing for valid inputs of the declared types.
 */
export function designRows(r: DesignReport): TidyTable {
  const rows: TidyTable["rows"] = [];
  const d = r.result;
  if (d.kind === "family") {
    d.regions.forEach((g, k) => {
      rows.push(["region", k, g.from, g.to, g.key, "welfareWorst", g.welfareWorst]);
      rows.push(["region", k, g.from, g.to, g.key, "welfareBest", g.welfareBest]);
      rows.push(["region", k, g.from, g.to, g.key, "optimal", g.optimal ? 1 : 0]);
    });
  } else if (d.kind === "family-2d") {
    let k = 0;
    for (const row of d.rows)
      for (const g of row.regions) {
        rows.push(["region", k, g.from, g.to, g.key, d.second.parameter, row.value]);
        rows.push(["region", k, g.from, g.to, g.key, "welfareWorst", g.welfareWorst]);
        rows.push(["region", k, g.from, g.to, g.key, "welfareBest", g.welfareBest]);
        rows.push(["region", k, g.from, g.to, g.key, "optimal", g.optimal ? 1 : 0]);
        k++;
      }
  } else if (d.kind === "outcome-weights") {
    d.candidates.forEach((c, k) => {
      rows.push(["profile", k, null, null, c.label, "welfare", c.welfare]);
      rows.push(["profile", k, null, null, c.label, "margin", Number.isFinite(c.margin) ? c.margin : null]);
      rows.push(["profile", k, null, null, c.label, "implementable", c.implementable]);
      for (const [t, b] of (c.weights ?? []).entries())
        rows.push(["profile", k, null, null, c.label, `weights[${t}]`, b]);
    });
    rows.push([
      "optimum",
      0,
      null,
      null,
      "design",
      "upperBound",
      Number.isFinite(d.upperBound) ? d.upperBound : null,
    ]);
    rows.push(["optimum", 0, null, null, "design", "gap", Number.isFinite(d.gap) ? d.gap : null]);
  } else {
    d.classes.forEach((c, k) => {
      const key = c.labels.join(" | ");
      rows.push(["class", k, null, null, key, "welfareWorst", c.welfareWorst]);
      rows.push(["class", k, null, null, key, "welfareBest", c.welfareBest]);
      rows.push(["class", k, null, null, key, "margin", Number.isFinite(c.margin) ? c.margin : null]);
      rows.push(["class", k, null, null, key, "implementable", c.implementable]);
      for (const [t, b] of (c.weights ?? []).entries())
        rows.push(["class", k, null, null, key, `weights[${t}]`, b]);
    });
  }
  r.references.forEach((x, k) => {
    rows.push(["reference", k, null, null, `${x.rule}: ${x.key}`, "welfareWorst", x.welfareWorst]);
    rows.push(["reference", k, null, null, `${x.rule}: ${x.key}`, "welfareBest", x.welfareBest]);
    rows.push([
      "reference",
      k,
      null,
      null,
      `${x.rule}: ${x.key}`,
      "priceOfBenchmark",
      r.priceOfBenchmark[x.rule] ?? null,
    ]);
  });
  rows.push(["optimum", 0, null, null, "design", "welfare", Number.isFinite(d.optimum) ? d.optimum : null]);
  rows.push(["optimum", 0, null, null, "welfareOptimum", "welfare", r.welfareOptimum]);
  return { columns: ["section", "index", "from", "to", "response", "statistic", "value"], rows };
}
