/**
 * A small, dependency-free SVG chart module for the empirical report: line charts (optionally with a
 * logarithmic x axis), slope charts of ranks and grouped bar charts. Output is a deterministic string
 * (fixed number formatting, no ids from counters or clocks), self-contained (inline styles), so the
 * same data always gives byte-identical SVG.
 */

/** Okabe-Ito colour-blind-safe palette (plus grey and a dark blue), in series order. */
export const PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#999999",
  "#F0E442",
  "#332288",
];

/**
 * Escapes text for SVG/HTML content and attribute values.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * escapeXml('a < b & "c"'); // "a &lt; b &amp; &quot;c&quot;"
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Coordinates with at most two decimals, no trailing zeros, no `-0`. */
function c(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

/**
 * Tick label text: up to `digits` significant digits, without exponent for ordinary magnitudes.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * formatTick(0.25); // "0.25"
 * formatTick(1000); // "1000"
 */
export function formatTick(x: number, digits = 3): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(1);
  return String(Number(x.toPrecision(digits)));
}

/**
 * "Nice" linear ticks covering `[lo, hi]`: steps of 1, 2 or 5 times a power of ten, about `count` of
 * them.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * niceTicks(0, 1, 5); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  const start = Math.ceil(lo / step - 1e-9);
  const end = Math.floor(hi / step + 1e-9);
  const out: number[] = [];
  for (let k = start; k <= end; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/**
 * Ticks of a logarithmic axis on `[lo, hi]` (`lo > 0`): the powers of ten inside, and 2 and 5 times
 * them when there are fewer than four decades.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * logTicks(1, 1000); // [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
 */
export function logTicks(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const mult = b - a < 4 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = a; e <= b; e++) {
    for (const m of mult) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

/** One line of a line chart. */
export interface LineSeries {
  name: string;
  /** `[x, y]` points in drawing order. */
  points: Array<[number, number]>;
  /** Dashed reference line. */
  dashed?: boolean;
  /** Colour; defaults to the palette in series order. */
  color?: string;
  /** Draw markers at the points. */
  markers?: boolean;
}

/** Options of `lineChart`. */
export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  logX?: boolean;
  width?: number;
  height?: number;
  /** y range; defaults to the data's range with 5% padding. */
  yRange?: [number, number];
}

function frame(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${c(width / 2)}" y="20" text-anchor="middle" font-size="15" font-weight="bold" fill="#222">${escapeXml(title)}</text>`,
    ...body,
    "</svg>",
  ].join("\n");
}

/**
 * A line chart with axes, ticks, grid lines, and a two-column legend below the plot. Solid lines are
 * drawn widest first, so coinciding lines stay visible as nested stripes.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * lineChart({ title: "U", xLabel: "beta", yLabel: "welfare", logX: true,
 *   series: [{ name: "winrate", points: [[1, 0.5], [10, 0.8]] }] });
 */
