/**
 * The tail candidates of the time-averaging dynamics (fictitious play, regret matching): besides the
 * full average, the last iterate and a tail average are checked, so a dynamic that reached an
 * equilibrium early is certified there.
 */
import { type CompiledGame, type ReportedProfile, regretsFromValues, strategyValuesInto } from "./kernel.js";

/**
 * The candidates a time-averaging dynamic checks besides its full average: the last iterate and the
 * average over a tail window restarted at every power of two (so the tail is at most the latter half
 * of the run, and forgets the start: a dynamic that reached an equilibrium after a few iterations is
 * certified there instead of waiting for the average's `1/T` decay). Allocation-free after construction.
 */
export class TailCandidates {
  /** Sum of the profiles played since `tailStart`. */
  readonly tail: Float64Array;
  tailStart = 0;
  private readonly scratch: Float64Array;
  private readonly values: Float64Array;
  private readonly regrets: Float64Array;

  constructor(private readonly g: CompiledGame) {
    this.tail = new Float64Array(g.dim);
    this.scratch = new Float64Array(g.dim);
    this.values = new Float64Array(g.dim);
    this.regrets = new Float64Array(g.players);
  }

  /** Call after iteration `iterations` has added its profile to `tail`: restarts the window at powers of two. */
  advance(iterations: number): void {
    if (iterations >= 2 && (iterations & (iterations - 1)) === 0) {
      this.tail.fill(0);
      this.tailStart = iterations;
    }
  }

  /**
   * The first of `last` and the tail average whose largest relative regret is at most `threshold`,
   * copied into `out`; `undefined` when neither is.
   */
  check(
    last: Float64Array,
    iterations: number,
    threshold: number,
    out: Float64Array,
  ): ReportedProfile | undefined {
    if (this.fits(last, threshold)) {
      out.set(last);
      return "last iterate";
    }
    const n = iterations - this.tailStart;
    if (n < 1) return undefined;
    for (let i = 0; i < this.g.dim; i++) this.scratch[i] = this.tail[i]! / n;
    if (!this.fits(this.scratch, threshold)) return undefined;
    out.set(this.scratch);
    return "tail average";
  }

  private fits(x: Float64Array, threshold: number): boolean {
    strategyValuesInto(this.g, x, this.values);
    return regretsFromValues(this.g, x, this.values, this.regrets) <= threshold;
  }
}
