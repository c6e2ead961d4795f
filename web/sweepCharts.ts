/**
 * The noise sweep's charts: lines against a log-scale noise axis (welfare, specialisation) and, for
 * top-k entrants, the tasks each rule's entrant builds for (dots on a task axis: a top-k entrant's
 * specialisation index is the same for every choice, so the chosen tasks are what moves). Change points
 * are marked and numbered; their labels are placed in rows so that none overlaps another.
 */
import {
  clip,
  DASHES,
  esc,
  legend,
  legendHeight,
  niceTicks,
  SERIES_COLOURS,
  svgRoot,
  textWidth,
} from "./charts.js";

/** A numbered change point on series `series` at noise `x`. */
export interface ChangeMark {
  series: number;
  x: number;
  text: string;
}

/** The log-scale x axis shared by the sweep charts. */
function logAxis(xs: readonly number[], left: number, plotW: number) {
  const lx0 = Math.log10(xs[0]!);
  const lx1 = Math.log10(xs[xs.length - 1]!);
  const x = (v: number) => left + ((Math.log10(v) - lx0) / (lx1 - lx0 || 1)) * plotW;
  return { x, lx0, lx1 };
}

function xTicks(x: (v: number) => number, lx0: number, lx1: number, top: number, plotH: number): string[] {
  const parts: string[] = [];
  for (let e = Math.ceil(lx0 - 1e-9); e <= lx1 + 1e-9; e++) {
    const px = x(10 ** e);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${top}" y2="${top + plotH}" stroke="#eee"/>`,
      `<text x="${px}" y="${top + plotH + 15}" font-size="11" text-anchor="middle">${10 ** e >= 1 ? 10 ** e : (10 ** e).toPrecision(1)}</text>`,
    );
  }
  return parts;
}

/**
 * Places labels of the given x extents in rows: each goes to the first row where it overlaps no label
 * already there (`taken` seeds row 0, e.g. with the "current" marker's label). Returns each label's row.
 */
export function labelRows(
  extents: ReadonlyArray<[number, number]>,
  taken: Array<[number, number]> = [],
): number[] {
  const rows: Array<Array<[number, number]>> = [taken.slice()];
  const order = extents.map((_, i) => i).sort((a, b) => extents[a]![0] - extents[b]![0]);
  const out = new Array<number>(extents.length).fill(0);
  for (const i of order) {
    const [a, b] = extents[i]!;
    let r = 0;
    while (rows[r]?.some(([c, d]) => a < d + 2 && c < b + 2)) r++;
    if (rows[r] === undefined) rows[r] = [];
    rows[r]!.push([a, b]);
    out[i] = r;
  }
  return out;
}

/** A sweep chart's frame: the change marks, the two axis lines and the x axis's label. */
function frame(
  x: (v: number) => number,
  opts: { current: number; changes: readonly ChangeMark[]; xLabel: string },
  valueAt: (c: ChangeMark) => number | undefined,
  y: (v: number) => number,
  box: { left: number; top: number; plotW: number; plotH: number },
): string[] {
  const { left, top, plotW, plotH } = box;
  return [
    ...marks(x, opts.current, opts.changes, valueAt, y, {
      left,
      right: left + plotW,
      top,
      bottom: top + plotH,
    }),
    `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`,
    `<text x="${left + plotW / 2}" y="${top + plotH + 34}" font-size="12" text-anchor="middle">${esc(clip(opts.xLabel, Math.floor(plotW / 6.7)))}<title>${esc(opts.xLabel)}</title></text>`,
  ];
}

