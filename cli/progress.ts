/**
 * A one-line progress display for terminals (stderr, redrawn with a carriage return at most every
 * 100 ms, first drawn only after `delayMs`, so that short runs print nothing). Commands create one
 * only when `io.isTTY` and not `--json`; the library reports through `ProgressSink` (src/work.ts).
 */
import type { ProgressEvent, ProgressSink } from "../src/work.js";

/**
 * @example
 * const bar = new ProgressBar((s) => process.stderr.write(s));
 * bar.update(50, 200, "C6");
 * bar.done();
 */
export class ProgressBar {
  private last = 0;
  private drawn = false;
  private readonly started = performance.now();
  private readonly write: (text: string) => void;
  private readonly width: number;
  private readonly delayMs: number;

  constructor(write: (text: string) => void, width = 30, delayMs = 0) {
    this.write = write;
    this.width = width;
    this.delayMs = delayMs;
  }

  /** Redraws the bar (throttled) with `done` of `total` units (`total` undefined: a counter only). */
  update(done: number, total: number | undefined, label: string): void {
    const now = performance.now();
    if (now - this.started < this.delayMs) return;
    if (this.drawn && now - this.last < 100 && (total === undefined || done < total)) return;
    this.last = now;
    this.drawn = true;
    const count = done.toLocaleString("en-US");
    if (total === undefined) {
      this.write(`\r${count} ${label}\x1b[K`);
      return;
    }
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const full = Math.round(frac * this.width);
    const bar = `${"#".repeat(full)}${"-".repeat(this.width - full)}`;
    const pct = `${(100 * frac).toFixed(0).padStart(3)}%`;
    this.write(`\r[${bar}] ${pct} ${count}/${total.toLocaleString("en-US")} ${label}\x1b[K`);
  }

  /** A `ProgressSink` that draws on this bar. */
  sink(): ProgressSink {
    return (e: ProgressEvent) => this.update(e.done, e.total, e.detail ? `${e.unit}, ${e.detail}` : e.unit);
  }

  /** Clears the line. */
  done(): void {
    if (this.drawn) this.write("\r\x1b[K");
    this.drawn = false;
  }
}

/**
 * The progress sink a command should pass to the library: a bar drawn after one second on a terminal,
 * or `undefined` (no progress) when stderr is not a terminal or the output is JSON.
 *
 * @example
 * const progress = terminalProgress({ stdout: () => {}, stderr: () => {}, isTTY: false }, false);
 * // progress.sink === undefined
 */
export function terminalProgress(
  io: { stderr: (text: string) => void; isTTY: boolean },
  json: boolean,
): { sink: ProgressSink | undefined; done: () => void } {
  if (!io.isTTY || json) return { sink: undefined, done: () => {} };
  const bar = new ProgressBar(io.stderr, 30, 1000);
  return { sink: bar.sink(), done: () => bar.done() };
}
