/**
 * The ratings view's charts as SVG strings: a forest plot (ratings with intervals), a heat map (the
 * win-rate matrix) and a curve (the profile log-likelihood). Each SVG is named by its figure's caption
 * (`role="img"`, `aria-label`); the page puts a table with the same numbers beside it.
 */
import { esc, niceTicks, svgRoot } from "./charts.js";
import { ELO_AXIS, PROFILE_AXIS } from "./names.js";

const BLUE = "#0072B2";
const ORANGE = "#E69F00";
const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "-");

/** One forest-plot row: a point with the analytic interval and, when given, the bootstrap one. */
export interface ForestRow {
  name: string;
  elo: number;
  lower: number;
  upper: number;
  bootLower?: number;
  bootUpper?: number;
  /** The uncontrolled Elo, drawn as a hollow dot joined to the controlled one (controlled ratings). */
  raw?: number;
}

/**
 * Ratings as a forest plot: one row per model (in the given order), the Elo rating as a dot, its 95%
 * interval (rating +- 1.96 SE) as a thin line, the bootstrap percentile interval as a thick bar and,
 * when given, the uncontrolled rating as a hollow dot joined to it by a dotted line.
 */
export function forestPlot(labelledBy: string, rows: readonly ForestRow[], width: number): string {
  // names at 11 px take at most about 7.2 px a character: longer names are cut to fit the label column
  const fit = Math.max(6, Math.floor((Math.min(170, width * 0.42) - 10) / 7.2));
  const longest = Math.min(fit, Math.max(4, ...rows.map((r) => r.name.length)));
  const label = Math.ceil(10 + longest * 7.2);
  const top = 10;
  const rowH = 18;
  const plotW = Math.max(60, width - label - 16);
  const height = top + rows.length * rowH + 34;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const r of rows)
    for (const v of [r.lower, r.upper, r.elo, r.bootLower ?? r.elo, r.bootUpper ?? r.elo, r.raw ?? r.elo])
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  if (!(hi - lo > 1e-9 * Math.max(1, Math.abs(hi)))) {
    lo -= 10;
    hi += 10;
  }
  const pad = (hi - lo) * 0.04;
  lo -= pad;
  hi += pad;
  const x = (v: number) => label + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * plotW;
  const parts: string[] = [];
  const bottom = top + rows.length * rowH;
  for (const t of niceTicks(lo, hi, Math.max(2, Math.floor(plotW / 80)))) {
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${top - 4}" y2="${bottom}" stroke="#e3e3e3"/>`,
      `<text x="${x(t)}" y="${bottom + 14}" font-size="11" text-anchor="middle">${t}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    const name = r.name.length > fit ? `${r.name.slice(0, fit - 1)}…` : r.name;
    const tip = `${r.name}: Elo ${f(r.elo)} (95% ${f(r.lower)}..${f(r.upper)}${r.bootLower === undefined ? "" : `; bootstrap ${f(r.bootLower)}..${f(r.bootUpper!)}`}${r.raw === undefined ? "" : `; uncontrolled ${f(r.raw)}`})`;
    parts.push(
      `<g><title>${esc(tip)}</title><text x="${label - 6}" y="${y + 4}" font-size="11" text-anchor="end">${esc(name)}</text>`,
      `<line x1="${x(r.lower)}" x2="${x(r.upper)}" y1="${y}" y2="${y}" stroke="#333" stroke-width="1.2"/>`,
      r.bootLower === undefined
        ? ""
        : `<rect x="${x(r.bootLower)}" y="${y - 4}" width="${Math.max(1, x(r.bootUpper!) - x(r.bootLower))}" height="8" fill="${ORANGE}" fill-opacity="0.55" stroke="${ORANGE}"/>`,
      r.raw === undefined
        ? ""
        : `<line x1="${x(r.raw)}" x2="${x(r.elo)}" y1="${y}" y2="${y}" stroke="#777" stroke-dasharray="2 2"/><circle cx="${x(r.raw)}" cy="${y}" r="3.5" fill="#fff" stroke="#555" stroke-width="1.2"/>`,
      `<circle cx="${x(r.elo)}" cy="${y}" r="3.5" fill="${BLUE}"/></g>`,
    );
  });
  parts.push(
    `<text x="${label + plotW / 2}" y="${bottom + 30}" font-size="12" text-anchor="middle">${ELO_AXIS}</text>`,
    `<line x1="${label}" x2="${label}" y1="${top - 4}" y2="${bottom}" stroke="#333"/>`,
  );
  return svgRoot(esc(labelledBy), width, height, parts);
}

/** A diverging colour for a win rate: blue below 1/2, orange above, white at 1/2. */
function heat(v: number): string {
  const t = Math.min(1, Math.abs(v - 0.5) * 2);
  const [r, g, b] = v >= 0.5 ? [230, 159, 0] : [0, 114, 178];
  const mix = (c: number) => Math.round(255 + (c - 255) * t);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

/**
 * The win-rate matrix as a heat map: cell (i, j) is the share of the judgements between row model i
 * and column model j that i won (ties half); grey where they never met.
 */
export function heatMap(
  labelledBy: string,
  names: readonly string[],
  m: ReadonlyArray<ReadonlyArray<{ value: number; n: number } | null>>,
  width: number,
): string {
  const n = names.length;
  const label = Math.min(150, Math.max(80, Math.round(width * 0.25)));
  // names at 10 px take at most about 6.6 px a character; slanted at 60 degrees a column's name rises
  // at most `label` and reaches half its length to the right, so that much room is kept on the right
  const fit = Math.max(6, Math.floor((label - 6) / 6.6));
  const right = Math.ceil(label / 2) + 20;
  // CSS scales a chart wider than its box down to it
  const cell = Math.max(6, Math.min(34, Math.floor((width - label - right) / Math.max(1, n))));
  const w = Math.max(width, label + n * cell + right);
  const top = 8 + label;
  const height = top + n * cell + 8;
  const short = (s: string) => (s.length > fit ? `${s.slice(0, fit - 1)}…` : s);
  const parts: string[] = [];
  names.forEach((name, i) => {
    const y = top + i * cell;
    parts.push(
      `<text x="${label - 4}" y="${y + cell / 2 + 4}" font-size="10" text-anchor="end">${esc(short(name))}</text>`,
    );
    const cx = label + i * cell + cell / 2;
    parts.push(
      `<text x="${cx + 3}" y="${top - 4}" font-size="10" transform="rotate(-60 ${cx + 3} ${top - 4})">${esc(short(name))}</text>`,
    );
    names.forEach((other, j) => {
      const p = m[i]?.[j] ?? null;
      const xx = label + j * cell;
      const fill = p === null ? "#eeeeee" : heat(p.value);
      const tip =
        p === null
          ? `${name} vs ${other}: never met`
          : `${name} vs ${other}: ${f(p.value, 3)} of ${f(p.n, 1)}`;
      parts.push(
        `<rect x="${xx}" y="${y}" width="${cell}" height="${cell}" fill="${fill}" stroke="#fff" stroke-width="0.5"><title>${esc(tip)}</title></rect>`,
      );
      if (p !== null && cell >= 26)
        parts.push(
          `<text x="${xx + cell / 2}" y="${y + cell / 2 + 3}" font-size="9" text-anchor="middle">${f(p.value * 100)}</text>`,
        );
    });
  });
  return svgRoot(esc(labelledBy), w, height, parts);
}

/**
 * The profile log-likelihood `l(x) - l_max` against the noise parameter, with the 95% cut
 * `-CHI2_95 / 2 = -1.92`, the interval and the maximum marked.
 */
export function profileCurve(opts: {
  labelledBy: string;
  xs: readonly number[];
  rel: readonly number[];
  xLabel: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  width: number;
}): string {
  const { xs, rel, width } = opts;
  const left = 56;
  const top = 10;
  // tall enough for the rotated axis label (its JSON names, about 200 px at 11 px)
  const plotH = 210;
  const plotW = Math.max(80, width - left - 14);
  const height = top + plotH + 44;
  const x0 = xs[0]!;
  const x1 = xs[xs.length - 1]!;
  const ymin = Math.max(-12, Math.min(-3, ...rel.filter((v) => Number.isFinite(v))));
  const x = (v: number) => left + ((v - x0) / (x1 - x0 || 1)) * plotW;
  const y = (v: number) => top + ((0.3 - v) / (0.3 - ymin)) * plotH;
  const parts: string[] = [];
  for (const t of niceTicks(ymin, 0, 4))
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e3e3"/>`,
      `<text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t}</text>`,
    );
  for (const t of niceTicks(x0, x1, Math.max(2, Math.floor(plotW / 90))))
    parts.push(`<text x="${x(t)}" y="${top + plotH + 15}" font-size="11" text-anchor="middle">${t}</text>`);
  const cut = -3.841458820694124 / 2;
  parts.push(
    `<line x1="${left}" x2="${left + plotW}" y1="${y(cut)}" y2="${y(cut)}" stroke="#D55E00" stroke-dasharray="5 3"><title>95% cut: l_max - 1.92</title></line>`,
  );
  const d = xs
    .map((v, i) => [v, rel[i]!] as const)
    .filter(([, r]) => Number.isFinite(r) && r >= ymin)
    .map(([v, r], i) => `${i === 0 ? "M" : "L"}${x(v).toFixed(1)},${y(r).toFixed(1)}`)
    .join("");
  parts.push(`<path d="${d}" fill="none" stroke="${BLUE}" stroke-width="2"/>`);
  for (const [v, name] of [
    [opts.lower, "lower"],
    [opts.upper, "upper"],
  ] as const)
    if (v !== null && v >= x0 && v <= x1)
      parts.push(
        `<line x1="${x(v)}" x2="${x(v)}" y1="${top}" y2="${top + plotH}" stroke="#999" stroke-dasharray="2 2"><title>${name} 95% bound ${v.toFixed(4)}</title></line>`,
      );
  if (opts.value !== null && opts.value >= x0 && opts.value <= x1)
    parts.push(
      `<circle cx="${x(opts.value)}" cy="${y(0)}" r="4" fill="#fff" stroke="#000" stroke-width="2"><title>maximum ${opts.value.toFixed(4)}</title></circle>`,
    );
  parts.push(
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`,
    `<text x="${left + plotW / 2}" y="${top + plotH + 34}" font-size="12" text-anchor="middle">${esc(opts.xLabel)}</text>`,
    `<text transform="translate(14 ${top + plotH / 2}) rotate(-90)" font-size="11" text-anchor="middle">${esc(PROFILE_AXIS)}</text>`,
  );
  return svgRoot(esc(opts.labelledBy), width, height, parts);
}