/** The vertical "current" marker and the numbered change points (labels in non-overlapping rows). */
function marks(
  x: (v: number) => number,
  current: number,
  changes: readonly ChangeMark[],
  valueAt: (c: ChangeMark) => number | undefined,
  y: (v: number) => number,
  bounds: { left: number; right: number; top: number; bottom: number },
): string[] {
  const parts: string[] = [];
  const cx = x(current);
  const taken: Array<[number, number]> = [];
  if (cx >= bounds.left - 0.5 && cx <= bounds.right + 0.5) {
    // the label sits inside the plot: to the right of the line, or to its left near the right edge
    const w = textWidth("current", 11);
    const lx = cx + 3 + w > bounds.right ? cx - 3 - w : cx + 3;
    taken.push([lx, lx + w]);
    parts.push(
      `<line x1="${cx}" x2="${cx}" y1="${bounds.top}" y2="${bounds.bottom}" stroke="#000" stroke-width="1.5"/>`,
      `<text x="${lx}" y="${bounds.top + 10}" font-size="11">current</text>`,
    );
  }
  const extents = changes.map((c, k): [number, number] => {
    const w = textWidth(String(k + 1), 10);
    const px = x(c.x);
    const lx = px + 3 + w > bounds.right ? px - 3 - w : px + 3;
    return [lx, lx + w];
  });
  const rows = labelRows(extents, taken);
  changes.forEach((c, k) => {
    const px = x(c.x);
    const ly = bounds.top + 10 + rows[k]! * 12;
    const v = valueAt(c);
    if (v !== undefined)
      parts.push(
        `<circle cx="${px}" cy="${y(v)}" r="4" fill="#fff" stroke="${SERIES_COLOURS[c.series % SERIES_COLOURS.length]}" stroke-width="2"><title>${esc(c.text)}</title></circle>`,
      );
    parts.push(
      `<text class="change-label" x="${extents[k]![0]}" y="${ly}" font-size="10"><title>${esc(c.text)}</title>${k + 1}</text>`,
      `<line x1="${px}" x2="${px}" y1="${ly + 2}" y2="${bounds.bottom}" stroke="#999" stroke-dasharray="1 2"/>`,
    );
  });
  return parts;
}

/**
 * Lines against a log-scale x axis, with a vertical marker at `current` and numbered change points.
 */
// Over 80 lines: an SVG template drawn in paint order (axes, ticks, lines, markers, labels, legend).
export function logLines(opts: {
  labelledBy: string;
  xs: readonly number[];
  series: ReadonlyArray<{ name: string; ys: readonly number[] }>;
  xLabel: string;
  yLabel: string;
  current: number;
  changes: readonly ChangeMark[];
  width: number;
}): string {
  const { xs, series, width } = opts;
  const left = 56;
  const right = 14;
  const top = 10;
  const plotH = 190;
  const bottom = 42;
  const legH = legendHeight(series.length, width - left);
  const height = top + plotH + bottom + legH;
  const plotW = width - left - right;
  const { x, lx0, lx1 } = logAxis(xs, left, plotW);
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
  parts.push(...xTicks(x, lx0, lx1, top, plotH));
  series.forEach((s, k) => {
    const d = s.ys.map((v, i) => `${i === 0 ? "M" : "L"}${x(xs[i]!).toFixed(1)},${y(v).toFixed(1)}`).join("");
    parts.push(
      `<path d="${d}" fill="none" stroke="${SERIES_COLOURS[k % SERIES_COLOURS.length]}" stroke-width="2" stroke-dasharray="${DASHES[k % DASHES.length]}"><title>${esc(s.name)}</title></path>`,
    );
  });
  // a series' value at a change: interpolated between its two neighbouring sweep points
  const valueAt = (c: ChangeMark) => {
    const s = series[c.series]!;
    let i = 0;
    while (i + 2 < xs.length && xs[i + 1]! < c.x) i++;
    const a = Math.log(xs[i]!);
    const b = Math.log(xs[i + 1] ?? xs[i]!);
    const f = b > a ? Math.min(1, Math.max(0, (Math.log(c.x) - a) / (b - a))) : 0;
    return s.ys[i]! + f * ((s.ys[i + 1] ?? s.ys[i]!) - s.ys[i]!);
  };
  parts.push(
    ...frame(x, opts, valueAt, y, { left, top, plotW, plotH }),
    `<text transform="translate(14 ${top + plotH / 2}) rotate(-90)" font-size="12" text-anchor="middle">${esc(opts.yLabel)}</text>`,
    legend(
      series.map((s) => s.name),
      left,
      top + plotH + bottom + 12,
      width - left,
      true,
    ),
  );
  return svgRoot(opts.labelledBy, width, height, parts);
}

