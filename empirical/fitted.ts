/**
 * The selection rule at the fitted noise: `--selection logit:beta=fit` / `probit:sigma=fit`.
 */
import { InputError } from "../src/errors.js";
import type { SelectionRule } from "../src/model/types.js";
import { type CalibrationReport, describeNoiseValue, type NoiseModel } from "./calibrate.js";

/**
 * Recognises a fitted selection spec: `logit:beta=fit` gives `"logit"`, `probit:sigma=fit` gives
 * `"probit"`, anything else `undefined` (an ordinary spec, parsed elsewhere).
 *
 * @throws nothing for valid inputs of the declared types.
 * @example
 * parseFittedSelection("logit:beta=fit"); // "logit"
 * parseFittedSelection("logit:beta=20");  // undefined
 */
export function parseFittedSelection(text: string | undefined): NoiseModel | undefined {
  if (text === undefined) return undefined;
  const t = text.replace(/\s+/g, "");
  if (t === "logit:beta=fit") return "logit";
  if (t === "probit:sigma=fit") return "probit";
  return undefined;
}

/**
 * The selection rule at a calibration's pooled fit.
 *
 * @throws InputError when the fit has no finite value (no noise level explains the judgements).
 * @example
 * selectionFromFit(calibrateNoise(wildbenchTable, pairwise, { normalization: { kind: "minmax" } })); // { rule: "logit", beta: 4.30... }
 */
export function selectionFromFit(cal: CalibrationReport): SelectionRule {
  const v = cal.pooled.value;
  if (v === null || !cal.pooled.converged || !(v > 0))
    throw new InputError(
      undefined,
      "pairwise",
      `the judgements give no usable ${cal.parameter} (${describeNoiseValue(cal.pooled)}); give a fixed selection rule`,
    );
  return cal.model === "logit" ? { rule: "logit", beta: v } : { rule: "probit", sigma: v };
}
