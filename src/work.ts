/**
 * Bounded work: how long computations report progress and refuse inputs that exceed a limit.
 *
 * Every potentially long computation (an exhaustive equilibrium search, a vertex enumeration, a sweep,
 * a theorem check) estimates its work before it starts, compares the estimate with a limit the caller
 * can raise, and reports progress through an optional `ProgressSink`. The library never draws on a
 * terminal itself: the command line turns the events into a progress line on stderr (only on a
 * terminal, and only for runs longer than about a second).
 */
import { InputError } from "./errors.js";

/** One progress event: `done` units of work (of `total`, when known), with an optional detail. */
export interface ProgressEvent {
  /** Units of work finished so far (profiles, vertices, instances, sweep points...). */
  readonly done: number;
  /** Total units when known in advance; `undefined` for open-ended searches. */
  readonly total?: number;
  /** What a unit is, plural (`"profiles"`, `"vertices"`). */
  readonly unit: string;
  /** A short extra, e.g. `"3 equilibria"`. */
  readonly detail?: string;
}

/** Receives progress events; must be cheap (computations call it often; the CLI throttles drawing). */
export type ProgressSink = (event: ProgressEvent) => void;

/**
 * The error for work over a limit: an `InputError` (exit 2 on the command line) that carries the
 * estimate and the limit, so the CLI can name the flag that raises it.
 *
 * @example
 * const err = new WorkLimitError("maxProfiles", 2_000_000, 200_000, "joint strategy profiles");
 * // err.problem === "2,000,000 joint strategy profiles exceed the limit of 200,000 (maxProfiles)"
 */
export class WorkLimitError extends InputError {
  /** The option (library field name) whose value is the limit, e.g. `maxProfiles`. */
  readonly limitName: string;
  /** The estimated work, in units of `what`. */
  readonly estimate: number;
  /** The limit it exceeds. */
  readonly limit: number;
  /** What is counted, plural (`"joint strategy profiles"`). */
  readonly what: string;
  /** The problem without the option's name (`2,000,000 joint strategy profiles exceed the limit of 200,000`), for callers that name their own flag. */
  readonly summary: string;

  constructor(
    limitName: string,
    estimate: number,
    limit: number,
    what: string,
    file?: string,
    where?: string,
  ) {
    const summary = `${fmt(estimate)} ${what} exceed the limit of ${fmt(limit)}`;
    super(file, where, `${summary} (${limitName})`);
    this.name = "WorkLimitError";
    this.limitName = limitName;
    this.estimate = estimate;
    this.limit = limit;
    this.what = what;
    this.summary = summary;
  }
}

function fmt(n: number): string {
  return Number.isFinite(n) && n < 1e15 ? Math.round(n).toLocaleString("en-US") : n.toExponential(2);
}

/**
 * Throws a `WorkLimitError` when `estimate > limit`.
 *
 * @throws WorkLimitError when the estimate exceeds the limit.
 * @example
 * checkWorkLimit("maxProfiles", 400, 1000, "profiles"); // returns quietly
 */
export function checkWorkLimit(
  limitName: string,
  estimate: number,
  limit: number,
  what: string,
  file?: string,
): void {
  if (!(estimate <= limit)) throw new WorkLimitError(limitName, estimate, limit, what, file);
}
