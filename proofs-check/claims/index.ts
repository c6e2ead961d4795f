/**
 * The built-in claims, in report order.
 */
import type { Claim } from "../types.js";
import { c01Identity } from "./c01-identity.js";
import { c02TwoTasks } from "./c02-two-tasks.js";
import { c03Epsilon, c03Logit, c03Perfect } from "./c03-entry-welfare.js";
import { c04Epsilon, c04LogitDerivative, c04LogitHurts } from "./c04-monotonicity.js";
import { c05Entry, c05Replacement } from "./c05-winrate-homogenises.js";
import { c06Binary, c06Caps, c06WeightedWinrateHelps } from "./c06-weighted-winrate-helps.js";
import { c07Continuous, c07LargeEps, c07SmallEps } from "./c07-noise-condition.js";
import { c08ContinuousBudgets } from "./c08-continuous-budgets.js";
import { c09MarginalValues } from "./c09-marginal-values.js";
import { c10Alignment } from "./c10-alignment.js";
import { dPowerLarge, dWeightsFactor2 } from "./d01-design.js";
import {
  e1Welfare,
  e1WelfareBest,
  e1WelfareMenu,
  e2Diversity,
  e2SpecialisationMenu,
} from "./e01-equilibria.js";

export {
  c01Identity,
  c02TwoTasks,
  c03Epsilon,
  c03Logit,
  c03Perfect,
  c04Epsilon,
  c04LogitDerivative,
  c04LogitHurts,
  c05Entry,
  c05Replacement,
  c06Binary,
  c06Caps,
  c06WeightedWinrateHelps,
  c07Continuous,
  c07LargeEps,
  c07SmallEps,
  c08ContinuousBudgets,
  c09MarginalValues,
  c10Alignment,
  dPowerLarge,
  dWeightsFactor2,
  e1Welfare,
  e1WelfareBest,
  e1WelfareMenu,
  e2Diversity,
  e2SpecialisationMenu,
};

/** Every built-in claim, in report order. */
export const BUILTIN_CLAIMS: readonly Claim[] = [
  c01Identity,
  c02TwoTasks,
  c03Perfect,
  c03Epsilon,
  c03Logit,
  c04Epsilon,
  c04LogitDerivative,
  c04LogitHurts,
  c05Entry,
  c05Replacement,
  c06WeightedWinrateHelps,
  c06Binary,
  c06Caps,
  c07SmallEps,
  c07LargeEps,
  c07Continuous,
  c08ContinuousBudgets,
  c09MarginalValues,
  c10Alignment,
  e1Welfare,
  e1WelfareBest,
  e1WelfareMenu,
  e2Diversity,
  e2SpecialisationMenu,
  dWeightsFactor2,
  dPowerLarge,
];

/** URL of this module (worker threads load the built-in claims from it). */
export const BUILTIN_CLAIMS_MODULE = import.meta.url;
