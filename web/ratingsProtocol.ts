/**
 * Messages between the ratings view (ratings.ts) and its worker (ratingsWorker.ts).
 */

import type { BootstrapView, CalibrationView, RatingsView } from "./ratingsCompute.js";
import type { ControlChoices, ControlledView } from "./ratingsControlledCompute.js";

export type { RatingsRequest } from "./ratingsCompute.js";

/** The worker's replies: the fit, the controlled fits (with the file's covariates), the calibration, bootstrap progress and intervals, then `done`. */
export type RatingsReply =
  | { gen: number; stage: "ratings"; data: RatingsView }
  | { gen: number; stage: "controlled"; data: ControlledView & { choices: ControlChoices } }
  | { gen: number; stage: "calibration"; data: CalibrationView | null | { error: string } }
  | { gen: number; stage: "progress"; done: number; total: number }
  | { gen: number; stage: "bootstrap"; data: BootstrapView | null | { error: string } }
  | { gen: number; stage: "done" }
  | { gen: number; stage: "error"; message: string };
