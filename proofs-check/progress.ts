/**
 * A one-line progress bar for terminals (redrawn with a carriage return, at most every 100 ms).
 */

/**
 * @example
 * const bar = new ProgressBar((s) => process.stderr.write(s));
 * bar.update(50, 200, "C6");
 * bar.done();
 */
export class ProgressBar {
  private last = 0;
  private drawn = false;
  private readonly write: (text: string) => void;
  private readonly width: number;

  constructor(write: (text: string) => void, width = 30) {
    this.write = write;
    this.width = width;
  }

  /** Redraws the bar (throttled) with `done` of `total` instances, working on `label`. */
  update(done: number, total: number, label: string): void {
    const now = performance.now();
    if (this.drawn && now - this.last < 100 && done < total) return;
    this.last = now;
    this.drawn = true;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const full = Math.round(frac * this.width);
    const bar = `${"#".repeat(full)}${"-".repeat(this.width - full)}`;
    const pct = `${(100 * frac).toFixed(0).padStart(3)}%`;
    this.write(
      `\r[${bar}] ${pct} ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} ${label}\x1b[K`,
    );
  }

  /** Clears the line. */
  done(): void {
    if (this.drawn) this.write("\r\x1b[K");
    this.drawn = false;
  }
}
