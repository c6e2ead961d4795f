/**
 * The explorer's charts, drawn as SVG strings (no chart library: two chart types, a few dozen lines
 * each, and full control over labels and accessibility). Colours: the Okabe-Ito palette, which stays
 * distinguishable under the common colour-vision deficiencies; lines also differ by dash pattern.
 */

/** Okabe-Ito colours for the six rules (in the CLI's order) and black for the welfare optimum. */
export const SERIES_COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#000000"];
const DASHES = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 4"];

/** Escapes text for SVG/HTML. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

function legend(names: readonly string[], x: number, y: number, width: number, dashed: boolean): string {
  const perRow = Math.max(1, Math.floor(width / 190));
  return names
    .map((n, k) => {
      const lx = x + (k % perRow) * 190;
      const ly = y + Math.floor(k / perRow) * 16;
      const c = SERIES_COLOURS[k % SERIES_COLOURS.length]!;
      const mark = dashed
        ? `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 22}" y2="${ly - 4}" stroke="${c}" stroke-width="2.5" stroke-dasharray="${DASHES[k]}"/>`
        : `<rect x="${lx + 6}" y="${ly - 10}" width="10" height="10" fill="${c}" stroke="#333" stroke-width="0.5"/>`;
      return `${mark}<text x="${lx + 28}" y="${ly}" font-size="12">${esc(n)}</text>`;
    })
    .join("");
}

function legendHeight(n: number, width: number): number {
  return Math.ceil(n / Math.max(1, Math.floor(width / 190))) * 16 + 6;
}

/**
 * Grouped bars: for each group (task), one bar per series (rule). `values[s][g]`.
 */