export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 900;
  const legendCols = 2;
  const legendRows = Math.ceil(o.series.length / legendCols);
  const plotH = o.height ?? 380;
  const m = { left: 64, right: 24, top: 36, bottom: 52 + legendRows * 20 };
  const height = plotH + legendRows * 20;
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const xs = o.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = o.series.flatMap((s) => s.points.map((p) => p[1])).filter((y) => Number.isFinite(y));
  let x0 = Math.min(...xs);
  let x1 = Math.max(...xs);
  if (!(x1 > x0)) x1 = x0 + 1;
  let [y0, y1] = o.yRange ?? [Math.min(...ys), Math.max(...ys)];
  if (o.yRange === undefined) {
    const pad = (y1 - y0) * 0.05 || Math.abs(y0) * 0.05 || 0.05;
    y0 -= pad;
    y1 += pad;
  }
  if (o.logX) {
    x0 = Math.max(x0, Number.MIN_VALUE);
  }
  const tx = (x: number) =>
    o.logX
      ? m.left + ((Math.log(x) - Math.log(x0)) / (Math.log(x1) - Math.log(x0))) * pw
      : m.left + ((x - x0) / (x1 - x0)) * pw;
  const ty = (y: number) => m.top + ph - ((y - y0) / (y1 - y0)) * ph;
  const body: string[] = [];
  const xt = o.logX ? logTicks(x0, x1) : niceTicks(x0, x1, 8);
  const yt = niceTicks(y0, y1, 6);
  for (const t of yt) {
    body.push(
      `<line x1="${m.left}" y1="${c(ty(t))}" x2="${m.left + pw}" y2="${c(ty(t))}" stroke="#e6e6e6"/>`,
      `<text x="${m.left - 6}" y="${c(ty(t) + 4)}" text-anchor="end" fill="#333">${formatTick(t)}</text>`,
    );
  }
  for (const t of xt) {
    body.push(
      `<line x1="${c(tx(t))}" y1="${m.top}" x2="${c(tx(t))}" y2="${m.top + ph}" stroke="#eeeeee"/>`,
      `<text x="${c(tx(t))}" y="${m.top + ph + 16}" text-anchor="middle" fill="#333">${formatTick(t)}</text>`,
    );
  }
  body.push(
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`,
    `<text x="${c(m.left + pw / 2)}" y="${m.top + ph + 36}" text-anchor="middle" fill="#222">${escapeXml(o.xLabel)}</text>`,
    `<text x="16" y="${c(m.top + ph / 2)}" text-anchor="middle" fill="#222" transform="rotate(-90 16 ${c(m.top + ph / 2)})">${escapeXml(o.yLabel)}</text>`,
  );
  const solid = o.series.filter((s) => !s.dashed).length;
  let solidIndex = 0;
  o.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    // solid lines drawn first are wider, so a later line lying on top leaves the earlier one visible
    const sw = s.dashed ? 1.5 : 2 + 1.6 * (solid - 1 - solidIndex++);
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : "";
    const pts = s.points.filter((p) => Number.isFinite(p[1]));
    if (pts.length > 0) {
      const d = pts.map((p, j) => `${j === 0 ? "M" : "L"}${c(tx(p[0]))},${c(ty(p[1]))}`).join(" ");
      body.push(
        `<path d="${d}" fill="none" stroke="${color}" stroke-width="${c(sw)}" stroke-linejoin="round"${dash}/>`,
      );
      if (s.markers) {
        for (const p of pts)
          body.push(`<circle cx="${c(tx(p[0]))}" cy="${c(ty(p[1]))}" r="2.5" fill="${color}"/>`);
      }
    }
    const lx = m.left + (k % legendCols) * (pw / legendCols);
    const ly = m.top + ph + 58 + Math.floor(k / legendCols) * 20;
    body.push(
      `<line x1="${c(lx)}" y1="${ly}" x2="${c(lx + 28)}" y2="${ly}" stroke="${color}" stroke-width="${s.dashed ? 1.5 : 3}"${dash}/>`,
      `<text x="${c(lx + 36)}" y="${ly + 4}" fill="#222">${escapeXml(s.name)}</text>`,
    );
  });
  return frame(width, height, o.title, body);
}

/** `text` cut to `max` characters with an ellipsis. */
function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits a heading at hyphens into lines of at most 14 characters. */
function headingLines(text: string): string[] {
  const words = text.split("-");
  const lines: string[] = [];
  let cur = "";
  words.forEach((w, k) => {
    const piece = k < words.length - 1 ? `${w}-` : w;
    if (cur !== "" && (cur + piece).length > 14) {
      lines.push(cur);
      cur = piece;
    } else cur += piece;
  });
  if (cur !== "") lines.push(cur);
  return lines;
}

/** One item (model) of a slope chart: its rank in each column. */
export interface SlopeItem {
  label: string;
  ranks: number[];
}

/** Options of `slopeChart`. */
export interface SlopeChartOptions {
  title: string;
  /** Column headings (leaderboards). */
  columns: string[];
  items: SlopeItem[];
  width?: number;
  /** Vertical pixels per rank step (default 22). */
  rowHeight?: number;
}

/**
 * A slope ("bump") chart: one column per leaderboard, each item a line through its ranks (1 at the
 * top), labels with the rank at both ends. Items whose rank changes are drawn in colour, the others in
 * grey.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * slopeChart({ title: "ranks", columns: ["winrate", "weighted-winrate"],
 *   items: [{ label: "A", ranks: [1, 2] }, { label: "B", ranks: [2, 1] }] });
 */
export function slopeChart(o: SlopeChartOptions): string {
  const width = o.width ?? 1100;
  const rowH = o.rowHeight ?? 22;
  const maxRank = Math.max(1, ...o.items.flatMap((it) => it.ranks));
  const labelW = 270;
  const m = { left: labelW, right: labelW, top: 80, bottom: 24 };
  const height = m.top + m.bottom + (maxRank - 1) * rowH + 10;
  const pw = width - m.left - m.right;
  const cols = o.columns.length;
  const cx = (j: number) => (cols === 1 ? m.left + pw / 2 : m.left + (j * pw) / (cols - 1));
  const cy = (rank: number) => m.top + (rank - 1) * rowH;
  const body: string[] = [];
  o.columns.forEach((name, j) => {
    body.push(
      `<line x1="${c(cx(j))}" y1="${m.top - 8}" x2="${c(cx(j))}" y2="${c(cy(maxRank) + 8)}" stroke="#dddddd"/>`,
      headingLines(name)
        .map(
          (line, k, all) =>
            `<text x="${c(cx(j))}" y="${m.top - 16 - (all.length - 1 - k) * 14}" text-anchor="middle" font-weight="bold" fill="#222">${escapeXml(line)}</text>`,
        )
        .join("\n"),
    );
  });
  let colorIndex = 0;
  const shownRanks = o.items.length;
  o.items.forEach((it) => {
    const moves = it.ranks.some((r) => r !== it.ranks[0]);
    const color = moves ? PALETTE[colorIndex++ % 6]! : "#aaaaaa";
    const d = it.ranks.map((r, j) => `${j === 0 ? "M" : "L"}${c(cx(j))},${c(cy(r))}`).join(" ");
    body.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${moves ? 2.2 : 1.2}"/>`);
    it.ranks.forEach((r, j) => {
      body.push(`<circle cx="${c(cx(j))}" cy="${c(cy(r))}" r="3.5" fill="${color}"/>`);
      // ranks below the labelled band get their number written next to the dot
      if (r > shownRanks && j > 0 && j < cols - 1) {
        body.push(`<text x="${c(cx(j) + 6)}" y="${c(cy(r) + 4)}" font-size="10" fill="#555">${r}</text>`);
      }
    });
    const first = it.ranks[0]!;
    const last = it.ranks[it.ranks.length - 1]!;
    const label = shorten(it.label, 34);
    const ink = moves ? "#111" : "#666";
    body.push(
      `<text x="${c(cx(0) - 10)}" y="${c(cy(first) + 4)}" text-anchor="end" fill="${ink}"><title>${escapeXml(it.label)}</title>${escapeXml(label)} (${first})</text>`,
      `<text x="${c(cx(cols - 1) + 10)}" y="${c(cy(last) + 4)}" text-anchor="start" fill="${ink}"><title>${escapeXml(it.label)}</title>(${last}) ${escapeXml(label)}</text>`,
    );
  });
  return frame(width, height, o.title, body);
}

