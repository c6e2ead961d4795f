/**
 * The one rank function of modelmarket (leaderboards of `evaluate` and of the empirical study).
 */
import { definitelyGreater } from "./tolerance.js";

/**
 * Competition ranks ("1224" ranking) of `values`, larger is better: `rank_i = 1 + #{j : v_j > v_i}`,
 * where `>` is "definitely greater" (by more than `RELATIVE_TOLERANCE * scale`; `scale` defaults to the
 * largest absolute value). Tied values share the best rank of their group and the next rank skips the
 * group's size. Ties are judged pair by pair, never chained: in `[1, 1 - d, 1 - 2d]` with `d` just
 * under the tolerance and `2d` over it, the ranks are `[1, 1, 2]` (only `1` is definitely above
 * `1 - 2d`), whatever order the values come in.
 *
 * @throws nothing; an empty list gives `[]`, `NaN` entries rank below nothing and above nothing.
 * @example
 * competitionRanks([0.5, 0.9, 0.5, 0.1]); // [2, 1, 2, 4]
 * competitionRanks([0.1 + 0.2, 0.3, 0.2]); // [1, 1, 3]
 */
export function competitionRanks(values: readonly number[], scale?: number): number[] {
  let s = scale ?? 0;
  if (scale === undefined) for (const v of values) s = Math.max(s, Math.abs(v));
  return values.map((v) => {
    let above = 0;
    for (const x of values) if (definitelyGreater(x, v, s)) above++;
    return 1 + above;
  });
}