/**
 * The tasks each series' entrant builds for, against a log-scale x axis: one row per task, one dot per
 * chosen task at each sweep point, the series offset within the row (and coloured) so that rules that
 * choose the same task stay visible side by side.
 */
export function taskDots(opts: {
  labelledBy: string;
  xs: readonly number[];
  series: ReadonlyArray<{ name: string; tasks: ReadonlyArray<readonly number[]>; tied: readonly boolean[] }>;
  taskNames: readonly string[];
  xLabel: string;
  current: number;
  changes: readonly ChangeMark[];
  width: number;
}): string {
  const { xs, series, width } = opts;
  const names = opts.taskNames.map((t) => clip(t, 20));
  const left = Math.min(150, Math.ceil(Math.max(...names.map((t) => textWidth(t, 11)))) + 12);
  const right = 14;
  const band = Math.max(16, series.length * 3 + 4);
  const top = 10;
  const plotH = band * names.length;
  const bottom = 42;
  const anyTie = series.some((s) => s.tied.some(Boolean));
  const legH = legendHeight(series.length + (anyTie ? 1 : 0), width - left);
  const height = top + plotH + bottom + legH;
  const plotW = width - left - right;
  const { x, lx0, lx1 } = logAxis(xs, left, plotW);
  const rowY = (t: number) => top + band * t + band / 2;
  const parts: string[] = [];
  names.forEach((n, t) => {
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${rowY(t)}" y2="${rowY(t)}" stroke="#eee"/>`,
      `<text x="${left - 6}" y="${rowY(t) + 4}" font-size="11" text-anchor="end"><title>${esc(opts.taskNames[t]!)}</title>${esc(n)}</text>`,
    );
  });
  parts.push(...xTicks(x, lx0, lx1, top, plotH));
  series.forEach((s, k) => {
    const dy = (k - (series.length - 1) / 2) * 3;
    const colour = SERIES_COLOURS[k % SERIES_COLOURS.length];
    // a tied best response: the first of the tied choices, drawn hollow
    const dots = s.tasks.flatMap((ts, i) =>
      ts.map((t) => {
        const paint = s.tied[i]
          ? `class="dot tie" fill="#fff" stroke="${colour}"`
          : `class="dot" fill="${colour}"`;
        return `<circle ${paint} cx="${x(xs[i]!).toFixed(1)}" cy="${(rowY(t) + dy).toFixed(1)}" r="2.2"/>`;
      }),
    );
    parts.push(`<g><title>${esc(s.name)}</title>${dots.join("")}</g>`);
  });
  parts.push(
    ...frame(x, opts, () => undefined, rowY, { left, top, plotW, plotH }),
    legend(
      series.map((s) => s.name),
      left,
      top + plotH + bottom + 12,
      width - left,
      false,
    ),
  );
  if (anyTie) {
    const k = series.length;
    const perRow = Math.max(1, Math.floor((width - left) / 190));
    const lx = left + (k % perRow) * 190;
    const ly = top + plotH + bottom + 12 + Math.floor(k / perRow) * 16;
    parts.push(
      `<circle cx="${lx + 11}" cy="${ly - 5}" r="4" fill="#fff" stroke="#333"/><text x="${lx + 28}" y="${ly}" font-size="12">hollow: first of tied choices</text>`,
    );
  }
  return svgRoot(opts.labelledBy, width, height, parts);
}
