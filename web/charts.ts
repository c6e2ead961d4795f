/**
 * The explorer's charts, drawn as SVG strings (no chart library: three chart types, a few dozen lines
 * each, and full control over labels and accessibility; README "The explorer's charts" gives the
 * sizes weighed). Every chart sits in a `figure` whose caption is its title and names it
 * (`aria-labelledby`), with its numbers as a table beside it. Colours: the Okabe-Ito palette, which
 * stays distinguishable under the common colour-vision deficiencies; lines also differ by dash pattern.
 */

/** Okabe-Ito colours for the six rules (in the CLI's order) and black for the welfare optimum. */
export const SERIES_COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#000000"];
export const DASHES = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 4"];

/** Escapes text for SVG/HTML. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function niceTicks(lo: number, hi: number, n = 5): number[] {
  // A range within rounding of its own magnitude (welfare equal up to the last places) has no readable
  // ticks, and a step near the numbers' last place would stall the loop or collide: one tick.
  if (!(hi > lo) || hi - lo <= 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const first = Math.ceil(lo / step - 1e-9);
  const decimals = Math.min(20, Math.max(0, 1 - Math.floor(Math.log10(step))));
  const out: number[] = [];
  // Ticks by index, not by repeated addition, so rounding cannot stall or drift; step >= range / n
  // bounds their number by n + 1 (the cap is only a guard).
  for (let k = 0; k <= 2 * n + 2; k++) {
    const v = (first + k) * step;
    if (v > hi + 1e-9 * step) break;
    out.push(Number(v.toFixed(decimals)));
  }
  return out;
}

export function legend(
  names: readonly string[],
  x: number,
  y: number,
  width: number,
  dashed: boolean,
): string {
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

export function legendHeight(n: number, width: number): number {
  return Math.ceil(n / Math.max(1, Math.floor(width / 190))) * 16 + 6;
}

/** Text of about `chars` characters: longer text is cut with an ellipsis (the full text is a tooltip). */
export function clip(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

/** The width of `text` at `size` px, estimated (system sans-serif averages about 0.56 em a character). */
export function textWidth(text: string, size: number): number {
  return text.length * size * 0.56;
}

/**
 * A table's own horizontal scroll box; it takes the keyboard focus (a named region), so that a table
 * wider than the screen scrolls with the arrow keys even when nothing inside it is focusable.
 */
export function scrollBox(inner: string, label: string): string {
  return `<div class="scroll" tabindex="0" role="region" aria-label="${esc(label)}">${inner}</div>`;
}

/** The numbers of a chart as a table, for readers who cannot see the chart. */
export interface ChartData {
  head: string[];
  rows: string[][];
}

/**
 * A chart in a figure (every view's one helper): the caption is its title and names the SVG
 * (`aria-labelledby="ID-title"`, given to the chart function); the numbers follow as a table in a
 * disclosure, built from `data` or given ready as HTML (a sortable table); `note` (optional) says how to
 * read the chart, `open` keeps the disclosure open when the reader had opened it before a re-render.
 */
export function figure(
  id: string,
  title: string,
  svg: string,
  data: ChartData | string,
  opts: { note?: string; open?: boolean } = {},
): string {
  const table =
    typeof data === "string"
      ? data
      : `<table><caption>${esc(title)}: the numbers</caption><thead><tr>${data.head
          .map((h) => `<th scope="col">${esc(h)}</th>`)
          .join("")}</tr></thead><tbody>${data.rows
          .map(
            (r) =>
              `<tr><th scope="row">${esc(r[0] ?? "")}</th>${r
                .slice(1)
                .map((c) => `<td>${esc(c)}</td>`)
                .join("")}</tr>`,
          )
          .join("")}</tbody></table>`;
  const note = opts.note ?? "";
  return `<figure class="chart" id="${esc(id)}"><figcaption id="${esc(id)}-title" class="chart-title">${esc(title)}</figcaption>
${svg}${note === "" ? "" : `<p class="hint">${esc(note)}</p>`}
<details class="chart-data"${opts.open ? " open" : ""}><summary>The chart's numbers as a table</summary>${scrollBox(table, `${title}: the numbers`)}</details></figure>`;
}

/** The SVG element around a chart's parts, named by the figure caption `labelledBy`. */
export function svgRoot(
  labelledBy: string,
  width: number,
  height: number,
  parts: string[],
  defs = "",
): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${labelledBy}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${defs}${parts.join("")}</svg>`;
}

/**
 * Grouped bars: for each group (task), one bar per series (rule). `choices[s]` holds series `s`'s tied
 * maximisers (quality vectors): one is drawn solid; several are drawn as ties, hatched, each task's bar
 * as high as the highest tied choice builds there (its tooltip says how many of the tied choices do).
 */
// Over 80 lines: an SVG template drawn in paint order (grid, bars with their tie hatching, labels, axes, legend).
export function groupedBars(opts: {
  labelledBy: string;
  groups: readonly string[];
  /** Full names of the groups (tooltips), when the groups are codes. */
  groupNames?: readonly string[];
  series: readonly string[];
  choices: readonly (readonly (readonly number[])[])[];
  yLabel: string;
  yMax: number;
  width: number;
}): string {
  const { groups, series, choices, width } = opts;
  const names = groups.map((g) => clip(g, 18));
  const widest = Math.max(...names.map((g) => textWidth(g, 11)));
  const right = 10;
  const gw0 = (width - 52 - right) / Math.max(1, groups.length);
  const rot = groups.length > 6 || widest > gw0 - 4;
  // rotated labels: 45 degrees while neighbours stay a line apart (gw sin 45 >= 12 px), else upright;
  // they hang below the axis and, at 45 degrees, the first one to the left of it
  const angle = rot ? (gw0 * 0.71 >= 12 ? 45 : 90) : 0;
  const sin = Math.sin((angle * Math.PI) / 180);
  const cos = Math.cos((angle * Math.PI) / 180);
  const left = rot ? Math.max(52, Math.ceil(textWidth(names[0]!, 11) * cos - gw0 / 2 + 8)) : 52;
  const top = 10;
  const plotH = 170;
  const bottom = Math.ceil(34 + (rot ? widest * sin : 0));
  const hasTies = choices.some((c) => c.length > 1);
  const legendNames = hasTies ? [...series, "hatched: tied best responses"] : series;
  const legH = legendHeight(legendNames.length, width - left);
  const height = top + plotH + bottom + legH;
  const plotW = width - left - right;
  const gw = plotW / Math.max(1, groups.length);
  const bw = (gw * 0.8) / Math.max(1, series.length);
  const yMax = opts.yMax > 0 ? opts.yMax : 1;
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  const defs = `<defs>${series
    .map(
      (_, si) =>
        `<pattern id="${opts.labelledBy}-tie-${si}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="#fff"/><rect width="2.5" height="5" fill="${SERIES_COLOURS[si % SERIES_COLOURS.length]}"/></pattern>`,
    )
    .join("")}</defs>`;
  for (const t of niceTicks(0, yMax, 4)) {
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t}</text>`,
    );
  }
  groups.forEach((g, gi) => {
    const x0 = left + gi * gw + gw * 0.1;
    const full = opts.groupNames?.[gi] ?? g;
    series.forEach((s, si) => {
      const tied = choices[si] ?? [];
      const vals = tied.map((q) => q[gi] ?? 0);
      const v = vals.length === 0 ? 0 : Math.max(...vals);
      const h = Math.max(0, y(0) - y(v));
      const fill =
        tied.length > 1 ? `url(#${opts.labelledBy}-tie-${si})` : SERIES_COLOURS[si % SERIES_COLOURS.length];
      const tip =
        tied.length > 1
          ? `${s}, ${full}: ${tied.length} tied best responses; ${vals.filter((x) => x > 0).length} of them build here (up to ${v.toFixed(3)})`
          : `${s}, ${full}: ${v.toFixed(3)}`;
      parts.push(
        `<rect class="${tied.length > 1 ? "bar tie" : "bar"}" data-series="${si}" x="${x0 + si * bw}" y="${y(v)}" width="${Math.max(1, bw - 1)}" height="${h}" fill="${fill}" stroke="#333" stroke-width="0.4"><title>${esc(tip)}</title></rect>`,
      );
    });
    const lx = left + gi * gw + gw / 2;
    const ly = top + plotH + 14;
    const transform = rot ? ` transform="rotate(-${angle} ${lx} ${ly})"` : "";
    parts.push(
      `<text x="${lx}" y="${ly}" font-size="11" text-anchor="${rot ? "end" : "middle"}"${transform}><title>${esc(full)}</title>${esc(names[gi]!)}</text>`,
    );
  });
  parts.push(
    `<line x1="${left}" x2="${left + plotW}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${y(0)}" stroke="#333"/>`,
    `<text x="${left + plotW / 2}" y="${top + plotH + bottom - 8}" font-size="12" text-anchor="middle">task</text>`,
    `<text transform="translate(14 ${top + plotH / 2}) rotate(-90)" font-size="12" text-anchor="middle">${esc(opts.yLabel)}</text>`,
    legend(series, left, top + plotH + bottom + 12, width - left, false),
  );
  if (hasTies) {
    const k = series.length;
    const perRow = Math.max(1, Math.floor((width - left) / 190));
    const lx = left + (k % perRow) * 190;
    const ly = top + plotH + bottom + 12 + Math.floor(k / perRow) * 16;
    parts.push(
      `<rect x="${lx + 6}" y="${ly - 10}" width="10" height="10" fill="url(#${opts.labelledBy}-tie-0)" stroke="#333" stroke-width="0.5"/><text x="${lx + 28}" y="${ly}" font-size="12">hatched: tied best responses</text>`,
    );
  }
  return svgRoot(opts.labelledBy, width, height, parts, defs);
}
