/**
 * The axes of a rule-comparison sweep: the text form `NAME=FROM:TO:POINTS`, each axis's values, and the
 * grid of all points (row-major, the first axis slowest).
 */
import { InputError } from "../../src/errors.js";
import { readDecimal } from "../../src/io/decimal.js";
import { RELATIVE_TOLERANCE } from "../../src/numeric/tolerance.js";

/** One swept parameter: `points` values evenly spaced from `from` to `to` (both included). */
export interface SweepAxis {
  /** `beta`, `sigma`, `eps`, `weight.TASK`, `budget`, `k` or `incumbents`. */
  name: string;
  from: number;
  to: number;
  points: number;
}

/** Largest number of points of one axis. */
export const MAX_SWEEP_POINTS = 10_000;

/** Parameters taking integer values (their change points are integers, found by integer bisection). */
export const INTEGER_PARAMETERS = new Set(["k", "incumbents"]);

/**
 * Parses `NAME=FROM:TO:POINTS`, e.g. `beta=0.5:20:50` or `weight.t1=0:1:11`.
 *
 * @throws InputError naming `where` for a bad name, a non-number, or fewer than 1 or more than
 *   `MAX_SWEEP_POINTS` points (1 point needs FROM = TO).
 * @example
 * parseCompareSweepSpec("eps=0:1:5"); // { name: "eps", from: 0, to: 1, points: 5 }
 */
export function parseCompareSweepSpec(text: string, where = "sweep"): SweepAxis {
  const eq = text.indexOf("=");
  if (eq === -1) throw new InputError(undefined, where, `expected NAME=FROM:TO:POINTS, got "${text}"`);
  const name = text.slice(0, eq).trim();
  if (
    !["beta", "sigma", "eps", "budget", "k", "incumbents"].includes(name) &&
    !(name.startsWith("weight.") && name.length > "weight.".length)
  ) {
    throw new InputError(
      undefined,
      where,
      `unknown parameter "${name}" (known: beta, sigma, eps, weight.TASK, budget, k, incumbents)`,
    );
  }
  const parts = text.slice(eq + 1).split(":");
  if (parts.length !== 3)
    throw new InputError(undefined, where, `expected ${name}=FROM:TO:POINTS, got "${text}"`);
  // the one number parser (decimal only: no 0x3, no Infinity, no silent underflow)
  const [from, to, points] = parts.map((p) => {
    const r = readDecimal(p.trim());
    return r.problem === undefined ? r.value : Number.NaN;
  });
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new InputError(undefined, where, `FROM and TO must be finite decimal numbers, got "${text}"`);
  }
  if (!(Number.isInteger(points) && points! >= 1 && points! <= MAX_SWEEP_POINTS)) {
    throw new InputError(
      undefined,
      where,
      `POINTS must be an integer from 1 to ${MAX_SWEEP_POINTS}, got "${parts[2]}"`,
    );
  }
  if (points === 1 && from !== to) throw new InputError(undefined, where, "one point needs FROM = TO");
  return { name, from: from!, to: to!, points: points! };
}

/**
 * Point `i` of `n` from `from` to `to`: `from + (to - from) i / (n - 1)`, the historical formula (kept
 * so that reports do not change), unless it overflows (`(to - from) i` past the double range, as for
 * `1:1e308:5`, or `to - from` itself for ends of opposite signs); then `from (1 - t) + to t`, whose
 * terms are each at most the larger end in size, with both ends halved for the last rounding case.
 */
function between(from: number, to: number, i: number, n: number): number {
  const direct = from + ((to - from) * i) / (n - 1);
  if (Number.isFinite(direct)) return direct;
  const t = i / (n - 1);
  const x = from * (1 - t) + to * t;
  return Number.isFinite(x) ? x : 2 * ((from / 2) * (1 - t) + (to / 2) * t);
}

/**
 * The values of an axis: `from + (to - from) i / (points - 1)`, the last exactly `to`; integer
 * parameters must land on integers.
 *
 * @throws InputError when an integer parameter's grid has non-integer values.
 * @example
 * axisValues({ name: "eps", from: 0, to: 1, points: 3 }); // [0, 0.5, 1]
 */
export function axisValues(axis: SweepAxis, where = "sweep"): number[] {
  const n = axis.points;
  const xs = Array.from({ length: n }, (_, i) =>
    n === 1 ? axis.from : i === n - 1 ? axis.to : between(axis.from, axis.to, i, n),
  );
  if (INTEGER_PARAMETERS.has(axis.name)) {
    return xs.map((x) => {
      const r = Math.round(x);
      if (Math.abs(x - r) > RELATIVE_TOLERANCE * Math.max(1, Math.abs(x))) {
        throw new InputError(
          undefined,
          where,
          `${axis.name} takes integer values; ${axis.from}:${axis.to}:${n} gives ${x}`,
        );
      }
      return r;
    });
  }
  return xs;
}

/**
 * All points' parameter values, row-major.
 *
 * @throws InputError (naming `sweep NAME`) when an integer parameter's (`k`, `incumbents`) grid has
 *   non-integer values (from `axisValues`).
 * @example
 * sweepGrid([{ name: "k", from: 1, to: 2, points: 2 }, { name: "eps", from: 0, to: 1, points: 2 }]); // [[1, 0], [1, 1], [2, 0], [2, 1]]
 */
export function sweepGrid(axes: readonly SweepAxis[]): number[][] {
  const lists = axes.map((a) => axisValues(a, `sweep ${a.name}`));
  let grid: number[][] = [[]];
  for (const xs of lists) grid = grid.flatMap((g) => xs.map((x) => [...g, x]));
  return grid;
}
