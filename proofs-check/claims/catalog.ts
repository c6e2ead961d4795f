/**
 * The built-in claims' ids in report order, each with the import of its module, so that the command line
 * loads only the claims it runs (`modelmarket check --claim C9` loads one claim module, not all of them).
 * The same claims, in the same order, as `BUILTIN_CLAIMS` (`claims/index.ts`; a test compares them).
 */
import type { Claim } from "../types.js";

/** A built-in claim's id and the import of its claim object. */
export interface ClaimLoader {
  id: string;
  load: () => Promise<Claim>;
}

/**
 * Every built-in claim's loader, in report order. Select with `selectClaims` (it reads only `id`), then
 * await `load` of the chosen ones.
 *
 * @example
 * const c9 = await BUILTIN_CLAIM_LOADERS.find((c) => c.id === "C9")!.load();
 * c9.id; // "C9"
 */
export const BUILTIN_CLAIM_LOADERS: readonly ClaimLoader[] = [
  { id: "C1", load: async () => (await import("./c01-identity.js")).c01Identity },
  { id: "C2", load: async () => (await import("./c02-two-tasks.js")).c02TwoTasks },
  { id: "C3-perfect", load: async () => (await import("./c03-entry-welfare.js")).c03Perfect },
  { id: "C3-epsilon", load: async () => (await import("./c03-entry-welfare.js")).c03Epsilon },
  { id: "C3-logit", load: async () => (await import("./c03-entry-welfare.js")).c03Logit },
  { id: "C4-epsilon", load: async () => (await import("./c04-monotonicity.js")).c04Epsilon },
  { id: "C4-logit-derivative", load: async () => (await import("./c04-monotonicity.js")).c04LogitDerivative },
  { id: "C4-logit-hurts", load: async () => (await import("./c04-monotonicity.js")).c04LogitHurts },
  { id: "C5-entry", load: async () => (await import("./c05-winrate-homogenises.js")).c05Entry },
  { id: "C5-replacement", load: async () => (await import("./c05-winrate-homogenises.js")).c05Replacement },
  { id: "C6", load: async () => (await import("./c06-weighted-winrate-helps.js")).c06WeightedWinrateHelps },
  { id: "C6-binary", load: async () => (await import("./c06-weighted-winrate-helps.js")).c06Binary },
  { id: "C6-caps", load: async () => (await import("./c06-weighted-winrate-helps.js")).c06Caps },
  { id: "C7-small-eps", load: async () => (await import("./c07-noise-condition.js")).c07SmallEps },
  { id: "C7-large-eps", load: async () => (await import("./c07-noise-condition.js")).c07LargeEps },
  { id: "C7-continuous", load: async () => (await import("./c07-noise-condition.js")).c07Continuous },
  { id: "C8", load: async () => (await import("./c08-continuous-budgets.js")).c08ContinuousBudgets },
  { id: "C9", load: async () => (await import("./c09-marginal-values.js")).c09MarginalValues },
  { id: "C10", load: async () => (await import("./c10-alignment.js")).c10Alignment },
  { id: "E1-welfare", load: async () => (await import("./e01-equilibria.js")).e1Welfare },
  { id: "E1-welfare-best", load: async () => (await import("./e01-equilibria.js")).e1WelfareBest },
  { id: "E1-welfare-menu", load: async () => (await import("./e01-equilibria.js")).e1WelfareMenu },
  { id: "E2-diversity", load: async () => (await import("./e01-equilibria.js")).e2Diversity },
  {
    id: "E2-specialisation-menu",
    load: async () => (await import("./e01-equilibria.js")).e2SpecialisationMenu,
  },
  { id: "D-weights-2", load: async () => (await import("./d01-design.js")).dWeightsFactor2 },
  { id: "D-power-large", load: async () => (await import("./d01-design.js")).dPowerLarge },
];
