/**
 * The self-contained HTML report of `modelmarket design --report FILE.html`: for a family design,
 * welfare (worst and best over ties) against the parameter with the regions shaded and the optimal
 * ones marked, and the welfare of winrate and weighted winrate as reference lines; for a weight
 * design, the implementable responses with their weights. Every report states the price of the
 * benchmark. Deterministic for a given report; drawn with the SVG helpers of empirical/svg.ts.
 */
import { escapeXml as e, formatTick, niceTicks, PALETTE } from "../empirical/svg.js";
import { designMethodText } from "../solvers/design/words.js";
import type {
  DesignReport,
  FamilyDesign,
  FamilyDesign2D,
  OutcomeWeightsDesign,
  WeightsDesign,
} from "../solvers/index.js";
import { formatSelection } from "../src/model/selection/index.js";
import type { Market } from "../src/model/types.js";

const CSS = `
body { font-family: Helvetica, Arial, sans-serif; margin: 24px; color: #222; max-width: 1180px; }
h1 { font-size: 22px; } h2 { font-size: 18px; border-bottom: 1px solid #ccc; margin-top: 28px; }
p, li { line-height: 1.45; font-size: 14px; }
table { border-collapse: collapse; font-size: 12px; margin: 8px 0 16px; }
th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: right; }
th { background: #f2f2f2; } td:first-child, th:first-child, td.l { text-align: left; }
svg { max-width: 100%; height: auto; }`;

function f(x: number | null | undefined, d = 4): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(d);
}

function htmlTable(headers: string[], rows: string[][]): string {
  return `<table><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, k) => `<td${k === 1 ? ' class="l"' : ""}>${c}</td>`).join("")}</tr>`)
    .join("\n")}</tbody></table>`;
}

/** Welfare against the parameter: regions shaded (optimal ones green), worst and best steps, references dashed. */
function familyChart(d: FamilyDesign, refs: DesignReport["references"], objective: string): string {
  const W = 900;
  const H = 400;
  const m = { l: 64, r: 24, t: 30, b: 70 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const ys = [
    ...d.regions.flatMap((r) => [r.welfareWorst, r.welfareBest]),
    ...refs.flatMap((r) => [r.welfareWorst, r.welfareBest]),
  ].filter(Number.isFinite);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  const pad = (y1 - y0) * 0.08 || 0.05;
  y0 -= pad;
  y1 += pad;
  const tx = (x: number) => m.l + ((x - d.from) / (d.to - d.from)) * pw;
  const ty = (y: number) => m.t + ph - ((y - y0) / (y1 - y0)) * ph;
  const b: string[] = [];
  d.regions.forEach((r, k) => {
    const x = tx(r.from);
    const w = Math.max(r.point ? 2 : 0, tx(r.to) - x);
    const fill = r.optimal ? "#c8e6c9" : k % 2 === 0 ? "#f4f4f4" : "#e8eef7";
    b.push(
      `<rect x="${x.toFixed(1)}" y="${m.t}" width="${w.toFixed(1)}" height="${ph}" fill="${fill}"><title>${e(`${r.key}: U ${f(r.welfareWorst)}..${f(r.welfareBest)}`)}</title></rect>`,
    );
  });
  for (const t of niceTicks(y0, y1, 6))
    b.push(
      `<line x1="${m.l}" x2="${m.l + pw}" y1="${ty(t).toFixed(1)}" y2="${ty(t).toFixed(1)}" stroke="#ddd"/><text x="${m.l - 6}" y="${(ty(t) + 4).toFixed(1)}" text-anchor="end">${formatTick(t)}</text>`,
    );
  for (const t of niceTicks(d.from, d.to, 8))
    b.push(`<text x="${tx(t).toFixed(1)}" y="${m.t + ph + 16}" text-anchor="middle">${formatTick(t)}</text>`);
  const step = (val: (r: FamilyDesign["regions"][0]) => number) =>
    d.regions
      .map(
        (r, k) =>
          `${k === 0 ? "M" : "L"}${tx(r.from).toFixed(1)},${ty(val(r)).toFixed(1)} L${tx(r.to).toFixed(1)},${ty(val(r)).toFixed(1)}`,
      )
      .join(" ");
  b.push(`<path d="${step((r) => r.welfareBest)}" fill="none" stroke="${PALETTE[1]}" stroke-width="2"/>`);
  b.push(`<path d="${step((r) => r.welfareWorst)}" fill="none" stroke="${PALETTE[0]}" stroke-width="3"/>`);
  refs.forEach((r, k) => {
    const y = ty(objective === "worst" ? r.welfareWorst : r.welfareBest);
    b.push(
      `<line x1="${m.l}" x2="${m.l + pw}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${PALETTE[2 + k]}" stroke-dasharray="6 4"/>`,
    );
  });
  b.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  b.push(`<text x="${m.l + pw / 2}" y="${m.t + ph + 36}" text-anchor="middle">${e(d.parameter)}</text>`);
  const legend: Array<[string, string, boolean]> = [
    ["welfareWorst (worst over ties)", PALETTE[0]!, false],
    ["welfareBest (best over ties)", PALETTE[1]!, false],
    ...refs.map((r, k): [string, string, boolean] => [`${r.rule} (${objective})`, PALETTE[2 + k]!, true]),
  ];
  legend.forEach(([name, color, dashed], k) => {
    const lx = m.l + k * 200;
    const ly = H - 12;
    b.push(
      `<line x1="${lx}" x2="${lx + 26}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="3"${dashed ? ' stroke-dasharray="6 4"' : ""}/><text x="${lx + 32}" y="${ly + 4}">${e(name)}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="welfare against ${e(d.parameter)}">${b.join("\n")}</svg>`;
}