/** One group (bar colour) of a grouped bar chart. */
export interface BarGroup {
  name: string;
  /** One value per category. */
  values: number[];
}

/** Options of `groupedBarChart`. */
export interface GroupedBarChartOptions {
  title: string;
  categories: string[];
  groups: BarGroup[];
  yLabel: string;
  width?: number;
  height?: number;
  yRange?: [number, number];
}

/**
 * A grouped bar chart: one cluster per category (rotated labels below), one bar per group, legend on
 * top.
 *
 * @throws nothing for valid inputs of the declared types
 * @example
 * groupedBarChart({ title: "allocation", categories: ["code", "law"], yLabel: "quality",
 *   groups: [{ name: "winrate", values: [1, 0] }, { name: "weighted-winrate", values: [0, 1] }] });
 */
export function groupedBarChart(o: GroupedBarChartOptions): string {
  const width = o.width ?? 1100;
  const height = o.height ?? 460;
  const longest = Math.max(1, ...o.categories.map((s) => s.length));
  const bottom = Math.min(170, 24 + longest * 6);
  const legendRows = Math.ceil(o.groups.length / 4);
  const m = { left: 64, right: 16, top: 52 + legendRows * 18, bottom };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const vals = o.groups.flatMap((g) => g.values);
  const [y0, y1] = o.yRange ?? [Math.min(0, ...vals), Math.max(...vals, 1e-12) * 1.05];
  const ty = (y: number) => m.top + ph - ((y - y0) / (y1 - y0)) * ph;
  const body: string[] = [];
  for (const t of niceTicks(y0, y1, 5)) {
    body.push(
      `<line x1="${m.left}" y1="${c(ty(t))}" x2="${m.left + pw}" y2="${c(ty(t))}" stroke="#e6e6e6"/>`,
      `<text x="${m.left - 6}" y="${c(ty(t) + 4)}" text-anchor="end" fill="#333">${formatTick(t)}</text>`,
    );
  }
  const K = o.categories.length;
  const G = Math.max(1, o.groups.length);
  const slot = pw / Math.max(1, K);
  const barW = (slot * 0.8) / G;
  o.categories.forEach((cat, k) => {
    const x = m.left + k * slot;
    if (k % 2 === 1)
      body.push(`<rect x="${c(x)}" y="${m.top}" width="${c(slot)}" height="${ph}" fill="#f6f6f6"/>`);
    const lx = x + slot / 2;
    const ly = m.top + ph + 10;
    body.push(
      `<text x="${c(lx)}" y="${c(ly)}" text-anchor="end" fill="#222" transform="rotate(-40 ${c(lx)} ${c(ly)})">${escapeXml(cat)}</text>`,
    );
  });
  o.groups.forEach((g, j) => {
    const color = PALETTE[j % PALETTE.length]!;
    g.values.forEach((v, k) => {
      const x = m.left + k * slot + slot * 0.1 + j * barW;
      const top = ty(Math.max(v, 0));
      const h = Math.abs(ty(v) - ty(0));
      body.push(
        `<rect x="${c(x)}" y="${c(top)}" width="${c(Math.max(barW - 0.5, 0.5))}" height="${c(h)}" fill="${color}"><title>${escapeXml(`${g.name}, ${o.categories[k]}: ${formatTick(v, 4)}`)}</title></rect>`,
      );
    });
    const lx = m.left + (j % 4) * (pw / 4);
    const ly = 46 + Math.floor(j / 4) * 18;
    body.push(
      `<rect x="${c(lx)}" y="${ly - 9}" width="14" height="10" fill="${color}"/>`,
      `<text x="${c(lx + 20)}" y="${ly}" fill="#222">${escapeXml(g.name)}</text>`,
    );
  });
  body.push(
    `<line x1="${m.left}" y1="${c(ty(0))}" x2="${m.left + pw}" y2="${c(ty(0))}" stroke="#666"/>`,
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`,
    `<text x="16" y="${c(m.top + ph / 2)}" text-anchor="middle" fill="#222" transform="rotate(-90 16 ${c(m.top + ph / 2)})">${escapeXml(o.yLabel)}</text>`,
  );
  return frame(width, height, o.title, body);
}