export function groupedBars(opts: {
  title: string;
  groups: readonly string[];
  series: readonly string[];
  values: readonly (readonly number[])[];
  yLabel: string;
  yMax: number;
  width: number;
}): string {
  const { groups, series, values, width } = opts;
  const left = 52;
  const right = 10;
  const top = 28;
  const plotH = 170;
  const bottom = 46;
  const legH = legendHeight(series.length, width - left);
  const height = top + plotH + bottom + legH;
  const plotW = width - left - right;
  const gw = plotW / Math.max(1, groups.length);
  const bw = (gw * 0.8) / Math.max(1, series.length);
  const yMax = opts.yMax > 0 ? opts.yMax : 1;
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  for (const t of niceTicks(0, yMax, 4)) {
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t}</text>`,
    );
  }
  groups.forEach((g, gi) => {
    const x0 = left + gi * gw + gw * 0.1;
    series.forEach((s, si) => {
      const v = values[si]?.[gi] ?? 0;
      const h = Math.max(0, y(0) - y(v));
      parts.push(
        `<rect x="${x0 + si * bw}" y="${y(v)}" width="${Math.max(1, bw - 1)}" height="${h}" fill="${SERIES_COLOURS[si % SERIES_COLOURS.length]}" stroke="#333" stroke-width="0.4"><title>${esc(`${s}, ${g}: ${v.toFixed(3)}`)}</title></rect>`,
      );
    });
    const lx = left + gi * gw + gw / 2;
    const rot = groups.length > 6 ? ` transform="rotate(-35 ${lx} ${top + plotH + 14})"` : "";
    parts.push(
      `<text x="${lx}" y="${top + plotH + 14}" font-size="11" text-anchor="${rot ? "end" : "middle"}"${rot}>${esc(g)}</text>`,
    );
  });
  parts.push(
    `<line x1="${left}" x2="${left + plotW}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${y(0)}" stroke="#333"/>`,
    `<text x="${left + plotW / 2}" y="${top + plotH + 40}" font-size="12" text-anchor="middle">task</text>`,
    `<text transform="translate(14 ${top + plotH / 2}) rotate(-90)" font-size="12" text-anchor="middle">${esc(opts.yLabel)}</text>`,
    `<text x="${left}" y="16" font-size="13" font-weight="bold">${esc(opts.title)}</text>`,
    legend(series, left, top + plotH + bottom + 12, width - left, false),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(opts.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
}

/**
 * Lines against a log-scale x axis, with a vertical marker at `current` and labelled change points.
 */
// Over 80 lines: an SVG template drawn in paint order (axes, ticks, lines, markers, labels, legend).
export function logLines(opts: {
  title: string;
  xs: readonly number[];
  series: ReadonlyArray<{ name: string; ys: readonly number[] }>;
  xLabel: string;
  yLabel: string;
  current: number;
  changes: ReadonlyArray<{ series: number; x: number; text: string }>;
  width: number;
}): string {
  const { xs, series, width } = opts;
  const left = 56;
  const right = 14;
  const top = 28;
  const plotH = 190;
  const bottom = 42;
  const legH = legendHeight(series.length, width - left);
  const height = top + plotH + bottom + legH;
  const plotW = width - left - right;
  const lx0 = Math.log10(xs[0]!);
  const lx1 = Math.log10(xs[xs.length - 1]!);
  const x = (v: number) => left + ((Math.log10(v) - lx0) / (lx1 - lx0 || 1)) * plotW;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series)
    for (const v of s.ys) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  if (!(hi > lo)) {
    lo -= 0.05;
    hi += 0.05;
  }
  const pad = (hi - lo) * 0.06;
  lo -= pad;
  hi += pad;
  const y = (v: number) => top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const parts: string[] = [];
  for (const t of niceTicks(lo, hi, 4)) {
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end">${Number(t.toPrecision(6))}</text>`,
    );
  }
  for (let e = Math.ceil(lx0 - 1e-9); e <= lx1 + 1e-9; e++) {
    const px = x(10 ** e);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${top}" y2="${top + plotH}" stroke="#eee"/>`,
      `<text x="${px}" y="${top + plotH + 15}" font-size="11" text-anchor="middle">${10 ** e >= 1 ? 10 ** e : (10 ** e).toPrecision(1)}</text>`,
    );
  }
  series.forEach((s, k) => {
    const d = s.ys.map((v, i) => `${i === 0 ? "M" : "L"}${x(xs[i]!).toFixed(1)},${y(v).toFixed(1)}`).join("");
    parts.push(
      `<path d="${d}" fill="none" stroke="${SERIES_COLOURS[k % SERIES_COLOURS.length]}" stroke-width="2" stroke-dasharray="${DASHES[k % DASHES.length]}"><title>${esc(s.name)}</title></path>`,
    );
  });
  const cx = x(opts.current);
  if (cx >= left - 0.5 && cx <= left + plotW + 0.5) {
    parts.push(
      `<line x1="${cx}" x2="${cx}" y1="${top}" y2="${top + plotH}" stroke="#000" stroke-width="1.5"/>`,
      `<text x="${cx + 3}" y="${top + 10}" font-size="11">current</text>`,
    );
  }
  opts.changes.forEach((c, k) => {
    const px = x(c.x);
    const s = series[c.series]!;
    // the series' value at the change: interpolated between its two neighbouring sweep points
    let i = 0;
    while (i + 2 < xs.length && xs[i + 1]! < c.x) i++;
    const a = Math.log(xs[i]!);
    const b = Math.log(xs[i + 1] ?? xs[i]!);
    const f = b > a ? Math.min(1, Math.max(0, (Math.log(c.x) - a) / (b - a))) : 0;
    const v = s.ys[i]! + f * ((s.ys[i + 1] ?? s.ys[i]!) - s.ys[i]!);
    parts.push(
      `<circle cx="${px}" cy="${y(v)}" r="4" fill="#fff" stroke="${SERIES_COLOURS[c.series % SERIES_COLOURS.length]}" stroke-width="2"><title>${esc(c.text)}</title></circle>`,
      `<text x="${px + 5}" y="${top + 24 + (k % 6) * 12}" font-size="10">${k + 1}</text>`,
      `<line x1="${px}" x2="${px}" y1="${top + 14 + (k % 6) * 12}" y2="${top + plotH}" stroke="#999" stroke-dasharray="1 2"/>`,
    );
  });
  parts.push(
    `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`,
    `<text x="${left + plotW / 2}" y="${top + plotH + 34}" font-size="12" text-anchor="middle">${esc(opts.xLabel)}</text>`,
    `<text transform="translate(14 ${top + plotH / 2}) rotate(-90)" font-size="12" text-anchor="middle">${esc(opts.yLabel)}</text>`,
    `<text x="${left}" y="16" font-size="13" font-weight="bold">${esc(opts.title)}</text>`,
    legend(
      series.map((s) => s.name),
      left,
      top + plotH + bottom + 12,
      width - left,
      true,
    ),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(opts.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
}