/** The two-parameter map: one band per row of the second parameter, each region coloured by its response. */
function familyMap(d: FamilyDesign2D): { svg: string; keys: string[] } {
  const W = 900;
  const H = 460;
  const m = { l: 64, r: 24, t: 20, b: 50 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const keys = [...new Set(d.rows.flatMap((r) => r.regions.map((g) => g.key)))];
  const tx = (x: number) => m.l + ((x - d.from) / (d.to - d.from)) * pw;
  const s = d.second;
  const ty = (y: number) => m.t + ph - ((y - s.from) / (s.to - s.from)) * ph;
  const b: string[] = [];
  d.rows.forEach((row, k) => {
    // a row's band reaches halfway to its neighbours
    const lo = k === 0 ? s.from : (d.rows[k - 1]!.value + row.value) / 2;
    const hi = k === d.rows.length - 1 ? s.to : (d.rows[k + 1]!.value + row.value) / 2;
    for (const g of row.regions) {
      const x = tx(g.from);
      const w = Math.max(g.point ? 1.5 : 0, tx(g.to) - x);
      const colour = PALETTE[keys.indexOf(g.key) % PALETTE.length]!;
      b.push(
        `<rect x="${x.toFixed(1)}" y="${ty(hi).toFixed(1)}" width="${w.toFixed(1)}" height="${Math.max(1, ty(lo) - ty(hi)).toFixed(1)}" fill="${colour}" fill-opacity="${g.point ? 1 : 0.55}"${g.optimal ? ' stroke="#1b5e20" stroke-width="2"' : ""}><title>${e(`${s.parameter}=${row.value}: ${g.key}, U ${f(g.welfareWorst)}..${f(g.welfareBest)}`)}</title></rect>`,
      );
    }
  });
  for (const t of niceTicks(d.from, d.to, 8))
    b.push(`<text x="${tx(t).toFixed(1)}" y="${m.t + ph + 16}" text-anchor="middle">${formatTick(t)}</text>`);
  for (const t of niceTicks(s.from, s.to, 6))
    b.push(`<text x="${m.l - 6}" y="${(ty(t) + 4).toFixed(1)}" text-anchor="end">${formatTick(t)}</text>`);
  b.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  b.push(`<text x="${m.l + pw / 2}" y="${m.t + ph + 36}" text-anchor="middle">${e(d.parameter)}</text>`);
  b.push(
    `<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">${e(s.parameter)}</text>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="responses over ${e(d.parameter)} and ${e(s.parameter)}">${b.join("\n")}</svg>`;
  return { svg, keys };
}

function familySection(d: FamilyDesign, r: DesignReport): string[] {
  return [
    `<h2>${e(d.family)}: welfare against ${e(d.parameter)}</h2>`,
    `<p>${e(designMethodText(d.method))}. Regions shaded; the optimal ones green. ${d.exact ? "No region is missed." : `Regions narrower than ${f(d.gap, 6)} can be missed.`}</p>`,
    familyChart(d, r.references, r.objective),
    htmlTable(
      [d.parameter, "response", "welfareWorst", "welfareBest", "optimal"],
      d.regions.map((g) => [
        g.point ? f(g.from, 6) : `${f(g.from, 6)} – ${f(g.to, 6)}`,
        e(g.key),
        f(g.welfareWorst),
        f(g.welfareBest),
        g.optimal ? "yes" : "",
      ]),
    ),
  ];
}

function family2dSection(d: FamilyDesign2D): string[] {
  const map = familyMap(d);
  return [
    `<h2>${e(d.family)}: responses over ${e(d.parameter)} x ${e(d.second.parameter)}</h2>`,
    `<p>${e(designMethodText(d.method))}. Along each row ${d.rowsExact ? "no region is missed" : "the partition is sampled"}; across rows a change narrower than ${f(d.gap, 6)} between two rows with the same partition can be missed. Optimal regions outlined in green.</p>`,
    map.svg,
    htmlTable(
      ["colour", "response"],
      map.keys.map((k, i) => [
        `<span style="display:inline-block;width:14px;height:14px;background:${PALETTE[i % PALETTE.length]}"></span>`,
        e(k),
      ]),
    ),
    htmlTable(
      [d.second.parameter, d.parameter, "response", "welfareWorst", "welfareBest", "optimal"],
      d.rows.flatMap((row) =>
        row.regions.map((g) => [
          f(row.value, 6),
          g.point ? f(g.from, 6) : `${f(g.from, 6)} – ${f(g.to, 6)}`,
          e(g.key),
          f(g.welfareWorst),
          f(g.welfareBest),
          g.optimal ? "yes" : "",
        ]),
      ),
    ),
  ];
}

function outcomeSection(d: OutcomeWeightsDesign, r: DesignReport, market: Market): string[] {
  const names = market.tasks.map((t) => t.name);
  const b = d.best;
  return [
    `<h2>Benchmark weights for ${e(d.rule)}: ${e(d.outcomes)}</h2>`,
    `<p>${e(designMethodText(d.method))}.</p>`,
    b === null
      ? `<p>No weighting implements any of the ${e(d.outcomes)}.</p>`
      : `<p>Weights ${e(names.map((n, t) => `${n}=${f(b.weights[t], 4)}`).join(", "))} (the LP of ${e(b.from)}, margin ${b.margin.toExponential(3)}). Outcomes there: ${e(b.responses.map((x) => x.label).join(" | "))}, U ${f(b.welfareWorst)}–${f(b.welfareBest)}; checked by the project's own search: ${b.verified ? "yes" : "no"} (the worst U it finds ${f(b.searchWelfareWorst)}). ${r.objective === "best" ? "The best outcome is exact." : `Worst outcome: certified ${f(d.optimum)}, upper bound ${f(d.upperBound)}${d.exact ? " (exact)" : `, gap ${f(d.gap)}`}.`}</p>`,
    htmlTable(
      ["outcome", "welfare", "implementable", "margin", ...names],
      d.candidates
        .filter((c) => c.implementable !== "never")
        .sort((x, y) => y.welfare - x.welfare)
        .map((c) => [
          e(c.label),
          f(c.welfare),
          c.implementable,
          f(c.margin, 6),
          ...names.map((_, t) => f(c.weights?.[t], 4)),
        ]),
    ),
  ];
}

function weightsSection(d: WeightsDesign, market: Market): string[] {
  const names = market.tasks.map((t) => t.name);
  return [
    `<h2>Benchmark weights for ${e(d.rule)}</h2>`,
    `<p>${e(designMethodText(d.method))}.</p>`,
    d.best === null
      ? "<p>No weighting implements any response.</p>"
      : `<p>Best: ${e(d.best.responses.map((x) => x.label).join(" | "))}, U ${f(d.best.welfareWorst)}–${f(d.best.welfareBest)}, weights ${e(names.map((n, t) => `${n}=${f(d.best!.weights[t], 4)}`).join(", "))}, margin ${d.best.margin.toExponential(3)}; checked by the best-response solver: ${d.best.verified ? "yes" : "no"}.</p>`,
    htmlTable(
      ["response", "welfareWorst", "welfareBest", "implementable", "margin", ...names],
      [...d.classes]
        .sort((x, y) => y.welfareWorst - x.welfareWorst)
        .map((c) => [
          e(c.labels.join(" | ")),
          f(c.welfareWorst),
          f(c.welfareBest),
          c.implementable,
          f(c.margin, 6),
          ...names.map((_, t) => f(c.weights?.[t], 4)),
        ]),
    ),
  ];
}

/**
 * The HTML page of a design report.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * writeFileAtomic("design.html", designHtml("m.json", market, report));
 */
export function designHtml(file: string, market: Market, r: DesignReport): string {
  const d = r.result;
  const body: string[] = [
    `<p>${e(file)}: ${e(market.tasks.length.toString())} tasks, ${market.producers.length} producers, selection ${e(formatSelection(market.selection))}; question ${e(r.question.kind)}; objective ${e(r.objective)} (over tied best responses and equilibria). Welfare U is under the consumer weights.</p>`,
    "<h2>The price of the benchmark</h2>",
    htmlTable(
      ["reference", r.objective === "worst" ? "welfareWorst" : "welfareBest", "priceOfBenchmark"],
      [
        ...r.references.map((x) => [
          e(`${x.rule}: ${x.key}`),
          f(r.objective === "worst" ? x.welfareWorst : x.welfareBest),
          f(r.priceOfBenchmark[x.rule]),
        ]),
        ["optimum", f(d.optimum), ""],
        ["welfareOptimum", f(r.welfareOptimum), ""],
      ],
    ),
  ];
  body.push(
    ...(d.kind === "family"
      ? familySection(d, r)
      : d.kind === "family-2d"
        ? family2dSection(d)
        : d.kind === "outcome-weights"
          ? outcomeSection(d, r, market)
          : weightsSection(d, market)),
  );
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>design: ${e(file)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>Benchmark design: ${e(file)}</h1>`,
    ...body,
    "</body></html>",
    "",
  ].join("\n");
}
