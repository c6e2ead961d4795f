/**
 * Messages between the page (main.ts) and the computing worker (worker.ts).
 */
import type { EntryView, EquilibriumView, PayoffView, ReplaceView, SweepView } from "./compute.js";
import type { MarketJson } from "./state.js";

/** A computation request; `gen` increases with every input change (newer requests supersede older). */
export interface Request {
  gen: number;
  market: MarketJson;
  /** The entrant's space as `--entrant` spec text. */
  entrant: string;
  replace: string;
}

/** The worker's replies: one per view as it completes, then `done` (or `error`). */
export type Reply =
  | { gen: number; stage: "payoffs"; ms: number; data: PayoffView }
  | { gen: number; stage: "entry"; ms: number; data: EntryView }
  | { gen: number; stage: "replace"; ms: number; data: ReplaceView | { error: string } }
  | {
      gen: number;
      stage: "equilibrium";
      ms: number;
      data: { views: EquilibriumView[]; lp: boolean } | { error: string };
    }
  | { gen: number; stage: "sweep"; ms: number; data: SweepView | null }
  | { gen: number; stage: "done"; ms: number }
  | { gen: number; stage: "error"; ms: number; message: string };
