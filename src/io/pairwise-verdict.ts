/**
 * The checks of one judgement's verdict and weight that every pairwise reader applies (CSV rows in
 * pairwise-csv.ts, JSON objects in pairwise-json.ts), so that both layouts accept the same values and
 * refuse the others with the same problem text. Each reader says where the field is (`line L, column
 * C` or a JSON path) through its `FieldError`.
 */
import type { JudgementRow } from "./pairwise-builder.js";

/** The winner values of the long format (FastChat's `winner`). */
export const WINNER_VALUES = ["model_a", "model_b", "tie", "tie (bothbad)"] as const;

/** What a judgement's verdict becomes: a winner side, a tie, or the probability that side a won. */
export type Outcome = JudgementRow["outcome"];

/** Builds the reader's error for a problem with one field of the judgement being read. */
export type FieldError = (field: "preference" | "winner" | "weight", problem: string) => Error;

/**
 * An AlpacaEval preference (1: the first generator wins, 2: the second, values between soft, 0 or 1.5
 * a draw) as an outcome; `shown` is the value as the input wrote it, for the message.
 */
export function alpacaOutcome(x: number, shown: string, fail: FieldError): Outcome {
  if (!(x === 0 || (x >= 1 && x <= 2)))
    throw fail("preference", `must be 0 (a draw) or in [1, 2] (AlpacaEval's scale), got ${shown}`);
  return x === 0 || x === 1.5 ? "tie" : 2 - x;
}

/** A preference given as the probability that model_a wins, in [0, 1]. */
export function probabilityOutcome(x: number, shown: string, fail: FieldError): Outcome {
  if (!(x >= 0 && x <= 1))
    throw fail("preference", `must be a probability in [0, 1] that model_a wins, got ${shown}`);
  return x;
}

/** A `winner` value (`WINNER_VALUES`; both kinds of tie are a tie). */
export function winnerOutcome(w: string, fail: FieldError): Outcome {
  if (w === "model_a") return "a";
  if (w === "model_b") return "b";
  if (w === "tie" || w === "tie (bothbad)") return "tie";
  throw fail("winner", `must be one of ${WINNER_VALUES.map((v) => `"${v}"`).join(", ")}, got "${w}"`);
}

/** A judgement's weight: a finite number >= 0. */
export function checkedWeight(x: number, shown: string, fail: FieldError): number {
  if (!(Number.isFinite(x) && x >= 0)) throw fail("weight", `must be a finite number >= 0, got ${shown}`);
  return x;
}
