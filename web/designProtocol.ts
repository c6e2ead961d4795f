/**
 * Messages between the design view (design.ts) and its worker (designWorker.ts).
 */
import type { PartitionView, ResponseAt, WeightsView } from "./designCompute.js";

type Or<T> = T | { error: string };

/** The worker's replies, in this order; a stage that failed carries its one-line message. */
export type DesignReply =
  | { gen: number; stage: "partition"; data: Or<PartitionView> }
  | { gen: number; stage: "at"; data: Or<ResponseAt> }
  | { gen: number; stage: "weights"; data: Or<WeightsView> }
  | { gen: number; stage: "weightsAt"; data: Or<ResponseAt> }
  | { gen: number; stage: "done" };
