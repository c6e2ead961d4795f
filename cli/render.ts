/**
 * Plain-text rendering shared by the commands: aligned tables and number formatting.
 */

/**
 * Formats a number for tables: fixed `digits` decimals, `-` for null/undefined/non-finite.
 *
 * @example
 * fmt(0.123456); // "0.1235"
 */
export function fmt(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "-";
  const s = x.toFixed(digits);
  return s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s;
}

/**
 * An aligned text table: the first column left-aligned, the others right-aligned.
 *
 * @example
 * table(["model", "U"], [["A", "0.5"]]);
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((s, c) => (c === 0 ? s.padEnd(widths[c]!) : s.padStart(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** JSON with a trailing newline, numbers as JavaScript prints them (shortest round-trip form). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
