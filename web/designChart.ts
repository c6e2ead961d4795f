/**
 * The design view's chart: consumer welfare against the rule family's parameter, one segment per
 * region of equal response (worst welfare solid, best dashed where they differ), the optimal regions
 * shaded and marked on the parameter axis, winrate's and weighted winrate's welfare as reference
 * lines, and the dragged value as a vertical line. Each SVG is named by its figure's caption
 * (`aria-labelledby`, see `figure` in charts.ts).
 */
import { esc, niceTicks } from "./charts.js";
import type { PartitionView } from "./designCompute.js";
import { WELFARE_AXIS } from "./names.js";

const GREEN = "#009E73";

/** The welfare-against-parameter chart of a partition over `[from, to]`, with the value `current`. */
// Over 80 lines: an SVG template drawn in paint order (shading, grid, segments, references, marks, axes).
export function welfareChart(opts: {
  labelledBy: string;
  p: PartitionView;
  from: number;
  to: number;
  current: number;
  width: number;
}): string {
  const { p, from, to, width } = opts;
  const left = 56;
  const top = 14;
  const plotH = 180;
  const plotW = Math.max(80, width - left - 14);
  const height = top + plotH + 78;
  const ws = [
    ...p.regions.flatMap((r) => [r.welfareWorst, r.welfareBest]),
    ...p.references.flatMap((r) => [r.welfareWorst, r.welfareBest]),
    p.welfareOptimum,
  ].filter((v) => Number.isFinite(v));
  let lo = Math.min(...ws);
  let hi = Math.max(...ws);
  // equal welfare everywhere (up to rounding): a band around it
  if (!(hi - lo > 1e-9 * Math.max(1, Math.abs(hi)))) {
    lo -= 0.05;
    hi += 0.05;
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const x = (v: number) => left + ((v - from) / (to - from || 1)) * plotW;
  const y = (v: number) => top + ((hi - v) / (hi - lo)) * plotH;
  const parts: string[] = [];
  for (const r of p.regions)
    if (r.optimal && !r.point)
      parts.push(
        `<rect x="${x(r.from)}" y="${top}" width="${Math.max(1, x(r.to) - x(r.from))}" height="${plotH}" fill="${GREEN}" fill-opacity="0.12"/>`,
      );
  for (const t of niceTicks(lo, hi, 4))
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e3e3"/>`,
      `<text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t}</text>`,
    );
  for (const t of niceTicks(from, to, Math.max(2, Math.floor(plotW / 80))))
    parts.push(`<text x="${x(t)}" y="${top + plotH + 15}" font-size="11" text-anchor="middle">${t}</text>`);
  p.references.forEach((r, k) => {
    const dash = k === 0 ? "6 3" : "2 3";
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(r.welfareWorst)}" y2="${y(r.welfareWorst)}" stroke="#555" stroke-dasharray="${dash}"><title>${esc(`${r.rule}: U = ${r.welfareWorst.toFixed(4)} (${r.key})`)}</title></line>`,
      `<text x="${left + plotW - 4}" y="${y(r.welfareWorst) - 3 - k * 11}" font-size="10" text-anchor="end">${esc(r.rule)}</text>`,
    );
  });
  for (const r of p.regions) {
    const colour = r.optimal ? GREEN : "#0072B2";
    const tip = esc(
      `${p.parameter} ${r.point ? `= ${r.from}` : `in (${r.from.toFixed(4)}, ${r.to.toFixed(4)})`}: ${r.key}, U ${r.welfareWorst.toFixed(4)}${r.welfareBest === r.welfareWorst ? "" : `..${r.welfareBest.toFixed(4)}`}`,
    );
    if (r.point)
      parts.push(
        `<circle cx="${x(r.from)}" cy="${y(r.welfareWorst)}" r="3.5" fill="#fff" stroke="${colour}" stroke-width="2"><title>${tip}</title></circle>`,
      );
    else {
      parts.push(
        `<line x1="${x(r.from)}" x2="${x(r.to)}" y1="${y(r.welfareWorst)}" y2="${y(r.welfareWorst)}" stroke="${colour}" stroke-width="3"><title>${tip}</title></line>`,
      );
      if (r.welfareBest !== r.welfareWorst)
        parts.push(
          `<line x1="${x(r.from)}" x2="${x(r.to)}" y1="${y(r.welfareBest)}" y2="${y(r.welfareBest)}" stroke="${colour}" stroke-width="2" stroke-dasharray="4 3"><title>${tip}</title></line>`,
        );
    }
  }
  // the optimum on the parameter axis: a bracket under each optimal region, a triangle at the first
  const axisY = top + plotH + 24;
  const firstOpt = p.regions.find((r) => r.optimal);
  for (const r of p.regions.filter((g) => g.optimal))
    parts.push(
      `<line x1="${x(r.from)}" x2="${x(r.point ? r.from : r.to)}" y1="${axisY}" y2="${axisY}" stroke="${GREEN}" stroke-width="4" stroke-linecap="round"/>`,
    );
  if (firstOpt) {
    const ox = x(firstOpt.point ? firstOpt.from : (firstOpt.from + firstOpt.to) / 2);
    parts.push(
      `<path d="M${ox},${axisY - 6} l-6,10 h12 z" fill="${GREEN}"><title>optimum: U = ${p.optimum.toFixed(4)}</title></path>`,
      `<text x="${ox}" y="${axisY + 18}" font-size="11" text-anchor="middle" fill="${GREEN}">optimum</text>`,
    );
  }
  const cx = x(Math.min(to, Math.max(from, opts.current)));
  parts.push(
    `<line x1="${cx}" x2="${cx}" y1="${top}" y2="${top + plotH}" stroke="#000" stroke-width="1.5"/>`,
    `<text x="${cx > left + plotW * 0.7 ? cx - 3 : cx + 3}" y="${top + 10}" font-size="11" text-anchor="${cx > left + plotW * 0.7 ? "end" : "start"}">${esc(`${p.parameter} = ${opts.current}`)}</text>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`,
    `<text x="${left + plotW / 2}" y="${height - 4}" font-size="12" text-anchor="middle">${esc(p.parameter)}</text>`,
    `<text transform="translate(14 ${top + plotH / 2}) rotate(-90)" font-size="12" text-anchor="middle">${WELFARE_AXIS}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${esc(opts.labelledBy)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
}

const COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00"];

/**
 * The response's qualities per task as bars: one group per task, one bar per tied best response (at
 * most six, in Okabe-Ito colours), with a legend of the responses.
 */
export function qualityBars(opts: {
  labelledBy: string;
  tasks: readonly string[];
  responses: ReadonlyArray<{ label: string; quality: readonly number[] }>;
  width: number;
}): string {
  const { tasks, width } = opts;
  const shown = opts.responses.slice(0, COLOURS.length);
  const top = 10;
  const plotH = 120;
  const slanted =
    tasks.length > 6 || tasks.some((t) => t.length * 6.6 > (width - 56) / Math.max(1, tasks.length));
  // a slanted first name hangs to the left of its group: the axis moves right to keep it in the chart
  const first = Math.min(18, tasks[0]?.length ?? 0) * 6.6 * 0.71;
  const left = slanted
    ? Math.max(46, Math.ceil(first - (width - 56) / Math.max(1, tasks.length) / 2 + 6))
    : 46;
  const plotW = Math.max(80, width - left - 10);
  const labelH = slanted ? Math.min(90, 8 + 5 * Math.max(...tasks.map((t) => Math.min(18, t.length)))) : 18;
  const legendY = top + plotH + labelH + 16;
  const height = legendY + 16 * shown.length;
  const yMax = Math.max(1, ...shown.flatMap((r) => r.quality));
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const gw = plotW / Math.max(1, tasks.length);
  const bw = (gw * 0.8) / Math.max(1, shown.length);
  const parts: string[] = [];
  for (const t of niceTicks(0, yMax, 4))
    parts.push(
      `<line x1="${left}" x2="${left + plotW}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e3e3"/>`,
      `<text x="${left - 6}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t}</text>`,
    );
  tasks.forEach((task, g) => {
    shown.forEach((r, s) => {
      const v = r.quality[g] ?? 0;
      parts.push(
        `<rect x="${left + g * gw + gw * 0.1 + s * bw}" y="${y(v)}" width="${Math.max(1, bw - 1)}" height="${Math.max(0, y(0) - y(v))}" fill="${COLOURS[s]}" stroke="#333" stroke-width="0.4"><title>${esc(`${r.label}, ${task}: ${v.toFixed(3)}`)}</title></rect>`,
      );
    });
    const lx = left + g * gw + gw / 2;
    const name = task.length > 18 ? `${task.slice(0, 17)}…` : task;
    parts.push(
      slanted
        ? `<text x="${lx}" y="${top + plotH + 12}" font-size="11" text-anchor="end" transform="rotate(-45 ${lx} ${top + plotH + 12})">${esc(name)}</text>`
        : `<text x="${lx}" y="${top + plotH + 14}" font-size="11" text-anchor="middle">${esc(name)}</text>`,
    );
  });
  shown.forEach((r, s) => {
    const ly = legendY + 16 * s;
    const label = r.label.length > 60 ? `${r.label.slice(0, 59)}…` : r.label;
    parts.push(
      `<rect x="${left}" y="${ly - 10}" width="10" height="10" fill="${COLOURS[s]}" stroke="#333" stroke-width="0.5"/>`,
      `<text x="${left + 16}" y="${ly}" font-size="11">${esc(label)}</text>`,
    );
  });
  parts.push(
    `<line x1="${left}" x2="${left + plotW}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${y(0)}" stroke="#333"/>`,
    `<text transform="translate(12 ${top + plotH / 2}) rotate(-90)" font-size="11" text-anchor="middle">quality</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${esc(opts.labelledBy)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
}
